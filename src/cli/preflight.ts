import { spawnSync } from 'child_process';
import { ParsedWorkflow, SimulatedJob, readWorkflow, simulateWorkflow } from './workflow-simulation';
import { hasSection } from '../core/changelog';
import { RuntimeConfig } from '../core/contract';
import { ReleaseDecision, ReleaseTrigger, decideRelease, planOutputs } from '../core/decision';
import { ProjenMaturinError } from '../core/errors';
import { readTextFile } from '../core/files';
import { describeOtherReleaseWorkflow, otherReleaseWorkflows } from '../core/other-workflows';
import { shellQuote } from '../core/shell';
import { TagPattern, parseTagPattern, tagMatchesPattern, versionFromTag } from '../core/tag-pattern';
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
  /** False for a tag the workflow's tag filter does not match: a push of it starts no release at all. */
  readonly starts: boolean;
  readonly errors: string[];
  /** What to run to make the tag releasable, when preparing the release is what is missing. */
  readonly fix?: string;
  /** Things that make this preview differ from what the tag will run. */
  readonly warnings: string[];
  readonly notes: string;
  /** Where the release notes come from, in words. */
  readonly notesSource: string;
  /** Jobs for a push of the tag, or the manual run that releases the version (empty when the plan job would stop the release). */
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

/** Whether this clone has the tag (a release started by hand creates it: it must not exist yet). */
function localTagExists(root: string, tag: string): boolean {
  return spawnSync('git', ['rev-parse', '--quiet', '--verify', `refs/tags/${tag}`], { cwd: root, encoding: 'utf8' }).status === 0;
}

const quietly = <T>(fn: () => T): T | undefined => {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ProjenMaturinError) return undefined;
    throw e;
  }
};

/** The version a preflight argument names: the tag's, or (for releases started by hand) the version itself. */
function argumentVersion(config: RuntimeConfig, argument: string): string | undefined {
  const pattern = quietly(() => parseTagPattern(config.tagPattern));
  const fromTag = pattern ? versionFromTag(pattern, argument) : undefined;
  return fromTag ?? (config.releaseTrigger === 'dispatch' && /^\d/.test(argument) ? argument : undefined);
}

/**
 * When the version is not prepared yet (the version source says another
 * version, or a required CHANGELOG section is missing, as in a new project), the
 * command that prepares it.
 */
function prepareFix(config: RuntimeConfig, root: string, argument: string): string | undefined {
  const raw = argumentVersion(config, argument);
  const version = raw === undefined ? undefined : quietly(() => parseReleaseVersion(raw));
  if (!version) return undefined;
  const source = quietly(() => parseReleaseVersion(readSourceVersion(root, config.versionSource, config.packageDirectory)));
  const changelog = config.changelogRequired ? quietly(() => readTextFile(root, config.changelogFile)) : undefined;
  const unprepared = (source && !sameVersion(source, version)) || (changelog !== undefined && !hasSection(changelog, version));
  if (!unprepared) return undefined;
  const what = config.changelogRequired ? 'to set that version and move the CHANGELOG\'s Unreleased section under it' : 'to set that version';
  return `run "npx projen release:prepare ${shellQuote(raw!)}" ${what}, commit, then check the ${config.releaseTrigger === 'dispatch' ? 'version' : 'tag'} again`;
}

/** For a tag the workflow's filter does not match: the tag that would start it. */
function tagFix(pattern: TagPattern, argument: string): string {
  // The version the argument ends with, after any other prefix (`0.3.6`, `javascript-v0.21.1` → `0.21.1`).
  const versions = [...argument].flatMap((c, i) => (/\d/.test(c) && (i === 0 || !/[\d.]/.test(argument[i - 1])) ? [argument.slice(i)] : []));
  const example = versions.map((v) => `${pattern.prefix}${v}`).find((tag) => tagMatchesPattern(pattern, tag)) ?? `${pattern.prefix}1.2.3`;
  return `tag ${example} instead: the release workflow starts for tags that match "${pattern.pattern}"`;
}

/**
 * Runs the release decision for `argument` (a tag; for a release started by hand,
 * the version or its tag) exactly as the plan job does, then asks the generated
 * workflow itself which jobs and steps would run.
 */
export function preflight(config: RuntimeConfig, root: string, argument: string): PreflightReport {
  // Parsed once for both simulations.
  const workflow = readWorkflow(root, config.workflowPath);
  const dirty = uncommitted(root);
  const warnings = dirty.length > 0
    ? [`uncommitted changes (${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''}): this preview reads the working tree, the ${config.releaseTrigger === 'dispatch' ? 'release' : 'tag'} will carry the last commit`]
    : [];
  for (const { target, wheels, reason } of config.untestedTargets ?? []) warnings.push(`${target} wheels ${wheels.join(', ')} are published without being tested (${reason})`);
  const pattern = quietly(() => parseTagPattern(config.tagPattern));
  // Another workflow of the repository that releases on the same tags would publish a second time.
  // Not for releases started by hand: their tag is pushed with GITHUB_TOKEN, which starts no other workflow.
  const others = pattern && config.releaseTrigger !== 'dispatch' ? otherReleaseWorkflows(root, pattern, new Set([config.workflowPath])) : [];
  warnings.push(...others.map(describeOtherReleaseWorkflow));
  const dispatch = config.releaseTrigger === 'dispatch';
  const main = { refType: 'branch', refName: 'main' };
  const releaseTrigger: ReleaseTrigger = dispatch
    ? { event: 'workflow_dispatch', ...main, dryRun: false, versionInput: argument }
    : { event: 'push', refType: 'tag', refName: argument, dryRun: false };
  const push = decideRelease(config, root, releaseTrigger);
  if (dispatch && push.ok && localTagExists(root, push.tag)) {
    push.errors.push(`the tag ${push.tag} already exists: version ${push.version} was released already (the plan job refuses a version whose tag is on GitHub)`);
  }
  const starts = dispatch || pattern === undefined || tagMatchesPattern(pattern, argument);
  if (config.sharedTag && push.ok) {
    warnings.push(`the tag is the repository's (sharedTag): it releases ${push.version}, the version ${config.versionSource === 'cargo' ? 'Cargo.toml' : 'pyproject.toml'} says; ` +
      `the plan job stops if ${config.packageName} ${push.pep440} is on ${push.channel === 'testpypi' ? 'TestPyPI' : 'PyPI'} already (preflight does not ask the index)`);
  } else if (!dispatch && push.ok && localTagExists(root, argument)) {
    // The tag may be made but not pushed yet; if it was pushed, this version is out.
    warnings.push(`the tag ${argument} exists in this clone already: if it was pushed, ${push.version} is released, and PyPI takes a version only once; ` +
      'to release again, prepare the next version with "npx projen release:prepare <version>"');
  }
  const ok = push.ok && push.errors.length === 0;
  const dryRun = decideRelease(config, root, { event: 'workflow_dispatch', ...main, dryRun: true });
  const releaseRun = dispatch
    ? { event_name: 'workflow_dispatch', ref: 'refs/heads/main', ref_name: 'main', ref_type: 'branch' }
    : { event_name: 'push', ref: `refs/tags/${argument}`, ref_name: argument, ref_type: 'tag' };
  const decided = { ...push, ok };
  return {
    tag: push.tag || argument,
    version: push.version,
    pep440: push.pep440,
    channel: push.channel,
    prerelease: push.prerelease,
    ok,
    starts,
    errors: push.errors,
    fix: ok ? undefined : starts ? prepareFix(config, root, argument) : tagFix(pattern!, argument),
    warnings,
    notes: push.notes,
    notesSource: push.notesSource,
    push: simulate(workflow, decided, releaseRun, dispatch ? { 'version': argument, 'dry-run': false } : {}),
    dryRun: simulate(workflow, dryRun, { event_name: 'workflow_dispatch', ref: 'refs/heads/main', ref_name: 'main', ref_type: 'branch' },
      dispatch ? { 'version': '', 'dry-run': true } : { 'dry-run': true }),
  };
}
