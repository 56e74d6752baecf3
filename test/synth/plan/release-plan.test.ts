import { resolveConfig } from '../../../src/synth/config';
import { MaturinReleaseOptions, WheelPlatform } from '../../../src/synth/options';
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
    expect(jobsOf(p, 'test').map((t) => [t.id, t.platform.test])).toEqual([
      ['test-linux-x86_64', { kind: 'native' }],
      ['test-musllinux-x86_64', { kind: 'container', libc: 'musl', dockerPlatform: 'linux/amd64', emulated: false }],
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
