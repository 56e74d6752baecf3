import { BuildJob, ReleaseJob, TestJob, unhandledKind } from './jobs';
import type { ReleasePlan } from './release-plan';
import {
  CostAssumptionValues, Estimate, EstimatedJob, RunnerType, TimeTerm, summarize, termMinutes,
} from '../../core/estimate-report';
import { RUNNER_IMAGES } from '../../core/facts/runner-images';
import { RUNNER_PRICES } from '../../core/facts/runner-prices';
import { Interpreter } from '../../core/interpreters';

/** A standard runner's per-minute price in USD, by billing SKU. */
function standardPrice(sku: string): number {
  const price = RUNNER_PRICES.prices.find((p) => p.sku === sku);
  if (!price) throw new Error(`src/core/facts/runner-prices.ts has no ${sku}`);
  return price.usdPerMinute;
}

export const DEFAULT_COST_ASSUMPTIONS: CostAssumptionValues = {
  jobStartup: 0.5,
  linuxContainer: 0.5,
  // setup-python takes seconds when the version is in the image's tool cache and
  // 30-60 s when it downloads and unpacks it (longer on Windows).
  setupPython: 0.1,
  setupPythonDownload: 0.75,
  compileFirstInterpreter: 2.5,
  compileAdditionalInterpreter: 1,
  testPerPythonVersion: 0.75,
  // QEMU runs Python code several times slower than the CPU it emulates on.
  testPerPythonVersionEmulated: 6,
  testContainer: 0.3,
  sdist: 0.5,
  plan: 0.25,
  check: 0.25,
  publish: 1,
  verify: 1.5,
  githubRelease: 0.5,
  // USD per minute of the standard runners (src/core/facts/runner-prices.ts).
  priceLinux: standardPrice('actions_linux'),
  priceLinuxArm64: standardPrice('actions_linux_arm'),
  priceWindows: standardPrice('actions_windows'),
  priceWindowsArm64: standardPrice('actions_windows_arm'),
  priceMacos: standardPrice('actions_macos'),
  // docs.github.com, actions/reference/limits: Free 20 jobs at once, 5 on macOS (Pro and Team also 5 on macOS).
  maxConcurrentJobs: 20,
  maxConcurrentMacosJobs: 5,
  publicRepository: false,
};

/** Labels of GitHub's standard hosted runners (free in public repositories) the images' README does not list (any more). */
const STANDARD_RUNNER = /^(ubuntu-(latest|\d\d\.\d\d)(-arm)?|ubuntu-slim|windows-(latest|\d{4})(-vs\d{4})?|windows-11(-vs\d{4})?-arm|macos-(latest|\d+)(-intel|-arm64)?)$/;

/** Whether a label is a standard hosted runner (larger runners are always billed): the runner-images README's word, else its naming. */
export function isStandardRunner(label: string): boolean {
  const listed = RUNNER_IMAGES.labels.find((l) => l.label === label);
  return listed ? !listed.larger : STANDARD_RUNNER.test(label);
}

/** The kind of runner a label is billed as; a label this product does not know is billed as its OS's x64 runner. */
export function runnerType(runner: string, os: 'linux' | 'macos' | 'windows'): RunnerType {
  if (os === 'macos') return 'macos';
  const arm = /-arm(64)?\b/.test(runner);
  if (os === 'windows') return arm ? 'windows-arm64' : 'windows';
  return arm ? 'linux-arm64' : 'linux';
}

/** CPU cores of a standard macOS runner: M1 arm64 runners have 3, Intel runners 4. */
const macosCores = (runner: string) => (/intel|-13$/.test(runner) ? 4 : 3);

/**
 * Whether setup-python finds an interpreter in the runner image's tool cache instead of
 * downloading it. actions/runner-images toolsets (e.g. images/ubuntu/toolsets/toolset-2404.json):
 * CPython 3.9-3.14 and, on Linux x64, PyPy 3.9-3.11; free-threaded builds, pre-releases and
 * GraalPy are downloaded.
 */
export function inToolCache(interpreter: Interpreter, type: RunnerType): boolean {
  if (interpreter.kind === 'cpython') return !interpreter.prerelease && interpreter.minor >= 9 && interpreter.minor <= 14;
  return interpreter.kind === 'pypy' && type === 'linux';
}

type Terms = Partial<Record<TimeTerm, number>>;

function addTerm(terms: Terms, term: TimeTerm, count = 1): void {
  if (count !== 0) terms[term] = (terms[term] ?? 0) + count;
}

function setupTerms(terms: Terms, interpreters: readonly Interpreter[], type: RunnerType): void {
  for (const i of interpreters) addTerm(terms, inToolCache(i, type) ? 'setupPython' : 'setupPythonDownload');
}

function buildTerms(job: BuildJob, type: RunnerType): Terms {
  const terms: Terms = { jobStartup: 1 };
  const interpreters = job.invocations.flatMap((inv) => inv.interpreters);
  if (job.platform.linuxContainer) addTerm(terms, 'linuxContainer');
  else setupTerms(terms, interpreters, type);
  // bin and UniFFI compile once without an interpreter; universal2 compiles for both architectures.
  const architectures = job.platform.maturinTarget === 'universal2' ? 2 : 1;
  addTerm(terms, 'compileFirstInterpreter', architectures);
  addTerm(terms, 'compileAdditionalInterpreter', architectures * Math.max(0, interpreters.length - 1));
  return terms;
}

function testTerms(job: TestJob, type: RunnerType): Terms {
  const terms: Terms = { jobStartup: 1 };
  const mode = job.target.test;
  const n = job.interpreters.length;
  if (mode.kind === 'container') {
    addTerm(terms, 'testContainer', n);
    addTerm(terms, mode.emulated ? 'testPerPythonVersionEmulated' : 'testPerPythonVersion', n);
    return terms;
  }
  setupTerms(terms, job.interpreters, type);
  // Concurrent tests take one round per batch of as many versions as the runner has cores.
  addTerm(terms, 'testPerPythonVersion', job.concurrent ? Math.ceil(n / macosCores(job.runner)) : n);
  return terms;
}

/** What one job's minutes are made of; every job kind has exactly one formula. */
function jobTerms(job: ReleaseJob, type: RunnerType): Terms {
  switch (job.kind) {
    case 'plan': return { jobStartup: 1, plan: 1 };
    case 'build': return buildTerms(job, type);
    case 'sdist': return { jobStartup: 1, sdist: 1 };
    case 'check': return { jobStartup: 1, check: 1 };
    case 'test': return testTerms(job, type);
    case 'publish': return { jobStartup: 1, publish: 1 };
    case 'verify': {
      const terms: Terms = { jobStartup: 1, verify: 1 };
      setupTerms(terms, [job.interpreter], type);
      return terms;
    }
    // One API call, like the plan job's work.
    case 'tag': return { jobStartup: 1, plan: 1 };
    case 'github-release': return { jobStartup: 1, githubRelease: 1 };
    default: return unhandledKind(job);
  }
}

/** A job of the estimate from its terms. */
export function estimatedJob(
  fields: Pick<EstimatedJob, 'id' | 'title' | 'kind' | 'os' | 'runner' | 'needs'> & { readonly note?: string }, terms: Terms, a: CostAssumptionValues,
): EstimatedJob {
  const type = runnerType(fields.runner, fields.os);
  return {
    ...fields,
    runnerType: type,
    standardRunner: isStandardRunner(fields.runner),
    terms,
    minutes: Math.round(termMinutes(terms, a) * 100) / 100,
  };
}

const EMULATED_NOTE = 'Tests under QEMU emulation (armv7, ppc64le, s390x, riscv64) are the roughest figure: they run several times slower than native ones, ' +
  'how much depends on the test suite; measure them with `plan --from-run`.';

/**
 * Time and cost of one release of `plan`, as generated: the plan's own jobs and
 * needs. One publish job runs per release (the plan picks the index), so the
 * estimate counts PyPI's and leaves the other index's job out.
 */
export function estimateRelease(plan: ReleasePlan, a: CostAssumptionValues = DEFAULT_COST_ASSUMPTIONS): Estimate {
  const skipped = new Set(plan.jobs.filter((j) => j.kind === 'publish' && j.index.channel !== 'pypi').map((p) => p.id));
  const jobs = plan.jobs.filter((job) => !skipped.has(job.id)).map((job) => estimatedJob({
    id: job.id,
    title: job.title,
    kind: job.kind,
    os: job.os,
    runner: job.runner,
    needs: job.needs.filter((n) => !skipped.has(n)),
    note: job.kind === 'test' && job.target.test.kind === 'container' && job.target.test.emulated ? EMULATED_NOTE : undefined,
  }, jobTerms(job, runnerType(job.runner, job.os)), a));
  return summarize(jobs, a);
}

/**
 * The same platform and Python coverage with one build job per platform × Python
 * version, each compiling from scratch, and one test job per platform with one
 * Python version; no plan or check jobs.
 */
export function estimateSeedStyle(plan: ReleasePlan, a: CostAssumptionValues = DEFAULT_COST_ASSUMPTIONS): Estimate {
  const jobs: EstimatedJob[] = [];
  const builds = plan.jobs.filter((j): j is BuildJob => j.kind === 'build');
  const platforms = [...new Map(builds.map((b) => [b.platform.id, b])).values()];
  for (const build of platforms) {
    const type = runnerType(build.runner, build.os);
    for (const interpreter of build.target.interpreters) {
      const terms: Terms = { jobStartup: 1, compileFirstInterpreter: 1 };
      if (build.platform.linuxContainer) addTerm(terms, 'linuxContainer');
      else setupTerms(terms, [interpreter], type);
      jobs.push(estimatedJob({ id: `build-${build.platform.id}-${interpreter.spec}`, title: build.title, kind: 'build', os: build.os, runner: build.runner, needs: [] }, terms, a));
    }
  }
  const buildIds = jobs.map((j) => j.id);
  const tests = [...new Map(plan.jobs.filter((j): j is TestJob => j.kind === 'test').map((t) => [t.platform.id, t])).values()];
  for (const test of tests) {
    const terms = testTerms({ ...test, interpreters: test.target.testInterpreters.slice(-1), concurrent: false }, runnerType(test.runner, test.os));
    jobs.push(estimatedJob({ id: `test-${test.platform.id}`, title: test.title, kind: 'test', os: test.os, runner: test.runner, needs: buildIds }, terms, a));
  }
  const utility = { os: 'linux' as const, runner: plan.config.runners.utility };
  jobs.push(estimatedJob({ ...utility, id: 'publish', title: 'publish', kind: 'publish', needs: tests.length > 0 ? tests.map((t) => `test-${t.platform.id}`) : buildIds }, { jobStartup: 1, publish: 1 }, a));
  jobs.push(estimatedJob({ ...utility, id: 'github-release', title: 'github-release', kind: 'github-release', needs: ['publish'] }, { jobStartup: 1, githubRelease: 1 }, a));
  return summarize(jobs, a);
}
