// Shaped like pydantic-core: a PyO3 extension with wheels for CPython 3.10-3.14,
// free-threaded 3.14t, PyPy and GraalPy, on every Linux architecture (glibc and
// musl), macOS and Windows (x64, x86, arm64). Each target builds what maturin can build
// there: PyPy on every Linux target and Windows x64, GraalPy on Linux x86_64/aarch64 and
// macOS (GraalPy 25.0 on Apple silicon only).
import { Project } from 'projen';
import { ProjenrcTs } from 'projen/lib/typescript';
import { MaturinRelease, WheelPlatform } from 'projen-maturin';

const project = new Project({ name: 'pydantic-core' });
// `npx projen` runs this file again after a change.
new ProjenrcTs(project);

new MaturinRelease(project, {
  packageName: 'pydantic-core',
  moduleName: 'pydantic_core',
  githubRepository: 'pydantic/pydantic-core',
  pythonVersions: ['3.10', '3.11', '3.12', '3.13', '3.14', '3.14t', 'pypy3.11', 'graalpy3.11', 'graalpy3.12'],
  platforms: [
    WheelPlatform.LINUX_X86_64,
    WheelPlatform.LINUX_AARCH64,
    WheelPlatform.LINUX_I686,
    WheelPlatform.LINUX_ARMV7,
    WheelPlatform.LINUX_PPC64LE,
    WheelPlatform.LINUX_S390X,
    WheelPlatform.MUSLLINUX_X86_64,
    WheelPlatform.MUSLLINUX_AARCH64,
    WheelPlatform.MACOS_ARM64,
    WheelPlatform.MACOS_X86_64,
    WheelPlatform.WINDOWS_X64,
    WheelPlatform.WINDOWS_X86,
    WheelPlatform.WINDOWS_ARM64,
  ],
  maturinArgs: ['--locked'],
  testRequirements: ['pytest', 'hypothesis'],
  targets: {
    // Emulated tests of every interpreter would take long: test the newest two there.
    'linux-ppc64le': { testPythonVersions: ['3.13', '3.14'] },
    'linux-s390x': { testPythonVersions: ['3.13', '3.14'] },
  },
});

project.synth();
