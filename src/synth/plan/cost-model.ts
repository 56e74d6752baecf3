import { ReleasePlan } from './release-plan';
import { PLATFORMS } from './targets';
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

/** Serial jobs after the tests: publish (one of the indexes runs), verify, release. */
function tail(plan: ReleasePlan, a: CostAssumptionValues, tests: string[]): EstimatedJob[] {
  const jobs: EstimatedJob[] = [{ id: 'publish', kind: 'publish', os: 'linux', minutes: a.jobStartup + a.publish, needs: tests }];
  if (plan.verify) {
    const os = plan.tests[0]?.platform.os ?? 'linux';
    jobs.push({ id: 'verify', kind: 'verify', os, minutes: a.jobStartup + a.setupPython + a.verify, needs: ['publish'] });
  }
  if (plan.githubRelease) {
    jobs.push({ id: 'github-release', kind: 'release', os: 'linux', minutes: a.jobStartup + a.githubRelease, needs: [plan.verify ? 'verify' : 'publish'] });
  }
  return jobs;
}

/** Time and cost of one release of `plan`, as generated (one build job per platform). */
export function estimateRelease(plan: ReleasePlan, a: CostAssumptionValues = DEFAULT_COST_ASSUMPTIONS): Estimate {
  const jobs: EstimatedJob[] = [{ id: 'plan', kind: 'plan', os: 'linux', minutes: a.jobStartup + a.plan, needs: [] }];
  for (const build of plan.builds) {
    jobs.push({ id: build.id, kind: 'build', os: build.platform.os, minutes: buildMinutes(build.platform.os, build.interpreters.length, a), needs: ['plan'] });
  }
  if (plan.sdist) jobs.push({ id: plan.sdist.id, kind: 'sdist', os: 'linux', minutes: a.jobStartup + a.sdist, needs: ['plan'] });
  const producers = jobs.filter((j) => j.kind === 'build' || j.kind === 'sdist').map((j) => j.id);
  jobs.push({ id: plan.checkJobId, kind: 'check', os: 'linux', minutes: a.jobStartup + a.check, needs: producers });
  for (const test of plan.tests) {
    const minutes = a.jobStartup + test.pythonVersions.length * (a.setupPython + a.testPerPythonVersion);
    jobs.push({ id: test.id, kind: 'test', os: test.platform.os, minutes, needs: [plan.checkJobId] });
  }
  jobs.push(...tail(plan, a, plan.tests.length > 0 ? plan.tests.map((t) => t.id) : [plan.checkJobId]));
  return summarize(jobs, a);
}

/**
 * The same platform and Python coverage built the seed design's way: one build
 * job per (platform × Python version), each compiling from scratch; one test job
 * per platform with one Python version; no plan or check jobs.
 */
export function estimateSeedStyle(plan: ReleasePlan, a: CostAssumptionValues = DEFAULT_COST_ASSUMPTIONS): Estimate {
  const jobs: EstimatedJob[] = [];
  for (const build of plan.builds) {
    for (const version of plan.config.pythonVersions) {
      jobs.push({ id: `${build.id}-${version}`, kind: 'build', os: build.platform.os, minutes: buildMinutes(build.platform.os, 1, a), needs: [] });
    }
  }
  const builds = jobs.map((j) => j.id);
  const tests = plan.tests.map((t) => t.id);
  for (const test of plan.tests) {
    jobs.push({ id: test.id, kind: 'test', os: PLATFORMS[test.platform.id].os, minutes: a.jobStartup + a.setupPython + a.testPerPythonVersion, needs: builds });
  }
  jobs.push({ id: 'publish', kind: 'publish', os: 'linux', minutes: a.jobStartup + a.publish, needs: tests.length > 0 ? tests : builds });
  jobs.push({ id: 'release', kind: 'release', os: 'linux', minutes: a.jobStartup + a.githubRelease, needs: ['publish'] });
  return summarize(jobs, a);
}

