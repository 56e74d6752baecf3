import { execFileSync } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { WheelPlatform } from '../../src';
import { cliWith } from '../helpers/cli';
import { realFixtureRepo } from '../helpers/real-fixture';
import { FIXTURE_PYTHONS, Toolchain, interpreterDir, maintainerEnv, requireToolchain } from '../helpers/toolchain';

/**
 * `projen-maturin rehearse` on the real-build fixtures (test/fixtures): real
 * maturin builds, venvs, pip and pytest, with the interpreters of this machine
 * (CPython 3.9–3.13; 3.14 stands for one the maintainer lacks).
 */

const REAL_BUILD_TIMEOUT = 300_000;
const LINUX = { platforms: [WheelPlatform.LINUX_X86_64] };
const WHEEL_TAG = 'manylinux_2_\\d+_x86_64';

describe('npx projen-maturin rehearse', () => {
  let toolchain: Toolchain;
  let pythons: string;
  beforeAll(() => {
    toolchain = requireToolchain();
    pythons = interpreterDir(toolchain, FIXTURE_PYTHONS);
  });

  const env = (options: { maturin?: boolean } = {}) => maintainerEnv(toolchain, options);

  const status = (dir: string) => execFileSync('git', ['status', '--porcelain', '--ignored'], { cwd: dir, encoding: 'utf8' });

  test('the dry run: builds the wheels of the Pythons it finds and says which it could not, checks them and the sdist, tests, previews the notes', () => {
    const repo = realFixtureRepo('tinyext', { ...LINUX, pythonVersions: ['3.11', '3.14'], testPythonVersions: ['3.11'] });
    const run = cliWith({ cwd: repo.dir, env: env() }, 'rehearse');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = run.stdout;
    expect(out).toMatch(/^Rehearsing the dry run of tinyext on this machine \(Linux x86_64 \(glibc [\d.]+\)\), with maturin \d+\.\d+\.\d+\n/);
    // Step by step, each with its time.
    expect(out.match(/^\[\d\/\d\] .*$/gm)).toEqual([
      '[1/6] Plan: decide version, channel and pre-release',
      '[2/6] Build wheels as job build-linux-x86_64 does',
      '[3/6] Build the sdist as the workflow does',
      '[4/6] Check this machine\'s part of the promised wheel set',
      '[5/6] Test as job test-linux-x86_64 does: install the wheel in a fresh venv and run the tests',
      '[6/6] Release notes (CHANGELOG.md)',
    ]);
    expect(out.match(/^ {6}ok\b.*\(\d+\.\d s\)$/gm)).toHaveLength(6);
    expect(out).toContain('tag v1.2.0-rc.1: version 1.2.0-rc.1 (PEP 440 1.2.0rc1), a pre-release; a push of it publishes to TestPyPI');

    expect(out).toContain(`python3.11: ${pythons}/python3.11`);
    expect(out).toMatch(/python3\.14: not found \(looked for python3\.14 on PATH and under \S+\/versions\); its wheels are not built here/);
    // The workflow's maturin arguments, with this machine's interpreters and a temporary output directory.
    const command = /^ {6}\$ maturin build (.*)$/m.exec(out)![1];
    expect(command).toMatch(new RegExp(`^--target x86_64-unknown-linux-gnu --release --out \\S+/dist --interpreter ${pythons}/python3\\.11$`));
    expect(out).toContain('the workflow builds these in a manylinux container; here they are built on this machine');

    expect(out).toMatch(new RegExp(`tinyext-1\\.2\\.0rc1-cp311-cp311-${WHEEL_TAG}\\.whl: cp311 wheel for manylinux x86_64`));
    expect(out).toContain('tinyext-1.2.0rc1.tar.gz: source distribution (sdist)');
    expect(out).toContain('not checked here: cp314 wheel for manylinux x86_64 (no local python3.14)');
    expect(out).toContain('ok: 2 of 2 promised files');
    expect(out).toMatch(/python3\.11: 3 passed in [\d.]+s/);
    expect(out).toContain('      | ### Added\n      | - `add`, computed in Rust.\n');
    expect(out).toMatch(/\nRehearsal passed \(\d+\.\d s\): this machine's part of v1\.2\.0-rc\.1 builds/);
    // Nothing of the rehearsal lands in the repository.
    expect(status(repo.dir)).toBe('');
  }, REAL_BUILD_TIMEOUT);

  test('a push of a tag, with abi3: one cp39-abi3 wheel, tested on a newer Python', () => {
    const repo = realFixtureRepo('tinyabi3', { ...LINUX, abi3: true, pythonVersions: ['3.9', '3.10', '3.11'], testPythonVersions: ['3.13'] });
    const run = cliWith({ cwd: repo.dir, env: env() }, 'rehearse', 'v0.4.0');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Rehearsing a push of v0.4.0 of tinyabi3');
    expect(run.stdout).toContain('not a pre-release; a push of it publishes to PyPI');
    expect(run.stdout).toMatch(new RegExp(`tinyabi3-0\\.4\\.0-cp39-abi3-${WHEEL_TAG}\\.whl: cp39-abi3 wheel for manylinux x86_64`));
    expect(run.stdout).toMatch(/python3\.13: 3 passed/);
  }, REAL_BUILD_TIMEOUT);

  test('a wheel outside the promised set fails the rehearsal, and the tests still run', () => {
    // Cargo.toml gained pyo3's abi3 feature after the last "npx projen": maturin builds one cp39-abi3
    // wheel where the release promises a cp39 and a cp311 one.
    const repo = realFixtureRepo('tinyext', { ...LINUX, pythonVersions: ['3.9', '3.11'], testPythonVersions: ['3.11'] });
    const cargo = join(repo.dir, 'Cargo.toml');
    writeFileSync(cargo, readFileSync(cargo, 'utf8').replace('features = ["extension-module"]', 'features = ["extension-module", "abi3-py39"]'));
    const run = cliWith({ cwd: repo.dir, env: env() }, 'rehearse');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('missing: cp39 wheel for manylinux x86_64');
    expect(run.stdout).toContain('missing: cp311 wheel for manylinux x86_64');
    expect(run.stdout).toMatch(new RegExp(`unexpected: tinyext-1\\.2\\.0rc1-cp39-abi3-${WHEEL_TAG}\\.whl`));
    expect(run.stdout).toMatch(/FAILED: 1 of 3 promised files \(\d+\.\d s\)/);
    // The wheel installs, and the fixture's test of the version-specific build fails.
    expect(run.stdout).toMatch(/python3\.11: FAILED[^]*1 failed, 2 passed/);
    expect(run.stdout).toMatch(/\nRehearsal found 4 problems \(\d+\.\d s; files in \S+\):\n {2}- wheel set: missing: cp39 wheel for manylinux x86_64\n {2}- wheel set: missing: cp311 wheel for manylinux x86_64\n {2}- wheel set: unexpected: tinyext-\S+\n {2}- tests with python3\.11 failed\n$/);
  }, REAL_BUILD_TIMEOUT);

  test('a bin package: its py3-none wheel is built without an interpreter, checked and tested', () => {
    const repo = realFixtureRepo('tinybin', { ...LINUX, pythonVersions: ['3.11'] });
    const run = cliWith({ cwd: repo.dir, env: env() }, 'rehearse');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`tinybin-2\\.0\\.0b3-py3-none-${WHEEL_TAG}\\.whl: py3-none wheel for manylinux x86_64`));
    expect(run.stdout).toMatch(/python3\.11: 1 passed/);
  }, REAL_BUILD_TIMEOUT);

  test('a failing test fails the rehearsal, with the test\'s output', () => {
    const repo = realFixtureRepo('tinyabi3', { ...LINUX, abi3: true, pythonVersions: ['3.9'], testPythonVersions: ['3.11'] }, {
      edit: (dir) => writeFileSync(join(dir, 'tests', 'test_broken.py'), 'import tinyabi3\n\n\ndef test_broken():\n    assert tinyabi3.add(1, 1) == 3\n'),
    });
    const run = cliWith({ cwd: repo.dir, env: env() }, 'rehearse');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('python3.11: FAILED');
    expect(run.stdout).toContain('assert 2 == 3');
    expect(run.stdout).toMatch(/1 failed, 3 passed/);
    expect(run.stdout).toMatch(/Rehearsal found 1 problem \(.*\):\n {2}- tests with python3\.11 failed\n$/);
  }, REAL_BUILD_TIMEOUT);

  test('a tag that is not the version: the plan stops the rehearsal before anything is built', () => {
    const repo = realFixtureRepo('tinyabi3', { ...LINUX, abi3: true, pythonVersions: ['3.9'] });
    const run = cliWith({ cwd: repo.dir, env: env() }, 'rehearse', 'v0.5.0');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('error: tag "v0.5.0" is version 0.5.0, but Cargo.toml says 0.4.0: bump the version source, or tag v0.4.0');
    expect(run.stdout).toMatch(/The plan job would stop this release: nothing was built/);
    expect(run.stdout).not.toContain('[2/');
  });

  test('without maturin it says how to get one', () => {
    const repo = realFixtureRepo('tinyabi3', { ...LINUX, abi3: true, pythonVersions: ['3.9'] });
    const run = cliWith({ cwd: repo.dir, env: env({ maturin: false }) }, 'rehearse');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'projen-maturin: maturin is not installed: rehearse builds with your own maturin, as the workflow builds with maturin-action\'s\n' +
      '  fix: install it with "pipx install maturin" (or "uv tool install maturin", or "pip install maturin" in a virtual environment), then run rehearse again\n',
    );
  });

  test('a release that builds nothing for this machine is refused, naming what it builds', () => {
    const repo = realFixtureRepo('tinyabi3', { platforms: [WheelPlatform.MACOS_ARM64, WheelPlatform.WINDOWS_X64], abi3: true, pythonVersions: ['3.9'] });
    const run = cliWith({ cwd: repo.dir, env: env() }, 'rehearse');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^projen-maturin: the release workflow builds no wheels for this machine \(Linux x86_64 \(glibc [\d.]+\)\); its wheel jobs are build-macos-arm64, build-windows-x64\n {2}fix: rehearse on a machine of one of those platforms, or dispatch the workflow on GitHub as a dry run\n$/);
  });

  test('the release:rehearse task runs it, passing the tag on', () => {
    const repo = realFixtureRepo('tinyabi3', { ...LINUX, abi3: true, pythonVersions: ['3.9'] });
    const tasks = JSON.parse(readFileSync(join(repo.dir, '.projen', 'tasks.json'), 'utf8')).tasks;
    expect(tasks['release:rehearse']).toMatchObject({ steps: [{ exec: 'npx projen-maturin rehearse', receiveArgs: true }] });
  });
});
