import { existsSync, readFileSync } from 'fs';
import { addSummary, cell, requireEnv, setOutput } from './io';
import { remoteTagCommit } from './tag';
import { RuntimeConfig } from '../core/contract';
import { decideRelease, planOutputs } from '../core/decision';
import { ProjenMaturinError } from '../core/errors';
import { GENERATED_FILES_DRIFT, PROJEN_MATURIN_VERSION, generatedFileProblems, generatedFilesFix } from '../core/generated-files';
import { installTarget } from '../core/index-files';
import { RELEASE_CONFIG_PATH } from '../core/paths';
import { VERIFY_REQUEST_SECONDS } from '../core/time-limits';
import { parseReleaseVersion } from '../core/version';

const stop = (problems: readonly string[], fix?: string): never => {
  addSummary(['## Release stopped', '', ...problems.map((e) => `- ${cell(e)}`), ...(fix ? ['', `Fix: ${cell(fix)}`] : [])].join('\n'));
  throw new ProjenMaturinError(problems.join('\n'), fix);
};

/** The repository as the event that started the run describes it (`$GITHUB_EVENT_PATH`). */
interface EventRepository {
  readonly fullName?: string;
  readonly visibility?: string;
  readonly ownerType?: string;
}

function eventRepository(): EventRepository {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path || !existsSync(path)) return {};
  try {
    const repository = JSON.parse(readFileSync(path, 'utf8'))?.repository ?? {};
    return { fullName: repository.full_name, visibility: repository.visibility, ownerType: repository.owner?.type };
  } catch {
    // The runner writes this file; without it the publish job's own message explains a failure.
    return {};
  }
}

/**
 * Why the publish job's attestation would fail for certain, known before anything is built:
 * GitHub stores attestations for public repositories, and for private or internal ones only
 * on GitHub Enterprise Cloud (which a user-owned repository never is), never on GitHub
 * Enterprise Server. An organisation's private repository may be on Enterprise Cloud: the
 * publish job explains a failure there.
 */
function attestationProblem(): string | undefined {
  const server = process.env.GITHUB_SERVER_URL;
  if (server && !/^https:\/\/(github\.com|[a-z0-9-]+\.ghe\.com)\/?$/i.test(server)) {
    return `publishing.attestations is on, but this run is on GitHub Enterprise Server (${server}), which does not support artifact attestations`;
  }
  const repo = eventRepository();
  if (repo.visibility !== undefined && repo.visibility !== 'public' && repo.ownerType === 'User') {
    return `publishing.attestations is on, but ${repo.fullName ?? 'this repository'} is a ${repo.visibility} repository owned by a user account: ` +
      'GitHub stores build provenance attestations only for public repositories, and for private or internal ones on GitHub Enterprise Cloud, ' +
      'so the publish job would fail after every build';
  }
  return undefined;
}

/** The summary's word on targets published without tests, so nobody mistakes them for tested ones. */
function untestedLines(config: RuntimeConfig): string[] {
  const untested = config.untestedTargets ?? [];
  return untested.length === 0 ? [] : ['', '**Published untested:**', ...untested.map((u) => `- ${cell(u.target)}: ${cell(u.wheels.join(', '))} (${cell(u.reason)})`)];
}

/** How a release stopped by the plan starts again, once fixed. */
const startAgain = (config: RuntimeConfig) =>
  (config.releaseTrigger === 'dispatch' ? 'run the workflow again'
    // The repository's tag may have released its other languages already: it stays.
    : config.sharedTag ? 'push a new tag of the repository on the fixed commit' : 'delete the tag and push it again on that commit');

/**
 * With a shared tag nothing ties the tag to the package version, so the index is asked: a
 * problem when the version is there already (a release of the repository that did not bump
 * this package), or when the index cannot say.
 */
async function indexProblem(config: RuntimeConfig, channel: string, rawVersion: string): Promise<string | undefined> {
  const target = installTarget(config, channel, parseReleaseVersion(rawVersion));
  const index = channel === 'testpypi' ? 'TestPyPI' : 'PyPI';
  const seconds = VERIFY_REQUEST_SECONDS;
  let response: Response;
  try {
    response = await fetch(target.releaseJsonUrl, { signal: AbortSignal.timeout(seconds * 1000), headers: { accept: 'application/json' } });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name;
    return `could not ask ${index} whether ${target.requirement} is released (${target.releaseJsonUrl}: ${cause}): re-run the failed job`;
  }
  await response.body?.cancel();
  if (response.status === 404) return undefined;
  if (response.ok) {
    return `${target.requirement} is on ${index} already (${target.releaseJsonUrl}): the tag starts a release of this package's version as its version source says, ` +
      'and a version is published once; bump the package version (e.g. "npx projen release:prepare <version>"), commit, and push a new tag';
  }
  return `${target.releaseJsonUrl} answered ${response.status} when asked whether ${target.requirement} is released: re-run the failed job`;
}

/** `plan`: decide the release once and publish the decision as step outputs; `configPath` is where `config` was read. */
export async function planCommand(config: RuntimeConfig, root: string, configPath = RELEASE_CONFIG_PATH): Promise<number> {
  // A hand-edited workflow, or files from different projen-maturin versions, would run
  // steps the release tools were not made for: refuse before anything is decided.
  const drift = generatedFileProblems(root, config, config.workflowPath, PROJEN_MATURIN_VERSION, configPath);
  if (drift.length > 0) stop([GENERATED_FILES_DRIFT, ...drift], generatedFilesFix(startAgain(config)));

  const decision = decideRelease(config, root, {
    event: process.env.GITHUB_EVENT_NAME ?? '',
    refType: process.env.GITHUB_REF_TYPE ?? '',
    refName: process.env.GITHUB_REF_NAME ?? '',
    dryRun: process.env.DRY_RUN === 'true',
    versionInput: process.env.RELEASE_VERSION ?? '',
  });
  if (!decision.ok) stop(decision.errors);
  // A release started by hand is tagged after publishing: an existing tag means this version was released already.
  const existing = decision.publish && config.releaseTrigger === 'dispatch' ? remoteTagCommit(requireEnv('GITHUB_REPOSITORY'), decision.tag) : undefined;
  if (existing !== undefined) {
    stop([`the tag ${decision.tag} already exists (on commit ${existing}): version ${decision.version} was released already`],
      'to finish a release that failed, re-run the failed jobs of its run; otherwise release a new version');
  }
  const onIndex = decision.publish && config.sharedTag ? await indexProblem(config, decision.channel, decision.version) : undefined;
  if (onIndex) stop([onIndex]);
  if (decision.publish && config.attestations) {
    const problem = attestationProblem();
    if (problem) {
      stop([problem], `make the repository public, or set publishing.attestations to false in .projenrc, run "npx projen" and commit; then ${startAgain(config)} (nothing was built or published)`);
    }
  }
  for (const [name, value] of Object.entries(planOutputs(decision))) setOutput(name, value);
  const where = decision.publish ? (decision.channel === 'testpypi' ? 'TestPyPI' : 'PyPI') : 'nowhere (dry run)';
  addSummary([
    // A dry run of a shared tag has no tag: the package and version name it.
    `## Release ${cell(decision.tag || `${config.packageName} ${decision.version}`)}`,
    '',
    '| | |',
    '|---|---|',
    `| version | ${cell(decision.version)} (PEP 440: ${cell(decision.pep440)}) |`,
    `| pre-release | ${decision.prerelease} |`,
    `| publishes to | ${where} |`,
    ...(config.sharedTag ? [`| tag | the repository's, shared: the version is the package's own (${cell(config.versionSource === 'cargo' ? 'Cargo.toml' : 'pyproject.toml')}) |`] : []),
    ...(config.releaseTrigger === 'dispatch' ? [`| tag | ${decision.publish ? `created on ${cell(process.env.GITHUB_SHA ?? 'this commit')} after publishing` : 'none (dry run)'} |`] : []),
    `| release notes | ${cell(decision.notesSource)} |`,
    ...untestedLines(config),
    ...(decision.notes ? ['', '### Release notes', '', decision.notes] : []),
  ].join('\n'));
  process.stdout.write(`release ${decision.tag}: version ${decision.pep440}, channel ${decision.channel}, pre-release ${decision.prerelease}, publish ${decision.publish}\n`);
  return 0;
}
