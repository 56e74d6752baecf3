import { INTERPRETER_RULES } from './semantic-rules/interpreters';
import { PLATFORM_RULES } from './semantic-rules/platform';

/** What a workflow was generated from that its text does not say; the rules read it where they need it. */
export interface SemanticContext {
  /** The `rustToolchain` option: the only `rust-toolchain` a maturin-action step may pass. */
  readonly rustToolchain?: string;
}

/** One step of a job, with where it is for findings. */
export interface StepAt {
  readonly jobId: string;
  readonly job: any;
  readonly index: number;
  readonly step: any;
  /** `jobs.<id>.steps[<i>] (<uses or name>)` */
  readonly where: string;
}

/**
 * A semantic rule: what the tools a workflow calls can really do with what it asks of them
 * (images, runner architectures, interpreters, environment), checked against the facts
 * snapshots in src/core/facts/. One function per rule; it returns one finding per problem.
 */
export interface SemanticRule {
  readonly id: string;
  readonly check: (workflow: any, context: SemanticContext) => string[];
}

/** Every rule the validators run; add a module's list here. */
export const SEMANTIC_RULES: readonly SemanticRule[] = [...PLATFORM_RULES, ...INTERPRETER_RULES];

/** The findings of every rule over a parsed workflow, each prefixed with its rule's id. */
export function checkWorkflowSemantics(workflow: any, context: SemanticContext = {}, rules: readonly SemanticRule[] = SEMANTIC_RULES): string[] {
  return rules.flatMap((rule) => rule.check(workflow, context).map((finding) => `${rule.id}: ${finding}`));
}

/** Every step of every job. */
export function stepsOf(workflow: any): StepAt[] {
  const steps: StepAt[] = [];
  for (const [jobId, job] of Object.entries<any>(workflow.jobs ?? {})) {
    (job.steps ?? []).forEach((step: any, index: number) => {
      steps.push({ jobId, job, index, step, where: `jobs.${jobId}.steps[${index}] (${step.uses ?? step.name ?? step.id ?? 'run'})` });
    });
  }
  return steps;
}

/** The steps that use an action ("owner/name"), whatever the ref. */
export function stepsUsing(workflow: any, repo: string): StepAt[] {
  return stepsOf(workflow).filter(({ step }) => typeof step.uses === 'string' && step.uses.split('@')[0] === repo);
}

/** A job's single `runs-on` label, or undefined when it is an expression or a list (self-hosted sets). */
export function runsOn(job: any): string | undefined {
  const label = job['runs-on'];
  return typeof label === 'string' && !label.includes('${{') ? label : undefined;
}
