import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * On a machine without the real-build toolchain, the real-build suites fail with the one
 * message that says what is missing and how to get it, and nothing else (no errors from
 * their hooks cascading after it).
 */
const ROOT = join(__dirname, '..', '..');
const SUITES = ['test/e2e/linux-leg.test.ts', 'test/cli/rehearse.test.ts'];

test('without maturin, every real-build test fails with only the toolchain message', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'no-toolchain-')), 'results.json');
  const run = spawnSync(process.execPath, [
    join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), ...SUITES,
    '--ci', '--maxWorkers=1', '--coverage=false', '--reporters=default', '--json', `--outputFile=${out}`,
  ], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PROJEN_MATURIN_TEST_VENV: '/nonexistent/venv' } });
  expect(run.status).toBe(1);
  const results = JSON.parse(readFileSync(out, 'utf8'));
  const failures = results.testResults.flatMap((file: any) =>
    file.assertionResults.map((test: any) => ({ test: test.title, messages: test.failureMessages })));
  expect(failures.length).toBeGreaterThan(5);
  for (const failure of failures) {
    expect(failure).toEqual({ test: failure.test, messages: [expect.stringMatching(/^Error: the real-build tests cannot run on this machine:\n- maturin is not installed in \/nonexistent\/venv/)] });
    expect(failure.messages[0]).toContain('fix: run .ci/run once');
  }
});
