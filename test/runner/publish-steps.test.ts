import { createHash } from 'crypto';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeText } from '../helpers/fake-dist';
import { fixtureRepo } from '../helpers/fixture-repo';
import { startJsonServer } from '../helpers/json-server';
import { runStep } from '../helpers/runner';

/** A stand-in command on PATH that logs its arguments and exits as told. */
function fakeCommand(name: string, script: string): { bin: string; log: string } {
  const bin = mkdtempSync(join(tmpdir(), 'bin-'));
  const log = join(bin, 'calls.log');
  writeFileSync(join(bin, name), `#!/usr/bin/env bash\necho "$*" >> ${JSON.stringify(log)}\n${script}\n`);
  chmodSync(join(bin, name), 0o755);
  writeFileSync(log, '');
  return { bin, log };
}
const calls = (log: string) => readFileSync(log, 'utf8').trim().split('\n').filter(Boolean);

describe('the install check after publishing', () => {
  const step = (repo: any) => repo.workflow.jobs.verify.steps.find((s: any) => s.run);
  const PLAN = { 'needs.plan.outputs.channel': 'testpypi', 'needs.plan.outputs.pep440': '1.0.0rc1' };
  const WHEEL = 'dioxide-1.0.0rc1-cp312-cp312-win_amd64.whl';

  /** A fixture whose checked dist/ holds one wheel, and whose index JSON API is a local stand-in. */
  async function setup(indexFiles: (sha: string) => unknown[]) {
    const repo = fixtureRepo({}, '1.0.0-rc.1');
    writeText(join(repo.dir, 'dist'), WHEEL, 'wheel bytes');
    const sha = createHash('sha256').update('wheel bytes').digest('hex');
    const server = await startJsonServer({ urls: indexFiles(sha) });
    const configPath = join(repo.dir, '.github/maturin-release/config.json');
    const config = JSON.parse(readFileSync(configPath, 'utf8'));
    config.indexes.testpypi.json = server.url;
    writeFileSync(configPath, JSON.stringify(config));
    return { repo, server };
  }

  test('retries while the index catches up, imports the module, and finds the checked build on the index', async () => {
    const { repo, server } = await setup((sha) => [{ filename: WHEEL, digests: { sha256: sha } }]);
    // pip fails twice (not on the index yet), then succeeds; the import succeeds.
    const python = fakeCommand('python', 'if [ "$2" = pip ]; then touch "$0.count"; n=$(grep -c pip "$0.count" || true); echo pip >> "$0.count"; [ "$n" -ge 2 ] || exit 1; fi; exit 0');
    const run = runStep(step(repo), repo.dir, {}, PLAN, { PATH: `${python.bin}:${process.env.PATH}`, VERIFY_RETRY_SECONDS: '0,0,0' });
    server.stop();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const log = calls(python.log);
    expect(log).toHaveLength(5);
    // The package only from TestPyPI, then its dependencies from PyPI, then the import.
    expect(log[0]).toBe('-m pip install --no-cache-dir --no-deps --only-binary dioxide --index-url https://test.pypi.org/simple/ dioxide==1.0.0rc1');
    expect(log[3]).toBe('-m pip install --no-cache-dir dioxide==1.0.0rc1');
    expect(log[4]).toMatch(/^-c .*import_module.* dioxide$/);
    expect(run.summary).toContain('All 1 files on the index match the checked build (sha256).');
  });

  test('fails when the index serves other bytes than the checked build (e.g. after "Re-run all jobs")', async () => {
    const { repo, server } = await setup(() => [{ filename: WHEEL, digests: { sha256: 'f'.repeat(64) } }]);
    const python = fakeCommand('python', 'exit 0');
    const run = runStep(step(repo), repo.dir, {}, PLAN, { PATH: `${python.bin}:${process.env.PATH}`, VERIFY_RETRY_SECONDS: '0' });
    server.stop();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${WHEEL} on the index (sha256 ${'f'.repeat(64)}) is not the checked build`);
  });

  test('a malformed retry schedule fails at once instead of waiting forever', () => {
    const repo = fixtureRepo({}, '1.0.0');
    const python = fakeCommand('python', 'exit 1');
    const run = runStep(step(repo), repo.dir, {}, { 'needs.plan.outputs.channel': 'pypi', 'needs.plan.outputs.pep440': '1.0.0' },
      { PATH: `${python.bin}:${process.env.PATH}`, VERIFY_RETRY_SECONDS: '15s' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('VERIFY_RETRY_SECONDS is "15s"');
  });

  test('gives up after the last retry with a clear message', () => {
    const repo = fixtureRepo({}, '1.0.0');
    const python = fakeCommand('python', 'exit 1');
    const run = runStep(step(repo), repo.dir, {}, { 'needs.plan.outputs.channel': 'pypi', 'needs.plan.outputs.pep440': '1.0.0' },
      { PATH: `${python.bin}:${process.env.PATH}`, VERIFY_RETRY_SECONDS: '0' });
    expect(run.status).toBe(1);
    expect(calls(python.log)).toHaveLength(2);
    expect(run.stderr).toContain('dioxide==1.0.0 could not be installed from https://pypi.org/simple/');
  });
});
