import { readFileSync } from 'fs';
import { join } from 'path';
import { Channel } from './channel';
import { ExpectedDistribution } from './distributions';
import { ProjenMaturinError } from './errors';
import { EstimateReport } from './estimate-report';
import { RELEASE_CONFIG_PATH } from './paths';

/**
 * What the release tools need at release time, written by `npx projen` next to the
 * workflow from the same configuration, so the two can never disagree.
 */
export interface RuntimeConfig {
  readonly schemaVersion: 1;
  readonly packageName: string;
  readonly moduleName: string;
  readonly tagPattern: string;
  readonly versionSource: 'cargo' | 'pyproject';
  readonly changelogFile: string;
  /** The generated workflow, for previews of what a release runs. */
  readonly workflowPath: string;
  readonly prereleasesToTestPypi: boolean;
  /** Per channel: the simple index (to install from) and the JSON API (to compare files with). */
  readonly indexes: Readonly<Partial<Record<Channel, { readonly simple: string; readonly json: string }>>>;
  readonly expectedDistributions: readonly ExpectedDistribution[];
  /** Time and cost of a release, computed from the release plan at synthesis. */
  readonly estimate: EstimateReport;
  /**
   * The largest file the index accepts, in MB as PyPI counts them (MiB). Absent means
   * PyPI's default; a project with a raised limit sets it. Read it with `maxFileSizeMb()`.
   */
  readonly maxFileSizeMb?: number;
}

/** PyPI's default upload limit per file (warehouse/constants.py: MAX_FILESIZE = 100 * ONE_MIB). */
export const PYPI_DEFAULT_MAX_FILE_SIZE_MB = 100;

/** The per-file upload limit in MB (MiB) that applies to this release. */
export function maxFileSizeMb(config: Pick<RuntimeConfig, 'maxFileSizeMb'>): number {
  return config.maxFileSizeMb ?? PYPI_DEFAULT_MAX_FILE_SIZE_MB;
}

/** The generated release settings of the repository at `root`. */
export function readRuntimeConfig(root: string): RuntimeConfig {
  try {
    return JSON.parse(readFileSync(join(root, RELEASE_CONFIG_PATH), 'utf8'));
  } catch (e) {
    throw new ProjenMaturinError(`${RELEASE_CONFIG_PATH} not found or unreadable (${(e as Error).message.split('\n')[0]}): ` +
      'run "npx projen" in a project that uses MaturinRelease, and commit the result');
  }
}
