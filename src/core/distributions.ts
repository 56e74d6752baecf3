import { ReleaseVersion, parseReleaseVersion, sameVersion } from './version';

/** One file the release promises to build. */
export interface ExpectedDistribution {
  readonly kind: 'wheel' | 'sdist';
  /** What it is, for messages: e.g. "cp312 wheel for manylinux x86_64". */
  readonly description: string;
  /** Wheel only: Python tag, e.g. `cp312`. */
  readonly pythonTag?: string;
  /** Wheel only: ABI tag, e.g. `cp312` or `abi3`. */
  readonly abiTag?: string;
  /** Wheel only: regular expression one of its platform tags must match. */
  readonly platformTag?: string;
}

export interface DistributionCheck {
  readonly matched: { readonly expected: ExpectedDistribution; readonly file: string }[];
  readonly missing: ExpectedDistribution[];
  /** Files no expectation claims, or a second file for the same expectation. */
  readonly unexpected: string[];
}

/** PEP 503 normalisation as used in wheel/sdist file names (PEP 427, PEP 625). */
export function normalizeDistributionName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '_');
}

interface ParsedFile {
  readonly kind: 'wheel' | 'sdist';
  readonly name: string;
  readonly version?: ReleaseVersion;
  readonly pythonTag?: string;
  readonly abiTag?: string;
  readonly platformTags?: string[];
}

function tryVersion(raw: string): ReleaseVersion | undefined {
  try {
    return parseReleaseVersion(raw);
  } catch {
    return undefined;
  }
}

function parseFileName(file: string): ParsedFile | undefined {
  const wheel = /^([^-]+)-([^-]+)(?:-\d[^-]*)?-([^-]+)-([^-]+)-([^-]+)\.whl$/.exec(file);
  if (wheel) {
    return {
      kind: 'wheel',
      name: normalizeDistributionName(wheel[1]),
      version: tryVersion(wheel[2]),
      pythonTag: wheel[3],
      abiTag: wheel[4],
      platformTags: wheel[5].split('.'),
    };
  }
  const sdist = /^(.+)-([^-]+)\.tar\.gz$/.exec(file);
  if (sdist) return { kind: 'sdist', name: normalizeDistributionName(sdist[1]), version: tryVersion(sdist[2]) };
  return undefined;
}

function fulfils(parsed: ParsedFile, expected: ExpectedDistribution): boolean {
  if (parsed.kind !== expected.kind) return false;
  if (expected.kind === 'sdist') return true;
  const platform = new RegExp(expected.platformTag ?? '^$');
  return (
    parsed.pythonTag === expected.pythonTag &&
    parsed.abiTag === expected.abiTag &&
    (parsed.platformTags ?? []).some((tag) => platform.test(tag))
  );
}

/**
 * Compares the files in `dist/` with the set the configuration promises: each
 * expectation must be met by exactly one file of this package and version, and
 * every file must meet one.
 */
export function checkDistributions(
  files: readonly string[],
  expected: readonly ExpectedDistribution[],
  distributionName: string,
  version: ReleaseVersion,
): DistributionCheck {
  const name = normalizeDistributionName(distributionName);
  const sorted = [...files].sort();
  const candidates = sorted.map((file) => {
    const parsed = parseFileName(file);
    const ours = parsed && parsed.name === name && parsed.version !== undefined && sameVersion(parsed.version, version);
    return ours ? expected.filter((e) => fulfils(parsed, e)) : [];
  });
  // A file can fulfil several expectations (a universal2 wheel carries the thin macOS tags too):
  // pair files and expectations one to one, as many as possible (augmenting paths).
  const holder = new Map<ExpectedDistribution, number>();
  const assign = (f: number, seen: Set<ExpectedDistribution>): boolean => candidates[f].some((e) => {
    if (seen.has(e)) return false;
    seen.add(e);
    const other = holder.get(e);
    if (other !== undefined && !assign(other, seen)) return false;
    holder.set(e, f);
    return true;
  });
  sorted.forEach((_, f) => assign(f, new Set()));
  const byFile = new Map([...holder].map(([e, f]) => [f, e]));
  const matched: DistributionCheck['matched'] = [];
  const unexpected: string[] = [];
  sorted.forEach((file, f) => {
    const hit = byFile.get(f);
    if (hit) matched.push({ expected: hit, file });
    else unexpected.push(file);
  });
  return { matched, missing: expected.filter((e) => !holder.has(e)), unexpected };
}
