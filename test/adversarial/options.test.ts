import { Project } from 'projen';
import { CARGO, STACK_FRAME, repoWith, synthIn } from './helpers';
import { MaturinRelease } from '../../src';
import { describeError } from '../../src/core/errors';

/**
 * Options as a .projenrc.js or .projenrc.json passes them (no type checking): every
 * mistake is one message naming the option, the value and what is allowed, with no
 * stack trace, and nothing is written. (Through projen's own .projenrc.js and
 * .projenrc.json runs: options-e2e.test.ts.)
 */
describe('a bad option is one message, and nothing is written', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['githubRelease: false (the issue: an object option given a plain value)', { githubRelease: false }, 'MaturinRelease: githubRelease is false; it must be an object (GitHubReleaseOptions)'],
    ['publishing: "token" (the issue)', { publishing: 'token' }, 'MaturinRelease: publishing is "token"; it must be an object (PublishingOptions)'],
    ['runners: "ubuntu-latest" (the issue)', { runners: 'ubuntu-latest' }, 'MaturinRelease: runners is "ubuntu-latest"; it must be an object (RunnerOptions)'],
    ['timeouts: 5 (the issue)', { timeouts: 5 }, 'MaturinRelease: timeouts is 5; it must be an object (TimeoutOptions)'],
    ['pythonVersion, an unknown key (the issue)', { pythonVersion: ['3.12'] }, 'MaturinRelease: pythonVersion is not an option; did you mean "pythonVersions"?'],
    ['pythonversions, a mistyped key (the issue)', { pythonversions: ['3.12'] }, 'MaturinRelease: pythonversions is not an option; did you mean "pythonVersions"?'],
    ['pythonVersions: [3.10], a JSON number (the issue)', { pythonVersions: [3.10] }, 'MaturinRelease: pythonVersions[0] is 3.1 (a number); it must be a string; write it as a string in quotes (a JSON number loses digits: 3.10 is 3.1)'],
    ['testCommand with ${{ }} (the issue: a template injection)', { testCommand: 'pytest -k "${{ github.event.head_commit.message }}"' }, 'MaturinRelease: testCommand is "pytest -k \\"${{ github.event.head_commit.message }}\\""; it must not contain ${{ \u2026 }}: GitHub would paste the value into the script before bash runs it. Read values from environment variables instead'],
    ['tagPattern with $(\u2026) (the issue: runs code when pasted)', { tagPattern: 'v$(id)*.*.*' }, 'MaturinRelease: tagPattern "v$(id)*.*.*" has a prefix with characters other than letters, digits, ".", "_", "-" and "/"; such a tag could not be typed or pasted safely: use e.g. "v*.*.*" or "mypkg-v*.*.*"'],
    ['packageName missing', { packageName: undefined }, 'MaturinRelease: packageName is required: the distribution name on PyPI'],
    ['packageName 42', { packageName: 42 }, 'MaturinRelease: packageName is 42 (a number); it must be a string; write it as a string in quotes'],
    ['packageName space', { packageName: 'my package' }, 'MaturinRelease: packageName is "my package"; it must be a valid PyPI project name (letters, digits, ".", "_", "-"; starting and ending with a letter or digit)'],
    ['packageName -', { packageName: '-dioxide' }, 'MaturinRelease: packageName is "-dioxide"; it must be a valid PyPI project name (letters, digits, ".", "_", "-"; starting and ending with a letter or digit)'],
    ['packageName long', { packageName: 'a'.repeat(10000) + '!' }, 'MaturinRelease: packageName is "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\u2026; it must be a valid PyPI project name (letters, digits, ".", "_", "-"; starting and ending with a letter or digit)'],
    ['moduleName dash', { moduleName: 'my-module' }, 'MaturinRelease: moduleName is "my-module"; it must be a Python import name such as "dioxide" or "dioxide.core"'],
    ['pythonVersions []', { pythonVersions: [] }, 'MaturinRelease: pythonVersions is []; it needs at least one of "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15", "3.14t", "3.15t", "pypy3.9", "pypy3.10", "pypy3.11", "graalpy3.11", "graalpy3.12"'],
    ['pythonVersions 3.7', { pythonVersions: ['3.7'] }, 'MaturinRelease: pythonVersions[0] is "3.7": CPython 3.7 reached its end of life on 2023-06-27; the oldest CPython this product builds is 3.8; allowed values: "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15", "3.14t", "3.15t", "pypy3.9", "pypy3.10", "pypy3.11", "graalpy3.11", "graalpy3.12"'],
    ['pythonVersions dup', { pythonVersions: ['3.12', '3.12'] }, 'MaturinRelease: pythonVersions lists "3.12" twice; each interpreter may appear once'],
    ['pythonVersions string', { pythonVersions: '3.12' }, 'MaturinRelease: pythonVersions is "3.12"; it must be a list of strings'],
    ['pythonVersions 3.15', { pythonVersions: ['3.15'] }, 'MaturinRelease: pythonVersions[0] is "3.15", a CPython pre-release; set allowPythonPrereleases: true to build and test it (setup-python installs the release candidate until the final release)'],
    ['pythonVersions unicode', { pythonVersions: ['３.12'] }, 'MaturinRelease: pythonVersions[0] is "\uff13.12": not an interpreter this product builds; allowed values: "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15", "3.14t", "3.15t", "pypy3.9", "pypy3.10", "pypy3.11", "graalpy3.11", "graalpy3.12"'],
    ['platforms linux', { platforms: ['linux'] }, 'MaturinRelease: platforms[0] is "linux"; allowed values: "linux-x86_64", "linux-aarch64", "linux-i686", "linux-armv7", "linux-ppc64le", "linux-s390x", "linux-riscv64", "musllinux-x86_64", "musllinux-aarch64", "musllinux-i686", "musllinux-armv7", "macos-arm64", "macos-x86_64", "macos-universal2", "windows-x64", "windows-x86", "windows-arm64"'],
    ['platforms []', { platforms: [] }, 'MaturinRelease: platforms is []; it needs at least one of "linux-x86_64", "linux-aarch64", "linux-i686", "linux-armv7", "linux-ppc64le", "linux-s390x", "linux-riscv64", "musllinux-x86_64", "musllinux-aarch64", "musllinux-i686", "musllinux-armv7", "macos-arm64", "macos-x86_64", "macos-universal2", "windows-x64", "windows-x86", "windows-arm64"'],
    ['platforms dup', { platforms: ['linux-x86_64', 'linux-x86_64'] }, 'MaturinRelease: platforms lists "linux-x86_64" twice; each platform may appear once'],
    ['abi3 yes', { abi3: 'yes' }, 'MaturinRelease: abi3 is "yes" (a string); it must be a boolean'],
    ['abi3Min without abi3', { abi3MinimumPython: '3.9' }, 'MaturinRelease: abi3MinimumPython is "3.9" but abi3 is not enabled; set abi3: true or remove abi3MinimumPython'],
    ['bindings rust', { bindings: 'rust' }, 'MaturinRelease: bindings is "rust"; allowed values: "pyo3", "cffi", "uniffi", "bin"'],
    ['manylinux 2010', { manylinux: '2010' }, 'MaturinRelease: manylinux is "2010"; allowed values: "auto", "2014", "2_17", "2_28", "2_31", "2_34"'],
    ['tagPattern empty', { tagPattern: '' }, 'MaturinRelease: tagPattern must be a literal prefix followed by one of "*.*.*", "*.*", "*" (e.g. "v*.*.*"); got an empty value'],
    ['tagPattern release', { tagPattern: 'release' }, 'MaturinRelease: tagPattern "release" has no version part: it must be a literal prefix followed by one of "*.*.*", "*.*", "*" (e.g. "v*.*.*")'],
    ['tagPattern v1.*', { tagPattern: 'v1.*' }, 'MaturinRelease: tagPattern "v1.*" puts part of the version in the prefix "v1.": the prefix must not end in a digit or "."; use e.g. "v*.*.*" and restrict which tags may be pushed with a tag ruleset'],
    ['tagPattern a..b', { tagPattern: 'a..b-*.*.*' }, 'MaturinRelease: tagPattern "a..b-*.*.*" has a prefix that is not a valid git tag name: it must be a literal prefix followed by one of "*.*.*", "*.*", "*" (e.g. "v*.*.*")'],
    ['tagPattern -v', { tagPattern: '-v*.*.*' }, 'MaturinRelease: tagPattern "-v*.*.*" has a prefix that is not a valid git tag name: it must be a literal prefix followed by one of "*.*.*", "*.*", "*" (e.g. "v*.*.*")'],
    ['tagPattern space', { tagPattern: 'v x*.*.*' }, 'MaturinRelease: tagPattern "v x*.*.*" has a prefix with characters other than letters, digits, ".", "_", "-" and "/"; such a tag could not be typed or pasted safely: use e.g. "v*.*.*" or "mypkg-v*.*.*"'],
    ['tagPattern long', { tagPattern: 'a'.repeat(10000) + '-v*.*.*' }, 'MaturinRelease: tagPattern is 10007 characters long; it may be at most 100, such as "v*.*.*" or "mypkg-v*.*.*"'],
    ['tagPattern unicode', { tagPattern: 'vé*.*.*' }, 'MaturinRelease: tagPattern "v\u00e9*.*.*" has a prefix with characters other than letters, digits, ".", "_", "-" and "/"; such a tag could not be typed or pasted safely: use e.g. "v*.*.*" or "mypkg-v*.*.*"'],
    ['tagPattern .lock', { tagPattern: 'x.lock/v*.*.*' }, 'MaturinRelease: tagPattern "x.lock/v*.*.*" has a prefix that is not a valid git tag name: it must be a literal prefix followed by one of "*.*.*", "*.*", "*" (e.g. "v*.*.*")'],
    ['tagPattern 42', { tagPattern: 42 }, 'MaturinRelease: tagPattern is 42 (a number); it must be a string; write it as a string in quotes'],
    ['testCommand empty', { testCommand: '  ' }, 'MaturinRelease: testCommand is "  "; it must be a non-empty shell command'],
    ['testCommand 42', { testCommand: 42 }, 'MaturinRelease: testCommand is 42 (a number); it must be a string; write it as a string in quotes'],
    ['testRequirements -r', { testRequirements: ['-r requirements.txt'] }, 'MaturinRelease: testRequirements[0] is "-r requirements.txt", a pip option; it must be a PEP 508 requirement: write one requirement per item, such as "pytest>=8" or "hypothesis[numpy]>=6; python_version >= \\"3.10\\"" (an index or other pip setting goes in pip\'s own configuration, e.g. PIP_INDEX_URL)'],
    ['testRequirements string', { testRequirements: 'pytest' }, 'MaturinRelease: testRequirements is "pytest"; it must be a list of strings'],
    ['testExtras space', { testExtras: ['te st'] }, 'MaturinRelease: testExtras[0] is "te st"; it must be extra names such as "test"'],
    ['testSources ..', { testSources: ['../x'] }, 'MaturinRelease: testSources[0] is "../x", which is outside the repository; it must be a path relative to packageDirectory ("."), such as "tests"'],
    ['maturinArgs --release', { maturinArgs: ['--release'] }, 'MaturinRelease: maturinArgs[0] is "--release", which the workflow sets itself for each target; use pythonVersions, platforms and manylinux instead'],
    ['maturinArgs expr', { maturinArgs: ['--features=${{ secrets.X }}'] }, 'MaturinRelease: maturinArgs[0] is "--features=${{ secrets.X }}"; it must not contain ${{ \u2026 }}: GitHub would evaluate it in the workflow (a template injection). Read values from environment variables instead'],
    ['maturinArgs quotes', { maturinArgs: ['a\'b"c'] }, "MaturinRelease: maturinArgs[0] is \"a'b\\\"c\"; it must be one word bash leaves as it is (letters, digits and _ . / : @ % + , - =, not starting with =): maturin-action pastes each item unquoted into a bash script, so spaces split it and ; $ ` ' \" | & < > ( ) * ? [ ] { } ~ # \\ run or expand; give each word its own item"],
    ['targets runer', { targets: { 'linux-x86_64': { runer: 'x' } } }, 'MaturinRelease: targets["linux-x86_64"].runer is not an option; did you mean "runner"?'],
    ['targets not in platforms', { targets: { 'windows-arm64': { test: false } } }, 'MaturinRelease: targets has settings for "windows-arm64", which platforms does not include; add it to platforms or remove its settings'],
    ['targets unknown platform', { targets: { 'linux-x86': { test: false } } }, 'MaturinRelease: targets has unknown platform key "linux-x86"; allowed keys: "linux-x86_64", "linux-aarch64", "linux-i686", "linux-armv7", "linux-ppc64le", "linux-s390x", "linux-riscv64", "musllinux-x86_64", "musllinux-aarch64", "musllinux-i686", "musllinux-armv7", "macos-arm64", "macos-x86_64", "macos-universal2", "windows-x64", "windows-x86", "windows-arm64"'],
    ['targets env GITHUB_', { targets: { 'linux-x86_64': { env: { GITHUB_TOKEN: 'x' } } } }, 'MaturinRelease: targets["linux-x86_64"].env has variable "GITHUB_TOKEN"; names are letters, digits and "_", not starting with a digit or GITHUB_'],
    ['targets env number', { targets: { 'linux-x86_64': { env: { A: 1 } } } }, 'MaturinRelease: targets["linux-x86_64"].env["A"] is 1 (a number); it must be a string; write it as a string in quotes'],
    ['targets env expr', { targets: { 'linux-x86_64': { env: { A: '${{ secrets.A }}' } } } }, 'MaturinRelease: targets["linux-x86_64"].env.A is "${{ secrets.A }}"; it must not contain ${{ \u2026 }}: GitHub would evaluate it in the workflow (a template injection). Read values from environment variables instead'],
    ['targets macos manylinux', { targets: { 'macos-arm64': { manylinux: '2_28' } } }, 'MaturinRelease: targets["macos-arm64"].manylinux is "2_28", but macos-arm64 is not a Linux target; remove it'],
    ['targets beforeScript expr', { targets: { 'linux-x86_64': { beforeScriptLinux: 'echo ${{ github.token }}' } } }, 'MaturinRelease: targets["linux-x86_64"].beforeScriptLinux is "echo ${{ github.token }}"; it must not contain ${{ \u2026 }}: GitHub would evaluate it in the workflow (a template injection). Read values from environment variables instead'],
    ['targets container on windows', { targets: { 'windows-x64': { container: 'x' } } }, 'MaturinRelease: targets["windows-x64"].container is set, but windows-x64 is not a Linux target built in a container; remove it'],
    ['runners.platforms label', { runners: { platforms: { 'linux-x86_64': 'ubuntu latest' } } }, 'MaturinRelease: runners.platforms["linux-x86_64"] is "ubuntu latest"; it must be a runner label such as "ubuntu-24.04"'],
    ['runners.utility retired', { runners: { utility: 'ubuntu-20.04' } }, 'MaturinRelease: runner labels GitHub no longer runs:\n- runners.utility is "ubuntu-20.04", which GitHub retired on 2025-04-15, so jobs on it no longer start (https://github.com/actions/runner-images/issues/11101); set runners.utility to "ubuntu-24.04"'],
    ['timeouts 0', { timeouts: { plan: 0 } }, 'MaturinRelease: timeouts.plan is 0; allowed values: a whole number of minutes from 1 to 360'],
    ['timeouts 1.5', { timeouts: { plan: 1.5 } }, 'MaturinRelease: timeouts.plan is 1.5; allowed values: a whole number of minutes from 1 to 360'],
    ['timeouts NaN', { timeouts: { plan: NaN } }, 'MaturinRelease: timeouts.plan is NaN; allowed values: a whole number of minutes from 1 to 360'],
    ['timeouts string', { timeouts: { plan: '10' } }, 'MaturinRelease: timeouts.plan is "10" (a string); it must be a number'],
    ['timeouts 361', { timeouts: { wheelBuild: 361 } }, 'MaturinRelease: timeouts.wheelBuild is 361; allowed values: a whole number of minutes from 1 to 360'],
    ['publishing.mode tokens', { publishing: { mode: 'tokens' } }, 'MaturinRelease: publishing.mode is "tokens"; allowed values: "trusted", "token"'],
    ['publishing testpypi', { publishing: { testpypi: true } }, 'MaturinRelease: publishing.testpypi is not an option; did you mean "testPypi"?'],
    ['publishing secret trusted', { publishing: { pypiTokenSecret: 'PYPI' } }, 'MaturinRelease: publishing.pypiTokenSecret/testPypiTokenSecret are set, but publishing.mode is "trusted", which uses no token; set mode: PublishingMode.TOKEN or remove them'],
    ['publishing env space', { publishing: { pypiEnvironment: 'py pi' } }, 'MaturinRelease: publishing.pypiEnvironment is "py pi"; it must be a GitHub environment name (letters, digits, ".", "_", "-")'],
    ['publishing same env', { publishing: { pypiEnvironment: 'x', testPypiEnvironment: 'x' } }, 'MaturinRelease: publishing.testPypiEnvironment is "x", the same as publishing.pypiEnvironment; each index needs its own environment so PyPI and TestPyPI credentials and protection rules stay apart'],
    ['publishing max 0', { publishing: { maxFileSizeMb: 0 } }, "MaturinRelease: publishing.maxFileSizeMb is 0; it must be a number of MB greater than 0, such as 100 (PyPI's default limit per file)"],
    ['publishing GITHUB_TOKEN', { publishing: { mode: 'token', pypiTokenSecret: 'GITHUB_TOKEN' } }, 'MaturinRelease: publishing.pypiTokenSecret is "GITHUB_TOKEN"; it must be a GitHub secret name (letters, digits, "_"; not starting with a digit or GITHUB_)'],
    ['githubRelease enabled str', { githubRelease: { enabled: 'false' } }, 'MaturinRelease: githubRelease.enabled is "false" (a string); it must be a boolean'],
    ['workflowName .yml', { workflowName: 'release.yml' }, 'MaturinRelease: workflowName is "release.yml"; it must be a file name without extension, such as "release" (letters, digits, "_", "-")'],
    ['workflowName ../x', { workflowName: '../x' }, 'MaturinRelease: workflowName is "../x"; it must be a file name without extension, such as "release" (letters, digits, "_", "-")'],
    ['workflowName long', { workflowName: 'a'.repeat(300) }, 'MaturinRelease: workflowName is "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\u2026"; a file or directory name may be at most 255 bytes long (file systems refuse longer names)'],
    ['checklist abs', { checklistFile: '/etc/passwd' }, 'MaturinRelease: checklistFile is "/etc/passwd"; it must be a path inside the repository, such as "RELEASING.md"'],
    ['checklist ..', { checklistFile: '../x.md' }, 'MaturinRelease: checklistFile is "../x.md"; it must be a path inside the repository, such as "RELEASING.md"'],
    ['checklist backslash', { checklistFile: 'docs\\x.md' }, 'MaturinRelease: checklistFile is "docs\\\\x.md"; separate directories with "/", as in "docs/RELEASING.md"'],
    ['checklist trailing', { checklistFile: 'docs/' }, 'MaturinRelease: checklistFile is "docs/"; it must name a file, such as "docs/RELEASING.md"'],
    ['checklist long', { checklistFile: 'a'.repeat(300) + '.md' }, 'MaturinRelease: checklistFile is "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\u2026"; a file or directory name may be at most 255 bytes long (file systems refuse longer names)'],
    ['checklist newline', { checklistFile: 'a\nb.md' }, 'MaturinRelease: checklistFile is "a\\nb.md"; it must be a path inside the repository, such as "RELEASING.md"'],
    ['changelog empty', { changelogFile: '' }, 'MaturinRelease: changelogFile is ""; it must be a path inside the repository, such as "CHANGELOG.md"'],
    ['actionPins bad key', { actionPins: { x: {} } }, 'MaturinRelease: actionPins has key "x"; keys are action repositories such as "PyO3/maturin-action"'],
    ['actionPins bad sha', { actionPins: { 'PyO3/maturin-action': { version: 'v1', sha: 'abc' } } }, 'MaturinRelease: actionPins["PyO3/maturin-action"].sha is "abc"; it must be the full 40-character commit SHA of v1'],
    ['costAssumptions unknown', { costAssumptions: { linuxMinutes: 1 } }, 'MaturinRelease: costAssumptions.linuxMinutes is not an option; the options here are "check", "compileAdditionalInterpreter", "compileFirstInterpreter", "githubRelease", "jobStartup", "linuxContainer", "maxConcurrentJobs", "maxConcurrentMacosJobs", "plan", "priceLinux", "priceLinuxArm64", "priceMacos", "priceWindows", "priceWindowsArm64", "publicRepository", "publish", "sdist", "setupPython", "setupPythonDownload", "testContainer", "testPerPythonVersion", "testPerPythonVersionEmulated", "verify"'],
    ['costAssumptions neg', { costAssumptions: { jobStartup: -1 } }, 'MaturinRelease: costAssumptions.jobStartup is -1; it must be a number from 0 to 600'],
    ['maturinSettings string', { maturinSettings: 'features' }, 'MaturinRelease: maturinSettings is "features"; it must be an object'],
    ['githubRepository', { githubRepository: 'a/b/c' }, 'MaturinRelease: githubRepository is "a/b/c"; it must be a GitHub repository as "owner/name"'],
    ['rustToolchain', { rustToolchain: 'stable; rm -rf /' }, 'MaturinRelease: rustToolchain is "stable; rm -rf /"; it must be a rustup toolchain name such as "stable" or "1.83.0"'],
    ['__proto__', JSON.parse('{"__proto__": {"x": 1}}'), 'MaturinRelease: __proto__ is not an option; the options here are "packageName", "abi3", "abi3MinimumPython", "actionPinning", "actionPins", "allowPythonPrereleases", "bindings", "buildBudgetMinutes", "buildStrategy", "changelogFile", "checklistFile", "costAssumptions", "githubRelease", "githubRepository", "manylinux", "maturinArgs", "maturinSettings", "maturinVersion", "moduleName", "musllinux", "otherBuildBackend", "packageDirectory", "platforms", "publishing", "pyproject", "pythonVersions", "releaseNotes", "releaseNotesFile", "releaseTrigger", "requireChangelogSection", "runners", "runTests", "rustToolchain", "sdist", "sharedTag", "tagPattern", "targets", "testCommand", "testConfigFiles", "testDependencyGroups", "testExtras", "testInstaller", "testPythonVersions", "testRequirements", "testSources", "timeouts", "versionSource", "workflowName"'],
    ['versionSource git', { versionSource: 'git' }, 'MaturinRelease: versionSource is "git"; allowed values: "cargo", "pyproject"'],
    ['pyproject mine', { pyproject: 'mine' }, 'MaturinRelease: pyproject is "mine"; allowed values: "managed", "existing"'],
    ['actionPinning branch', { actionPinning: 'branch' }, 'MaturinRelease: actionPinning is "branch"; allowed values: "sha", "tag"'],
    ['testPythonVersions 3.8', { testPythonVersions: ['3.8'] }, 'MaturinRelease: testPythonVersions contains "3.8", for which no wheel is built; allowed values: "3.11", "3.12", "3.13"'],
    ['multiple', { pythonversions: ['3.12'], abi3: 'yes', timeouts: 5 }, 'MaturinRelease: pythonversions is not an option; did you mean "pythonVersions"?\nabi3 is "yes" (a string); it must be a boolean\ntimeouts is 5; it must be an object (TimeoutOptions)'],
    ['maturinVersion', { maturinVersion: 'latest' }, 'MaturinRelease: maturinVersion is "latest"; it must be a maturin release such as "1.15.0"'],
    ['sdist string', { sdist: 'true' }, 'MaturinRelease: sdist is "true" (a string); it must be a boolean'],
    ['allowPythonPrereleases 1', { allowPythonPrereleases: 1 }, 'MaturinRelease: allowPythonPrereleases is 1 (a number); it must be a boolean'],
    ['runTests null', { runTests: null }, 'MaturinRelease: runTests is null; it must be a boolean'],
    ['array as object option', { githubRelease: [] }, 'MaturinRelease: githubRelease is []; it must be an object (GitHubReleaseOptions)'],
    ['deep unknown', { publishing: { mode: 'token', pypiTokenSecretName: 'X' } }, 'MaturinRelease: publishing.pypiTokenSecretName is not an option; did you mean "pypiTokenSecret"?'],
  ])('%s', (_, options, message) => {
    const run = synthIn({}, options);
    expect(run.error).toBe(message);
    expect(run.stack).toBe(false);
    expect(run.after).toEqual(run.before);
  });

  test('options that are not an object at all', () => {
    const project = new Project({ name: 'dioxide', outdir: repoWith({ 'Cargo.toml': CARGO }) });
    let thrown: unknown;
    try {
      new MaturinRelease(project, null as any);
    } catch (e) {
      thrown = e;
    }
    expect(describeError(thrown)).toBe('MaturinRelease: options are null; they must be an object');
    expect(String((thrown as Error).stack)).not.toMatch(STACK_FRAME);
  });

  test('negative control: the same options, written right, synthesize', () => {
    const run = synthIn({}, {
      pythonVersions: ['3.10', '3.12'],
      githubRelease: { enabled: false },
      publishing: { mode: 'token' },
      runners: { utility: 'ubuntu-24.04' },
      timeouts: { plan: 5 },
      testCommand: 'pytest -k "$TEST_FILTER"',
      tagPattern: 'dioxide-v*.*.*',
      checklistFile: 'docs/RELEASING.md',
    });
    expect(run.error).toBeUndefined();
  });
});

describe('the release workflow\'s security rules run at synthesis, on what users add too', () => {
  test('a step added through the escape hatch with ${{ }} in its script fails synthesis, naming the rule', () => {
    const project = new Project({ name: 'dioxide', outdir: repoWith({ 'Cargo.toml': CARGO }) });
    const release = new MaturinRelease(project, { packageName: 'dioxide' });
    release.workflow.addJobs({
      announce: {
        runsOn: ['ubuntu-24.04'],
        permissions: {},
        needs: ['github-release'],
        steps: [{ run: 'echo "${{ github.event.head_commit.message }}"' }],
      },
    });
    let thrown: unknown;
    try {
      project.synth();
    } catch (e) {
      thrown = e;
    }
    expect(describeError(thrown)).toBe('MaturinRelease: .github/workflows/release.yml breaks the release workflow\'s security rules:\n' +
      '- jobs.announce: has no timeout-minutes (timeout)\n' +
      '- jobs.announce.steps[0]: interpolates ${{ }} into a run script; pass the value through env: (expression-in-run)\n' +
      '  fix: values from options reach scripts only through env:, actions are pinned, and permissions stay per job; change the option or the added step named above');
    expect(String((thrown as Error).stack)).not.toMatch(STACK_FRAME);
  });
});
