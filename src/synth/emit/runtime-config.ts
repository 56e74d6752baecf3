import { RuntimeConfig } from '../../core/contract';
import { EstimateReport } from '../../core/estimate-report';
import { workflowPath } from '../../core/paths';
import { ReleasePlan } from '../plan/release-plan';

/** The release tools' settings for a plan. */
export function emitRuntimeConfig(plan: ReleasePlan, estimate: EstimateReport): RuntimeConfig {
  const { config } = plan;
  return {
    schemaVersion: 1,
    packageName: config.packageName,
    moduleName: config.moduleName,
    tagPattern: config.tag.pattern,
    versionSource: config.versionSource,
    changelogFile: config.changelogFile,
    workflowPath: workflowPath(config.workflowName),
    prereleasesToTestPypi: config.publishing.testPypi,
    indexes: Object.fromEntries(plan.indexes.map((index) => [index.channel, { simple: index.simpleIndexUrl, json: index.jsonApiUrl }])),
    expectedDistributions: plan.expected,
    estimate,
    maxFileSizeMb: config.publishing.maxFileSizeMb,
  };
}
