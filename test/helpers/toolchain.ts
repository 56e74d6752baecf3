import { execFileSync, spawnSync } from 'child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { homedir, tmpdir } from 'os';
import { delimiter, dirname, join, resolve } from 'path';

/**
 * What the real maturin builds of the tests need, found the same way every run.
 * `.ci/toolchain.sh` (run by `.ci/run` and the project's own GitHub workflows) installs all of it
 * and exports where it is; a missing piece fails the test that needs it with what to do (never a skip).
 */
export interface Toolchain {
  /** `bin/` of the venv holding maturin and pytest. */
  readonly venvBin: string;
  /** A directory holding only `maturin` (the venv's `bin/` also has its own `python3.X`). */
  readonly maturinBin: string;
  /** Where `cargo` is. */
  readonly cargoBin: string;
  /** CPython "3.X" → its interpreter (pyenv's, else `python3.X` on PATH). */
  readonly pythons: Readonly<Record<string, string>>;
  /** Where the crates come from: a registry directory (offline), or {@link CRATES_IO}. */
  readonly registry: string;
  /** A CARGO_HOME whose config takes the crates from `registry` (never ~/.cargo). */
  readonly cargoHome: string;
  /** One cargo target directory for the builds of each test worker of the run. */
  readonly cargoTargetDir: string;
  /** The run's build directory (test/helpers/global-setup.ts), which holds the two above. */
  readonly buildDir: string;
}

/** The CPython versions the fixtures build and test with. */
export const FIXTURE_PYTHONS = ['3.9', '3.10', '3.11', '3.12', '3.13'];

/** Default of PROJEN_MATURIN_TEST_VENV, the same as in .ci/toolchain.sh. */
export const DEFAULT_VENV = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'projen-maturin', 'test-toolchain');

/**
 * PROJEN_MATURIN_TEST_CARGO_REGISTRY's value for crates.io itself, online (the project's own
 * GitHub workflows: their runners reach crates.io, and no Debian package there has pyo3 0.17).
 */
export const CRATES_IO = 'crates.io';

/** Default of PROJEN_MATURIN_TEST_CARGO_REGISTRY: Debian's librust-pyo3-dev, offline. */
export const DEFAULT_REGISTRY = '/usr/share/cargo/registry';

const SETUP = 'run .ci/run once (it installs everything the real builds need), or see the real-build section of test/fixtures/README.md';

function pyenvRoot(): string {
  if (process.env.PYENV_ROOT) return process.env.PYENV_ROOT;
  try {
    return execFileSync('pyenv', ['root'], { encoding: 'utf8' }).trim();
  } catch {
    return join(homedir(), '.pyenv');
  }
}

/** The newest pyenv install of CPython `version` ("3.X"), if any. */
function pyenvPython(root: string, version: string): string | undefined {
  const versions = join(root, 'versions');
  const installs = existsSync(versions) ? readdirSync(versions).filter((v) => v.startsWith(`${version}.`) && /^\d+\.\d+\.\d+$/.test(v)) : [];
  const newest = installs.sort((a, b) => Number(b.split('.')[2]) - Number(a.split('.')[2]))[0];
  const python = newest && join(versions, newest, 'bin', `python${version}`);
  return python && existsSync(python) ? python : undefined;
}

/**
 * `python3.X` on PATH, as actions/setup-python leaves each version it sets up (pyenv's shims
 * aside: a shim stands for any version, installed or not).
 */
function pathPython(path: string, root: string, version: string): string | undefined {
  const shims = resolve(root, 'shims');
  for (const dir of path.split(delimiter)) {
    if (!dir || resolve(dir) === shims) continue;
    const python = join(dir, `python${version}`);
    try {
      accessSync(python, constants.X_OK);
      if (statSync(python).isFile()) return python;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** CPython `version` ("3.X"): the newest pyenv install, else `python3.X` on `path`. */
export function findPython(version: string, root: string, path: string): string | undefined {
  return pyenvPython(root, version) ?? pathPython(path, root, version);
}

/**
 * CARGO_HOME's config.toml for `registry`: every crate from a registry directory, offline
 * (this machine reaches no crates.io), or nothing to change for crates.io.
 */
export function cargoConfig(registry: string): string {
  if (registry === CRATES_IO) return '';
  return [
    '[source.crates-io]',
    'replace-with = "debian-vendored"',
    '',
    '[source.debian-vendored]',
    `directory = ${JSON.stringify(registry)}`,
    '',
    '[net]',
    'offline = true',
    '',
  ].join('\n');
}

let found: Toolchain | undefined;

/** The toolchain, or an error saying exactly what is missing and how to get it. */
export function requireToolchain(): Toolchain {
  if (found) return found;
  const problems: string[] = [];

  const venv = process.env.PROJEN_MATURIN_TEST_VENV ?? DEFAULT_VENV;
  const venvBin = join(venv, 'bin');
  for (const tool of ['maturin', 'pytest']) {
    if (!existsSync(join(venvBin, tool))) problems.push(`${tool} is not installed in ${venv} (PROJEN_MATURIN_TEST_VENV, default ${DEFAULT_VENV})`);
  }

  const registry = process.env.PROJEN_MATURIN_TEST_CARGO_REGISTRY || DEFAULT_REGISTRY;
  if (registry !== CRATES_IO && (!existsSync(registry) || !readdirSync(registry).some((crate) => crate.startsWith('pyo3-0.17')))) {
    problems.push(`${registry} (PROJEN_MATURIN_TEST_CARGO_REGISTRY) holds no pyo3 0.17 crate: apt-get install librust-pyo3-dev, or set PROJEN_MATURIN_TEST_CARGO_REGISTRY=${CRATES_IO} where crates.io is reachable`);
  }

  const root = pyenvRoot();
  const pythons: Record<string, string> = {};
  for (const version of FIXTURE_PYTHONS) {
    const python = findPython(version, root, process.env.PATH ?? '');
    if (python) pythons[version] = python;
    else problems.push(`CPython ${version} is neither installed under ${root}/versions (pyenv install ${version}) nor on PATH as python${version} (actions/setup-python)`);
  }

  const cargo = spawnSync('bash', ['-c', 'command -v cargo'], { encoding: 'utf8' }).stdout.trim();
  if (!cargo) problems.push('cargo is not on PATH');

  if (problems.length > 0) {
    throw new Error(`the real-build tests cannot run on this machine:\n- ${problems.join('\n- ')}\nfix: ${SETUP}`);
  }

  // Everything a build's fingerprint may depend on sits at paths that are the same for every case
  // of the run, so cargo reuses what an earlier case compiled.
  const buildDir = process.env.PROJEN_MATURIN_TEST_BUILD_DIR ?? mkdtempSync(join(tmpdir(), 'real-builds-'));
  const cargoHome = join(buildDir, 'cargo-home');
  mkdirSync(cargoHome, { recursive: true });
  writeFileSync(join(cargoHome, 'config.toml'), cargoConfig(registry));
  // One per jest worker: two workers building the same crate in one target directory race on
  // the library maturin copies out of it (cargo's lock covers the compile, not maturin's step).
  const cargoTargetDir = join(buildDir, `target-${process.env.JEST_WORKER_ID ?? '1'}`);
  const maturinBin = join(buildDir, 'maturin-bin');
  if (!existsSync(maturinBin)) {
    mkdirSync(maturinBin);
    symlinkSync(join(venvBin, 'maturin'), join(maturinBin, 'maturin'));
  }
  found = { venvBin, maturinBin, cargoBin: dirname(cargo), pythons, registry, cargoHome, cargoTargetDir, buildDir };
  return found;
}

/**
 * A directory with `pythonX.Y` for each given CPython, as a manylinux image has
 * them on PATH (leave a version out to stand for an image without it). The same
 * versions get the same directory all run long: maturin hands the interpreter's
 * path to pyo3's build script, and a new path would recompile pyo3.
 */
export function interpreterDir(toolchain: Toolchain, versions: readonly string[]): string {
  const dir = join(toolchain.buildDir, 'pythons', versions.join('-'));
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    for (const version of versions) symlinkSync(toolchain.pythons[version], join(dir, `python${version}`));
  }
  return dir;
}

/**
 * The environment for cargo and maturin: offline crates, the shared target
 * directory, and a PATH of `pathFirst`, maturin, cargo and the system's
 * directories, with no other Python on it.
 */
export function buildEnv(toolchain: Toolchain, pathFirst: string[] = []): Record<string, string> {
  return {
    CARGO_HOME: toolchain.cargoHome,
    CARGO_TARGET_DIR: toolchain.cargoTargetDir,
    PATH: [...pathFirst, toolchain.maturinBin, toolchain.cargoBin, '/usr/local/bin', '/usr/bin', '/bin'].join(delimiter),
  };
}

/**
 * A fixture's Cargo.lock locks the crates of Debian's registry, whose patched crates carry no
 * checksum ("Could not get crate checksum"), and cargo refuses that lock against crates.io
 * ("checksum for `pyo3 v0.17.3` changed between lock files"). With crates.io, the copy in `dir`
 * is locked afresh (the newest crates its Cargo.toml allows); with a registry directory it stays as committed.
 */
export function lockForRegistry(toolchain: Toolchain, dir: string): void {
  if (toolchain.registry !== CRATES_IO || !existsSync(join(dir, 'Cargo.lock'))) return;
  execFileSync(join(toolchain.cargoBin, 'cargo'), ['generate-lockfile'], {
    cwd: dir, stdio: 'pipe', env: { ...(process.env.HOME ? { HOME: process.env.HOME } : {}), ...buildEnv(toolchain) },
  });
}

/**
 * A maintainer's shell for `projen-maturin rehearse`: the run's interpreters for
 * CPython 3.9–3.13 on PATH (3.14 stands for one the maintainer lacks), no pyenv,
 * maturin on PATH unless left out.
 */
export function maintainerEnv(toolchain: Toolchain, options: { maturin?: boolean } = {}): Record<string, string> {
  const build = buildEnv(toolchain, [interpreterDir(toolchain, FIXTURE_PYTHONS)]);
  return {
    ...build,
    PATH: build.PATH.split(delimiter).filter((dir) => options.maturin !== false || dir !== toolchain.maturinBin).join(delimiter),
    PYENV_ROOT: mkdtempSync(join(tmpdir(), 'no-pyenv-')),
    ...pipEnv(toolchain),
  };
}

/** pip as the tests run it: its cache in the run's build directory, never the user's. */
export function pipEnv(toolchain: Toolchain): Record<string, string> {
  return {
    PIP_CACHE_DIR: join(toolchain.buildDir, 'pip-cache'),
    // This machine reaches packages only through its mirror: let pip give up on the default index at once.
    PIP_RETRIES: '0',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
  };
}
