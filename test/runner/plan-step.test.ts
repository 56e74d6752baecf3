import { existsSync } from 'fs';
import { ReleaseNotes, ReleaseTrigger } from '../../src/synth/options';
import { fakeGitHub } from '../helpers/fake-gh';
import { CHANGELOG, fixtureRepo } from '../helpers/fixture-repo';
import { runStep, tagPush } from '../helpers/runner';

/** The plan job's run step, exactly as generated. */
const planStep = (workflow: any) => workflow.jobs.plan.steps.find((s: any) => s.id === 'plan');
const PUSH = { 'inputs.dry-run': '' };

describe('the plan step, run as a runner runs it', () => {
  test.each([
    ['v0.0.1-alpha', '0.0.1-alpha', '0.0.1a0', 'testpypi', 'true'],
    ['v0.1.0-beta.2', '0.1.0-beta.2', '0.1.0b2', 'testpypi', 'true'],
    ['v1.0.0-rc.1', '1.0.0-rc.1', '1.0.0rc1', 'testpypi', 'true'],
    ['v1.0.0', '1.0.0', '1.0.0', 'pypi', 'false'],
  ])('tag %s → version %s (%s) on %s, pre-release %s', (tag, version, pep440, channel, prerelease) => {
    const repo = fixtureRepo({}, version);
    const run = runStep(planStep(repo.workflow), repo.dir, tagPush(tag), PUSH);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.outputs).toEqual({ tag, version, pep440, channel, prerelease, publish: 'true' });
    expect(run.summary).toContain(`## Release ${tag}`);
  });

  test('a tag equal by PEP 440 matches: v0.0.2a1 against Cargo 0.0.2-alpha.1', () => {
    const repo = fixtureRepo({}, '0.0.2-alpha.1');
    repo.write('CHANGELOG.md', `${CHANGELOG}\n## [0.0.2a1]\n- x\n`);
    const run = runStep(planStep(repo.workflow), repo.dir, tagPush('v0.0.2a1'), PUSH);
    expect(run.status).toBe(0);
    expect(run.outputs.pep440).toBe('0.0.2a1');
  });

  test('with TestPyPI off, a pre-release goes to PyPI', () => {
    const repo = fixtureRepo({ publishing: { testPypi: false } }, '1.0.0-rc.1');
    expect(runStep(planStep(repo.workflow), repo.dir, tagPush('v1.0.0-rc.1'), PUSH).outputs.channel).toBe('pypi');
  });

  test.each([
    ['release-1.0.0', /does not match the release tag pattern "v\*\.\*\.\*"/],
    ['v1.0', /does not match the release tag pattern/],
    ['v1.0.0-foo', /"1.0.0-foo" is not a PEP 440 version/],
    ['v1.0.1', /tag "v1.0.1" is version 1.0.1, but Cargo.toml says 1.0.0/],
  ])('tag %s stops the release with a message', (tag, message) => {
    const repo = fixtureRepo({}, '1.0.0');
    const run = runStep(planStep(repo.workflow), repo.dir, tagPush(tag), PUSH);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^::error::/);
    expect(run.stderr).toMatch(message);
    expect(run.outputs).toEqual({});
  });

  test.each([
    ['v1.0.0$(touch pwned)'],
    ['v1.0.0;touch pwned'],
    ['v1.0.0`touch pwned`'],
    [`v1.0.0-${'9'.repeat(300)}`],
  ])('hostile tag %j is rejected and never executed', (tag) => {
    const repo = fixtureRepo({}, '1.0.0');
    const run = runStep(planStep(repo.workflow), repo.dir, tagPush(tag), PUSH);
    expect(run.status).toBe(1);
    expect(existsSync(`${repo.dir}/pwned`)).toBe(false);
    expect(run.stderr.length).toBeLessThan(1000);
  });

  test('a missing CHANGELOG section stops the release, naming version and file', () => {
    const repo = fixtureRepo({}, '2.0.0');
    const run = runStep(planStep(repo.workflow), repo.dir, tagPush('v2.0.0'), PUSH);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('CHANGELOG.md has no section for version 2.0.0');
  });

  test('a branch push is not a release', () => {
    const repo = fixtureRepo();
    const run = runStep(planStep(repo.workflow), repo.dir, { GITHUB_EVENT_NAME: 'push', GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' }, PUSH);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('this push is to the branch "main"');
  });

  test('a manual dry run plans the current version and never publishes', () => {
    const repo = fixtureRepo({}, '1.0.0-rc.1');
    const dispatch = { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' };
    const run = runStep(planStep(repo.workflow), repo.dir, dispatch, { 'inputs.dry-run': 'true' });
    expect(run.status).toBe(0);
    expect(run.outputs).toEqual({ tag: 'v1.0.0-rc.1', version: '1.0.0-rc.1', pep440: '1.0.0rc1', channel: 'testpypi', prerelease: 'true', publish: 'false' });
    const unreachable = fixtureRepo({ versionSource: 'pyproject' as any }, '1.0.0', {
      'pyproject.toml': '[build-system]\nbuild-backend = "maturin"\n[project]\nname = "dioxide"\nversion = "1.0"\n',
    });
    const never = runStep(planStep(unreachable.workflow), unreachable.dir, dispatch, { 'inputs.dry-run': 'true' });
    expect(never.status).toBe(1);
    expect(never.stderr).toContain('would be tagged "v1.0", which does not match the release tag pattern "v*.*.*"');
    const real = runStep(planStep(repo.workflow), repo.dir, dispatch, { 'inputs.dry-run': 'false' });
    expect(real.status).toBe(1);
    expect(real.stderr).toContain('a manual run is always a dry run');
  });
});

describe('a release started by hand (releaseTrigger DISPATCH), run as a runner runs it', () => {
  const DISPATCH = { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main', GITHUB_REPOSITORY: 'octo/dioxide' };
  const inputs = (version: string, dryRun: boolean) => ({ 'inputs.dry-run': String(dryRun), 'inputs.version': version, 'github.token': 'ghs_x' });
  const setup = (cargoVersion = '1.0.0', tags: string[] = []) => {
    const repo = fixtureRepo({ releaseTrigger: ReleaseTrigger.DISPATCH }, cargoVersion);
    const github = fakeGitHub({ tags, tagCommits: Object.fromEntries(tags.map((t) => [t, 'a'.repeat(40)])) });
    const run = (version: string, dryRun: boolean, github2 = github) =>
      runStep(planStep(repo.workflow), repo.dir, DISPATCH, inputs(version, dryRun), { PATH: `${github2.bin}:${process.env.PATH}` });
    return { repo, github, run };
  };

  test('the version input releases that version: publish, with the tag it will create', () => {
    const { run, github } = setup('1.0.0-rc.1');
    const result = run('1.0.0-rc.1', false);
    expect(result.stderr).toBe('');
    expect(result.outputs).toEqual({ tag: 'v1.0.0-rc.1', version: '1.0.0-rc.1', pep440: '1.0.0rc1', channel: 'testpypi', prerelease: 'true', publish: 'true' });
    expect(result.summary).toContain('| tag | created on this commit after publishing |');
    // It asked GitHub whether the tag is taken.
    expect(github.calls()).toEqual([['api', '--method=GET', '--', 'repos/octo/dioxide/git/ref/tags/v1.0.0-rc.1']]);
    // The tag prefix may be typed too.
    expect(run('v1.0.0-rc.1', false).outputs.tag).toBe('v1.0.0-rc.1');
  });

  test('a dry run without a version rehearses the current one and asks GitHub nothing', () => {
    const { run, github } = setup('1.0.0');
    const result = run('', true);
    expect(result.status).toBe(0);
    expect(result.outputs).toMatchObject({ tag: 'v1.0.0', version: '1.0.0', publish: 'false' });
    expect(github.calls()).toEqual([]);
  });

  test.each([
    ['no version', '', [], 'a release needs the version to release: run the workflow again with version set to the one in Cargo.toml (1.0.0)'],
    ['another version than Cargo.toml', '1.0.1', [], 'the version to release is 1.0.1, but Cargo.toml says 1.0.0: bump the version source to 1.0.1 and commit it, or run the workflow with version 1.0.0'],
    ['a version whose tag exists', '1.0.0', ['v1.0.0'], `the tag v1.0.0 already exists (on commit ${'a'.repeat(40)}): version 1.0.0 was released already`],
    ['not a version', '1.0.0;touch pwned', [], '"1.0.0;touch pwned" is not a PEP 440 version'],
  ])('%s stops the release', (_, version, tags, message) => {
    const { run, repo } = setup('1.0.0', tags);
    const result = run(version, false);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.outputs).toEqual({});
    expect(existsSync(`${repo.dir}/pwned`)).toBe(false);
  });

  test('a tag push does not start it', () => {
    const { repo } = setup('1.0.0');
    const result = runStep(planStep(repo.workflow), repo.dir, tagPush('v1.0.0'), inputs('', false));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('this workflow releases from a manual run with the version to release');
  });
});

describe('the release notes source', () => {
  test('GitHub notes: no CHANGELOG section needed; the summary says where the notes come from', () => {
    const repo = fixtureRepo({ releaseNotes: ReleaseNotes.GITHUB }, '2.0.0');
    const run = runStep(planStep(repo.workflow), repo.dir, tagPush('v2.0.0'), PUSH);
    expect(run.stderr).toBe('');
    expect(run.summary).toContain('| release notes | generated by GitHub when the release is created, from the pull requests merged since the previous release |');
    // The negative control: the same tag in changelog mode stops (see "a missing CHANGELOG section" above).
    const strict = fixtureRepo({ releaseNotes: ReleaseNotes.GITHUB, requireChangelogSection: true }, '2.0.0');
    expect(runStep(planStep(strict.workflow), strict.dir, tagPush('v2.0.0'), PUSH).stderr).toContain('CHANGELOG.md has no section for version 2.0.0');
  });

  test('a notes file per version: its text, or a stop naming it', () => {
    const repo = fixtureRepo({ releaseNotes: ReleaseNotes.FILE, releaseNotesFile: 'docs/releases/{version}.md' }, '2.0.0');
    const missing = runStep(planStep(repo.workflow), repo.dir, tagPush('v2.0.0'), PUSH);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('docs/releases/2.0.0.md does not exist: the release notes of 2.0.0 come from it');
    repo.write('docs/releases/2.0.0.md', '\nTwo point oh.\r\n\r\n');
    const run = runStep(planStep(repo.workflow), repo.dir, tagPush('v2.0.0'), PUSH);
    expect(run.status).toBe(0);
    expect(run.summary).toContain('| release notes | docs/releases/2.0.0.md |');
    expect(run.summary).toContain('### Release notes\n\nTwo point oh.\n');
  });
});
