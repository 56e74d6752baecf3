import { existsSync } from 'fs';
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
