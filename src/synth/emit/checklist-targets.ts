import { runnerArch } from '../plan/build-images';
import { cpythonTag } from '../plan/interpreters';
import { jobsOf, ReleasePlan } from '../plan/release-plan';
import { untestedWheels, wheelTags } from '../plan/untested';

const code = (text: string) => `\`${text}\``;

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
    // A Linux target on a runner of another architecture than its default one is cross-compiled there.
    const cross = platform.crossCompiled || (target.runnerArch !== undefined && target.runnerArch !== runnerArch(platform.defaultRunner));
    const how = platform.linuxContainer
      ? `${cross ? 'cross-compiled' : 'natively'} in a ${platform.linuxContainer}${target.level && target.level !== 'auto' ? `_${target.level}` : ''} container`
      : platform.crossCompiled ? 'on the runner, for both architectures' : 'natively';
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
