import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Project } from 'projen';
import { parse } from 'yaml';
import { MaturinRelease, MaturinReleaseOptions, VersionSource } from '../../src';
import { GENERATED_FILES_KEY, configDigest } from '../../src/core/generated-files';
import { RELEASE_CONFIG_PATH } from '../../src/core/paths';
import { Files, writeRepository } from '../helpers/adoption-fixtures';
import { IndexChannel, PackageIndex, startPackageIndex } from '../helpers/package-index';
import { runStep, tagPush } from '../helpers/runner';
import { OPENDAL, OPENDAL_OPTIONS } from '../helpers/shared-tag-fixture';

const PUSH = { 'inputs.dry-run': '' };
let index: PackageIndex;
beforeAll(async () => {
  index = await startPackageIndex();
});
afterAll(() => index.stop());

/** opendal's layout synthesized, its settings pointed at the stand-in index (and recorded again, as "npx projen" would). */
function repository(files: Files = OPENDAL, options: Partial<MaturinReleaseOptions> = {}) {
  const dir = writeRepository(files, 'shared-tag-');
  const project = new Project({ name: 'opendal', outdir: dir });
  const release = new MaturinRelease(project, { ...OPENDAL_OPTIONS, ...options });
  project.synth();
  const path = join(dir, RELEASE_CONFIG_PATH);
  const config = JSON.parse(readFileSync(path, 'utf8'));
  for (const channel of Object.keys(config.indexes) as IndexChannel[]) config.indexes[channel] = index.endpoints(channel);
  config[GENERATED_FILES_KEY].sha256[RELEASE_CONFIG_PATH] = configDigest(config);
  writeFileSync(path, JSON.stringify(config, null, 2) + '\n');
  const workflow = parse(readFileSync(join(dir, release.workflowPath), 'utf8'));
  return { dir, plan: workflow.jobs.plan.steps.find((s: any) => s.id === 'plan') };
}

/** The index's request log, once the stand-in's output has been read (the steps block this process while they run). */
async function requests(): Promise<string[]> {
  await new Promise((resolve) => setTimeout(resolve, 200));
  return index.requests();
}

/** A wheel of `version` on the index's `channel`, as an earlier release would have left it. */
function published(channel: IndexChannel, version: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'published-'));
  const file = join(dir, `opendal-${version}-cp311-abi3-manylinux_2_17_x86_64.whl`);
  writeFileSync(file, 'an earlier upload');
  index.upload(channel, [file], true);
}

describe('a shared tag: the repository\'s v0.58.2 releases the Python binding at its own version', () => {
  test('tag v0.58.2 with bindings/python/Cargo.toml at 0.47.6: version 0.47.6 to PyPI, after asking PyPI whether it is there', async () => {
    const repo = repository();
    const run = runStep(repo.plan, repo.dir, tagPush('v0.58.2'), PUSH);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.outputs).toEqual({ tag: 'v0.58.2', version: '0.47.6', pep440: '0.47.6', channel: 'pypi', prerelease: 'false', publish: 'true' });
    expect(run.summary).toContain('| tag | the repository\'s, shared: the version is the package\'s own (Cargo.toml) |');
    // The release notes are the package version's CHANGELOG section.
    expect(run.summary).toContain('- Python binding release');
    expect(await requests()).toContain('/pypi/pypi/opendal/0.47.6/json');
  });

  test('0.47.7rc1 in the package\'s pyproject.toml: a pre-release of the package version, to TestPyPI', async () => {
    const files = {
      ...OPENDAL,
      'bindings/python/pyproject.toml': OPENDAL['bindings/python/pyproject.toml'].replace('dynamic = [\'version\']', 'version = "0.47.7rc1"'),
      'bindings/python/CHANGELOG.md': OPENDAL['bindings/python/CHANGELOG.md'].replace('## [0.47.6]', '## [0.47.7rc1]\n\n- A release candidate\n\n## [0.47.6]'),
    };
    const repo = repository(files, { versionSource: VersionSource.PYPROJECT });
    const run = runStep(repo.plan, repo.dir, tagPush('v0.58.3'), PUSH);
    expect(run.stderr).toBe('');
    expect(run.outputs).toEqual({ tag: 'v0.58.3', version: '0.47.7rc1', pep440: '0.47.7rc1', channel: 'testpypi', prerelease: 'true', publish: 'true' });
    expect(await requests()).toContain('/testpypi/pypi/opendal/0.47.7rc1/json');
  });

  test('a package version already on the index stops the release before anything is built', () => {
    const repo = repository();
    published('pypi', '0.47.5');
    const files = { ...OPENDAL, 'bindings/python/Cargo.toml': OPENDAL['bindings/python/Cargo.toml'].replace('"0.47.6"', '"0.47.5"') };
    const stale = repository({ ...files, 'bindings/python/CHANGELOG.md': OPENDAL['bindings/python/CHANGELOG.md'].replace('0.47.6', '0.47.5') });
    const run = runStep(stale.plan, stale.dir, tagPush('v0.58.4'), PUSH);
    expect(run.status).toBe(1);
    expect(run.outputs).toEqual({});
    expect(run.stderr).toContain('opendal==0.47.5 is on PyPI already');
    expect(run.stderr).toContain('bump the package version');
    // The negative control: the version not on the index goes ahead.
    expect(runStep(repo.plan, repo.dir, tagPush('v0.58.4'), PUSH).status).toBe(0);
  });

  test('a dry run names no tag (the repository has not made one) and asks no index', async () => {
    const repo = repository();
    const before = (await requests()).length;
    const dispatch = { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' };
    const run = runStep(repo.plan, repo.dir, dispatch, { 'inputs.dry-run': 'true' });
    expect(run.stderr).toBe('');
    expect(run.outputs).toEqual({ tag: '', version: '0.47.6', pep440: '0.47.6', channel: 'pypi', prerelease: 'false', publish: 'false' });
    expect(run.summary).toContain('## Release opendal 0.47.6');
    expect((await requests()).length).toBe(before);
  });

  test('the tag must still match tagPattern', () => {
    const repo = repository();
    const run = runStep(repo.plan, repo.dir, tagPush('bindings-python-1'), PUSH);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('tag "bindings-python-1" does not match the release tag pattern "v*.*.*"');
  });

  test('without sharedTag the same tag stops: the tag is the version (the negative control)', () => {
    const repo = repository(OPENDAL, { sharedTag: undefined });
    const run = runStep(repo.plan, repo.dir, tagPush('v0.58.2'), PUSH);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('tag "v0.58.2" is version 0.58.2, but bindings/python/Cargo.toml says 0.47.6');
  });
});
