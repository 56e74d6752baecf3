import { OperatingSystem } from '../../core/estimate-report';
import { WheelPlatform } from '../options';


export { OperatingSystem };

/** Everything the plan needs to know about one wheel platform. */
export interface PlatformSpec {
  readonly id: WheelPlatform;
  /** Human name, used in job names and messages. */
  readonly title: string;
  readonly os: OperatingSystem;
  /** GitHub-hosted runner that builds natively for this platform. */
  readonly defaultRunner: string;
  /** maturin-action `target`. */
  readonly maturinTarget: string;
  /**
   * Linux builds run inside a manylinux/musllinux container, whose interpreters are
   * named `pythonX.Y`; macOS/Windows use interpreters installed by setup-python.
   */
  readonly linuxContainer?: 'manylinux' | 'musllinux';
  /** Regular expression (source) one of a wheel's platform tags must match. */
  readonly wheelPlatformTag: string;
  /** Human description of that tag, for messages. */
  readonly wheelPlatformLabel: string;
  /**
   * Whether a hosted runner can install and test the wheel: musllinux wheels
   * do not install on the glibc runners.
   */
  readonly testable: boolean;
}

const MANYLINUX = (arch: string) => `^manylinux(?:1|2010|2014|_\\d+_\\d+)_${arch}$`;

/** The supported platforms, in the order jobs are emitted. */
export const PLATFORMS: Readonly<Record<WheelPlatform, PlatformSpec>> = {
  [WheelPlatform.LINUX_X86_64]: {
    id: WheelPlatform.LINUX_X86_64,
    title: 'Linux x86_64',
    os: 'linux',
    defaultRunner: 'ubuntu-24.04',
    maturinTarget: 'x86_64',
    linuxContainer: 'manylinux',
    wheelPlatformTag: MANYLINUX('x86_64'),
    wheelPlatformLabel: 'manylinux x86_64',
    testable: true,
  },
  [WheelPlatform.LINUX_AARCH64]: {
    id: WheelPlatform.LINUX_AARCH64,
    title: 'Linux aarch64',
    os: 'linux',
    defaultRunner: 'ubuntu-24.04-arm',
    maturinTarget: 'aarch64',
    linuxContainer: 'manylinux',
    wheelPlatformTag: MANYLINUX('aarch64'),
    wheelPlatformLabel: 'manylinux aarch64',
    testable: true,
  },
  [WheelPlatform.MUSLLINUX_X86_64]: {
    id: WheelPlatform.MUSLLINUX_X86_64,
    title: 'musllinux x86_64',
    os: 'linux',
    defaultRunner: 'ubuntu-24.04',
    maturinTarget: 'x86_64',
    linuxContainer: 'musllinux',
    wheelPlatformTag: '^musllinux_\\d+_\\d+_x86_64$',
    wheelPlatformLabel: 'musllinux x86_64',
    testable: false,
  },
  [WheelPlatform.MUSLLINUX_AARCH64]: {
    id: WheelPlatform.MUSLLINUX_AARCH64,
    title: 'musllinux aarch64',
    os: 'linux',
    defaultRunner: 'ubuntu-24.04-arm',
    maturinTarget: 'aarch64',
    linuxContainer: 'musllinux',
    wheelPlatformTag: '^musllinux_\\d+_\\d+_aarch64$',
    wheelPlatformLabel: 'musllinux aarch64',
    testable: false,
  },
  [WheelPlatform.MACOS_ARM64]: {
    id: WheelPlatform.MACOS_ARM64,
    title: 'macOS arm64',
    os: 'macos',
    defaultRunner: 'macos-15',
    maturinTarget: 'aarch64',
    wheelPlatformTag: '^macosx_\\d+_\\d+_arm64$',
    wheelPlatformLabel: 'macOS arm64',
    testable: true,
  },
  [WheelPlatform.MACOS_X86_64]: {
    id: WheelPlatform.MACOS_X86_64,
    title: 'macOS x86_64',
    os: 'macos',
    defaultRunner: 'macos-15-intel',
    maturinTarget: 'x86_64',
    wheelPlatformTag: '^macosx_\\d+_\\d+_x86_64$',
    wheelPlatformLabel: 'macOS x86_64',
    testable: true,
  },
  [WheelPlatform.WINDOWS_X64]: {
    id: WheelPlatform.WINDOWS_X64,
    title: 'Windows x64',
    os: 'windows',
    defaultRunner: 'windows-2025',
    maturinTarget: 'x64',
    wheelPlatformTag: '^win_amd64$',
    wheelPlatformLabel: 'Windows amd64',
    testable: true,
  },
  [WheelPlatform.WINDOWS_ARM64]: {
    id: WheelPlatform.WINDOWS_ARM64,
    title: 'Windows arm64',
    os: 'windows',
    defaultRunner: 'windows-11-arm',
    maturinTarget: 'aarch64',
    wheelPlatformTag: '^win_arm64$',
    wheelPlatformLabel: 'Windows arm64',
    testable: true,
  },
};

export const ALL_PLATFORMS: readonly WheelPlatform[] = Object.keys(PLATFORMS) as WheelPlatform[];

export const DEFAULT_PLATFORMS: readonly WheelPlatform[] = [
  WheelPlatform.LINUX_X86_64,
  WheelPlatform.LINUX_AARCH64,
  WheelPlatform.MACOS_ARM64,
  WheelPlatform.MACOS_X86_64,
  WheelPlatform.WINDOWS_X64,
];

/** CPython versions maturin/PyO3 build for and setup-python provides on every runner. */
export const SUPPORTED_PYTHON_VERSIONS: readonly string[] = ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14'];

/** CPython's wheel tag for a version: "3.12" → "cp312". */
export const cpythonTag = (version: string) => `cp${version.replace('.', '')}`;

/** pyo3's stable-ABI feature for a minimum version: "3.11" → "abi3-py311". */
export const abi3Feature = (version: string) => `abi3-py${version.replace('.', '')}`;

export const DEFAULT_PYTHON_VERSIONS: readonly string[] = ['3.11', '3.12', '3.13'];

/** `manylinux` values maturin-action accepts for glibc wheels. */
export const MANYLINUX_VALUES: readonly string[] = ['auto', '2014', '2_17', '2_28', '2_34'];
