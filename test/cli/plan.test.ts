import { copyFileSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { calibrate, parseRunJobs } from '../../src/core/calibration';
import { RuntimeConfig } from '../../src/core/contract';
import { cli } from '../helpers/cli';
import { fixtureRepo } from '../helpers/fixture-repo';

/**
 * A finished run of the default configuration's workflow, in the format of
 * `gh run view RUN --json jobs` (cli/cli pkg/cmd/run/shared/shared.go: jobs[] with
 * completedAt, conclusion, databaseId, name, startedAt, status, steps[] without times,
 * url; keys sorted as Go prints a map). publish-testpypi was skipped; "Publish to
 * crates.io" is a job the maintainers added.
 */
const RUN = join(__dirname, 'fixtures', 'gh-run-view-jobs.json');

const readConfig = (dir: string): RuntimeConfig => JSON.parse(readFileSync(join(dir, '.github/maturin-release/config.json'), 'utf8'));

describe('npx projen-maturin plan', () => {
  test('prints the estimate computed from the release plan at synthesis: minutes and dollars', () => {
    const repo = fixtureRepo();
    const run = cli(repo.dir, 'plan');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Release plan for dioxide (.github/workflows/release.yml)');
    expect(run.stdout).toContain('| jobs | 22 (1 plan, 5 build, 1 sdist, 1 check, 11 test, 1 publish, 1 verify, 1 github-release) |');
    expect(run.stdout).toMatch(/\| cost \| \$\d+\.\d\d \| \$\d+\.\d\d \|\n/);
    expect(run.stdout).toContain('| per release | this workflow | the same wheels and tests, one job per platform × Python version |');
    // Plain words only: nothing from the design documents behind the tool.
    expect(run.stdout).not.toMatch(/seed|NFR/i);
  });

  test('the per-job estimate reaches the CLI through the release settings', () => {
    const config = readConfig(fixtureRepo().dir);
    const macosTest = config.estimate.workflow.jobs.find((j) => j.id === 'test-macos-arm64')!;
    expect(macosTest).toMatchObject({ title: 'Test wheels (macOS arm64)', runner: 'macos-15', runnerType: 'macos', standardRunner: true });
    expect(macosTest.terms).toEqual({ jobStartup: 1, setupPython: 3, testPerPythonVersion: 1 });
  });
});

describe('npx projen-maturin plan --from-run', () => {
  test('compares each job with the run, and suggests assumptions that fit it better', () => {
    const repo = fixtureRepo();
    copyFileSync(RUN, join(repo.dir, 'run.json'));
    const run = cli(join(repo.dir, '.github'), 'plan', '--from-run', '../run.json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Compared with the run in ../run.json:');
    // Modelled 5.5 min; the run took 6.1.
    expect(run.stdout).toMatch(/\| build-linux-x86_64 \| 5\.5 \| 6\.1 \| \+0\.6 \| success \|/);
    expect(run.stdout).toContain('Jobs of the run that this plan does not have (not compared): Publish to crates.io.');
    expect(run.stdout).toMatch(/\| wall time \(first job start → last job end\) \| [\d.]+ min \| [\d.]+ min \| [\d.]+ min \|/);
    const suggested = JSON.parse(run.stdout.slice(run.stdout.indexOf('{', run.stdout.indexOf('Suggested costAssumptions'))));
    expect(Object.keys(suggested).length).toBeGreaterThan(0);
  });

  test('the fitted assumptions model the run more closely than the defaults', () => {
    const config = readConfig(fixtureRepo().dir);
    const jobs = parseRunJobs(readFileSync(RUN, 'utf8'), RUN);
    const c = calibrate(config.estimate, jobs);
    const error = (minutes: (id: string) => number) => c.jobs.filter((j) => j.actual !== undefined)
      .reduce((sum, j) => sum + (minutes(j.id) - j.actual!) ** 2, 0);
    const before = error((id) => c.modelled.jobs.find((j) => j.id === id)!.minutes);
    const after = error((id) => c.refitted.jobs.find((j) => j.id === id)!.minutes);
    // The model has one compile time for every OS, so a slower Windows build stays a residual.
    expect(after).toBeLessThan(before * 0.75);
    // A run that matches the model exactly needs no change (the negative control).
    const exact = calibrate(config.estimate, c.modelled.jobs.map((j) => ({
      name: j.title,
      status: 'completed',
      conclusion: 'success',
      startedAt: '2026-11-20T10:00:00Z',
      completedAt: new Date(Date.parse('2026-11-20T10:00:00Z') + j.minutes * 60_000).toISOString(),
    })));
    expect(exact.suggested).toEqual({});
  });

  test('a job that never started (gh prints the zero time) is not measured', () => {
    const config = readConfig(fixtureRepo().dir);
    const jobs = parseRunJobs(readFileSync(RUN, 'utf8'), RUN).map((j) => (j.name === 'Plan the release'
      ? { ...j, startedAt: '0001-01-01T00:00:00Z', completedAt: null, status: 'queued', conclusion: '' } : j));
    expect(calibrate(config.estimate, jobs).jobs.find((j) => j.id === 'plan')).toMatchObject({ actual: undefined, conclusion: 'queued' });
  });

  test('a file that is not such a run is refused by name, with the command that makes one', () => {
    const repo = fixtureRepo();
    writeFileSync(join(repo.dir, 'other.json'), JSON.stringify({ workflow_runs: [] }));
    writeFileSync(join(repo.dir, 'broken.json'), '{"jobs": [{"name": 1}]}');
    const fix = '  fix: pass the output of: gh run view <run-id> --json jobs > run.json (a finished run of the release workflow)\n';
    expect(cli(repo.dir, 'plan', '--from-run', 'other.json').stderr).toBe(`projen-maturin: other.json has no "jobs" list\n${fix}`);
    expect(cli(repo.dir, 'plan', '--from-run=broken.json').stderr).toBe(`projen-maturin: broken.json: jobs[0] has no "name" string\n${fix}`);
    expect(cli(repo.dir, 'plan', '--from-run', 'missing.json')).toMatchObject({ status: 1, stderr: 'projen-maturin: missing.json does not exist\n' });
    expect(cli(repo.dir, 'plan', '--from-run')).toMatchObject({ status: 2, stderr: expect.stringContaining('--from-run needs a value') });
    expect(cli(repo.dir, 'preflight', 'v1.0.0', '--from-run', 'x.json')).toMatchObject({ status: 2, stderr: expect.stringContaining('unknown option "--from-run" for "preflight"') });
  });
});
