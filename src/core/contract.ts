import { readFileSync } from 'fs';
import { join } from 'path';
import { Channel } from './channel';
import { ExpectedDistribution } from './distributions';
import { ProjenMaturinError } from './errors';
import { EstimateReport } from './estimate-report';
import { RELEASE_CONFIG_PATH } from './paths';

/**
 * The plan job's outputs: decided once from the tag, read by every later job
 * (the workflow's `needs.plan.outputs.*` and the release tools' step outputs).
 */
export const PLAN_OUTPUTS = ['tag', 'version', 'pep440', 'channel', 'prerelease', 'publish'] as const;
export type PlanOutput = (typeof PLAN_OUTPUTS)[number];
export type PlanOutputs = Readonly<Record<PlanOutput, string>>;

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
