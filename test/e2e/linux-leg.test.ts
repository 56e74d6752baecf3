import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { WheelPlatform } from '../../src';
import { LegResult, StepRecord, runReleaseLeg } from '../helpers/local-runner';
import { PackageIndex, startPackageIndex } from '../helpers/package-index';
import { realFixtureRepo } from '../helpers/real-fixture';
import { Toolchain, requireToolchain } from '../helpers/toolchain';

/**
 * The Linux x86_64 leg of generated release workflows, executed: real maturin
 * builds of the fixtures in test/fixtures, the workflow's own steps in job order
 * (see test/helpers/local-runner.ts for the stand-ins of GitHub's actions), real
 * pip and pytest, a local index for the publish and install steps, a fake `gh`.
 */

const REAL_BUILD_TIMEOUT = 300_000;
const MANYLINUX = 'manylinux_2_\\d+_x86_64';
const LINUX = { platforms: [WheelPlatform.LINUX_X86_64] };

const show = (step: StepRecord) => `job ${step.job}, step "${step.step}" (${step.kind}) failed:\n${step.output}`;

/** The run completed: no step failed (else the failed step's output is the test's message). */
function expectCompleted(leg: LegResult): void {
  if (leg.failed) throw new Error(show(leg.failed));
}

const stepsOf = (leg: LegResult, job: string) => leg.steps.filter((s) => s.job === job);
const outputOf = (leg: LegResult, pattern: RegExp) => leg.steps.filter((s) => pattern.test(s.output)).map((s) => s.output).join('\n');

/** Installs a wheel into a fresh venv of `python` (no index) and imports `module` from outside the checkout. */
function importWheel(python: string, wheel: string, module: string): string {
  const venv = mkdtempSync(join(tmpdir(), 'import-'));
  execFileSync(python, ['-m', 'venv', venv]);
  execFileSync(join(venv, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--no-cache-dir', '--no-index', '--no-deps', wheel], { env: { PATH: process.env.PATH, PIP_DISABLE_PIP_VERSION_CHECK: '1' } });
  return execFileSync(join(venv, 'bin', 'python'), ['-c', `import sys, ${module}; print(sys.version_info[:2], ${module}.add(40, 2))`], { cwd: venv, encoding: 'utf8' }).trim();
}

describe('the Linux x86_64 leg of the generated release, run with real maturin builds', () => {
  let toolchain: Toolchain;
  let index: PackageIndex;
  beforeAll(() => {
    toolchain = requireToolchain();
  });
  beforeEach(async () => {
    index = await startPackageIndex();
  });
  // When beforeAll fails (no toolchain), jest skips beforeEach but still runs afterEach.
  afterEach(() => index?.stop());

  test('pyo3 crate: one wheel per CPython 3.9–3.11 from one maturin call, checked, tested, published to TestPyPI, installed and released', () => {
    const tag = 'v1.2.0-rc.1';
    const repo = realFixtureRepo('tinyext', { ...LINUX, pythonVersions: ['3.9', '3.10', '3.11'], testPythonVersions: ['3.11'] }, { tag, index });
    const leg = runReleaseLeg({ repo: repo.dir, tag, toolchain, index });
    expectCompleted(leg);

    // A pre-release goes to TestPyPI only, and every other job runs.
    expect(leg.skipped).toEqual(['publish-pypi']);
    const built = leg.artifacts.dist;
    expect(built).toEqual([
      expect.stringMatching(new RegExp(`^tinyext-1\\.2\\.0rc1-cp310-cp310-${MANYLINUX}\\.whl$`)),
      expect.stringMatching(new RegExp(`^tinyext-1\\.2\\.0rc1-cp311-cp311-${MANYLINUX}\\.whl$`)),
      expect.stringMatching(new RegExp(`^tinyext-1\\.2\\.0rc1-cp39-cp39-${MANYLINUX}\\.whl$`)),
      'tinyext-1.2.0rc1.tar.gz',
    ]);
    // One maturin call built all three.
    const wheelBuild = leg.steps.filter((s) => /Built wheel for CPython/.test(s.output));
    expect(wheelBuild).toHaveLength(1);
    expect(wheelBuild[0].output.match(/Built wheel for CPython 3\.\d+/g)).toEqual(['Built wheel for CPython 3.9', 'Built wheel for CPython 3.10', 'Built wheel for CPython 3.11']);
    expect(outputOf(leg, /promised files/)).toContain('dist/ holds exactly the 4 promised files');
    expect(outputOf(leg, /passed/)).toMatch(/3 passed/);
    expect(index.files('testpypi')).toEqual(built);
    expect(index.files('pypi')).toEqual([]);
    expect(outputOf(leg, /imported/)).toMatch(/imported tinyext from .*site-packages/);
    expect(leg.steps.map((s) => s.summary).join('')).toContain('All 4 files on the index match the checked build (sha256).');
    expect(leg.release).toMatchObject({ isDraft: false, isPrerelease: true, body: '### Added\n- `add`, computed in Rust.\n' });
    expect(leg.release!.assets.map((asset) => asset.name).sort()).toEqual(built);

    // The test job here has pytest only for 3.11 (the machine's package mirror lacks pytest's
    // backports for older Pythons): the other two wheels are installed and imported directly.
    for (const [version, tag3] of [['3.9', 'cp39'], ['3.10', 'cp310']]) {
      const wheel = built.find((f) => f.includes(`-${tag3}-`))!;
      expect(importWheel(toolchain.pythons[version], join(leg.artifactDir, 'dist', wheel), 'tinyext')).toBe(`(${version.replace('.', ', ')}) 42`);
    }
  }, REAL_BUILD_TIMEOUT);

  test('pypy3.9 in a build image without PyPy 3.9 (pypa removed it): maturin builds pp39 from its bundled configuration, and the leg completes', () => {
    const tag = 'v1.2.0-rc.1';
    const repo = realFixtureRepo('tinyext', { ...LINUX, pythonVersions: ['3.11', 'pypy3.9'], testPythonVersions: ['3.11'] }, { tag, index });
    const leg = runReleaseLeg({ repo: repo.dir, tag, toolchain, index });
    expectCompleted(leg);
    const built = leg.artifacts.dist;
    expect(built).toEqual([
      expect.stringMatching(new RegExp(`^tinyext-1\\.2\\.0rc1-cp311-cp311-${MANYLINUX}\\.whl$`)),
      expect.stringMatching(new RegExp(`^tinyext-1\\.2\\.0rc1-pp39-pypy39_pp73-${MANYLINUX}\\.whl$`)),
      'tinyext-1.2.0rc1.tar.gz',
    ]);
    expect(outputOf(leg, /Built wheel for PyPy/)).toContain('Built wheel for PyPy 3.9');
    expect(outputOf(leg, /promised files/)).toContain('dist/ holds exactly the 3 promised files');
    expect(index.files('testpypi')).toEqual(built);
  }, REAL_BUILD_TIMEOUT);

  test('pyo3 crate with abi3: one cp39-abi3 wheel, tested on CPython 3.11–3.13, published to PyPI, installed and released', () => {
    const tag = 'v0.4.0';
    const repo = realFixtureRepo('tinyabi3', { ...LINUX, abi3: true, pythonVersions: ['3.9', '3.10', '3.11'], testPythonVersions: ['3.11', '3.12', '3.13'] }, { tag, index });
    const leg = runReleaseLeg({ repo: repo.dir, tag, toolchain, index });
    expectCompleted(leg);

    expect(leg.skipped).toEqual(['publish-testpypi']);
    const built = leg.artifacts.dist;
    expect(built).toEqual([expect.stringMatching(new RegExp(`^tinyabi3-0\\.4\\.0-cp39-abi3-${MANYLINUX}\\.whl$`)), 'tinyabi3-0.4.0.tar.gz']);
    const tests = leg.steps.filter((s) => s.kind === 'run' && /passed/.test(s.output));
    expect(tests.map((s) => s.step)).toEqual(['3.11', '3.12', '3.13'].map((v) => expect.stringContaining(`Python ${v}`)));
    for (const test of tests) expect(test.output).toMatch(/3 passed/);
    expect(index.files('pypi')).toEqual(built);
    expect(leg.steps.map((s) => s.summary).join('')).toContain('All 2 files on the index match the checked build (sha256).');
    expect(leg.release).toMatchObject({ isDraft: false, isPrerelease: false, body: '### Added\n- One wheel for every CPython from 3.9 on (stable ABI).\n' });
    expect(leg.release!.assets.map((asset) => asset.name).sort()).toEqual(built);
  }, REAL_BUILD_TIMEOUT);

  test('bin package: one py3-none wheel, checked, tested, published, installed back (nothing to import) and released', () => {
    const tag = 'v2.0.0-beta.3';
    const repo = realFixtureRepo('tinybin', { ...LINUX, pythonVersions: ['3.11'] }, { tag, index });
    const leg = runReleaseLeg({ repo: repo.dir, tag, toolchain, index });

    const built = leg.artifacts.dist;
    expect(built).toEqual([expect.stringMatching(new RegExp(`^tinybin-2\\.0\\.0b3-py3-none-${MANYLINUX}\\.whl$`)), 'tinybin-2.0.0b3.tar.gz']);
    expect(outputOf(leg, /passed/)).toMatch(/1 passed/);
    expect(index.files('testpypi')).toEqual(built);
    expect(leg.failed).toBeUndefined();
    expect(leg.steps.map((s) => s.summary).join('')).toContain('(a program: nothing to import)');
    expect(leg.release).toMatchObject({ isDraft: false, isPrerelease: true });
    expect(leg.release!.assets.map((asset) => asset.name).sort()).toEqual(built);
  }, REAL_BUILD_TIMEOUT);

  describe('a broken repository stops the leg at the right step', () => {
    test('Cargo.toml carries another version than the tag: the plan step, before anything is built', () => {
      const repo = realFixtureRepo('tinyabi3', { ...LINUX, abi3: true, pythonVersions: ['3.9'] }, {
        tag: 'v0.4.0',
        index,
        edit: (dir) => writeFileSync(join(dir, 'Cargo.toml'), readFileSync(join(dir, 'Cargo.toml'), 'utf8').replace('version = "0.4.0"', 'version = "0.4.1"')),
      });
      const leg = runReleaseLeg({ repo: repo.dir, tag: 'v0.4.0', toolchain, index });
      expect(leg.jobs).toEqual(['plan']);
      expect(leg.failed?.step).toBe('Decide version, channel and pre-release');
      expect(leg.failed?.output).toContain('tag "v0.4.0" is version 0.4.0, but Cargo.toml says 0.4.1: bump the version source, or tag v0.4.1');
    });

    test('a failing test: the test step, and nothing is published', () => {
      const repo = realFixtureRepo('tinyabi3', { ...LINUX, abi3: true, pythonVersions: ['3.9'], testPythonVersions: ['3.11'] }, {
        tag: 'v0.4.0',
        index,
        edit: (dir) => writeFileSync(join(dir, 'tests', 'test_broken.py'), 'import tinyabi3\n\n\ndef test_broken():\n    assert tinyabi3.add(1, 1) == 3\n'),
      });
      const leg = runReleaseLeg({ repo: repo.dir, tag: 'v0.4.0', toolchain, index });
      expect(leg.failed?.step).toBe('Install the wheel and run the tests on Python 3.11');
      expect(leg.failed?.output).toMatch(/1 failed, 3 passed/);
      expect(leg.failed?.output).toContain('assert 2 == 3');
      expect(stepsOf(leg, 'check-dist').every((s) => s.ok)).toBe(true);
      expect(index.files('pypi')).toEqual([]);
      expect(leg.gh).toEqual([]);
    }, REAL_BUILD_TIMEOUT);

    test('a Python the runner lacks: its test job\'s setup step, after the build passed and the other Python\'s tests ran', () => {
      // On Linux a missing interpreter never stops the build: for a pythonX.Y it cannot find,
      // maturin builds from its bundled sysconfig. The test job is where it stops a release.
      const tag = 'v0.4.0';
      const repo = realFixtureRepo('tinyabi3', { ...LINUX, abi3: true, pythonVersions: ['3.9'], testPythonVersions: ['3.11', '3.14'] }, { tag, index });
      const leg = runReleaseLeg({ repo: repo.dir, tag, toolchain, index });
      // Linux tests run one job per Python: 3.11's passed, 3.14's stops at its setup.
      expect(leg.failed?.job).toBe('test-linux-x86_64-3-14');
      expect(leg.failed?.kind).toBe('actions/setup-python');
      expect(leg.failed?.output).toContain('\'3.14\'');
      expect(stepsOf(leg, 'test-linux-x86_64-3-11').filter((s) => s.kind === 'run').map((s) => s.ok)).toEqual([true]);
      expect(index.files('pypi')).toEqual([]);
    }, REAL_BUILD_TIMEOUT);
  });
});
