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

/** A local CPython of a wanted version. */
export interface Interpreter {
  readonly version: string;
  readonly path: string;
}

/** The "X.Y" version an interpreter reports, or undefined when it does not run. */
function reportedVersion(python: string): string | undefined {
  const result = spawnSync(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Where rehearse looks for CPython "X.Y", in order. */
export function interpreterCandidates(version: string): { places: string; paths: string[] } {
  const exe = `python${version}`;
  const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, exe));
  const versions = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions');
  const patch = (v: string) => Number(v.split('.')[2]);
  const installs = existsSync(versions)
    ? readdirSync(versions).filter((v) => v.startsWith(`${version}.`) && /^\d+\.\d+\.\d+$/.test(v)).sort((a, b) => patch(b) - patch(a)).map((v) => join(versions, v, 'bin', exe))
    : [];
  return { places: `${exe} on PATH and under ${versions}`, paths: [...onPath, ...installs] };
}

/**
 * CPython "X.Y" on this machine: the first `pythonX.Y` on PATH that runs and
 * is that version (a pyenv shim of a version that is not selected does not
 * run), else the newest pyenv install of it.
 */
export function findInterpreter(version: string): Interpreter | undefined {
  for (const path of interpreterCandidates(version).paths) {
    if (existsSync(path) && reportedVersion(path) === version) return { version, path };
  }
  return undefined;
}
