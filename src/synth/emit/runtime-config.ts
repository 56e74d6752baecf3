import { IResolver, JsonFile, Project } from 'projen';
import { RUNTIME_CONFIG_SCHEMA, RuntimeConfig } from '../../core/contract';
import { EstimateReport } from '../../core/estimate-report';
import { GENERATED_FILES_KEY, GeneratedFiles, PROJEN_MATURIN_VERSION, configDigest, textDigest } from '../../core/generated-files';
import { RELEASE_CONFIG_PATH, RELEASE_TOOLS_PATH, workflowPath } from '../../core/paths';
import { Bindings } from '../options';
import { ReleasePlan } from '../plan/release-plan';
import { untestedWheels } from '../plan/untested';

/** The release tools' settings for a plan. */
export function emitRuntimeConfig(plan: ReleasePlan, estimate: EstimateReport): RuntimeConfig {
  const { config } = plan;
  return {
    schemaVersion: RUNTIME_CONFIG_SCHEMA,
    packageName: config.packageName,
    moduleName: config.moduleName,
    importable: config.bindings !== Bindings.BIN,
    tagPattern: config.tag.pattern,
    versionSource: config.versionSource,
    packageDirectory: config.packageDirectory,
    releaseTrigger: config.releaseTrigger,
    ...(config.sharedTag ? { sharedTag: true } : {}),
    releaseNotes: config.releaseNotes,
    ...(config.releaseNotesFile !== undefined ? { releaseNotesFile: config.releaseNotesFile } : {}),
    changelogFile: config.changelogFile,
    changelogRequired: config.changelogRequired,
    workflowPath: workflowPath(config.workflowName),
    prereleasesToTestPypi: config.publishing.testPypi,
    indexes: Object.fromEntries(plan.indexes.map((index) => [index.channel, { simple: index.simpleIndexUrl, json: index.jsonApiUrl }])),
    expectedDistributions: plan.expected,
    untestedTargets: untestedWheels(plan).map((u) => ({ target: u.target, wheels: [...u.wheels], reason: u.reason })),
    estimate,
    maxFileSizeMb: config.publishing.maxFileSizeMb,
    attestations: config.publishing.attestations,
  };
}

/** The files config.json vouches for, rendered exactly as they are written in the same synthesis. */
export interface GeneratedSources {
  readonly workflowPath: string;
  /** The workflow's text as written (projen's marker, our note and pin comments included). */
  readonly workflowText: (resolver: IResolver) => string | undefined;
  /** The release tools' text as written. */
  readonly releaseToolsText: string;
}

/**
 * config.json, closed by the record of the files generated with it: the workflow and
 * release tools as written in this synthesis, and its own content. The workflow is
 * rendered here with the same resolver, so the record never depends on the order in
 * which projen writes files.
 */
export class RuntimeConfigFile extends JsonFile {
  constructor(project: Project, config: RuntimeConfig, private readonly sources: GeneratedSources, path = RELEASE_CONFIG_PATH) {
    super(project, path, { obj: config, readonly: true, marker: true, newline: true });
  }

  protected synthesizeContent(resolver: IResolver): string | undefined {
    const json = super.synthesizeContent(resolver);
    if (json === undefined) return undefined;
    const config = JSON.parse(json) as Record<string, unknown>;
    const workflow = this.sources.workflowText(resolver);
    const record: GeneratedFiles = {
      projenMaturinVersion: PROJEN_MATURIN_VERSION,
      sha256: {
        // A workflow removed through an escape hatch has no digest; the plan then refuses.
        ...(workflow === undefined ? {} : { [this.sources.workflowPath]: textDigest(workflow) }),
        [RELEASE_TOOLS_PATH]: textDigest(this.sources.releaseToolsText),
        [this.path]: configDigest(config),
      },
    };
    return `${JSON.stringify({ ...config, [GENERATED_FILES_KEY]: record }, undefined, 2)}\n`;
  }
}
