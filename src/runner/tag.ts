import { spawnSync } from 'child_process';
import { addSummary, cell, requireEnv } from './io';
import { RuntimeConfig } from '../core/contract';
import { ProjenMaturinError } from '../core/errors';
import { parseTagPattern, versionFromTag } from '../core/tag-pattern';
import { parseReleaseVersion, sameVersion } from '../core/version';

// gh has no time limit of its own.
const GH_SECONDS = 60;

interface ApiResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `gh api` on the repository the workflow runs in; fields are sent as strings (`-f`). */
function api(method: 'GET' | 'POST', path: string, fields: Record<string, string> = {}): ApiResult {
  const args = ['api', `--method=${method}`, ...Object.entries(fields).flatMap(([k, v]) => ['-f', `${k}=${v}`]), '--', path];
  const result = spawnSync('gh', args, { encoding: 'utf8', timeout: GH_SECONDS * 1000 });
  const error = result.error as NodeJS.ErrnoException | undefined;
  if (error?.code === 'ENOENT') throw new ProjenMaturinError('the GitHub CLI (gh) is not on PATH', 'GitHub-hosted runners have it; on a self-hosted runner install it (https://cli.github.com)');
  if (error?.code === 'ETIMEDOUT') throw new ProjenMaturinError(`gh api ${path} did not finish within ${GH_SECONDS} seconds`, 'GitHub may be slow or unavailable: re-run the failed job');
  if (error) throw new ProjenMaturinError(`could not run gh api ${path} (${error.code ?? error.message})`);
  return { status: result.status ?? 1, stdout: result.stdout ?? '', stderr: (result.stderr ?? '').trim() };
}

function json(result: ApiResult, what: string): any {
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new ProjenMaturinError(`GitHub answered ${what} with something that is not JSON: ${result.stdout.slice(0, 80)}`, 're-run the failed job');
  }
}

function failure(doing: string, result: ApiResult): ProjenMaturinError {
  const said = result.stderr ? `: ${result.stderr.split('\n').slice(-3).join(' / ')}` : '';
  if (/HTTP 40[13]|Resource not accessible|authentication|GH_TOKEN/i.test(result.stderr)) {
    return new ProjenMaturinError(`could not ${doing}${said}`,
      'the job needs GH_TOKEN set to github.token and "permissions: contents: write"; if a tag ruleset restricts creating release tags, let this workflow bypass it; then re-run the failed job');
  }
  return new ProjenMaturinError(`could not ${doing}${said}`, 'GitHub may be unavailable: re-run the failed job');
}

/** `repos/<owner>/<name>/git/…`, with each part of the tag name encoded. */
const gitPath = (repository: string, rest: string) => `repos/${repository}/git/${rest}`;
const tagRefPath = (repository: string, tag: string) => gitPath(repository, `ref/tags/${tag.split('/').map(encodeURIComponent).join('/')}`);

/** The commit a tag on GitHub points to (through an annotated tag object), or undefined when there is no such tag. */
export function remoteTagCommit(repository: string, tag: string): string | undefined {
  const ref = api('GET', tagRefPath(repository, tag));
  if (ref.status !== 0) {
    if (/HTTP 404|Not Found/i.test(ref.stderr)) return undefined;
    throw failure(`read the tag ${tag}`, ref);
  }
  const object = json(ref, `the tag ${tag}`)?.object ?? {};
  if (object.type !== 'tag') return String(object.sha);
  const annotated = api('GET', gitPath(repository, `tags/${encodeURIComponent(String(object.sha))}`));
  if (annotated.status !== 0) throw failure(`read the tag object of ${tag}`, annotated);
  return String(json(annotated, `the tag object of ${tag}`)?.object?.sha);
}

/**
 * `create-tag`: a release started by hand tags the commit it was started on,
 * after publishing: an annotated tag `TAG` on `TAG_SHA`, made through the GitHub
 * API with the job's token. A re-run accepts the tag when it is already there on
 * that commit, and refuses one on another commit.
 */
export function createTagCommand(config: RuntimeConfig): number {
  const tag = requireEnv('TAG');
  const version = parseReleaseVersion(requireEnv('VERSION'));
  const sha = requireEnv('TAG_SHA');
  const repository = requireEnv('GITHUB_REPOSITORY');
  const tagVersion = versionFromTag(parseTagPattern(config.tagPattern), tag);
  if (tagVersion === undefined || !sameVersion(parseReleaseVersion(tagVersion), version)) {
    throw new ProjenMaturinError(`TAG is "${tag.slice(0, 80)}", which is not the release tag of version ${version.raw} (pattern ${config.tagPattern})`);
  }
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new ProjenMaturinError(`TAG_SHA is "${sha.slice(0, 80)}"; it must be the full commit SHA the release was built from`);

  const check = (existing: string): number => {
    if (existing !== sha) {
      throw new ProjenMaturinError(`the tag ${tag} already exists on GitHub, on commit ${existing}, not on ${sha} where this release was built`,
        'the version was tagged elsewhere: do not move a release tag; release a new version');
    }
    process.stdout.write(`the tag ${tag} is already on ${sha}\n`);
    addSummary(`Tag \`${cell(tag)}\` was already on ${sha}.`);
    return 0;
  };
  const existing = remoteTagCommit(repository, tag);
  if (existing !== undefined) return check(existing);

  const object = api('POST', gitPath(repository, 'tags'), { tag, message: `Release ${version.raw}`, object: sha, type: 'commit' });
  if (object.status !== 0) throw failure(`create the tag object ${tag}`, object);
  const ref = api('POST', gitPath(repository, 'refs'), { ref: `refs/tags/${tag}`, sha: String(json(object, `the tag object ${tag}`)?.sha) });
  if (ref.status !== 0) {
    // Another run may have made it meanwhile: accept it only on this commit.
    const now = /Reference already exists/i.test(ref.stderr) ? remoteTagCommit(repository, tag) : undefined;
    if (now !== undefined) return check(now);
    throw failure(`create the tag ${tag}`, ref);
  }
  process.stdout.write(`tagged ${sha} as ${tag}\n`);
  addSummary(`Tagged ${sha} as \`${cell(tag)}\`.`);
  return 0;
}
