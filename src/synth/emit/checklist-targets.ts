import { cpythonTag } from '../../core/interpreters';
import { BuildJob } from '../plan/jobs';
import { jobsOf, ReleasePlan } from '../plan/release-plan';
import { runnerLabel } from '../plan/runner-labels';
import { untestedWheels, wheelTags } from '../plan/untested';

const code = (text: string) => `\`${text}\``;

/** The runner architecture that runs a wheel architecture's code natively. */
const NATIVE_RUNNER: Readonly<Record<string, 'x64' | 'arm64'>> = { x86_64: 'x64', amd64: 'x64', i686: 'x64', win32: 'x64', aarch64: 'arm64', arm64: 'arm64' };

/**
 * Where and how a target's wheels are built, as maturin-action v1.51.0 decides it (src/index.ts):
 * on Linux in a manylinux/musllinux container unless `container` is "off", or `--zig` is
 * given for a target zig supports (all but s390x) without forcing the container on; natively
 * only when the runner's architecture runs the wheel's code.
 */
function whereBuilt(build: BuildJob): string {
  const { target, platform } = build;
  const runnerArch = runnerLabel(target.runner)?.arch;
  const cross = platform.crossCompiled || (runnerArch !== undefined && NATIVE_RUNNER[platform.wheelArch] !== runnerArch);
  const verb = cross ? 'cross-compiled ' : runnerArch === undefined ? '' : 'natively ';
  if (platform.linuxContainer) {
    const forcedOn = target.container === 'on' || target.container === 'true';
    if (target.container === 'off') return `${verb}on the runner, without a container (\`targets["${platform.id}"].container\` is "off")`;
    if (target.maturinArgs.includes('--zig') && platform.id !== 'linux-s390x' && !forcedOn) return `${verb}on the runner with zig (\`--zig\`), without a container`;
    return `${verb}in a ${platform.linuxContainer}${target.level && target.level !== 'auto' ? `_${target.level}` : ''} container`;
  }
  if (platform.id === 'macos-universal2') return 'on the runner, for both architectures';
  return `${verb}on the runner`;
}

/**
 * RELEASING.md's "What a release builds" section: per target, the runner, how it is
 * built, the wheels it promises, what tests them, and what it leaves out and why.
 */
export function renderTargets(plan: ReleasePlan): string[] {
  const lines = [
    '## What a release builds',
    '',
    '| target | runner | built | wheels | tested with |',
    '| --- | --- | --- | --- | --- |',
  ];
  const notes: string[] = [];
  const floor = plan.config.abi3MinimumPython;
  for (const build of jobsOf(plan, 'build')) {
    const { target, platform } = build;
    const how = whereBuilt(build);
    const wheels = build.expected.map((e) => code(wheelTags(e))).join(' ');
    const mode = target.test;
    const where = mode.kind === 'native' ? '' : ` (in ${mode.libc === 'musl' ? 'an Alpine' : 'a Debian'} container${mode.emulated ? ' under QEMU, slow' : ''})`;
    const tested = target.untested ? `not tested: ${target.untested}` : `${target.testInterpreters.map((i) => i.spec).join(', ')}${where}`;
    lines.push(`| ${platform.title} | ${code(target.runner)} | ${how} | ${wheels} | ${tested} |`);
    // With abi3, a CPython the target lacks costs no wheel: the abi3 wheel is built with another CPython and installs on it.
    const cpythonLeftOut = floor ? target.leftOut.filter((l) => l.interpreter.kind === 'cpython') : [];
    if (floor && cpythonLeftOut.length > 0) {
      const builtWith = target.interpreters.find((i) => i.kind === 'cpython')!;
      notes.push(`- ${platform.title} builds its ${code(`${cpythonTag(floor)}-abi3`)} wheel with Python ${builtWith.version} ` +
        `(${cpythonLeftOut.map((l) => l.reason).join('; ')}); the wheel installs on CPython ${floor} and later.`);
    }
    for (const { interpreter, reason } of target.leftOut.filter((l) => !cpythonLeftOut.includes(l))) {
      notes.push(`- ${platform.title} builds no ${interpreter.spec} wheel: ${reason}.`);
    }
    if (platform.testNote && !target.untested) notes.push(`- ${platform.title}: ${platform.testNote}.`);
  }
  const untested = untestedWheels(plan);
  const untestedNotes = untested.length === 0 ? [] : [
    '',
    'These wheels are checked (names, ZIP, metadata) and published, but no test installs them before release:',
    '',
    ...untested.map((u) => `- ${u.target}: ${u.wheels.map(code).join(' ')} (${u.reason})`),
  ];
  return [...lines, ...(notes.length > 0 ? ['', ...notes] : []), ...untestedNotes, ''];
}
