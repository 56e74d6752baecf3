import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, join } from 'path';
import { CRATES_IO, Toolchain, cargoConfig, findPython, lockForRegistry } from './toolchain';

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

/** Where the real builds take CPython and the crates from, on this machine and on GitHub's runners. */
describe('the toolchain\'s sources', () => {
  const dir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));
  /** A directory holding an executable `python3.X` (its content does not matter here). */
  const pythonDir = (version: string, parent = dir('python-')) => {
    mkdirSync(parent, { recursive: true });
    writeFileSync(join(parent, `python${version}`), '#!/bin/sh\n', { mode: 0o755 });
    return parent;
  };

  test('crates.io: CARGO_HOME\'s config replaces no source and stays online', () => {
    expect(cargoConfig(CRATES_IO)).toBe('');
  });

  test('negative control: a registry directory replaces crates.io with it, offline', () => {
    const config = cargoConfig('/usr/share/cargo/registry');
    expect(config).toContain('[source.crates-io]\nreplace-with = "debian-vendored"');
    expect(config).toContain('directory = "/usr/share/cargo/registry"');
    expect(config).toContain('[net]\noffline = true');
  });

  test('without pyenv\'s CPython 3.10, python3.10 on PATH (as actions/setup-python leaves it) is used', () => {
    const noPyenv = dir('no-pyenv-');
    const setupPython = pythonDir('3.10');
    expect(findPython('3.10', noPyenv, ['/nonexistent', setupPython].join(delimiter))).toBe(join(setupPython, 'python3.10'));
  });

  test('negative controls: pyenv\'s shims stand for no version, another minor is not taken, and pyenv\'s install comes first', () => {
    const root = dir('pyenv-');
    const shims = pythonDir('3.10', join(root, 'shims'));
    expect(findPython('3.10', root, shims)).toBeUndefined();
    expect(findPython('3.10', root, pythonDir('3.11'))).toBeUndefined();
    const installed = pythonDir('3.10', join(root, 'versions', '3.10.4', 'bin'));
    expect(findPython('3.10', root, pythonDir('3.10'))).toBe(join(installed, 'python3.10'));
  });

  /** A toolchain whose cargo records its calls, for a fixture copy in a fresh directory. */
  function relock(registry: string) {
    const cargoBin = dir('cargo-bin-');
    const log = join(cargoBin, 'calls.log');
    writeFileSync(join(cargoBin, 'cargo'), `#!/bin/sh\necho "$PWD $* CARGO_HOME=$CARGO_HOME" >> ${log}\n`, { mode: 0o755 });
    const repo = dir('fixture-');
    cpSync(join(ROOT, 'test', 'fixtures', 'tinyext'), repo, { recursive: true });
    const toolchain: Toolchain = {
      venvBin: '/nonexistent', maturinBin: '/nonexistent', cargoBin, pythons: {}, registry, cargoHome: '/cargo-home', cargoTargetDir: '/target', buildDir: '/build',
    };
    lockForRegistry(toolchain, repo);
    return { repo, calls: existsSync(log) ? readFileSync(log, 'utf8') : '' };
  }

  test('crates.io: a fixture\'s Cargo.lock (Debian\'s checksums) is locked afresh by cargo', () => {
    const { repo, calls } = relock(CRATES_IO);
    expect(calls).toBe(`${realpathSync(repo)} generate-lockfile CARGO_HOME=/cargo-home\n`);
  });

  test('negative control: with a registry directory the fixture\'s Cargo.lock stays as committed', () => {
    expect(relock('/usr/share/cargo/registry').calls).toBe('');
  });
});
