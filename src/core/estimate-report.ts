/**
 * Assumptions behind the time and cost estimate. Minutes unless named otherwise; the
 * defaults are for a small PyO3 crate (like dioxide) on GitHub's standard runners.
 */
export interface CostAssumptionValues {
  /** Queueing, runner start and checkout, per job. */
  readonly jobStartup: number;
  /** Pulling the manylinux/musllinux image and installing Rust in it (Linux builds). */
  readonly linuxContainer: number;
  /** One setup-python step for a version in the runner image's tool cache. */
  readonly setupPython: number;
  /** One setup-python step for a version it must download (free-threaded, pre-releases, most PyPy, GraalPy). */
  readonly setupPythonDownload: number;
  /** `maturin build --release` for the first interpreter of a job (all crates compile). */
  readonly compileFirstInterpreter: number;
  /** Each further interpreter in the same job (pyo3 and the crate recompile, the rest is reused). */
  readonly compileAdditionalInterpreter: number;
  /** Installing the wheel and the test requirements and running the suite, per Python version. */
  readonly testPerPythonVersion: number;
  /** The same under QEMU emulation (armv7, ppc64le, s390x, riscv64): several times slower. */
  readonly testPerPythonVersionEmulated: number;
  /** Pulling and starting a `python` container for a test, per Python version. */
  readonly testContainer: number;
  /** The sdist. */
  readonly sdist: number;
  /** plan, check-dist, publish, verify (including waiting for the index) and release jobs' own work. */
  readonly plan: number;
  readonly check: number;
  readonly publish: number;
  readonly verify: number;
  readonly githubRelease: number;
  /** USD per minute of each kind of standard runner. */
  readonly priceLinux: number;
  readonly priceLinuxArm64: number;
  readonly priceWindows: number;
  readonly priceWindowsArm64: number;
  readonly priceMacos: number;
  /** Jobs that run at once, in all and on macOS runners. */
  readonly maxConcurrentJobs: number;
  readonly maxConcurrentMacosJobs: number;
  /** Standard runners are free for public repositories (and have 4 cores on Linux and Windows). */
  readonly publicRepository: boolean;
}

/** The assumptions that are minutes of work: what a job's time is made of. */
export const TIME_TERMS = [
  'jobStartup', 'linuxContainer', 'setupPython', 'setupPythonDownload', 'compileFirstInterpreter', 'compileAdditionalInterpreter',
  'testPerPythonVersion', 'testPerPythonVersionEmulated', 'testContainer', 'sdist', 'plan', 'check', 'publish', 'verify', 'githubRelease',
] as const;
export type TimeTerm = (typeof TIME_TERMS)[number];

export type OperatingSystem = 'linux' | 'macos' | 'windows';

/** The kind of runner a job is billed as. */
export type RunnerType = 'linux' | 'linux-arm64' | 'windows' | 'windows-arm64' | 'macos';

export interface EstimatedJob {
  readonly id: string;
  /** The job's name, as GitHub shows it (and `gh run view --json jobs` reports it). */
  readonly title: string;
  /** The plan's job kind (`build`, `test`, …). */
  readonly kind: string;
  readonly os: OperatingSystem;
  readonly runner: string;
  readonly runnerType: RunnerType;
  /** One of GitHub's standard hosted runners (free in public repositories). */
  readonly standardRunner: boolean;
  /** How many of each time assumption the job's minutes are made of. */
  readonly terms: Readonly<Partial<Record<TimeTerm, number>>>;
  readonly minutes: number;
  readonly needs: readonly string[];
  /** What makes this job's figure rougher than the rest (e.g. tests under QEMU emulation). */
  readonly note?: string;
}

export interface EstimateSummary {
  /** Number of jobs of each kind. */
  readonly jobsPerKind: Readonly<Record<string, number>>;
  /** Tag push to GitHub Release: jobs in parallel as their needs and the concurrency limits allow. */
  readonly criticalPathMinutes: number;
  /** Sum of all jobs' minutes. */
  readonly runnerMinutes: number;
  /** What GitHub bills: each job rounded up to a whole minute, summed. */
  readonly billedMinutes: number;
  /** Billed minutes at each runner type's price; 0 on standard runners of a public repository. */
  readonly costUsd: number;
  /** The same release's cost in a private repository (what the public-repository switch waives). */
  readonly privateCostUsd: number;
}

export interface Estimate extends EstimateSummary {
  readonly jobs: readonly EstimatedJob[];
}

/** USD per minute of a runner type. */
export function pricePerMinute(type: RunnerType, a: CostAssumptionValues): number {
  switch (type) {
    case 'linux': return a.priceLinux;
    case 'linux-arm64': return a.priceLinuxArm64;
    case 'windows': return a.priceWindows;
    case 'windows-arm64': return a.priceWindowsArm64;
    case 'macos': return a.priceMacos;
  }
}

/** Minutes of work made of `terms` under the assumptions. */
export function termMinutes(terms: Readonly<Partial<Record<TimeTerm, number>>>, a: CostAssumptionValues): number {
  return Object.entries(terms).reduce((sum, [term, count]) => sum + (count ?? 0) * (a[term as TimeTerm] as number), 0);
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** What GitHub bills for a job of `minutes`: whole minutes, rounded up. */
export const billedMinutesOf = (minutes: number) => Math.ceil(minutes - 1e-9);

/**
 * Wall time of the jobs: each starts when its needs are done and a runner is free
 * under the concurrency limits (in all, and on macOS), in workflow order.
 */
function wallTime(jobs: readonly EstimatedJob[], a: CostAssumptionValues): number {
  const finish = new Map<string, number>();
  const pending = [...jobs];
  let running: { job: EstimatedJob; end: number }[] = [];
  let now = 0;
  while (pending.length > 0 || running.length > 0) {
    for (let i = 0; i < pending.length;) {
      const job = pending[i];
      const macos = running.filter((r) => r.job.os === 'macos').length;
      const ready = job.needs.every((n) => (finish.get(n) ?? Infinity) <= now);
      if (ready && running.length < a.maxConcurrentJobs && (job.os !== 'macos' || macos < a.maxConcurrentMacosJobs)) {
        running.push({ job, end: now + job.minutes });
        pending.splice(i, 1);
      } else {
        i++;
      }
    }
    if (running.length === 0) throw new Error(`jobs wait for jobs that never run: ${pending.map((j) => j.id).join(', ')}`);
    now = Math.min(...running.map((r) => r.end));
    for (const r of running.filter((x) => x.end === now)) finish.set(r.job.id, now);
    running = running.filter((r) => r.end !== now);
  }
  return Math.max(0, ...finish.values());
}

/** Totals of a set of jobs: wall time, runner-minutes, billed minutes and dollars. */
export function summarize(jobs: readonly EstimatedJob[], a: CostAssumptionValues): Estimate {
  const jobsPerKind: Record<string, number> = {};
  for (const job of jobs) jobsPerKind[job.kind] = (jobsPerKind[job.kind] ?? 0) + 1;
  const dollars = (free: (j: EstimatedJob) => boolean) =>
    round(jobs.reduce((sum, j) => sum + (free(j) ? 0 : billedMinutesOf(j.minutes) * pricePerMinute(j.runnerType, a)), 0), 2);
  return {
    jobs,
    jobsPerKind,
    criticalPathMinutes: round(wallTime(jobs, a)),
    runnerMinutes: round(jobs.reduce((sum, j) => sum + j.minutes, 0)),
    billedMinutes: jobs.reduce((sum, j) => sum + billedMinutesOf(j.minutes), 0),
    costUsd: dollars((j) => a.publicRepository && j.standardRunner),
    privateCostUsd: dollars(() => false),
  };
}

/** The same jobs under other assumptions (e.g. the ones measured from a run). */
export function reestimate(jobs: readonly EstimatedJob[], a: CostAssumptionValues): Estimate {
  return summarize(jobs.map((j) => ({ ...j, minutes: round(termMinutes(j.terms, a), 2) })), a);
}

/** Where the prices and limits come from, for every place that shows them. */
export const PRICE_SOURCE = "GitHub's Actions runner pricing from 2026-01-01 (docs.github.com, billing/reference/actions-runner-pricing) and Actions limits";

/** The estimate as stored in the runtime config and shown by the checklist and `release:plan`. */
export interface EstimateReport {
  /** This workflow, with each job's modelled minutes (what `plan --from-run` compares with a real run). */
  readonly workflow: Estimate;
  /** The same coverage built one job per platform × Python version. */
  readonly seedStyle: EstimateSummary;
  readonly assumptions: CostAssumptionValues;
}

export function estimateReport(workflow: Estimate, seedStyle: Estimate, assumptions: CostAssumptionValues): EstimateReport {
  const { jobs: _, ...summary } = seedStyle;
  return { workflow, seedStyle: summary, assumptions };
}

const jobCount = (e: EstimateSummary) => {
  const total = Object.values(e.jobsPerKind).reduce((a, b) => a + b, 0);
  return `${total} (${Object.entries(e.jobsPerKind).map(([kind, n]) => `${n} ${kind}`).join(', ')})`;
};

/** "$1.23" */
export const dollars = (usd: number) => `$${usd.toFixed(2)}`;

const cost = (e: EstimateSummary, a: CostAssumptionValues) =>
  (a.publicRepository ? `${dollars(e.costUsd)} (public repository; ${dollars(e.privateCostUsd)} if private)` : dollars(e.costUsd));

/**
 * Markdown table comparing this workflow with the same wheels and tests built the
 * common way, one job per platform and Python version.
 */
export function formatEstimate(report: EstimateReport): string {
  const { workflow, seedStyle, assumptions: a } = report;
  const notes = [...new Set(workflow.jobs.map((j) => j.note).filter((n): n is string => n !== undefined))];
  return [
    '| per release | this workflow | the same wheels and tests, one job per platform × Python version |',
    '| --- | --- | --- |',
    `| jobs | ${jobCount(workflow)} | ${jobCount(seedStyle)} |`,
    `| wall time (tag → GitHub Release) | ${workflow.criticalPathMinutes} min | ${seedStyle.criticalPathMinutes} min |`,
    `| runner-minutes | ${workflow.runnerMinutes} | ${seedStyle.runnerMinutes} |`,
    `| billed minutes | ${workflow.billedMinutes} | ${seedStyle.billedMinutes} |`,
    `| cost | ${cost(workflow, a)} | ${cost(seedStyle, a)} |`,
    '',
    'Assumptions (minutes; override with `costAssumptions`, or measure them: `npx projen-maturin plan --from-run <gh run view --json jobs output>`): ' +
      `job start-up and checkout ${a.jobStartup}; manylinux container ${a.linuxContainer}; ` +
      `setup-python ${a.setupPython} per version in the runner's tool cache, ${a.setupPythonDownload} per version it downloads; ` +
      `compile ${a.compileFirstInterpreter} for a job's first interpreter and ${a.compileAdditionalInterpreter} for each further one; ` +
      `tests ${a.testPerPythonVersion} per Python version (${a.testPerPythonVersionEmulated} under QEMU emulation, plus ${a.testContainer} per container); ` +
      `sdist ${a.sdist}; publish ${a.publish}; install check ${a.verify}. ` +
      `Each job is billed rounded up to a whole minute at $${a.priceLinux} (Linux x64), $${a.priceLinuxArm64} (Linux arm64), $${a.priceWindows} (Windows x64), ` +
      `$${a.priceWindowsArm64} (Windows arm64), $${a.priceMacos} (macOS) per minute (${PRICE_SOURCE}); ` +
      `${a.publicRepository ? 'standard runners are free in this public repository' : 'a public repository pays nothing on standard runners (costAssumptions.publicRepository)'}. ` +
      `At most ${a.maxConcurrentJobs} jobs run at once, ${a.maxConcurrentMacosJobs} of them on macOS. ` +
      'A manual dry run costs the same minus publishing, verification and the release.',
    ...notes.map((n) => `\n${n}`),
  ].join('\n');
}

/** One row per job of the workflow: its runner, modelled minutes and billed minutes. */
export function formatJobEstimates(workflow: Estimate): string {
  return [
    '| job | runner | minutes | billed minutes |',
    '| --- | --- | --- | --- |',
    ...workflow.jobs.map((j) => `| ${j.id} | ${j.runner} | ${j.minutes} | ${billedMinutesOf(j.minutes)} |`),
  ].join('\n');
}
