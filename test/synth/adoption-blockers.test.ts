import { readFileSync } from 'fs';
import { join } from 'path';
import { Project } from 'projen';
import { parse } from 'yaml';
import { MaturinRelease, MaturinReleaseOptions, PublishingMode, ReleaseTrigger } from '../../src';
import { Files, NO_CHANGELOG, writeRepository } from '../helpers/adoption-fixtures';
import { OPENDAL, OPENDAL_OPTIONS } from '../helpers/shared-tag-fixture';
import { validateWorkflows } from '../helpers/validators';

/** Synthesis in a repository of `files`: the workflow, the settings, the checklist and what was warned. */
function synth(files: Files, options: MaturinReleaseOptions) {
  const dir = writeRepository(files);
  const project = new Project({ name: 'adopted', outdir: dir });
  const warn = jest.spyOn(project.logger, 'warn').mockImplementation(() => undefined);
  const release = new MaturinRelease(project, options);
  project.synth();
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  const text = read(release.workflowPath);
  return {
    dir,
    text,
    workflow: parse(text),
    config: JSON.parse(read('.github/maturin-release/config.json')),
    checklist: read('RELEASING.md'),
    warnings: warn.mock.calls.map((c) => String(c[0])),
  };
}

function failure(files: Files, options: MaturinReleaseOptions): string {
  try {
    synth(files, options);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synthesis did not fail');
}

/** Every validator's findings, only where there are some. */
function findings(texts: Record<string, string>, environments: Record<string, boolean> = {}) {
  const report = validateWorkflows(texts, {}, [], {}, environments);
  return Object.fromEntries(Object.entries(report).map(([validator, byFile]) =>
    [validator, Object.fromEntries(Object.entries(byFile as Record<string, unknown[]>).filter(([, list]) => list.length > 0))]));
}
const CLEAN = { parser: {}, actionlint: {}, shellcheck: {}, security: {}, inputs: {}, semantic: {} };

describe('publishing.environments: false (nh3 publishes with a token and no environment)', () => {
  const token = { packageName: 'rtoml', publishing: { mode: PublishingMode.TOKEN, environments: false } };

  test('the publish jobs run in no environment, the token is a repository secret, and synthesis says what an environment would add', () => {
    const { workflow, checklist, warnings } = synth(NO_CHANGELOG, token);
    const publish = Object.entries<any>(workflow.jobs).filter(([id]) => id.startsWith('publish'));
    expect(publish.map(([id]) => id)).toEqual(['publish-testpypi', 'publish-pypi']);
    for (const [, job] of publish) expect(job.environment).toBeUndefined();
    expect(publish[1][1].steps.find((s: any) => s.id === 'publish').with.password).toBe('${{ secrets.PYPI_TOKEN }}');
    expect(warnings).toContain('MaturinRelease: publishing.environments is false: the publish jobs run in no GitHub environment, so nothing but the release tag gates an upload. ' +
      'An environment would add environment secrets only its jobs can read (a repository secret is readable by every job of every workflow, on every branch), ' +
      'deployment branch and tag rules (only release tags may publish) and required reviewers (a maintainer approves each upload)');
    expect(checklist).toContain('- [ ] Store it as the repository secret `PYPI_TOKEN` (Settings → Secrets and variables → Actions → New repository secret).');
    expect(checklist).not.toContain('Create the environment');
  });

  test('the workflow passes every validator when told it has no environments; the security rule still catches it otherwise', () => {
    const { text } = synth(NO_CHANGELOG, token);
    expect(findings({ ungated: text }, { ungated: false })).toEqual(CLEAN);
    // The negative control: the same workflow, judged as one that should have environments.
    const security = findings({ ungated: text }).security as Record<string, { rule: string }[]>;
    expect(security.ungated.map((f) => f.rule)).toEqual(expect.arrayContaining(['secrets-in-environment', 'publish-gated']));
  });

  test('the default keeps the environments (the negative control)', () => {
    const { workflow, warnings } = synth(NO_CHANGELOG, { packageName: 'rtoml', publishing: { mode: PublishingMode.TOKEN } });
    expect(workflow.jobs['publish-pypi'].environment.name).toBe('pypi');
    expect(warnings.filter((w) => w.includes('environments'))).toEqual([]);
  });

  test('trusted publishing without an environment is allowed: the publisher on PyPI names none', () => {
    const { workflow, text, checklist, warnings } = synth(NO_CHANGELOG, { packageName: 'rtoml', publishing: { environments: false } });
    expect(workflow.jobs['publish-pypi'].environment).toBeUndefined();
    expect(workflow.jobs['publish-pypi'].permissions['id-token']).toBe('write');
    expect(checklist).toContain('  - Environment name: leave it empty (publishing.environments is false: the publish job runs in no environment)');
    expect(warnings.find((w) => w.includes('publishing.environments is false'))).toMatch(/; the trusted publisher on \(Test\)PyPI must then name no environment$/);
    expect(findings({ trusted: text }, { trusted: false })).toEqual(CLEAN);
  });

  test('an environment name beside environments: false is one clear error', () => {
    expect(failure(NO_CHANGELOG, { packageName: 'rtoml', publishing: { environments: false, pypiEnvironment: 'release' } })).toBe(
      'MaturinRelease: publishing.pypiEnvironment is "release", but publishing.environments is false, so the publish jobs run in no environment; ' +
      'remove publishing.pypiEnvironment, or set publishing.environments to true');
  });
});

/** maturin's own repository (PyO3/maturin at 9ad2a8c, 2026-07-23): setuptools-rust through an in-tree backend, maturin builds the release's wheels and sdist. */
const MATURIN: Files = {
  'Cargo.toml': '[package]\nname = "maturin"\nversion = "1.14.1"\nedition = "2021"\nreadme = "README.md"\n\n[[bin]]\nname = "maturin"\n\n[lib]\nname = "maturin"\n',
  'Cargo.lock': '# This file is automatically @generated by Cargo.\nversion = 4\n\n[[package]]\nname = "maturin"\nversion = "1.14.1"\n',
  'README.md': '# Maturin\n',
  'pyproject.toml': [
    '# Workaround to bootstrap maturin on non-manylinux platforms',
    '[build-system]',
    'requires = [', '    "setuptools>=77.0.0",', '    "tomli>=1.1.0 ; python_version<\'3.11\'",', '    "setuptools-rust>=1.11.0",', ']',
    'backend-path = ["maturin"]', 'build-backend = "bootstrap"', '',
    '[project]', 'name = "maturin"', 'readme = { file = "README.md", content-type = "text/markdown" }', 'requires-python = ">=3.7"', 'dynamic = ["version"]', '',
    '[tool.setuptools]', 'packages = ["maturin"]', '',
    '[tool.maturin]', 'bindings = "bin"', '',
  ].join('\n'),
  'src/main.rs': 'fn main() {}\n',
  'tests/test_cli.py': 'def test_nothing():\n    pass\n',
  // Other maturin packages in the repository, as maturin's test-crates are.
  'test-crates/pyo3-pure/pyproject.toml': '[build-system]\nrequires = ["maturin>=1,<2"]\nbuild-backend = "maturin"\n\n[project]\nname = "pyo3-pure"\n',
};

describe('otherBuildBackend (maturin itself builds with setuptools-rust from its sdist)', () => {
  test('refused without it, with the fix naming the option', () => {
    expect(failure(MATURIN, { packageName: 'maturin' })).toBe('MaturinRelease: pyproject.toml at the repository root is built with "bootstrap", not maturin, not the package\'s: ' +
      'the package is in test-crates/pyo3-pure (its pyproject.toml builds with maturin: pyo3-pure): set packageDirectory: "test-crates/pyo3-pure"; ' +
      'or, if it is the package\'s and maturin builds its wheels, set otherBuildBackend: true');
    const alone = Object.fromEntries(Object.entries(MATURIN).filter(([file]) => !file.startsWith('test-crates/')));
    expect(failure(alone, { packageName: 'maturin' })).toContain('pyproject.toml: [build-system] build-backend is "bootstrap", but the release builds with maturin: ' +
      'set build-backend = "maturin" and requires = ["maturin>=1.7,<2.0"]; or, if maturin builds the wheels and that backend is meant for builds from the sdist ' +
      '(as in maturin\'s own repository), set otherBuildBackend: true');
  });

  test('accepted with it: maturin builds the wheels and the sdist, and synthesis says what the sdist means', () => {
    const { workflow, text, warnings } = synth(MATURIN, { packageName: 'maturin', otherBuildBackend: true, runTests: false });
    const sdist = workflow.jobs['build-sdist'].steps.find((s: any) => s.uses?.startsWith('PyO3/maturin-action'));
    expect(sdist.with.command).toBe('sdist');
    expect(warnings).toContain('MaturinRelease: pyproject.toml: build-backend is "bootstrap" (requires "setuptools>=77.0.0", "tomli>=1.1.0 ; python_version<\'3.11\'", "setuptools-rust>=1.11.0"), ' +
      'not maturin (otherBuildBackend): the release builds the wheels and the sdist with maturin, but pip builds a wheel from that sdist with "bootstrap", ' +
      'so whoever installs from the sdist (a platform without a wheel, or --no-binary) gets that backend\'s build, not the one the release tested; ' +
      'try it once: pip install --no-binary :all: <the sdist>');
    expect(findings({ maturin: text })).toEqual(CLEAN);
  });

  test('the option where pyproject.toml builds with maturin, or with a generated pyproject.toml, is an error', () => {
    expect(failure(NO_CHANGELOG, { packageName: 'rtoml', otherBuildBackend: true })).toContain(
      'pyproject.toml: otherBuildBackend is true, but [build-system] builds with maturin already: remove otherBuildBackend');
    const noPyproject = Object.fromEntries(Object.entries(NO_CHANGELOG).filter(([file]) => file !== 'pyproject.toml'));
    expect(failure(noPyproject, { packageName: 'rtoml', otherBuildBackend: true })).toBe(
      'MaturinRelease: otherBuildBackend is true, but pyproject is managed: the generated pyproject.toml builds with maturin; remove otherBuildBackend, or keep your own pyproject.toml (PyprojectMode.EXISTING)');
  });

  test('the option excuses no missing build-backend: pip would build the sdist with setuptools\' legacy backend', () => {
    const alone = Object.fromEntries(Object.entries(MATURIN).filter(([file]) => !file.startsWith('test-crates/')));
    const noBackend = { ...alone, 'pyproject.toml': alone['pyproject.toml'].replace('build-backend = "bootstrap"\n', '') };
    const error = failure(noBackend, { packageName: 'maturin', otherBuildBackend: true });
    expect(error).toContain('pyproject.toml: [build-system] build-backend is null, but the release builds with maturin: set build-backend = "maturin" and requires = ["maturin>=1.7,<2.0"]');
    expect(error).not.toContain('set otherBuildBackend');
  });
});

describe('sharedTag (apache/opendal: the repository\'s v0.58.2 releases the Python binding 0.47.6)', () => {
  test('the settings say the tag is shared; there is no GitHub Release job; the workflow passes every validator', () => {
    const { workflow, text, config, checklist } = synth(OPENDAL, OPENDAL_OPTIONS);
    expect(config.sharedTag).toBe(true);
    expect(workflow.on.push.tags).toEqual(['v*.*.*']);
    expect(workflow.jobs['github-release']).toBeUndefined();
    expect(checklist).toContain('The tag is shared (sharedTag): it only starts the release, the version is the package\'s own');
    expect(findings({ opendal: text })).toEqual(CLEAN);
    // The negative control: without it the settings carry no such flag.
    expect(synth(OPENDAL, { ...OPENDAL_OPTIONS, sharedTag: undefined, githubRelease: undefined }).config.sharedTag).toBeUndefined();
  });

  test('with the GitHub Release left on, or with releases started by hand, one clear error each', () => {
    expect(failure(OPENDAL, { ...OPENDAL_OPTIONS, githubRelease: undefined })).toBe(
      'MaturinRelease: sharedTag is true, but githubRelease.enabled is unset (true by default): the GitHub Release of a shared tag is the repository\'s, ' +
      'for all its languages, and this package would overwrite its title and notes; set githubRelease: { enabled: false } (the repository\'s own release process makes that Release)');
    expect(failure(OPENDAL, { ...OPENDAL_OPTIONS, releaseTrigger: ReleaseTrigger.DISPATCH })).toBe(
      'MaturinRelease: sharedTag is true, but releaseTrigger is "dispatch", which creates a tag of the package version after publishing, while a shared tag is the repository\'s; ' +
      'push the repository\'s tag to release (remove releaseTrigger), or remove sharedTag to tag the package version');
  });
});

describe('a pyproject.toml that declares no version (messense/py-dissimilar): maturin 1 takes Cargo.toml\'s', () => {
  test('synthesis warns with the fix instead of refusing', () => {
    const pyproject = NO_CHANGELOG['pyproject.toml'] as string;
    expect(pyproject).toContain('dynamic = ["version"]\n');
    const { warnings } = synth({ ...NO_CHANGELOG, 'pyproject.toml': pyproject.replace('dynamic = ["version"]\n', '') }, { packageName: 'rtoml' });
    expect(warnings).toContain('MaturinRelease: pyproject.toml: [project] has neither version nor dynamic = ["version"]: maturin 1 takes the version from Cargo.toml with a warning, '
      + 'and maturin 2 refuses it; add dynamic = ["version"] to [project]');
    // Declared: no warning.
    expect(synth(NO_CHANGELOG, { packageName: 'rtoml' }).warnings.join('\n')).not.toContain('neither version nor dynamic');
  });
});
