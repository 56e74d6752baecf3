import { ActionPinning, MaturinReleaseOptions, PublishingMode, WheelPlatform } from '../../../src/synth/options';
import { ProjectKind, synthRelease } from '../../helpers/synth';
import { ValidationReport, validateWorkflows } from '../../helpers/validators';

const ALL = Object.values(WheelPlatform);

/** A spread of configurations; every generated workflow must pass every validator. */
const CONFIGS: Record<string, { options: MaturinReleaseOptions; kind?: ProjectKind }> = {
  'seed': { options: { packageName: 'dioxide', testRequirements: ['pytest', 'pytest-cov'] } },
  'abi3': { options: { packageName: 'dioxide', abi3: true, pythonVersions: ['3.10', '3.11', '3.12', '3.13'] } },
  'linux-only': { options: { packageName: 'tiny', platforms: [WheelPlatform.LINUX_X86_64], pythonVersions: ['3.12'], sdist: false } },
  'full-platforms': { options: { packageName: 'everything', platforms: ALL, pythonVersions: ['3.11', '3.12', '3.13', '3.14'] } },
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
  for (const [name, { options, kind }] of Object.entries(CONFIGS)) {
    texts[name] = synthRelease(options, kind).yaml;
    pinning[name] = options.actionPinning === ActionPinning.TAG ? 'tag' : 'sha';
  }
  report = validateWorkflows(texts, pinning);
});

describe.each(Object.keys(CONFIGS))('workflow for config "%s"', (name) => {
  test("GitHub's workflow parser reports no error", () => expect(report.parser[name]).toEqual([]));
  test('actionlint 1.7.7 reports no finding', () => expect(report.actionlint[name]).toEqual([]));
  test('shellcheck reports nothing on any bash run: script', () => expect(report.shellcheck[name]).toEqual([]));
  test('our security rules report nothing', () => expect(report.security[name]).toEqual([]));
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
});
