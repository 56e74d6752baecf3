import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { cli } from '../helpers/cli';
import { fixtureRepo } from '../helpers/fixture-repo';

describe('npx projen-maturin check: the generated release files are what "npx projen" produces', () => {
  test('freshly generated: passes, naming what it checked', () => {
    const repo = fixtureRepo();
    const run = cli(repo.dir, 'check');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('.github/workflows/release.yml, .github/maturin-release/release-tools.cjs and .github/maturin-release/config.json are what one "npx projen" run generated');
  });

  test('a dependency bot bumps an action pin inside release.yml: fails with the plan job\'s own message and the fix', () => {
    const repo = fixtureRepo();
    const workflow = join(repo.dir, '.github/workflows/release.yml');
    const text = readFileSync(workflow, 'utf8');
    const bumped = text.replace(/actions\/checkout@[0-9a-f]{40} # v[\d.]+/g, `actions/checkout@${'a'.repeat(40)} # v9.9.9`);
    expect(bumped).not.toBe(text);
    writeFileSync(workflow, bumped);
    const run = cli(repo.dir, 'check');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('The generated release files do not belong together:');
    expect(run.stderr).toContain('.github/workflows/release.yml');
    expect(run.stderr).toContain('run "npx projen" in the repository root and commit the result');
    expect(run.stderr).toContain('upgrade projen-maturin');
  });
});
