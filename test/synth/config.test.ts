import { resolveConfig } from '../../src/synth/config';
import { MaturinReleaseOptions, PublishingMode, VersionSource, WheelPlatform } from '../../src/synth/options';

const base: MaturinReleaseOptions = { packageName: 'dioxide' };
const resolve = (extra: Partial<MaturinReleaseOptions>) => resolveConfig({ ...base, ...extra } as MaturinReleaseOptions);

describe('defaults follow the seed design', () => {
  const config = resolveConfig(base);
  test('Python 3.11-3.13, five platforms, sdist, v*.*.*, pytest', () => {
    expect(config.pythonVersions).toEqual(['3.11', '3.12', '3.13']);
    expect(config.platforms).toEqual(['linux-x86_64', 'linux-aarch64', 'macos-arm64', 'macos-x86_64', 'windows-x64']);
    expect(config.sdist).toBe(true);
    expect(config.tag).toEqual({ pattern: 'v*.*.*', prefix: 'v', versionGlob: '*.*.*' });
    expect(config.testCommand).toBe('pytest tests/ -v');
    expect(config.testRequirements).toEqual(['pytest']);
    expect(config.testPythonVersions).toEqual(['3.11', '3.12', '3.13']);
    expect(config.moduleName).toBe('dioxide');
    expect(config.abi3MinimumPython).toBeUndefined();
  });
  test('trusted publishing, pre-releases to TestPyPI, seed secret names for token mode', () => {
    expect(config.publishing).toMatchObject({
      mode: 'trusted',
      testPypi: true,
      pypiEnvironment: 'pypi',
      testPypiEnvironment: 'testpypi',
      pypiTokenSecret: 'PYPI_TOKEN',
      testPypiTokenSecret: 'TEST_PYPI_TOKEN',
      attestations: true,
      verifyInstall: true,
    });
  });
  test('abi3 targets the lowest configured Python', () => {
    expect(resolve({ abi3: true, pythonVersions: ['3.13', '3.10'] }).abi3MinimumPython).toBe('3.10');
  });
  test('versions and platforms are put in a stable order', () => {
    const config2 = resolve({ pythonVersions: ['3.13', '3.11'], platforms: [WheelPlatform.WINDOWS_X64, WheelPlatform.LINUX_X86_64] });
    expect(config2.pythonVersions).toEqual(['3.11', '3.13']);
    expect(config2.platforms).toEqual(['linux-x86_64', 'windows-x64']);
  });
  test('module name derives from the package name', () => {
    expect(resolve({ packageName: 'my-pkg.core' }).moduleName).toBe('my_pkg_core');
  });
});

describe('each bad option gets one error naming the option, the value and what is allowed', () => {
  test.each<[string, Partial<MaturinReleaseOptions> | Record<string, unknown>, RegExp]>([
    ['missing packageName', { packageName: undefined }, /packageName is required/],
    ['invalid packageName', { packageName: 'bad name!' }, /packageName is "bad name!"; it must be a valid PyPI project name/],
    ['invalid moduleName', { moduleName: '2fast' }, /moduleName is "2fast"; it must be a Python import name/],
    ['unsupported Python version', { pythonVersions: ['3.7'] }, /pythonVersions contains unsupported Python version "3.7"; allowed values: "3.9", "3.10", "3.11", "3.12", "3.13", "3.14"/],
    ['Python version as a number-like typo', { pythonVersions: ['3.1'] }, /unsupported Python version "3.1"/],
    ['empty Python versions', { pythonVersions: [] }, /pythonVersions is \[\]; it needs at least one of "3.9"/],
    ['duplicate Python version', { pythonVersions: ['3.12', '3.12'] }, /pythonVersions lists Python "3.12" twice/],
    ['empty platform list', { platforms: [] }, /platforms is \[\]; it needs at least one of "linux-x86_64"/],
    ['unknown platform', { platforms: ['linux-riscv64'] }, /platforms contains unknown platform "linux-riscv64"; allowed values: "linux-x86_64", "linux-aarch64"/],
    ['duplicate platform', { platforms: [WheelPlatform.MACOS_ARM64, WheelPlatform.MACOS_ARM64] }, /platforms lists "macos-arm64" twice/],
    ['Windows arm64 with old Python', { platforms: [WheelPlatform.WINDOWS_ARM64], pythonVersions: ['3.10', '3.11'] }, /windows-arm64.*no CPython 3.10.*3.11 or newer/],
    ['Windows arm64 with an old abi3 minimum', { platforms: [WheelPlatform.WINDOWS_ARM64], pythonVersions: ['3.11'], abi3: true, abi3MinimumPython: '3.9' }, /windows-arm64", which has no CPython 3.9/],
    ['tag pattern without a version part', { tagPattern: 'release' }, /tagPattern "release" has no version part: it must be a literal prefix followed by one of "\*\.\*\.\*", "\*\.\*", "\*"/],
    ['tag pattern with glob in the prefix', { tagPattern: 'v?*.*.*' }, /tagPattern "v\?\*\.\*\.\*" has no version part/],
    ['empty tag pattern', { tagPattern: '' }, /tagPattern must be .*; got an empty value/],
    ['abi3MinimumPython without abi3', { abi3MinimumPython: '3.11' }, /abi3MinimumPython is "3.11" but abi3 is not enabled/],
    ['abi3 minimum above the configured versions', { abi3: true, abi3MinimumPython: '3.12', pythonVersions: ['3.11', '3.12'] }, /abi3MinimumPython is "3.12", but pythonVersions includes "3.11".*allowed values: 3.11 or lower/],
    ['abi3 minimum unsupported', { abi3: true, abi3MinimumPython: '2.7' }, /abi3MinimumPython contains unsupported Python version "2.7"/],
    ['abi3 not a boolean', { abi3: 'yes' }, /abi3 is "yes"; allowed values: true, false/],
    ['unknown publishing mode', { publishing: { mode: 'password' } }, /publishing.mode is "password"; allowed values: "trusted", "token"/],
    ['token secret with trusted publishing', { publishing: { pypiTokenSecret: 'X' } }, /publishing.pypiTokenSecret\/testPypiTokenSecret are set, but publishing.mode is "trusted"/],
    ['invalid secret name', { publishing: { mode: PublishingMode.TOKEN, pypiTokenSecret: 'GITHUB_TOKEN' } }, /publishing.pypiTokenSecret is "GITHUB_TOKEN"; it must be a GitHub secret name/],
    ['same environment for both indexes', { publishing: { pypiEnvironment: 'release', testPypiEnvironment: 'release' } }, /testPypiEnvironment is "release", the same as publishing.pypiEnvironment/],
    ['invalid environment name', { publishing: { pypiEnvironment: 'py pi' } }, /publishing.pypiEnvironment is "py pi"; it must be a GitHub environment name/],
    ['unknown manylinux', { manylinux: '2_5' }, /manylinux is "2_5"; allowed values: "auto", "2014", "2_17", "2_28", "2_34"/],
    ['unknown version source', { versionSource: 'setup.py' }, /versionSource is "setup.py"; allowed values: "cargo", "pyproject"/],
    ['test version without a wheel', { pythonVersions: ['3.11', '3.12'], testPythonVersions: ['3.13'] }, /testPythonVersions contains "3.13", for which no wheel is built; allowed values: "3.11", "3.12"/],
    ['abi3 test version below the minimum', { abi3: true, pythonVersions: ['3.12'], testPythonVersions: ['3.11'] }, /testPythonVersions contains "3.11", for which no wheel is built; allowed values: "3.12", "3.13", "3.14"/],
    ['empty test command', { testCommand: '  ' }, /testCommand is "  "; it must be a non-empty shell command/],
    ['expression in the test command', { testCommand: 'pytest -k "${{ github.head_ref }}"' }, /testCommand is .*; it must not contain \$\{\{ … \}\}: GitHub would paste the value into the script/],
    ['pip options as test requirements', { testRequirements: ['--index-url=http://evil'] }, /testRequirements is .*; it must be a list of requirement specifiers/],
    ['timeout out of range', { timeouts: { test: 0 } }, /timeouts.test is 0; allowed values: a whole number of minutes from 1 to 360/],
    ['fractional timeout', { timeouts: { wheelBuild: 1.5 } }, /timeouts.wheelBuild is 1.5/],
    ['unknown runner key', { runners: { platforms: { 'linux-arm': 'ubuntu-24.04-arm' } } }, /runners.platforms has unknown platform key "linux-arm"; allowed keys: "linux-x86_64"/],
    ['invalid runner label', { runners: { utility: 'ubuntu latest' } }, /runners.utility is "ubuntu latest"; it must be a runner label/],
    ['workflow name with a path', { workflowName: '../release' }, /workflowName is "..\/release"; it must be a file name without extension/],
    ['changelog outside the repository', { changelogFile: '../CHANGELOG.md' }, /changelogFile is "..\/CHANGELOG.md"; it must be a path inside the repository/],
    ['unknown action pinning', { actionPinning: 'branch' }, /actionPinning is "branch"; allowed values: "sha", "tag"/],
    ['flag not a boolean', { sdist: 'no' }, /sdist is "no"; allowed values: true, false/],
    ['unknown version source value case', { versionSource: 'Cargo' as VersionSource }, /versionSource is "Cargo"/],
  ])('%s', (_, extra, message) => {
    expect(() => resolve(extra as Partial<MaturinReleaseOptions>)).toThrow(message);
    expect(() => resolve(extra as Partial<MaturinReleaseOptions>)).toThrow(/^MaturinRelease: /);
  });
});
