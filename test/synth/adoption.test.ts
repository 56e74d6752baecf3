import { existsSync, readFileSync, readdirSync } from 'fs';
import { join, relative } from 'path';
import { Project } from 'projen';
import { parse } from 'yaml';
import {
  Bindings, MaturinRelease, MaturinReleaseOptions, PublishingMode, PyprojectMode, ReleaseNotes, ReleaseTrigger, VersionSource,
} from '../../src';
import { Files, JITER, NO_CHANGELOG, POLARS, POLARS_PACKAGES, RUFF, TOKENIZERS, changedFiles, writeRepository } from '../helpers/adoption-fixtures';
import { validateWorkflows } from '../helpers/validators';

/** What `.projenrc.ts` does: a project in the repository, one MaturinRelease per package, synthesis. */
function adopt(files: Files, ...packages: MaturinReleaseOptions[]) {
  const dir = writeRepository(files);
  const project = new Project({ name: 'adopted', outdir: dir });
  const releases = packages.map((options) => new MaturinRelease(project, options));
  project.synth();
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  return {
    dir,
    read,
    workflows: releases.map((r) => ({ path: r.workflowPath, text: read(r.workflowPath), workflow: parse(read(r.workflowPath)) })),
    config: (path = '.github/maturin-release/config.json') => JSON.parse(read(path)),
  };
}

/** The error synthesis fails with, or undefined. */
function failure(files: Files, ...packages: MaturinReleaseOptions[]): string | undefined {
  try {
    adopt(files, ...packages);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

const step = (workflow: any, job: string, id: string) => workflow.jobs[job].steps.find((s: any) => s.id === id);

/** Each real-repository shape with the configuration that adopts it. */
const SHAPES: [string, Files, MaturinReleaseOptions[]][] = [
  ['tokenizers (bindings/python)', TOKENIZERS, [{ packageName: 'tokenizers', packageDirectory: 'bindings/python', changelogFile: 'bindings/python/CHANGELOG.md' }]],
  ['jiter (uv and Cargo workspace, crates/jiter-python)', JITER, [{ packageName: 'jiter', packageDirectory: 'crates/jiter-python' }]],
  ['polars (two packages)', POLARS, POLARS_PACKAGES],
  ['no changelog (GitHub notes, abi3-py38)', NO_CHANGELOG, [{ packageName: 'rtoml' }]],
  ['ruff (release started by hand)', RUFF, [{ packageName: 'ruff', versionSource: VersionSource.PYPROJECT, releaseTrigger: ReleaseTrigger.DISPATCH }]],
];

/** Every file under `dir` with its content. */
function tree(dir: string): Files {
  const found: Files = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else found[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return found;
}

describe.each(SHAPES)('%s', (_, files, packages) => {
  test('synthesizes, every file of the repository stays byte for byte, and a second synthesis changes nothing', () => {
    const repo = adopt(files, ...packages);
    expect(changedFiles(repo.dir, files)).toEqual([]);
    for (const { workflow } of repo.workflows) expect(Object.keys(workflow.jobs)).toContain('plan');
    const first = tree(repo.dir);
    const again = new Project({ name: 'adopted', outdir: repo.dir });
    for (const options of packages) new MaturinRelease(again, options);
    again.synth();
    expect(tree(repo.dir)).toEqual(first);
  });
});

test('every generated workflow passes GitHub\'s parser, actionlint, shellcheck, the security rules and the action-input check with zero findings', () => {
  const texts: Record<string, string> = {};
  for (const [name, files, packages] of SHAPES) {
    for (const { path, text } of adopt(files, ...packages).workflows) texts[`${name.split(' ')[0]}-${path.split('/').pop()!.replace('.yml', '')}`] = text;
  }
  expect(Object.keys(texts)).toHaveLength(6);
  const report = validateWorkflows(texts);
  const findings = Object.fromEntries(Object.entries(report).map(([validator, byFile]) =>
    [validator, Object.fromEntries(Object.entries(byFile as Record<string, unknown[]>).filter(([, list]) => list.length > 0))]));
  expect(findings).toEqual({ parser: {}, actionlint: {}, shellcheck: {}, security: {}, inputs: {}, semantic: {} });
});

describe('the package in a subdirectory: every step points at it', () => {
  test('tokenizers: maturin and the sdist run in bindings/python, uploads and tests come from there', () => {
    const { workflows: [{ workflow }], config, read } = adopt(TOKENIZERS, SHAPES[0][2][0]);
    for (const job of Object.keys(workflow.jobs).filter((j) => j.startsWith('build-'))) {
      expect(step(workflow, job, 'build').with['working-directory']).toBe('bindings/python');
      expect(step(workflow, job, 'upload').with.path).toBe(job === 'build-sdist' ? 'bindings/python/dist/*.tar.gz' : 'bindings/python/dist/*.whl');
    }
    expect(step(workflow, 'test-linux-x86_64-3-11', 'test-3-11').run).toContain('cp -R bindings/python/tests "$tests_dir/"');
    // abi3 follows the crate's abi3-py39, and the notes its own changelog.
    expect(config()).toMatchObject({ packageDirectory: 'bindings/python', releaseNotes: 'changelog', changelogFile: 'bindings/python/CHANGELOG.md' });
    expect(config().expectedDistributions[0]).toMatchObject({ pythonTag: 'cp39', abiTag: 'abi3' });
    expect(read('RELEASING.md')).toContain('The package is in `bindings/python`: maturin runs there, and the tests copy `bindings/python/tests`.');
  });

  test('jiter: the version is the workspace\'s, no CHANGELOG is created, notes come from GitHub', () => {
    const repo = adopt(JITER, SHAPES[1][2][0]);
    expect(existsSync(join(repo.dir, 'CHANGELOG.md'))).toBe(false);
    expect(repo.config()).toMatchObject({ packageDirectory: 'crates/jiter-python', releaseNotes: 'github', changelogRequired: false });
    expect(step(repo.workflows[0].workflow, 'build-linux-x86_64', 'build').with['working-directory']).toBe('crates/jiter-python');
    const checklist = repo.read('RELEASING.md');
    expect(checklist).toContain('The version lives in `Cargo.toml` `[workspace.package].version`, which `crates/jiter-python/Cargo.toml` inherits (`version.workspace = true`)');
    expect(checklist).toContain('a GitHub Release with notes generated by GitHub');
    expect(checklist).not.toContain('## [Unreleased]');
  });

  test('the negative control: without packageDirectory nothing points there', () => {
    const { workflows: [{ workflow }] } = adopt(NO_CHANGELOG, { packageName: 'rtoml' });
    expect(step(workflow, 'build-linux-x86_64', 'build').with['working-directory']).toBeUndefined();
    expect(step(workflow, 'build-linux-x86_64', 'upload').with.path).toBe('dist/*.whl');
  });
});

describe('several packages in one repository', () => {
  test('each has its own workflow, settings file, tags, concurrency group and environments; the tools, tasks and checklist file are shared', () => {
    const repo = adopt(POLARS, ...POLARS_PACKAGES);
    const [python, cli] = repo.workflows;
    expect(python.workflow.name).toBe('Release polars');
    expect(cli.workflow.name).toBe('Release polars-cli');
    expect(python.workflow.on.push.tags).toEqual(['py-*.*.*']);
    expect(cli.workflow.on.push.tags).toEqual(['cli-v*.*.*']);
    expect(python.workflow.concurrency.group).toBe('release-python-${{ github.event_name == \'workflow_dispatch\' && \'dry-run-\' || \'\' }}${{ github.ref }}');
    expect(cli.workflow.concurrency.group).toBe('release-cli-${{ github.event_name == \'workflow_dispatch\' && \'dry-run-\' || \'\' }}${{ github.ref }}');
    expect(step(python.workflow, 'plan', 'plan').run).toBe('node .github/maturin-release/release-tools.cjs --config=.github/maturin-release/release-python.config.json plan');
    expect(step(cli.workflow, 'plan', 'plan').run).toBe('node .github/maturin-release/release-tools.cjs --config=.github/maturin-release/release-cli.config.json plan');
    expect(repo.config('.github/maturin-release/release-python.config.json')).toMatchObject({ packageName: 'polars', packageDirectory: 'py-polars', tagPattern: 'py-*.*.*' });
    expect(repo.config('.github/maturin-release/release-cli.config.json')).toMatchObject({ packageName: 'polars-cli', packageDirectory: 'crates/polars-cli' });
    expect(existsSync(join(repo.dir, '.github/maturin-release/config.json'))).toBe(false);
    expect(python.workflow.jobs['publish-pypi'].environment.name).toBe('pypi-polars');
    expect(cli.workflow.jobs['publish-pypi'].environment.name).toBe('pypi-polars-cli');
    // The CLI is a `bin` package: pyproject.toml says so, and it builds one py3-none wheel per platform.
    expect(repo.config('.github/maturin-release/release-cli.config.json').expectedDistributions[0]).toMatchObject({ pythonTag: 'py3', abiTag: 'none' });
    const checklist = repo.read('RELEASING.md');
    expect(checklist).toMatch(/^<!-- ~~ Generated by projen[^\n]*-->\n\n# Releasing\n\nThis repository releases 2 packages, each from its own workflow, tags and settings: polars, polars-cli\./);
    expect(checklist).toContain('\n## Releasing polars\n');
    expect(checklist).toContain('\n## Releasing polars-cli\n');
    // polars-cli is at 0.9.0 (its own Cargo.toml): the steps release the next version, not 0.1.0.
    expect(checklist).toContain('`npx projen release:prepare 0.9.1 --package polars-cli`');
    const tasks = JSON.parse(repo.read('.projen/tasks.json')).tasks;
    expect(Object.keys(tasks).filter((t) => t.startsWith('release:')).sort()).toEqual(['release:check', 'release:notes', 'release:plan', 'release:preflight', 'release:prepare', 'release:rehearse']);
  });

  /** Adopts the two polars packages, applying each setting a failure suggests, until synthesis passes. */
  test('what is shared by accident fails, and applying each suggested setting makes it pass', () => {
    const bare: MaturinReleaseOptions[] = [
      { packageName: 'polars', packageDirectory: 'py-polars' },
      { packageName: 'polars-cli', packageDirectory: 'crates/polars-cli' },
    ];
    const applied: string[] = [];
    let second: Record<string, unknown> = { ...bare[1] };
    for (let attempt = 0; attempt < 5; attempt++) {
      const message = failure(POLARS, bare[0], second as unknown as MaturinReleaseOptions);
      if (message === undefined) break;
      const workflow = /e\.g\. workflowName: "([^"]+)"/.exec(message)?.[1];
      const tag = /e\.g\. tagPattern: "([^"]+)"/.exec(message)?.[1];
      const environments = /e\.g\. publishing: \{ pypiEnvironment: "([^"]+)", testPypiEnvironment: "([^"]+)" \}/.exec(message);
      if (workflow) second = { ...second, workflowName: workflow };
      else if (tag) second = { ...second, tagPattern: tag };
      else if (environments) second = { ...second, publishing: { pypiEnvironment: environments[1], testPypiEnvironment: environments[2] } };
      else throw new Error(`no setting suggested in: ${message}`);
      applied.push(workflow ? 'workflowName' : tag ? 'tagPattern' : 'environments');
    }
    expect(applied).toEqual(['workflowName', 'tagPattern', 'environments']);
    expect(second).toMatchObject({ workflowName: 'release-polars-cli', tagPattern: 'polars-cli-v*.*.*', publishing: { pypiEnvironment: 'pypi-polars-cli' } });
    expect(failure(POLARS, bare[0], second as unknown as MaturinReleaseOptions)).toBeUndefined();
  });

  test('a changelog shared by packages with versions of their own fails, with a file of its own suggested; one version source may share it', () => {
    const withChangelog = { ...POLARS, 'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n' };
    const notes = { releaseNotes: ReleaseNotes.CHANGELOG };
    const message = failure(withChangelog, { ...POLARS_PACKAGES[0], ...notes }, { ...POLARS_PACKAGES[1], ...notes })!;
    expect(message).toContain('CHANGELOG.md would hold the release sections of both packages "polars" and "polars-cli", which have versions of their own');
    const own = /changelogFile, e\.g\. "([^"]+)"/.exec(message)![1];
    expect(own).toBe('crates/polars-cli/CHANGELOG.md');
    expect(failure(withChangelog, { ...POLARS_PACKAGES[0], ...notes }, { ...POLARS_PACKAGES[1], ...notes, changelogFile: own })).toBeUndefined();
    // Two distributions of one crate (a variant of polars with its own pyproject.toml) share its version, and may share its changelog.
    const variantFiles = {
      ...withChangelog,
      'py-polars-lts-cpu/pyproject.toml': POLARS['py-polars/pyproject.toml'].replace('name = "polars"', 'name = "polars-lts-cpu"')
        .replace('[tool.maturin]', '[tool.maturin]\nmanifest-path = "../py-polars/Cargo.toml"'),
    };
    const variant: MaturinReleaseOptions = {
      ...notes,
      packageName: 'polars-lts-cpu',
      packageDirectory: 'py-polars-lts-cpu',
      tagPattern: 'lts-cpu-*.*.*',
      workflowName: 'release-lts-cpu',
      publishing: { pypiEnvironment: 'pypi-lts-cpu', testPypiEnvironment: 'testpypi-lts-cpu' },
    };
    expect(failure(variantFiles, { ...POLARS_PACKAGES[0], ...notes }, variant)).toBeUndefined();
  });
});

describe('a release started by hand (ruff)', () => {
  test('runs on workflow_dispatch with a version and the dry-run default; tags after verifying, before the GitHub Release', () => {
    const { workflows: [{ workflow }], config } = adopt(RUFF, SHAPES[4][2][0]);
    expect(Object.keys(workflow.on)).toEqual(['workflow_dispatch']);
    expect(workflow.on.workflow_dispatch.inputs['dry-run']).toMatchObject({ type: 'boolean', default: true });
    expect(workflow.on.workflow_dispatch.inputs.version).toMatchObject({ type: 'string', required: false });
    expect(step(workflow, 'plan', 'plan').env).toMatchObject({ RELEASE_VERSION: '${{ inputs.version }}', GH_TOKEN: '${{ github.token }}' });
    const tag = workflow.jobs.tag;
    expect(tag.permissions).toEqual({ contents: 'write' });
    expect(tag.needs).toEqual(['plan', 'publish-testpypi', 'publish-pypi', 'verify']);
    expect(step(workflow, 'tag', 'tag')).toMatchObject({ run: 'node .github/maturin-release/release-tools.cjs create-tag', env: { TAG_SHA: '${{ github.sha }}' } });
    expect(workflow.jobs['github-release'].needs).toContain('tag');
    expect(workflow.jobs['github-release'].if).toContain("needs.tag.result == 'success'");
    // The crate is found through [tool.maturin] manifest-path, and pyproject.toml's bindings = "bin" is followed.
    expect(config()).toMatchObject({ releaseTrigger: 'dispatch', versionSource: 'pyproject', releaseNotes: 'changelog' });
    expect(config().expectedDistributions[0]).toMatchObject({ pythonTag: 'py3', abiTag: 'none' });
  });

  test('the negative control: a tag-driven release has no tag job and no version input', () => {
    const { workflows: [{ workflow }] } = adopt(RUFF, { packageName: 'ruff', versionSource: VersionSource.PYPROJECT });
    expect(workflow.jobs.tag).toBeUndefined();
    expect(workflow.on.push.tags).toEqual(['v*.*.*']);
    expect(workflow.on.workflow_dispatch.inputs.version).toBeUndefined();
  });
});

describe('the package location: a suggested setting is tested by applying it', () => {
  test.each<[string, Files, string]>([
    ['jiter: the root pyproject.toml is a uv workspace root', JITER, 'pyproject.toml at the repository root is a uv workspace root, not the package\'s: the package is in crates/jiter-python'],
    ['tokenizers: no crate at the root', TOKENIZERS, 'the repository root has no Cargo.toml (nor a pyproject.toml that builds with maturin): the package is in bindings/python'],
  ])('%s', (_, files, message) => {
    const options: MaturinReleaseOptions = { packageName: files === JITER ? 'jiter' : 'tokenizers' };
    const error = failure(files, options)!;
    expect(error).toContain(message);
    const directory = /set packageDirectory: "([^"]+)"/.exec(error)![1];
    const repo = adopt(files, { ...options, packageDirectory: directory, ...(files === TOKENIZERS ? { changelogFile: 'bindings/python/CHANGELOG.md' } : {}) });
    expect(changedFiles(repo.dir, files)).toEqual([]);
    // Never a managed pyproject.toml at the root, which would build nothing.
    const root = join(repo.dir, 'pyproject.toml');
    expect(existsSync(root) && readFileSync(root, 'utf8').includes('Generated by projen')).toBe(false);
  });

  test('a uv workspace root without any package to point at says what to set, and never to make the root a maturin package', () => {
    const files = { 'pyproject.toml': JITER['pyproject.toml'], 'Cargo.toml': '[package]\nname = "x"\nversion = "1.0.0"\n' };
    const error = failure(files, { packageName: 'jiter' })!;
    expect(error).toContain('pyproject.toml at the repository root is a uv workspace root, not the package\'s: set packageDirectory to the directory of the package\'s pyproject.toml');
    expect(error).not.toContain('build-backend');
  });

  test('a package directory that does not exist is named, with the candidates', () => {
    expect(failure(JITER, { packageName: 'jiter', packageDirectory: 'crates/jiter-py' }))
      .toBe('MaturinRelease: packageDirectory is "crates/jiter-py", which is not a directory of the repository; the package is in crates/jiter-python ' +
        '(its pyproject.toml builds with maturin: jiter): set packageDirectory: "crates/jiter-python"');
  });
});

describe('existing-mode checks: strict for contradictions, quiet for normal shapes', () => {
  const jiter = (files: Files, options: Partial<MaturinReleaseOptions> = {}) =>
    failure({ ...JITER, ...files }, { packageName: 'jiter', packageDirectory: 'crates/jiter-python', ...options });
  const pyproject = JITER['crates/jiter-python/pyproject.toml'];

  test.each<[string, Files, Partial<MaturinReleaseOptions>, string]>([
    ['a static version beside a Cargo version source', { 'crates/jiter-python/pyproject.toml': pyproject.replace('dynamic = ["version"]', 'version = "0.10.0"') }, {},
      'crates/jiter-python/pyproject.toml: [project] has a static version "0.10.0" but versionSource is "cargo"'],
    ['another build backend for the package', { 'crates/jiter-python/pyproject.toml': pyproject.replace('build-backend = "maturin"', 'build-backend = "hatchling.build"') }, {},
      'crates/jiter-python/pyproject.toml: [build-system] build-backend is "hatchling.build", but the release builds with maturin'],
    ['abi3 turned on while the crate has no abi3 feature', {}, { abi3: true }, 'abi3 is enabled but crates/jiter-python/Cargo.toml\'s pyo3 dependency has no abi3 feature'],
    ['bindings that contradict [tool.maturin]', {}, { bindings: Bindings.CFFI }, 'bindings is "cffi", but pyproject.toml [tool.maturin] bindings says "pyo3"'],
  ])('%s fails', (_, files, options, message) => {
    expect(jiter(files, options)).toContain(message);
  });

  test.each<[string, Files]>([
    ['a workspace root pyproject.toml', {}],
    ['a root pyproject.toml with a bootstrap backend', { 'pyproject.toml': '[build-system]\nrequires = []\nbuild-backend = "bootstrap"\nbackend-path = ["tools"]\n' }],
    ['an in-tree backend that wraps maturin', { 'crates/jiter-python/pyproject.toml': pyproject.replace('build-backend = "maturin"', 'build-backend = "build_backend"\nbackend-path = ["_build"]') }],
    ['an abi3 feature the crate only offers, not enables', { 'crates/jiter-python/Cargo.toml': `${JITER['crates/jiter-python/Cargo.toml']}\n[features]\nabi3 = ["pyo3/abi3-py39"]\n` }],
  ])('%s passes', (_, files) => {
    expect(jiter(files)).toBeUndefined();
  });

  test('abi3-py38 with newer interpreters: one cp38-abi3 wheel per platform, no option needed', () => {
    const repo = adopt(NO_CHANGELOG, { packageName: 'rtoml' });
    expect(repo.config().expectedDistributions.filter((d: any) => d.kind === 'wheel').map((d: any) => `${d.pythonTag}-${d.abiTag}`)).toEqual(Array(5).fill('cp38-abi3'));
    // An explicit contradiction is still an error.
    expect(failure(NO_CHANGELOG, { packageName: 'rtoml', abi3: true, abi3MinimumPython: '3.11' })).toContain('Cargo.toml enables pyo3 feature "abi3-py38" but abi3MinimumPython is "3.11"');
  });
});

describe('the fix each wiring error suggests works when applied, and leaves the other files alone', () => {
  const tokenizers: MaturinReleaseOptions = { packageName: 'tokenizers', packageDirectory: 'bindings/python', changelogFile: 'bindings/python/CHANGELOG.md' };

  test('no pyproject.toml in the package directory: PyprojectMode.MANAGED writes it there, not at the root', () => {
    const files = { ...TOKENIZERS };
    delete files['bindings/python/pyproject.toml'];
    const error = failure(files, { ...tokenizers, pyproject: PyprojectMode.EXISTING })!;
    expect(error).toBe('MaturinRelease: pyproject is "existing" but there is no bindings/python/pyproject.toml: add one, or use PyprojectMode.MANAGED to generate it there');
    const repo = adopt(files, { ...tokenizers, pyproject: PyprojectMode.MANAGED });
    expect(changedFiles(repo.dir, files)).toEqual([]);
    expect(repo.read('bindings/python/pyproject.toml')).toContain('name = "tokenizers"');
    expect(existsSync(join(repo.dir, 'pyproject.toml'))).toBe(false);
  });

  test('a static version beside Cargo: removing it and adding dynamic = ["version"], as suggested', () => {
    const pyproject = JITER['crates/jiter-python/pyproject.toml'];
    const files = { ...JITER, 'crates/jiter-python/pyproject.toml': pyproject.replace('dynamic = ["version"]', 'version = "0.10.0"') };
    const options = { packageName: 'jiter', packageDirectory: 'crates/jiter-python' };
    expect(failure(files, options)).toContain('remove it and add dynamic = ["version"], so Cargo.toml is the one version source');
    const fixed = { ...files, 'crates/jiter-python/pyproject.toml': files['crates/jiter-python/pyproject.toml'].replace('version = "0.10.0"', 'dynamic = ["version"]') };
    expect(failure(fixed, options)).toBeUndefined();
  });

  test('abi3 turned off against the crate\'s abi3-py38: the suggested options pass', () => {
    const error = failure(NO_CHANGELOG, { packageName: 'rtoml', abi3: false })!;
    const suggested = /set abi3: true, abi3MinimumPython: "([^"]+)"/.exec(error)![1];
    expect(suggested).toBe('3.8');
    expect(failure(NO_CHANGELOG, { packageName: 'rtoml', abi3: true, abi3MinimumPython: suggested })).toBeUndefined();
  });
});

test('a release started by hand with token publishing and without a GitHub Release: the tag job alone writes, and the workflow validates', () => {
  const { workflows: [{ workflow, text }] } = adopt(RUFF, {
    packageName: 'ruff',
    versionSource: VersionSource.PYPROJECT,
    releaseTrigger: ReleaseTrigger.DISPATCH,
    githubRelease: { enabled: false },
    publishing: { mode: PublishingMode.TOKEN },
  });
  expect(workflow.jobs['github-release']).toBeUndefined();
  expect(Object.entries<any>(workflow.jobs).filter(([, job]) => job.permissions.contents === 'write').map(([id]) => id)).toEqual(['tag']);
  const report = validateWorkflows({ ruff: text });
  for (const byFile of Object.values(report)) expect(byFile.ruff).toEqual([]);
});
