import { spawnSync } from 'child_process';
import { existsSync, readdirSync } from 'fs';
import { homedir } from 'os';
import { delimiter, join } from 'path';

/** The machine a rehearsal runs on, in the workflow's terms. */
export interface Host {
  readonly os: 'linux' | 'darwin' | 'win32';
  /** maturin-action `target` values that build for this CPU. */
  readonly targets: readonly string[];
  /** Linux only: the C library, which decides between manylinux and musllinux jobs. */
  readonly libc?: 'glibc' | 'musl';
  /** A wheel platform tag of this machine, to pick its part of the promised wheel set. */
  readonly platformTag: string;
  /** For messages: e.g. "Linux x86_64 (glibc 2.36)". */
  readonly description: string;
}

/** This machine, or undefined when no release job builds for its kind. */
export function detectHost(): Host | undefined {
  const arm = process.arch === 'arm64';
  if (process.arch !== 'x64' && !arm) return undefined;
  const cpu = arm ? 'aarch64' : 'x86_64';
  if (process.platform === 'linux') {
    const glibc = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header?.glibcVersionRuntime;
    return {
      os: 'linux',
      targets: arm ? ['aarch64'] : ['x86_64', 'x64'],
      libc: glibc ? 'glibc' : 'musl',
      platformTag: glibc ? `manylinux_2_17_${cpu}` : `musllinux_1_2_${cpu}`,
      description: `Linux ${cpu} (${glibc ? `glibc ${glibc}` : 'musl'})`,
    };
  }
  if (process.platform === 'darwin') {
    return { os: 'darwin', targets: arm ? ['aarch64'] : ['x86_64', 'x64'], platformTag: arm ? 'macosx_11_0_arm64' : 'macosx_10_12_x86_64', description: `macOS ${arm ? 'arm64' : 'x86_64'}` };
  }
  if (process.platform === 'win32') {
    return { os: 'win32', targets: arm ? ['aarch64'] : ['x64', 'x86_64'], platformTag: arm ? 'win_arm64' : 'win_amd64', description: `Windows ${arm ? 'arm64' : 'x64'}` };
  }
  return undefined;
}

/** The interpreter setup-python's `python-version` installs, named as maturin and the manylinux images name it. */
export function interpreterFor(setupPythonVersion: string): string | undefined {
  const match = /^(pypy)?(3\.\d+)(t?)$/.exec(setupPythonVersion);
  if (!match) return undefined;
  return match[1] ? `pypy${match[2]}` : `python${match[2]}${match[3]}`;
}

/** "X.Y" of an interpreter name (`python3.12`, `python3.14t`, `pypy3.11`, `graalpy3.12`). */
const versionOf = (name: string) => /^(?:python|pypy|graalpy)(3\.\d+)t?$/.exec(name)?.[1];

/** The "X.Y" an interpreter reports, or undefined when it does not run. */
function reportedVersion(python: string): string | undefined {
  const result = spawnSync(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Where rehearse looks for an interpreter, in order: `name` on PATH, then pyenv's installs of it. */
export function interpreterCandidates(name: string): { places: string; paths: string[] } {
  const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, name));
  const versions = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions');
  const match = /^(python|pypy)(3\.\d+)(t?)$/.exec(name);
  // pyenv names them 3.12.4, 3.14.0t and pypy3.11-7.3.20.
  const install = match && new RegExp(match[1] === 'pypy' ? `^pypy${match[2].replace('.', '\\.')}-` : `^${match[2].replace('.', '\\.')}\\.\\d+${match[3]}$`);
  const patch = (v: string) => Number(/(\d+)t?$/.exec(v)?.[1] ?? 0);
  const installs = install && existsSync(versions)
    ? readdirSync(versions).filter((v) => install.test(v)).sort((a, b) => patch(b) - patch(a)).map((v) => join(versions, v, 'bin', name))
    : [];
  return { places: `${name} on PATH and under ${versions}`, paths: [...onPath, ...installs] };
}

/**
 * An interpreter on this machine by its name (`python3.12`): the first one on
 * PATH that runs and is that version (a pyenv shim of a version that is not
 * selected does not run), else the newest pyenv install of it.
 */
export function findInterpreter(name: string): string | undefined {
  const version = versionOf(name);
  return interpreterCandidates(name).paths.find((path) => existsSync(path) && reportedVersion(path) === version);
}
