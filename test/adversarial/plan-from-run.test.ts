import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { PYPROJECT, copyOf, runCli, synthIn, withFix } from './helpers';

/**
 * `projen-maturin plan --from-run run.json` with runs no `gh run view --json jobs` prints:
 * times that are not times, a huge run, and job names with terminal control characters.
 */
const CONFIG = '.github/maturin-release/config.json';
const FIX = 'pass the output of: gh run view <run-id> --json jobs > run.json (a finished run of the release workflow)';

let base: string;
let titles: string[];
beforeAll(() => {
  base = synthIn({ 'CHANGELOG.md': '# Changelog\n', 'pyproject.toml': PYPROJECT }, { platforms: ['linux-x86_64'], pythonVersions: ['3.12'], sdist: false }).dir;
  titles = JSON.parse(readFileSync(join(base, CONFIG), 'utf8')).estimate.workflow.jobs.map((j: { title: string }) => j.title);
});

/** Every job of the plan, each taking `minutes`, starting at 10:00, with `extra` jobs after them. */
function runOf(extra: Record<string, unknown>[] = [], minutes = 3) {
  return {
    jobs: [
      ...titles.map((name) => ({ name, status: 'completed', conclusion: 'success', startedAt: '2026-03-01T10:00:00Z', completedAt: `2026-03-01T10:0${minutes}:00Z` })),
      ...extra,
    ],
  };
}

async function planFromRun(run: unknown) {
  const dir = copyOf(base);
  writeFileSync(join(dir, 'run.json'), JSON.stringify(run));
  return runCli(dir, 'plan', '--from-run', 'run.json');
}

describe('plan --from-run with a run no gh wrote', () => {
  test('startedAt "yesterday" (the issue): refused by job, not NaN minutes', async () => {
    const run = await planFromRun(runOf([{ name: 'lint', status: 'completed', conclusion: 'success', startedAt: 'yesterday', completedAt: '2026-03-01T10:05:00Z' }]));
    expect(run.stdout).not.toContain('NaN');
    expect(run.stderr).toBe(`projen-maturin: ${withFix(`run.json: jobs[${titles.length}] ("lint") has startedAt "yesterday", which is not a time such as "2026-03-01T10:00:00Z"`, FIX)}\n`);
    expect(run.status).toBe(1);
  });

  test('completedAt that is not a time, or before the start', async () => {
    const notATime = await planFromRun(runOf([{ name: 'lint', status: 'completed', conclusion: 'success', startedAt: '2026-03-01T10:00:00Z', completedAt: 'soon' }]));
    expect(notATime.stderr).toBe(`projen-maturin: ${withFix(`run.json: jobs[${titles.length}] ("lint") has completedAt "soon", which is not a time such as "2026-03-01T10:00:00Z"`, FIX)}\n`);
    const backwards = await planFromRun(runOf([{ name: 'lint', status: 'completed', conclusion: 'success', startedAt: '2026-03-01T10:00:00Z', completedAt: '2026-03-01T09:00:00Z' }]));
    expect(backwards.stderr).toBe(`projen-maturin: ${withFix(`run.json: jobs[${titles.length}] ("lint") completes at 2026-03-01T09:00:00Z, before it starts (2026-03-01T10:00:00Z)`, FIX)}\n`);
  });

  test('250,000 jobs (the issue): no stack overflow, and the jobs the plan lacks are summarised', async () => {
    const extra = Array.from({ length: 250_000 }, (_, i) => ({ name: `matrix ${i}`, status: 'completed', conclusion: 'success', startedAt: '2026-03-01T10:00:00Z', completedAt: '2026-03-01T10:01:00Z' }));
    const run = await planFromRun(runOf(extra));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Jobs of the run that this plan does not have (not compared): matrix 0, matrix 1, matrix 2, matrix 3, matrix 4, matrix 5, matrix 6, matrix 7, matrix 8, matrix 9 and 249990 more.');
  }, 60_000);

  test('control characters in job names and conclusions do not reach the terminal (the issue)', async () => {
    const file = runOf([{ name: 'evil\u001b]0;owned\u0007\u001b[2J', status: 'completed', conclusion: 'success', startedAt: '2026-03-01T10:00:00Z', completedAt: '2026-03-01T10:01:00Z' }]);
    file.jobs[0].conclusion = 'success\u001b[31m';
    const run = await planFromRun(file);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(run.stdout).toContain('Jobs of the run that this plan does not have (not compared): evil\\u001b]0;owned\\u0007\\u001b[2J.');
    expect(run.stdout).toContain('| success\\u001b[31m |');
  });

  test('negative control: the same run with only its plan\'s jobs compares them', async () => {
    const run = await planFromRun(runOf());
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Compared with the run in run.json:');
    expect(run.stdout).not.toContain('NaN');
  });
});
