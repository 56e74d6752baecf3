import { ReleasePlan, jobsOf } from './release-plan';
import { ExpectedDistribution } from '../../core/distributions';
import { Interpreter, testImage } from '../../core/interpreters';
import { ResolvedTarget } from '../config';

/** Wheels of one target that are built and published but that no test installs, and why. */
export interface UntestedWheels {
  /** The target's title, e.g. "Linux i686". */
  readonly target: string;
  /** Wheel tags, e.g. `cp39`, `cp314-cp314t`, `py3-none`. */
  readonly wheels: readonly string[];
  readonly reason: string;
}

/** A wheel's tags as RELEASING.md and the summaries name it: `cp312`, `cp39-abi3`, `cp314-cp314t`, `py3-none`. */
export function wheelTags(wheel: ExpectedDistribution): string {
  if (wheel.pythonTag === 'py3') return 'py3-none';
  return wheel.pythonTag === wheel.abiTag ? wheel.pythonTag! : `${wheel.pythonTag}-${wheel.abiTag}`;
}

/** Whether `interpreter` installs `wheel` (abi3: any CPython at or above the floor). */
function installs(wheel: ExpectedDistribution, interpreter: Interpreter, floorMinor: number | undefined): boolean {
  if (wheel.pythonTag === 'py3') return true;
  if (wheel.abiTag === 'abi3') return interpreter.kind === 'cpython' && floorMinor !== undefined && interpreter.minor >= floorMinor;
  return interpreter.pythonTag === wheel.pythonTag && interpreter.abiTag === wheel.abiTag;
}

/** Why no test of a tested target installs the wheel `builtWith` makes. */
function whyUntested(target: ResolvedTarget, builtWith: Interpreter | undefined): string {
  // The test containers run Docker's official python images, which have CPython only, and not every version on every platform.
  const test = target.test;
  if (test.kind === 'container' && !(builtWith && testImage(builtWith, test.libc, test.dockerPlatform))) {
    return `its tests run in Docker's official \`python\` image, which has none of these Pythons for ${test.dockerPlatform}`;
  }
  return builtWith ? `its test Pythons (testPythonVersions) leave out ${builtWith.spec}` : 'none of its test Pythons installs it';
}

/**
 * Every promised wheel no test job installs, per target and reason: whole targets
 * that are not tested, and on tested targets the wheels of interpreters the tests
 * cannot run or were not asked to (e.g. free-threaded, PyPy and 3.9 wheels on
 * targets tested in a container).
 */
export function untestedWheels(plan: ReleasePlan): UntestedWheels[] {
  const floor = plan.config.abi3MinimumPython ? Number(plan.config.abi3MinimumPython.split('.')[1]) : undefined;
  const result: UntestedWheels[] = [];
  for (const target of plan.config.targets) {
    const wheels = jobsOf(plan, 'build').filter((b) => b.platform.id === target.platform.id).flatMap((b) => b.expected);
    const byReason = new Map<string, string[]>();
    for (const wheel of wheels) {
      if (target.testInterpreters.some((i) => installs(wheel, i, floor))) continue;
      const reason = target.untested ?? whyUntested(target, target.interpreters.find((i) => installs(wheel, i, floor)));
      byReason.set(reason, [...(byReason.get(reason) ?? []), wheelTags(wheel)]);
    }
    for (const [reason, tags] of byReason) result.push({ target: target.platform.title, wheels: tags, reason });
  }
  return result;
}
