import { VERIFY_INSTALL_ATTEMPT_SECONDS, VERIFY_REQUEST_SECONDS, VERIFY_RETRY_SECONDS } from '../../../src/core/time-limits';
import { resolveConfig } from '../../../src/synth/config';
import { BuildStrategy, MaturinReleaseOptions, WheelPlatform } from '../../../src/synth/options';
import { estimateRelease } from '../../../src/synth/plan/cost-model';
import { buildReleasePlan, jobOf, jobsOf } from '../../../src/synth/plan/release-plan';

const plan = (options: Partial<MaturinReleaseOptions> = {}) => buildReleasePlan(resolveConfig({ packageName: 'dioxide', ...options }));
const promised = (options: Partial<MaturinReleaseOptions> = {}) => plan(options).expected.map((e) => e.description);

describe('the wheel set each config promises', () => {
  test('seed config: 3 Python versions × 5 platforms + sdist', () => {
    const wheels = promised();
    expect(wheels).toHaveLength(16);
    expect(wheels).toEqual(expect.arrayContaining([
      'cp311 wheel for manylinux x86_64', 'cp312 wheel for manylinux aarch64', 'cp313 wheel for macOS arm64',
      'cp311 wheel for macOS x86_64', 'cp313 wheel for Windows amd64', 'source distribution (sdist)',
    ]));
  });

  test('abi3: one wheel per platform, tagged with the minimum Python', () => {
    expect(promised({ abi3: true, platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.WINDOWS_ARM64], sdist: false }))
      .toEqual(['cp311-abi3 wheel for manylinux x86_64', 'cp311-abi3 wheel for Windows arm64']);
  });

  test('minimal Linux-only config without sdist', () => {
    expect(promised({ platforms: [WheelPlatform.LINUX_X86_64], pythonVersions: ['3.12'], sdist: false }))
      .toEqual(['cp312 wheel for manylinux x86_64']);
  });

  test('musllinux wheels are promised and tested in an Alpine container', () => {
    const p = plan({ platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.MUSLLINUX_X86_64] });
    expect(p.expected.map((e) => e.description)).toContain('cp312 wheel for musllinux x86_64');
    const musl = { kind: 'container', libc: 'musl', dockerPlatform: 'linux/amd64', emulated: false };
    expect(jobsOf(p, 'test').map((t) => [t.id, t.platform.test])).toEqual([
      ['test-linux-x86_64-3-11', { kind: 'native' }], ['test-linux-x86_64-3-12', { kind: 'native' }], ['test-linux-x86_64-3-13', { kind: 'native' }],
      ['test-musllinux-x86_64-3-11', musl], ['test-musllinux-x86_64-3-12', musl], ['test-musllinux-x86_64-3-13', musl],
    ]);
  });
});

describe('jobs', () => {
  test('one build job per platform, building every configured Python', () => {
    const p = plan();
    expect(jobsOf(p, 'build').map((b) => [b.id, b.runner, b.interpreters.join(' ')])).toEqual([
      ['build-linux-x86_64', 'ubuntu-24.04', '3.11 3.12 3.13'],
      ['build-linux-aarch64', 'ubuntu-24.04-arm', '3.11 3.12 3.13'],
      ['build-macos-arm64', 'macos-15', '3.11 3.12 3.13'],
      ['build-macos-x86_64', 'macos-15-intel', '3.11 3.12 3.13'],
      ['build-windows-x64', 'windows-2025', '3.11 3.12 3.13'],
    ]);
    expect(new Set(jobsOf(p, 'build').map((b) => b.artifact)).size).toBe(5);
  });

  test('abi3 builds with the minimum interpreter only', () => {
    expect(jobsOf(plan({ abi3: true }), 'build')[0].interpreters).toEqual(['3.11']);
  });

  test('runner overrides apply', () => {
    expect(jobsOf(plan({ runners: { platforms: { 'macos-x86_64': 'macos-26-intel' } } }), 'build').find((b) => b.id === 'build-macos-x86_64')?.runner)
      .toBe('macos-26-intel');
  });

  test('TestPyPI off: only PyPI is an index', () => {
    expect(plan({ publishing: { testPypi: false } }).indexes.map((i) => i.channel)).toEqual(['pypi']);
  });

  test('verify runs where a wheel exists, with the newest tested Python', () => {
    expect(jobOf(plan({ platforms: [WheelPlatform.MACOS_ARM64] }), 'verify')).toMatchObject({ id: 'verify', runner: 'macos-15', pythonVersion: '3.13' });
    expect(jobOf(plan({ platforms: [WheelPlatform.MUSLLINUX_X86_64] }), 'verify')).toBeUndefined();
  });
});

describe('the test matrix of an abi3 package', () => {
  // Shaped like nh3 adopted as is: one abi3 wheel per target, every CPython from 3.9, and a free-threaded wheel.
  const NH3: Partial<MaturinReleaseOptions> = {
    abi3: true,
    abi3MinimumPython: '3.8',
    pythonVersions: ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.14t'],
    platforms: [
      WheelPlatform.LINUX_X86_64, WheelPlatform.LINUX_I686, WheelPlatform.LINUX_AARCH64, WheelPlatform.LINUX_ARMV7, WheelPlatform.LINUX_PPC64LE,
      WheelPlatform.LINUX_S390X, WheelPlatform.MUSLLINUX_X86_64, WheelPlatform.MUSLLINUX_I686, WheelPlatform.MUSLLINUX_AARCH64,
      WheelPlatform.MUSLLINUX_ARMV7, WheelPlatform.WINDOWS_X64, WheelPlatform.WINDOWS_X86, WheelPlatform.WINDOWS_ARM64,
      WheelPlatform.MACOS_X86_64, WheelPlatform.MACOS_ARM64,
    ],
  };
  const tested = (p: ReturnType<typeof plan>, id: string) => p.config.targets.find((t) => t.platform.id === id)!.testInterpreters.map((i) => i.spec);

  test('by default: the oldest and the newest CPython that can run the abi3 wheel on each target, and each version-specific wheel', () => {
    const p = plan(NH3);
    expect(tested(p, 'linux-x86_64')).toEqual(['3.9', '3.14', '3.14t']);
    // The test container runs CPython 3.10 and later; the runner has no Windows arm64 CPython before 3.11.
    expect(tested(p, 'linux-s390x')).toEqual(['3.10', '3.14']);
    expect(tested(p, 'windows-arm64')).toEqual(['3.11', '3.14', '3.14t']);
    // Linux x86_64, aarch64, Windows x64, x86, arm64: 3 jobs each; eight container targets: 2 each; macOS: 1 job each (its Pythons at once).
    // 33 test jobs, instead of one per Python on every target (75).
    expect(jobsOf(p, 'test')).toHaveLength(33);
  });

  test('the newest final CPython tests the abi3 wheel though pythonVersions stops lower (messense/nh3 builds with 3.8 only), so container targets are tested too', () => {
    const p = plan({ ...NH3, pythonVersions: ['3.8', '3.14t'], targets: { 'windows-arm64': { pythonVersions: ['3.11', '3.14t'] } } });
    // Docker's python images for linux/386 start at 3.10: the oldest that runs the cp38-abi3 wheel there.
    expect(tested(p, 'linux-i686')).toEqual(['3.10', '3.14']);
    expect(tested(p, 'linux-x86_64')).toEqual(['3.8', '3.14', '3.14t']);
    // Never below the oldest CPython pythonVersions names.
    expect(tested(plan({ ...NH3, pythonVersions: ['3.11', '3.14t'] }), 'linux-x86_64')).toEqual(['3.11', '3.14', '3.14t']);
  });

  test('testPythonVersions still decides when set', () => {
    const p = plan({ ...NH3, testPythonVersions: ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.14t'] });
    expect(tested(p, 'linux-x86_64')).toEqual(['3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.14t']);
    expect(jobsOf(p, 'test')).toHaveLength(75);
    expect(tested(plan({ ...NH3, targets: { 'linux-x86_64': { testPythonVersions: ['3.12'] } } }), 'linux-x86_64')).toEqual(['3.12']);
  });

  test('negative control: without abi3, every Python is tested, since each has its own wheel', () => {
    expect(tested(plan({ pythonVersions: ['3.11', '3.12', '3.13'], platforms: [WheelPlatform.LINUX_X86_64] }), 'linux-x86_64')).toEqual(['3.11', '3.12', '3.13']);
  });
});

describe('verify installs what most users install: the newest stable CPython with the GIL that has a wheel', () => {
  const verifyOf = (options: Partial<MaturinReleaseOptions>) => {
    const job = jobOf(plan(options), 'verify');
    return job && { runner: job.runner, python: job.pythonVersion, platform: job.platform.id };
  };
  const ALL = Object.values(WheelPlatform).filter((p) => p !== WheelPlatform.MACOS_UNIVERSAL2);

  test('not GraalPy, PyPy or free-threaded 3.14t, whatever order the versions are listed in', () => {
    const every = { platforms: ALL, pythonVersions: ['3.11', '3.12', '3.13', '3.14', '3.14t', 'pypy3.11', 'graalpy3.12'] };
    expect(verifyOf(every)).toEqual({ runner: 'ubuntu-24.04', python: '3.14', platform: 'linux-x86_64' });
  });

  test('not a pre-release CPython', () => {
    expect(verifyOf({ allowPythonPrereleases: true, pythonVersions: ['3.13', '3.14', '3.15'] })?.python).toBe('3.14');
  });

  test('abi3 beside free-threaded wheels: a GIL CPython, which installs the abi3 wheel', () => {
    expect(verifyOf({ abi3: true, abi3MinimumPython: '3.9', pythonVersions: ['3.9', '3.13', '3.14t'] })?.python).toBe('3.13');
  });

  test('the target whose tests come first is not what decides: Windows arm64 tests only 3.12, verify takes 3.14 on Linux', () => {
    expect(verifyOf({
      platforms: [WheelPlatform.WINDOWS_ARM64, WheelPlatform.LINUX_X86_64],
      pythonVersions: ['3.12', '3.14'],
      targets: { 'windows-arm64': { pythonVersions: ['3.12'] } },
    })).toEqual({ runner: 'ubuntu-24.04', python: '3.14', platform: 'linux-x86_64' });
  });

  test('runs even when no target is tested: on a runner that installs the wheel natively', () => {
    expect(verifyOf({ runTests: false })).toEqual({ runner: 'ubuntu-24.04', python: '3.13', platform: 'linux-x86_64' });
    expect(verifyOf({
      platforms: [WheelPlatform.LINUX_ARMV7, WheelPlatform.WINDOWS_X86],
      targets: { 'windows-x86': { test: false } },
    })).toEqual({ runner: 'windows-2025', python: '3.13', platform: 'windows-x86' });
  });

  test('without any GIL CPython wheel, the best of what there is; without a runner that installs any wheel, no verify', () => {
    expect(verifyOf({ pythonVersions: ['3.14t', 'pypy3.11'] })?.python).toBe('3.14t');
    expect(verifyOf({ platforms: [WheelPlatform.LINUX_ARMV7, WheelPlatform.MUSLLINUX_X86_64] })).toBeUndefined();
  });
});

describe('build strategy', () => {
  const seedCoverage = { platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.MACOS_ARM64, WheelPlatform.WINDOWS_X64] };

  test('per interpreter: one build job per target and interpreter, promising the same wheel set', () => {
    const split = plan({ ...seedCoverage, buildStrategy: BuildStrategy.PER_INTERPRETER });
    expect(jobsOf(split, 'build').map((b) => [b.id, b.interpreters.join(' '), b.artifact])).toEqual([
      ['build-linux-x86_64-3-11', '3.11', 'dist-wheels-linux-x86_64-3-11'],
      ['build-linux-x86_64-3-12', '3.12', 'dist-wheels-linux-x86_64-3-12'],
      ['build-linux-x86_64-3-13', '3.13', 'dist-wheels-linux-x86_64-3-13'],
      ['build-macos-arm64-3-11', '3.11', 'dist-wheels-macos-arm64-3-11'],
      ['build-macos-arm64-3-12', '3.12', 'dist-wheels-macos-arm64-3-12'],
      ['build-macos-arm64-3-13', '3.13', 'dist-wheels-macos-arm64-3-13'],
      ['build-windows-x64-3-11', '3.11', 'dist-wheels-windows-x64-3-11'],
      ['build-windows-x64-3-12', '3.12', 'dist-wheels-windows-x64-3-12'],
      ['build-windows-x64-3-13', '3.13', 'dist-wheels-windows-x64-3-13'],
    ]);
    expect([...split.expected].sort()).toEqual([...plan(seedCoverage).expected].sort());
    // A Linux test of one Python waits for that Python's build alone.
    expect(jobOf(split, 'test')).toMatchObject({ id: 'test-linux-x86_64-3-11', needs: ['plan', 'build-linux-x86_64-3-11'] });
  });

  test('bin, UniFFI and cffi make one wheel per target: nothing to split', () => {
    expect(jobsOf(plan({ ...seedCoverage, bindings: 'bin' as any, buildStrategy: BuildStrategy.PER_INTERPRETER }), 'build').map((b) => b.id))
      .toEqual(['build-linux-x86_64', 'build-macos-arm64', 'build-windows-x64']);
  });

  test('auto: within the default budget it bills no more than one job per target', () => {
    const a = plan({ ...seedCoverage, buildStrategy: BuildStrategy.AUTO });
    const perPlatform = plan(seedCoverage);
    expect(estimateRelease(a).billedMinutes).toBeLessThanOrEqual(estimateRelease(perPlatform).billedMinutes);
    expect(estimateRelease(a).criticalPathMinutes).toBeLessThanOrEqual(estimateRelease(perPlatform).criticalPathMinutes);
  });

  test('auto: a larger budget buys a shorter release, and is never exceeded', () => {
    const perPlatform = estimateRelease(plan(seedCoverage));
    const allSplit = estimateRelease(plan({ ...seedCoverage, buildStrategy: BuildStrategy.PER_INTERPRETER }));
    expect(allSplit.criticalPathMinutes).toBeLessThan(perPlatform.criticalPathMinutes);
    const a = plan({ ...seedCoverage, buildStrategy: BuildStrategy.AUTO, buildBudgetMinutes: allSplit.billedMinutes });
    expect(estimateRelease(a).criticalPathMinutes).toBe(allSplit.criticalPathMinutes);
    // One minute short of that: it stops before the budget, whatever it splits.
    const tight = plan({ ...seedCoverage, buildStrategy: BuildStrategy.AUTO, buildBudgetMinutes: allSplit.billedMinutes - 1 });
    expect(estimateRelease(tight).billedMinutes).toBeLessThan(allSplit.billedMinutes);
  });

  test('a budget without AUTO, or a budget that is not a positive number, is refused by name', () => {
    expect(() => plan({ buildBudgetMinutes: 100 })).toThrow('buildBudgetMinutes is set, but buildStrategy is "per-platform"; the budget applies to BuildStrategy.AUTO only');
    expect(() => plan({ buildStrategy: BuildStrategy.AUTO, buildBudgetMinutes: 0 })).toThrow('buildBudgetMinutes is 0; it must be a positive number of billed minutes');
    expect(() => plan({ buildStrategy: 'fast' as any })).toThrow(/buildStrategy is "fast"/);
  });
});

describe('time limits follow the plan', () => {
  const ALL = Object.values(WheelPlatform).filter((p) => p !== WheelPlatform.MACOS_UNIVERSAL2);
  const MANY = { platforms: ALL, pythonVersions: ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.14t', 'pypy3.10', 'pypy3.11'] };

  test("verify outlasts its own worst case: every install attempt and every index request failing, with the whole retry schedule's waits", () => {
    const attempts = VERIFY_RETRY_SECONDS.length + 1;
    const waits = VERIFY_RETRY_SECONDS.reduce((a, b) => a + b, 0);
    const worstSeconds = attempts * VERIFY_INSTALL_ATTEMPT_SECONDS + waits + attempts * VERIFY_REQUEST_SECONDS + waits;
    expect(worstSeconds).toBeGreaterThan(20 * 60);
    expect(jobOf(plan(), 'verify')!.timeoutMinutes * 60).toBeGreaterThan(worstSeconds);
  });

  test('the GitHub Release gets a minute more for every file it uploads', () => {
    const seed = plan();
    const many = plan(MANY);
    expect(seed.expected).toHaveLength(16);
    expect(many.expected.length).toBeGreaterThan(80);
    expect(jobOf(seed, 'github-release')!.timeoutMinutes).toBe(10 + 16);
    expect(jobOf(many, 'github-release')!.timeoutMinutes).toBe(10 + many.expected.length);
    // Nothing attached: nothing uploaded.
    expect(jobOf(plan({ ...MANY, githubRelease: { attachDistributions: false } }), 'github-release')!.timeoutMinutes).toBe(10);
  });

  test('a time limit set in timeouts is kept as given', () => {
    const p = plan({ ...MANY, timeouts: { verify: 25, githubRelease: 15 } });
    expect([jobOf(p, 'verify')!.timeoutMinutes, jobOf(p, 'github-release')!.timeoutMinutes]).toEqual([25, 15]);
  });
});
