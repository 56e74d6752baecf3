import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { gt } from '@renovatebot/pep440';
import { valid as validSemver } from 'semver';
import { LINK_REFERENCE, hasSection, headingLines } from '../core/changelog';
import { RuntimeConfig } from '../core/contract';
import { ProjenMaturinError } from '../core/errors';
import { shellQuote } from '../core/shell';
import { parseTagPattern, tagMatchesPattern } from '../core/tag-pattern';
import { ReleaseVersion, parseReleaseVersion, sameVersion } from '../core/version';
import { readSourceVersion } from '../core/version-source';

// toml-patch is ESM-only; this module runs inside the esbuild CLI bundle.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const toml = require('@decimalturn/toml-patch') as typeof import('@decimalturn/toml-patch', { with: { 'resolution-mode': 'import' } });

/** One file the release preparation rewrites. */
export interface FileChange {
  readonly file: string;
  readonly before: string;
  readonly after: string;
}

export interface PreparedRelease {
  readonly version: ReleaseVersion;
  readonly tag: string;
  readonly changes: FileChange[];
  /** The git commands that commit, tag and push the release. */
  readonly commands: string[];
}

type Table = Record<string, any>;

function gitTreeStatus(root: string): string[] {
  const status = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
  if (status.error || status.status !== 0) throw new ProjenMaturinError(`${root} is not a git repository: release preparation needs one to commit and tag`);
  return status.stdout.split('\n').filter(Boolean);
}

function read(root: string, file: string): string | undefined {
  const path = join(root, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** Sets the version in Cargo.toml (and the package's own Cargo.lock entry), keeping every other byte. */
function cargoChanges(root: string, version: string, current: string): FileChange[] {
  if (!validSemver(version)) {
    throw new ProjenMaturinError(`Cargo.toml needs a SemVer version such as 1.0.0 or 1.0.0-rc.1; "${version}" is not one (maturin turns 1.0.0-rc.1 into PEP 440 1.0.0rc1)`);
  }
  const before = read(root, 'Cargo.toml')!;
  const manifest = toml.parse(before) as Table;
  if (typeof manifest.package?.version === 'string') manifest.package.version = version;
  else manifest.workspace.package.version = version;
  const changes = [{ file: 'Cargo.toml', before, after: toml.patch(before, manifest) }];

  const lockBefore = read(root, 'Cargo.lock');
  const name = manifest.package?.name;
  const workspaceVersion = typeof manifest.package?.version !== 'string';
  if (lockBefore !== undefined) {
    const lock = toml.parse(lockBefore) as Table;
    // The package's own entry; with a workspace version, every local crate that inherits it
    // (local crates have no `source`).
    const bumped = (p: Table) => p.version === current && (workspaceVersion ? p.source === undefined : p.name === name);
    const entries = (Array.isArray(lock.package) ? lock.package : []).filter(bumped);
    if (entries.length > 0) {
      for (const entry of entries) entry.version = version;
      changes.push({ file: 'Cargo.lock', before: lockBefore, after: toml.patch(lockBefore, lock) });
    }
  }
  return changes;
}

function pyprojectChange(root: string, version: string): FileChange {
  const before = read(root, 'pyproject.toml')!;
  const pyproject = toml.parse(before) as Table;
  pyproject.project.version = version;
  return { file: 'pyproject.toml', before, after: toml.patch(before, pyproject) };
}

// `## [Unreleased]`, also with a suffix such as cargo-release's `- ReleaseDate`.
const UNRELEASED = /^##[ \t]+\[?unreleased\]?(?:[ \t].*)?$/i;
const UNRELEASED_LINK = /^\[unreleased\]:[ \t]*(\S+)[ \t]*$/i;

/**
 * Promotes `## [Unreleased]` to `## [version] - date`, leaves a fresh empty
 * Unreleased section and moves the compare links on.
 */
export function promoteUnreleased(changelog: string, version: string, tag: string, today: string, file = 'CHANGELOG.md'): string {
  const eol = changelog.includes('\r\n') ? '\r\n' : '\n';
  const lines = changelog.split(/\r?\n/);
  const headings = headingLines(lines);
  const at = headings.findIndex((i) => UNRELEASED.test(lines[i]));
  if (at === -1) throw new ProjenMaturinError(`${file} has no "## [Unreleased]" section to release`);
  const start = headings[at];
  const end = at + 1 < headings.length ? headings[at + 1] : lines.length;
  let body = lines.slice(start + 1, end);
  const linkLines = end === lines.length ? body.filter((l) => LINK_REFERENCE.test(l)) : [];
  body = body.filter((l) => !linkLines.includes(l));
  if (body.every((l) => l.trim() === '')) {
    throw new ProjenMaturinError(`the "## [Unreleased]" section of ${file} is empty: list the release's changes there first`);
  }
  while (body.length > 0 && body[0].trim() === '') body.shift();
  while (body.length > 0 && body[body.length - 1].trim() === '') body.pop();
  const section = [lines[start], '', `## [${version}] - ${today}`, '', ...body, ''];
  let result = [...lines.slice(0, start), ...section, ...linkLines, ...lines.slice(end)];

  // [Unreleased]: <repo>/compare/<previous>...HEAD (or <repo>/commits/HEAD before the first release)
  const linkAt = result.findIndex((l) => UNRELEASED_LINK.test(l));
  if (linkAt !== -1) {
    const url = UNRELEASED_LINK.exec(result[linkAt])![1];
    const compare = /^(.*)\/compare\/(.+)\.\.\.HEAD$/.exec(url);
    const first = /^(.*)\/commits\/HEAD$/.exec(url);
    const base = compare?.[1] ?? first?.[1];
    if (base) {
      const versionLink = compare ? `[${version}]: ${base}/compare/${compare[2]}...${tag}` : `[${version}]: ${base}/releases/tag/${tag}`;
      result = [...result.slice(0, linkAt), `[Unreleased]: ${base}/compare/${tag}...HEAD`, versionLink, ...result.slice(linkAt + 1)];
    }
  }
  const out = result.join(eol);
  return changelog.endsWith('\n') && !out.endsWith('\n') ? out + eol : out;
}

/**
 * Prepares a release: writes the version into the version source and the
 * CHANGELOG, refusing an invalid or non-increasing version, an empty Unreleased
 * section or a dirty git tree. Returns the changes; writing them is the caller's.
 */
export function prepareRelease(config: RuntimeConfig, root: string, rawVersion: string, today: string): PreparedRelease {
  const version = parseReleaseVersion(rawVersion);
  const current = readSourceVersion(root, config.versionSource);
  const pattern = parseTagPattern(config.tagPattern);
  const tag = `${pattern.prefix}${rawVersion}`;
  if (!tagMatchesPattern(pattern, tag)) throw new ProjenMaturinError(`tag "${tag}" would not match the release tag pattern "${pattern.pattern}"`);
  const currentVersion = parseReleaseVersion(current);
  const changelogText = read(root, config.changelogFile);
  if (changelogText === undefined) throw new ProjenMaturinError(`${config.changelogFile} does not exist`);
  // The version source may already hold a version that was never released (a new
  // project's initial version): releasing it is allowed; going backwards is not.
  const unreleasedCurrent = sameVersion(version, currentVersion) && !hasSection(changelogText, version);
  if (!gt(version.pep440, currentVersion.pep440) && !unreleasedCurrent) {
    throw new ProjenMaturinError(`version ${rawVersion} (${version.pep440}) is not newer than the current version ${current} (${currentVersion.pep440})`);
  }
  if (hasSection(changelogText, version)) {
    throw new ProjenMaturinError(`${config.changelogFile} already has a section for ${rawVersion}: a version is released once`);
  }
  const dirty = gitTreeStatus(root);
  if (dirty.length > 0) {
    throw new ProjenMaturinError(`the git working tree has uncommitted changes (${dirty.slice(0, 5).map((l) => l.slice(3)).join(', ')}${dirty.length > 5 ? ', …' : ''}): commit or stash them first`);
  }

  const versionChanges = unreleasedCurrent ? [] : config.versionSource === 'cargo' ? cargoChanges(root, rawVersion, current) : [pyprojectChange(root, rawVersion)];
  const changes = [
    ...versionChanges,
    { file: config.changelogFile, before: changelogText, after: promoteUnreleased(changelogText, rawVersion, tag, today, config.changelogFile) },
  ];
  const files = changes.map((c) => shellQuote(c.file)).join(' ');
  return {
    version,
    tag,
    changes,
    commands: [
      `git add ${files}`,
      `git commit -m "chore(release): ${rawVersion}"`,
      `npx projen-maturin preflight ${tag}`,
      `git tag -a ${tag} -m "Release ${rawVersion}"`,
      `git push origin HEAD ${tag}`,
    ],
  };
}
