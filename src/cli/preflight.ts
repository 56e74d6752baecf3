import { spawnSync } from 'child_process';
import { ParsedWorkflow, SimulatedJob, parseWorkflow, simulateWorkflow } from './workflow-simulation';
import { hasSection } from '../core/changelog';
import { RuntimeConfig } from '../core/contract';
import { ReleaseDecision, decideRelease, planOutputs } from '../core/decision';
import { ProjenMaturinError } from '../core/errors';
import { readTextFile } from '../core/files';
import { shellQuote } from '../core/shell';
import { parseTagPattern, versionFromTag } from '../core/tag-pattern';
import { parseReleaseVersion, sameVersion } from '../core/version';
import { readSourceVersion } from '../core/version-source';

/** What a tag would release, and what the generated workflow would run for it. */
export interface PreflightReport {
  readonly tag: string;
  readonly version: string;
  readonly pep440: string;
  readonly channel: string;
  readonly prerelease: boolean;
  readonly ok: boolean;
  readonly errors: string[];
  /** What to run to make the tag releasable, when preparing the release is what is missing. */
  readonly fix?: string;
  /** Things that make this preview differ from what the tag will run. */
  readonly warnings: string[];
  readonly notes: string;
  /** Jobs for a push of the tag (empty when the plan job would stop the release). */
  readonly push: SimulatedJob[];
  /** Jobs for a manual dry run of the current version. */
  readonly dryRun: SimulatedJob[];
}

function simulate(
  workflow: ParsedWorkflow, decision: ReleaseDecision, github: Record<string, string>, inputs: Record<string, unknown>,
): SimulatedJob[] {
  return decision.ok ? simulateWorkflow(workflow, { github, inputs, planOutputs: planOutputs(decision) }) : [];
}

/** Files with uncommitted changes: the tag will carry the committed ones. */
function uncommitted(root: string): string[] {
  const status = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
  return status.status === 0 ? status.stdout.split('\n').filter(Boolean).map((l) => l.slice(3)) : [];
}

const quietly = <T>(fn: () => T): T | undefined => {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ProjenMaturinError) return undefined;
    throw e;
  }
};

/**
 * When the tag's version is not prepared yet (the version source says another
 * version, or the CHANGELOG has no section for it, as in a new project), the
 * command that prepares it.
 */
function prepareFix(config: RuntimeConfig, root: string, tag: string): string | undefined {
  const raw = quietly(() => versionFromTag(parseTagPattern(config.tagPattern), tag));
  const version = raw === undefined ? undefined : quietly(() => parseReleaseVersion(raw));
  if (!version) return undefined;
  const source = quietly(() => parseReleaseVersion(readSourceVersion(root, config.versionSource)));
  const changelog = quietly(() => readTextFile(root, config.changelogFile));
  const unprepared = (source && !sameVersion(source, version)) || (changelog !== undefined && !hasSection(changelog, version));
  return unprepared
    ? `run "npx projen release:prepare ${shellQuote(raw!)}" to set that version and move the CHANGELOG's Unreleased section under it, commit, then check the tag again`
    : undefined;
}

/**
 * Runs the release decision for `tag` exactly as the plan job does, then asks
 * the generated workflow itself which jobs and steps would run.
 */
export function preflight(config: RuntimeConfig, root: string, tag: string): PreflightReport {
  const workflowYaml = readTextFile(root, config.workflowPath);
  if (workflowYaml === undefined) {
    throw new ProjenMaturinError(`${config.workflowPath} does not exist`, 'run "npx projen" in the repository root to generate the release workflow, and commit it');
  }
  // Parsed once for both simulations.
  const workflow = parseWorkflow(workflowYaml);
  const dirty = uncommitted(root);
  const warnings = dirty.length > 0
    ? [`uncommitted changes (${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''}): this preview reads the working tree, the tag will carry the last commit`]
    : [];
  for (const { target, reason } of config.untestedTargets ?? []) warnings.push(`${target} wheels are published without being tested (${reason})`);
  const push = decideRelease(config, root, { event: 'push', refType: 'tag', refName: tag, dryRun: false });
  const dryRun = decideRelease(config, root, { event: 'workflow_dispatch', refType: 'branch', refName: 'main', dryRun: true });
  return {
    tag,
    version: push.version,
    pep440: push.pep440,
    channel: push.channel,
    prerelease: push.prerelease,
    ok: push.ok,
    errors: push.errors,
    fix: push.ok ? undefined : prepareFix(config, root, tag),
    warnings,
    notes: push.notes,
    push: simulate(workflow, push, { event_name: 'push', ref: `refs/tags/${tag}`, ref_name: tag, ref_type: 'tag' }, {}),
    dryRun: simulate(workflow, dryRun, { event_name: 'workflow_dispatch', ref: 'refs/heads/main', ref_name: 'main', ref_type: 'branch' }, { 'dry-run': true }),
  };
}
