import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { helpText } from '../../src/cli/args';
import { cli, commitAll } from '../helpers/cli';
import { fixtureRepo } from '../helpers/fixture-repo';

const CONFIG = '.github/maturin-release/config.json';
const noStack = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);

describe('help and version', () => {
  test.each([['--help'], ['-h'], ['help']])('%s prints the tool\'s help on stdout and exits 0', (flag) => {
    const run = cli(tmpdir(), flag);
    expect(run).toEqual({ status: 0, stdout: helpText(), stderr: '' });
    expect(run.stdout).toMatch(/\n {2}prepare <version> \[--dry-run\] +bump the version source and promote the CHANGELOG\n/);
    expect(run.stdout).toContain('  -h, --help  show help (also after a command, e.g. projen-maturin prepare --help)\n');
  });

  test.each([
    ['help', 'prepare'], ['prepare', '--help'], ['prepare', '-h'], ['prepare', '0.2.0', '--help'],
  ])('%s %s prints the help of prepare', (...args) => {
    const run = cli(tmpdir(), ...args);
    expect(run).toEqual({ status: 0, stdout: helpText('prepare'), stderr: '' });
    expect(run.stdout.split('\n').slice(0, 2)).toEqual(['usage: projen-maturin prepare <version> [--dry-run]', '']);
    expect(run.stdout).toContain('  --dry-run         show the changes without writing anything\n');
    expect(run.stdout).toContain('  --package <name>  the package (or its workflow name), when the repository releases several\n');
    expect(run.stdout).toContain('projen task: npx projen release:prepare 1.2.0 [--dry-run]\n');
  });

  test.each([['plan'], ['preflight'], ['notes']])('"%s -h" is a request for help, not a run', (command) => {
    const run = cli(tmpdir(), command, '-h');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(helpText(command));
    expect(run.stdout).toMatch(new RegExp(`^usage: projen-maturin ${command}`));
  });

  test('help for a command does not run it: prepare --help writes nothing', () => {
    const r = fixtureRepo({}, '0.1.0');
    commitAll(r.dir);
    const before = readFileSync(join(r.dir, 'CHANGELOG.md'));
    expect(cli(r.dir, 'prepare', '1.1.0', '--help').status).toBe(0);
    expect(readFileSync(join(r.dir, 'CHANGELOG.md'))).toEqual(before);
  });

  test('--version prints the version from package.json', () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
    expect(cli(tmpdir(), '--version')).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('usage errors exit with 2 and say what to run', () => {
  test.each([
    [['plan', '--bogus'], 'unknown option "--bogus" for "plan"\n  fix: run it as: projen-maturin plan [--from-run <file>]'],
    [['preflight', 'v1.0.0', '--jsn'], 'unknown option "--jsn" for "preflight"\n  fix: did you mean "--json"? run it as: projen-maturin preflight <tag> [--json]'],
    [['prepare', '1.0.0', '-n'], 'unknown option "-n" for "prepare"\n  fix: run it as: projen-maturin prepare <version> [--dry-run]'],
    [['notes', 'v1.0.0', '--json'], 'unknown option "--json" for "notes"\n  fix: run it as: projen-maturin notes <tag>'],
    [['--bogus'], 'unknown option "--bogus"\n  fix: run "projen-maturin --help" for the commands and options'],
    [['plan', '--version'], 'unknown option "--version" for "plan"\n  fix: run it as: projen-maturin plan [--from-run <file>]'],
    [['prepar', '1.0.0'], 'unknown command "prepar"\n  fix: did you mean "prepare"? run "projen-maturin --help" for the commands'],
    [['deploy'], 'unknown command "deploy"\n  fix: run "projen-maturin --help" for the commands'],
    [['help', 'deploy'], 'unknown command "deploy"\n  fix: run "projen-maturin --help" for the commands'],
    [['help', 'plan', 'notes'], '"help" takes at most one command, got "plan" "notes"\n  fix: run "projen-maturin help <command>"'],
    [[], 'no command given\n  fix: run "projen-maturin --help" for the commands'],
    [['preflight'], '"preflight" needs a <tag>: the release tag to check, e.g. v1.2.0 (or the version, e.g. 1.2.0, for a release started by hand)\n  fix: run it as: projen-maturin preflight <tag> [--json]; run "projen-maturin preflight --help" for more'],
    [['prepare', '--dry-run'], '"prepare" needs a <version>: the new version, e.g. 1.2.0 or 1.2.0-rc.1\n  fix: run it as: projen-maturin prepare <version> [--dry-run]; run "projen-maturin prepare --help" for more'],
    [['plan', 'x'], 'unexpected argument for "plan": "x"\n  fix: run it as: projen-maturin plan [--from-run <file>]'],
    [['notes', 'v1', 'v2'], 'unexpected argument for "notes": "v2"\n  fix: run it as: projen-maturin notes <tag>'],
  ])('%j', (args, message) => {
    // Refused before the repository is even looked for: the same answer anywhere.
    const run = cli(tmpdir(), ...args);
    expect(run).toEqual({ status: 2, stdout: '', stderr: `projen-maturin: ${message}\n` });
  });

  test('a mistyped flag after a valid command changes nothing', () => {
    const r = fixtureRepo({}, '0.1.0', { 'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n\n- More\n' });
    commitAll(r.dir);
    const files = ['Cargo.toml', 'CHANGELOG.md'];
    const before = files.map((f) => readFileSync(join(r.dir, f), 'utf8'));
    const run = cli(r.dir, 'prepare', '1.1.0', '--dry_run');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('did you mean "--dry-run"?');
    expect(files.map((f) => readFileSync(join(r.dir, f), 'utf8'))).toEqual(before);
    // Control: the same command without the typo does write.
    expect(cli(r.dir, 'prepare', '1.1.0').status).toBe(0);
    expect(files.map((f) => readFileSync(join(r.dir, f), 'utf8'))).not.toEqual(before);
  });
});

describe('the repository root', () => {
  test('is found from any subdirectory', () => {
    const r = fixtureRepo({}, '1.0.0');
    const deep = join(r.dir, 'python', 'dioxide', 'tests');
    mkdirSync(deep, { recursive: true });
    const run = cli(deep, 'preflight', 'v1.0.0', '--json');
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, version: '1.0.0' });
    expect(cli(deep, 'notes', 'v1.0.0').stdout).toBe('### Added\n- Stable API\n');
    expect(cli(deep, 'plan').stdout).toContain('Release plan for dioxide (.github/workflows/release.yml)');
  });

  test('prepare from a subdirectory writes the root\'s files and prints paths that work where it ran', () => {
    const r = fixtureRepo({}, '1.0.0');
    r.write('CHANGELOG.md', '# Changelog\n\n## [Unreleased]\n\n- More\n\n## [1.0.0] - 2026-01-01\n\n- First\n');
    mkdirSync(join(r.dir, 'python', 'dioxide'), { recursive: true });
    writeFileSync(join(r.dir, 'python', 'dioxide', '__init__.py'), '');
    commitAll(r.dir);
    const run = cli(join(r.dir, 'python', 'dioxide'), 'prepare', '1.1.0');
    expect(run.stderr).toBe('');
    expect(readFileSync(join(r.dir, 'Cargo.toml'), 'utf8')).toContain('version = "1.1.0"');
    expect(run.stdout).toContain('  git add -- ../../Cargo.toml ../../CHANGELOG.md\n');
  });

  test('outside a project, the message says where it looked and what to run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'no-project-'));
    const sub = join(dir, 'a', 'b');
    mkdirSync(sub, { recursive: true });
    mkdirSync(join(dir, '.git'));
    const run = cli(sub, 'preflight', 'v1.0.0');
    expect(run).toEqual({
      status: 1,
      stdout: '',
      stderr: `projen-maturin: no ${CONFIG} (or .github/maturin-release/*.config.json) in ${sub} or the directories above it up to ${dir} (the git repository root)\n` +
        '  fix: run this in a project that uses MaturinRelease; if it does, run "npx projen" in its root to generate the file, and commit it\n',
    });
  });

  test('does not look past the git repository the command runs in', () => {
    const r = fixtureRepo({}, '1.0.0');
    const nested = join(r.dir, 'vendor', 'other');
    mkdirSync(join(nested, '.git'), { recursive: true });
    const run = cli(nested, 'plan');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`projen-maturin: no ${CONFIG} (or .github/maturin-release/*.config.json) in ${nested}\n` +
      '  fix: run this in a project that uses MaturinRelease; if it does, run "npx projen" in its root to generate the file, and commit it\n');
  });
});

describe('a broken config.json is named, with the fix', () => {
  const REGENERATE = '  fix: run "npx projen" in the repository root to generate it again, and commit the result\n';
  test.each([
    ['empty', '', `${CONFIG} is empty\n${REGENERATE}`],
    ['whitespace', ' \n', `${CONFIG} is empty\n${REGENERATE}`],
    ['truncated', '{"schemaVersion": 1, "packageName": "dio', `${CONFIG} is not valid JSON (Unterminated string in JSON at position 40)\n${REGENERATE}`],
    ['an array', '[1]', `${CONFIG} is not a JSON object\n${REGENERATE}`],
    ['null', 'null', `${CONFIG} is not a JSON object\n${REGENERATE}`],
    ['from a newer projen-maturin', '{"schemaVersion": 3}', `${CONFIG} has schemaVersion 3; this projen-maturin reads schemaVersion 2\n` +
      '  fix: regenerate it with the projen-maturin version the project depends on: run "npx projen" in the repository root, and commit the result\n'],
    ['from an older projen-maturin', '{"schemaVersion": 1}', `${CONFIG} has schemaVersion 1; this projen-maturin reads schemaVersion 2\n` +
      '  fix: regenerate it with the projen-maturin version the project depends on: run "npx projen" in the repository root, and commit the result\n'],
    ['without schemaVersion', '{}', `${CONFIG} has schemaVersion (none); this projen-maturin reads schemaVersion 2\n` +
      '  fix: regenerate it with the projen-maturin version the project depends on: run "npx projen" in the repository root, and commit the result\n'],
  ])('%s', (_, content, message) => {
    const r = fixtureRepo();
    r.write(CONFIG, content);
    const run = cli(r.dir, 'plan');
    expect(run).toEqual({ status: 1, stdout: '', stderr: `projen-maturin: ${message}` });
  });

  test('a directory where config.json should be', () => {
    const r = fixtureRepo();
    unlinkSync(join(r.dir, CONFIG));
    mkdirSync(join(r.dir, CONFIG));
    expect(cli(r.dir, 'plan')).toEqual({
      status: 1,
      stdout: '',
      stderr: `projen-maturin: ${CONFIG} is a directory, not a file\n  fix: remove or rename the directory ${CONFIG}\n`,
    });
  });

  test('a missing workflow file', () => {
    const r = fixtureRepo();
    unlinkSync(join(r.dir, '.github/workflows/release.yml'));
    expect(cli(r.dir, 'preflight', 'v1.0.0')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'projen-maturin: .github/workflows/release.yml does not exist\n' +
        '  fix: run "npx projen" in the repository root to generate the release workflow, and commit it\n',
    });
  });

  test('a directory where the CHANGELOG should be', () => {
    const r = fixtureRepo();
    rmSync(join(r.dir, 'CHANGELOG.md'));
    mkdirSync(join(r.dir, 'CHANGELOG.md'));
    const run = cli(r.dir, 'notes', 'v1.0.0');
    expect(run).toEqual({ status: 1, stdout: '', stderr: 'projen-maturin: CHANGELOG.md is a directory, not a file\n  fix: remove or rename the directory CHANGELOG.md\n' });
    noStack(run.stderr);
  });
});

describe('a new project, before its first release', () => {
  const FRESH = '# Changelog\n\n## [Unreleased]\n\n### Added\n\n- dioxide: a first version.\n';

  test('preflight points at release:prepare for the initial version', () => {
    const r = fixtureRepo({}, '0.1.0', { 'CHANGELOG.md': FRESH });
    const run = cli(r.dir, 'preflight', 'v0.1.0');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('  status       the plan job would stop this release\n' +
      '  error: CHANGELOG.md has no section for version 0.1.0: add a heading such as "## [0.1.0] - YYYY-MM-DD" with the release\'s changes\n' +
      '  fix: run "npx projen release:prepare 0.1.0" to set that version and move the CHANGELOG\'s Unreleased section under it, commit, then check the tag again\n');
    expect(JSON.parse(cli(r.dir, 'preflight', 'v0.1.0', '--json').stdout).fix).toContain('npx projen release:prepare 0.1.0');
  });

  test('and for a version the version source does not have yet; the message does not repeat equal forms', () => {
    const r = fixtureRepo({}, '0.1.0', { 'CHANGELOG.md': FRESH });
    const report = JSON.parse(cli(r.dir, 'preflight', 'v0.2.0', '--json').stdout);
    expect(report.errors[0]).toBe('tag "v0.2.0" is version 0.2.0, but Cargo.toml says 0.1.0: bump the version source, or tag v0.1.0');
    expect(report.fix).toBe('run "npx projen release:prepare 0.2.0" to set that version and move the CHANGELOG\'s Unreleased section under it, commit, then check the tag again');
  });

  test('a pre-release source version shows its PEP 440 form once', () => {
    const r = fixtureRepo({}, '0.1.0-rc.1');
    const report = JSON.parse(cli(r.dir, 'preflight', 'v0.1.0', '--json').stdout);
    expect(report.errors[0]).toBe('tag "v0.1.0" is version 0.1.0, but Cargo.toml says 0.1.0-rc.1 (PEP 440 0.1.0rc1): bump the version source, or tag v0.1.0-rc.1');
  });

  test('no fix is offered when the release is ready, or when preparing would not help', () => {
    const ready = fixtureRepo({}, '1.0.0');
    expect(JSON.parse(cli(ready.dir, 'preflight', 'v1.0.0', '--json').stdout).fix).toBeUndefined();
    // The section exists but is empty: describing the release is the fix, not preparing it.
    const empty = fixtureRepo({}, '1.0.0', { 'CHANGELOG.md': '# Changelog\n\n## [1.0.0] - 2026-01-01\n\n## [0.9.0]\n\n- Old\n' });
    const report = JSON.parse(cli(empty.dir, 'preflight', 'v1.0.0', '--json').stdout);
    expect(report.errors).toEqual(['CHANGELOG.md has an empty section for version 1.0.0: describe the release\'s changes under its heading']);
    expect(report.fix).toBeUndefined();
  });
});

test('the notes command has its projen task next to the other release tasks', () => {
  const r = fixtureRepo();
  const tasks = JSON.parse(readFileSync(join(r.dir, '.projen', 'tasks.json'), 'utf8')).tasks;
  expect(tasks['release:notes']).toEqual({
    name: 'release:notes',
    description: 'Print the release notes of a tag: npx projen release:notes v1.2.3',
    // A fixture repository has no node_modules: the task falls back to npx.
    steps: [{ exec: 'npx projen-maturin notes', receiveArgs: true }],
  });
  expect(Object.keys(tasks).filter((t) => t.startsWith('release:')).sort()).toEqual(['release:notes', 'release:plan', 'release:preflight', 'release:prepare', 'release:rehearse']);
});
