import { resolveConfig } from '../../src/synth/config';
import { Bindings, MaturinReleaseOptions, PublishingMode, ReleaseNotes, ReleaseTrigger, VersionSource, WheelPlatform } from '../../src/synth/options';

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
      maxFileSizeMb: 100,
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
    ['unsupported Python version', { pythonVersions: ['3.7'] }, /pythonVersions\[0\] is "3.7": CPython 3.7 reached its end of life on 2023-06-27; the oldest CPython this product builds is 3.8; allowed values: "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15", "3.14t"/],
    ['Python version as a number-like typo', { pythonVersions: ['3.1'] }, /pythonVersions\[0\] is "3.1": older than 3.8, the oldest CPython this product builds/],
    ['Python version as a JSON number', { pythonVersions: [3.1] }, /pythonVersions\[0\] is 3.1 \(a number\); it must be a string; write it as a string in quotes \(a JSON number loses digits: 3.10 is 3.1\)/],
    ['free-threaded 3.13', { pythonVersions: ['3.13t'] }, /pythonVersions\[0\] is "3.13t": free-threaded wheels are built for 3.14t and later/],
    ['pre-release Python without the opt-in', { pythonVersions: ['3.14', '3.15'] }, /pythonVersions\[1\] is "3.15", a CPython pre-release; set allowPythonPrereleases: true/],
    ['PyPy on targets without PyPy', { platforms: [WheelPlatform.WINDOWS_X86, WheelPlatform.WINDOWS_ARM64], pythonVersions: ['3.12', 'pypy3.11'] },
      /pythonVersions includes "pypy3.11", which none of the platforms can build \(Windows x86: maturin builds PyPy wheels for Windows amd64 only; Windows arm64: maturin builds PyPy wheels for Windows amd64 only\)/],
    ['an interpreter a target cannot build, set for that target', { platforms: [WheelPlatform.WINDOWS_X86], targets: { 'windows-x86': { pythonVersions: ['pypy3.11'] } } },
      /targets\["windows-x86"\].pythonVersions includes "pypy3.11", which Windows x86 cannot build: maturin builds PyPy wheels for Windows amd64 only/],
    ['abi3 with cffi bindings', { abi3: true, bindings: Bindings.CFFI }, /abi3 is enabled, but bindings is "cffi"/],
    ['abi3 without a CPython to build with', { abi3: true, pythonVersions: ['3.14t'] }, /abi3 is enabled, but pythonVersions has no CPython version to build the abi3 wheel with/],
    ['riscv64 below glibc 2.31', { platforms: [WheelPlatform.LINUX_RISCV64], manylinux: '2_28' }, /manylinux is "2_28", but maturin-action v1.51.0 has no Linux riscv64 build image for manylinux 2_28/],
    ['musllinux level on a glibc target', { targets: { 'linux-x86_64': { manylinux: '1_2' } } }, /targets\["linux-x86_64"\].manylinux is "1_2"; allowed values: "auto", "2014"/],
    ['settings for a target not built', { targets: { 'windows-x86': { test: false } } }, /targets has settings for "windows-x86", which platforms does not include/],
    ['a Linux setting on macOS', { targets: { 'macos-arm64': { beforeScriptLinux: 'yum install -y x' } } }, /targets\["macos-arm64"\].beforeScriptLinux is set, but macos-arm64 is not a Linux target/],
    ['an argument the workflow sets', { maturinArgs: ['--target', 'x86_64'] }, /maturinArgs\[0\] is "--target", which the workflow sets itself for each target/],
    ['an expression in a build argument', { targets: { 'linux-x86_64': { maturinArgs: ['--features=${{ github.head_ref }}'] } } }, /targets\["linux-x86_64"\].maturinArgs\[0\] is .*; it must not contain \$\{\{ … \}\}/],
    ['an expression in a build variable', { targets: { 'linux-x86_64': { env: { RUSTFLAGS: '${{ secrets.X }}' } } } }, /targets\["linux-x86_64"\].env.RUSTFLAGS is .*; it must not contain \$\{\{ … \}\}/],
    ['an unknown option, with a suggestion', { pythonVersion: ['3.12'] }, /pythonVersion is not an option; did you mean "pythonVersions"\?/],
    ['an unknown option in another case', { pythonversions: ['3.12'] }, /pythonversions is not an option; did you mean "pythonVersions"\?/],
    ['an unknown nested option', { publishing: { testpypi: false } }, /publishing.testpypi is not an option; did you mean "testPypi"\?/],
    ['an object option given a number', { timeouts: 5 }, /timeouts is 5; it must be an object \(TimeoutOptions\)/],
    ['an object option given a boolean', { githubRelease: false }, /githubRelease is false; it must be an object \(GitHubReleaseOptions\)/],
    ['an enum option given a string that is no value', { publishing: { mode: 'token ' } }, /publishing.mode is "token "; allowed values: "trusted", "token"/],
    ['empty Python versions', { pythonVersions: [] }, /pythonVersions is \[\]; it needs at least one of "3.8", "3.9"/],
    ['duplicate Python version', { pythonVersions: ['3.12', '3.12'] }, /pythonVersions lists "3.12" twice; each interpreter may appear once/],
    ['empty platform list', { platforms: [] }, /platforms is \[\]; it needs at least one of "linux-x86_64"/],
    ['unknown platform', { platforms: ['linux-mips64'] }, /platforms\[0\] is "linux-mips64"; allowed values: "linux-x86_64", "linux-aarch64", "linux-i686"/],
    ['duplicate platform', { platforms: [WheelPlatform.MACOS_ARM64, WheelPlatform.MACOS_ARM64] }, /platforms lists "macos-arm64" twice/],
    ['Windows arm64 alone with old Python', { platforms: [WheelPlatform.WINDOWS_ARM64], pythonVersions: ['3.10', '3.11'] },
      /pythonVersions includes "3.10", which none of the platforms can build \(Windows arm64: setup-python has no Windows arm64 build of Python 3.10\)/],
    ['tag pattern without a version part', { tagPattern: 'release' }, /tagPattern "release" has no version part: it must be a literal prefix followed by one of "\*\.\*\.\*", "\*\.\*", "\*"/],
    ['tag pattern with glob in the prefix', { tagPattern: 'v?*.*.*' }, /tagPattern "v\?\*\.\*\.\*" has no version part/],
    ['empty tag pattern', { tagPattern: '' }, /tagPattern must be .*; got an empty value/],
    ['abi3MinimumPython without abi3', { abi3MinimumPython: '3.11' }, /abi3MinimumPython is "3.11" but abi3 is not enabled/],
    ['abi3 minimum above every configured version', { abi3: true, abi3MinimumPython: '3.12', pythonVersions: ['3.10', '3.11'] }, /abi3MinimumPython is "3.12", but pythonVersions has no CPython 3.12 or later/],
    ['abi3 minimum unsupported', { abi3: true, abi3MinimumPython: '2.7' }, /abi3MinimumPython is "2.7"; allowed values: "3.7", "3.8", "3.9"/],
    ['abi3 not a boolean', { abi3: 'yes' }, /abi3 is "yes" \(a string\); it must be a boolean/],
    ['unknown publishing mode', { publishing: { mode: 'password' } }, /publishing.mode is "password"; allowed values: "trusted", "token"/],
    ['token secret with trusted publishing', { publishing: { pypiTokenSecret: 'X' } }, /publishing.pypiTokenSecret\/testPypiTokenSecret are set, but publishing.mode is "trusted"/],
    ['invalid secret name', { publishing: { mode: PublishingMode.TOKEN, pypiTokenSecret: 'GITHUB_TOKEN' } }, /publishing.pypiTokenSecret is "GITHUB_TOKEN"; it must be a GitHub secret name/],
    ['same environment for both indexes', { publishing: { pypiEnvironment: 'release', testPypiEnvironment: 'release' } }, /testPypiEnvironment is "release", the same as publishing.pypiEnvironment/],
    ['invalid environment name', { publishing: { pypiEnvironment: 'py pi' } }, /publishing.pypiEnvironment is "py pi"; it must be a GitHub environment name/],
    ['unknown manylinux', { manylinux: '2_5' }, /manylinux is "2_5"; allowed values: "auto", "2014", "2_17", "2_28", "2_31", "2_34"/],
    ['unknown version source', { versionSource: 'setup.py' }, /versionSource is "setup.py"; allowed values: "cargo", "pyproject"/],
    ['test version without a wheel', { pythonVersions: ['3.11', '3.12'], testPythonVersions: ['3.13'] }, /testPythonVersions contains "3.13", for which no wheel is built; allowed values: "3.11", "3.12"/],
    ['abi3 test version below the minimum', { abi3: true, pythonVersions: ['3.12'], testPythonVersions: ['3.11'] }, /testPythonVersions contains "3.11", for which no wheel is built; allowed values: "3.12", "3.13", "3.14"$/],
    ['empty test command', { testCommand: '  ' }, /testCommand is "  "; it must be a non-empty shell command/],
    ['expression in the test command', { testCommand: 'pytest -k "${{ github.head_ref }}"' }, /testCommand is .*; it must not contain \$\{\{ … \}\}: GitHub would paste the value into the script/],
    ['pip options as test requirements', { testRequirements: ['--index-url=http://evil'] }, /testRequirements\[0\] is .*, a pip option; it must be a PEP 508 requirement/],
    ['timeout out of range', { timeouts: { test: 0 } }, /timeouts.test is 0; allowed values: a whole number of minutes from 1 to 360/],
    ['a size limit of zero', { publishing: { maxFileSizeMb: 0 } }, /publishing.maxFileSizeMb is 0; it must be a number of MB greater than 0/],
    ['a size limit that is no number', { publishing: { maxFileSizeMb: Infinity } }, /publishing.maxFileSizeMb is .*; it must be a number of MB greater than 0/],
    ['fractional timeout', { timeouts: { wheelBuild: 1.5 } }, /timeouts.wheelBuild is 1.5/],
    ['unknown runner key', { runners: { platforms: { 'linux-arm': 'ubuntu-24.04-arm' } } }, /runners.platforms has unknown platform key "linux-arm"; allowed keys: "linux-x86_64"/],
    ['invalid runner label', { runners: { utility: 'ubuntu latest' } }, /runners.utility is "ubuntu latest"; it must be a runner label/],
    ['workflow name with a path', { workflowName: '../release' }, /workflowName is "..\/release"; it must be a file name without extension/],
    ['changelog outside the repository', { changelogFile: '../CHANGELOG.md' }, /changelogFile is "..\/CHANGELOG.md"; it must be a path inside the repository/],
    ['unknown action pinning', { actionPinning: 'branch' }, /actionPinning is "branch"; allowed values: "sha", "tag"/],
    ['flag not a boolean', { sdist: 'no' }, /sdist is "no" \(a string\); it must be a boolean/],
    ['unknown version source value case', { versionSource: 'Cargo' as VersionSource }, /versionSource is "Cargo"/],
    ['a notes file without file notes', { releaseNotesFile: 'NOTES.md' }, /releaseNotesFile is "NOTES.md", but releaseNotes is "changelog"; set releaseNotes: ReleaseNotes.FILE, or remove releaseNotesFile/],
    ['file notes without the file', { releaseNotes: ReleaseNotes.FILE }, /releaseNotes is "file", but releaseNotesFile is not set/],
    ['a notes file outside the repository', { releaseNotes: ReleaseNotes.FILE, releaseNotesFile: '../notes.md' }, /releaseNotesFile is "..\/notes.md"; it must be a path inside the repository/],
    ['changelog notes without their section', { requireChangelogSection: false }, /requireChangelogSection is false, but releaseNotes is "changelog": the notes are the section/],
    ['unknown notes source', { releaseNotes: 'towncrier' }, /releaseNotes is "towncrier"; allowed values: "changelog", "github", "file", "none"/],
    ['a package directory outside the repository', { packageDirectory: 'py/../../x' }, /packageDirectory is "py\/..\/..\/x", which is outside the repository/],
    ['an absolute package directory', { packageDirectory: '/srv/py' }, /packageDirectory is "\/srv\/py"; it must be a directory inside the repository/],
    ['test sources outside the repository', { packageDirectory: 'py', testSources: ['../../tests'] }, /testSources\[0\] is "..\/..\/tests", which is outside the repository/],
    ['unknown trigger', { releaseTrigger: 'schedule' }, /releaseTrigger is "schedule"; allowed values: "tag", "dispatch"/],
  ])('%s', (_, extra, message) => {
    expect(() => resolve(extra as Partial<MaturinReleaseOptions>)).toThrow(message);
    expect(() => resolve(extra as Partial<MaturinReleaseOptions>)).toThrow(/^MaturinRelease: /);
  });
});

describe('adoption options', () => {
  const facts = (files: string[], extra: object = {}) => ({ exists: (path: string) => files.includes(path), ...extra });
  test.each<[string, string[], Partial<MaturinReleaseOptions>, ReleaseNotes]>([
    ['a new repository takes the notes from the changelog it gets', [], {}, ReleaseNotes.CHANGELOG],
    ['an existing repository with a changelog keeps using it', ['Cargo.toml', 'CHANGELOG.md'], {}, ReleaseNotes.CHANGELOG],
    ['an existing repository without one uses GitHub\'s notes', ['Cargo.toml', 'pyproject.toml'], {}, ReleaseNotes.GITHUB],
    ['the package directory decides what existing means', ['crates/py/pyproject.toml'], { packageDirectory: 'crates/py' }, ReleaseNotes.GITHUB],
    ['a changelog of its own', ['Cargo.toml', 'docs/CHANGES.md'], { changelogFile: 'docs/CHANGES.md' }, ReleaseNotes.CHANGELOG],
    ['an explicit source wins', ['Cargo.toml', 'CHANGELOG.md'], { releaseNotes: ReleaseNotes.NONE }, ReleaseNotes.NONE],
  ])('releaseNotes: %s', (_, files, options, expected) => {
    expect(resolveConfig({ ...base, ...options }, facts(files)).releaseNotes).toBe(expected);
  });

  test('a section is required with changelog notes, or when asked for', () => {
    expect(resolve({}).changelogRequired).toBe(true);
    expect(resolve({ releaseNotes: ReleaseNotes.GITHUB }).changelogRequired).toBe(false);
    expect(resolve({ releaseNotes: ReleaseNotes.GITHUB, requireChangelogSection: true }).changelogRequired).toBe(true);
  });

  test('the package directory in one normal form; test sources relative to it', () => {
    expect(resolve({}).packageDirectory).toBe('.');
    const config = resolve({ packageDirectory: './bindings/python/', testSources: ['tests', '../shared/conftest.py'] });
    expect(config.packageDirectory).toBe('bindings/python');
    expect(config.testSourcePaths).toEqual(['bindings/python/tests', 'bindings/shared/conftest.py']);
    expect(resolve({}).testSourcePaths).toEqual(['tests']);
  });

  test('each workflow has its own settings file; the default one keeps config.json', () => {
    expect(resolve({}).configPath).toBe('.github/maturin-release/config.json');
    expect(resolve({ workflowName: 'release-cli' }).configPath).toBe('.github/maturin-release/release-cli.config.json');
    expect(resolve({ releaseTrigger: ReleaseTrigger.DISPATCH }).releaseTrigger).toBe('dispatch');
  });

  test('abi3 follows the crate\'s pyo3 feature when the option is not set', () => {
    expect(resolveConfig(base, { abi3Feature: '3.8' }).abi3MinimumPython).toBe('3.8');
    expect(resolveConfig(base, { abi3Feature: '' }).abi3MinimumPython).toBe('3.11');
    expect(resolveConfig({ ...base, abi3: false }, { abi3Feature: '3.8' }).abi3MinimumPython).toBeUndefined();
    expect(resolveConfig({ ...base, bindings: Bindings.BIN }, { abi3Feature: '3.8' }).abi3MinimumPython).toBeUndefined();
    expect(() => resolveConfig({ ...base, pythonVersions: ['3.11', '3.12'] }, { abi3Feature: '3.12' }))
      .toThrow('MaturinRelease: Cargo.toml enables pyo3 feature "abi3-py312" for every build, but pythonVersions includes "3.11", below the cp312-abi3 floor');
  });
});
