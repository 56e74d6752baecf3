import { ActionPinning, BuildStrategy, PublishingMode, ReleaseTrigger, TestInstaller, VersionSource, WheelPlatform } from './options';
import { PYPI_DEFAULT_MAX_FILE_SIZE_MB } from '../core/contract';

/**
 * Every option default, declared once: validation applies them and a test compares
 * each with the `@default` the option's documentation states.
 */
export const DEFAULTS = {
  pythonVersions: ['3.11', '3.12', '3.13'],
  allowPythonPrereleases: false,
  abi3: false,
  platforms: [
    WheelPlatform.LINUX_X86_64,
    WheelPlatform.LINUX_AARCH64,
    WheelPlatform.MACOS_ARM64,
    WheelPlatform.MACOS_X86_64,
    WheelPlatform.WINDOWS_X64,
  ],
  manylinux: 'auto',
  musllinux: '1_2',
  targets: {},
  maturinVersion: '1.15.0',
  maturinArgs: [],
  sdist: true,
  tagPattern: 'v*.*.*',
  versionSource: VersionSource.CARGO,
  sharedTag: false,
  otherBuildBackend: false,
  testCommand: 'pytest tests/ -v',
  testRequirements: ['pytest'],
  runTests: true,
  testExtras: [],
  testDependencyGroups: [],
  testInstaller: TestInstaller.PIP,
  testSources: ['tests'],
  testConfigFiles: ['pyproject.toml', 'pytest.ini', 'setup.cfg', 'tox.ini', 'conftest.py'],
  publishing: {
    mode: PublishingMode.TRUSTED,
    testPypi: true,
    environments: true,
    pypiEnvironment: 'pypi',
    testPypiEnvironment: 'testpypi',
    pypiTokenSecret: 'PYPI_TOKEN',
    testPypiTokenSecret: 'TEST_PYPI_TOKEN',
    attestations: true,
    verifyInstall: true,
    maxFileSizeMb: PYPI_DEFAULT_MAX_FILE_SIZE_MB,
  },
  githubRelease: {
    enabled: true,
    attachDistributions: true,
    draft: false,
  },
  runners: {
    utility: 'ubuntu-24.04',
  },
  timeouts: {
    plan: 10,
    wheelBuild: 45,
    check: 10,
    test: 30,
    publish: 15,
  },
  workflowName: 'release',
  changelogFile: 'CHANGELOG.md',
  requireChangelogSection: false,
  packageDirectory: '.',
  releaseTrigger: ReleaseTrigger.TAG,
  actionPinning: ActionPinning.SHA,
  checklistFile: 'RELEASING.md',
  buildStrategy: BuildStrategy.PER_PLATFORM,
  target: {
    test: true,
    maturinArgs: [],
    env: {},
  },
} as const;

/** Defaults of the options only `MaturinProject` has. */
export const PROJECT_DEFAULTS = {
  initialVersion: '0.1.0',
  description: 'A Rust extension for Python, built with maturin.',
  license: 'MIT',
  projenrcTs: false,
  pullRequestWorkflow: true,
} as const;
