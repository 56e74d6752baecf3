/**
 * Which interpreters maturin can build wheels for on a target without the interpreter being
 * present: `InterpreterConfig::lookup_one` in maturin's `src/python_interpreter/config.rs`
 * derives the extension suffix and wheel tags from the target alone, and
 * `resolver.rs` (`find_in_sysconfig`) uses it for every `-i pythonX.Y`/`pypyX.Y`/`graalpyX.Y`
 * it cannot find (`find_specified_interpreters`: a native Linux build in a manylinux image without
 * `pypy3.9` builds `pp39` from the configuration; Windows needs pyo3's `generate-import-lib` for that),
 * and for every interpreter when cross-compiling (maturin-action's armv7/ppc64le/s390x/riscv64 and all
 * musllinux builds). `lookup_one` bounds no PyPy or GraalPy minor: every version has a configuration.
 *
 * Per operating system and interpreter kind: the wheel architectures maturin has a
 * configuration for ("any" = every architecture of that OS).
 */
export const MATURIN_INTERPRETERS_SOURCE = {
  repository: 'PyO3/maturin',
  commit: '9ad2a8c029931ec9ed62da51217d68c3e9233260',
  version: '1.14.1',
  path: 'src/python_interpreter/config.rs',
  read: '2026-12-07',
  note: 'newest stored snapshot (maturin 1.14.1, 2026-07-23); projen-maturin pins maturin 1.15.0, whose behaviour was checked with real builds on 2026-12-07 (test/fixtures/README.md)',
} as const;

export type MaturinInterpreterKind = 'cpython' | 'pypy' | 'graalpy';

export const MATURIN_BUNDLED_CONFIGS: Readonly<Record<'linux' | 'macos' | 'windows', Readonly<Record<MaturinInterpreterKind, 'any' | readonly string[]>>>> = {
  // (Os::Linux, CPython | PyPy | GraalPy): any architecture, glibc or musl.
  linux: { cpython: 'any', pypy: 'any', graalpy: 'any' },
  // (Os::Macos, …): any architecture, so both halves of universal2.
  macos: { cpython: 'any', pypy: 'any', graalpy: 'any' },
  // (Os::Windows, CPython): win_amd64, win32, win_arm64; (Os::Windows, PyPy): "PyPy on Windows only supports x86_64"; no GraalPy.
  windows: { cpython: ['amd64', 'win32', 'arm64'], pypy: ['amd64'], graalpy: [] },
};

/** maturin's `FREE_THREADED_MINIMUM_PYTHON_MINOR` (src/python_interpreter/mod.rs): 3.13t is refused. */
export const MATURIN_FREE_THREADED_MINIMUM_MINOR = 14;

/**
 * How `--find-interpreter` resolves (same commit: `src/python_interpreter/mod.rs`, `discovery.rs`,
 * `resolver.rs`, `src/bridge/mod.rs`). Building for the runner's own target, maturin looks for
 * `python3.X` (X from the bindings' minimum to `MAXIMUM_PYTHON_MINOR`), `python3.Xt` from 3.14 when
 * the bindings support free-threading, and `pypy3.X` (Windows: the `py` launcher, no PyPy), keeping
 * those `requires-python` admits. Cross-compiling without `PYO3_CROSS_LIB_DIR` (not abi3), it takes
 * every bundled configuration of the target instead (`lookup_target`). An abi3 build drops PyPy and
 * free-threaded interpreters it found (`filter_for_abi3`).
 */
export const MATURIN_DISCOVERY = {
  minimumPythonMinor: 7,
  maximumPythonMinor: 14,
  minimumPypyMinor: 8,
  maximumPypyMinor: 11,
  /** `PyO3::minimal_pypy_minor_version`: pyo3 0.23 and later support PyPy 3.9 and later; 0.14 to 0.22 PyPy 3.7. */
  pyo3MinimumPypyMinor: { from023: 9, before023: 7 },
} as const;
