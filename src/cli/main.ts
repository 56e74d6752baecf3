import { Writable } from 'stream';
import { helpText, parseArgs } from './args';
import { PreflightReport, preflight } from './preflight';
import { FileChange, prepareRelease } from './prepare';
import { rehearse } from './rehearse';
import { findRepositoryRoot, ownVersion, runtimeConfigFiles } from './root';
import { SimulatedJob } from './workflow-simulation';
import { writeFilesAtomically } from './write-files';
import { RuntimeConfig, readRuntimeConfig } from '../core/contract';
import { normalizeDistributionName } from '../core/distributions';
import { ProjenMaturinError, UsageError, describeError, quote } from '../core/errors';
import { formatEstimate } from '../core/estimate-report';
import { RELEASE_CONFIG_PATH } from '../core/paths';
import { describeReleaseNotes, readReleaseNotes } from '../core/release-notes';
import { parseTagPattern, tagMatchesPattern, versionFromTag } from '../core/tag-pattern';
import { parseReleaseVersion } from '../core/version';

/** Every job of the workflow in its order, whether it runs, and the steps of the publish jobs that run. */
function jobLines(jobs: SimulatedJob[]): string[] {
  const width = Math.max(...jobs.map((j) => j.id.length));
  const run = jobs.filter((j) => j.runs).length;
  return [
    `  ${run} of ${jobs.length} jobs run:`,
    ...jobs.flatMap((j) => [
      `    ${j.runs ? 'runs   ' : 'skipped'}  ${j.id.padEnd(width)}  ${j.name}`,
      ...(j.runs && j.id.startsWith('publish-') ? [`    ${' '.repeat(7 + 2 + width)}  steps: ${j.steps.join(' → ')}`] : []),
    ]),
  ];
}

/** One package's release settings, and the name `--package` selects it by. */
interface Selected {
  readonly config: RuntimeConfig;
  /** Its workflow's file name without `.yml`. */
  readonly workflow: string;
}

const workflowOf = (config: RuntimeConfig) => config.workflowPath.split('/').pop()!.replace(/\.yml$/, '');

/**
 * The release settings a command acts on. One package: its own. Several: the one
 * `--package` names (by distribution or workflow name), else the one whose tag
 * pattern the command's tag matches; otherwise the command says how to choose.
 */
function selectConfigs(root: string, command: string, argument: string | undefined, packageName: string | undefined): Selected[] {
  const files = runtimeConfigFiles(root);
  const all = (files.length > 0 ? files : [RELEASE_CONFIG_PATH]).map((file) => {
    const config = readRuntimeConfig(root, file);
    return { config, workflow: workflowOf(config) };
  });
  const names = all.map((s) => `${s.config.packageName} (${s.config.tagPattern}, ${s.config.workflowPath})`).join('; ');
  if (packageName !== undefined) {
    const wanted = normalizeDistributionName(packageName);
    const found = all.filter((s) => normalizeDistributionName(s.config.packageName) === wanted || s.workflow === packageName);
    if (found.length === 0) throw new UsageError(`--package ${JSON.stringify(packageName)} is none of the packages this repository releases: ${names}`);
    if (found.length > 1) throw new UsageError(`--package ${JSON.stringify(packageName)} names several packages: ${names}`, 'name the workflow instead, e.g. --package release');
    return found;
  }
  if (all.length === 1 || command === 'plan') return all;
  if (argument !== undefined && command !== 'prepare') {
    const matching = all.filter((s) => {
      try {
        return tagMatchesPattern(parseTagPattern(s.config.tagPattern), argument);
      } catch {
        return false;
      }
    });
    if (matching.length === 1) return matching;
  }
  const example = `projen-maturin ${command}${argument === undefined ? '' : ` ${argument}`} --package ${all[0].config.packageName}`;
  throw new UsageError(`this repository releases several packages: ${names}; ${argument !== undefined && command !== 'prepare' ? `the tag ${JSON.stringify(argument)} does not tell which` : 'name the one to prepare'}`,
    `add --package <name>, e.g. ${example}`);
}

function formatPreflight(report: PreflightReport & { readonly release: string }): string {
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
  if (report.ok) lines.push('', report.release, ...jobLines(report.push));
  if (report.dryRun.length > 0) lines.push('', 'On a manual dry run (workflow_dispatch) of the current version:', ...jobLines(report.dryRun));
  if (report.ok) {
    lines.push('', `Release notes (${report.notesSource}):`, ...(report.notes ? report.notes.trimEnd().split('\n').map((l) => `  | ${l}`) : []));
  }
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
    // Only rehearse may go without its argument (parseArgs makes sure).
    const target = invocation.argument!;
    const root = findRepositoryRoot(cwd);
    const selected = selectConfigs(root, command, invocation.argument, invocation.packageName);
    const { config } = selected[0];
    // Commands printed for a repository with several packages name the one they are for.
    const several = runtimeConfigFiles(root).length > 1;
    switch (command) {
      case 'plan':
        out.write(selected.map(({ config: c }) => `Release plan for ${c.packageName} (${c.workflowPath}); release notes: ${describeReleaseNotes(c)}\n\n${formatEstimate(c.estimate)}\n`).join('\n'));
        return 0;
      case 'preflight': {
        const report = preflight(config, root, target);
        if (flags.has('--json')) {
          const { tag, version, pep440, channel, prerelease, ok, errors, fix, warnings, notes, notesSource, push, dryRun } = report;
          out.write(JSON.stringify({ package: config.packageName, tag, version, pep440, channel, prerelease, ok, errors, fix, warnings, notes, notesSource, jobs: { push, dryRun } }, null, 2) + '\n');
        } else {
          const release = config.releaseTrigger === 'dispatch'
            ? `On a manual run with version ${report.version} and dry-run off (then tagged ${report.tag}):`
            : `On a push of ${report.tag}:`;
          out.write(formatPreflight({ ...report, release }));
        }
        return report.ok ? 0 : 1;
      }
      case 'notes': {
        const raw = versionFromTag(parseTagPattern(config.tagPattern), target) ?? (config.releaseTrigger === 'dispatch' && /^\d/.test(target) ? target : undefined);
        if (raw === undefined) throw new UsageError(`tag ${quote(target)} does not match the release tag pattern "${config.tagPattern}"`);
        const version = parseReleaseVersion(raw);
        const notes = readReleaseNotes(config, root, version);
        if (notes === undefined) {
          throw new ProjenMaturinError(`the release notes of ${config.packageName} ${version.raw} are ${config.releaseNotes === 'github' ? describeReleaseNotes(config, version) : 'none (releaseNotes is "none")'}: there is nothing to print`,
            config.releaseNotes === 'github' ? 'read them on the GitHub Release once it exists' : undefined);
        }
        out.write(notes);
        return 0;
      }
      case 'rehearse':
        return rehearse(config, root, invocation.argument, out);
      case 'prepare': {
        const prepared = prepareRelease(config, root, target, today, cwd, several ? config.packageName : undefined);
        const dryRun = flags.has('--dry-run');
        if (!dryRun) writeFilesAtomically(root, prepared.changes);
        const { raw, pep440 } = prepared.version;
        out.write(`${dryRun ? 'Would prepare' : 'Prepared'} ${prepared.tag}${raw === pep440 ? '' : ` (PEP 440 ${pep440})`}:\n\n`);
        out.write(prepared.changes.map(diff).join('\n\n') + '\n\n');
        const steps = config.releaseTrigger === 'dispatch' ? 'check, push and start the release' : 'check, tag and push';
        out.write(`${dryRun ? 'Then commit' : 'Now commit'}, ${steps}:\n${prepared.commands.map((c) => `  ${c}`).join('\n')}\n`);
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
