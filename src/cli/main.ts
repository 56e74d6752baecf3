import { writeFileSync } from 'fs';
import { join } from 'path';

import { PreflightReport, preflight } from './preflight';
import { FileChange, prepareRelease } from './prepare';
import { rehearse } from './rehearse';
import { SimulatedJob } from './workflow-simulation';
import { readRuntimeConfig } from '../core/contract';
import { readReleaseNotes } from '../core/decision';
import { UsageError, describeError } from '../core/errors';
import { formatEstimate } from '../core/estimate-report';
import { parseTagPattern, versionFromTag } from '../core/tag-pattern';
import { parseReleaseVersion } from '../core/version';

const USAGE = `usage: projen-maturin <command>
  preflight <tag> [--json]       what a push of <tag> releases, and which jobs run
  notes <tag>                    the release notes for <tag> (its CHANGELOG section)
  prepare <version> [--dry-run]  bump the version source and promote the CHANGELOG
  plan                           the jobs of a release and their estimated time and cost
  rehearse [tag]                 build, check and test this machine's wheels and the sdist as the
                                 release workflow would (the dry run, or a push of <tag>); needs maturin`;

const FLAGS: Record<string, string[]> = { preflight: ['--json'], prepare: ['--dry-run'], notes: [], plan: [], rehearse: [] };
/** Commands whose argument may be left out. */
const OPTIONAL_TARGET = ['plan', 'rehearse'];

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
    ...report.warnings.map((w) => `  warning: ${w}`),
  ];
  if (report.ok) lines.push('', `On a push of ${report.tag}:`, ...jobLines(report.push));
  if (report.dryRun.length > 0) lines.push('', 'On a manual dry run (workflow_dispatch) of the current version:', ...jobLines(report.dryRun));
  if (report.ok) lines.push('', 'Release notes:', ...report.notes.trimEnd().split('\n').map((l) => `  | ${l}`));
  return lines.join('\n') + '\n';
}

/** Changed lines of a rewrite, as a small diff. */
function diff(change: FileChange): string {
  const a = change.before.split('\n');
  const b = change.after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return [`--- ${change.file}`, ...a.slice(head, a.length - tail).map((l) => `- ${l}`), ...b.slice(head, b.length - tail).map((l) => `+ ${l}`)].join('\n');
}

/** The `projen-maturin` command: release logic for a maintainer's machine. */
export function main(argv: readonly string[], root = process.cwd(), out = process.stdout, today = new Date().toISOString().slice(0, 10)): number {
  const args = argv.filter((a) => !a.startsWith('--'));
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const [command, target] = args;
  try {
    if (!command || (!target && !OPTIONAL_TARGET.includes(command)) || args.length > 2) throw new UsageError(USAGE);
    // A mistyped flag must not turn a dry run into a real one.
    const unknown = [...flags].filter((f) => !(FLAGS[command] ?? []).includes(f));
    if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.join(', ')} for "${command}"\n${USAGE}`);
    const config = readRuntimeConfig(root);
    switch (command) {
      case 'plan':
        out.write(`Release plan for ${config.packageName} (${config.workflowPath})\n\n${formatEstimate(config.estimate)}\n`);
        return 0;
      case 'preflight': {
        const report = preflight(config, root, target);
        if (flags.has('--json')) {
          const { tag, version, pep440, channel, prerelease, ok, errors, warnings, notes, push, dryRun } = report;
          out.write(JSON.stringify({ tag, version, pep440, channel, prerelease, ok, errors, warnings, notes, jobs: { push, dryRun } }, null, 2) + '\n');
        } else {
          out.write(formatPreflight(report));
        }
        return report.ok ? 0 : 1;
      }
      case 'notes': {
        const raw = versionFromTag(parseTagPattern(config.tagPattern), target);
        if (raw === undefined) throw new UsageError(`tag "${target}" does not match the release tag pattern "${config.tagPattern}"`);
        out.write(readReleaseNotes(config, root, parseReleaseVersion(raw)));
        return 0;
      }
      case 'rehearse':
        return rehearse(config, root, target, out);
      case 'prepare': {
        const prepared = prepareRelease(config, root, target, today);
        const dryRun = flags.has('--dry-run');
        if (!dryRun) for (const change of prepared.changes) writeFileSync(join(root, change.file), change.after);
        out.write(`${dryRun ? 'Would prepare' : 'Prepared'} ${prepared.tag} (PEP 440 ${prepared.version.pep440}):\n\n`);
        out.write(prepared.changes.map(diff).join('\n\n') + '\n\n');
        out.write(`${dryRun ? 'Then commit' : 'Now commit'}, check, tag and push:\n${prepared.commands.map((c) => `  ${c}`).join('\n')}\n`);
        return 0;
      }
      default:
        throw new UsageError(USAGE);
    }
  } catch (e) {
    const message = describeError(e);
    if (message === undefined) throw e;
    process.stderr.write(`projen-maturin: ${message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
