import { cli } from '../helpers/cli';
import { fixtureRepo } from '../helpers/fixture-repo';

test('npx projen-maturin plan prints the estimate computed from the release plan at synthesis', () => {
  const repo = fixtureRepo();
  const run = cli(repo.dir, 'plan');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('Release plan for dioxide (.github/workflows/release.yml)');
  expect(run.stdout).toMatch(/\| jobs \| 16 \(1 plan, 5 build, 1 sdist, 1 check, 5 test, 1 publish, 1 verify, 1 github-release\) \|/);
  expect(run.stdout).toContain('| per release | this workflow | the same wheels and tests, one job per platform × Python version |');
  expect(run.stdout).toMatch(/\| billed minutes \| \d+ \| \d+ \|\n/);
  // Plain words only: nothing from the design documents behind the tool.
  expect(run.stdout).not.toMatch(/seed|NFR/i);
});
