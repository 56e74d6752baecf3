import { Channel } from './channel';
import { ExpectedDistribution } from './distributions';
import { EstimateReport } from '../plan/estimate-report';

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
