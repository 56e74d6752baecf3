import { resolveConfig } from '../../../src/synth/config';
import { MaturinReleaseOptions, WheelPlatform } from '../../../src/synth/options';
import { CostAssumptionValues, DEFAULT_COST_ASSUMPTIONS, estimateRelease, estimateSeedStyle } from '../../../src/synth/plan/cost-model';
import { buildReleasePlan } from '../../../src/synth/plan/release-plan';

const plan = (options: Partial<MaturinReleaseOptions> = {}) => buildReleasePlan(resolveConfig({ packageName: 'dioxide', ...options }));
const SEED_COVERAGE = { platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.MACOS_ARM64, WheelPlatform.WINDOWS_X64] };

/** Round numbers, so every figure below can be checked by hand. */
const FIXED: CostAssumptionValues = {
  ...DEFAULT_COST_ASSUMPTIONS,
  jobStartup: 1,
  linuxContainer: 1,
  setupPython: 0,
  compileFirstInterpreter: 4,
  compileAdditionalInterpreter: 2,
  testPerPythonVersion: 1,
  sdist: 1,
  plan: 1,
  check: 1,
  publish: 1,
  verify: 1,
  githubRelease: 1,
};

describe('estimateRelease with fixed assumptions', () => {
  const e = estimateRelease(plan(SEED_COVERAGE), FIXED);

  test('jobs per kind', () => {
    expect(e.jobsPerKind).toEqual({ 'plan': 1, 'build': 3, 'sdist': 1, 'check': 1, 'test': 3, 'publish': 1, 'verify': 1, 'github-release': 1 });
  });

  test('build jobs: start-up + container (Linux) + 4 for the first interpreter + 2 for each other', () => {
    expect(e.jobs.find((j) => j.id === 'build-linux-x86_64')?.minutes).toBe(1 + 1 + 4 + 2 * 2);
    expect(e.jobs.find((j) => j.id === 'build-macos-arm64')?.minutes).toBe(1 + 0 + 4 + 2 * 2);
  });

  test('critical path: plan 2 → build 10 → check 2 → test 4 → publish 2 → verify 2 → release 2', () => {
    expect(e.criticalPathMinutes).toBe(24);
  });

  test('runner-minutes and billed minutes (Linux ×1, Windows ×2, macOS ×10)', () => {
    // Linux: plan 2, build 10, sdist 2, check 2, test 4, publish 2, verify 2, release 2 = 26
    // macOS: build 9, test 4 = 13; Windows: build 9, test 4 = 13
    expect(e.runnerMinutes).toBe(26 + 13 + 13);
    expect(e.billedMinutes).toBe(26 + 13 * 10 + 13 * 2);
  });

  test('billing rounds each job up to a whole minute', () => {
    const half = estimateRelease(plan({ ...SEED_COVERAGE, platforms: [WheelPlatform.LINUX_X86_64] }), { ...FIXED, plan: 0.1 });
    expect(half.jobs[0].minutes).toBeCloseTo(1.1);
    expect(half.billedMinutes - estimateRelease(plan({ platforms: [WheelPlatform.LINUX_X86_64] }), FIXED).billedMinutes).toBe(0);
  });
});

describe('the seed layout at the same coverage', () => {
  test('one build job per platform × Python, each compiling from scratch', () => {
    const s = estimateSeedStyle(plan(SEED_COVERAGE), FIXED);
    expect(s.jobsPerKind).toEqual({ 'build': 9, 'test': 3, 'publish': 1, 'github-release': 1 });
    // builds: Linux 3 × 6, macOS 3 × 5 (×10), Windows 3 × 5 (×2); tests 2 each; publish 2; release 2
    expect(s.billedMinutes).toBe(18 + 2 + 150 + 20 + 30 + 4 + 2 + 2);
    expect(s.criticalPathMinutes).toBe(6 + 2 + 2 + 2);
  });

  test('the one-job-per-platform layout bills fewer minutes than the seed layout', () => {
    const p = plan(SEED_COVERAGE);
    expect(estimateRelease(p).billedMinutes).toBeLessThan(estimateSeedStyle(p).billedMinutes);
  });

  test('abi3 compiles once per platform', () => {
    expect(estimateRelease(plan({ abi3: true })).runnerMinutes).toBeLessThan(estimateRelease(plan()).runnerMinutes);
  });
});

test('costAssumptions override the defaults and are validated', () => {
  expect(resolveConfig({ packageName: 'd', costAssumptions: { multiplierMacos: 1 } }).costAssumptions.multiplierMacos).toBe(1);
  expect(() => resolveConfig({ packageName: 'd', costAssumptions: { multiplierMacos: -1 } })).toThrow('costAssumptions.multiplierMacos is -1; it must be a number from 0 to 600');
  expect(() => resolveConfig({ packageName: 'd', costAssumptions: { macos: 1 } as any })).toThrow(/costAssumptions.macos is not an option; the options here are "check", "compileAdditionalInterpreter", "compileFirstInterpreter", "githubRelease", "jobStartup"/);
});
