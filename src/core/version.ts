import { eq, explain } from '@renovatebot/pep440';
import { valid as validSemver } from 'semver';
import { ProjenMaturinError, quote } from './errors';

/** A release version, as written and as PEP 440 (what maturin puts in wheel names). */
export interface ReleaseVersion {
  /** The version as written (tag or version source). */
  readonly raw: string;
  /** Normalised PEP 440 form, e.g. `1.0.0-rc.1` → `1.0.0rc1`. */
  readonly pep440: string;
  /** True for PEP 440 pre-releases (a, b, rc) and dev releases. */
  readonly prerelease: boolean;
}

// Longer than any real version; keeps hostile input out of messages and logs.
const MAX_VERSION_LENGTH = 64;

/**
 * Parses a version the way maturin turns Cargo/pyproject versions into PEP 440,
 * or throws a message saying why it cannot be published.
 */
export function parseReleaseVersion(raw: string): ReleaseVersion {
  if (raw.length > MAX_VERSION_LENGTH) {
    throw new ProjenMaturinError(`version "${raw.slice(0, MAX_VERSION_LENGTH)}…" is longer than ${MAX_VERSION_LENGTH} characters`);
  }
  // The parser reads numbers as floating point: 10^21 would become "1e".
  if (/\d{16}/.test(raw)) {
    throw new ProjenMaturinError(`version ${quote(raw)} has a number of more than 15 digits, which cannot be compared reliably; use a smaller number`);
  }
  // pep440 tolerates a leading "v"; a version part must start with its first digit.
  const parsed = /^\d/.test(raw) ? explain(raw) : null;
  if (!parsed) {
    throw new ProjenMaturinError(
      `version ${quote(raw)} is not a PEP 440 version that maturin can publish: use e.g. 1.2.3, 1.2.3rc1, 1.2.3.dev1, ` +
        'or SemVer with an alpha/beta/rc pre-release such as 1.2.3-rc.1',
    );
  }
  if (parsed.local) {
    throw new ProjenMaturinError(`version ${quote(raw)} has a local part (+${parsed.local}), which PyPI rejects`);
  }
  return { raw, pep440: parsed.public, prerelease: parsed.is_prerelease || parsed.is_devrelease };
}

/** PEP 440 equality of two already-parsed versions (`1.0.0-rc.1` equals `1.0.0rc1`). */
export function sameVersion(a: ReleaseVersion, b: ReleaseVersion): boolean {
  return eq(a.pep440, b.pep440);
}

/** A version for a message: `1.0.0-rc.1 (PEP 440 1.0.0rc1)`, or just `1.0.0` when both forms are the same. */
export function describeVersion(version: ReleaseVersion): string {
  return version.raw === version.pep440 ? version.raw : `${version.raw} (PEP 440 ${version.pep440})`;
}

const CARGO_PRE_RELEASE: Readonly<Record<string, string>> = { a: 'alpha', b: 'beta', rc: 'rc' };

/**
 * The SemVer spelling of a version for Cargo.toml, which maturin reads back as
 * the same PEP 440 version (`0.3.7rc1` → `0.3.7-rc.1`, `1.0.0.dev3` → `1.0.0-dev.3`);
 * the version itself when it is SemVer already. Undefined when Cargo has no such
 * spelling: not three release numbers, an epoch, or a post release (SemVer would
 * order `1.0.0-post.1` before 1.0.0).
 */
export function cargoVersionOf(version: ReleaseVersion): string | undefined {
  if (validSemver(version.raw) && explain(version.raw)?.public === version.pep440) return version.raw;
  const parsed = explain(version.pep440);
  if (!parsed || parsed.epoch !== 0 || parsed.post !== null || parsed.release.length !== 3) return undefined;
  const parts = [
    ...(parsed.pre ? [CARGO_PRE_RELEASE[parsed.pre[0]], String(parsed.pre[1])] : []),
    ...(parsed.dev !== null ? ['dev', String(parsed.dev)] : []),
  ];
  const cargo = `${parsed.release.join('.')}${parts.length > 0 ? `-${parts.join('.')}` : ''}`;
  // maturin reads Cargo's version as PEP 440: the spelling must come back as the same version.
  return validSemver(cargo) && explain(cargo)?.public === version.pep440 ? cargo : undefined;
}
