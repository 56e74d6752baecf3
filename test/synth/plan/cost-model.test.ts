import { CostAssumptionValues } from '../../../src/core/estimate-report';
import { resolveConfig } from '../../../src/synth/config';
import { BuildStrategy, MaturinReleaseOptions, WheelPlatform } from '../../../src/synth/options';
import { DEFAULT_COST_ASSUMPTIONS, estimateRelease, estimateSeedStyle, runnerType } from '../../../src/synth/plan/cost-model';
import { buildReleasePlan } from '../../../src/synth/plan/release-plan';

const plan = (options: Partial<MaturinReleaseOptions> = {}) => buildReleasePlan(resolveConfig({ packageName: 'dioxide', ...options }));
const SEED_COVERAGE = { platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.MACOS_ARM64, WheelPlatform.WINDOWS_X64] };

/** Round numbers, so every figure below can be checked by hand. */
const FIXED: CostAssumptionValues = {
  ...DEFAULT_COST_ASSUMPTIONS,
  jobStartup: 1,
  linuxContainer: 1,
  setupPython: 0,
  setupPythonDownload: 2,
  compileFirstInterpreter: 4,
  compileAdditionalInterpreter: 2,
  testPerPythonVersion: 1,
  testPerPythonVersionEmulated: 5,
  testContainer: 1,
  sdist: 1,
  plan: 1,
  check: 1,
  publish: 1,
  verify: 1,
  githubRelease: 1,
};

const minutesOf = (e: ReturnType<typeof estimateRelease>, id: string) => e.jobs.find((j) => j.id === id)?.minutes;

describe('estimateRelease with fixed assumptions', () => {
  const e = estimateRelease(plan(SEED_COVERAGE), FIXED);

  test('jobs per kind: Linux and Windows tests one job per Python, macOS one job', () => {
    expect(e.jobsPerKind).toEqual({ 'plan': 1, 'build': 3, 'sdist': 1, 'check': 1, 'test': 7, 'publish': 1, 'verify': 1, 'github-release': 1 });
  });

  test('build jobs: start-up + container (Linux) or setup-python per version + 4 for the first interpreter + 2 for each other', () => {
    expect(minutesOf(e, 'build-linux-x86_64')).toBe(1 + 1 + 4 + 2 * 2);
    expect(minutesOf(e, 'build-macos-arm64')).toBe(1 + 0 + 4 + 2 * 2);
  });

  test('macOS tests its three versions at once on the runner\'s three cores: one round', () => {
    expect(minutesOf(e, 'test-macos-arm64')).toBe(1 + 0 + 1);
    expect(e.jobs.find((j) => j.id === 'test-macos-arm64')?.terms).toEqual({ jobStartup: 1, setupPython: 3, testPerPythonVersion: 1 });
  });

  test('wall time: plan 2 → Linux build 10 → its test 2 (check-dist 2 beside it) → publish 2 → verify 2 → release 2', () => {
    expect(e.criticalPathMinutes).toBe(20);
  });

  test('runner-minutes, billed minutes and dollars at each runner type\'s price', () => {
    // Linux: plan 2, build 10, sdist 2, check 2, 3 tests 6, publish 2, verify 2, release 2 = 28
    // macOS: build 9, test 2 = 11; Windows: build 9, 3 tests 6 = 15
    expect(e.runnerMinutes).toBe(28 + 11 + 15);
    expect(e.billedMinutes).toBe(54);
    expect(e.costUsd).toBeCloseTo(28 * 0.006 + 11 * 0.062 + 15 * 0.01, 2);
    expect(e.privateCostUsd).toBe(e.costUsd);
  });

  test('a public repository pays nothing on standard runners, but still for a larger runner', () => {
    const pub = estimateRelease(plan(SEED_COVERAGE), { ...FIXED, publicRepository: true });
    expect(pub.costUsd).toBe(0);
    expect(pub.privateCostUsd).toBe(e.costUsd);
    const large = estimateRelease(plan({ ...SEED_COVERAGE, runners: { platforms: { 'macos-arm64': 'macos-15-xlarge' } } }), { ...FIXED, publicRepository: true });
    expect(large.costUsd).toBeCloseTo((9 + 2) * 0.062, 2);
  });

  test('billing rounds each job up to a whole minute', () => {
    const linux = { platforms: [WheelPlatform.LINUX_X86_64], pythonVersions: ['3.12'] };
    const half = estimateRelease(plan(linux), { ...FIXED, plan: 0.1 });
    expect(half.jobs[0].minutes).toBeCloseTo(1.1);
    // 1.1 minutes bill as 2, as many as the 2-minute plan job of FIXED.
    expect(half.billedMinutes - estimateRelease(plan(linux), FIXED).billedMinutes).toBe(0);
  });
});

describe('what the model knows about runners and interpreters', () => {
  test('arm64 runners are billed at the arm64 price', () => {
    expect(runnerType('ubuntu-24.04-arm', 'linux')).toBe('linux-arm64');
    expect(runnerType('windows-11-arm', 'windows')).toBe('windows-arm64');
    expect(runnerType('ubuntu-24.04', 'linux')).toBe('linux');
    const e = estimateRelease(plan({ platforms: [WheelPlatform.LINUX_AARCH64], pythonVersions: ['3.12'], sdist: false }), FIXED);
    const build = e.jobs.find((j) => j.id === 'build-linux-aarch64')!;
    expect(build.runnerType).toBe('linux-arm64');
    expect(e.privateCostUsd).toBeCloseTo((1 + 1 + 4) * 0.005 + (1 + 0 + 1) * 0.005 + 2 * 0.006 * 5, 2);
  });

  test('versions missing from the runner\'s tool cache cost a download (free-threaded here)', () => {
    const e = estimateRelease(plan({ platforms: [WheelPlatform.LINUX_X86_64], pythonVersions: ['3.13', '3.14t'] }), FIXED);
    expect(minutesOf(e, 'test-linux-x86_64-3-13')).toBe(1 + 0 + 1);
    expect(minutesOf(e, 'test-linux-x86_64-3-14t')).toBe(1 + 2 + 1);
  });

  test('emulated tests are slow and say so', () => {
    const e = estimateRelease(plan({ platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.LINUX_S390X], pythonVersions: ['3.12'] }), FIXED);
    expect(minutesOf(e, 'test-linux-s390x')).toBe(1 + 1 + 5);
    expect(e.jobs.find((j) => j.id === 'test-linux-s390x')?.note).toMatch(/QEMU emulation .* several times slower/);
    expect(e.jobs.find((j) => j.id === 'test-linux-x86_64')?.note).toBeUndefined();
  });

  test('universal2 compiles for both architectures', () => {
    const e = estimateRelease(plan({ platforms: [WheelPlatform.MACOS_UNIVERSAL2], pythonVersions: ['3.12', '3.13'] }), FIXED);
    expect(e.jobs.find((j) => j.id === 'build-macos-universal2')?.terms).toEqual({ jobStartup: 1, setupPython: 2, compileFirstInterpreter: 2, compileAdditionalInterpreter: 2 });
  });

  test('the macOS concurrency limit queues macOS jobs', () => {
    const split = plan({ platforms: [WheelPlatform.MACOS_ARM64], buildStrategy: BuildStrategy.PER_INTERPRETER, sdist: false });
    const free = estimateRelease(split, FIXED);
    const one = estimateRelease(split, { ...FIXED, maxConcurrentMacosJobs: 1 });
    // Three 5-minute builds side by side, or one after another.
    expect(one.criticalPathMinutes - free.criticalPathMinutes).toBe(10);
    expect(one.billedMinutes).toBe(free.billedMinutes);
  });
});

describe('the seed layout at the same coverage', () => {
  test('one build job per platform × Python, each compiling from scratch', () => {
    const s = estimateSeedStyle(plan(SEED_COVERAGE), FIXED);
    expect(s.jobsPerKind).toEqual({ 'build': 9, 'test': 3, 'publish': 1, 'github-release': 1 });
    // builds: Linux 3 × 6, macOS 3 × 5, Windows 3 × 5; tests 2 each; publish 2; release 2
    expect(s.billedMinutes).toBe(18 + 15 + 15 + 6 + 2 + 2);
    expect(s.criticalPathMinutes).toBe(6 + 2 + 2 + 2);
  });

  test('the one-job-per-platform layout bills less than the seed layout', () => {
    const p = plan(SEED_COVERAGE);
    expect(estimateRelease(p).costUsd).toBeLessThan(estimateSeedStyle(p).costUsd);
  });

  test('abi3 compiles once per platform', () => {
    expect(estimateRelease(plan({ abi3: true })).runnerMinutes).toBeLessThan(estimateRelease(plan()).runnerMinutes);
  });
});

test('costAssumptions override the defaults and are validated', () => {
  expect(resolveConfig({ packageName: 'd', costAssumptions: { priceMacos: 0.08 } }).costAssumptions.priceMacos).toBe(0.08);
  expect(resolveConfig({ packageName: 'd', costAssumptions: { publicRepository: true } }).costAssumptions.publicRepository).toBe(true);
  expect(() => resolveConfig({ packageName: 'd', costAssumptions: { priceMacos: -1 } })).toThrow('costAssumptions.priceMacos is -1; it must be a number from 0 to 600');
  expect(() => resolveConfig({ packageName: 'd', costAssumptions: { maxConcurrentMacosJobs: 0.5 } })).toThrow('costAssumptions.maxConcurrentMacosJobs is 0.5; it must be a whole number of jobs from 1 to 600');
  expect(() => resolveConfig({ packageName: 'd', costAssumptions: { publicRepository: 'yes' as any } })).toThrow(/costAssumptions.publicRepository is "yes"/);
  expect(() => resolveConfig({ packageName: 'd', costAssumptions: { macos: 1 } as any })).toThrow(/costAssumptions.macos is not an option; the options here are "check", "compileAdditionalInterpreter", "compileFirstInterpreter", "githubRelease", "jobStartup"/);
});
