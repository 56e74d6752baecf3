import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
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

export interface ValidationReport {
  parser: Record<string, unknown[]>;
  actionlint: Record<string, unknown[]>;
  shellcheck: Record<string, unknown[]>;
  security: Record<string, unknown[]>;
}

/**
 * Runs GitHub's workflow parser, actionlint 1.7.7, shellcheck on every bash
 * script and our security rules over named workflow texts, all in one go.
 */
export function validateWorkflows(workflows: Record<string, string>, pinning: Record<string, 'sha' | 'tag'> = {}, ciWorkflows: string[] = []): ValidationReport {
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
  for (const [name, text] of Object.entries(workflows)) {
    const workflow = parse(text);
    security[name] = checkWorkflowSecurity(workflow, text, { pinning: pinning[name] ?? 'sha', release: !ciWorkflows.includes(name) });
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
  };
}
