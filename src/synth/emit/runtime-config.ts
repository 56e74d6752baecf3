import { RUNTIME_CONFIG_SCHEMA, RuntimeConfig } from '../../core/contract';
import { EstimateReport } from '../../core/estimate-report';
import { workflowPath } from '../../core/paths';
import { ReleasePlan } from '../plan/release-plan';

/** The release tools' settings for a plan. */
export function emitRuntimeConfig(plan: ReleasePlan, estimate: EstimateReport): RuntimeConfig {
  const { config } = plan;
  return {
    schemaVersion: RUNTIME_CONFIG_SCHEMA,
    packageName: config.packageName,
    moduleName: config.moduleName,
    tagPattern: config.tag.pattern,
    versionSource: config.versionSource,
    packageDirectory: config.packageDirectory,
    releaseTrigger: config.releaseTrigger,
    releaseNotes: config.releaseNotes,
    ...(config.releaseNotesFile !== undefined ? { releaseNotesFile: config.releaseNotesFile } : {}),
    changelogFile: config.changelogFile,
    changelogRequired: config.changelogRequired,
    workflowPath: workflowPath(config.workflowName),
    prereleasesToTestPypi: config.publishing.testPypi,
    indexes: Object.fromEntries(plan.indexes.map((index) => [index.channel, { simple: index.simpleIndexUrl, json: index.jsonApiUrl }])),
    expectedDistributions: plan.expected,
    estimate,
  };
}
