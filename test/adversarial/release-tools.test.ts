import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PYPROJECT, copyOf, runCli, runTools, synthIn, withFix } from './helpers';
import { maturinActionRun } from '../../src/cli/maturin-action';
import { RUNTIME_CONFIG_SCHEMA } from '../../src/core/contract';
import { configDigest, generatedFilesFix } from '../../src/core/generated-files';
import { defaultMetadata, writeText, writeWheel } from '../helpers/fake-dist';
import { ServedResponse, startIndexServer, unusedUrl } from '../helpers/json-server';

/**
 * The release tools in odd environments: a missing or hand-edited config.json, missing and
 * odd environment variables, broken dist/ directories, hostile answers from the index's
 * JSON API, and a `gh` that behaves badly. Each outcome is the exact message.
 */
const CHANGELOG = '# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-02-01\n\n- Stable\n';
const CONFIG = '.github/maturin-release/config.json';
const WHEEL = 'dioxide-1.0.0-cp312-cp312-manylinux_2_28_x86_64.whl';
const REGENERATE = 'run "npx projen" in the repository root to generate it again, and commit the result';
const PUSH = { GITHUB_EVENT_NAME: 'push', GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v1.0.0' };
const RELEASED = 'release v1.0.0: version 1.0.0, channel pypi, pre-release false, publish true\n';

/** `node release-tools.cjs <argv>` in its own process, with only `env` set. */
function tools(dir: string, argv: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [join(__dirname, '..', '..', 'assets', 'release-tools.cjs'), ...argv], { cwd: dir, encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** One Linux wheel for CPython 3.12: the promised set is that one file. */
let base: string;
let config: Record<string, unknown>;
beforeAll(() => {
  base = synthIn({ 'CHANGELOG.md': CHANGELOG, 'pyproject.toml': PYPROJECT }, { platforms: ['linux-x86_64'], pythonVersions: ['3.12'], sdist: false }).dir;
  config = JSON.parse(readFileSync(join(base, CONFIG), 'utf8'));
});

describe('config.json, as the plan job, `projen-maturin plan` and `notes` read it', () => {
  const shape = (key: string, found: string) => withFix(`${CONFIG} has no valid "${key}" (${found}): it was edited by hand or written by another tool`, REGENERATE);
  test.each<[string, () => string | Buffer | null, string]>([
    ['empty', () => '', withFix(`${CONFIG} is empty`, REGENERATE)],
    ['a JSON list', () => '[]', withFix(`${CONFIG} is not a JSON object`, REGENERATE)],
    ['truncated', () => '{"schemaVersion":1,"pack', withFix(`${CONFIG} is not valid JSON (Unterminated string in JSON at position 24)`, REGENERATE)],
    ['not UTF-8', () => Buffer.from([0xff]), withFix(`${CONFIG} is not UTF-8: the bytes at offset 0 are not a UTF-8 character`,
      `save ${CONFIG} as UTF-8 (e.g. iconv -f latin1 -t utf-8), then run the command again`)],
    ['from a newer projen-maturin', () => `{"schemaVersion":${RUNTIME_CONFIG_SCHEMA + 1}}`, withFix(`${CONFIG} has schemaVersion ${RUNTIME_CONFIG_SCHEMA + 1}; this projen-maturin reads schemaVersion ${RUNTIME_CONFIG_SCHEMA}`,
      'regenerate it with the projen-maturin version the project depends on: run "npx projen" in the repository root, and commit the result')],
    ['only a schema version', () => `{"schemaVersion":${RUNTIME_CONFIG_SCHEMA}}`, shape('packageName', 'it has none')],
    ['a changelog outside the repository', () => JSON.stringify({ ...config, changelogFile: '../../etc/passwd' }), shape('changelogFile', 'it is "../../etc/passwd"')],
    ['an absolute workflow path', () => JSON.stringify({ ...config, workflowPath: '/etc/passwd' }), shape('workflowPath', 'it is "/etc/passwd"')],
    ['a version source it does not know', () => JSON.stringify({ ...config, versionSource: 'git' }), shape('versionSource', 'it is "git"')],
    ['the promised files not a list', () => JSON.stringify({ ...config, expectedDistributions: {} }), shape('expectedDistributions', 'it is {}')],
    ['no estimate', () => JSON.stringify({ ...config, estimate: undefined }), shape('estimate', 'it has none')],
    ['a number as package name', () => JSON.stringify({ ...config, packageName: 42 }), shape('packageName', 'it is 42')],
  ])('%s', async (_, content, message) => {
    const dir = copyOf(base);
    const text = content();
    writeFileSync(join(dir, CONFIG), text as string | Buffer);
    expect((await runTools(dir, ['plan'], PUSH)).stderr).toBe(`error: ${message}\n`);
    for (const argv of [['plan'], ['notes', 'v1.0.0']]) {
      const run = await runCli(dir, ...argv);
      expect(run.stderr).toBe(`projen-maturin: ${message}\n`);
      expect(run.status).toBe(1);
    }
  });

  test('missing, for the release tools and the CLI', async () => {
    const dir = copyOf(base);
    rmSync(join(dir, CONFIG));
    expect((await runTools(dir, ['plan'], PUSH)).stderr).toBe(`error: ${withFix(`${CONFIG} does not exist in ${dir}`, 'run "npx projen" in a project that uses MaturinRelease, and commit the result')}\n`);
    expect((await runCli(dir, 'notes', 'v1.0.0')).stderr).toBe(`projen-maturin: ${withFix(`no ${CONFIG} (or .github/maturin-release/*.config.json) in ${dir} or the directories above it up to /`,
      'run this in a project that uses MaturinRelease; if it does, run "npx projen" in its root to generate the file, and commit it')}\n`);
  });

  test('a directory', async () => {
    const dir = copyOf(base);
    rmSync(join(dir, CONFIG));
    mkdirSync(join(dir, CONFIG));
    expect((await runTools(dir, ['plan'], PUSH)).stderr).toBe(`error: ${withFix(`${CONFIG} is a directory, not a file`, `remove or rename the directory ${CONFIG}`)}\n`);
  });

  test('a hand edit the shape check lets through is refused by the plan job, as not generated with the workflow', async () => {
    const dir = copyOf(base);
    const edited = { ...config, tagPattern: 'v$(id)*' };
    writeFileSync(join(dir, CONFIG), JSON.stringify(edited));
    const record = config.generatedFiles as { projenMaturinVersion: string; sha256: Record<string, string> };
    const run = await runTools(dir, ['plan'], PUSH);
    expect(run.stderr).toBe(`error: ${withFix(`The generated release files do not belong together:\n${CONFIG} is not the file projen-maturin ${record.projenMaturinVersion} ` +
      `generated with ${CONFIG} (sha256 ${configDigest(edited)}, expected ${record.sha256[CONFIG]}): it was edited by hand, or comes from another "npx projen" run`, generatedFilesFix())}\n`);
  });

  test('negative control: the generated config.json plans the release', async () => {
    expect((await runTools(copyOf(base), ['plan'], PUSH)).stdout).toBe(RELEASED);
  });
});

describe('environment variables the steps set, missing or odd', () => {
  test.each<[string, string[], Record<string, string>, number, string]>([
    ['check-dist without VERSION', ['check-dist', 'dist'], {}, 1, 'environment variable VERSION is not set'],
    ['check-dist with VERSION "latest"', ['check-dist', 'dist'], { VERSION: 'latest' }, 1,
      'version "latest" is not a PEP 440 version that maturin can publish: use e.g. 1.2.3, 1.2.3rc1, 1.2.3.dev1, or SemVer with an alpha/beta/rc pre-release such as 1.2.3-rc.1'],
    ['check-dist without its directory', ['check-dist'], { VERSION: '1.0.0' }, 2, 'usage: release-tools.cjs [--config=PATH] <plan | check-dist DIR | verify-install | create-tag | github-release>'],
    ['an unknown command', ['publish'], {}, 2, 'usage: release-tools.cjs [--config=PATH] <plan | check-dist DIR | verify-install | create-tag | github-release>'],
    ['no command', [], {}, 2, 'usage: release-tools.cjs [--config=PATH] <plan | check-dist DIR | verify-install | create-tag | github-release>'],
    ['verify-install without CHANNEL', ['verify-install'], {}, 1, 'environment variable CHANNEL is not set'],
    ['verify-install for an index the release does not use', ['verify-install'], { CHANNEL: 'gitlab', VERSION: '1.0.0' }, 1,
      'CHANNEL is "gitlab", which this release does not publish to; allowed values: "testpypi", "pypi"'],
    ['verify-install with CHANNEL "constructor" (the issue: a key every object has)', ['verify-install'], { CHANNEL: 'constructor', VERSION: '1.0.0' }, 1,
      'CHANNEL is "constructor", which this release does not publish to; allowed values: "testpypi", "pypi"'],
    ['verify-install with CHANNEL "__proto__"', ['verify-install'], { CHANNEL: '__proto__', VERSION: '1.0.0' }, 1,
      'CHANNEL is "__proto__", which this release does not publish to; allowed values: "testpypi", "pypi"'],
    ['verify-install with CHANNEL "toString"', ['verify-install'], { CHANNEL: 'toString', VERSION: '1.0.0' }, 1,
      'CHANNEL is "toString", which this release does not publish to; allowed values: "testpypi", "pypi"'],
    ['verify-install with a retry schedule that is not numbers', ['verify-install'], { CHANNEL: 'pypi', VERSION: '1.0.0', VERIFY_RETRY_SECONDS: 'abc' }, 1,
      'VERIFY_RETRY_SECONDS is "abc"; it must be comma-separated seconds, e.g. "15,30,60"'],
    ['verify-install with a zero time limit', ['verify-install'], { CHANNEL: 'pypi', VERSION: '1.0.0', VERIFY_REQUEST_TIMEOUT_SECONDS: '0' }, 1,
      'VERIFY_REQUEST_TIMEOUT_SECONDS is "0"; it must be a number of seconds greater than 0, e.g. "30"'],
    ['github-release without TAG', ['github-release'], {}, 1, 'environment variable TAG is not set'],
    ['github-release with a TAG that reads as an option', ['github-release'], { TAG: '-x', VERSION: '1.0.0', PRERELEASE: 'false' }, 1,
      'TAG is "-x", which is not the release tag of version 1.0.0 (pattern v*.*.*)'],
    ['github-release with PRERELEASE "yes"', ['github-release'], { TAG: 'v1.0.0', VERSION: '1.0.0', PRERELEASE: 'yes' }, 1,
      'environment variable PRERELEASE is "yes"; it must be "true" or "false"'],
    ['github-release with RELEASE_DRAFT "1"', ['github-release'], { TAG: 'v1.0.0', VERSION: '1.0.0', PRERELEASE: 'false', RELEASE_DRAFT: '1' }, 1,
      'environment variable RELEASE_DRAFT is "1"; it must be "true" or "false"'],
    ['the plan with GITHUB_OUTPUT a directory', ['plan'], { ...PUSH, GITHUB_OUTPUT: tmpdir() }, 1, withFix(`could not write to GITHUB_OUTPUT ("${tmpdir()}"): EISDIR`,
      'the runner sets GITHUB_OUTPUT to a file for each step; on a self-hosted runner, check that its work directory is writable and has space, then re-run the failed job')],
    ['the plan with GITHUB_STEP_SUMMARY in a missing directory', ['plan'], { ...PUSH, GITHUB_STEP_SUMMARY: '/nonexistent/dir/summary' }, 1,
      withFix('could not write to GITHUB_STEP_SUMMARY ("/nonexistent/dir/summary"): ENOENT',
        'the runner sets GITHUB_STEP_SUMMARY to a file for each step; on a self-hosted runner, check that its work directory is writable and has space, then re-run the failed job')],
    ['the plan on GitHub Enterprise Server, with attestations', ['plan'], { ...PUSH, GITHUB_SERVER_URL: 'https://ghe.example.com' }, 1,
      withFix('publishing.attestations is on, but this run is on GitHub Enterprise Server (https://ghe.example.com), which does not support artifact attestations',
        'make the repository public, or set publishing.attestations to false in .projenrc, run "npx projen" and commit; then delete the tag and push it again on that commit (nothing was built or published)')],
  ])('%s', async (_, argv, env, status, message) => {
    const run = await runTools(copyOf(base), argv, env);
    expect(run.stderr).toBe(`error: ${message}\n`);
    expect(run.status).toBe(status);
  });

  test.each<[string, string]>([
    ['a directory', tmpdir()],
    ['not JSON', '{not json'],
  ])('an event file that is %s leaves the decision to the tag (the runner writes it; the publish job explains a failure)', async (_, event) => {
    let path = event;
    if (event.startsWith('{')) {
      path = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
      writeFileSync(path, event);
    }
    const run = await runTools(copyOf(base), ['plan'], { ...PUSH, GITHUB_EVENT_PATH: path });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(RELEASED);
  });
});

describe('check-dist on broken dist/ directories', () => {
  const FIX = 'the job downloads the built distributions (the build jobs\' artifacts) into it: check the build jobs and the download step, then re-run the failed jobs';
  const REFUSED = 'fix the build or the project metadata (pyproject.toml, Cargo.toml) and release a new build; never edit built files. RELEASING.md (Troubleshooting) explains each rule';
  test.each<[string, (dist: string) => void, (dist: string) => string]>([
    ['missing (the issue\'s example)', () => undefined, (dist) => withFix(`the directory of built distributions is "${dist}", which is not a readable directory (ENOENT)`, FIX)],
    ['a file, not a directory (the issue\'s example)', (dist) => writeFileSync(dist, 'x'),
      (dist) => withFix(`the directory of built distributions is "${dist}", which is not a readable directory (ENOTDIR)`, FIX)],
    ['empty', (dist) => mkdirSync(dist), () => 'dist/ is not the promised wheel set for dioxide 1.0.0:\nmissing: cp312 wheel for manylinux x86_64'],
    ['a symbolic link to nothing', (dist) => {
      mkdirSync(dist);
      symlinkSync('nowhere', join(dist, WHEEL));
    }, (dist) => withFix(`could not read ${join(dist, WHEEL)} (ENOENT)`, FIX)],
    ['a stray file and a subdirectory', (dist) => {
      mkdirSync(join(dist, 'sub'), { recursive: true });
      writeFileSync(join(dist, 'README.txt'), 'x');
    }, () => 'dist/ is not the promised wheel set for dioxide 1.0.0:\nmissing: cp312 wheel for manylinux x86_64\nunexpected: README.txt\n' +
      'unexpected: sub/ (a directory: the publish step hands every entry of dist/ to twine, which refuses directories)'],
    ['the promised wheel, and another wheel in a subdirectory (the issue: never checked)', (dist) => {
      writeWheel(dist, WHEEL, 'x = 1\n');
      writeWheel(join(dist, 'extra'), WHEEL.replace('cp312-cp312', 'cp313-cp313'), 'x = 1\n');
    }, () => 'dist/ is not the promised wheel set for dioxide 1.0.0:\nunexpected: extra/ (a directory: the publish step hands every entry of dist/ to twine, which refuses directories)'],
    ['the wheel of another version', (dist) => writeWheel(dist, WHEEL.replace('1.0.0', '1.0.1'), 'x = 1\n'), () => withFix(['dist/ is not the promised wheel set for dioxide 1.0.0:',
      'missing: cp312 wheel for manylinux x86_64', `unexpected: ${WHEEL.replace('1.0.0', '1.0.1')}`, 'dist/ has files that PyPI, installers or twine check --strict would refuse (1 problem):',
      `${WHEEL.replace('1.0.0', '1.0.1')}: METADATA: Version is 1.0.1, but this release is 1.0.0`].join('\n'), REFUSED)],
    ['a wheel that is not a ZIP file', (dist) => writeText(dist, WHEEL, 'not a zip'), () => withFix('dist/ has files that PyPI, installers or twine check --strict would refuse (1 problem):\n' +
      `${WHEEL}: PyPI's ZIP rules: Unknown record signature: at byte 0: bytes that belong to no ZIP record (data before, between or after the entries)`, REFUSED)],
    ['an empty wheel', (dist) => writeText(dist, WHEEL, ''), () => withFix('dist/ has files that PyPI, installers or twine check --strict would refuse (1 problem):\n' +
      `${WHEEL}: PyPI's ZIP rules: Malformed zip file: a record runs past the end of the file`, REFUSED)],
  ])('%s', async (_, setup, message) => {
    const dir = copyOf(base);
    const dist = join(dir, 'dist');
    setup(dist);
    const run = await runTools(dir, ['check-dist', dist], { VERSION: '1.0.0' });
    expect(run.stderr).toBe(`error: ${message(dist)}\n`);
    expect(run.status).toBe(1);
  });

  test('negative control: the promised wheel passes', async () => {
    const dir = copyOf(base);
    writeWheel(join(dir, 'dist'), WHEEL, 'x = 1\n');
    const run = await runTools(dir, ['check-dist', join(dir, 'dist')], { VERSION: '1.0.0' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('dist/ holds exactly the 1 promised files, and PyPI\'s upload rules pass for each\n');
  });
});

describe('verify-install against hostile answers from the index\'s JSON API', () => {
  const BYTES = 'wheel bytes';
  const SHA = createHash('sha256').update(BYTES).digest('hex');
  const GOOD = { urls: [{ filename: WHEEL, digests: { sha256: SHA } }] };
  const API_FIX = 'check that "indexes.pypi.json" in .github/maturin-release/config.json is the index\'s JSON API (https://pypi.org/pypi/ or https://test.pypi.org/pypi/), ' +
    'not its simple index or web site; run "npx projen" to regenerate it';
  const SHAPE = 'expected {"urls": [{"filename": …, "digests": {"sha256": …}}, …]}';
  const FORWARD = 'a version that reached an index can never be uploaded again with other files: release a new version (fix forward), and yank this one on the index if it was announced';
  const unreachable = (host: string) => `check that the runner can reach ${host}, and ${API_FIX}; then re-run the failed job`;
  let python: string;
  beforeAll(() => {
    python = join(mkdtempSync(join(tmpdir(), 'python-')), 'python');
    writeFileSync(python, '#!/bin/sh\nexit 0\n');
    chmodSync(python, 0o755);
  });

  /** verify-install of dioxide 1.0.0 from PyPI, its JSON API answering `responses` (or refusing connections), with one retry. */
  async function verify(responses: ServedResponse[] | 'refused', env: Record<string, string> = {}) {
    const dir = copyOf(base);
    writeText(join(dir, 'dist'), WHEEL, BYTES);
    const server = responses === 'refused' ? undefined : await startIndexServer(responses);
    const api = server?.url ?? await unusedUrl();
    const edited = JSON.parse(readFileSync(join(dir, CONFIG), 'utf8'));
    edited.indexes.pypi.json = api;
    writeFileSync(join(dir, CONFIG), JSON.stringify(edited));
    try {
      // In its own process: a request to the stand-in must not share this one's event loop.
      const run = tools(dir, ['verify-install'], { CHANNEL: 'pypi', VERSION: '1.0.0', DIST_DIR: join(dir, 'dist'), PYTHON: python, VERIFY_RETRY_SECONDS: '0', ...env });
      return { run, url: `${api}dioxide/1.0.0/json`, host: new URL(api).host };
    } finally {
      server?.stop();
    }
  }

  test.each<[string, ServedResponse[] | 'refused', (url: string, host: string) => string, Record<string, string>?]>([
    ['a web page', [{ body: '<html><body>PyPI</body></html>', contentType: 'text/html' }],
      (url) => withFix(`${url} answered with a body that is not JSON (content-type "text/html", starting "<html><body>PyPI</body></html>")`, API_FIX)],
    ['an empty body', [{ body: '' }], (url) => withFix(`${url} answered with an empty body`, API_FIX)],
    ['a terminal escape in the body (shown escaped)', [{ body: '\u001b[2Jcleared', contentType: 'text/plain' }],
      (url) => withFix(`${url} answered with a body that is not JSON (content-type "text/plain", starting "\\u001b[2Jcleared")`, API_FIX)],
    ['a JSON list', [{ body: [] }], (url) => withFix(`${url} answered JSON that is not a release's file list: it has no "urls" list; ${SHAPE}`, API_FIX)],
    ['"urls" a string', [{ body: { urls: 'x' } }], (url) => withFix(`${url} answered JSON that is not a release's file list: "urls" is "x"; ${SHAPE}`, API_FIX)],
    ['a file without a name', [{ body: { urls: [{}] } }], (url) => withFix(`${url} answered JSON that is not a release's file list: urls[0] has no "filename"; ${SHAPE}`, API_FIX)],
    ['a file without a digest', [{ body: { urls: [{ filename: WHEEL }] } }],
      (url) => withFix(`${url} answered JSON that is not a release's file list: urls[0] (${WHEEL}) has no "digests.sha256"; ${SHAPE}`, API_FIX)],
    ['a digest that is not hex', [{ body: { urls: [{ filename: WHEEL, digests: { sha256: 'xyz' } }] } }],
      (url) => withFix(`${url} answered JSON that is not a release's file list: urls[0] (${WHEEL}) has no "digests.sha256"; ${SHAPE}`, API_FIX)],
    ['403 Forbidden (not asked again)', [{ status: 403, body: 'no' }], (url) => withFix(`${url} answered 403 Forbidden`, API_FIX)],
    ['404 until the retries run out', [{ status: 404, body: 'no' }], (url) => withFix(`${url} answered 404 Not Found (2 attempts): the index's JSON API does not list dioxide==1.0.0, ` +
      'although pip installed it from https://pypi.org/simple/', `the index may still be catching up: re-run the failed job in a few minutes; if it keeps failing, ${API_FIX}`)],
    ['500 until the retries run out', [{ status: 500, body: 'no' }],
      (url) => withFix(`${url} answered 500 Internal Server Error (2 attempts)`, 'the index is busy or failing: re-run the failed job later')],
    ['connections refused', 'refused', (url, host) => withFix(`${url} could not be reached (ECONNREFUSED: connect ECONNREFUSED ${host}) (2 attempts)`, unreachable(host))],
    ['the connection closed without an answer', [{ reset: true }],
      (url, host) => withFix(`${url} could not be reached (UND_ERR_SOCKET: other side closed) (2 attempts)`, unreachable(host))],
    ['no answer within the time limit (the issue: requests have one)', [{ hang: true }],
      (url, host) => withFix(`${url} did not answer within 0.3 seconds (2 attempts)`, unreachable(host)), { VERIFY_REQUEST_TIMEOUT_SECONDS: '0.3' }],
    ['other bytes than the checked build', [{ body: { urls: [{ filename: WHEEL, digests: { sha256: 'f'.repeat(64) } }] } }],
      () => withFix(`the index does not serve the checked build of dioxide==1.0.0:\n${WHEEL} on the index (sha256 ${'f'.repeat(64)}) is not the checked build (sha256 ${SHA})`, FORWARD)],
    ['a file the build did not make', [{ body: { urls: [...GOOD.urls, { filename: 'dioxide-1.0.0.tar.gz', digests: { sha256: SHA } }] } }],
      () => withFix('the index does not serve the checked build of dioxide==1.0.0:\ndioxide-1.0.0.tar.gz is on the index but not in the checked build', FORWARD)],
    ['a 5,000-character file name (cut short)', [{ body: { urls: [...GOOD.urls, { filename: 'x'.repeat(5000), digests: { sha256: SHA } }] } }],
      () => withFix(`the index does not serve the checked build of dioxide==1.0.0:\n"${'x'.repeat(80)}…" is on the index but not in the checked build`, FORWARD)],
    ['a file name with a newline and a terminal escape (shown escaped)', [{ body: { urls: [...GOOD.urls, { filename: 'evil\u001b[31m\n::error::x', digests: { sha256: SHA } }] } }],
      () => withFix('the index does not serve the checked build of dioxide==1.0.0:\n"evil\\u001b[31m\\n::error::x" is on the index but not in the checked build', FORWARD)],
  ])('%s', async (_, responses, message, env = {}) => {
    const { run, url, host } = await verify(responses, env);
    expect(run.stderr).toBe(`error: ${message(url, host)}\n`);
    expect(run.status).toBe(1);
  });

  test('negative control: the index serves the checked build', async () => {
    const { run } = await verify([{ body: GOOD }]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('github-release with a gh that behaves badly', () => {
  const AGAIN = 'GitHub may be unavailable: re-run the failed job; it completes a draft left by this run and never publishes before every file is uploaded and checked';
  const UPDATE = 'update the GitHub CLI on the runner';
  const NOT_FOUND = 'if [ "$2" = view ]; then echo "release not found" >&2; exit 1; fi;';

  /** github-release in its own process (gh is looked up on its PATH), with PATH holding only a `gh` that runs `script` (none when null). */
  function release(script: string | null) {
    const dir = copyOf(base);
    writeText(join(dir, 'dist'), WHEEL, 'wheel');
    const bin = mkdtempSync(join(tmpdir(), 'gh-'));
    if (script !== null) {
      writeFileSync(join(bin, 'gh'), `#!/bin/bash\n${script}\n`);
      chmodSync(join(bin, 'gh'), 0o755);
    }
    return tools(dir, ['github-release'], { TAG: 'v1.0.0', VERSION: '1.0.0', PRERELEASE: 'false', RELEASE_ASSETS: join(dir, 'dist'), PATH: bin });
  }

  test.each<[string, string | null, string]>([
    ['not on PATH', null, withFix('the GitHub CLI (gh) is not on PATH', 'GitHub-hosted runners have it; on a self-hosted runner install it (https://cli.github.com)')],
    ['a greeting instead of JSON', 'echo "Welcome to GitHub CLI!"; exit 0', withFix('gh release view v1.0.0 printed something that is not JSON: "Welcome to GitHub CLI!"', UPDATE)],
    ['an empty object', 'echo "{}"; exit 0', withFix('gh release view v1.0.0 printed JSON without the fields tagName,isDraft,isPrerelease,url,assets', UPDATE)],
    ['null', 'echo null; exit 0', withFix('gh release view v1.0.0 printed JSON without the fields tagName,isDraft,isPrerelease,url,assets', UPDATE)],
    ['assets that are not a list', 'echo \'{"tagName":"v1.0.0","isDraft":true,"isPrerelease":false,"url":"https://x","assets":"x"}\'; exit 0',
      withFix('gh release view v1.0.0 printed JSON without the fields tagName,isDraft,isPrerelease,url,assets', UPDATE)],
    ['bad credentials', 'echo "HTTP 401: Bad credentials (https://api.github.com/repos/o/d/releases/tags/v1.0.0)" >&2; exit 1',
      withFix('could not read the release v1.0.0: HTTP 401: Bad credentials (https://api.github.com/repos/o/d/releases/tags/v1.0.0)',
        'the job needs GH_TOKEN set to github.token and "permissions: contents: write"; run "npx projen" to regenerate the workflow and commit it')],
    ['a 502 on create', `${NOT_FOUND} echo "HTTP 502: Bad Gateway" >&2; exit 1`, withFix('could not create the draft release v1.0.0: HTTP 502: Bad Gateway', AGAIN)],
    ['killed by a signal', 'kill -9 $$', withFix('gh release view for v1.0.0 was stopped by SIGKILL',
      'the runner may have run out of memory, or the job was cancelled: re-run the failed job; it completes what this run started')],
    ['a tag name burnt by a deleted immutable release', `${NOT_FOUND} printf 'HTTP 422: Validation Failed\\ntag_name was used by an immutable release\\n' >&2; exit 1`,
      withFix('GitHub refused to create the draft release v1.0.0: HTTP 422: Validation Failed / tag_name was used by an immutable release. ' +
        'The tag v1.0.0 belonged to an immutable release that was deleted, and its name can never be used again',
      'fix forward: release a new version (bump it, update the CHANGELOG, push its tag)')],
    ['a created draft it cannot read back', `${NOT_FOUND} exit 0`, withFix('gh created the draft release v1.0.0, but it cannot be read back', 're-run the failed job: it completes the draft')],
    ['the tag missing on GitHub', `${NOT_FOUND} echo "tag v1.0.0 doesn't exist in the repo, aborting due to --verify-tag" >&2; exit 1`,
      withFix('could not create the draft release v1.0.0: tag v1.0.0 doesn\'t exist in the repo, aborting due to --verify-tag',
        'the tag v1.0.0 is not on GitHub: the release runs for a pushed tag; push it again (git push origin v1.0.0) if it was deleted')],
    ['terminal escapes on stderr (shown escaped)', 'printf "\\033[31mfatal\\n" >&2; exit 1', withFix('could not read the release v1.0.0: \\u001b[31mfatal', AGAIN)],
  ])('%s', (_, script, message) => {
    const run = release(script);
    expect(run.stderr).toBe(`error: ${message}\n`);
    expect(run.status).toBe(1);
  });
});

describe('names every object has (constructor, __proto__, toString) are not commands or channels', () => {
  test.each(['constructor', '__proto__', 'toString'])('projen-maturin %s, and help with it: an unknown command', async (name) => {
    for (const argv of [[name], ['help', name]]) {
      const run = await runCli(copyOf(base), ...argv);
      expect(run.stderr).toBe(`projen-maturin: ${withFix(`unknown command "${name}"`, 'run "projen-maturin --help" for the commands')}\n`);
      expect(run.status).toBe(2);
    }
  });

  test('rehearse\'s model of maturin-action: a target named "constructor" is passed on as written, not as Object', () => {
    const inputs = { command: 'build', args: '--release --out dist', target: 'constructor', manylinux: 'auto' };
    expect(maturinActionRun(inputs, 'linux').argv).toEqual(['build', '--target', 'constructor', '--release', '--out', 'dist']);
    // Negative control: an alias the action knows is resolved.
    expect(maturinActionRun({ ...inputs, target: 'x86_64' }, 'linux').argv).toEqual(['build', '--target', 'x86_64-unknown-linux-gnu', '--release', '--out', 'dist']);
  });

  test('negative control: help for a real command', async () => {
    const run = await runCli(copyOf(base), 'help', 'plan');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('usage: projen-maturin plan');
  });
});

describe('names every object has, inside a wheel: RECORD hash names and METADATA fields', () => {
  /** The promised wheel, with METADATA `metadata` and its first RECORD hash named `algorithm` (rewritten by Python's zipfile). */
  function wheelWith(dist: string, metadata: string, algorithm: string) {
    const path = writeWheel(dist, WHEEL, 'x = 1\n', { metadata });
    spawnSync('python3', ['-c', [
      'import sys, zipfile',
      'path, algorithm = sys.argv[1], sys.argv[2]',
      'entries = [(i, zipfile.ZipFile(path).read(i.filename)) for i in zipfile.ZipFile(path).infolist()]',
      'with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:',
      '    for info, data in entries:',
      '        if info.filename.endswith("/RECORD"): data = data.replace(b"sha256=", algorithm.encode() + b"=", 1)',
      '        z.writestr(info, data)',
    ].join('\n'), path, algorithm]);
  }
  const metadata = defaultMetadata('dioxide', '1.0.0').replace('Version: 1.0.0\n', 'Version: 1.0.0\nConstructor: x\n');

  test('"constructor=" as a RECORD hash and a "Constructor" header: refused as unknown, no crash', async () => {
    const dir = copyOf(base);
    wheelWith(join(dir, 'dist'), metadata, 'constructor');
    const run = await runTools(dir, ['check-dist', join(dir, 'dist')], { VERSION: '1.0.0' });
    expect(run.stderr).toContain(`${WHEEL}: METADATA: unrecognized field: 'constructor'`);
    expect(run.stderr).toContain(`${WHEEL}: RECORD: dioxide/__init__.py is hashed with 'constructor'; the wheel spec requires sha256 or stronger (sha256, sha384, sha512)`);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.status).toBe(1);
  });

  test('negative control: the same wheel with sha256 and known fields passes', async () => {
    const dir = copyOf(base);
    wheelWith(join(dir, 'dist'), metadata.replace('Constructor: x\n', ''), 'sha256');
    const run = await runTools(dir, ['check-dist', join(dir, 'dist')], { VERSION: '1.0.0' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
