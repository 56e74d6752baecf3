import { readFileSync } from 'fs';
import { join } from 'path';
import { ReleaseDecision, decideRelease, planOutputs } from './decision';
import { RuntimeConfig } from './runtime-config';
import { SimulatedJob, simulateWorkflow } from './workflow-simulation';

/** What a tag would release, and what the generated workflow would run for it. */
export interface PreflightReport {
  readonly tag: string;
  readonly version: string;
  readonly pep440: string;
  readonly channel: string;
  readonly prerelease: boolean;
  readonly ok: boolean;
  readonly errors: string[];
  readonly notes: string;
  /** Jobs for a push of the tag (empty when the plan job would stop the release). */
  readonly push: SimulatedJob[];
  /** Jobs for a manual dry run of the current version. */
  readonly dryRun: SimulatedJob[];
}

function simulate(workflowYaml: string, decision: ReleaseDecision, github: Record<string, string>, inputs: Record<string, unknown>): SimulatedJob[] {
  return decision.ok ? simulateWorkflow(workflowYaml, { github, inputs, planOutputs: planOutputs(decision) }) : [];
}

/**
 * Runs the release decision for `tag` exactly as the plan job does, then asks
 * the generated workflow itself which jobs and steps would run.
 */
export function preflight(config: RuntimeConfig, root: string, tag: string): PreflightReport {
  const workflowYaml = readFileSync(join(root, config.workflowPath), 'utf8');
  const push = decideRelease(config, root, { event: 'push', refType: 'tag', refName: tag, dryRun: false });
  const dryRun = decideRelease(config, root, { event: 'workflow_dispatch', refType: 'branch', refName: 'main', dryRun: true });
  return {
    tag,
    version: push.version,
    pep440: push.pep440,
    channel: push.channel,
    prerelease: push.prerelease,
    ok: push.ok,
    errors: push.errors,
    notes: push.notes,
    push: simulate(workflowYaml, push, { event_name: 'push', ref: `refs/tags/${tag}`, ref_name: tag, ref_type: 'tag' }, {}),
    dryRun: simulate(workflowYaml, dryRun, { event_name: 'workflow_dispatch', ref: 'refs/heads/main', ref_name: 'main', ref_type: 'branch' }, { 'dry-run': true }),
  };
}
