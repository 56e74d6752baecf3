import { load as loadYaml } from 'js-yaml';

// @actions/expressions is ESM-only; this module runs only inside the esbuild
// bundles (which turn it into CommonJS), never from the jsii library.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const expressions = require('@actions/expressions') as typeof import('@actions/expressions', { with: { 'resolution-mode': 'import' } });

/** A workflow file as YAML parses it. */
export type ParsedWorkflow = { readonly jobs?: Record<string, any> };

/**
 * Parses a workflow file once, for every simulation of it. js-yaml's default schema
 * is YAML 1.2's core schema, as GitHub reads workflows (`on` is a key, not true).
 */
export function parseWorkflow(text: string): ParsedWorkflow {
  return (loadYaml(text) as ParsedWorkflow | undefined) ?? {};
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

/**
 * Which jobs of a generated workflow run for a trigger, decided by GitHub's own
 * expression engine over the workflow's real `if:` conditions, with every job
 * that runs assumed to succeed.
 */
export function simulateWorkflow(workflow: ParsedWorkflow, trigger: SimulatedTrigger): SimulatedJob[] {
  const results: Record<string, { result: string; outputs: Record<string, string> }> = {};
  const simulated: SimulatedJob[] = [];
  for (const [id, job] of Object.entries<any>(workflow.jobs ?? {})) {
    const needs: string[] = job.needs === undefined ? [] : [job.needs].flat();
    const needsSucceeded = needs.every((n) => results[n]?.result === 'success');
    const context = {
      github: trigger.github,
      inputs: trigger.inputs,
      needs: Object.fromEntries(needs.map((n) => [n, results[n]])),
    };
    const condition = job.if === undefined ? undefined : String(job.if);
    // Without a status function, GitHub prefixes the condition with success().
    const runs = (condition !== undefined && STATUS_FUNCTION.test(condition) ? true : needsSucceeded)
      && (condition === undefined || evaluate(condition, context, needsSucceeded));
    results[id] = { result: runs ? 'success' : 'skipped', outputs: id === 'plan' ? trigger.planOutputs : {} };
    const stepRuns = (step: any) => step.if === undefined || evaluate(String(step.if), { ...context, steps: {} }, true);
    const steps = runs ? (job.steps ?? []).filter(stepRuns).map((step: any) => String(step.name ?? step.uses ?? step.run)) : [];
    simulated.push({ id, name: String(job.name ?? id), runs, steps });
  }
  return simulated;
}
