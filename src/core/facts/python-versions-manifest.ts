/**
 * What setup-python can install, per CPython minor: actions/python-versions' `versions-manifest.json`,
 * the list setup-python reads. Keys are setup-python's platforms (`darwin`, `win32`, and
 * `linux-<Ubuntu version>`); values are the architectures (`x64`, `arm64`, `x86`, and
 * `<arch>-freethreaded`) with a final release (`stable`) or only pre-releases (`prerelease`,
 * installed only with `allow-prereleases: true`). PyPy and GraalPy are not in this manifest.
 */
export interface ManifestBuilds {
  readonly stable: readonly string[];
  readonly prerelease: readonly string[];
}

export const PYTHON_VERSIONS_MANIFEST_SOURCE = {
  repository: 'actions/python-versions',
  commit: '7ecd5646f5754416c84a566afefc50324526a3d9',
  path: 'versions-manifest.json',
  read: '2026-12-07',
  note: 'newest stored snapshot (2026-08-12, "Update versions-manifest (#407)")',
} as const;

export const PYTHON_VERSIONS_MANIFEST: Readonly<Record<string, Readonly<Record<string, ManifestBuilds>>>> = {
  '3.7': {
    'darwin': { stable: ['x64'], prerelease: [] },
    'linux-16.04': { stable: ['x64'], prerelease: [] },
    'linux-18.04': { stable: ['x64'], prerelease: [] },
    'linux-20.04': { stable: ['x64'], prerelease: [] },
    'linux-22.04': { stable: ['x64'], prerelease: [] },
    'win32': { stable: ['x64', 'x86'], prerelease: [] },
  },
  '3.8': {
    'darwin': { stable: ['arm64', 'x64'], prerelease: [] },
    'linux-16.04': { stable: ['x64'], prerelease: [] },
    'linux-18.04': { stable: ['x64'], prerelease: [] },
    'linux-20.04': { stable: ['x64'], prerelease: [] },
    'linux-22.04': { stable: ['arm64', 'x64'], prerelease: [] },
    'linux-24.04': { stable: ['arm64', 'x64'], prerelease: [] },
    'win32': { stable: ['x64', 'x86'], prerelease: [] },
  },
  '3.9': {
    'darwin': { stable: ['arm64', 'x64'], prerelease: [] },
    'linux-16.04': { stable: ['x64'], prerelease: [] },
    'linux-18.04': { stable: ['x64'], prerelease: [] },
    'linux-20.04': { stable: ['x64'], prerelease: [] },
    'linux-22.04': { stable: ['arm64', 'x64'], prerelease: [] },
    'linux-24.04': { stable: ['arm64', 'x64'], prerelease: [] },
    'win32': { stable: ['x64', 'x86'], prerelease: [] },
  },
  '3.10': {
    'darwin': { stable: ['arm64', 'x64'], prerelease: [] },
    'linux-16.04': { stable: [], prerelease: ['x64'] },
    'linux-18.04': { stable: ['x64'], prerelease: [] },
    'linux-20.04': { stable: ['x64'], prerelease: [] },
    'linux-22.04': { stable: ['arm64', 'x64'], prerelease: [] },
    'linux-24.04': { stable: ['arm64', 'x64'], prerelease: [] },
    'linux-26.04': { stable: ['arm64', 'x64'], prerelease: [] },
    'win32': { stable: ['x64', 'x86'], prerelease: [] },
  },
  '3.11': {
    'darwin': { stable: ['arm64', 'x64'], prerelease: [] },
    'linux-18.04': { stable: [], prerelease: ['x64'] },
    'linux-20.04': { stable: ['x64'], prerelease: [] },
    'linux-22.04': { stable: ['arm64', 'x64'], prerelease: [] },
    'linux-24.04': { stable: ['arm64', 'x64'], prerelease: [] },
    'linux-26.04': { stable: ['arm64', 'x64'], prerelease: [] },
    'win32': { stable: ['arm64', 'x64', 'x86'], prerelease: [] },
  },
  '3.12': {
    'darwin': { stable: ['arm64', 'x64'], prerelease: [] },
    'linux-18.04': { stable: [], prerelease: ['x64'] },
    'linux-20.04': { stable: ['x64'], prerelease: [] },
    'linux-22.04': { stable: ['arm64', 'x64'], prerelease: [] },
    'linux-24.04': { stable: ['arm64', 'x64'], prerelease: [] },
    'linux-26.04': { stable: ['arm64', 'x64'], prerelease: [] },
    'win32': { stable: ['arm64', 'x64', 'x86'], prerelease: [] },
  },
  '3.13': {
    'darwin': { stable: ['arm64', 'arm64-freethreaded', 'x64', 'x64-freethreaded'], prerelease: [] },
    'linux-20.04': { stable: ['x64', 'x64-freethreaded'], prerelease: [] },
    'linux-22.04': { stable: ['arm64', 'arm64-freethreaded', 'x64', 'x64-freethreaded'], prerelease: [] },
    'linux-24.04': { stable: ['arm64', 'arm64-freethreaded', 'x64', 'x64-freethreaded'], prerelease: [] },
    'linux-26.04': { stable: ['arm64', 'arm64-freethreaded', 'x64', 'x64-freethreaded'], prerelease: [] },
    'win32': { stable: ['arm64', 'arm64-freethreaded', 'x64', 'x64-freethreaded', 'x86', 'x86-freethreaded'], prerelease: [] },
  },
  '3.14': {
    'darwin': { stable: ['arm64', 'arm64-freethreaded', 'x64', 'x64-freethreaded'], prerelease: [] },
    'linux-20.04': { stable: [], prerelease: ['x64', 'x64-freethreaded'] },
    'linux-22.04': { stable: ['arm64', 'arm64-freethreaded', 'x64', 'x64-freethreaded'], prerelease: [] },
    'linux-24.04': { stable: ['arm64', 'arm64-freethreaded', 'x64', 'x64-freethreaded'], prerelease: [] },
    'linux-26.04': { stable: ['arm64', 'arm64-freethreaded', 'x64', 'x64-freethreaded'], prerelease: [] },
    'win32': { stable: ['arm64', 'arm64-freethreaded', 'x64', 'x64-freethreaded', 'x86', 'x86-freethreaded'], prerelease: [] },
  },
  '3.15': {
    'darwin': { stable: [], prerelease: ['arm64', 'arm64-freethreaded', 'x64', 'x64-freethreaded'] },
    'linux-22.04': { stable: [], prerelease: ['arm64', 'arm64-freethreaded', 'x64', 'x64-freethreaded'] },
    'linux-24.04': { stable: [], prerelease: ['arm64', 'arm64-freethreaded', 'x64', 'x64-freethreaded'] },
    'linux-26.04': { stable: [], prerelease: ['arm64', 'arm64-freethreaded', 'x64', 'x64-freethreaded'] },
    'win32': { stable: [], prerelease: ['arm64', 'arm64-freethreaded', 'x64', 'x64-freethreaded', 'x86', 'x86-freethreaded'] },
  },
};
