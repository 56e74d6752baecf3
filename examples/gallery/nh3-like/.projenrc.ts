// Shaped like nh3: one abi3 wheel per target for CPython 3.8 and later (built with
// the lowest configured CPython; 3.8 itself is only the tag's floor), plus a
// free-threaded 3.14t wheel beside it, since abi3 does not cover free-threaded
// Python. macOS ships one universal2 wheel.
import { Project } from 'projen';
import { ProjenrcTs } from 'projen/lib/typescript';
import { MaturinRelease, WheelPlatform } from 'projen-maturin';

const project = new Project({ name: 'nh3' });
// `npx projen` runs this file again after a change.
new ProjenrcTs(project);

new MaturinRelease(project, {
  packageName: 'nh3',
  githubRepository: 'messense/nh3',
  abi3: true,
  abi3MinimumPython: '3.8',
  pythonVersions: ['3.9', '3.14t'],
  testPythonVersions: ['3.9', '3.13', '3.14t'],
  platforms: [
    WheelPlatform.LINUX_X86_64,
    WheelPlatform.LINUX_AARCH64,
    WheelPlatform.LINUX_ARMV7,
    WheelPlatform.MUSLLINUX_X86_64,
    WheelPlatform.MUSLLINUX_AARCH64,
    WheelPlatform.MACOS_UNIVERSAL2,
    WheelPlatform.WINDOWS_X64,
    WheelPlatform.WINDOWS_ARM64,
  ],
  targets: {
    // setup-python has no Windows arm64 CPython before 3.11: build the abi3 wheel there with 3.11.
    'windows-arm64': { pythonVersions: ['3.11', '3.14t'], testPythonVersions: ['3.11', '3.14t'] },
  },
});

project.synth();
