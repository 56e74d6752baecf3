import { CommandContext } from '../command';
import { PreflightReport, preflight } from '../preflight';
import { SimulatedJob } from '../workflow-simulation';

/** Every job of the workflow in its order, whether it runs, and the steps of the publish jobs that run. */
function jobLines(jobs: SimulatedJob[]): string[] {
  const width = Math.max(...jobs.map((j) => j.id.length));
  const ran = jobs.filter((j) => j.runs).length;
  return [
    `  ${ran} of ${jobs.length} jobs run:`,
    ...jobs.flatMap((j) => [
      `    ${j.runs ? 'runs   ' : 'skipped'}  ${j.id.padEnd(width)}  ${j.name}`,
      ...(j.runs && j.id.startsWith('publish-') ? [`    ${' '.repeat(7 + 2 + width)}  steps: ${j.steps.join(' → ')}`] : []),
    ]),
  ];
}

function formatPreflight(report: PreflightReport & { readonly release: string }): string {
  const channel = report.channel === 'testpypi' ? 'TestPyPI' : report.channel === 'pypi' ? 'PyPI' : '-';
  const lines = [
    `Release preflight for tag ${report.tag}`,
    `  version      ${report.version || '-'}`,
    `  PEP 440      ${report.pep440 || '-'}`,
    `  channel      ${channel}`,
    `  pre-release  ${report.prerelease ? 'yes' : 'no'}`,
    `  status       ${report.ok ? 'ok' : report.starts ? 'the plan job would stop this release' : 'a push of this tag would not start the release workflow'}`,
    ...report.errors.map((e) => `  error: ${e}`),
    ...(report.fix ? [`  fix: ${report.fix}`] : []),
    ...report.warnings.map((w) => `  warning: ${w}`),
  ];
  if (report.ok) lines.push('', report.release, ...jobLines(report.push));
  if (report.dryRun.length > 0) lines.push('', 'On a manual dry run (workflow_dispatch) of the current version:', ...jobLines(report.dryRun));
  if (report.ok) {
    lines.push('', `Release notes (${report.notesSource}):`, ...(report.notes ? report.notes.trimEnd().split('\n').map((l) => `  | ${l}`) : []));
  }
  return lines.join('\n') + '\n';
}

/** `projen-maturin preflight <tag> [--json]` */
export function run({ config, root, argument, flags, out }: CommandContext): number {
  const report = preflight(config, root, argument!);
  if (flags.has('--json')) {
    const { tag, version, pep440, channel, prerelease, ok, errors, fix, warnings, notes, notesSource, push, dryRun } = report;
    // The release run is a tag push, or for a release started by hand a manual run: named by its event, never assumed to be a push.
    const releaseEvent = config.releaseTrigger === 'dispatch' ? 'workflow_dispatch' : 'push';
    out.write(JSON.stringify({
      package: config.packageName,
      tag,
      version,
      pep440,
      channel,
      prerelease,
      ok,
      errors,
      fix,
      warnings,
      notes,
      notesSource,
      releaseEvent,
      jobs: { release: push, dryRun },
    }, null, 2) + '\n');
  } else {
    const release = config.releaseTrigger === 'dispatch'
      ? `On a manual run with version ${report.version} and dry-run off (then tagged ${report.tag}):`
      : `On a push of ${report.tag}:`;
    out.write(formatPreflight({ ...report, release }));
  }
  return report.ok ? 0 : 1;
}
