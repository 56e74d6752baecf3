import { OperatingSystem } from '../../core/estimate-report';
import { Interpreter, whyNotBuildable } from '../../core/interpreters';
import { WheelPlatform } from '../options';

export type { OperatingSystem };

/**
 * How a target's wheels are tested: on the runner with setup-python, in a
 * container of the official `python` images (natively or under QEMU), or not.
 */
export type TestMode =
  | { readonly kind: 'native' }
  | {
    readonly kind: 'container';
    readonly libc: 'glibc' | 'musl';
    /** `docker run --platform` */
    readonly dockerPlatform: string;
    /** Runs under QEMU (slow); otherwise the runner's CPU runs it. */
    readonly emulated: boolean;
  };

/** Everything the plan needs to know about one wheel target. */
export interface PlatformSpec {
  readonly id: WheelPlatform;
  /** Human name, used in job names and messages. */
  readonly title: string;
  readonly os: OperatingSystem;
  /** GitHub-hosted runner that builds (and tests) this target. */
  readonly defaultRunner: string;
  /** maturin-action `target`. */
  readonly maturinTarget: string;
  /**
   * Linux builds run inside a manylinux/musllinux build container (maturin-action picks
   * the image), whose interpreters are named `python3.X`; macOS/Windows builds use
   * interpreters installed by setup-python.
   */
  readonly linuxContainer?: 'manylinux' | 'musllinux';
  /** Built on another architecture than the wheel's (in a cross-compiling image). */
  readonly crossCompiled: boolean;
  /** The architecture in the wheel's platform tag. */
  readonly wheelArch: string;
  /** Human description of the wheel's platform, for messages. */
  readonly wheelPlatformLabel: string;
  /** setup-python's `architecture` on this target's runner (macOS/Windows). */
  readonly pythonArchitecture?: 'x64' | 'x86' | 'arm64';
  readonly test: TestMode;
  /** What the tests cover when it is less than the whole wheel. */
  readonly testNote?: string;
  /** Why an interpreter cannot be built here, or undefined when it can. */
  readonly unsupported: (interpreter: Interpreter) => string | undefined;
}

// What each target can build: maturin's bundled configurations, setup-python's builds, the interpreters' own releases.
const buildable = (spec: Omit<PlatformSpec, 'unsupported'>): PlatformSpec => ({ ...spec, unsupported: (i) => whyNotBuildable(i, spec) });
const native: TestMode = { kind: 'native' };
const container = (libc: 'glibc' | 'musl', dockerPlatform: string, emulated: boolean): TestMode => ({ kind: 'container', libc, dockerPlatform, emulated });

function manylinux(id: WheelPlatform, arch: string, maturinTarget: string, runner: string, crossCompiled: boolean, test: TestMode,
  title = `Linux ${arch}`): PlatformSpec {
  return buildable({
    id,
    title,
    os: 'linux',
    defaultRunner: runner,
    maturinTarget,
    linuxContainer: 'manylinux',
    crossCompiled,
    wheelArch: arch,
    wheelPlatformLabel: `manylinux ${arch}`,
    test,
  });
}

function musllinux(id: WheelPlatform, arch: string, maturinTarget: string, runner: string, test: TestMode): PlatformSpec {
  return buildable({
    // maturin-action builds every musl target in a cross-compiling image (rust-musl-cross).
    id,
    title: `musllinux ${arch}`,
    os: 'linux',
    defaultRunner: runner,
    maturinTarget,
    linuxContainer: 'musllinux',
    crossCompiled: true,
    wheelArch: arch,
    wheelPlatformLabel: `musllinux ${arch}`,
    test,
  });
}

/** The supported targets, in the order jobs are emitted. Sources: maturin-action v1.51.0 `DEFAULT_CONTAINERS`, maturin generate-ci. */
export const PLATFORMS: Readonly<Record<WheelPlatform, PlatformSpec>> = {
  [WheelPlatform.LINUX_X86_64]: manylinux(WheelPlatform.LINUX_X86_64, 'x86_64', 'x86_64', 'ubuntu-24.04', false, native),
  [WheelPlatform.LINUX_AARCH64]: manylinux(WheelPlatform.LINUX_AARCH64, 'aarch64', 'aarch64', 'ubuntu-24.04-arm', false, native),
  [WheelPlatform.LINUX_I686]: manylinux(WheelPlatform.LINUX_I686, 'i686', 'i686', 'ubuntu-24.04', false,
    container('glibc', 'linux/386', false)),
  [WheelPlatform.LINUX_ARMV7]: manylinux(WheelPlatform.LINUX_ARMV7, 'armv7l', 'armv7', 'ubuntu-24.04', true,
    container('glibc', 'linux/arm/v7', true), 'Linux armv7'),
  [WheelPlatform.LINUX_PPC64LE]: manylinux(WheelPlatform.LINUX_PPC64LE, 'ppc64le', 'ppc64le', 'ubuntu-24.04', true,
    container('glibc', 'linux/ppc64le', true)),
  [WheelPlatform.LINUX_S390X]: manylinux(WheelPlatform.LINUX_S390X, 's390x', 's390x', 'ubuntu-24.04', true,
    container('glibc', 'linux/s390x', true)),
  [WheelPlatform.LINUX_RISCV64]: manylinux(WheelPlatform.LINUX_RISCV64, 'riscv64', 'riscv64', 'ubuntu-24.04', true,
    container('glibc', 'linux/riscv64', true)),
  [WheelPlatform.MUSLLINUX_X86_64]: musllinux(WheelPlatform.MUSLLINUX_X86_64, 'x86_64', 'x86_64', 'ubuntu-24.04', container('musl', 'linux/amd64', false)),
  [WheelPlatform.MUSLLINUX_AARCH64]: musllinux(WheelPlatform.MUSLLINUX_AARCH64, 'aarch64', 'aarch64', 'ubuntu-24.04-arm', container('musl', 'linux/arm64', false)),
  [WheelPlatform.MUSLLINUX_I686]: musllinux(WheelPlatform.MUSLLINUX_I686, 'i686', 'i686', 'ubuntu-24.04', container('musl', 'linux/386', false)),
  [WheelPlatform.MUSLLINUX_ARMV7]: musllinux(WheelPlatform.MUSLLINUX_ARMV7, 'armv7l', 'armv7', 'ubuntu-24.04', container('musl', 'linux/arm/v7', true)),
  [WheelPlatform.MACOS_ARM64]: buildable({
    id: WheelPlatform.MACOS_ARM64,
    title: 'macOS arm64',
    os: 'macos',
    defaultRunner: 'macos-15',
    maturinTarget: 'aarch64',
    crossCompiled: false,
    wheelArch: 'arm64',
    wheelPlatformLabel: 'macOS arm64',
    pythonArchitecture: 'arm64',
    test: native,
  }),
  [WheelPlatform.MACOS_X86_64]: buildable({
    id: WheelPlatform.MACOS_X86_64,
    title: 'macOS x86_64',
    os: 'macos',
    defaultRunner: 'macos-15-intel',
    maturinTarget: 'x86_64',
    crossCompiled: false,
    wheelArch: 'x86_64',
    wheelPlatformLabel: 'macOS x86_64',
    pythonArchitecture: 'x64',
    test: native,
  }),
  [WheelPlatform.MACOS_UNIVERSAL2]: buildable({
    id: WheelPlatform.MACOS_UNIVERSAL2,
    title: 'macOS universal2',
    os: 'macos',
    defaultRunner: 'macos-15',
    maturinTarget: 'universal2',
    crossCompiled: true,
    wheelArch: 'universal2',
    wheelPlatformLabel: 'macOS universal2',
    pythonArchitecture: 'arm64',
    test: native,
    testNote: 'tested on Apple silicon: the x86_64 half is built but not run',
  }),
  [WheelPlatform.WINDOWS_X64]: buildable({
    id: WheelPlatform.WINDOWS_X64,
    title: 'Windows x64',
    os: 'windows',
    defaultRunner: 'windows-2025',
    maturinTarget: 'x64',
    crossCompiled: false,
    wheelArch: 'amd64',
    wheelPlatformLabel: 'Windows amd64',
    pythonArchitecture: 'x64',
    test: native,
  }),
  [WheelPlatform.WINDOWS_X86]: buildable({
    id: WheelPlatform.WINDOWS_X86,
    title: 'Windows x86',
    os: 'windows',
    defaultRunner: 'windows-2025',
    maturinTarget: 'x86',
    crossCompiled: false,
    wheelArch: 'win32',
    wheelPlatformLabel: 'Windows 32-bit',
    pythonArchitecture: 'x86',
    test: native,
  }),
  [WheelPlatform.WINDOWS_ARM64]: buildable({
    id: WheelPlatform.WINDOWS_ARM64,
    title: 'Windows arm64',
    os: 'windows',
    defaultRunner: 'windows-11-arm',
    maturinTarget: 'aarch64',
    crossCompiled: false,
    wheelArch: 'arm64',
    wheelPlatformLabel: 'Windows arm64',
    pythonArchitecture: 'arm64',
    test: native,
  }),
};

export const ALL_PLATFORMS: readonly WheelPlatform[] = Object.keys(PLATFORMS) as WheelPlatform[];

export { MANYLINUX_VALUES, MUSLLINUX_VALUES } from '../../core/linux-levels';

/**
 * Regular expression (source) one of a wheel's platform tags must match, for a
 * target at a manylinux/musllinux level ("auto" allows any level).
 */
export function platformTagPattern(platform: PlatformSpec, level: string): string {
  const arch = platform.wheelArch;
  if (platform.linuxContainer === 'musllinux') return `^musllinux_${level}_${arch}$`;
  if (platform.linuxContainer === 'manylinux') {
    if (level === 'auto') return `^manylinux(?:1|2010|2014|_\\d+_\\d+)_${arch}$`;
    if (level === '2014' || level === '2_17') return `^manylinux(?:2014|_2_17)_${arch}$`;
    return `^manylinux_${level}_${arch}$`;
  }
  if (platform.os === 'macos') return `^macosx_\\d+_\\d+_${arch}$`;
  return arch === 'win32' ? '^win32$' : `^win_${arch}$`;
}
