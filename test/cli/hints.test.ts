import { execFileSync, spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { cargoVersionOf, parseReleaseVersion } from '../../src/core/version';
import { ReleaseNotes } from '../../src/synth/options';
import { cli, commitAll } from '../helpers/cli';
import { fixtureRepo } from '../helpers/fixture-repo';

const CLI = join(__dirname, '..', '..', 'assets', 'cli.cjs');
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const UNRELEASED = '# Changelog\n\n## [Unreleased]\n\n- Faster\n\n## [0.3.6] - 2026-01-01\n\n- Older\n';

describe('the PEP 440 spelling of a pre-release is prepared as its Cargo SemVer form', () => {
  test.each([
    ['0.3.7rc1', '0.3.7-rc.1'],
    ['1.0.0a2', '1.0.0-alpha.2'],
    ['1.0.0b1', '1.0.0-beta.1'],
    ['1.0.0.dev3', '1.0.0-dev.3'],
    ['1.0.0rc1.dev2', '1.0.0-rc.1.dev.2'],
    ['1.0.0-rc.1', '1.0.0-rc.1'],
    ['1.0.0', '1.0.0'],
  ])('%s → %s', (pep440, cargo) => {
    expect(cargoVersionOf(parseReleaseVersion(pep440))).toBe(cargo);
  });

  test.each([['1.0'], ['1.0.0.post1'], ['1!1.0.0']])('%s has no Cargo form', (raw) => {
    expect(cargoVersionOf(parseReleaseVersion(raw))).toBeUndefined();
  });

  test('preflight v0.3.7rc1 suggests a prepare that works, and the prepared tag passes preflight', () => {
    const r = fixtureRepo({}, '0.3.6', { 'CHANGELOG.md': UNRELEASED });
    commitAll(r.dir);
    const report = JSON.parse(cli(r.dir, 'preflight', 'v0.3.7rc1', '--json').stdout);
    expect(report.fix).toContain('npx projen release:prepare 0.3.7rc1');
    const run = cli(r.dir, 'prepare', '0.3.7rc1');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(read(r.dir, 'Cargo.toml')).toContain('version = "0.3.7-rc.1"');
    expect(read(r.dir, 'CHANGELOG.md')).toContain('## [0.3.7rc1] - ');
    expect(run.stdout).toContain('git tag -a v0.3.7rc1 ');
    commitAll(r.dir);
    expect(cli(r.dir, 'preflight', 'v0.3.7rc1').status).toBe(0);
  });

  test('a post release has no Cargo form: the message says which spelling to use', () => {
    const r = fixtureRepo({}, '0.3.6', { 'CHANGELOG.md': UNRELEASED });
    commitAll(r.dir);
    const run = cli(r.dir, 'prepare', '0.3.6.post1');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Cargo.toml needs a SemVer version');
  });
});

describe('notes when GitHub writes them', () => {
  test('exits 0 and says where the notes will be', () => {
    const r = fixtureRepo({ releaseNotes: ReleaseNotes.GITHUB }, '1.0.0');
    const run = cli(r.dir, 'notes', 'v1.0.0');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('projen-maturin: GitHub generates the release notes of dioxide 1.0.0 when the release is created, from the pull requests merged since the previous release: there is nothing to print before then\n');
  });
});

describe('plan prints a row per job', () => {
  test('every job of the workflow, with its runner and minutes', () => {
    const r = fixtureRepo();
    const run = cli(r.dir, 'plan');
    expect(run.status).toBe(0);
    const config = JSON.parse(read(r.dir, '.github/maturin-release/config.json'));
    for (const job of config.estimate.workflow.jobs) {
      expect(run.stdout).toMatch(new RegExp(`\\n\\| ${job.id} \\| ${job.runner} \\| ${job.minutes} \\| \\d+ \\|`));
    }
    expect(run.stdout).toContain('| job | runner | minutes | billed minutes |');
  });
});

describe('preflight hints', () => {
  test('a tag without the prefix: the workflow never starts, and the fix names the right tag', () => {
    const r = fixtureRepo({}, '0.3.6');
    const run = cli(r.dir, 'preflight', '0.3.6');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('  status       a push of this tag would not start the release workflow');
    expect(run.stdout).toContain('  fix: tag v0.3.6 instead: the release workflow starts for tags that match "v*.*.*"\n');
    expect(run.stdout).not.toContain('the plan job would stop');
    // Another language's tag of a multi-language repository: its version under this package's prefix.
    expect(cli(r.dir, 'preflight', 'javascript-v0.21.1').stdout).toContain('  fix: tag v0.21.1 instead: the release workflow starts for tags that match "v*.*.*"\n');
    // Nothing that reads as a version: an example.
    expect(cli(r.dir, 'preflight', 'latest').stdout).toContain('  fix: tag v1.2.3 instead');
    // A matching tag that the plan job refuses is still the plan job's.
    expect(cli(r.dir, 'preflight', 'v0.3.7').stdout).toContain('  status       the plan job would stop this release');
  });

  test('an already released tag: ok, with a hint to release the next version', () => {
    const r = fixtureRepo({}, '1.0.0');
    commitAll(r.dir);
    expect(JSON.parse(cli(r.dir, 'preflight', 'v1.0.0', '--json').stdout).warnings).toEqual([]);
    execFileSync('git', ['tag', 'v1.0.0'], { cwd: r.dir });
    const report = JSON.parse(cli(r.dir, 'preflight', 'v1.0.0', '--json').stdout);
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual(['the tag v1.0.0 exists in this clone already: if it was pushed, 1.0.0 is released, and PyPI takes a version only once; ' +
      'to release again, prepare the next version with "npx projen release:prepare <version>"']);
  });
});

test('a closed stdout (preflight --json | head -1) ends quietly, without an EPIPE stack trace', () => {
  const r = fixtureRepo({}, '1.0.0');
  // `true` exits without reading: every write after that fails with EPIPE.
  const run = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" preflight v1.0.0 --json | true; echo "status \${PIPESTATUS[0]}" >&2`], { cwd: r.dir, encoding: 'utf8' });
  expect(run.stderr).toBe('status 0\n');
});
