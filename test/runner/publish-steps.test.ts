import { createHash } from 'crypto';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeText } from '../helpers/fake-dist';
import { fixtureRepo } from '../helpers/fixture-repo';
import { ServedResponse, startIndexServer, unusedUrl } from '../helpers/json-server';
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

const step = (repo: any) => repo.workflow.jobs.verify.steps.find((s: any) => s.run);
const PLAN = { 'needs.plan.outputs.channel': 'testpypi', 'needs.plan.outputs.pep440': '1.0.0rc1' };
const WHEEL = 'dioxide-1.0.0rc1-cp312-cp312-win_amd64.whl';
const SHA = createHash('sha256').update('wheel bytes').digest('hex');
const GOOD = { urls: [{ filename: WHEEL, digests: { sha256: SHA } }] };
const API_FIX = 'check that "indexes.testpypi.json" in .github/maturin-release/config.json is the index\'s JSON API (https://pypi.org/pypi/ or https://test.pypi.org/pypi/), ' +
  'not its simple index or web site; run "npx projen" to regenerate it';

/** A fixture whose checked dist/ holds one wheel, with its config.json edited (e.g. the JSON API pointed at a stand-in). */
function fixture(edit: (config: any) => void = () => undefined) {
  const repo = fixtureRepo({}, '1.0.0-rc.1');
  writeText(join(repo.dir, 'dist'), WHEEL, 'wheel bytes');
  const configPath = join(repo.dir, '.github/maturin-release/config.json');
  const config = JSON.parse(readFileSync(configPath, 'utf8'));
  edit(config);
  writeFileSync(configPath, JSON.stringify(config));
  return repo;
}

/** Runs the install check with a python that succeeds, against a JSON API stand-in giving `responses`. */
async function verify(responses: ServedResponse[], env: Record<string, string> = {}) {
  const server = await startIndexServer(responses);
  const repo = fixture((config) => { config.indexes.testpypi.json = server.url; });
  const python = fakeCommand('python', 'exit 0');
  try {
    const run = runStep(step(repo), repo.dir, {}, PLAN, { PATH: `${python.bin}:${process.env.PATH}`, VERIFY_RETRY_SECONDS: '0,0', ...env });
    return { run, url: `${server.url}dioxide/1.0.0rc1/json`, requests: server.requests(), python: calls(python.log) };
  } finally {
    server.stop();
  }
}

describe('the install check after publishing', () => {
  test('retries while the index catches up, imports the module, and finds the checked build on the index', async () => {
    const server = await startIndexServer([{ body: GOOD }]);
    const repo = fixture((config) => { config.indexes.testpypi.json = server.url; });
    // pip fails twice (not on the index yet), then succeeds; the import succeeds.
    const python = fakeCommand('python', 'if [ "$2" = pip ]; then touch "$0.count"; n=$(grep -c pip "$0.count" || true); echo pip >> "$0.count"; [ "$n" -ge 2 ] || exit 1; fi; exit 0');
    const run = runStep(step(repo), repo.dir, {}, PLAN, { PATH: `${python.bin}:${process.env.PATH}`, VERIFY_RETRY_SECONDS: '0,0,0' });
    server.stop();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const log = calls(python.log);
    expect(log).toHaveLength(5);
    // The package only from TestPyPI, then its dependencies from PyPI, then the import; "--" ends pip's options.
    expect(log[0]).toBe('-m pip install --no-cache-dir --no-deps --only-binary=dioxide --index-url=https://test.pypi.org/simple/ -- dioxide==1.0.0rc1');
    expect(log[3]).toBe('-m pip install --no-cache-dir -- dioxide==1.0.0rc1');
    expect(log[4]).toMatch(/^-c .*import_module.* dioxide$/);
    expect(server.requests()).toEqual(['/pypi/dioxide/1.0.0rc1/json']);
    expect(run.summary).toContain('All 1 files on the index match the checked build (sha256).');
  });

  test('fails when the index serves other bytes than the checked build (e.g. after "Re-run all jobs")', async () => {
    const { run } = await verify([{ body: { urls: [{ filename: WHEEL, digests: { sha256: 'f'.repeat(64) } }] } }]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`::error::the index does not serve the checked build of dioxide==1.0.0rc1:%0A${WHEEL} on the index (sha256 ${'f'.repeat(64)}) is not the checked build (sha256 ${SHA})` +
      '%0A  fix: a version that reached an index can never be uploaded again with other files: release a new version (fix forward), and yank this one on the index if it was announced\n');
  });

  test('reports files the index serves that are not in the checked build', async () => {
    const other = 'dioxide-1.0.0rc1-cp312-cp312-manylinux_2_17_x86_64.whl';
    const { run } = await verify([{ body: { urls: [...GOOD.urls, { filename: other, digests: { sha256: 'a'.repeat(64) } }] } }]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`of dioxide==1.0.0rc1:%0A${other} is on the index but not in the checked build%0A  fix:`);
  });

  test('asks the JSON API again after 503 and 429, and then succeeds', async () => {
    const { run, url, requests } = await verify([{ status: 503, body: 'busy' }, { status: 429, body: 'slow down' }, { body: GOOD }]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(requests).toHaveLength(3);
    expect(run.stdout).toContain(`${url} answered 503 Service Unavailable; asking again in 0 s (attempt 2 of 3)\n${url} answered 429 Too Many Requests; asking again in 0 s (attempt 3 of 3)\n`);
  });

  test('a JSON API that keeps failing: the URL, the status and the number of attempts', async () => {
    const { run, url, requests } = await verify([{ status: 502, body: 'bad gateway' }]);
    expect(run.status).toBe(1);
    expect(requests).toHaveLength(3);
    expect(run.stderr).toBe(`::error::${url} answered 502 Bad Gateway (3 attempts)%0A  fix: the index is busy or failing: re-run the failed job later\n`);
  });

  test('a 404 for the version, after the index had time to catch up', async () => {
    const { run, url, requests } = await verify([{ status: 404, body: { message: 'Not Found' } }]);
    expect(run.status).toBe(1);
    expect(requests).toHaveLength(3);
    expect(run.stderr).toBe(`::error::${url} answered 404 Not Found (3 attempts): the index's JSON API does not list dioxide==1.0.0rc1, although pip installed it from https://test.pypi.org/simple/` +
      `%0A  fix: the index may still be catching up: re-run the failed job in a few minutes; if it keeps failing, ${API_FIX}\n`);
  });

  test('a status no retry can change stops at once', async () => {
    const { run, url, requests } = await verify([{ status: 403, body: 'no' }]);
    expect(run.status).toBe(1);
    expect(requests).toHaveLength(1);
    expect(run.stderr).toBe(`::error::${url} answered 403 Forbidden%0A  fix: ${API_FIX}\n`);
  });

  test('an answer that is not JSON (e.g. a web page)', async () => {
    const { run, url } = await verify([{ body: '<!DOCTYPE html><html><body>Simple index</body></html>', contentType: 'text/html' }]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`::error::${url} answered with a body that is not JSON (content-type "text/html", starting "<!DOCTYPE html><html><body>Simple index</body></html>")%0A  fix: ${API_FIX}\n`);
  });

  test('an empty answer', async () => {
    const { run, url } = await verify([{ body: '' }]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`::error::${url} answered with an empty body%0A  fix: ${API_FIX}\n`);
  });

  test('JSON of the wrong shape', async () => {
    const shape = 'expected {"urls": [{"filename": …, "digests": {"sha256": …}}, …]}';
    const noList = await verify([{ body: { info: { name: 'dioxide' } } }]);
    expect(noList.run.status).toBe(1);
    expect(noList.run.stderr).toBe(`::error::${noList.url} answered JSON that is not a release's file list: it has no "urls" list; ${shape}%0A  fix: ${API_FIX}\n`);
    const noDigest = await verify([{ body: { urls: [{ filename: WHEEL, digests: { md5: 'x' } }] } }]);
    expect(noDigest.run.stderr).toContain(`answered JSON that is not a release's file list: urls[0] (${WHEEL}) has no "digests.sha256"; ${shape}`);
    const notObject = await verify([{ body: '[1, 2]' }]);
    expect(notObject.run.stderr).toContain('answered JSON that is not a release\'s file list: it has no "urls" list');
  });

  test('an unreachable index: the URL, the network error, and what to check', async () => {
    const base = await unusedUrl();
    const repo = fixture((config) => { config.indexes.testpypi.json = base; });
    const python = fakeCommand('python', 'exit 0');
    const run = runStep(step(repo), repo.dir, {}, PLAN, { PATH: `${python.bin}:${process.env.PATH}`, VERIFY_RETRY_SECONDS: '0' });
    const url = `${base}dioxide/1.0.0rc1/json`;
    const host = new URL(base).host;
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`${url} could not be reached (ECONNREFUSED: connect ECONNREFUSED ${host}); asking again in 0 s (attempt 2 of 2)`);
    expect(run.stderr).toBe(`::error::${url} could not be reached (ECONNREFUSED: connect ECONNREFUSED ${host}) (2 attempts)` +
      `%0A  fix: check that the runner can reach ${host}, and ${API_FIX}; then re-run the failed job\n`);
  });

  test('a pip that hangs is stopped after its time limit and asked again, so the job ends within its own time limit', async () => {
    const repo = fixture();
    const python = fakeCommand('python', 'if [ "$2" = pip ]; then exec sleep 30; fi; exit 0');
    const started = Date.now();
    const run = runStep(step(repo), repo.dir, {}, PLAN, { PATH: `${python.bin}:${process.env.PATH}`, VERIFY_RETRY_SECONDS: '0', VERIFY_INSTALL_ATTEMPT_SECONDS: '1' });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.status).toBe(1);
    expect(run.stdout.match(/stopped: it did not finish within 1 seconds/g)).toHaveLength(2);
    expect(run.stderr).toContain('::error::dioxide==1.0.0rc1 could not be installed from https://test.pypi.org/simple/ (2 attempts)');
  });

  test('an index that never answers is given up on after the time limit', async () => {
    // Long enough for the stand-in server to log each request on a busy machine.
    const { run, url, requests } = await verify([{ hang: true }], { VERIFY_RETRY_SECONDS: '0', VERIFY_REQUEST_TIMEOUT_SECONDS: '1.5' });
    expect(run.status).toBe(1);
    expect(requests).toHaveLength(2);
    expect(run.stderr).toContain(`::error::${url} did not answer within 1.5 seconds (2 attempts)%0A  fix: check that the runner can reach`);
  });

  test('a connection closed without an answer is asked again', async () => {
    const { run, requests } = await verify([{ reset: true }, { body: GOOD }]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(requests).toHaveLength(2);
    expect(run.stdout).toMatch(/json could not be reached \(\w+.*\); asking again in 0 s \(attempt 2 of 3\)/);
  });

  test('settings that would hang or mislead fail at once', () => {
    const repo = fixtureRepo({}, '1.0.0');
    const python = fakeCommand('python', 'exit 1');
    const env = (extra: Record<string, string>) => ({ PATH: `${python.bin}:${process.env.PATH}`, ...extra });
    const plan = { 'needs.plan.outputs.channel': 'pypi', 'needs.plan.outputs.pep440': '1.0.0' };
    const schedule = runStep(step(repo), repo.dir, {}, plan, env({ VERIFY_RETRY_SECONDS: '15s' }));
    expect(schedule.status).toBe(1);
    expect(schedule.stderr).toBe('::error::VERIFY_RETRY_SECONDS is "15s"; it must be comma-separated seconds, e.g. "15,30,60"\n');
    const timeout = runStep(step(repo), repo.dir, {}, plan, env({ VERIFY_RETRY_SECONDS: '0', VERIFY_REQUEST_TIMEOUT_SECONDS: '0' }));
    expect(timeout.stderr).toBe('::error::VERIFY_REQUEST_TIMEOUT_SECONDS is "0"; it must be a number of seconds greater than 0, e.g. "30"\n');
    expect(calls(python.log)).toEqual([]);
  });

  test('gives up after the last retry with a clear message', () => {
    const repo = fixtureRepo({}, '1.0.0');
    writeText(join(repo.dir, 'dist'), 'dioxide-1.0.0.tar.gz', 'x');
    const python = fakeCommand('python', 'exit 1');
    const run = runStep(step(repo), repo.dir, {}, { 'needs.plan.outputs.channel': 'pypi', 'needs.plan.outputs.pep440': '1.0.0' },
      { PATH: `${python.bin}:${process.env.PATH}`, VERIFY_RETRY_SECONDS: '0' });
    expect(run.status).toBe(1);
    expect(calls(python.log)).toHaveLength(2);
    expect(run.stderr).toBe('::error::dioxide==1.0.0 could not be installed from https://pypi.org/simple/ (2 attempts)%0A  fix: the index may still be catching up: ' +
      're-run the failed job in a few minutes; if pip found no matching wheel, compare the wheel tags in the check-dist summary with the runner\'s Python\n');
  });

  test('a hand-edited config.json cannot put options on pip\'s command line', () => {
    const python = fakeCommand('python', 'exit 0');
    const run = (edit: (config: any) => void) => {
      const repo = fixture(edit);
      return runStep(step(repo), repo.dir, {}, PLAN, { PATH: `${python.bin}:${process.env.PATH}`, VERIFY_RETRY_SECONDS: '0' });
    };
    const regenerate = '%0A  fix: run "npx projen" to regenerate the file, and commit it\n';
    expect(run((c) => { c.packageName = '--index-url=https://evil.example/'; }).stderr)
      .toBe(`::error::"packageName" in .github/maturin-release/config.json is "--index-url=https://evil.example/", which is not a valid distribution name${regenerate}`);
    expect(run((c) => { c.moduleName = '-c'; }).stderr).toBe(`::error::"moduleName" in .github/maturin-release/config.json is "-c", which is not a Python import name${regenerate}`);
    expect(run((c) => { c.indexes.testpypi.simple = '--extra-index-url=x'; }).stderr)
      .toBe(`::error::"indexes.testpypi.simple" in .github/maturin-release/config.json is "--extra-index-url=x": it must be an http(s) URL ending in "/"${regenerate}`);
    expect(calls(python.log)).toEqual([]);
  });

  test('a missing interpreter and a missing checked build are named', async () => {
    const missingPython = await verify([{ body: GOOD }], { PYTHON: '/nonexistent/python3' });
    expect(missingPython.run.stderr).toBe('::error::could not run "/nonexistent/python3" (ENOENT)%0A  fix: the job sets up Python with actions/setup-python; set PYTHON to the interpreter to use\n');
    const noDist = await verify([{ body: GOOD }], { DIST_DIR: 'no-such-dir' });
    expect(noDist.run.stderr).toBe('::error::DIST_DIR is "no-such-dir", which is not a readable directory (ENOENT)' +
      '%0A  fix: the job downloads the checked build (the "dist" artifact) into it: check the download step and re-run the failed job\n');
    expect(noDist.requests).toEqual([]);
    expect(noDist.python).toEqual([]);
  });
});

describe('a failed attestation is explained', () => {
  const explain = (repo: any) => repo.workflow.jobs['publish-pypi'].steps.find((s: any) => s.id === 'attest-failed');

  test.each([
    ['private', 'this repository is private'],
    ['', 'this repository is of unknown visibility'],
  ])('visibility %j: an error annotation and a summary that say what attestations need and the fix', (visibility, says) => {
    const run = runStep(explain(fixtureRepo()), mkdtempSync(join(tmpdir(), 'publish-')), {}, { 'github.event.repository.visibility': visibility });
    expect(run.status).toBe(0);
    const [annotation, ...rest] = run.stdout.split('\n').filter(Boolean);
    expect(rest).toEqual([]);
    expect(annotation).toMatch(/^::error title=Build provenance attestation failed::Build provenance could not be attested, so nothing was published\. /);
    for (const text of [
      'GitHub stores attestations only for public repositories, and for private or internal ones on GitHub Enterprise Cloud',
      `(${says})`,
      'set publishing.attestations to false in .projenrc, run npx projen and commit',
      'Any other error (for example from Sigstore or the network): re-run the failed jobs.',
    ]) {
      expect(annotation).toContain(text);
      expect(run.summary).toContain(text);
    }
    expect(run.summary).toMatch(/^## Build provenance attestation failed\n\nBuild provenance could not be attested/);
  });
});
