import { gt } from '@renovatebot/pep440';
import { TagPattern, versionFromTag } from './tag-pattern';
import { ReleaseVersion, parseReleaseVersion } from './version';

/** A GitHub Release asset as `gh release view --json assets` lists it. */
export interface ReleaseAsset {
  readonly name: string;
  /** "sha256:<hex>" since June 2025; null for older uploads and on servers without digests. */
  readonly digest?: string | null;
  /** "uploaded" once complete; "open" (or "starter") for an upload that never finished. */
  readonly state?: string;
}

export interface AssetDifference {
  readonly name: string;
  /** sha256 of the checked build. */
  readonly expected: string;
  /** What the release holds instead: a sha256, or why it cannot be used. */
  readonly actual: string;
}

export interface AssetComparison {
  readonly matching: readonly string[];
  /** In the checked build, not on the release. */
  readonly missing: readonly string[];
  /** On the release with other bytes, or an upload that never finished. */
  readonly different: readonly AssetDifference[];
  /** On the release without a usable digest: compare by downloading them. */
  readonly unknown: readonly string[];
  /** On the release, not in the checked build. */
  readonly extra: readonly string[];
}

/** The hex sha256 of a "sha256:<hex>" digest, or undefined for anything else. */
export function sha256OfDigest(digest: string | null | undefined): string | undefined {
  const match = typeof digest === 'string' ? /^sha256:([0-9a-fA-F]{64})$/.exec(digest) : null;
  return match ? match[1].toLowerCase() : undefined;
}

/**
 * Compares a release's assets with the checked build (file name → sha256).
 * `downloaded` holds sha256s computed from downloaded assets that had no digest.
 */
export function compareReleaseAssets(
  built: ReadonlyMap<string, string>,
  assets: readonly ReleaseAsset[],
  downloaded: ReadonlyMap<string, string> = new Map(),
): AssetComparison {
  const matching: string[] = [];
  const missing: string[] = [];
  const different: AssetDifference[] = [];
  const unknown: string[] = [];
  for (const [name, expected] of [...built.entries()].sort()) {
    const asset = assets.find((a) => a.name === name);
    if (!asset) {
      missing.push(name);
      continue;
    }
    if (asset.state !== undefined && asset.state !== 'uploaded') {
      different.push({ name, expected, actual: `an upload that never finished (state "${asset.state}")` });
      continue;
    }
    const actual = sha256OfDigest(asset.digest) ?? downloaded.get(name);
    if (actual === undefined) unknown.push(name);
    else if (actual === expected.toLowerCase()) matching.push(name);
    else different.push({ name, expected, actual: `sha256 ${actual}` });
  }
  const extra = assets.map((a) => a.name).filter((name) => !built.has(name)).sort();
  return { matching, missing, different, unknown, extra };
}

/** One line per asset that is missing or differs, for messages. */
export function describeAssetProblems(comparison: AssetComparison): string[] {
  return [
    ...comparison.missing.map((name) => `${name} is not on the release`),
    ...comparison.different.map((d) => `${d.name}: the release has ${d.actual}, the checked build has sha256 ${d.expected}`),
  ];
}

/** A release as `gh release list --json tagName,isLatest,isDraft,isPrerelease` lists it. */
export interface ListedRelease {
  readonly tagName: string;
  readonly isLatest?: boolean;
  readonly isDraft?: boolean;
  readonly isPrerelease?: boolean;
}

/**
 * Whether publishing `version` should make it the repository's "Latest" release.
 * GitHub makes every newly published release Latest unless told otherwise, so a
 * fix for an older line (1.4.3 after 2.0.0) would take the badge from the newer one.
 * Pre-releases are never Latest. A current Latest whose tag is not one of ours
 * (another tag scheme, before adoption) is assumed to be older.
 */
export function shouldBeLatest(version: ReleaseVersion, tag: string, pattern: TagPattern, releases: readonly ListedRelease[]): boolean {
  if (version.prerelease) return false;
  const current = releases.find((r) => r.isLatest && !r.isDraft && r.tagName !== tag);
  if (!current) return true;
  const raw = versionFromTag(pattern, current.tagName);
  if (raw === undefined) return true;
  try {
    return gt(version.pep440, parseReleaseVersion(raw).pep440);
  } catch {
    return true;
  }
}

/**
 * The tag of the release before `version` among this package's published
 * releases (tags of `pattern`), where GitHub's generated notes should start: in
 * a repository with several packages, GitHub would otherwise start at another
 * package's latest release. A stable release starts at the previous stable one,
 * so its notes cover its release candidates too. Undefined when there is none.
 */
export function previousReleaseTag(
  version: ReleaseVersion, tag: string, pattern: TagPattern, releases: readonly ListedRelease[],
): string | undefined {
  let best: { tag: string; pep440: string } | undefined;
  for (const release of releases) {
    if (release.isDraft || release.tagName === tag || (!version.prerelease && release.isPrerelease)) continue;
    const raw = versionFromTag(pattern, release.tagName);
    let pep440: string;
    try {
      pep440 = raw === undefined ? '' : parseReleaseVersion(raw).pep440;
    } catch {
      continue;
    }
    if (pep440 === '' || (!version.prerelease && parseReleaseVersion(raw!).prerelease)) continue;
    if (gt(version.pep440, pep440) && (!best || gt(pep440, best.pep440))) best = { tag: release.tagName, pep440 };
  }
  return best?.tag;
}
