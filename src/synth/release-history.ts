import { spawnSync } from 'child_process';
import { inc as pep440Inc } from '@renovatebot/pep440';
import { inc as semverInc, prerelease as semverPrerelease, valid as semverValid } from 'semver';
import { ResolvedConfig } from './config';
import { hasSection } from '../core/changelog';
import { readTextFile } from '../core/files';
import { parseReleaseVersion } from '../core/version';
import { locateVersion } from '../core/version-source';

/**
 * What the repository says about earlier releases, for RELEASING.md's steps: PyPI cannot
 * be asked at synthesis, so a release is taken as made when the CHANGELOG has a section for
 * the current version or its tag exists.
 */
export interface ReleaseHistory {
  /** The version in the version source. */
  readonly current: string;
  /** True: released (see `evidence`); false: a new project's first version; undefined: cannot tell. */
  readonly released?: boolean;
  /** Why the current version is taken as released, in words. */
  readonly evidence?: string;
  /** The version the next release carries: the current one when it was never released, else the next patch or pre-release. */
  readonly next: string;
}

/** 0.3.6 → 0.3.7, 1.0.0-rc.1 → 1.0.0-rc.2, 1.0.0rc1 → 1.0.0rc2 (SemVer stays SemVer for Cargo.toml). */
export function nextVersion(version: string): string {
  if (semverValid(version)) return semverInc(version, semverPrerelease(version) ? 'prerelease' : 'patch') ?? version;
  return pep440Inc(version, parseReleaseVersion(version).prerelease ? 'prerelease' : 'patch') ?? version;
}

/** A first version a new project starts with (0.0.x, 0.1.0 and their pre-releases). */
const INITIAL = /^0\.(0\.\d+|1\.0)(?![.\d])/;

/** The release history of the package in `root`, or undefined when its version cannot be read. */
export function releaseHistory(root: string, config: ResolvedConfig): ReleaseHistory | undefined {
  let current: string;
  try {
    current = locateVersion(root, config.versionSource, config.packageDirectory).version;
    parseReleaseVersion(current);
  } catch {
    // Synthesis reports a missing or bad version source elsewhere.
    return undefined;
  }
  const changelog = readTextFile(root, config.changelogFile);
  const tag = `${config.tag.prefix}${current}`;
  const evidence = changelog !== undefined && hasSection(changelog, parseReleaseVersion(current))
    ? `${config.changelogFile} has a section for ${current}`
    // A shared tag is the repository's version, not the package's: its tags say nothing here.
    : !config.sharedTag && spawnSync('git', ['rev-parse', '--quiet', '--verify', `refs/tags/${tag}`], { cwd: root, encoding: 'utf8' }).status === 0
      ? `the tag ${tag} exists` : undefined;
  if (evidence) return { current, released: true, evidence, next: nextVersion(current) };
  if (INITIAL.test(current)) return { current, released: false, next: current };
  return { current, next: nextVersion(current) };
}
