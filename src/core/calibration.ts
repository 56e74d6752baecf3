import { ProjenMaturinError, escapeControls, quote } from './errors';
import {
  CostAssumptionValues, Estimate, EstimateReport, EstimatedJob, TimeTerm, billedMinutesOf, dollars, pricePerMinute, reestimate,
} from './estimate-report';

/**
 * One job of a workflow run, as `gh run view RUN --json jobs` prints it (cli/cli
 * pkg/cmd/run/shared/shared.go, `Run.ExportData`): `startedAt` is the zero time
 * `0001-01-01T00:00:00Z` for a job that never started, `completedAt` null until it ends;
 * steps carry no times.
 */
export interface RunJob {
  readonly name: string;
  readonly status: string;
  readonly conclusion: string;
  readonly startedAt: string;
  readonly completedAt: string | null;
}

const FIX = 'pass the output of: gh run view <run-id> --json jobs > run.json (a finished run of the release workflow)';

/** The jobs of a `gh run view --json jobs` document, checked enough to name what is wrong. */
export function parseRunJobs(text: string, file: string): RunJob[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ProjenMaturinError(`${file} is not JSON (${(e as Error).message.split('\n')[0]})`, FIX);
  }
  const jobs = (data as { jobs?: unknown } | null)?.jobs;
  if (!Array.isArray(jobs)) throw new ProjenMaturinError(`${file} has no "jobs" list`, FIX);
  jobs.forEach((job, i) => {
    const bad = (what: string) => new ProjenMaturinError(`${file}: jobs[${i}] ${what}`, FIX);
    if (job === null || typeof job !== 'object') throw bad('is not an object');
    for (const key of ['name', 'status', 'conclusion', 'startedAt'] as const) {
      if (typeof (job as Record<string, unknown>)[key] !== 'string') throw bad(`has no "${key}" string`);
    }
    const completed = (job as Record<string, unknown>).completedAt;
    if (completed !== null && completed !== undefined && typeof completed !== 'string') throw bad('has a "completedAt" that is neither a time nor null');
    // Times as gh prints them (RFC 3339); anything else would be NaN minutes and dollars.
    const { name, startedAt } = job as { name: string; startedAt: string };
    const notATime = (key: string, value: string) => bad(`(${quote(name)}) has ${key} ${quote(value)}, which is not a time such as "2026-03-01T10:00:00Z"`);
    if (ZERO_TIME.test(startedAt)) return;
    if (!Number.isFinite(Date.parse(startedAt))) throw notATime('startedAt', startedAt);
    if (typeof completed !== 'string') return;
    if (!Number.isFinite(Date.parse(completed))) throw notATime('completedAt', completed);
    if (Date.parse(completed) < Date.parse(startedAt)) throw bad(`(${quote(name)}) completes at ${escapeControls(completed)}, before it starts (${escapeControls(startedAt)})`);
  });
  return (jobs as Record<string, unknown>[]).map((j) => ({
    name: j.name as string,
    status: j.status as string,
    conclusion: j.conclusion as string,
    startedAt: j.startedAt as string,
    completedAt: (j.completedAt as string | null | undefined) ?? null,
  }));
}

/** A modelled job next to what it took in the run. */
export interface JobComparison {
  readonly id: string;
  readonly title: string;
  readonly modelled: number;
  /** Minutes from start to end on the runner; undefined when it did not run to completion. */
  readonly actual?: number;
  readonly conclusion: string;
}

export interface Calibration {
  readonly jobs: readonly JobComparison[];
  /** Jobs of the run that the plan does not have (added through `workflow`, or renamed). */
  readonly unknown: readonly string[];
  readonly modelled: Estimate;
  /** From the first job's start to the last job's end. */
  readonly actualWallMinutes: number;
  readonly actualBilledMinutes: number;
  readonly actualCostUsd: number;
  /** Assumptions fitted to the run, where they differ from the current ones. */
  readonly suggested: Partial<Record<TimeTerm, number>>;
  /** The plan's jobs under the fitted assumptions. */
  readonly refitted: Estimate;
}

const ZERO_TIME = /^0001-01-01/;
const minutesBetween = (start: string, end: string) => (Date.parse(end) - Date.parse(start)) / 60_000;
const round = (n: number, step: number) => Math.round(n / step) * step;

/**
 * Least squares with a pull towards the current values: a term the run pins down
 * takes the measured value, one it cannot separate from another (e.g. the first and
 * the further interpreters when every build has three) moves with it in proportion.
 */
function fit(rows: { terms: Partial<Record<TimeTerm, number>>; actual: number }[], current: CostAssumptionValues): Partial<Record<TimeTerm, number>> {
  const terms = [...new Set(rows.flatMap((r) => Object.keys(r.terms) as TimeTerm[]))];
  const n = terms.length;
  const lambda = 0.05;
  const matrix = terms.map((_, i) => terms.map((__, j) => (i === j ? lambda : 0)));
  const vector = terms.map((t) => lambda * (current[t] as number));
  for (const row of rows) {
    const x = terms.map((t) => row.terms[t] ?? 0);
    for (let i = 0; i < n; i++) {
      vector[i] += x[i] * row.actual;
      for (let j = 0; j < n; j++) matrix[i][j] += x[i] * x[j];
    }
  }
  // Gaussian elimination with partial pivoting; the pull makes the matrix positive definite.
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(matrix[r][col]) > Math.abs(matrix[pivot][col])) pivot = r;
    [matrix[col], matrix[pivot]] = [matrix[pivot], matrix[col]];
    [vector[col], vector[pivot]] = [vector[pivot], vector[col]];
    for (let r = col + 1; r < n; r++) {
      const f = matrix[r][col] / matrix[col][col];
      for (let c = col; c < n; c++) matrix[r][c] -= f * matrix[col][c];
      vector[r] -= f * vector[col];
    }
  }
  const solution = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = vector[r];
    for (let c = r + 1; c < n; c++) sum -= matrix[r][c] * solution[c];
    solution[r] = sum / matrix[r][r];
  }
  const fitted: Partial<Record<TimeTerm, number>> = {};
  terms.forEach((t, i) => {
    const value = Math.max(0, round(solution[i], 0.05));
    if (Math.abs(value - (current[t] as number)) >= 0.05) fitted[t] = Number(value.toFixed(2));
  });
  return fitted;
}

/**
 * Compares the modelled jobs with a real run of the same workflow (matched by the
 * job names GitHub shows) and fits the time assumptions to the jobs that ran.
 */
export function calibrate(report: EstimateReport, run: readonly RunJob[]): Calibration {
  const { workflow, assumptions } = report;
  const byTitle = new Map(run.map((j) => [j.name, j]));
  const finished = (j: RunJob | undefined): j is RunJob & { completedAt: string } =>
    j !== undefined && j.completedAt !== null && !ZERO_TIME.test(j.startedAt) && j.conclusion !== 'skipped';
  const jobs: JobComparison[] = workflow.jobs.map((job) => {
    const ran = byTitle.get(job.title);
    return {
      id: job.id,
      title: job.title,
      modelled: job.minutes,
      actual: finished(ran) ? Number(minutesBetween(ran.startedAt, ran.completedAt).toFixed(2)) : undefined,
      conclusion: ran ? ran.conclusion || ran.status : 'not in the run',
    };
  });
  const known = new Set(workflow.jobs.map((j) => j.title));
  // A loop, not Math.min(...times): spreading a run of many jobs overflows the stack.
  let start = Infinity;
  let end = -Infinity;
  for (const j of run) {
    if (!finished(j)) continue;
    start = Math.min(start, Date.parse(j.startedAt));
    end = Math.max(end, Date.parse(j.completedAt));
  }
  const measured = workflow.jobs
    .map((job, i) => ({ job, actual: jobs[i].actual }))
    .filter((m): m is { job: EstimatedJob; actual: number } => m.actual !== undefined);
  if (measured.length === 0) {
    throw new ProjenMaturinError('none of the run\'s jobs is a job of this release workflow, or none ran to completion',
      'pass a run of the workflow this configuration generates, after it finished: gh run view <run-id> --json jobs > run.json');
  }
  const suggested = fit(measured.map((m) => ({ terms: m.job.terms, actual: m.actual })), assumptions);
  return {
    jobs,
    // A skipped job (the other index's publish job) cost nothing and is not in the estimate.
    unknown: run.filter((j) => !known.has(j.name) && j.conclusion !== 'skipped').map((j) => j.name),
    modelled: workflow,
    actualWallMinutes: Number(((end - start) / 60_000).toFixed(1)),
    actualBilledMinutes: measured.reduce((sum, m) => sum + billedMinutesOf(m.actual), 0),
    actualCostUsd: Number(measured.reduce((sum, m) => sum + billedMinutesOf(m.actual) * pricePerMinute(m.job.runnerType, assumptions), 0).toFixed(2)),
    suggested,
    refitted: reestimate(workflow.jobs, { ...assumptions, ...suggested }),
  };
}

const cell = (n: number | undefined) => (n === undefined ? '-' : n.toFixed(1));
const UNKNOWN_SHOWN = 10;

/** The comparison as a table, with the suggested `costAssumptions`. */
export function formatCalibration(c: Calibration): string {
  const lines = [
    '| job | modelled min | actual min | difference | result |',
    '| --- | --- | --- | --- | --- |',
    ...c.jobs.map((j) => `| ${j.id} | ${cell(j.modelled)} | ${cell(j.actual)} | ${j.actual === undefined ? '-' : `${j.actual >= j.modelled ? '+' : ''}${(j.actual - j.modelled).toFixed(1)}`} | ${escapeControls(j.conclusion)} |`),
    '',
    '| per release | modelled | this run | modelled with the suggested values |',
    '| --- | --- | --- | --- |',
    `| wall time (first job start → last job end) | ${c.modelled.criticalPathMinutes} min | ${c.actualWallMinutes} min | ${c.refitted.criticalPathMinutes} min |`,
    `| billed minutes | ${c.modelled.billedMinutes} | ${c.actualBilledMinutes} (jobs that ran) | ${c.refitted.billedMinutes} |`,
    `| cost in a private repository | ${dollars(c.modelled.privateCostUsd)} | ${dollars(c.actualCostUsd)} | ${dollars(c.refitted.privateCostUsd)} |`,
    '',
    'Actual minutes run from a job\'s start on its runner to its end; queueing before it is not in the run\'s data.',
  ];
  if (c.unknown.length > 0) {
    // Names come from the run file: no terminal control characters, and not a screenful of them.
    const shown = c.unknown.slice(0, UNKNOWN_SHOWN).map(escapeControls).join(', ');
    const more = c.unknown.length > UNKNOWN_SHOWN ? ` and ${c.unknown.length - UNKNOWN_SHOWN} more` : '';
    lines.push(`Jobs of the run that this plan does not have (not compared): ${shown}${more}.`);
  }
  const keys = Object.keys(c.suggested);
  lines.push('', keys.length === 0
    ? 'The assumptions fit this run within 0.05 minutes: nothing to change.'
    : `Suggested costAssumptions (fitted to the jobs that ran):\n\n${JSON.stringify(c.suggested, null, 2)}`);
  return lines.join('\n') + '\n';
}
