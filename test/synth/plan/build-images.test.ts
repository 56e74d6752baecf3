import { parse } from 'yaml';
import { MATURIN_ACTION } from '../../../src/core/facts/maturin-action';
import { resolveConfig } from '../../../src/synth/config';
import { MaturinReleaseOptions, WheelPlatform } from '../../../src/synth/options';
import { buildImage, levelsWithImage, runnerArch } from '../../../src/synth/plan/build-images';
import { PLATFORMS } from '../../../src/synth/plan/targets';
import { synthRelease } from '../../helpers/synth';

const resolve = (options: Partial<MaturinReleaseOptions>) => resolveConfig({ packageName: 'dioxide', ...options } as MaturinReleaseOptions);
/** The maturin-action steps of the release workflow, by job id. */
function maturinSteps(options: Partial<MaturinReleaseOptions>): Record<string, any> {
  const workflow = parse(synthRelease({ packageName: 'dioxide', ...options } as MaturinReleaseOptions).yaml);
  const steps: Record<string, any> = {};
  for (const [id, job] of Object.entries<any>(workflow.jobs)) {
    const step = job.steps.find((s: any) => String(s.uses).startsWith('PyO3/maturin-action@'));
    if (step) steps[id] = step;
  }
  return steps;
}

describe('build images come from maturin-action\'s container table at the pinned commit', () => {
  test('each target at its default level has an image on its default runner', () => {
    for (const platform of Object.values(PLATFORMS).filter((p) => p.linuxContainer)) {
      const level = platform.linuxContainer === 'musllinux' ? '1_2' : 'auto';
      expect([platform.id, buildImage(platform, level, runnerArch(platform.defaultRunner)!)]).toEqual([platform.id, expect.stringMatching(/./)]);
    }
  });
  test('the levels with an image: riscv64 only from 2_31, armv7 and the cross targets up to 2_28', () => {
    expect(levelsWithImage(PLATFORMS[WheelPlatform.LINUX_RISCV64], 'x64')).toEqual(['auto', '2_31']);
    expect(levelsWithImage(PLATFORMS[WheelPlatform.LINUX_ARMV7], 'x64')).toEqual(['auto', '2014', '2_17', '2_28']);
    expect(levelsWithImage(PLATFORMS[WheelPlatform.LINUX_X86_64], 'x64')).toEqual(['auto', '2014', '2_17', '2_28', '2_34']);
    expect(levelsWithImage(PLATFORMS[WheelPlatform.LINUX_X86_64], 'arm64')).toEqual(['auto', '2014', '2_17', '2_28']);
  });
});

describe('issue 18 item 1: a manylinux level with no image is refused at synthesis', () => {
  test.each([
    ['linux-armv7 at 2_34', { platforms: [WheelPlatform.LINUX_ARMV7], targets: { 'linux-armv7': { manylinux: '2_34' } } },
      'MaturinRelease: targets["linux-armv7"].manylinux is "2_34", but maturin-action v1.51.0 has no Linux armv7 build image for manylinux 2_34 on an x64 runner '
      + '(targets["linux-armv7"].runner is "ubuntu-24.04"), so it would build in another target\'s image or on the runner; '
      + 'set targets["linux-armv7"].manylinux to one of "auto", "2014", "2_17", "2_28", or set targets["linux-armv7"].container to an image of your own'],
    ['ppc64le at 2_34', { platforms: [WheelPlatform.LINUX_PPC64LE], manylinux: '2_34' }, /^MaturinRelease: manylinux is "2_34", but maturin-action v1.51.0 has no Linux ppc64le build image/],
    ['s390x at 2_34', { platforms: [WheelPlatform.LINUX_S390X], manylinux: '2_34' }, /no Linux s390x build image for manylinux 2_34/],
    ['riscv64 at 2_34', { platforms: [WheelPlatform.LINUX_RISCV64], manylinux: '2_34' }, /no Linux riscv64 build image for manylinux 2_34 .*one of "auto", "2_31"/],
    ['riscv64 at 2_28', { platforms: [WheelPlatform.LINUX_RISCV64], manylinux: '2_28' }, /no Linux riscv64 build image for manylinux 2_28/],
    ['x86_64 at 2_31', { manylinux: '2_31' }, /^MaturinRelease: manylinux is "2_31", but maturin-action v1.51.0 has no Linux x86_64 build image for manylinux 2_31/],
    ['aarch64 at 2_31', { platforms: [WheelPlatform.LINUX_AARCH64], manylinux: '2_31' },
      /no Linux aarch64 build image for manylinux 2_31 on an arm64 runner \(targets\["linux-aarch64"\].runner is "ubuntu-24.04-arm"\)/],
    ['x86_64 at 2_34 on an arm64 runner', { platforms: [WheelPlatform.LINUX_X86_64], targets: { 'linux-x86_64': { manylinux: '2_34', runner: 'ubuntu-24.04-arm' } } },
      /no Linux x86_64 build image for manylinux 2_34 on an arm64 runner/],
  ])('%s', (_, options, message) => {
    expect(() => resolve(options as Partial<MaturinReleaseOptions>)).toThrow(message);
  });
  test('an explicit container takes any level', () => {
    const config = resolve({ platforms: [WheelPlatform.LINUX_ARMV7], targets: { 'linux-armv7': { manylinux: '2_34', container: 'ghcr.io/acme/armv7-2_34:1' } } });
    expect(config.targets[0].level).toBe('2_34');
  });
  test('levels that have an image pass: riscv64 at 2_31, x86_64 at 2_34', () => {
    expect(resolve({ platforms: [WheelPlatform.LINUX_RISCV64], manylinux: '2_31' }).targets[0].level).toBe('2_31');
    expect(resolve({ platforms: [WheelPlatform.LINUX_X86_64], manylinux: '2_34' }).targets[0].level).toBe('2_34');
  });
  test('on a runner GitHub does not host, a level with an image on either architecture passes', () => {
    expect(resolve({ platforms: [WheelPlatform.LINUX_X86_64], manylinux: '2_34', targets: { 'linux-x86_64': { runner: 'acme-linux-box' } } }).targets[0].level).toBe('2_34');
    expect(() => resolve({ platforms: [WheelPlatform.LINUX_X86_64], manylinux: '2_31', targets: { 'linux-x86_64': { runner: 'acme-linux-box' } } }))
      .toThrow(/no Linux x86_64 build image for manylinux 2_31 on any runner/);
  });
});

describe('issue 18 item 2: a runner of another architecture', () => {
  test('linux-aarch64 on an x64 runner is tested in an arm64 container under QEMU, not with setup-python arm64', () => {
    const config = resolve({ platforms: [WheelPlatform.LINUX_AARCH64], targets: { 'linux-aarch64': { runner: 'ubuntu-24.04' } } });
    expect(config.targets[0].test).toEqual({ kind: 'container', libc: 'glibc', dockerPlatform: 'linux/arm64', emulated: true });
    const workflow = parse(synthRelease({ packageName: 'dioxide', platforms: [WheelPlatform.LINUX_AARCH64], targets: { 'linux-aarch64': { runner: 'ubuntu-24.04' } } }).yaml);
    const steps = workflow.jobs['test-linux-aarch64-3-12'].steps;
    expect(steps.map((s: any) => s.id)).toContain('qemu');
    expect(steps.some((s: any) => s.with?.architecture === 'arm64')).toBe(false);
    expect(JSON.stringify(steps)).toContain('--platform linux/arm64');
  });
  test('musllinux-aarch64 on an x64 runner gets QEMU; on its arm64 default it runs natively', () => {
    const on = (runner?: string) => resolve({ platforms: [WheelPlatform.MUSLLINUX_AARCH64], targets: { 'musllinux-aarch64': runner ? { runner } : {} } }).targets[0].test;
    expect(on('ubuntu-24.04')).toEqual({ kind: 'container', libc: 'musl', dockerPlatform: 'linux/arm64', emulated: true });
    expect(on()).toEqual({ kind: 'container', libc: 'musl', dockerPlatform: 'linux/arm64', emulated: false });
  });
  test('linux-x86_64 on an arm64 runner is tested in an amd64 container under QEMU', () => {
    expect(resolve({ platforms: [WheelPlatform.LINUX_X86_64], targets: { 'linux-x86_64': { runner: 'ubuntu-24.04-arm' } } }).targets[0].test)
      .toEqual({ kind: 'container', libc: 'glibc', dockerPlatform: 'linux/amd64', emulated: true });
  });
  test.each([
    ['macOS arm64 on an Intel runner', { platforms: [WheelPlatform.MACOS_ARM64], targets: { 'macos-arm64': { runner: 'macos-15-intel' } } },
      'MaturinRelease: targets["macos-arm64"].runner is "macos-15-intel", an x64 runner, but macOS arm64 wheels are built and tested with arm64 Python on their runner; '
      + 'set targets["macos-arm64"].runner to an arm64 runner such as "macos-15", or remove it'],
    ['Windows arm64 on an x64 runner', { platforms: [WheelPlatform.WINDOWS_ARM64], targets: { 'windows-arm64': { runner: 'windows-2025' } } },
      /targets\["windows-arm64"\].runner is "windows-2025", an x64 runner, but Windows arm64 wheels/],
    ['Windows x64 on an arm64 runner, set the old way', { platforms: [WheelPlatform.WINDOWS_X64], runners: { platforms: { 'windows-x64': 'windows-11-arm' } } },
      /runners.platforms\["windows-x64"\] is "windows-11-arm", an arm64 runner, but Windows x64 wheels .* such as "windows-2025"/],
  ])('%s is refused', (_, options, message) => {
    expect(() => resolve(options as Partial<MaturinReleaseOptions>)).toThrow(message);
  });
  test('a runner GitHub does not host is taken at its word', () => {
    expect(resolve({ platforms: [WheelPlatform.MACOS_ARM64], targets: { 'macos-arm64': { runner: 'acme-mac' } } }).targets[0].runner).toBe('acme-mac');
  });
});

describe('issue 18 item 4: the repository\'s Rust toolchain is not overridden', () => {
  test('without rustToolchain no maturin-action step gets rust-toolchain', () => {
    const steps = maturinSteps({});
    expect(Object.keys(steps).length).toBeGreaterThan(1);
    for (const step of Object.values(steps)) expect(step.with['rust-toolchain']).toBeUndefined();
  });
  test('with rustToolchain every maturin-action step gets it', () => {
    for (const step of Object.values(maturinSteps({ rustToolchain: '1.83.0' }))) expect(step.with['rust-toolchain']).toBe('1.83.0');
  });
});

describe('issue 18 item 5: targets.<t>.env reaches the Linux build container', () => {
  const env = { OPENSSL_DIR: '/usr/local/ssl', PROTOC: '/usr/bin/protoc', PKG_CONFIG_PATH: '/opt/lib/pkgconfig', RUSTFLAGS: '-C target-cpu=x86-64-v2' };
  test('names maturin-action does not forward are passed with docker-options -e NAME; forwarded ones are left alone', () => {
    const steps = maturinSteps({ platforms: [WheelPlatform.LINUX_X86_64], targets: { 'linux-x86_64': { env, dockerOptions: '--network host' } } });
    const build = steps['build-linux-x86_64'];
    expect(build.env).toEqual(env);
    expect(build.with['docker-options']).toBe('--network host -e OPENSSL_DIR -e PROTOC -e PKG_CONFIG_PATH');
  });
  test('macOS and Windows builds run on the runner: no docker-options', () => {
    const steps = maturinSteps({ platforms: [WheelPlatform.MACOS_ARM64], targets: { 'macos-arm64': { env: { OPENSSL_DIR: '/opt/homebrew/opt/openssl' } } } });
    expect(steps['build-macos-arm64'].with['docker-options']).toBeUndefined();
  });
  test('CARGO_HOME, which the action keeps out of the container, is refused for a Linux target', () => {
    expect(() => resolve({ platforms: [WheelPlatform.LINUX_X86_64], targets: { 'linux-x86_64': { env: { CARGO_HOME: '/cargo' } } } }))
      .toThrow('MaturinRelease: targets["linux-x86_64"].env sets "CARGO_HOME", which maturin-action never passes into its Linux build container (the container keeps its own); remove it');
  });
  test('the forwarded prefixes are the action\'s own', () => {
    expect(MATURIN_ACTION.dockerEnvPrefixes).toEqual(expect.arrayContaining(['CARGO_', 'RUST', 'PYO3_', 'MATURIN_', 'CC']));
    expect(MATURIN_ACTION.dockerEnvForbidden).toEqual(['CARGO_HOME']);
  });
});
