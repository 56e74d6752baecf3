/**
 * CPython release status and end-of-life dates, from the Python release managers' own data
 * (python/peps `release_management/python-releases.toml`, which peps.python.org/api/release-cycle.json
 * and the devguide's release-cycle chart are generated from). Minors 3.7 to 3.16.
 *
 * `status` is the source's: "feature" (in development), "prerelease" (betas and release
 * candidates), "bugfix", "security", "end-of-life". `final` is the X.Y.0 final release: its date,
 * and whether the source records it as having happened ("actual") or scheduled ("expected").
 */
export interface CpythonRelease {
  /** "3.X" */
  readonly version: string;
  /** The PEP of its release schedule. */
  readonly pep: number;
  readonly status: 'feature' | 'prerelease' | 'bugfix' | 'security' | 'end-of-life';
  readonly final: { readonly date: string; readonly state: 'actual' | 'expected' };
  /** The day it stops receiving security fixes (YYYY-MM-DD). */
  readonly endOfLife: string;
}

export const PYTHON_RELEASES_SOURCE = {
  repository: 'python/peps',
  commit: 'ba4deeb7969588d937da609008d05bb83a47b1ab',
  path: 'release_management/python-releases.toml',
  url: 'https://peps.python.org/api/release-cycle.json',
  read: '2026-12-07',
  note: 'newest stored snapshot (2026-08-22); the file last changed in b53285d29f16cc743a7a6339c947c49ccf70c525 (2026-08-06)',
} as const;

export const PYTHON_RELEASES: readonly CpythonRelease[] = [
  { version: '3.7', pep: 537, status: 'end-of-life', final: { date: '2018-06-27', state: 'actual' }, endOfLife: '2023-06-27' },
  { version: '3.8', pep: 569, status: 'end-of-life', final: { date: '2019-10-14', state: 'actual' }, endOfLife: '2024-10-07' },
  { version: '3.9', pep: 596, status: 'end-of-life', final: { date: '2020-10-05', state: 'actual' }, endOfLife: '2025-10-31' },
  { version: '3.10', pep: 619, status: 'security', final: { date: '2021-10-04', state: 'actual' }, endOfLife: '2026-10-01' },
  { version: '3.11', pep: 664, status: 'security', final: { date: '2022-10-24', state: 'actual' }, endOfLife: '2027-10-01' },
  { version: '3.12', pep: 693, status: 'security', final: { date: '2023-10-02', state: 'actual' }, endOfLife: '2028-10-01' },
  { version: '3.13', pep: 719, status: 'bugfix', final: { date: '2024-10-07', state: 'actual' }, endOfLife: '2029-10-01' },
  { version: '3.14', pep: 745, status: 'bugfix', final: { date: '2025-10-07', state: 'actual' }, endOfLife: '2030-10-01' },
  { version: '3.15', pep: 790, status: 'prerelease', final: { date: '2026-10-01', state: 'expected' }, endOfLife: '2031-10-01' },
  { version: '3.16', pep: 826, status: 'feature', final: { date: '2027-10-05', state: 'expected' }, endOfLife: '2032-10-01' },
];
