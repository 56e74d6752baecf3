/**
 * Assumptions behind the time and cost estimate, in minutes. Defaults are for a
 * small PyO3 crate (like dioxide) on GitHub-hosted standard runners.
 */
export interface CostAssumptionValues {
  /** Queueing, runner start and checkout, per job. */
  readonly jobStartup: number;
  /** Pulling the manylinux/musllinux image and installing Rust in it (Linux builds). */
  readonly linuxContainer: number;
  /** One setup-python step (macOS/Windows builds, every test version). */
  readonly setupPython: number;
  /** `maturin build --release` for the first interpreter of a job (all crates compile). */
  readonly compileFirstInterpreter: number;
  /** Each further interpreter in the same job (pyo3 and the crate recompile, the rest is reused). */
  readonly compileAdditionalInterpreter: number;
  /** Installing the wheel and the test requirements and running the suite, per Python version. */
  readonly testPerPythonVersion: number;
  /** The sdist. */
  readonly sdist: number;
  /** plan, check-dist, publish, verify (including waiting for the index) and release jobs' own work. */
  readonly plan: number;
  readonly check: number;
  readonly publish: number;
  readonly verify: number;
  readonly githubRelease: number;
  /** Billing multiplier per OS (GitHub bills macOS and Windows minutes at a multiple of Linux). */
  readonly multiplierLinux: number;
  readonly multiplierWindows: number;
  readonly multiplierMacos: number;
}

export type OperatingSystem = 'linux' | 'macos' | 'windows';

export interface EstimatedJob {
  readonly id: string;
  /** The plan's job kind (`build`, `test`, …). */
  readonly kind: string;
  readonly os: OperatingSystem;
  readonly minutes: number;
  readonly needs: readonly string[];
}

export interface Estimate {
  readonly jobs: readonly EstimatedJob[];
  /** Number of jobs of each kind. */
  readonly jobsPerKind: Readonly<Record<string, number>>;
  /** Longest chain of dependent jobs, tag push to GitHub Release (jobs in parallel). */
  readonly criticalPathMinutes: number;
  /** Sum of all jobs' minutes. */
  readonly runnerMinutes: number;
  /** What GitHub bills: each job rounded up to a whole minute, times its OS multiplier. */
  readonly billedMinutes: number;
}

/** The seed design document's own figures, for comparison. */
export const SEED_DOCUMENT_ESTIMATE = { runnerMinutes: 102, billedMinutes: 360, targetMinutes: 30 } as const;

/** The estimate as stored in the runtime config and shown by the checklist and `release:plan`. */
export interface EstimateReport {
  readonly workflow: Omit<Estimate, 'jobs'>;
  readonly seedStyle: Omit<Estimate, 'jobs'>;
  readonly assumptions: CostAssumptionValues;
}

export function estimateReport(workflow: Estimate, seedStyle: Estimate, assumptions: CostAssumptionValues): EstimateReport {
  const strip = ({ jobs: _, ...summary }: Estimate) => summary;
  return { workflow: strip(workflow), seedStyle: strip(seedStyle), assumptions };
}

const jobs = (e: Omit<Estimate, 'jobs'>) => {
  const total = Object.values(e.jobsPerKind).reduce((a, b) => a + b, 0);
  return `${total} (${Object.entries(e.jobsPerKind).map(([kind, n]) => `${n} ${kind}`).join(', ')})`;
};

/**
 * Markdown table comparing this workflow with the same wheels and tests built the
 * common way, one job per platform and Python version.
 */
export function formatEstimate(report: EstimateReport): string {
  const { workflow, seedStyle: perVersion, assumptions: a } = report;
  return [
    '| per release | this workflow | the same wheels and tests, one job per platform × Python version |',
    '| --- | --- | --- |',
    `| jobs | ${jobs(workflow)} | ${jobs(perVersion)} |`,
    `| critical path (tag → GitHub Release) | ${workflow.criticalPathMinutes} min | ${perVersion.criticalPathMinutes} min |`,
    `| runner-minutes | ${workflow.runnerMinutes} | ${perVersion.runnerMinutes} |`,
    `| billed minutes | ${workflow.billedMinutes} | ${perVersion.billedMinutes} |`,
    '',
    `Assumptions (minutes; override with \`costAssumptions\`): job start-up and checkout ${a.jobStartup}; manylinux container ${a.linuxContainer}; ` +
      `setup-python ${a.setupPython} per version; compile ${a.compileFirstInterpreter} for a job's first interpreter and ${a.compileAdditionalInterpreter} for each further one; ` +
      `tests ${a.testPerPythonVersion} per Python version; sdist ${a.sdist}; publish ${a.publish}; install check ${a.verify}. ` +
      `Each job is billed rounded up to a whole minute, times ${a.multiplierLinux} (Linux), ${a.multiplierWindows} (Windows), ${a.multiplierMacos} (macOS). ` +
      'A manual dry run costs the same minus publishing, verification and the release.',
  ].join('\n');
}
