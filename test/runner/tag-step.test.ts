import { ReleaseTrigger } from '../../src/synth/options';
import { fakeGitHub } from '../helpers/fake-gh';
import { fixtureRepo } from '../helpers/fixture-repo';
import { runStep } from '../helpers/runner';

const SHA = 'c0ffee'.padEnd(40, '0');
const OTHER = 'b'.repeat(40);
const PLAN = { 'github.token': 'ghs_x', 'github.sha': SHA, 'needs.plan.outputs.tag': 'v1.0.0', 'needs.plan.outputs.version': '1.0.0' };

/** The tag job's step of a release started by hand, and a fake GitHub. */
function setup(options: Parameters<typeof fakeGitHub>[0] = {}) {
  const repo = fixtureRepo({ releaseTrigger: ReleaseTrigger.DISPATCH }, '1.0.0');
  const github = fakeGitHub(options);
  const step = repo.workflow.jobs.tag.steps.find((s: any) => s.id === 'tag');
  const run = (plan: Record<string, string> = PLAN) =>
    runStep(step, repo.dir, { GITHUB_REPOSITORY: 'octo/dioxide' }, plan, { PATH: `${github.bin}:${process.env.PATH}` });
  return { github, run };
}

describe('the tag step of a release started by hand', () => {
  test('tags the commit the release was built from with an annotated tag', () => {
    const { github, run } = setup();
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`tagged ${SHA} as v1.0.0\n`);
    expect(github.state().tagCommits).toEqual({ 'v1.0.0': SHA });
    expect(Object.values(github.state().tagObjects!)).toEqual([{ tag: 'v1.0.0', commit: SHA, message: 'Release 1.0.0', ref: true }]);
    expect(github.calls().map((c) => c.slice(0, 2).concat(c[c.length - 1]))).toEqual([
      ['api', '--method=GET', 'repos/octo/dioxide/git/ref/tags/v1.0.0'],
      ['api', '--method=POST', 'repos/octo/dioxide/git/tags'],
      ['api', '--method=POST', 'repos/octo/dioxide/git/refs'],
    ]);
  });

  test('a re-run accepts the tag it made, through the annotated tag object', () => {
    const { github, run } = setup();
    expect(run().status).toBe(0);
    const again = run();
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(`the tag v1.0.0 is already on ${SHA}\n`);
    expect(github.calls().filter((c) => c[1] === '--method=POST')).toHaveLength(2);
  });

  test('a tag on another commit is refused, never moved', () => {
    const { github, run } = setup({ tags: ['v1.0.0'], tagCommits: { 'v1.0.0': OTHER } });
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`the tag v1.0.0 already exists on GitHub, on commit ${OTHER}, not on ${SHA} where this release was built`);
    expect(github.state().tagCommits).toEqual({ 'v1.0.0': OTHER });
  });

  test.each([
    ['a tag that is not the version\'s', { ...PLAN, 'needs.plan.outputs.tag': 'v1.0.1' }, 'TAG is "v1.0.1", which is not the release tag of version 1.0.0'],
    ['a commit that is not a SHA', { ...PLAN, 'github.sha': 'main' }, 'TAG_SHA is "main"; it must be the full commit SHA'],
  ])('%s is refused before anything is asked of GitHub', (_, plan, message) => {
    const { github, run } = setup();
    const result = run(plan);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
    expect(github.calls()).toEqual([]);
  });
});
