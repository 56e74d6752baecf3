import { execFileSync } from 'child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { Project } from 'projen';
import { ProjenrcTs } from 'projen/lib/typescript';
import { parse } from 'yaml';
import * as api from '../../src';
import { cli } from '../helpers/cli';

// The bundle the CLI runs (it inlines GitHub's expression engine, which is ESM-only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { adopt } = require('../../assets/cli-adopt.cjs') as typeof import('../../src/cli/commands/adopt');

const FIXTURES = join(__dirname, '..', 'fixtures');
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, stdio: 'pipe' });

/** A git repository holding `source` (a directory of test/fixtures), with `edits` written over it and `tags` made on its commit. */
function repository(source: string, edits: Record<string, string> = {}, tags: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'adopt-blockers-'));
  cpSync(join(FIXTURES, source), dir, { recursive: true });
  for (const [file, text] of Object.entries(edits)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'existing repository');
  for (const tag of tags) git(dir, 'tag', tag);
  return dir;
}

/** Runs the written `.projenrc.ts` against this checkout's projen-maturin (as test/cli/adopt.test.ts does); returns what synthesis warned. */
function synthesize(dir: string): string[] {
  const text = readFileSync(join(dir, '.projenrc.ts'), 'utf8');
  const body = text.replace(/^import .*$/gm, '')
    .replace(/(const project = new Project\(\{ name: '[^']*')( \}\);)/, '$1, outdir: DIR$2 WARN(project);');
  const warnings: string[] = [];
  const warn = (project: Project) => jest.spyOn(project.logger, 'warn').mockImplementation((...m: unknown[]) => { warnings.push(m.map(String).join(' ')); });
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const names = ['Project', 'ProjenrcTs', 'MaturinRelease', 'PublishingMode', 'ReleaseNotes', 'ReleaseTrigger', 'VersionSource', 'WheelPlatform', 'DIR', 'WARN'];
  const run = new Function(...names, body);
  run(Project, ProjenrcTs, api.MaturinRelease, api.PublishingMode, api.ReleaseNotes, api.ReleaseTrigger, api.VersionSource, api.WheelPlatform,
    dir, warn);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'adopt');
  return warnings;
}

const workflowOf = (dir: string) => parse(readFileSync(join(dir, '.github/workflows/release.yml'), 'utf8'));

describe('nh3 (messense/nh3 at 567c411): maturin upload with a token, no environment, maturin unpinned', () => {
  test('adopt keeps publishing without an environment, warns that maturin is unpinned and pins the default; the release synthesizes and preflight is ok', () => {
    const dir = repository('adopt/shapes/nh3');
    const adoption = adopt(dir);
    expect(adoption.projenrc).toMatch(/ {4}environments: false, \/\/ \.github\/workflows\/CI\.yml:\d+ publishes with a token and no GitHub environment\n/);
    expect(adoption.projenrc).not.toContain('pypiEnvironment');
    // maturin unpinned: a warning, and the default pin kept (no maturinVersion written).
    expect(adoption.warnings.find((w) => w.startsWith('maturin is not pinned'))).toMatch(/: each run installs the newest; the generated release pins maturin 1\.15\.0 \(maturinVersion\)$/);
    expect(adoption.projenrc).not.toContain('maturinVersion:');
    expect(cli(dir, 'adopt').status).toBe(0);
    const warnings = synthesize(dir);
    expect(warnings.some((w) => w.includes('publishing.environments is false: the publish jobs run in no GitHub environment'))).toBe(true);
    const workflow = workflowOf(dir);
    expect(workflow.jobs['publish-pypi'].environment).toBeUndefined();
    expect(workflow.jobs['publish-pypi'].steps.find((s: any) => s.id === 'publish').with.password).toBe('${{ secrets.PYPI_PASSWORD }}');
    const builds = Object.values<any>(workflow.jobs).flatMap((job) => job.steps).filter((s) => String(s.uses).startsWith('PyO3/maturin-action'));
    expect(builds.length).toBeGreaterThan(0);
    expect(new Set(builds.map((s) => s.with['maturin-version']))).toEqual(new Set(['v1.15.0']));
    const preflight = cli(dir, 'preflight', 'v0.3.6', '--json');
    expect(JSON.parse(preflight.stdout)).toMatchObject({ ok: true });
  });
});

describe('opendal (apache/opendal at 68a76e4): the repository\'s tag releases the Python binding at its own version', () => {
  test('with v0.58.2 tagged and bindings/python at 0.47.6, adopt writes sharedTag and no GitHub Release; preflight v0.58.2 releases 0.47.6', () => {
    const dir = repository('adopt/shapes/opendal', {}, ['v0.58.2']);
    const adoption = adopt(dir);
    expect(adoption.projenrc).toContain("  sharedTag: true, // the tag v0.58.2 is ahead of the package's version 0.47.6 (bindings/python/Cargo.toml)\n");
    expect(adoption.projenrc).toContain("    enabled: false, // a shared tag's GitHub Release is the repository's\n");
    expect(cli(dir, 'adopt').status).toBe(0);
    // opendal's cp311 step alone enables its crate's abi3 feature (pyo3/abi3-py311): the abi3 floor, cp310 and cp314t beside it.
    expect(adoption.projenrc).toContain("  abi3MinimumPython: '3.11', // from .github/workflows/release_python.yml:86\n");
    synthesize(dir);
    expect(JSON.parse(readFileSync(join(dir, '.github/maturin-release/config.json'), 'utf8')).sharedTag).toBe(true);
    const preflight = cli(dir, 'preflight', 'v0.58.2', '--json');
    expect(preflight.stderr).toBe('');
    const report = JSON.parse(preflight.stdout);
    expect(report).toMatchObject({ ok: true, tag: 'v0.58.2', version: '0.47.6', channel: 'pypi' });
    expect(report.warnings).toContain('the tag is the repository\'s (sharedTag): it releases 0.47.6, the version Cargo.toml says; ' +
      'the plan job stops if opendal 0.47.6 is on PyPI already (preflight does not ask the index)');
    // prepare bumps the package, and leaves the tag to the repository's own release process.
    const prepare = cli(dir, 'prepare', '0.47.7', '--dry-run');
    expect(prepare.stderr).toBe('');
    expect(prepare.stdout).toContain('Would prepare opendal 0.47.7:');
    expect(prepare.stdout).toContain('  # the repository\'s next tag (v*.*.*) releases it; preview that with: npx projen-maturin preflight TAG\n');
    expect(prepare.stdout).not.toContain('git tag');
  });

  test('the negative control: without a tag ahead of the package version, the tag is the package\'s', () => {
    const dir = repository('adopt/shapes/opendal', {}, ['v0.47.5']);
    const adoption = adopt(dir);
    expect(adoption.projenrc).not.toContain('sharedTag');
    expect(adoption.projenrc).not.toContain('enabled: false');
  });
});

/** maturin's own [build-system] (PyO3/maturin at 9ad2a8c, pyproject.toml): setuptools-rust through an in-tree backend. */
const MATURIN_BUILD_SYSTEM = [
  '# Workaround to bootstrap maturin on non-manylinux platforms',
  '[build-system]',
  'requires = [', '    "setuptools>=77.0.0",', '    "tomli>=1.1.0 ; python_version<\'3.11\'",', '    "setuptools-rust>=1.11.0",', ']',
  'backend-path = ["maturin"]', 'build-backend = "bootstrap"', '',
].join('\n');

describe('a pyproject.toml that builds with another backend while maturin builds the wheels (maturin itself)', () => {
  test('adopt writes otherBuildBackend, and the release synthesizes with the warning about the sdist', () => {
    const pyproject = readFileSync(join(FIXTURES, 'tinybin', 'pyproject.toml'), 'utf8').replace(/^\[build-system\][^[]*/, `${MATURIN_BUILD_SYSTEM}\n`);
    const withWorkflow = repository('tinybin', {
      'pyproject.toml': pyproject,
      '.github/workflows/CI.yml': readFileSync(join(FIXTURES, 'adopt', 'generate-ci', 'bin.yml'), 'utf8'),
    });
    const adoption = adopt(withWorkflow);
    expect(adoption.projenrc).toContain('  otherBuildBackend: true, // from pyproject.toml builds with "bootstrap"; maturin builds the wheels\n');
    expect(adoption.leftOut.filter((l) => l.includes('bootstrap'))).toEqual([]);
    expect(cli(withWorkflow, 'adopt').status).toBe(0);
    const warnings = synthesize(withWorkflow);
    expect(warnings.some((w) => w.includes('not maturin (otherBuildBackend): the release builds the wheels and the sdist with maturin, but pip builds a wheel from that sdist with "bootstrap"'))).toBe(true);
    expect(JSON.parse(cli(withWorkflow, 'preflight', 'v2.0.0-beta.3', '--json').stdout)).toMatchObject({ ok: true });
  });
});
