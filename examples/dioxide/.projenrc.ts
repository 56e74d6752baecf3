// dioxide's release: Python 3.11-3.13 on Linux, macOS and Windows, tests before
// publishing, pre-releases to TestPyPI, stable releases to PyPI, a GitHub Release
// from CHANGELOG.md.
import { Project } from 'projen';
import { ProjenrcTs } from 'projen/lib/typescript';
import { MaturinRelease, WheelPlatform } from 'projen-maturin';

const project = new Project({ name: 'dioxide' });
// `npx projen` runs this file again after a change.
new ProjenrcTs(project);

new MaturinRelease(project, {
  packageName: 'dioxide',
  githubRepository: 'mikelane/dioxide',
  pythonVersions: ['3.11', '3.12', '3.13'],
  platforms: [
    WheelPlatform.LINUX_X86_64,
    WheelPlatform.LINUX_AARCH64,
    WheelPlatform.MACOS_ARM64,
    WheelPlatform.MACOS_X86_64,
    WheelPlatform.WINDOWS_X64,
  ],
  tagPattern: 'v*.*.*',
  testCommand: 'pytest tests/ -v',
  testRequirements: ['pytest', 'pytest-cov'],
});

project.synth();
