import { execFileSync } from 'child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MaturinReleaseOptions, TestInstaller, WheelPlatform } from '../../src/synth/options';
import { writeText, writeWheel } from '../helpers/fake-dist';
import { fixtureRepo } from '../helpers/fixture-repo';
import { runStep } from '../helpers/runner';
import { requireToolchain } from '../helpers/toolchain';

const CHECK = 'import dioxide, sys\nassert dioxide.VALUE == 42, dioxide.VALUE\nprint("right wheel on", sys.version_info[:2])\n';

/**
 * The test jobs' install-and-test steps, run for real with pip: among decoys each must
 * install exactly this release's wheel for its interpreter, from the artifact of its own build.
 */
// One virtual environment for the steps that run on the runner's Python (each installs the same wheel again).
const venv = mkdtempSync(join(tmpdir(), 'venv-'));
beforeAll(() => execFileSync('python3', ['-m', 'venv', venv]));
const pythonTag = execFileSync('python3', ['-c', 'import sys; print(f"cp{sys.version_info[0]}{sys.version_info[1]}")'], { encoding: 'utf8' }).trim();

describe('the test step installs exactly the right wheel', () => {
  const version = `${pythonTag[2]}.${pythonTag.slice(3)}`;

  test(`installs the ${pythonTag} manylinux wheel of this version, not the sdist, an old version or another platform`, () => {
    const repo = fixtureRepo({
      platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.WINDOWS_X64],
      pythonVersions: ['3.11', '3.12', '3.13'],
      testRequirements: [],
      testCommand: 'python tests/check.py',
    }, '1.0.0-rc.1', {
      'tests/check.py': CHECK,
      // A source tree at the root that would shadow the installed wheel if the tests ran in the checkout.
      'dioxide/__init__.py': 'VALUE = 0\n',
    });
    const dist = join(repo.dir, 'dist');
    writeWheel(dist, `dioxide-1.0.0rc1-${pythonTag}-${pythonTag}-manylinux_2_17_x86_64.manylinux2014_x86_64.whl`, 'VALUE = 42\n');
    writeWheel(dist, `dioxide-1.0.0rc1-${pythonTag}-${pythonTag}-win_amd64.whl`, 'VALUE = 1\n');
    writeWheel(dist, 'dioxide-1.0.0rc1-cp39-cp39-manylinux_2_17_x86_64.whl', 'VALUE = 2\n');
    writeWheel(dist, `dioxide-0.9.0-${pythonTag}-${pythonTag}-manylinux_2_17_x86_64.whl`, 'VALUE = 3\n');
    writeText(dist, 'dioxide-1.0.0rc1.tar.gz', 'not a real sdist: building it would fail');

    // Linux tests are one job per Python, each waiting only for its platform's build and installing from its artifact.
    const job = repo.workflow.jobs[`test-linux-x86_64-${version.replace('.', '-')}`];
    expect(job.needs).toEqual(['plan', 'build-linux-x86_64']);
    expect(job.steps.find((s: any) => s.id === 'download').with).toEqual({ name: 'dist-wheels-linux-x86_64', path: 'dist' });
    const step = job.steps.find((s: any) => s.run);
    const run = runStep(step, repo.dir, {}, { 'needs.plan.outputs.pep440': '1.0.0rc1' }, {
      PATH: `${join(venv, 'bin')}:${process.env.PATH}`,
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
    });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('right wheel');
  });
});

/**
 * macOS tests every Python version at the same time in one job: run that step with
 * real interpreters (the test toolchain's), each in the virtual environment the step makes.
 */
describe('the concurrent test step (macOS)', () => {
  const pythonOf = (minor: string) => requireToolchain().pythons[`3.${minor}`];
  // Two versions per run (each makes a virtual environment per version, which is slow here).
  const repo = (minors: string[]) => fixtureRepo({
    platforms: [WheelPlatform.MACOS_ARM64], pythonVersions: minors.map((m) => `3.${m}`), testRequirements: [], testCommand: 'python tests/check.py',
  }, '1.0.0', { 'tests/check.py': CHECK, 'dioxide/__init__.py': 'VALUE = 0\n' });
  const expressions = (minors: string[]) => Object.fromEntries([
    ['needs.plan.outputs.pep440', '1.0.0'],
    ...minors.map((m) => [`steps.python-3-${m}.outputs.python-path`, pythonOf(m)]),
  ]);
  const wheels = (dir: string, tags: string[]) => {
    // Linux-tagged stand-ins for the macOS wheels: pip here picks by interpreter exactly as it will there.
    for (const tag of tags) writeWheel(join(dir, 'dist'), `dioxide-1.0.0-${tag}-${tag}-manylinux_2_17_x86_64.whl`, 'VALUE = 42\n');
    writeWheel(join(dir, 'dist'), 'dioxide-0.9.0-cp312-cp312-manylinux_2_17_x86_64.whl', 'VALUE = 3\n');
  };
  const step = (r: ReturnType<typeof repo>) => r.workflow.jobs['test-macos-arm64'].steps.find((s: any) => s.id === 'test');

  test('each version installs its own wheel in its own environment, and every log is printed', () => {
    const r = repo(['12', '13']);
    wheels(r.dir, ['cp312', 'cp313']);
    const run = runStep(step(r), r.dir, {}, expressions(['12', '13']), { PIP_DISABLE_PIP_VERSION_CHECK: '1' });
    expect(run.status).toBe(0);
    for (const minor of ['12', '13']) {
      expect(run.stdout).toContain(`::group::Python 3.${minor}: passed`);
      expect(run.stdout).toContain(`right wheel on (3, ${minor})`);
    }
  });

  test('a version whose wheel is missing fails the step, named, while the others still run', () => {
    const r = repo(['11', '12']);
    wheels(r.dir, ['cp311']);
    const run = runStep(step(r), r.dir, {}, expressions(['11', '12']), { PIP_DISABLE_PIP_VERSION_CHECK: '1' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('::group::Python 3.12: failed');
    expect(run.stdout).toContain('::error::the tests failed on Python 3.12');
    expect(run.stdout).toContain('::group::Python 3.11: passed');
    expect(run.stdout).toContain('right wheel on (3, 11)');
  });
});

/**
 * With TestInstaller.UV the same step installs through uv. uv cannot be downloaded on
 * this machine, so a stand-in records the arguments and does what uv documents for
 * them with pip: `uv pip install --system ARGS` installs into the first Python on PATH.
 * This checks the step's commands and their order, not uv itself.
 */
describe('the test step with uv', () => {
  const bin = mkdtempSync(join(tmpdir(), 'uv-bin-'));
  const log = join(bin, 'calls.log');
  beforeAll(() => {
    writeFileSync(join(bin, 'uv'), [
      '#!/usr/bin/env bash',
      'printf "%s\\n" "uv $*" >> "$UV_LOG"',
      '[ "$1 $2 $3" = "pip install --system" ] || { echo "unexpected uv call: $*" >&2; exit 2; }',
      'shift 3',
      'if [ "$1" = --group ] && [ -n "$UV_GROUPS_ONLY_LOGGED" ]; then exit 0; fi',
      'exec python -m pip install "$@"',
    ].join('\n'));
    chmodSync(join(bin, 'uv'), 0o755);
  });

  test('installs this release\'s wheel by name and version through uv, after setting up the pinned uv without a cache', () => {
    const repo = fixtureRepo({
      platforms: [WheelPlatform.LINUX_X86_64],
      pythonVersions: [`3.${pythonTag.slice(3)}`],
      testRequirements: [],
      testCommand: 'python tests/check.py',
      testInstaller: TestInstaller.UV,
    }, '1.0.0', { 'tests/check.py': CHECK });
    writeWheel(join(repo.dir, 'dist'), `dioxide-1.0.0-${pythonTag}-${pythonTag}-manylinux_2_17_x86_64.whl`, 'VALUE = 42\n');
    writeWheel(join(repo.dir, 'dist'), `dioxide-0.9.0-${pythonTag}-${pythonTag}-manylinux_2_17_x86_64.whl`, 'VALUE = 3\n');
    const job = repo.workflow.jobs['test-linux-x86_64'];
    expect(job.steps.find((s: any) => s.id === 'uv')).toMatchObject({
      uses: 'astral-sh/setup-uv@20cfd1bf945f4377ade1205e4dbc17946fc9a30d', with: { 'version': '0.12.4', 'enable-cache': false },
    });
    const run = runStep(job.steps.find((s: any) => s.run), repo.dir, {}, { 'needs.plan.outputs.pep440': '1.0.0' }, {
      PATH: `${bin}:${join(venv, 'bin')}:${process.env.PATH}`, UV_LOG: log, PIP_DISABLE_PIP_VERSION_CHECK: '1',
    });
    expect(run.stderr).not.toMatch(/error|unexpected/i);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('right wheel');
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      'uv pip install --system --only-binary :all: --no-index --no-deps --find-links dist dioxide==1.0.0',
      'uv pip install --system dioxide==1.0.0',
    ]);
  });

  test('dependency groups install through uv too (uv pip install --group, uv 0.6.7 and later), with no pip upgrade', () => {
    const groupLog = join(bin, 'groups.log');
    writeFileSync(groupLog, '');
    const repo = fixtureRepo({
      platforms: [WheelPlatform.LINUX_X86_64],
      pythonVersions: [`3.${pythonTag.slice(3)}`],
      testRequirements: [],
      testDependencyGroups: ['test', 'lint'],
      testCommand: 'python tests/check.py',
      testInstaller: TestInstaller.UV,
    }, '1.0.0', {
      'tests/check.py': CHECK,
      'pyproject.toml': '[build-system]\nrequires = ["maturin>=1.7,<2"]\nbuild-backend = "maturin"\n\n[project]\nname = "dioxide"\ndynamic = ["version"]\n\n'
        + '[dependency-groups]\ntest = ["pytest"]\nlint = ["ruff"]\n',
    });
    writeWheel(join(repo.dir, 'dist'), `dioxide-1.0.0-${pythonTag}-${pythonTag}-manylinux_2_17_x86_64.whl`, 'VALUE = 42\n');
    const step = repo.workflow.jobs['test-linux-x86_64'].steps.find((s: any) => s.run);
    const run = runStep(step, repo.dir, {}, { 'needs.plan.outputs.pep440': '1.0.0' }, {
      // pip here predates --group (25.1): the stand-in records the groups uv would read and installs nothing for them.
      PATH: `${bin}:${join(venv, 'bin')}:${process.env.PATH}`,
      UV_LOG: groupLog,
      UV_GROUPS_ONLY_LOGGED: '1',
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
      GITHUB_WORKSPACE: repo.dir,
    });
    expect(run.stderr).not.toMatch(/error|unexpected/i);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('right wheel');
    expect(readFileSync(groupLog, 'utf8').trim().split('\n')).toEqual([
      'uv pip install --system --only-binary :all: --no-index --no-deps --find-links dist dioxide==1.0.0',
      'uv pip install --system dioxide==1.0.0',
      `uv pip install --system --group ${repo.dir}/pyproject.toml:test --group ${repo.dir}/pyproject.toml:lint`,
    ]);
  });
});

/**
 * The tests run in an empty directory (so the source tree cannot shadow the wheel); the
 * pytest configuration next to them must come along, or addopts, markers and fixtures
 * from a root conftest.py silently stop applying.
 */
describe('the test step keeps the pytest configuration', () => {
  // pytest from the test toolchain (same Python as the step's venv), importable in that venv.
  const pytestPath = () => execFileSync(join(requireToolchain().venvBin, 'python'),
    ['-c', 'import os, pytest; print(os.path.dirname(os.path.dirname(pytest.__file__)))'], { encoding: 'utf8' }).trim();
  const TESTS = [
    'import dioxide, pytest',
    'def test_value(answer):',
    '    assert dioxide.VALUE == answer',
    '@pytest.mark.slow',
    'def test_slow():',
    '    raise AssertionError("the slow test ran: addopts was left behind")',
    '',
  ].join('\n');
  const CONFTEST = 'import pytest\n@pytest.fixture\ndef answer():\n    return 42\n';
  const PYPROJECT = '[build-system]\nrequires = ["maturin>=1.7,<2"]\nbuild-backend = "maturin"\n\n[project]\nname = "dioxide"\ndynamic = ["version"]\n\n' +
    '[tool.pytest.ini_options]\naddopts = "-m \'not slow\' --strict-markers -p no:cacheprovider"\nmarkers = ["slow: takes long"]\n';

  function runTests(options: Partial<MaturinReleaseOptions>, files: Record<string, string>, packageDir = '.') {
    const repo = fixtureRepo({
      platforms: [WheelPlatform.LINUX_X86_64], pythonVersions: [`3.${pythonTag.slice(3)}`], testRequirements: [], testCommand: 'python -m pytest', ...options,
    }, '1.0.0', files);
    writeWheel(join(repo.dir, packageDir, 'dist'), `dioxide-1.0.0-${pythonTag}-${pythonTag}-manylinux_2_17_x86_64.whl`, 'VALUE = 42\n');
    const step = repo.workflow.jobs['test-linux-x86_64'].steps.find((s: any) => s.run);
    // The wheel is found where the build leaves it: dist/ of the package directory.
    const script = packageDir === '.' ? step : { ...step, run: step.run.replace('--find-links dist', `--find-links ${packageDir}/dist`) };
    return runStep(script, repo.dir, {}, { 'needs.plan.outputs.pep440': '1.0.0' }, {
      PATH: `${join(venv, 'bin')}:${process.env.PATH}`, PYTHONPATH: pytestPath(), PIP_DISABLE_PIP_VERSION_CHECK: '1',
    });
  }

  test('[tool.pytest.ini_options] in pyproject.toml and a root conftest.py apply', () => {
    const run = runTests({}, { 'pyproject.toml': PYPROJECT, 'conftest.py': CONFTEST, 'tests/test_dioxide.py': TESTS });
    expect(run.stdout).toMatch(/1 passed, 1 deselected/);
    expect(run.status).toBe(0);
  });

  test('pytest.ini, tox.ini and setup.cfg of a package in a subdirectory apply', () => {
    const ini = (section: string) => `[${section}]\naddopts = -m "not slow" --strict-markers -p no:cacheprovider\nmarkers =\n    slow: takes long\n`;
    for (const [file, section] of [['pytest.ini', 'pytest'], ['tox.ini', 'pytest'], ['setup.cfg', 'tool:pytest']]) {
      const run = runTests({ packageDirectory: 'bindings/python' }, {
        'bindings/python/Cargo.toml': '[package]\nname = "dioxide"\nversion = "1.0.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\npyo3 = "0.27"\n',
        'bindings/python/pyproject.toml': '[build-system]\nrequires = ["maturin>=1.7,<2"]\nbuild-backend = "maturin"\n\n[project]\nname = "dioxide"\ndynamic = ["version"]\n',
        [`bindings/python/${file}`]: ini(section),
        'bindings/python/conftest.py': CONFTEST,
        'bindings/python/tests/test_dioxide.py': TESTS,
      }, 'bindings/python');
      expect([file, run.stdout.match(/\d+ passed, \d+ deselected/)?.[0], run.status]).toEqual([file, '1 passed, 1 deselected', 0]);
    }
  });

  test('the negative control: with testConfigFiles empty, the configuration stays behind and the tests fail', () => {
    const run = runTests({ testConfigFiles: [] }, { 'pyproject.toml': PYPROJECT, 'conftest.py': CONFTEST, 'tests/test_dioxide.py': TESTS });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toMatch(/fixture 'answer' not found|the slow test ran/);
  });
});
