import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export interface StepRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** What the step wrote to $GITHUB_OUTPUT. */
  readonly outputs: Record<string, string>;
  /** What the step wrote to $GITHUB_STEP_SUMMARY. */
  readonly summary: string;
}

/**
 * Resolves `${{ expr }}` in a step's env values from a table of known
 * expressions; an expression the table lacks fails the test rather than
 * silently becoming "".
 */
function resolveEnv(env: Record<string, unknown>, expressions: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expr: string) => {
    if (!(expr in expressions)) throw new Error(`test does not provide a value for \${{ ${expr} }} (env ${key})`);
    return expressions[expr];
  })]));
}

/** Runs a workflow `run:` step with bash as a GitHub runner does, in `cwd`. */
export function runStep(
  step: { run: string; env?: Record<string, unknown> },
  cwd: string,
  github: Record<string, string>,
  expressions: Record<string, string> = {},
  extraEnv: Record<string, string> = {},
): StepRun {
  const dir = mkdtempSync(join(tmpdir(), 'runner-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_WORKSPACE: cwd,
      ...github,
      ...resolveEnv(step.env ?? {}, expressions),
      ...extraEnv,
    },
  });
  const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((line) => {
    const at = line.indexOf('=');
    return [line.slice(0, at), line.slice(at + 1)];
  }));
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs, summary: readFileSync(summaryFile, 'utf8') };
}

/** A push of `tag`, as the runner describes it in its default environment. */
export function tagPush(tag: string): Record<string, string> {
  return { GITHUB_EVENT_NAME: 'push', GITHUB_REF: `refs/tags/${tag}`, GITHUB_REF_NAME: tag, GITHUB_REF_TYPE: 'tag' };
}
