import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { SemanticContext, checkWorkflowSemantics } from './workflow-semantics';
import { checkWorkflowSecurity } from '../../src/synth/security/workflow-rules';

const VALIDATORS = join(__dirname, '..', 'validators');

function runJsonScript(script: string, files: string[]): Record<string, unknown[]> {
  const out = execFileSync(process.execPath, [join(VALIDATORS, script), ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out);
}

/** Every bash `run:` script of a workflow, as bash receives it (`bash -e -o pipefail`). */
export function bashScripts(workflow: any): { where: string; script: string }[] {
  const scripts: { where: string; script: string }[] = [];
  const defaultShell = workflow.defaults?.run?.shell ?? 'bash';
  for (const [jobId, job] of Object.entries<any>(workflow.jobs ?? {})) {
    const jobShell = job.defaults?.run?.shell ?? defaultShell;
    (job.steps ?? []).forEach((step: any, i: number) => {
      if (typeof step.run === 'string' && (step.shell ?? jobShell) === 'bash') {
        scripts.push({ where: `jobs.${jobId}.steps[${i}]`, script: step.run });
      }
    });
  }
  return scripts;
}

/** An action's `action.yml` as published at the commit the workflows pin. */
interface ActionDefinition {
  readonly version: string;
  readonly sha: string;
  readonly inputs: Record<string, { required?: boolean; default?: unknown; deprecationMessage?: string }>;
}

/**
 * The action.yml files in test/validators/actions, by repository. Each starts with a
 * comment naming the repository, the release and the commit it was read at.
 */
function actionDefinitions(): Map<string, ActionDefinition> {
  const dir = join(VALIDATORS, 'actions');
  const definitions = new Map<string, ActionDefinition>();
  for (const file of readdirSync(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    const header = /^# (\S+) (\S+) \(([0-9a-f]{40})\)/.exec(text);
    if (!header) throw new Error(`${file} does not start with "# owner/name version (sha)"`);
    definitions.set(header[1], { version: header[2], sha: header[3], inputs: parse(text).inputs ?? {} });
  }
  return definitions;
}

/**
 * Every `uses:` step's `with:` against the action's own action.yml at the pinned commit:
 * inputs it does not declare, deprecated ones, required ones left out, and actions or
 * refs there is no action.yml for.
 */
export function checkActionInputs(workflow: any, definitions = actionDefinitions()): string[] {
  const findings: string[] = [];
  for (const [jobId, job] of Object.entries<any>(workflow.jobs ?? {})) {
    for (const [i, step] of (job.steps ?? []).entries() as IterableIterator<[number, any]>) {
      if (typeof step.uses !== 'string') continue;
      const where = `jobs.${jobId}.steps[${i}] (${step.uses})`;
      const [repo, ref] = step.uses.split('@');
      const action = definitions.get(repo);
      if (!action) {
        findings.push(`${where}: no action.yml of ${repo} in test/validators/actions to check its inputs against`);
      } else if (ref !== action.sha && ref !== action.version) {
        findings.push(`${where}: the action.yml kept is for ${action.version} (${action.sha})`);
      } else {
        const given = Object.keys(step.with ?? {});
        for (const name of given) {
          const input = action.inputs[name];
          if (!input) findings.push(`${where}: input "${name}" is not in its action.yml (${Object.keys(action.inputs).join(', ')})`);
          else if (input.deprecationMessage) findings.push(`${where}: input "${name}" is deprecated: ${input.deprecationMessage}`);
        }
        for (const [name, input] of Object.entries(action.inputs)) {
          if (input.required === true && input.default === undefined && !given.includes(name)) findings.push(`${where}: required input "${name}" is missing`);
        }
      }
    }
  }
  return findings;
}

export interface ValidationReport {
  parser: Record<string, unknown[]>;
  actionlint: Record<string, unknown[]>;
  shellcheck: Record<string, unknown[]>;
  security: Record<string, unknown[]>;
  /** Inputs of each action step, checked against the action's action.yml at the pinned commit. */
  inputs: Record<string, unknown[]>;
  /** What the called tools can really do with what the workflow asks (images, runner architectures, environment): test/helpers/workflow-semantics.ts. */
  semantic: Record<string, unknown[]>;
}

/**
 * Runs GitHub's workflow parser, actionlint 1.7.7, shellcheck on every bash
 * script, our security rules, the action-input check and the semantic rules over
 * named workflow texts, all in one go. `contexts` tells the semantic rules what a
 * workflow was configured with (e.g. its `rustToolchain`); `environments` names those configured
 * with `publishing.environments` false.
 */
export function validateWorkflows(workflows: Record<string, string>, pinning: Record<string, 'sha' | 'tag'> = {}, ciWorkflows: string[] = [],
  contexts: Record<string, SemanticContext> = {}, environments: Record<string, boolean> = {}): ValidationReport {
  const dir = mkdtempSync(join(tmpdir(), 'workflows-'));
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(workflows)) {
    paths[name] = join(dir, `${name}.yml`);
    writeFileSync(paths[name], text);
  }
  const byName = (report: Record<string, unknown[]>) =>
    Object.fromEntries(Object.entries(paths).map(([name, path]) => [name, report[path] ?? ['not validated']]));

  const shellcheck: Record<string, unknown[]> = {};
  const security: Record<string, unknown[]> = {};
  const inputs: Record<string, unknown[]> = {};
  const semantic: Record<string, unknown[]> = {};
  const definitions = actionDefinitions();
  for (const [name, text] of Object.entries(workflows)) {
    const workflow = parse(text);
    inputs[name] = checkActionInputs(workflow, definitions);
    semantic[name] = checkWorkflowSemantics(workflow, contexts[name]);
    security[name] = checkWorkflowSecurity(workflow, text, { pinning: pinning[name] ?? 'sha', release: !ciWorkflows.includes(name), environments: environments[name] });
    const scripts = bashScripts(workflow).map(({ where, script }, i) => {
      const file = join(dir, `${name}.${i}.sh`);
      // GitHub runs bash steps as `bash --noprofile --norc -eo pipefail {0}`.
      writeFileSync(file, `#!/usr/bin/env bash\nset -eo pipefail\n${script}\n`);
      return { where, file };
    });
    const result = spawnSync('shellcheck', ['--format=json1', '--severity=style', ...scripts.map((s) => s.file)], { encoding: 'utf8' });
    if (result.error) throw new Error(`shellcheck is not installed (apt-get install shellcheck): ${result.error.message}`);
    const comments: any[] = JSON.parse(result.stdout || '{"comments":[]}').comments;
    shellcheck[name] = comments.map((c) => ({ where: scripts.find((s) => s.file === c.file)?.where, code: `SC${c.code}`, message: c.message }));
  }
  return {
    parser: byName(runJsonScript('workflow-parser.mjs', Object.values(paths))),
    actionlint: byName(runJsonScript('actionlint.cjs', Object.values(paths))),
    shellcheck,
    security,
    inputs,
    semantic,
  };
}
