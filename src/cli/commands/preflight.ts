import { CommandContext } from '../command';
import { PreflightReport, preflight } from '../preflight';
import { SimulatedJob } from '../workflow-simulation';

function jobLines(jobs: SimulatedJob[]): string[] {
  const ran = jobs.filter((j) => j.runs);
  const skipped = jobs.filter((j) => !j.runs);
  const publish = ran.filter((j) => j.id.startsWith('publish-'));
  return [
    `  runs:    ${ran.map((j) => j.id).join(', ') || '(nothing)'}`,
    ...publish.map((j) => `  ${j.id}: ${j.steps.join(' → ')}`),
    `  skipped: ${skipped.map((j) => j.id).join(', ') || '(nothing)'}`,
  ];
}

function formatPreflight(report: PreflightReport): string {
  const channel = report.channel === 'testpypi' ? 'TestPyPI' : report.channel === 'pypi' ? 'PyPI' : '-';
  const lines = [
    `Release preflight for tag ${report.tag}`,
    `  version      ${report.version || '-'}`,
    `  PEP 440      ${report.pep440 || '-'}`,
    `  channel      ${channel}`,
    `  pre-release  ${report.prerelease ? 'yes' : 'no'}`,
    `  status       ${report.ok ? 'ok' : 'the plan job would stop this release'}`,
    ...report.errors.map((e) => `  error: ${e}`),
    ...(report.fix ? [`  fix: ${report.fix}`] : []),
    ...report.warnings.map((w) => `  warning: ${w}`),
  ];
  if (report.ok) lines.push('', `On a push of ${report.tag}:`, ...jobLines(report.push));
  if (report.dryRun.length > 0) lines.push('', 'On a manual dry run (workflow_dispatch) of the current version:', ...jobLines(report.dryRun));
  if (report.ok) lines.push('', 'Release notes:', ...report.notes.trimEnd().split('\n').map((l) => `  | ${l}`));
  return lines.join('\n') + '\n';
}

/** `projen-maturin preflight <tag> [--json]` */
export function run({ config, root, argument, flags, out }: CommandContext): number {
  const report = preflight(config, root, argument!);
  if (flags.has('--json')) {
    const { tag, version, pep440, channel, prerelease, ok, errors, fix, warnings, notes, push, dryRun } = report;
    out.write(JSON.stringify({ tag, version, pep440, channel, prerelease, ok, errors, fix, warnings, notes, jobs: { push, dryRun } }, null, 2) + '\n');
  } else {
    out.write(formatPreflight(report));
  }
  return report.ok ? 0 : 1;
}
