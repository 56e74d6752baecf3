import { ActionPinning, Bindings, BuildStrategy, MaturinReleaseOptions, PublishingMode, TestInstaller, WheelPlatform } from '../../../src/synth/options';
import { ProjectKind, synthRelease } from '../../helpers/synth';
import { ValidationReport, checkActionInputs, validateWorkflows } from '../../helpers/validators';
import { SemanticContext } from '../../helpers/workflow-semantics';

// Every target except universal2, which replaces the two macOS ones.
const ALL = Object.values(WheelPlatform).filter((p) => p !== WheelPlatform.MACOS_UNIVERSAL2);

/** A spread of configurations; every generated workflow must pass every validator. */
const CONFIGS: Record<string, { options: MaturinReleaseOptions; kind?: ProjectKind }> = {
  'seed': { options: { packageName: 'dioxide', testRequirements: ['pytest', 'pytest-cov'] } },
  'abi3': { options: { packageName: 'dioxide', abi3: true, pythonVersions: ['3.10', '3.11', '3.12', '3.13'] } },
  'linux-only': { options: { packageName: 'tiny', platforms: [WheelPlatform.LINUX_X86_64], pythonVersions: ['3.12'], sdist: false } },
  'full-platforms': { options: { packageName: 'everything', platforms: ALL, pythonVersions: ['3.11', '3.12', '3.13', '3.14'] } },
  'every-interpreter': {
    options: {
      packageName: 'everything',
      platforms: ALL,
      allowPythonPrereleases: true,
      pythonVersions: ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.15', '3.14t', '3.15t', 'pypy3.9', 'pypy3.10', 'pypy3.11', 'graalpy3.11', 'graalpy3.12'],
    },
  },
  'universal2': { options: { packageName: 'uni', platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.MACOS_UNIVERSAL2, WheelPlatform.WINDOWS_X86] } },
  'abi3-free-threaded': { options: { packageName: 'nh3like', abi3: true, abi3MinimumPython: '3.8', pythonVersions: ['3.9', '3.13', '3.14t'], platforms: ALL } },
  'bin': { options: { packageName: 'rufflike', bindings: Bindings.BIN, platforms: ALL, pythonVersions: ['3.9', '3.14'], testCommand: 'rufflike --version' } },
  'cffi': { options: { packageName: 'cffilike', bindings: Bindings.CFFI, platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.MACOS_ARM64, WheelPlatform.WINDOWS_X64] } },
  'per-target-settings': {
    options: {
      packageName: 'tuned',
      platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.LINUX_ARMV7, WheelPlatform.MACOS_ARM64, WheelPlatform.WINDOWS_ARM64],
      maturinArgs: ['--locked', '--compatibility', 'pypi'],
      testExtras: ['test'],
      testDependencyGroups: ['dev'],
      testSources: ['tests', 'conftest.py'],
      targets: {
        'linux-x86_64': { manylinux: '2_28', maturinArgs: ['--features', 'simd,avx2'], env: { RUSTFLAGS: '-C target-cpu=x86-64-v2' }, beforeScriptLinux: 'yum install -y openssl-devel' },
        'linux-armv7': { test: false, dockerOptions: '-e FOO=1' },
        'macos-arm64': { env: { MACOSX_DEPLOYMENT_TARGET: '11.0' }, runner: 'macos-26' },
        'windows-arm64': { pythonVersions: ['3.12', '3.13'] },
      },
    },
  },
  'per-interpreter': { options: { packageName: 'split', platforms: ALL, buildStrategy: BuildStrategy.PER_INTERPRETER, abi3: true, pythonVersions: ['3.11', '3.12', '3.14t', 'pypy3.11'] } },
  'auto-budget': { options: { packageName: 'auto', buildStrategy: BuildStrategy.AUTO, buildBudgetMinutes: 200, pythonVersions: ['3.12', '3.13', '3.14', '3.14t'] } },
  'macos-concurrent-tests': {
    options: { packageName: 'mac', platforms: [WheelPlatform.MACOS_ARM64, WheelPlatform.MACOS_X86_64], pythonVersions: ['3.12', '3.14t', 'pypy3.11', 'graalpy3.12'], testDependencyGroups: ['test'] },
  },
  'uv-installer': {
    options: {
      packageName: 'fast',
      testInstaller: TestInstaller.UV,
      platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.LINUX_ARMV7, WheelPlatform.MACOS_ARM64, WheelPlatform.WINDOWS_X64],
      pythonVersions: ['3.12', '3.13'],
      testExtras: ['test'],
      testDependencyGroups: ['dev'],
    },
  },
  'other-architecture-runners': {
    options: {
      packageName: 'crossed',
      platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.LINUX_AARCH64, WheelPlatform.MUSLLINUX_AARCH64, WheelPlatform.LINUX_I686],
      rustToolchain: '1.83.0',
      targets: {
        'linux-x86_64': { env: { OPENSSL_DIR: '/usr/local/ssl', PROTOC: '/usr/bin/protoc', RUSTFLAGS: '-C target-cpu=x86-64-v2' }, dockerOptions: '--network host' },
        'linux-aarch64': { runner: 'ubuntu-24.04' },
        'musllinux-aarch64': { runner: 'ubuntu-24.04' },
        'linux-i686': { runner: 'ubuntu-24.04-arm' },
      },
    },
  },
  'token-mode': { options: { packageName: 'dioxide', publishing: { mode: PublishingMode.TOKEN } } },
  'token-no-attest': { options: { packageName: 'dioxide', publishing: { mode: PublishingMode.TOKEN, attestations: false } } },
  'testpypi-off': { options: { packageName: 'dioxide', publishing: { testPypi: false, verifyInstall: false }, githubRelease: { attachDistributions: false, draft: true } } },
  'tag-pinning': { options: { packageName: 'dioxide', actionPinning: ActionPinning.TAG, tagPattern: 'dioxide-v*' } },
  'odd-values': { options: { packageName: 'odd.pkg', testCommand: 'python -m pytest -k "not slow" tests/', testRequirements: ['pytest>=8,<9', 'hypothesis[numpy]'], githubRelease: { enabled: false } } },
  'python-project': { options: { packageName: 'dioxide' }, kind: 'python' },
  'typescript-project': { options: { packageName: 'dioxide', workflowName: 'python-release' }, kind: 'typescript' },
};

let report: ValidationReport;
beforeAll(() => {
  const texts: Record<string, string> = {};
  const pinning: Record<string, 'sha' | 'tag'> = {};
  const contexts: Record<string, SemanticContext> = {};
  for (const [name, { options, kind }] of Object.entries(CONFIGS)) {
    texts[name] = synthRelease(options, kind).yaml;
    pinning[name] = options.actionPinning === ActionPinning.TAG ? 'tag' : 'sha';
    contexts[name] = { rustToolchain: options.rustToolchain };
  }
  report = validateWorkflows(texts, pinning, [], contexts);
});

describe.each(Object.keys(CONFIGS))('workflow for config "%s"', (name) => {
  test("GitHub's workflow parser reports no error", () => expect(report.parser[name]).toEqual([]));
  test('actionlint 1.7.7 reports no finding', () => expect(report.actionlint[name]).toEqual([]));
  test('shellcheck reports nothing on any bash run: script', () => expect(report.shellcheck[name]).toEqual([]));
  test('our security rules report nothing', () => expect(report.security[name]).toEqual([]));
  test("every action input is declared in the action's action.yml at the pinned commit", () => expect(report.inputs[name]).toEqual([]));
  test('the semantic rules (images, runner architectures, container environment, toolchain) report nothing', () => expect(report.semantic[name]).toEqual([]));
});

describe('the validators catch real defects (each can fail)', () => {
  let broken: ValidationReport;
  beforeAll(() => {
    const seed = synthRelease(CONFIGS.seed.options).yaml;
    broken = validateWorkflows({
      // The seed design's injection: an expression inside a run script, an unquoted variable.
      injected: seed.replace('run: node .github/maturin-release/release-tools.cjs plan', 'run: echo ${{ github.ref_name }} && VERSION=$1 && echo $VERSION'),
      // A job that needs a job that does not exist, and an unknown runner label.
      graph: seed.replace('needs: plan\n', 'needs: planning\n').replace('runs-on: macos-15\n', 'runs-on: macos-15-amd\n'),
      // Not a workflow at all for GitHub's parser.
      schema: seed.replace('jobs:\n', 'jobz:\n'),
      // A misspelt input, a required one left out, an action with no action.yml kept, and another release of a kept one.
      inputs: seed.replace('skip-existing: true', 'skip_existing: true').replace(/subject-path: dist\/\*/, 'subject-paths: dist/*')
        .replace(/uses: actions\/setup-python@[0-9a-f]{40}/, 'uses: actions/setup-python@v4')
        .replace(/uses: actions\/checkout@[0-9a-f]{40}/, 'uses: someone/checkout@v1'),
    });
  });
  test('shellcheck flags an unquoted variable', () => expect(JSON.stringify(broken.shellcheck.injected)).toContain('SC2086'));
  test('security rules flag ${{ }} in run:', () => expect(JSON.stringify(broken.security.injected)).toContain('expression-in-run'));
  test('actionlint flags a dangling needs and an unknown runner label', () => {
    const text = JSON.stringify(broken.actionlint.graph);
    expect(text).toContain('planning');
    expect(text).toContain('macos-15-amd');
  });
  test("GitHub's parser flags an invalid document", () => expect(broken.parser.schema.length).toBeGreaterThan(0));
  test('the input check flags an input the action does not have, a deprecated one, and actions or releases it has no action.yml for', () => {
    const findings = broken.inputs.inputs as string[];
    expect(findings).toContainEqual(expect.stringMatching(/publish-testpypi\.steps\[\d\] \(pypa\/gh-action-pypi-publish@[0-9a-f]{40}\): input "skip_existing" is deprecated/));
    expect(findings).toContainEqual(expect.stringMatching(/\(actions\/attest@[0-9a-f]{40}\): input "subject-paths" is not in its action.yml/));
    expect(findings).toContainEqual(expect.stringMatching(/\(actions\/setup-python@v4\): the action.yml kept is for v7\.0\.0/));
    expect(findings).toContainEqual(expect.stringMatching(/\(someone\/checkout@v1\): no action.yml of someone\/checkout/));
  });
  test('the input check flags a required input left out', () => {
    const workflow = { jobs: { a: { steps: [{ uses: 'actions/attest@v4.2.2', with: { 'subject-path': 'x' } }] } } };
    const definitions = new Map([['actions/attest', { version: 'v4.2.2', sha: '0'.repeat(40), inputs: { 'subject-path': {}, 'github-token': { required: true } } }]]);
    expect(checkActionInputs(workflow, definitions)).toEqual(['jobs.a.steps[0] (actions/attest@v4.2.2): required input "github-token" is missing']);
    expect(checkActionInputs({ jobs: { a: { steps: [{ uses: 'actions/attest@v4.2.2', with: { 'subject-path': 'x', 'github-token': 't' } }] } } }, definitions)).toEqual([]);
  });
});
