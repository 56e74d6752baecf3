import { load as loadYaml } from 'js-yaml';
import { ProjenMaturinError } from '../core/errors';
import { readTextFile } from '../core/files';

// @actions/expressions is ESM-only; this module runs only inside the esbuild
// bundles (which turn it into CommonJS), never from the jsii library.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const expressions = require('@actions/expressions') as typeof import('@actions/expressions', { with: { 'resolution-mode': 'import' } });

/** A workflow file's jobs, and the file they are from (for messages). */
export interface ParsedWorkflow {
  readonly file: string;
  readonly jobs: Record<string, any>;
}

/** What triggered a simulated run. */
export interface SimulatedTrigger {
  readonly github: Record<string, string>;
  readonly inputs: Record<string, unknown>;
  /** Outputs of the plan job (the release decision). */
  readonly planOutputs: Record<string, string>;
}

export interface SimulatedJob {
  readonly id: string;
  readonly name: string;
  readonly runs: boolean;
  /** Names of its steps that run (steps without `if:` always do). */
  readonly steps: string[];
}

const STATUS_FUNCTION = /\b(success|failure|cancelled|always)\s*\(/;

function evaluate(expression: string, context: Record<string, unknown>, needsSucceeded: boolean): boolean {
  const source = expression.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').trim();
  const status = (name: string, value: boolean) => ({ name, minArgs: 0, maxArgs: 0, call: () => new expressions.data.BooleanData(value) });
  const functions = [status('success', needsSucceeded), status('failure', false), status('cancelled', false), status('always', true)];
  // `!( … )` makes the engine apply its own truthiness rules; the answer is the negation.
  const lexed = new expressions.Lexer(`!(${source})`).lex();
  const tree = new expressions.Parser(lexed.tokens, Object.keys(context), functions).parse();
  const data = JSON.parse(JSON.stringify(context), expressions.data.reviver);
  const result = new expressions.Evaluator(tree, data, new Map(functions.map((f) => [f.name, f]))).evaluate();
  return !(result as InstanceType<typeof expressions.data.BooleanData>).value;
}

const REGENERATE = 'run "npx projen" in the repository root to generate it again, and commit it';

/**
 * A generated workflow's YAML with its jobs, parsed once for every simulation of it.
 * js-yaml's default schema is YAML 1.2's core schema, as GitHub reads workflows (`on`
 * is a key, not true). The file is generated, but a hand edit or a merge can break it:
 * the error names the file, not a place in the YAML library.
 */
export function parseWorkflow(workflowYaml: string, file: string): ParsedWorkflow {
  let workflow: any;
  try {
    workflow = loadYaml(workflowYaml);
  } catch (e) {
    throw new ProjenMaturinError(`${file} is not valid YAML: ${(e as Error).message.split('\n')[0]}`, REGENERATE);
  }
  if (workflow === null || typeof workflow !== 'object' || workflow.jobs === null || typeof workflow.jobs !== 'object' || Array.isArray(workflow.jobs)) {
    throw new ProjenMaturinError(`${file} has no jobs: it is not the generated release workflow`, REGENERATE);
  }
  return { file, jobs: workflow.jobs };
}

/** The generated workflow at `workflowPath` in the repository, read and parsed. */
export function readWorkflow(root: string, workflowPath: string): ParsedWorkflow {
  const text = readTextFile(root, workflowPath);
  if (text === undefined) {
    throw new ProjenMaturinError(`${workflowPath} does not exist`, 'run "npx projen" in the repository root to generate the release workflow, and commit it');
  }
  return parseWorkflow(text, workflowPath);
}

/**
 * Which jobs of a generated workflow run for a trigger, decided by GitHub's own
 * expression engine over the workflow's real `if:` conditions, with every job
 * that runs assumed to succeed.
 */
export function simulateWorkflow(workflow: ParsedWorkflow, trigger: SimulatedTrigger): SimulatedJob[] {
  const { file } = workflow;
  const condition = (where: string, expression: unknown, context: Record<string, unknown>, needsSucceeded: boolean): boolean => {
    try {
      return evaluate(String(expression), context, needsSucceeded);
    } catch (e) {
      throw new ProjenMaturinError(`${file}: the condition of ${where} (${JSON.stringify(String(expression)).slice(0, 120)}) is not an expression GitHub can evaluate: ${(e as Error).message}`, REGENERATE);
    }
  };
  const results: Record<string, { result: string; outputs: Record<string, string> }> = {};
  const simulated: SimulatedJob[] = [];
  for (const [id, job] of Object.entries<any>(workflow.jobs)) {
    if (job === null || typeof job !== 'object') throw new ProjenMaturinError(`${file}: job "${id}" is not a job`, REGENERATE);
    const needs: string[] = job.needs === undefined ? [] : [job.needs].flat();
    const needsSucceeded = needs.every((n) => results[n]?.result === 'success');
    const context = {
      github: trigger.github,
      inputs: trigger.inputs,
      needs: Object.fromEntries(needs.map((n) => [n, results[n]])),
    };
    const jobIf = job.if === undefined ? undefined : String(job.if);
    // Without a status function, GitHub prefixes the condition with success().
    const runs = (jobIf !== undefined && STATUS_FUNCTION.test(jobIf) ? true : needsSucceeded)
      && (jobIf === undefined || condition(`job "${id}"`, jobIf, context, needsSucceeded));
    results[id] = { result: runs ? 'success' : 'skipped', outputs: id === 'plan' ? trigger.planOutputs : {} };
    const stepRuns = (step: any) => step?.if === undefined || condition(`a step of job "${id}"`, step.if, { ...context, steps: {} }, true);
    const jobSteps: any[] = Array.isArray(job.steps) ? job.steps : [];
    const steps = runs ? jobSteps.filter(stepRuns).map((step) => String(step?.name ?? step?.uses ?? step?.run)) : [];
    simulated.push({ id, name: String(job.name ?? id), runs, steps });
  }
  return simulated;
}
