import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BuiltFile, readBuiltFiles } from './dist-files';
import { addSummary, cell, requireEnv } from './io';
import { RuntimeConfig } from '../core/contract';
import { ProjenMaturinError } from '../core/errors';
import {
  AssetComparison, ListedRelease, ReleaseAsset, compareReleaseAssets, describeAssetProblems, previousReleaseTag, shouldBeLatest,
} from '../core/release-assets';
import { readReleaseNotes } from '../core/release-notes';
import { shellQuote } from '../core/shell';
import { parseTagPattern, versionFromTag } from '../core/tag-pattern';
import { parseReleaseVersion, sameVersion } from '../core/version';

/** A release as `gh release view --json` shows it (cli/cli pkg/cmd/release/shared/fetch.go). */
interface ViewedRelease {
  readonly tagName: string;
  readonly isDraft: boolean;
  readonly isPrerelease: boolean;
  readonly url: string;
  readonly assets: readonly ReleaseAsset[];
}
const VIEW_FIELDS = 'tagName,isDraft,isPrerelease,url,assets';

// gh has no time limit of its own: every call gets one (uploads carry up to ~100 MB).
const GH_SECONDS = 120;
const UPLOAD_SECONDS = 900;

const FIX_FORWARD = 'fix forward: release a new version (bump it, update the CHANGELOG, push its tag). ' +
  'Do not delete this release or its tag: people may have downloaded these files, and on a repository with immutable releases ' +
  'GitHub never lets the tag name be used again.';

/** A file-system step on the runner's temporary directory, with a message instead of a stack trace. */
function onRunner<T>(what: string, action: () => T): T {
  try {
    return action();
  } catch (e) {
    throw new ProjenMaturinError(`could not ${what} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      `check that the runner's temporary directory (${tmpdir()}) is writable and has space, then re-run the failed job`);
  }
}

/** The GitHub CLI, for one tag. Values are joined to their flags and "--" ends the flags, so nothing is read as an option. */
class GitHubCli {
  constructor(private readonly tag: string) {}

  /** Runs gh; a failure to start or to finish in time is a message, a non-zero exit is returned. */
  run(args: string[], seconds = GH_SECONDS): { status: number; stdout: string; stderr: string } {
    const result = spawnSync('gh', args, { encoding: 'utf8', timeout: seconds * 1000, maxBuffer: 64 * 1024 * 1024 });
    const what = `gh ${args.slice(0, 2).join(' ')}`;
    const error = result.error as NodeJS.ErrnoException | undefined;
    if (error?.code === 'ENOENT') {
      throw new ProjenMaturinError('the GitHub CLI (gh) is not on PATH', 'GitHub-hosted runners have it; on a self-hosted runner install it (https://cli.github.com)');
    }
    if (error?.code === 'ETIMEDOUT') {
      throw new ProjenMaturinError(`${what} for ${this.tag} did not finish within ${seconds} seconds`, 'GitHub may be slow or unavailable: re-run the failed job; it completes what this run started');
    }
    if (error) throw new ProjenMaturinError(`could not run ${what} (${error.code ?? error.message})`);
    return { status: result.status ?? 1, stdout: result.stdout ?? '', stderr: (result.stderr ?? '').trim() };
  }

  /** Runs gh and turns a failure into a message that says what failed and what to do. */
  must(args: string[], doing: string, seconds = GH_SECONDS): string {
    const result = this.run(args, seconds);
    if (result.status !== 0) throw this.failure(doing, result.stderr);
    return result.stdout;
  }

  private failure(doing: string, stderr: string): ProjenMaturinError {
    const said = stderr ? `: ${stderr.split('\n').slice(-4).join(' / ')}` : '';
    if (/tag_name was used by an immutable release/.test(stderr)) {
      return new ProjenMaturinError(`GitHub refused to ${doing}${said}. The tag ${this.tag} belonged to an immutable release that was deleted, and its name can never be used again`,
        'fix forward: release a new version (bump it, update the CHANGELOG, push its tag)');
    }
    if (/immutable release/i.test(stderr)) {
      return new ProjenMaturinError(`GitHub refused to ${doing}${said}. The release ${this.tag} is published and immutable: its files can no longer change`, FIX_FORWARD);
    }
    if (/doesn't exist in the repo|aborting due to --verify-tag/.test(stderr)) {
      return new ProjenMaturinError(`could not ${doing}${said}`, `the tag ${this.tag} is not on GitHub: the release runs for a pushed tag; push it again (git push origin ${shellQuote(this.tag)}) if it was deleted`);
    }
    if (/HTTP 40[13]|Resource not accessible|authentication|GH_TOKEN/i.test(stderr)) {
      return new ProjenMaturinError(`could not ${doing}${said}`, 'the job needs GH_TOKEN set to github.token and "permissions: contents: write"; run "npx projen" to regenerate the workflow and commit it');
    }
    return new ProjenMaturinError(`could not ${doing}${said}`, 'GitHub may be unavailable: re-run the failed job; it completes a draft left by this run and never publishes before every file is uploaded and checked');
  }

  view(): ViewedRelease | undefined {
    const result = this.run(['release', 'view', `--json=${VIEW_FIELDS}`, '--', this.tag]);
    if (result.status !== 0) {
      if (/release not found/i.test(result.stderr)) return undefined;
      throw this.failure(`read the release ${this.tag}`, result.stderr);
    }
    let release: ViewedRelease;
    try {
      release = JSON.parse(result.stdout);
    } catch {
      throw new ProjenMaturinError(`gh release view ${this.tag} printed something that is not JSON: ${result.stdout.slice(0, 80)}`, 'update the GitHub CLI on the runner');
    }
    if (!release || typeof release.isDraft !== 'boolean' || !Array.isArray(release.assets)) {
      throw new ProjenMaturinError(`gh release view ${this.tag} printed JSON without the fields ${VIEW_FIELDS}`, 'update the GitHub CLI on the runner');
    }
    return release;
  }

  list(): ListedRelease[] {
    const out = this.must(['release', 'list', '--json=tagName,isLatest,isDraft,isPrerelease', '--limit=100'], 'list the releases');
    // Only decides the Latest badge: an unreadable list leaves GitHub's default (the newest published is Latest).
    try {
      const releases = JSON.parse(out);
      return Array.isArray(releases) ? releases : [];
    } catch {
      return [];
    }
  }

  /** sha256 of assets that have no digest (older uploads, servers without digests), by downloading them. */
  download(names: readonly string[]): Map<string, string> {
    const dir = onRunner('make a directory for downloaded release files', () => mkdtempSync(join(tmpdir(), 'release-assets-')));
    const hashes = new Map<string, string>();
    for (const name of names) {
      // gh matches --pattern as a glob: escape glob characters to match the name exactly.
      this.must(['release', 'download', `--pattern=${name.replace(/[*?[\]\\]/g, '\\$&')}`, `--dir=${dir}`, '--', this.tag], `download ${name} from the release ${this.tag}`, UPLOAD_SECONDS);
      const bytes = onRunner(`read ${join(dir, name)}, downloaded from the release`, () => readFileSync(join(dir, name)));
      hashes.set(name, createHash('sha256').update(bytes).digest('hex'));
    }
    return hashes;
  }
}

/** The release's assets compared with the build, downloading those GitHub gives no digest for. */
function compare(gh: GitHubCli, built: ReadonlyMap<string, BuiltFile>, release: ViewedRelease): AssetComparison {
  const hashes = new Map([...built].map(([name, file]) => [name, file.sha256]));
  const first = compareReleaseAssets(hashes, release.assets);
  return first.unknown.length === 0 ? first : compareReleaseAssets(hashes, release.assets, gh.download(first.unknown));
}

function parseFlag(name: string, value: string): boolean {
  if (value !== 'true' && value !== 'false') throw new ProjenMaturinError(`environment variable ${name} is "${value}"; it must be "true" or "false"`);
  return value === 'true';
}

/**
 * `github-release`: the GitHub Release for the tag, safe with immutable releases and
 * safe to re-run. A draft is created, every distribution uploaded and its digest
 * checked against the checked build, and only then is it published, once. A re-run
 * completes a draft left by a failed run, and accepts a published release only if
 * its files are the checked build.
 */
export function githubReleaseCommand(config: RuntimeConfig, root: string): number {
  const tag = requireEnv('TAG');
  const version = parseReleaseVersion(requireEnv('VERSION'));
  const pattern = parseTagPattern(config.tagPattern);
  const tagVersion = versionFromTag(pattern, tag);
  if (tagVersion === undefined || !sameVersion(parseReleaseVersion(tagVersion), version)) {
    throw new ProjenMaturinError(`TAG is "${tag.slice(0, 80)}", which is not the release tag of version ${version.raw} (pattern ${config.tagPattern})`);
  }
  const prerelease = parseFlag('PRERELEASE', requireEnv('PRERELEASE'));
  const draftOnly = parseFlag('RELEASE_DRAFT', process.env.RELEASE_DRAFT || 'false');
  const assetsDir = process.env.RELEASE_ASSETS ?? '';
  const built: ReadonlyMap<string, BuiltFile> = assetsDir ? readBuiltFiles(assetsDir, 'RELEASE_ASSETS') : new Map();
  // Notes from the repository (CHANGELOG section or notes file) are set on every run; GitHub's
  // generated notes, or none, only when the release is created, so a re-run keeps them.
  const notes = readReleaseNotes(config, root, version);
  const notesFile = notes === undefined ? undefined : onRunner('write the release notes to a temporary file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'release-notes-')), 'notes.md');
    writeFileSync(file, notes);
    return file;
  });
  const details = [`--title=${tag}`, ...(notesFile ? [`--notes-file=${notesFile}`] : []), `--prerelease=${prerelease}`];
  const gh = new GitHubCli(tag);
  const createNotes = (): string[] => {
    if (config.releaseNotes === 'none') return ['--notes='];
    if (config.releaseNotes !== 'github') return [];
    const since = previousReleaseTag(version, tag, pattern, gh.list());
    return ['--generate-notes', ...(since ? [`--notes-start-tag=${since}`] : [])];
  };
  const log = (line: string) => process.stdout.write(`${line}\n`);

  let release = gh.view();
  if (release && !release.isDraft) {
    // Published: its files are locked on repositories with immutable releases, and
    // may have been downloaded on any other. Only the title, notes and flag change.
    const comparison = assetsDir ? compare(gh, built, release) : undefined;
    const problems = comparison ? describeAssetProblems(comparison) : [];
    if (problems.length > 0) {
      addSummary(['## GitHub Release not the checked build', '', `\`${cell(tag)}\` is already published with other files:`, '', ...problems.map((p) => `- ${cell(p)}`)].join('\n'));
      throw new ProjenMaturinError(`the GitHub Release ${tag} is already published, and its files are not the checked build:\n${problems.join('\n')}`, FIX_FORWARD);
    }
    for (const name of comparison?.extra ?? []) log(`note: ${name} is on the release but not in the checked build; left as it is`);
    const updated = notesFile ? 'title and notes' : 'title';
    gh.must(['release', 'edit', ...details, '--', tag], `update the ${updated} of the release ${tag}`);
    const files = comparison ? ` and its ${comparison.matching.length} files match the checked build (sha256)` : '';
    log(`the GitHub Release ${tag} is already published${files}; updated its ${updated}: ${release.url}`);
    addSummary(`GitHub Release \`${cell(tag)}\` was already published${files}; its ${updated} were updated. ${release.url}`);
    return 0;
  }

  if (release) {
    log(`completing the draft release ${tag} left by an earlier run`);
  } else {
    gh.must(['release', 'create', '--draft', '--verify-tag', ...details, ...createNotes(), '--', tag], `create the draft release ${tag}`);
    release = gh.view();
    if (!release) throw new ProjenMaturinError(`gh created the draft release ${tag}, but it cannot be read back`, 're-run the failed job: it completes the draft');
    log(`created the draft release ${tag}`);
  }

  // A draft is mutable: upload what is missing, replace what differs.
  const before = compare(gh, built, release);
  for (const name of [...before.missing, ...before.different.map((d) => d.name)]) {
    const replace = before.different.some((d) => d.name === name);
    log(`${replace ? 'replacing' : 'uploading'} ${name}`);
    gh.must(['release', 'upload', ...(replace ? ['--clobber'] : []), '--', tag, built.get(name)!.path], `upload ${name} to the draft release ${tag}`, UPLOAD_SECONDS);
  }
  release = gh.view();
  if (!release) throw new ProjenMaturinError(`the draft release ${tag} disappeared while its files were uploaded`, 're-run the failed job');
  if (!release.isDraft) throw new ProjenMaturinError(`the release ${tag} was published by someone else while this run uploaded its files`, 're-run the failed job: it checks the published files against the checked build');
  const after = compare(gh, built, release);
  const problems = describeAssetProblems(after);
  if (problems.length > 0) {
    throw new ProjenMaturinError(`after uploading, the draft release ${tag} still does not hold the checked build, so it was not published:\n${problems.join('\n')}`,
      're-run the failed job: a draft can still change, and the next run replaces what differs');
  }
  for (const name of after.extra) log(`note: ${name} is on the release but not in the checked build; left as it is`);
  const checked = built.size > 0 ? `${after.matching.length} files, each matching the checked build (sha256)` : 'no files attached';

  if (draftOnly) {
    gh.must(['release', 'edit', ...details, '--', tag], `update the title and notes of the draft release ${tag}`);
    const publish = `gh release edit ${shellQuote(tag)} --draft=false`;
    log(`the draft release ${tag} is complete: ${checked}. A maintainer publishes it: open ${release.url}, review it and press "Publish release" (or run: ${publish})`);
    addSummary([
      `## Draft GitHub Release \`${cell(tag)}\``,
      '',
      `Complete: ${checked}. A maintainer publishes it: open ${release.url}, review it and press *Publish release* (or run \`${publish}\`). ` +
        'On a repository with immutable releases, its files and tag are locked from then on.',
    ].join('\n'));
    return 0;
  }

  const latest = shouldBeLatest(version, tag, pattern, gh.list());
  gh.must(['release', 'edit', ...details, '--draft=false', `--latest=${latest}`, '--', tag], `publish the release ${tag}`);
  const url = gh.view()?.url ?? release.url;
  log(`published the GitHub Release ${tag}${prerelease ? ' (pre-release)' : ''}${latest ? ' as the latest release' : ''} with ${checked}: ${url}`);
  addSummary(`GitHub Release \`${cell(tag)}\` ${prerelease ? '(pre-release) ' : ''}published with ${checked}. ${url}`);
  return 0;
}
