import { runnerArch } from '../plan/build-images';
import { jobsOf, ReleasePlan } from '../plan/release-plan';

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
  for (const build of jobsOf(plan, 'build')) {
    const { target, platform } = build;
    // A Linux target on a runner of another architecture than its default one is cross-compiled there.
    const cross = platform.crossCompiled || (target.runnerArch !== undefined && target.runnerArch !== runnerArch(platform.defaultRunner));
    const how = platform.linuxContainer
      ? `${cross ? 'cross-compiled' : 'natively'} in a ${platform.linuxContainer}${target.level && target.level !== 'auto' ? `_${target.level}` : ''} container`
      : platform.crossCompiled ? 'on the runner, for both architectures' : 'natively';
    const wheels = build.expected.map((e) => code(e.pythonTag === 'py3' ? 'py3-none' : e.pythonTag === e.abiTag ? e.pythonTag! : `${e.pythonTag}-${e.abiTag}`)).join(' ');
    const mode = target.test;
    const where = mode.kind === 'native' ? '' : ` (in ${mode.libc === 'musl' ? 'an Alpine' : 'a Debian'} container${mode.emulated ? ' under QEMU, slow' : ''})`;
    const tested = target.untested ? `not tested: ${target.untested}` : `${target.testInterpreters.map((i) => i.spec).join(', ')}${where}`;
    lines.push(`| ${platform.title} | ${code(target.runner)} | ${how} | ${wheels} | ${tested} |`);
    for (const { interpreter, reason } of target.leftOut) notes.push(`- ${platform.title} builds no ${interpreter.spec} wheel: ${reason}.`);
    if (platform.testNote && !target.untested) notes.push(`- ${platform.title}: ${platform.testNote}.`);
  }
  const untested = jobsOf(plan, 'build').filter((b) => b.target.untested);
  if (untested.length > 0) {
    notes.push(`- Untested wheels are checked (names, ZIP, metadata) and published, but nothing runs them before release: ${untested.map((b) => b.platform.title).join(', ')}.`);
  }
  return [...lines, ...(notes.length > 0 ? ['', ...notes] : []), ''];
}
