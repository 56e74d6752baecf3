import { ReleaseJob, unhandledKind } from './jobs';
import { ReleasePlan, jobsOf } from './release-plan';
import { CostAssumptionValues, Estimate, EstimatedJob, OperatingSystem } from '../../core/estimate-report';

export const DEFAULT_COST_ASSUMPTIONS: CostAssumptionValues = {
  jobStartup: 0.5,
  linuxContainer: 0.5,
  setupPython: 0.25,
  compileFirstInterpreter: 2.5,
  compileAdditionalInterpreter: 1,
  testPerPythonVersion: 0.75,
  sdist: 0.5,
  plan: 0.25,
  check: 0.25,
  publish: 1,
  verify: 1.5,
  githubRelease: 0.5,
  // The seed design's own multipliers (Linux 1, Windows 2, macOS 10).
  multiplierLinux: 1,
  multiplierWindows: 2,
  multiplierMacos: 10,
};

function multiplier(os: OperatingSystem, a: CostAssumptionValues): number {
  return os === 'macos' ? a.multiplierMacos : os === 'windows' ? a.multiplierWindows : a.multiplierLinux;
}

function summarize(jobs: EstimatedJob[], a: CostAssumptionValues): Estimate {
  const finish: Record<string, number> = {};
  for (const job of jobs) finish[job.id] = Math.max(0, ...job.needs.map((n) => finish[n] ?? 0)) + job.minutes;
  const jobsPerKind: Record<string, number> = {};
  for (const job of jobs) jobsPerKind[job.kind] = (jobsPerKind[job.kind] ?? 0) + 1;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    jobs,
    jobsPerKind,
    criticalPathMinutes: round(Math.max(...Object.values(finish))),
    runnerMinutes: round(jobs.reduce((sum, j) => sum + j.minutes, 0)),
    billedMinutes: jobs.reduce((sum, j) => sum + Math.ceil(j.minutes) * multiplier(j.os, a), 0),
  };
}

/** A build job's minutes for `interpreters` interpreters on one platform. */
function buildMinutes(os: OperatingSystem, interpreters: number, a: CostAssumptionValues): number {
  const setup = os === 'linux' ? a.linuxContainer : interpreters * a.setupPython;
  return a.jobStartup + setup + a.compileFirstInterpreter + (interpreters - 1) * a.compileAdditionalInterpreter;
}

/** A job's own minutes under the assumptions; every job kind has exactly one formula. */
function jobMinutes(job: ReleaseJob, a: CostAssumptionValues): number {
  switch (job.kind) {
    case 'plan': return a.jobStartup + a.plan;
    case 'build': return buildMinutes(job.os, job.interpreters.length, a);
    case 'sdist': return a.jobStartup + a.sdist;
    case 'check': return a.jobStartup + a.check;
    case 'test': return a.jobStartup + job.pythonVersions.length * (a.setupPython + a.testPerPythonVersion);
    case 'publish': return a.jobStartup + a.publish;
    case 'verify': return a.jobStartup + a.setupPython + a.verify;
    // One API call, like the plan job's work.
    case 'tag': return a.jobStartup + a.plan;
    case 'github-release': return a.jobStartup + a.githubRelease;
    default: return unhandledKind(job);
  }
}

/**
 * Time and cost of one release of `plan`, as generated: the plan's own jobs and
 * needs. One publish job runs per release (the plan picks the index), so the
 * estimate counts PyPI's and leaves the other index's job out.
 */
export function estimateRelease(plan: ReleasePlan, a: CostAssumptionValues = DEFAULT_COST_ASSUMPTIONS): Estimate {
  const skipped = new Set(jobsOf(plan, 'publish').filter((p) => p.index.channel !== 'pypi').map((p) => p.id));
  const jobs = plan.jobs.filter((job) => !skipped.has(job.id)).map((job): EstimatedJob => ({
    id: job.id,
    kind: job.kind,
    os: job.os,
    minutes: jobMinutes(job, a),
    needs: job.needs.filter((n) => !skipped.has(n)),
  }));
  return summarize(jobs, a);
}

/**
 * The same platform and Python coverage with one build job per platform × Python
 * version, each compiling from scratch, and one test job per platform with one
 * Python version; no plan or check jobs.
 */
export function estimateSeedStyle(plan: ReleasePlan, a: CostAssumptionValues = DEFAULT_COST_ASSUMPTIONS): Estimate {
  const jobs: EstimatedJob[] = [];
  for (const build of jobsOf(plan, 'build')) {
    for (const version of plan.config.pythonVersions) {
      jobs.push({ id: `${build.id}-${version}`, kind: 'build', os: build.os, minutes: buildMinutes(build.os, 1, a), needs: [] });
    }
  }
  const builds = jobs.map((j) => j.id);
  const tests = jobsOf(plan, 'test');
  for (const test of tests) {
    jobs.push({ id: test.id, kind: 'test', os: test.os, minutes: a.jobStartup + a.setupPython + a.testPerPythonVersion, needs: builds });
  }
  jobs.push({ id: 'publish', kind: 'publish', os: 'linux', minutes: a.jobStartup + a.publish, needs: tests.length > 0 ? tests.map((t) => t.id) : builds });
  jobs.push({ id: 'github-release', kind: 'github-release', os: 'linux', minutes: a.jobStartup + a.githubRelease, needs: ['publish'] });
  return summarize(jobs, a);
}
