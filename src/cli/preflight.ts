import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { SimulatedJob, simulateWorkflow } from './workflow-simulation';
import { RuntimeConfig } from '../core/contract';
import { ReleaseDecision, decideRelease, planOutputs } from '../core/decision';
import { ProjenMaturinError } from '../core/errors';

/** What a tag would release, and what the generated workflow would run for it. */
export interface PreflightReport {
  readonly tag: string;
  readonly version: string;
  readonly pep440: string;
  readonly channel: string;
  readonly prerelease: boolean;
  readonly ok: boolean;
  readonly errors: string[];
  /** Things that make this preview differ from what the tag will run. */
  readonly warnings: string[];
  readonly notes: string;
  /** Jobs for a push of the tag (empty when the plan job would stop the release). */
  readonly push: SimulatedJob[];
  /** Jobs for a manual dry run of the current version. */
  readonly dryRun: SimulatedJob[];
}

function simulate(workflowYaml: string, decision: ReleaseDecision, github: Record<string, string>, inputs: Record<string, unknown>): SimulatedJob[] {
  return decision.ok ? simulateWorkflow(workflowYaml, { github, inputs, planOutputs: planOutputs(decision) }) : [];
}

/** Files with uncommitted changes: the tag will carry the committed ones. */
function uncommitted(root: string): string[] {
  const status = spawnSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
  return status.status === 0 ? status.stdout.split('\n').filter(Boolean).map((l) => l.slice(3)) : [];
}

/**
 * Runs the release decision for `tag` exactly as the plan job does, then asks
 * the generated workflow itself which jobs and steps would run.
 */
export function preflight(config: RuntimeConfig, root: string, tag: string): PreflightReport {
  const workflowFile = join(root, config.workflowPath);
  if (!existsSync(workflowFile)) throw new ProjenMaturinError(`${config.workflowPath} does not exist: run "npx projen" first`);
  const workflowYaml = readFileSync(workflowFile, 'utf8');
  const dirty = uncommitted(root);
  const warnings = dirty.length > 0
    ? [`uncommitted changes (${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''}): this preview reads the working tree, the tag will carry the last commit`]
    : [];
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
    warnings,
    notes: push.notes,
    push: simulate(workflowYaml, push, { event_name: 'push', ref: `refs/tags/${tag}`, ref_name: tag, ref_type: 'tag' }, {}),
    dryRun: simulate(workflowYaml, dryRun, { event_name: 'workflow_dispatch', ref: 'refs/heads/main', ref_name: 'main', ref_type: 'branch' }, { 'dry-run': true }),
  };
}
