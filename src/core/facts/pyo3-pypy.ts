import { FactSource } from './types';

/**
 * Which PyPy versions a PyO3 version builds. pyo3-ffi's build script refuses an older PyPy
 * ("the configured PyPy interpreter version (…) is lower than PyO3's minimum supported version")
 * and publishes the range as `[package.metadata.pypy]`, which maturin reads for
 * `--find-interpreter` (`minimal_pypy_minor_version` in maturin's src/bridge/mod.rs).
 */
export const PYO3_PYPY_SOURCE: FactSource = {
  repository: 'PyO3/pyo3',
  commit: '34f08c32dec2a3170fbe2e177910352489678816',
  path: 'CHANGELOG.md, pyo3-ffi/build.rs (SUPPORTED_VERSIONS_PYPY), pyo3-ffi/Cargo.toml ([package.metadata.pypy] min-version = "3.11")',
  read: '2026-12-07',
  note: 'newest stored snapshot (2026-08-22, after 0.29.2)',
};

export interface Pyo3PypyFloor {
  /** The first PyO3 version (major, minor) with this floor. */
  readonly from: readonly [number, number];
  /** That release and its date, as CHANGELOG.md heads it. */
  readonly release: string;
  readonly date: string;
  /** The oldest PyPy minor it builds. */
  readonly minimumPypyMinor: number;
}

/** Newest first. */
export const PYO3_PYPY_FLOORS: readonly Pyo3PypyFloor[] = [
  // "Drop support for PyPy 3.9 and 3.10. #5516"
  { from: [0, 27], release: '0.27.0', date: '2025-10-19', minimumPypyMinor: 11 },
  // "Drop support for PyPy 3.7 and 3.8. #4582"
  { from: [0, 23], release: '0.23.0', date: '2024-11-15', minimumPypyMinor: 9 },
];
