import { spawnSync } from 'child_process';
import { relative, join } from 'path';
import { gt } from '@renovatebot/pep440';
import { valid as validSemver } from 'semver';
import { setTomlString } from './toml-edit';
import { LINK_REFERENCE, hasSection, headingLines, withoutBom } from '../core/changelog';
import { RuntimeConfig } from '../core/contract';
import { ProjenMaturinError } from '../core/errors';
import { mergeConflictError, mergeConflictLine, readTextFile } from '../core/files';
import { shellQuote } from '../core/shell';
import { parseTagPattern, tagMatchesPattern } from '../core/tag-pattern';
import { TomlTable, parseToml } from '../core/toml';
import { ReleaseVersion, describeVersion, parseReleaseVersion, sameVersion } from '../core/version';
import { readSourceVersion } from '../core/version-source';

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

function gitTreeStatus(root: string): string[] {
  const status = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
  if ((status.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new ProjenMaturinError('git is not installed (or not on PATH): release preparation needs it to check the working tree', 'install git, then run the command again');
  }
  if (status.error || status.status !== 0) throw new ProjenMaturinError(`${root} is not a git repository: release preparation needs one to commit and tag`);
  return status.stdout.split('\n').filter(Boolean);
}

function parse(text: string, file: string): TomlTable {
  try {
    return parseToml(text, file);
  } catch (e) {
    throw new ProjenMaturinError((e as Error).message);
  }
}

/** Sets the version in Cargo.toml (and the package's own Cargo.lock entries), keeping every other byte. */
function cargoChanges(root: string, version: string, current: string): FileChange[] {
  if (!validSemver(version)) {
    throw new ProjenMaturinError(`Cargo.toml needs a SemVer version such as 1.0.0 or 1.0.0-rc.1; "${version}" is not one (maturin turns 1.0.0-rc.1 into PEP 440 1.0.0rc1)`);
  }
  // Read once already by the version source: it exists and is valid TOML.
  const before = readTextFile(root, 'Cargo.toml')!;
  const manifest = parse(before, 'Cargo.toml');
  const workspaceVersion = typeof manifest.package?.version !== 'string';
  const versionPath = workspaceVersion ? ['workspace', 'package', 'version'] : ['package', 'version'];
  const changes = [{ file: 'Cargo.toml', before, after: setTomlString(before, 'Cargo.toml', versionPath, version) }];

  const lockBefore = readTextFile(root, 'Cargo.lock');
  if (lockBefore !== undefined) {
    const lock = parse(lockBefore, 'Cargo.lock');
    const name = manifest.package?.name;
    // The package's own entry; with a workspace version, every local crate that inherits it
    // (local crates have no `source`).
    const bumped = (p: TomlTable) => p.version === current && (workspaceVersion ? p.source === undefined : p.name === name);
    const entries = (Array.isArray(lock.package) ? lock.package as TomlTable[] : []).flatMap((p, i) => (bumped(p) ? [i] : []));
    if (entries.length > 0) {
      const after = entries.reduce((text, i) => setTomlString(text, 'Cargo.lock', ['package', i, 'version'], version), lockBefore);
      changes.push({ file: 'Cargo.lock', before: lockBefore, after });
    }
  }
  return changes;
}

function pyprojectChange(root: string, version: string): FileChange {
  const before = readTextFile(root, 'pyproject.toml')!;
  return { file: 'pyproject.toml', before, after: setTomlString(before, 'pyproject.toml', ['project', 'version'], version) };
}

/** A line and its own line ending ('' for a last line without one). */
interface Line {
  readonly text: string;
  readonly eol: string;
}

function splitLines(text: string): Line[] {
  if (text === '') return [];
  return text.split(/(?<=\n)/).map((part) => {
    const eol = /\r?\n$/.exec(part)?.[0] ?? '';
    return { text: part.slice(0, part.length - eol.length), eol };
  });
}

// `## [Unreleased]`, also with a suffix such as cargo-release's `- ReleaseDate`.
const UNRELEASED = /^##[ \t]+\[?unreleased\]?(?:[ \t].*)?$/i;
const UNRELEASED_LINK = /^\[unreleased\]:[ \t]*(\S+)[ \t]*$/i;

/**
 * Promotes `## [Unreleased]` to `## [version] - date`, leaves a fresh empty
 * Unreleased section and moves the compare links on.
 */
export function promoteUnreleased(changelog: string, version: string, tag: string, today: string, file = 'CHANGELOG.md'): string {
  const lines = splitLines(changelog);
  // Lines we add take the file's usual ending; the lines we keep keep their own.
  const crlf = lines.filter((l) => l.eol === '\r\n').length;
  const eol = crlf > lines.filter((l) => l.eol === '\n').length ? '\r\n' : '\n';
  const added = (text: string): Line => ({ text, eol });
  const texts = lines.map((l) => l.text);
  const headings = headingLines(texts);
  const at = headings.findIndex((i) => UNRELEASED.test(withoutBom(texts[i])));
  if (at === -1) throw new ProjenMaturinError(`${file} has no "## [Unreleased]" section to release`);
  const start = headings[at];
  const end = at + 1 < headings.length ? headings[at + 1] : lines.length;
  let body = lines.slice(start + 1, end);
  const linkLines = end === lines.length ? body.filter((l) => LINK_REFERENCE.test(l.text)) : [];
  body = body.filter((l) => !linkLines.includes(l));
  if (body.every((l) => l.text.trim() === '')) {
    throw new ProjenMaturinError(`the "## [Unreleased]" section of ${file} is empty: list the release's changes there first`);
  }
  while (body.length > 0 && body[0].text.trim() === '') body.shift();
  while (body.length > 0 && body[body.length - 1].text.trim() === '') body.pop();
  const rest = [...linkLines, ...lines.slice(end)];
  const section = [lines[start], added(''), added(`## [${version}] - ${today}`), added(''), ...body, ...(rest.length > 0 ? [added('')] : [])];
  let result = [...lines.slice(0, start), ...section, ...rest];

  // [Unreleased]: <repo>/compare/<previous>...HEAD (or <repo>/commits/HEAD before the first release)
  const linkAt = result.findIndex((l) => UNRELEASED_LINK.test(l.text));
  if (linkAt !== -1) {
    const url = UNRELEASED_LINK.exec(result[linkAt].text)![1];
    const compare = /^(.*)\/compare\/(.+)\.\.\.HEAD$/.exec(url);
    const first = /^(.*)\/commits\/HEAD$/.exec(url);
    const base = compare?.[1] ?? first?.[1];
    if (base) {
      const versionLink = compare ? `[${version}]: ${base}/compare/${compare[2]}...${tag}` : `[${version}]: ${base}/releases/tag/${tag}`;
      result = [
        ...result.slice(0, linkAt),
        { text: `[Unreleased]: ${base}/compare/${tag}...HEAD`, eol: result[linkAt].eol },
        added(versionLink),
        ...result.slice(linkAt + 1),
      ];
    }
  }
  // A line that was last without an ending may no longer be last; the file ends as it did.
  const endsWithNewline = changelog.endsWith('\n');
  return result.map((l, i) => {
    const last = i === result.length - 1;
    const ending = last && !endsWithNewline ? '' : l.eol || eol;
    return l.text + ending;
  }).join('');
}

/**
 * Prepares a release: writes the version into the version source and the
 * CHANGELOG, refusing an invalid or non-increasing version, an empty Unreleased
 * section or a dirty git tree. Returns the changes; writing them is the caller's.
 * The printed commands name files relative to `cwd`, where the user runs them.
 */
export function prepareRelease(config: RuntimeConfig, root: string, rawVersion: string, today: string, cwd = root): PreparedRelease {
  const version = parseReleaseVersion(rawVersion);
  const current = readSourceVersion(root, config.versionSource);
  const pattern = parseTagPattern(config.tagPattern);
  const tag = `${pattern.prefix}${rawVersion}`;
  if (!tagMatchesPattern(pattern, tag)) throw new ProjenMaturinError(`tag "${tag}" would not match the release tag pattern "${pattern.pattern}"`);
  const currentVersion = parseReleaseVersion(current);
  const changelogText = readTextFile(root, config.changelogFile);
  if (changelogText === undefined) throw new ProjenMaturinError(`${config.changelogFile} does not exist`);
  const conflict = mergeConflictLine(changelogText);
  if (conflict !== undefined) throw mergeConflictError(config.changelogFile, conflict);
  // The version source may already hold a version that was never released (a new
  // project's initial version): releasing it is allowed; going backwards is not.
  const unreleasedCurrent = sameVersion(version, currentVersion) && !hasSection(changelogText, version);
  if (!gt(version.pep440, currentVersion.pep440) && !unreleasedCurrent) {
    throw new ProjenMaturinError(`version ${describeVersion(version)} is not newer than the current version ${describeVersion(currentVersion)}`);
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
  const files = changes.map((c) => shellQuote(relative(cwd, join(root, c.file)))).join(' ');
  const quotedTag = shellQuote(tag);
  return {
    version,
    tag,
    changes,
    commands: [
      `git add -- ${files}`,
      `git commit -m ${shellQuote(`chore(release): ${rawVersion}`)}`,
      `npx projen-maturin preflight ${quotedTag}`,
      `git tag -a ${quotedTag} -m ${shellQuote(`Release ${rawVersion}`)}`,
      `git push origin HEAD ${quotedTag}`,
    ],
  };
}
