import { spawnSync } from 'child_process';
import { relative, join } from 'path';
import { gt } from '@renovatebot/pep440';
import { setTomlString } from './toml-edit';
import { LINK_REFERENCE, hasSection, headingLines, withoutBom } from '../core/changelog';
import { RuntimeConfig } from '../core/contract';
import { ProjenMaturinError } from '../core/errors';
import { mergeConflictError, mergeConflictLine, readTextFile } from '../core/files';
import { readTomlFile, tomlTable, workspaceMembers } from '../core/package-layout';
import { shellQuote } from '../core/shell';
import { parseTagPattern, tagMatchesPattern } from '../core/tag-pattern';
import { TomlTable, parseToml } from '../core/toml';
import { ReleaseVersion, cargoVersionOf, describeVersion, parseReleaseVersion, sameVersion } from '../core/version';
import { VersionLocation, locateVersion } from '../core/version-source';

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

/**
 * Sets the version where the crate's version is written (its Cargo.toml, or the
 * workspace root's `[workspace.package]`) and in Cargo.lock's entries of the
 * crates that carry it, keeping every other byte.
 */
function cargoChanges(root: string, release: ReleaseVersion, location: VersionLocation): FileChange[] {
  // A PEP 440 spelling (0.3.7rc1) goes into Cargo.toml as its SemVer form (0.3.7-rc.1), which maturin reads back as 0.3.7rc1.
  const version = cargoVersionOf(release);
  if (version === undefined) {
    throw new ProjenMaturinError(`Cargo.toml needs a SemVer version such as 1.0.0, 1.0.0-rc.1 or 1.0.0rc1; "${release.raw}" has no SemVer form (maturin turns 1.0.0-rc.1 into PEP 440 1.0.0rc1)`);
  }
  // Read once already by the version source: it exists and is valid TOML.
  const before = readTextFile(root, location.file)!;
  const changes = [{ file: location.file, before, after: setTomlString(before, location.file, location.key, version) }];

  const lockFile = location.layout.cargoLock;
  const lockBefore = readTextFile(root, lockFile);
  if (lockBefore !== undefined) {
    const lock = parse(lockBefore, lockFile);
    // The crate's own entry; with a workspace version, every member that inherits it (local crates have no `source`).
    const names = new Set<string>();
    const nameOf = (manifest: string) => tomlTable(readTomlFile(root, manifest)?.package)?.name;
    if (location.inherited) {
      for (const member of workspaceMembers(root, location.file)) {
        const pkg = tomlTable(readTomlFile(root, member)?.package);
        if (typeof pkg?.name === 'string' && tomlTable(pkg.version)?.workspace === true) names.add(pkg.name);
      }
    }
    const own = nameOf(location.layout.cargoManifest);
    if (typeof own === 'string') names.add(own);
    const bumped = (p: TomlTable) => p.version === location.version && p.source === undefined && names.has(p.name);
    const entries = (Array.isArray(lock.package) ? lock.package as TomlTable[] : []).flatMap((p, i) => (bumped(p) ? [i] : []));
    if (entries.length > 0) {
      const after = entries.reduce((text, i) => setTomlString(text, lockFile, ['package', i, 'version'], version), lockBefore);
      changes.push({ file: lockFile, before: lockBefore, after });
    }
  }
  return changes;
}

function pyprojectChange(root: string, version: string, location: VersionLocation): FileChange {
  const before = readTextFile(root, location.file)!;
  return { file: location.file, before, after: setTomlString(before, location.file, location.key, version) };
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
 * Unreleased section and moves the compare links on (to `tag`; without one, as with a
 * shared tag that is not the package's, the links stay as they are).
 */
export function promoteUnreleased(changelog: string, version: string, tag: string | undefined, today: string, file = 'CHANGELOG.md'): string {
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
  if (linkAt !== -1 && tag !== undefined) {
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

/** Whether this clone has the tag: without a changelog, a version whose tag exists was released. */
function localTagExists(root: string, tag: string): boolean {
  return spawnSync('git', ['rev-parse', '--quiet', '--verify', `refs/tags/${tag}`], { cwd: root, encoding: 'utf8' }).status === 0;
}

/** The commands that commit, check and release the prepared version. */
function releaseCommands(config: RuntimeConfig, files: string, rawVersion: string, tag: string, packageFlag: string): string[] {
  const commit = [`git add -- ${files}`, `git commit -m ${shellQuote(`chore(release): ${rawVersion}`)}`];
  if (config.releaseTrigger === 'dispatch') {
    const workflow = config.workflowPath.split('/').pop()!;
    return [
      ...commit,
      `npx projen-maturin preflight ${shellQuote(rawVersion)}${packageFlag}`,
      'git push origin HEAD',
      `gh workflow run ${shellQuote(workflow)} --ref "$(git branch --show-current)" -f version=${shellQuote(rawVersion)} -f dry-run=false`,
    ];
  }
  if (config.sharedTag) {
    // The tag is the repository's, made by its own release process: the commit is what this package needs.
    return [...commit, 'git push origin HEAD', `# the repository's next tag (${config.tagPattern}) releases it; preview that with: npx projen-maturin preflight TAG${packageFlag}`];
  }
  const quotedTag = shellQuote(tag);
  return [
    ...commit,
    `npx projen-maturin preflight ${quotedTag}${packageFlag}`,
    `git tag -a ${quotedTag} -m ${shellQuote(`Release ${rawVersion}`)}`,
    `git push origin HEAD ${quotedTag}`,
  ];
}

/**
 * Prepares a release: writes the version into the version source and, when
 * releases need a CHANGELOG section, promotes the CHANGELOG; refuses an invalid
 * or non-increasing version, an empty Unreleased section or a dirty git tree.
 * Returns the changes; writing them is the caller's. The printed commands name
 * files relative to `cwd`, where the user runs them; `packageName` is added to
 * them when the repository releases several packages.
 */
export function prepareRelease(
  config: RuntimeConfig, root: string, rawVersion: string, today: string, cwd = root, packageName?: string,
): PreparedRelease {
  const version = parseReleaseVersion(rawVersion);
  const location = locateVersion(root, config.versionSource, config.packageDirectory);
  const current = location.version;
  const pattern = parseTagPattern(config.tagPattern);
  const tag = `${pattern.prefix}${rawVersion}`;
  if (!tagMatchesPattern(pattern, tag)) throw new ProjenMaturinError(`tag "${tag}" would not match the release tag pattern "${pattern.pattern}"`);
  const currentVersion = parseReleaseVersion(current);
  const changelogText = config.changelogRequired ? readTextFile(root, config.changelogFile) : undefined;
  if (config.changelogRequired && changelogText === undefined) throw new ProjenMaturinError(`${config.changelogFile} does not exist`);
  // A shared tag says nothing of the package's version: without a changelog, nothing here does.
  const released = (v: ReleaseVersion) => (changelogText !== undefined ? hasSection(changelogText, v) : !config.sharedTag && localTagExists(root, `${pattern.prefix}${v.raw}`));
  const conflict = changelogText === undefined ? undefined : mergeConflictLine(changelogText);
  if (conflict !== undefined) throw mergeConflictError(config.changelogFile, conflict);
  // The version source may already hold a version that was never released (a new
  // project's initial version): releasing it is allowed; going backwards is not.
  const unreleasedCurrent = sameVersion(version, currentVersion) && !released(version);
  if (!gt(version.pep440, currentVersion.pep440) && !unreleasedCurrent) {
    throw new ProjenMaturinError(`version ${describeVersion(version)} is not newer than the current version ${describeVersion(currentVersion)}`);
  }
  if (changelogText !== undefined && hasSection(changelogText, version)) {
    throw new ProjenMaturinError(`${config.changelogFile} already has a section for ${rawVersion}: a version is released once`);
  }
  const dirty = gitTreeStatus(root);
  if (dirty.length > 0) {
    throw new ProjenMaturinError(`the git working tree has uncommitted changes (${dirty.slice(0, 5).map((l) => l.slice(3)).join(', ')}${dirty.length > 5 ? ', …' : ''}): commit or stash them first`);
  }

  const versionChanges = unreleasedCurrent ? [] : config.versionSource === 'cargo' ? cargoChanges(root, version, location) : [pyprojectChange(root, rawVersion, location)];
  const changes = [
    ...versionChanges,
    ...(changelogText !== undefined
      ? [{
        file: config.changelogFile,
        before: changelogText,
        after: promoteUnreleased(changelogText, rawVersion, config.sharedTag ? undefined : tag, today, config.changelogFile),
      }]
      : []),
  ];
  if (changes.length === 0) {
    throw new ProjenMaturinError(`${location.file} already says ${rawVersion} and releases need no CHANGELOG section: there is nothing to prepare`,
      `release it: ${config.releaseTrigger === 'dispatch' ? `run the workflow with version ${rawVersion}`
        : config.sharedTag ? 'push the repository\'s next release tag' : `tag ${tag} and push the tag`}`);
  }
  const files = changes.map((c) => shellQuote(relative(cwd, join(root, c.file)))).join(' ');
  return {
    version,
    tag,
    changes,
    commands: releaseCommands(config, files, rawVersion, tag, packageName ? ` --package ${shellQuote(packageName)}` : ''),
  };
}
