/**
 * Python interpreters a release can build wheels for, as written in `pythonVersions`
 * ("3.12", "3.14t", "pypy3.11", "graalpy3.12"), with the wheel tags maturin gives
 * each one and how a runner gets it. Sources: maturin 1.14 `python_interpreter/`
 * (tags, free-threaded from 3.14, GraalPy ABI versions), pypa/manylinux (what the
 * images ship), actions/python-versions (what setup-python installs).
 */
export type InterpreterKind = 'cpython' | 'free-threaded' | 'pypy' | 'graalpy';

export interface Interpreter {
  /** As written in the options, e.g. "3.14t". */
  readonly spec: string;
  readonly kind: InterpreterKind;
  /** "3.X" */
  readonly version: string;
  readonly minor: number;
  /** Wheel Python tag, e.g. `cp314`, `pp311`, `graalpy311`. */
  readonly pythonTag: string;
  /** Wheel ABI tag of a version-specific wheel, e.g. `cp314t`, `pypy311_pp73`. */
  readonly abiTag: string;
  /** The interpreter's name inside manylinux images and for maturin's `--interpreter`. */
  readonly executable: string;
  /** setup-python's `python-version` for it. */
  readonly setupPython: string;
  /** Still a pre-release of CPython (needs `allowPythonPrereleases`). */
  readonly prerelease: boolean;
  /** Human name, e.g. "CPython 3.14 (free-threaded)". */
  readonly title: string;
}

/** CPython minors that can be built (manylinux images ship 3.9 and later). */
export const CPYTHON_MINORS = [9, 10, 11, 12, 13, 14, 15] as const;
/** The newest CPython minor, which is a pre-release until its final release is in setup-python's manifest. */
export const PRERELEASE_MINOR = 15;
/** Free-threaded builds: maturin 1.14+ refuses 3.13t. */
export const FREE_THREADED_MINORS = [14, 15] as const;
export const PYPY_MINORS = [10, 11] as const;
/** GraalPy releases by Python version: the ABI tag names the GraalPy release (maturin's `graalpy_version_for_python_version`). */
export const GRAALPY_RELEASES: Readonly<Record<number, string>> = { 11: '24.2', 12: '25.0' };
/** Oldest abi3 floor pyo3 accepts that this product supports ("3.8" → `cp38-abi3`). */
export const ABI3_MINORS = [8, 9, 10, 11, 12, 13, 14, 15] as const;

/** Every interpreter spec `pythonVersions` accepts, in a stable order. */
export const INTERPRETER_SPECS: readonly string[] = [
  ...CPYTHON_MINORS.map((m) => `3.${m}`),
  ...FREE_THREADED_MINORS.map((m) => `3.${m}t`),
  ...PYPY_MINORS.map((m) => `pypy3.${m}`),
  ...Object.keys(GRAALPY_RELEASES).map((m) => `graalpy3.${m}`),
];

/** CPython's wheel tag for a version: "3.12" → "cp312". */
export const cpythonTag = (version: string) => `cp${version.replace('.', '')}`;

/** pyo3's stable-ABI feature for a minimum version: "3.11" → "abi3-py311". */
export const abi3Feature = (version: string) => `abi3-py${version.replace('.', '')}`;

/** The interpreter a spec names, or undefined when it names none this product builds. */
export function parseInterpreter(spec: string): Interpreter | undefined {
  if (typeof spec !== 'string' || !INTERPRETER_SPECS.includes(spec)) return undefined;
  const match = /^(pypy|graalpy)?3\.(\d+)(t)?$/.exec(spec);
  if (!match) return undefined;
  const [, family, minorText, threaded] = match;
  const minor = Number(minorText);
  const version = `3.${minor}`;
  const nodot = `3${minor}`;
  if (family === 'pypy') {
    if (threaded || !(PYPY_MINORS as readonly number[]).includes(minor)) return undefined;
    return {
      spec,
      kind: 'pypy',
      version,
      minor,
      prerelease: false,
      pythonTag: `pp${nodot}`,
      abiTag: `pypy${nodot}_pp73`,
      executable: `pypy${version}`,
      setupPython: `pypy${version}`,
      title: `PyPy ${version}`,
    };
  }
  if (family === 'graalpy') {
    const release = GRAALPY_RELEASES[minor];
    if (threaded || release === undefined) return undefined;
    return {
      spec,
      kind: 'graalpy',
      version,
      minor,
      prerelease: false,
      pythonTag: `graalpy${nodot}`,
      abiTag: `graalpy${release.replace('.', '')}_${nodot}_native`,
      executable: `graalpy${version}`,
      setupPython: `graalpy-${release}`,
      title: `GraalPy ${version}`,
    };
  }
  if (threaded) {
    if (!(FREE_THREADED_MINORS as readonly number[]).includes(minor)) return undefined;
    return {
      spec,
      kind: 'free-threaded',
      version,
      minor,
      prerelease: minor >= PRERELEASE_MINOR,
      pythonTag: `cp${nodot}`,
      abiTag: `cp${nodot}t`,
      executable: `python${version}t`,
      setupPython: `${version}t`,
      title: `Python ${version} (free-threaded)`,
    };
  }
  if (!(CPYTHON_MINORS as readonly number[]).includes(minor)) return undefined;
  return {
    spec,
    kind: 'cpython',
    version,
    minor,
    prerelease: minor >= PRERELEASE_MINOR,
    pythonTag: `cp${nodot}`,
    abiTag: `cp${nodot}`,
    executable: `python${version}`,
    setupPython: version,
    title: `Python ${version}`,
  };
}

/** Why a spec is refused, for an option error: the most specific reason there is. */
export function whyNotInterpreter(spec: unknown): string {
  if (typeof spec === 'number') return 'a number; write Python versions as strings such as "3.10" (a JSON number 3.10 is 3.1)';
  if (typeof spec !== 'string') return 'not a string';
  if (/^3\.13t$/.test(spec)) return 'free-threaded wheels are built for 3.14t and later (maturin 1.14 and the manylinux images dropped 3.13t)';
  if (/^3\.[0-8]$/.test(spec)) return 'older than the oldest CPython the build images ship (3.9); an abi3 wheel can still support it through abi3MinimumPython';
  return 'not an interpreter this product builds';
}

/** Sort order of interpreters: CPython, free-threaded, PyPy, GraalPy; by version within each. */
export function compareInterpreters(a: Interpreter, b: Interpreter): number {
  return INTERPRETER_SPECS.indexOf(a.spec) - INTERPRETER_SPECS.indexOf(b.spec);
}
