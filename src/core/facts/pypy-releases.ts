import { FactSource } from './types';

/**
 * PyPy releases as PyPy's own repository records them: `pypy/tool/release/versions.json` is
 * the list PyPy publishes as https://downloads.python.org/pypy/versions.json, which
 * actions/setup-python's PyPy installer reads (`src/install-pypy.ts` at 5fda3b95: the newest
 * release whose `python_version` matches and that has a file for the runner's platform and
 * architecture; Linux arm64 is `aarch64`, Windows is `win64`). The release notes in
 * `pypy/doc/release-v7.3.*.rst` say when PyPy stopped releasing a Python version.
 */
export const PYPY_RELEASES_SOURCE: FactSource = {
  repository: 'pypy/pypy',
  commit: '4eeb73ca9598d4743be0c8e452bf7850b7a17630',
  path: 'pypy/tool/release/versions.json, pypy/doc/release-v7.3.17.rst, pypy/doc/release-v7.3.19.rst, pypy/doc/release-v7.3.20.rst',
  read: '2026-12-07',
  note: 'newest stored snapshot (2026-08-05); versions.json last changed in 0824831e7412d56072ff82d01e65b98f58516a77 (2026-07-26)',
};

/** setup-python's names for a PyPy download's platform (versions.json `platform`, `arch`). */
export type PypyPlatform = 'linux' | 'darwin' | 'win64';

export interface PypyLine {
  /** The Python minor it implements ("pypy3.9" → 9). */
  readonly pythonMinor: number;
  /** Its newest stable release in versions.json: what setup-python installs for `pypy3.X`. */
  readonly lastRelease: { readonly version: string; readonly date: string };
  /** The platforms and architectures that release has a download for. */
  readonly files: Readonly<Record<PypyPlatform, readonly string[]>>;
  /** When PyPy stopped releasing it: the first release without it. */
  readonly droppedIn?: { readonly version: string; readonly date: string; readonly notes: string };
}

export const PYPY_LINES: readonly PypyLine[] = [
  {
    pythonMinor: 9,
    lastRelease: { version: '7.3.16', date: '2024-04-24' },
    files: { linux: ['x64', 'aarch64', 'i686', 's390x'], darwin: ['x64', 'arm64'], win64: ['x64'] },
    // "Conda-forge is sunsetting its PyPy support, which means we can drop PyPy3.9."
    droppedIn: { version: '7.3.17', date: '2024-08-28', notes: 'pypy/doc/release-v7.3.17.rst' },
  },
  {
    pythonMinor: 10,
    lastRelease: { version: '7.3.19', date: '2025-02-26' },
    files: { linux: ['x64', 'aarch64', 'i686'], darwin: ['x64', 'arm64'], win64: ['x64'] },
    // 7.3.19: "In the next release we will drop 3.10"; 7.3.20 is a "release of python 2.7, 3.11".
    droppedIn: { version: '7.3.20', date: '2025-07-04', notes: 'pypy/doc/release-v7.3.20.rst' },
  },
  {
    pythonMinor: 11,
    lastRelease: { version: '7.3.23', date: '2026-05-26' },
    files: { linux: ['x64', 'aarch64', 'i686'], darwin: ['x64', 'arm64'], win64: ['x64'] },
  },
];
