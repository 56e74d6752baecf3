import { PackageFacts } from './repository';
import { BuildSite } from './workflows';
import { MANYLINUX_IMAGES_SOURCE, MANYLINUX_IMAGE_PYTHONS } from '../../core/facts/manylinux-images';
import { MATURIN_ACTION } from '../../core/facts/maturin-action';
import { MATURIN_ACTION_ZIG_SOURCE, ZIG_UNSUPPORTED_TARGET_PREFIXES } from '../../core/facts/maturin-action-zig';
import {
  MATURIN_BUNDLED_CONFIGS, MATURIN_DISCOVERY, MATURIN_FREE_THREADED_MINIMUM_MINOR, MATURIN_INTERPRETERS_SOURCE,
} from '../../core/facts/maturin-interpreters';
import { RUNNER_IMAGES } from '../../core/facts/runner-images';
import { RUNNER_IMAGE_PYTHONS, RUNNER_PYTHONS_SOURCE } from '../../core/facts/runner-pythons';
import { FactSource } from '../../core/facts/types';
import { INTERPRETERS, parseInterpreter, pyo3PypyFloor, whyNotPyo3 } from '../../core/interpreters';
import { TARGET_ALIASES } from '../maturin-action';

/** Rust target triples of the wheel targets the generated release builds (`WheelPlatform` values). */
const PLATFORM_OF_TRIPLE: Readonly<Record<string, string>> = {
  'x86_64-unknown-linux-gnu': 'linux-x86_64',
  'aarch64-unknown-linux-gnu': 'linux-aarch64',
  'i686-unknown-linux-gnu': 'linux-i686',
  'armv7-unknown-linux-gnueabihf': 'linux-armv7',
  'powerpc64le-unknown-linux-gnu': 'linux-ppc64le',
  's390x-unknown-linux-gnu': 'linux-s390x',
  'riscv64gc-unknown-linux-gnu': 'linux-riscv64',
  'x86_64-unknown-linux-musl': 'musllinux-x86_64',
  'aarch64-unknown-linux-musl': 'musllinux-aarch64',
  'i686-unknown-linux-musl': 'musllinux-i686',
  'armv7-unknown-linux-musleabihf': 'musllinux-armv7',
  'aarch64-apple-darwin': 'macos-arm64',
  'x86_64-apple-darwin': 'macos-x86_64',
  'universal2-apple-darwin': 'macos-universal2',
  'x86_64-pc-windows-msvc': 'windows-x64',
  'i686-pc-windows-msvc': 'windows-x86',
  'aarch64-pc-windows-msvc': 'windows-arm64',
};

/** The order targets are listed in (the generated workflow's order). */
export const PLATFORM_ORDER = Object.values(PLATFORM_OF_TRIPLE);

/** Where a build's wheels land: a target of the generated release, or why none. */
export type Placement =
  | { readonly platform: string; readonly triple: string; readonly level?: string }
  | { readonly platform?: undefined; readonly triple: string; readonly reason: string };

/** The manylinux/musllinux level of a build (`auto`, `2_28`, `1_2`), and whether it is musl; "off" for none. */
export function linuxLevel(manylinux: string | undefined): { musl: boolean; level: string } {
  const value = (manylinux ?? 'auto').trim();
  if (/^musllinux/.test(value)) return { musl: true, level: value.replace(/^musllinux_?/, '') || '1_2' };
  // `linux` (maturin's --compatibility) is the plain linux_* tag, as `off` is.
  if (value === 'off' || value === 'false' || value === 'linux') return { musl: false, level: 'off' };
  return { musl: false, level: value.replace(/^manylinux_?/, '') || 'auto' };
}

/** The target a build produces wheels for, following maturin-action's aliases and the runner's architecture. */
export function placeBuild(site: BuildSite): Placement {
  const argvTarget = (() => {
    const i = site.argv.indexOf('--target');
    return i >= 0 ? site.argv[i + 1] : site.argv.find((a) => a.startsWith('--target='))?.slice('--target='.length);
  })();
  const { musl, level } = linuxLevel(site.manylinux);
  const aliases = site.os === 'linux' ? TARGET_ALIASES[musl ? 'musllinux' : 'manylinux'] : site.os === 'unknown' ? {} : TARGET_ALIASES[site.os];
  const given = argvTarget ?? site.target;
  let triple: string;
  if (site.argv.includes('--universal2')) triple = 'universal2-apple-darwin';
  else if (given) triple = aliases[given] ?? given;
  else if (site.os === 'linux') triple = /arm/.test(site.runsOn) ? 'aarch64-unknown-linux-gnu' : 'x86_64-unknown-linux-gnu';
  else if (site.os === 'darwin') triple = /macos-1[0-3]\b|intel|large/.test(site.runsOn) ? 'x86_64-apple-darwin' : 'aarch64-apple-darwin';
  else if (site.os === 'win32') triple = /arm/.test(site.runsOn) ? 'aarch64-pc-windows-msvc' : 'x86_64-pc-windows-msvc';
  else return { triple: site.runsOn || '(no runs-on)', reason: `the runner "${site.runsOn}" names no operating system adopt knows` };
  if (musl && site.os === 'linux') triple = triple.replace(/-gnu(eabihf)?$/, (_, eabi) => (eabi ? '-musleabihf' : '-musl'));
  const platform = PLATFORM_OF_TRIPLE[triple];
  if (/emscripten/.test(triple)) return { triple, reason: 'Pyodide (Emscripten) wheels: PyPI does not take them, and the generated release has no Emscripten target' };
  if (/android/.test(triple)) return { triple, reason: 'the generated release has no Android target' };
  if (!platform) return { triple, reason: `the generated release has no target for ${triple}` };
  if (site.os === 'linux' && level === 'off') return { triple, reason: 'manylinux is "off": these are linux_* wheels, which PyPI refuses' };
  // A musl triple with `manylinux: auto` builds musllinux wheels at the level maturin detects (the default).
  const autoMusl = /-musl/.test(triple) && level === 'auto';
  return { platform, triple, level: site.os === 'linux' && !autoMusl ? level : undefined };
}

/** Whether `requires-python` admits Python 3.minor (the common `>=`, `>`, `<`, `<=`, `==3.X.*`, `~=` and `!=` clauses). */
export function admits(requiresPython: string | undefined, minor: number): boolean {
  if (!requiresPython) return true;
  return requiresPython.split(',').every((clause) => {
    const m = /^\s*(>=|<=|==|!=|~=|>|<)\s*3(?:\.(\d+))?(?:\.(\d+|\*))?\s*$/.exec(clause);
    if (!m) return true;
    const [, op, minorText, patch] = m;
    const bound = Number(minorText ?? 0);
    switch (op) {
      case '>=': case '~=': return minor >= bound;
      case '>': return patch !== undefined && patch !== '*' ? minor >= bound : minor > bound;
      case '<': return patch !== undefined && patch !== '*' && Number(patch) > 0 ? minor <= bound : minor < bound;
      case '<=': return minor <= bound;
      case '==': return minor === bound;
      case '!=': return patch !== undefined && patch !== '*' ? true : minor !== bound;
      default: return true;
    }
  });
}

/** The interpreters the generated release builds without `allowPythonPrereleases`, in its order. */
export const BUILDABLE_SPECS: readonly string[] = INTERPRETERS.filter((i) => !i.prerelease).map((i) => i.spec);
const minorOf = (spec: string) => Number(/3\.(\d+)/.exec(spec)![1]);
const CPYTHON = BUILDABLE_SPECS.filter((s) => /^3\.\d+$/.test(s)).map(minorOf);
/** The oldest CPython setup-python has for Windows on Arm. */
const OLDEST_WINDOWS_ARM64_MINOR = 11;

const at = (source: FactSource) => `${source.repository} @ ${source.commit!.slice(0, 12)}`;
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
/** The architecture of a Rust target triple, as runner images name it (`x64`, `arm64`, `x86`), else its first part. */
const archOfTriple = (triple: string) => (/^x86_64/.test(triple) ? 'x64' : /^aarch64/.test(triple) ? 'arm64' : /^i686/.test(triple) ? 'x86' : triple.split('-')[0]);

/** The interpreters a build environment has, before maturin's own filters, and the fact that says so. */
interface Environment {
  readonly where: string;
  readonly cpython: readonly number[];
  readonly freeThreaded: readonly number[];
  readonly pypy: readonly number[];
  readonly source: string;
}

/** maturin's bundled configurations: cross-compiling, `--find-interpreter` takes them all (facts/maturin-interpreters.ts). */
function crossCompiling(triple: string, where: string): Environment {
  const os = /apple/.test(triple) ? 'macos' : /windows/.test(triple) ? 'windows' : 'linux';
  const pypyArchs = MATURIN_BUNDLED_CONFIGS[os].pypy;
  const pypy = pypyArchs === 'any' || (archOfTriple(triple) === 'x64' && pypyArchs.includes('amd64'));
  return {
    where: `${where}, cross-compiling for ${triple} (maturin's bundled configurations)`,
    cpython: range(MATURIN_DISCOVERY.minimumPythonMinor, MATURIN_DISCOVERY.maximumPythonMinor),
    freeThreaded: range(MATURIN_FREE_THREADED_MINIMUM_MINOR, MATURIN_DISCOVERY.maximumPythonMinor),
    pypy: pypy ? range(MATURIN_DISCOVERY.minimumPypyMinor, MATURIN_DISCOVERY.maximumPypyMinor) : [],
    source: at(MATURIN_INTERPRETERS_SOURCE),
  };
}

/** A pypa manylinux image: its interpreters (facts/manylinux-images.ts). */
function manylinuxImage(image: string, triple: string, assumed: boolean): Environment {
  const name = image.replace(/^quay\.io\/pypa\//, '').replace(/:latest$/, '');
  const arch = triple.split('-')[0];
  const glibc = /manylinux/.test(name) || assumed;
  return {
    where: assumed ? `in the ${image} container (taken to hold the Pythons of pypa's manylinux images)` : `in the ${name} image`,
    cpython: MANYLINUX_IMAGE_PYTHONS.cpythonMinors,
    freeThreaded: MANYLINUX_IMAGE_PYTHONS.freeThreadedMinors,
    pypy: glibc ? Object.entries(MANYLINUX_IMAGE_PYTHONS.pypy).filter(([, archs]) => archs.includes(arch)).map(([m]) => Number(m)) : [],
    source: at(MANYLINUX_IMAGES_SOURCE),
  };
}

/** A minor from setup-python's `python-version` ("3.9", "3.x", "pypy3.10", "3.14t"). */
function setupPythonMinor(version: string): { kind: 'cpython' | 'free-threaded' | 'pypy'; minor: number } | undefined {
  const m = /^(pypy-?)?3\.(\d+|x)(t?)(?:\.\d+)?$/.exec(version.trim());
  if (!m) return undefined;
  const minor = m[2] === 'x' ? Math.max(...CPYTHON) : Number(m[2]);
  return { kind: m[1] ? 'pypy' : m[3] ? 'free-threaded' : 'cpython', minor };
}

/** The runner itself: what its image preinstalls (facts/runner-pythons.ts) and what setup-python installed in the job. */
function runner(site: BuildSite, image: string | undefined, arch: string): Environment {
  const preinstalled = image ? RUNNER_IMAGE_PYTHONS[image]?.[arch as 'x64'] ?? [] : [];
  const installed = site.setupPython.map(setupPythonMinor).filter((v): v is NonNullable<typeof v> => v !== undefined);
  const of = (kind: string) => installed.filter((v) => v.kind === kind).map((v) => v.minor);
  const parts = [
    ...(image ? [`the ${image} ${arch} runner image has ${preinstalled.length > 0 ? preinstalled.map((m) => `3.${m}`).join(', ') : 'no Python for it'}`] : [`"${site.runsOn}" is no runner image adopt knows`]),
    ...(site.setupPython.length > 0 ? [`setup-python installs ${site.setupPython.join(', ')}`] : []),
  ];
  return {
    where: `on the runner (${parts.join('; ')})`,
    cpython: [...new Set([...preinstalled, ...of('cpython')])].sort((a, b) => a - b),
    freeThreaded: of('free-threaded'),
    // maturin looks for no PyPy on Windows (discovery.rs find_all_windows).
    pypy: site.os === 'win32' ? [] : of('pypy'),
    source: at(RUNNER_PYTHONS_SOURCE),
  };
}

/** Where a build's maturin runs and which interpreters are there, following maturin-action (facts/maturin-action*.ts). */
function environmentOf(site: BuildSite, triple: string): Environment {
  const label = RUNNER_IMAGES.labels.find((l) => l.label === site.runsOn.trim());
  const runnerArch = label?.arch ?? (/arm/.test(site.runsOn) ? 'arm64' : 'x64');
  const targetArch = archOfTriple(triple);
  if (site.os === 'linux' && site.action) {
    const forced = /^(on|true)$/.test(site.container ?? '');
    const zig = site.argv.includes('--zig') && !ZIG_UNSUPPORTED_TARGET_PREFIXES.some((p) => triple.startsWith(p)) && !forced;
    if (!zig && site.container !== 'off' && site.container !== 'false') {
      const { musl, level } = linuxLevel(site.manylinux);
      const key = musl ? `musllinux_${level}` : level;
      const tables = MATURIN_ACTION.defaultContainers[runnerArch] ?? {};
      const custom = site.container && !forced ? site.container : undefined;
      const image = custom ?? tables[triple]?.[key] ?? tables[MATURIN_ACTION.defaultTarget[runnerArch]]?.[key];
      const native = targetArch === runnerArch || (targetArch === 'x86' && runnerArch === 'x64');
      if (image && /^quay\.io\/pypa\//.test(image)) return manylinuxImage(image, triple, false);
      if (image && custom && native) return manylinuxImage(image, triple, true);
      if (image) return crossCompiling(triple, `in the ${image.replace(/:latest$/, '')} image`);
    }
    if (zig) {
      const where = `--zig builds on the runner (maturin-action ${at(MATURIN_ACTION_ZIG_SOURCE)})`;
      if (targetArch !== runnerArch || /musl/.test(triple)) return crossCompiling(triple, where);
    }
  }
  const native = site.os === 'darwin' ? triple.startsWith('universal2') || targetArch === runnerArch : targetArch === runnerArch || site.os === 'win32';
  if (!native || (site.os === 'linux' && /musl/.test(triple))) return crossCompiling(triple, `on the runner "${site.runsOn}"`);
  return runner(site, label?.image, site.os === 'win32' ? targetArch : runnerArch);
}

/** Wheel tags as a short list: consecutive CPython minors as a range ("cp39–cp314, cp314t, pp311"). */
function tagList(specs: readonly string[]): string {
  const minors = specs.filter((s) => /^3\.\d+$/.test(s)).map(minorOf);
  const runs: string[] = [];
  for (let i = 0; i < minors.length; i++) {
    let j = i;
    while (j + 1 < minors.length && minors[j + 1] === minors[j] + 1) j++;
    runs.push(j > i ? `cp3${minors[i]}–cp3${minors[j]}` : `cp3${minors[i]}`);
    i = j;
  }
  const rest = specs.filter((s) => !/^3\.\d+$/.test(s)).map((s) => s.replace(/^3\.(\d+)t$/, 'cp3$1t').replace(/^pypy3\.(\d+)$/, 'pp3$1'));
  return [...runs, ...rest].join(', ') || 'nothing';
}

/**
 * What `maturin build --find-interpreter` finds for a build: the interpreters of the environment
 * it runs in (a manylinux image, maturin's bundled configurations when cross-compiling, or the
 * runner's own), kept as maturin keeps them (discovery.rs): CPython 3.7–3.14, `python3.Xt` from
 * 3.14 when the bindings support free-threading (pyo3 0.23+), PyPy from 3.11 (pyo3 0.27+), 3.9 (0.23+) or 3.8,
 * those `requires-python` admits; an abi3 build drops PyPy and free-threaded ones.
 */
export function findInterpreters(site: BuildSite, triple: string, pkg: Pick<PackageFacts, 'requiresPython' | 'freeThreaded' | 'abi3' | 'pyo3'>): { specs: string[]; facts: string } {
  const env = environmentOf(site, triple);
  const d = MATURIN_DISCOVERY;
  const ok = (m: number) => admits(pkg.requiresPython, m);
  // pyo3-ffi's metadata, which maturin reads: PyPy 3.11 from pyo3 0.27, 3.9 from 0.23 (facts/pyo3-pypy.ts).
  const pypyFloor = Math.max(d.minimumPypyMinor, (pkg.pyo3 && pyo3PypyFloor(pkg.pyo3)?.minimumPypyMinor) || d.pyo3MinimumPypyMinor.before023);
  const abi3 = pkg.abi3 !== undefined;
  // The bindings' minimum: an abi3 floor raises it (PyO3::minimal_python_minor_version).
  const floor = Math.max(d.minimumPythonMinor, abi3 && pkg.abi3 ? Number(pkg.abi3.split('.')[1]) : 0);
  const specs = [
    ...env.cpython.filter((m) => m >= floor && m <= d.maximumPythonMinor && ok(m)).map((m) => `3.${m}`),
    ...(pkg.freeThreaded && !abi3 ? env.freeThreaded.filter((m) => m >= MATURIN_FREE_THREADED_MINIMUM_MINOR && m <= d.maximumPythonMinor && ok(m)).map((m) => `3.${m}t`) : []),
    ...(abi3 ? [] : env.pypy.filter((m) => m >= pypyFloor && m <= d.maximumPypyMinor && ok(m)).map((m) => `pypy3.${m}`)),
  ];
  // abi3 with no interpreter from the floor on: maturin builds the one abi3 wheel without one (finalize_abi3's placeholder).
  const placeholder = abi3 && pkg.abi3 !== '' && specs.length === 0;
  if (placeholder) specs.push(pkg.abi3!);
  const found = placeholder ? `no CPython from ${pkg.abi3} on, and builds the abi3 wheel without one` : tagList(specs);
  return { specs, facts: `--find-interpreter ${env.where} finds ${found}${pkg.requiresPython ? ` (requires-python ${pkg.requiresPython})` : ''} (${env.source})` };
}

/** An interpreter as `-i` names it (`python3.12`, `3.12`, `pypy3.10`, `/opt/python/cp312-cp312/bin/python`), as a spec ("3.12", "pypy3.10"). */
export function interpreterSpec(name: string, setupPython: readonly string[]): string | undefined {
  const base = name.replace(/\\/g, '/').replace(/\.exe$/, '');
  const abiDir = /cp3(\d+)-cp3\d+(t?)/.exec(base);
  if (abiDir) return `3.${abiDir[1]}${abiDir[2]}`;
  const match = /(?:^|\/)(pypy|graalpy)?(?:python)?(3\.\d+t?)$/.exec(base);
  if (match) return `${match[1] ?? ''}${match[2]}`;
  if (/(?:^|\/)python3?$/.test(base) && setupPython.length > 0) return setupPython[setupPython.length - 1].replace(/^pypy-?/, 'pypy').replace(/\.\d+$/, (d) => (/^\d+\.\d+\.\d+$/.test(setupPython[setupPython.length - 1]) ? '' : d));
  return undefined;
}

/** maturin options that take no value (the others take the next argument). */
const SWITCHES = ['--release', '-r', '--strip', '--zig', '--sdist', '--find-interpreter', '--universal2', '--locked', '--frozen', '--offline',
  '--no-default-features', '--all-features', '--skip-auditwheel', '--skip-existing', '--non-interactive', '--verbose', '-v', '-q', '--quiet', '--auditwheel-repair'];

/**
 * The arguments of a build that are computed in the run (`${{ … }}` of a step's output, an input, a
 * variable): `values` are option values (`--profile ${{ … }}`), the option first; `whole` stand
 * alone and may hold any arguments, so what the build makes cannot be told.
 */
export function runtimeArgs(argv: readonly string[]): { values: [string, string][]; whole: string[] } {
  const values: [string, string][] = [];
  const whole: string[] = [];
  argv.forEach((arg, i) => {
    if (!arg.includes('${{')) return;
    const before = argv[i - 1];
    if (/^--?[\w-]+=/.test(arg)) values.push([arg.slice(0, arg.indexOf('=')), arg]);
    else if (i > 1 && before.startsWith('-') && !before.includes('=') && !SWITCHES.includes(before)) values.push([before, arg]);
    else whole.push(arg);
  });
  return { values, whole };
}

/** The interpreters one build builds for: `-i` names, `--find-interpreter`, or the Python on PATH. */
export function buildInterpreters(site: BuildSite, platform: string, triple: string, pkg: Pick<PackageFacts, 'requiresPython' | 'freeThreaded' | 'bindings' | 'abi3' | 'pyo3'>):
{ specs: string[]; facts?: string; unknown?: string } {
  const argv = site.argv;
  // bin, cffi and uniffi wheels are py3-none whatever Python maturin finds.
  if (pkg.bindings !== 'pyo3') return { specs: [] };
  const computed = runtimeArgs(argv);
  if (computed.whole.length > 0) return { specs: [], unknown: `${site.argsWhere}: maturin's arguments are computed in the run (${computed.whole.join(' ')}): which wheels it builds cannot be told` };
  if (argv.includes('--find-interpreter')) return findInterpreters(site, triple, pkg);
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-i' || arg === '--interpreter') {
      // `--interpreter '3.11 3.12'`: maturin-action (v1.51.0 src/index.ts) joins its arguments with spaces, so the list is split again.
      while (i + 1 < argv.length && !argv[i + 1].startsWith('-')) names.push(...argv[++i].split(/[\s,]+/).filter(Boolean));
    } else if (/^(-i|--interpreter)=/.test(arg)) {
      names.push(...arg.slice(arg.indexOf('=') + 1).split(/[\s,]+/).filter(Boolean));
    } else if (/^-i\S/.test(arg)) {
      names.push(arg.slice(2));
    }
  }
  const container = site.os === 'linux' && site.action && site.manylinux !== undefined && linuxLevel(site.manylinux).level !== 'off';
  if (names.length === 0 && pkg.abi3 !== undefined) {
    // An abi3 build needs no interpreter list: one wheel for the abi3 floor and later.
    // The generated release builds it with the oldest CPython the target has from the floor on.
    const floor = Number(pkg.abi3.split('.')[1] ?? 0);
    // …and that requires-python admits (prqlc: abi3-py37, requires-python >=3.9; synthesis refuses a version it excludes).
    const oldest = CPYTHON.map((m) => `3.${m}`).find((s) => minorOf(s) >= floor && admits(pkg.requiresPython, minorOf(s)) && whyNotBuildable(s, platform) === undefined);
    return oldest ? { specs: [oldest] } : { specs: [], unknown: `${site.argsWhere}: no CPython on ${platform} builds an abi3 wheel for ${pkg.abi3 || 'this crate'}` };
  }
  if (names.length === 0) {
    if (!container && site.setupPython.length > 0) names.push('python');
    else return { specs: [], unknown: `${site.argsWhere}: no -i/--interpreter and no --find-interpreter${container ? ' in the build container' : ''}: which Python maturin found cannot be told` };
  }
  const specs: string[] = [];
  for (const name of names) {
    const spec = interpreterSpec(name, site.setupPython);
    if (spec === undefined) return { specs, unknown: `${site.argsWhere}: the interpreter "${name}" cannot be told` };
    specs.push(spec);
  }
  return { specs };
}

/** A wheel's Python and ABI tags as printed: `cp312`, `cp314t`, `cp39-abi3`, `pp311`, `py3-none`. */
export function wheelTag(spec: string, pkg: Pick<PackageFacts, 'bindings' | 'abi3'>, abi3Floor?: string): string {
  if (pkg.bindings !== 'pyo3') return 'py3-none';
  const m = /^(pypy|graalpy)?3\.(\d+)(t?)$/.exec(spec);
  if (!m) return spec;
  const [, family, minor, threaded] = m;
  if (family === 'pypy') return `pp3${minor}`;
  if (family === 'graalpy') return `graalpy3${minor}`;
  if (threaded) return `cp3${minor}t`;
  if (pkg.abi3 !== undefined) return `cp${(abi3Floor ?? `3.${minor}`).replace('.', '')}-abi3`;
  return `cp3${minor}`;
}

/**
 * Where the generated release builds no PyPy, and the GraalPy wheels it builds per target
 * (test/cli/adopt.test.ts holds these equal to synth's targets, which derive them from the facts).
 */
const NO_PYPY = ['windows-x86', 'windows-arm64'];
const GRAALPY_BUILT: Readonly<Record<string, readonly string[]>> = {
  'linux-x86_64': ['graalpy3.11', 'graalpy3.12'],
  'linux-aarch64': ['graalpy3.11', 'graalpy3.12'],
  'macos-arm64': ['graalpy3.11', 'graalpy3.12'],
  'macos-x86_64': ['graalpy3.11'],
  'macos-universal2': ['graalpy3.11'],
};

/** Whether an interpreter is a CPython pre-release the generated release builds only with `allowPythonPrereleases`. */
export const isPrerelease = (spec: string) => INTERPRETERS.some((i) => i.spec === spec && i.prerelease);

/** Why the generated release cannot build an interpreter on a target (for a crate on `pyo3`), or undefined when it can. */
export function whyNotBuildable(spec: string, platform: string, allowPrereleases = false, pyo3?: readonly [number, number]): string | undefined {
  if (!BUILDABLE_SPECS.includes(spec) && !(allowPrereleases && isPrerelease(spec))) {
    if (/^3\.\d+$/.test(spec) && minorOf(spec) < CPYTHON[0]) return `the generated release builds CPython 3.${CPYTHON[0]} and later`;
    // maturin still builds 3.13t when named (`-i python3.13t`), it only stopped finding it (v1.14.1 src/python_interpreter/discovery.rs).
    if (spec === '3.13t') return 'the generated release builds free-threaded wheels from 3.14t on (3.13t was experimental)';
    if (/^3\.\d+t?$/.test(spec) && minorOf(spec) > CPYTHON[CPYTHON.length - 1]) return `${spec} is a CPython pre-release (allowPythonPrereleases)`;
    return `the generated release does not build ${spec}`;
  }
  if (spec.startsWith('pypy') && NO_PYPY.includes(platform)) return `the generated release builds no PyPy wheels for ${platform}`;
  const pyo3Reason = pyo3 ? whyNotPyo3(parseInterpreter(spec)!, pyo3) : undefined;
  if (pyo3Reason) return pyo3Reason;
  if (spec.startsWith('graalpy') && !(GRAALPY_BUILT[platform] ?? []).includes(spec)) return `the generated release builds no ${spec.replace('graalpy', 'GraalPy ')} wheels for ${platform}`;
  if (platform === 'windows-arm64' && /^3\.\d+$/.test(spec) && minorOf(spec) < OLDEST_WINDOWS_ARM64_MINOR) return `setup-python has no Windows arm64 build of Python ${spec}`;
  return undefined;
}

/** Wheels per target: target → wheel tag → where it came from. */
export type WheelSet = Map<string, Map<string, string>>;

export function addWheel(set: WheelSet, target: string, tag: string, where: string): void {
  if (!set.has(target)) set.set(target, new Map());
  if (!set.get(target)!.has(tag)) set.get(target)!.set(tag, where);
}

/** Sort order of tags: CPython by version, then free-threaded, PyPy, GraalPy. */
export function compareTags(a: string, b: string): number {
  const key = (t: string) => {
    const m = /^(cp|pp|graalpy|py)(\d)(\d+)(t?)/.exec(t);
    if (!m) return [9, 0, t];
    return [{ cp: m[4] ? 1 : 0, pp: 2, graalpy: 3, py: 4 }[m[1]] ?? 9, Number(m[3]), t];
  };
  const [x, y] = [key(a), key(b)];
  return (x[0] as number) - (y[0] as number) || (x[1] as number) - (y[1] as number) || String(x[2]).localeCompare(String(y[2]));
}

/** A miss: a wheel the existing workflows publish that the generated release does not, and why. */
export interface Miss {
  readonly target: string;
  readonly tags: string[];
  readonly reason: string;
}

/** The difference between two wheel sets, target by target. */
export interface WheelSetDifference {
  readonly rows: { target: string; same: string[]; added: string[]; missing: string[] }[];
  readonly same: number;
  readonly added: number;
  readonly missing: number;
}

export function difference(existing: WheelSet, adopted: WheelSet): WheelSetDifference {
  const targets = [...new Set([...existing.keys(), ...adopted.keys()])].sort((a, b) => {
    const [x, y] = [PLATFORM_ORDER.indexOf(a), PLATFORM_ORDER.indexOf(b)];
    return (x < 0 ? 99 : x) - (y < 0 ? 99 : y) || a.localeCompare(b);
  });
  const rows = targets.map((target) => {
    const before = [...(existing.get(target)?.keys() ?? [])];
    const after = [...(adopted.get(target)?.keys() ?? [])];
    return {
      target,
      same: before.filter((t) => after.includes(t)).sort(compareTags),
      added: after.filter((t) => !before.includes(t)).sort(compareTags),
      missing: before.filter((t) => !after.includes(t)).sort(compareTags),
    };
  });
  const sum = (key: 'same' | 'added' | 'missing') => rows.reduce((n, r) => n + r[key].length, 0);
  return { rows, same: sum('same'), added: sum('added'), missing: sum('missing') };
}
