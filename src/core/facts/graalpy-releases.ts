/**
 * GraalPy releases as oracle/graalpython's own repository records them: which Python version a
 * GraalPy release implements (maturin's `graalpy_version_for_python_version` names the ABI tag
 * after it), when each line last had a release, and the platforms it is built and tested on.
 */
export const GRAALPY_RELEASES_SOURCE = {
  repository: 'oracle/graalpython',
  commit: '85d36e23a5b2c5c282e1b8d04ed5ff8ba97215cb',
  path: 'release tags vm-24.2.*, vm-25.0.*; ci.jsonnet (commits d7f4ff914d2be4c59b14359c4d4f247074e78265, 89a813b27ce9295f4b437f7dd9ecfffbebb27bac)',
  read: '2026-12-07',
  note: 'newest stored snapshot (2026-08-19). Release assets are not in git: graalpy-25.0.2 has no macos-amd64 archive '
    + '(asset list quoted in https://github.com/pypa/cibuildwheel/issues/2731, 2026-02-05), and a maintainer confirms "Support for '
    + 'Intel-based OS X has been removed in GraalVM 25.0.2" (https://github.com/oracle/graalpython/issues/806, 2026-05-25)',
} as const;

/** Linux architectures GraalPy is built for (glibc only): mx.graalpython/suite.py "platforms" at vm-25.0.4.1. */
export const GRAALPY_LINUX_ARCHITECTURES: readonly string[] = ['x86_64', 'aarch64'];

export interface GraalpyLine {
  /** The Python minor it implements. */
  readonly pythonMinor: number;
  /** The GraalPy release line ("25.0"): setup-python's `graalpy-25.0`, and the wheel ABI tag `graalpy250_312_native`. */
  readonly release: string;
  /** The line's newest release tag and its date. */
  readonly lastRelease: { readonly version: string; readonly date: string };
  /** Set when a newer line replaced it and it has had no release since: the day the replacement came out. */
  readonly supersededOn?: string;
  /** macOS architectures it is built for. */
  readonly macos: readonly ('arm64' | 'x86_64')[];
}

export const GRAALPY_LINES: readonly GraalpyLine[] = [
  // vm-24.2.2 (2025-07-02) is the last 24.2 tag; vm-25.0.0 (2025-09-05) replaced it.
  { pythonMinor: 11, release: '24.2', lastRelease: { version: '24.2.2', date: '2025-07-02' }, supersededOn: '2025-09-05', macos: ['arm64', 'x86_64'] },
  // No macos-amd64 archive from 25.0.2 on (see the source note); "Remove darwin-amd64 jobs" in ci.jsonnet: master
  // 2025-11-03 (25.1 and later), the 25.0 branch for 25.0.4. setup-python's `graalpy-25.0` on an Intel Mac would
  // install 25.0.1, a release GraalPy no longer supports.
  { pythonMinor: 12, release: '25.0', lastRelease: { version: '25.0.4.1', date: '2026-08-11' }, macos: ['arm64'] },
];
