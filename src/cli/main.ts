import { Writable } from 'stream';
import { helpText, parseArgs } from './args';
import { PreflightReport, preflight } from './preflight';
import { FileChange, prepareRelease } from './prepare';
import { findRepositoryRoot, ownVersion } from './root';
import { SimulatedJob } from './workflow-simulation';
import { writeFilesAtomically } from './write-files';
import { readRuntimeConfig } from '../core/contract';
import { readReleaseNotes } from '../core/decision';
import { UsageError, describeError, quote } from '../core/errors';
import { formatEstimate } from '../core/estimate-report';
import { parseTagPattern, versionFromTag } from '../core/tag-pattern';
import { parseReleaseVersion } from '../core/version';

function jobLines(jobs: SimulatedJob[]): string[] {
  const run = jobs.filter((j) => j.runs);
  const skipped = jobs.filter((j) => !j.runs);
  const publish = run.filter((j) => j.id.startsWith('publish-'));
  return [
    `  runs:    ${run.map((j) => j.id).join(', ') || '(nothing)'}`,
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

/** Changed lines of a rewrite, as a small diff. */
function diff(change: FileChange): string {
  const a = change.before.split(/\r?\n/);
  const b = change.after.split(/\r?\n/);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return [`--- ${change.file}`, ...a.slice(head, a.length - tail).map((l) => `- ${l}`), ...b.slice(head, b.length - tail).map((l) => `+ ${l}`)].join('\n');
}

/**
 * The `projen-maturin` command: release logic for a maintainer's machine. Exits 0
 * on success, 1 when the release would fail or a file is wrong, 2 for a command
 * line that cannot run (help goes to stdout with 0).
 */
export function main(
  argv: readonly string[], cwd = process.cwd(), out: Writable = process.stdout, today = new Date().toISOString().slice(0, 10),
): number {
  try {
    const invocation = parseArgs(argv);
    if (invocation.kind === 'help') {
      out.write(helpText(invocation.command));
      return 0;
    }
    if (invocation.kind === 'version') {
      out.write(`${ownVersion()}\n`);
      return 0;
    }
    const { command, flags } = invocation;
    const target = invocation.argument!;
    const root = findRepositoryRoot(cwd);
    const config = readRuntimeConfig(root);
    switch (command) {
      case 'plan':
        out.write(`Release plan for ${config.packageName} (${config.workflowPath})\n\n${formatEstimate(config.estimate)}\n`);
        return 0;
      case 'preflight': {
        const report = preflight(config, root, target);
        if (flags.has('--json')) {
          const { tag, version, pep440, channel, prerelease, ok, errors, fix, warnings, notes, push, dryRun } = report;
          out.write(JSON.stringify({ tag, version, pep440, channel, prerelease, ok, errors, fix, warnings, notes, jobs: { push, dryRun } }, null, 2) + '\n');
        } else {
          out.write(formatPreflight(report));
        }
        return report.ok ? 0 : 1;
      }
      case 'notes': {
        const raw = versionFromTag(parseTagPattern(config.tagPattern), target);
        if (raw === undefined) throw new UsageError(`tag ${quote(target)} does not match the release tag pattern "${config.tagPattern}"`);
        out.write(readReleaseNotes(config, root, parseReleaseVersion(raw)));
        return 0;
      }
      case 'prepare': {
        const prepared = prepareRelease(config, root, target, today, cwd);
        const dryRun = flags.has('--dry-run');
        if (!dryRun) writeFilesAtomically(root, prepared.changes);
        const { raw, pep440 } = prepared.version;
        out.write(`${dryRun ? 'Would prepare' : 'Prepared'} ${prepared.tag}${raw === pep440 ? '' : ` (PEP 440 ${pep440})`}:\n\n`);
        out.write(prepared.changes.map(diff).join('\n\n') + '\n\n');
        out.write(`${dryRun ? 'Then commit' : 'Now commit'}, check, tag and push:\n${prepared.commands.map((c) => `  ${c}`).join('\n')}\n`);
        return 0;
      }
      default:
        throw new Error(`command ${command} has no implementation`);
    }
  } catch (e) {
    const message = describeError(e);
    if (message === undefined) throw e;
    process.stderr.write(`projen-maturin: ${message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
