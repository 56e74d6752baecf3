/**
 * Python interpreters a release can build wheels for, as written in `pythonVersions`
 * ("3.12", "3.14t", "pypy3.11", "graalpy3.12"), with the wheel tags maturin gives
 * each one and how a runner gets it. Derived from the snapshots in `./facts/`: CPython's
 * release status, setup-python's manifest, maturin's bundled configurations, PyPy's and GraalPy's releases.
 */
import { DOCKER_PYTHON_TAGS } from './facts/docker-python-tags';
import { GRAALPY_LINES, GRAALPY_LINUX_ARCHITECTURES } from './facts/graalpy-releases';
import { MATURIN_BUNDLED_CONFIGS, MATURIN_DISCOVERY, MATURIN_FREE_THREADED_MINIMUM_MINOR } from './facts/maturin-interpreters';
import { PYO3_PYPY_FLOORS, Pyo3PypyFloor } from './facts/pyo3-pypy';
import { PYPY_LINES } from './facts/pypy-releases';
import { CpythonRelease, PYTHON_RELEASES, PYTHON_RELEASES_SOURCE } from './facts/python-releases';
import { PYTHON_VERSIONS_MANIFEST } from './facts/python-versions-manifest';

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

/** A snapshot of CPython's release status and of what setup-python installs: the facts the catalogue is derived from. */
export interface CpythonFacts {
  readonly releases: readonly CpythonRelease[];
  readonly manifest: typeof PYTHON_VERSIONS_MANIFEST;
}

/** Which CPython minors can be built, and which of them are pre-releases, for a snapshot of the facts. */
export interface CpythonCatalogue {
  /** Every minor built, oldest first. */
  readonly minors: readonly number[];
  /** Minors whose X.Y.0 final release has not happened (or setup-python has only pre-release builds of). */
  readonly prereleases: readonly number[];
  /** Minors with free-threaded builds that maturin builds. */
  readonly freeThreaded: readonly number[];
}

/**
 * The oldest CPython minor built. 3.7 and older: PyO3 dropped them (the abi3 floors start at 3.8
 * too). Versions past their end of life are built with a warning (`interpreterLifecycleWarnings`).
 */
export const OLDEST_CPYTHON_MINOR = 8;

const minorOf = (version: string) => Number(version.split('.')[1]);

/**
 * The CPython minors of a snapshot: from 3.8 to the newest one setup-python has builds of. A
 * minor is a pre-release until the release managers record its X.Y.0 final as having happened and
 * setup-python has a final build of it; when 3.15 is final, 3.16 (once it has builds) is the pre-release.
 */
export function cpythonCatalogue(facts: CpythonFacts): CpythonCatalogue {
  const minors = facts.releases.map((r) => minorOf(r.version))
    .filter((m) => m >= OLDEST_CPYTHON_MINOR && facts.manifest[`3.${m}`] !== undefined)
    .sort((a, b) => a - b);
  const stable = (m: number) => Object.values(facts.manifest[`3.${m}`]).some((builds) => builds.stable.length > 0);
  const prereleases = minors.filter((m) => facts.releases.find((r) => r.version === `3.${m}`)!.final.state !== 'actual' || !stable(m));
  const freeThreaded = minors.filter((m) => m >= MATURIN_FREE_THREADED_MINIMUM_MINOR
    && Object.values(facts.manifest[`3.${m}`]).some((b) => [...b.stable, ...b.prerelease].some((arch) => arch.endsWith('-freethreaded'))));
  return { minors, prereleases, freeThreaded };
}

const CATALOGUE = cpythonCatalogue({ releases: PYTHON_RELEASES, manifest: PYTHON_VERSIONS_MANIFEST });
/** CPython minors that can be built (facts/python-releases.ts, facts/python-versions-manifest.ts). */
export const CPYTHON_MINORS: readonly number[] = CATALOGUE.minors;
/** CPython minors that are still pre-releases (need `allowPythonPrereleases`). */
export const PRERELEASE_MINORS: readonly number[] = CATALOGUE.prereleases;
/** Free-threaded builds: maturin 1.14+ refuses 3.13t. */
export const FREE_THREADED_MINORS: readonly number[] = CATALOGUE.freeThreaded;
/**
 * PyPy versions: those PyPy has released (facts/pypy-releases.ts, so setup-python installs them)
 * that maturin has configurations for and PyO3 0.23 and later build (PyPy 3.9 and later). Linux
 * builds need no PyPy (the manylinux images have only 3.11; maturin falls back to its bundled
 * configuration for `-i pypy3.9`); macOS and Windows builds use setup-python's.
 */
export const PYPY_MINORS: readonly number[] = PYPY_LINES.map((line) => line.pythonMinor)
  .filter((m) => m >= MATURIN_DISCOVERY.pyo3MinimumPypyMinor.from023 && m <= MATURIN_DISCOVERY.maximumPypyMinor);
/** GraalPy releases by Python version: the ABI tag names the GraalPy release (maturin's `graalpy_version_for_python_version`). */
export const GRAALPY_RELEASES: Readonly<Record<number, string>> = Object.fromEntries(GRAALPY_LINES.map((line) => [line.pythonMinor, line.release]));
/**
 * abi3 floors this product supports ("3.8" → `cp38-abi3`): those it builds, and 3.7, a tag only (the
 * wheel is built by a newer CPython): pyo3 still has `abi3-py37` (PyO3/pyo3 v0.27.1 Cargo.toml:116,
 * read 2026-12-07), and crates use it (prqlc).
 */
export const ABI3_MINORS: readonly number[] = [...new Set([7, ...CPYTHON_MINORS])];

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
    if (threaded || !PYPY_MINORS.includes(minor)) return undefined;
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
    if (!FREE_THREADED_MINORS.includes(minor)) return undefined;
    return {
      spec,
      kind: 'free-threaded',
      version,
      minor,
      prerelease: PRERELEASE_MINORS.includes(minor),
      pythonTag: `cp${nodot}`,
      abiTag: `cp${nodot}t`,
      executable: `python${version}t`,
      setupPython: `${version}t`,
      title: `Python ${version} (free-threaded)`,
    };
  }
  if (!CPYTHON_MINORS.includes(minor)) return undefined;
  return {
    spec,
    kind: 'cpython',
    version,
    minor,
    prerelease: PRERELEASE_MINORS.includes(minor),
    pythonTag: `cp${nodot}`,
    abiTag: `cp${nodot}`,
    executable: `python${version}`,
    setupPython: version,
    title: `Python ${version}`,
  };
}

/** Every interpreter `pythonVersions` accepts, parsed, in the order of INTERPRETER_SPECS. */
export const INTERPRETERS: readonly Interpreter[] = INTERPRETER_SPECS.map((spec) => parseInterpreter(spec)!);

/** Why a spec is refused, for an option error: the most specific reason there is. */
export function whyNotInterpreter(spec: unknown): string {
  if (typeof spec === 'number') return 'a number; write Python versions as strings such as "3.10" (a JSON number 3.10 is 3.1)';
  if (typeof spec !== 'string') return 'not a string';
  if (/^3\.13t$/.test(spec)) return 'free-threaded wheels are built for 3.14t and later (maturin 1.14 and the manylinux images dropped 3.13t)';
  const release = cpythonRelease(spec);
  if (release && minorOf(release.version) < OLDEST_CPYTHON_MINOR) {
    return `CPython ${release.version} reached its end of life on ${release.endOfLife}; the oldest CPython this product builds is 3.${OLDEST_CPYTHON_MINOR}`;
  }
  if (/^3\.[0-6]$/.test(spec)) return `older than 3.${OLDEST_CPYTHON_MINOR}, the oldest CPython this product builds`;
  if (release && !CPYTHON_MINORS.includes(minorOf(release.version))) {
    return `CPython ${release.version} is in development (final release scheduled for ${release.final.date}), and setup-python has no build of it yet`;
  }
  return 'not an interpreter this product builds';
}

/** The release record of a CPython spec ("3.8"), if the release data has it. */
function cpythonRelease(spec: string): CpythonRelease | undefined {
  return PYTHON_RELEASES.find((r) => r.version === spec.replace(/t$/, ''));
}

/**
 * Warnings for interpreters past their end of life on `today` (YYYY-MM-DD): they are built, but
 * get no more fixes upstream. CPython: the release managers' end-of-life date; PyPy: the release
 * that dropped the version; GraalPy: a release line a newer one replaced with no release of its own since.
 */
export function interpreterLifecycleWarnings(interpreters: readonly Interpreter[], today: string): string[] {
  const warnings: string[] = [];
  for (const interpreter of interpreters) {
    if (interpreter.kind === 'cpython' || interpreter.kind === 'free-threaded') {
      const release = cpythonRelease(interpreter.spec);
      if (release && release.endOfLife <= today) {
        warnings.push(`${interpreter.spec} is built, but CPython ${release.version} reached its end of life on ${release.endOfLife} ` +
          `(PEP ${release.pep}; ${PYTHON_RELEASES_SOURCE.url}) and gets no more security fixes; remove it from pythonVersions when your users have moved on`);
      }
    } else if (interpreter.kind === 'pypy') {
      const line = PYPY_LINES.find((l) => l.pythonMinor === interpreter.minor);
      if (line?.droppedIn && line.droppedIn.date <= today) {
        warnings.push(`${interpreter.spec} is built, but PyPy stopped releasing PyPy ${interpreter.version} with PyPy ${line.droppedIn.version} (${line.droppedIn.date}; ` +
          `its last release is ${line.lastRelease.version}, ${line.lastRelease.date}) and gets no more fixes; remove it from pythonVersions when your users have moved on`);
      }
    } else if (interpreter.kind === 'graalpy') {
      const line = GRAALPY_LINES.find((l) => l.pythonMinor === interpreter.minor);
      const next = GRAALPY_LINES.find((l) => l.pythonMinor > interpreter.minor);
      if (line?.supersededOn && line.supersededOn <= today) {
        warnings.push(`${interpreter.spec} is built, but GraalPy ${line.release} has had no release since ${line.lastRelease.version} (${line.lastRelease.date})` +
          `${next ? `; GraalPy ${next.release} (graalpy3.${next.pythonMinor}) replaced it on ${line.supersededOn}` : ''}; remove it from pythonVersions when your users have moved on`);
      }
    }
  }
  return [...new Set(warnings)];
}

/** Whether setup-python has a build of a CPython for a runner OS (`darwin`, `win32`, `linux-24.04`) and architecture. */
export function setupPythonHas(interpreter: Interpreter, platform: string, architecture: string): boolean {
  const builds = PYTHON_VERSIONS_MANIFEST[interpreter.version]?.[platform];
  const arch = interpreter.kind === 'free-threaded' ? `${architecture}-freethreaded` : architecture;
  return builds !== undefined && (builds.stable.includes(arch) || (interpreter.prerelease && builds.prerelease.includes(arch)));
}

/** The PyPy floor of a PyO3 version (major, minor), or undefined for versions older than the facts cover (0.23). */
export function pyo3PypyFloor(pyo3: readonly [number, number]): Pyo3PypyFloor | undefined {
  return PYO3_PYPY_FLOORS.find((f) => pyo3[0] > f.from[0] || (pyo3[0] === f.from[0] && pyo3[1] >= f.from[1]));
}

/**
 * Why a crate on PyO3 `pyo3` (major, minor) cannot build an interpreter, or undefined when it can:
 * PyO3 0.27 and later build PyPy 3.11 only (facts/pyo3-pypy.ts).
 */
export function whyNotPyo3(interpreter: Interpreter, pyo3: readonly [number, number]): string | undefined {
  if (interpreter.kind !== 'pypy') return undefined;
  const floor = pyo3PypyFloor(pyo3);
  if (!floor || interpreter.minor >= floor.minimumPypyMinor) return undefined;
  return `PyO3 ${pyo3.join('.')} builds PyPy 3.${floor.minimumPypyMinor} and later (PyO3 ${floor.release}, ${floor.date}, dropped the older ones)`;
}

/** Sort order of interpreters: CPython, free-threaded, PyPy, GraalPy; by version within each. */
export function compareInterpreters(a: Interpreter, b: Interpreter): number {
  return INTERPRETER_SPECS.indexOf(a.spec) - INTERPRETER_SPECS.indexOf(b.spec);
}

/** Docker's architecture names of the `python` image's platforms (`docker run --platform`). */
export const DOCKER_ARCHITECTURES: Readonly<Record<string, string>> = {
  'linux/amd64': 'amd64',
  'linux/arm64': 'arm64v8',
  'linux/386': 'i386',
  'linux/arm/v7': 'arm32v7',
  'linux/ppc64le': 'ppc64le',
  'linux/s390x': 's390x',
  'linux/riscv64': 'riscv64',
};

/**
 * The official `python` image a container test of a CPython runs in, or undefined when Docker
 * publishes none for that version and platform. A pre-release has only `-rc` tags
 * (`3.15-rc-slim-trixie`) until its final release (facts/docker-python-tags.ts).
 */
export function testImage(interpreter: Interpreter, libc: 'glibc' | 'musl', dockerPlatform: string): string | undefined {
  if (interpreter.kind !== 'cpython') return undefined;
  const tag = `${interpreter.version}${interpreter.prerelease ? '-rc' : ''}-${libc === 'musl' ? 'alpine' : 'slim-trixie'}`;
  return DOCKER_PYTHON_TAGS[tag]?.includes(DOCKER_ARCHITECTURES[dockerPlatform]) ? `python:${tag}` : undefined;
}

/** What `whyNotBuildable` needs to know of a wheel target (a `PlatformSpec`). */
export interface BuildPlatform {
  readonly os: 'linux' | 'macos' | 'windows';
  /** The architecture in the wheel's platform tag (`x86_64`, `armv7l`, `universal2`, `amd64`, `win32`, …). */
  readonly wheelArch: string;
  readonly linuxContainer?: 'manylinux' | 'musllinux';
  /** setup-python's `architecture` on the target's runner (macOS/Windows build with setup-python's interpreters). */
  readonly pythonArchitecture?: string;
}

const SETUP_PYTHON_OS = { macos: 'darwin', windows: 'win32' } as const;
const OS_TITLE = { linux: 'Linux', macos: 'macOS', windows: 'Windows' } as const;

/**
 * Why an interpreter's wheels cannot be built for a target, or undefined when they can. Linux
 * builds need no interpreter (maturin's bundled configurations, facts/maturin-interpreters.ts);
 * macOS and Windows builds use setup-python's CPython (facts/python-versions-manifest.ts); an
 * interpreter with no release for a platform gets no wheels for it (facts/graalpy-releases.ts).
 */
export function whyNotBuildable(interpreter: Interpreter, platform: BuildPlatform): string | undefined {
  const { os, wheelArch } = platform;
  if (interpreter.kind === 'pypy' || interpreter.kind === 'graalpy') {
    const name = interpreter.kind === 'pypy' ? 'PyPy' : 'GraalPy';
    const archs = MATURIN_BUNDLED_CONFIGS[os][interpreter.kind];
    if (archs !== 'any' && !archs.includes(wheelArch)) {
      return archs.length === 0 ? `maturin has no ${name} configuration for ${OS_TITLE[os]}` : `maturin builds ${name} wheels for ${OS_TITLE[os]} ${archs.join(', ')} only`;
    }
    if (interpreter.kind === 'graalpy') {
      if (platform.linuxContainer === 'musllinux') return 'GraalPy has no musl (Alpine) build';
      if (os === 'linux' && !GRAALPY_LINUX_ARCHITECTURES.includes(wheelArch)) return `GraalPy has no ${wheelArch} build`;
      const line = GRAALPY_LINES.find((l) => l.pythonMinor === interpreter.minor)!;
      if (os === 'macos' && wheelArch !== 'arm64' && !line.macos.includes('x86_64')) {
        return wheelArch === 'universal2'
          ? `GraalPy ${line.release} has no Intel macOS build (dropped in 25.0.2), so the x86_64 half of a universal2 wheel would run nowhere; build it on macos-arm64`
          : `GraalPy ${line.release} has no Intel macOS build (dropped in 25.0.2; setup-python would install 25.0.1, which GraalPy no longer supports); build GraalPy wheels on macos-arm64`;
      }
    }
    return undefined;
  }
  if (os !== 'linux' && platform.pythonArchitecture && !setupPythonHas(interpreter, SETUP_PYTHON_OS[os], platform.pythonArchitecture)) {
    return `setup-python has no ${OS_TITLE[os]} ${platform.pythonArchitecture} build of ${interpreter.title}`;
  }
  return undefined;
}
