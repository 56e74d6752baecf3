import { execFileSync, spawnSync } from 'child_process';
import { chmodSync, chownSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { join, relative } from 'path';
import { ReleaseNotes } from '../../src/synth/options';
import { NOBODY, cli, cliWith, commitAll } from '../helpers/cli';
import { FixtureRepo, fixtureRepo } from '../helpers/fixture-repo';

const CARGO = '[package]\nname = "dioxide"\nversion = "0.1.0"\nedition = "2021"\n';
const LOCK = 'version = 4\n\n[[package]]\nname = "dioxide"\nversion = "0.1.0"\n';
const CHANGELOG = '# Changelog\n\n## [Unreleased]\n\n- Scopes\n\n## [0.1.0] - 2026-01-01\n\n- First\n';
const PROMOTED = '# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - DATE\n\n- Scopes\n\n## [0.1.0] - 2026-01-01\n\n- First\n';

/** Every file of the working tree (not .git) with its bytes: equal snapshots mean nothing changed, nothing was added. */
function snapshot(dir: string): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.name === '.git') continue;
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path);
    }
  };
  walk(dir);
  return files;
}

function repo(files: Record<string, string | Buffer> = {}): FixtureRepo {
  const r = fixtureRepo({}, '0.1.0');
  const all = { 'Cargo.toml': CARGO, 'Cargo.lock': LOCK, 'CHANGELOG.md': CHANGELOG, ...files };
  for (const [file, content] of Object.entries(all)) writeFileSync(join(r.dir, file), content);
  commitAll(r.dir);
  return r;
}

/** Runs prepare 0.2.0 with a fixed date. */
const prepare = (dir: string, ...args: string[]) => cli(dir, 'prepare', '0.2.0', ...args);
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const promotedOn = (text: string) => text.replace(/\d{4}-\d{2}-\d{2}(?=\r?\n\r?\n- Scopes)/, 'DATE');
const noStack = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);

/** The uid/gid of an ordinary user to run the CLI as, so file permissions apply even when the tests run as root. */
function ordinaryUser(dir: string): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const chownTree = (path: string) => {
    chownSync(path, 65534, 65534);
    if (lstatSync(path).isDirectory()) for (const entry of readdirSync(path)) chownTree(join(path, entry));
  };
  chownTree(dir);
  return NOBODY;
}

describe('prepare keeps every byte it has no reason to change', () => {
  test('a tab before "=", tabs after it, comments and quoting in Cargo.toml', () => {
    const cargo = '[package]\nname\t=\t"dioxide"\nversion\t=\t"0.1.0"\t# bumped by release:prepare\nedition = \'2021\'\n\n[dependencies]\npyo3 = { version = "0.23",features=["abi3"] }\n';
    const r = repo({ 'Cargo.toml': cargo });
    expect(prepare(r.dir).status).toBe(0);
    expect(read(r.dir, 'Cargo.toml')).toBe(cargo.replace('version\t=\t"0.1.0"', 'version\t=\t"0.2.0"'));
  });

  test('a literal-string version keeps its single quotes', () => {
    const r = repo({ 'Cargo.toml': CARGO.replace('"0.1.0"', '\'0.1.0\'') });
    expect(prepare(r.dir).status).toBe(0);
    expect(read(r.dir, 'Cargo.toml')).toBe(CARGO.replace('"0.1.0"', '\'0.2.0\''));
  });

  test.each([
    ['an inline [package] table', 'package = { name = "dioxide", version = "0.1.0" }\n'],
    ['dotted keys at the top', 'package.name = "dioxide"\npackage.version = "0.1.0" # here\n'],
    ['a quoted key and spaces in the table header', '[ "package" ]\n"name" = "dioxide"\n"version" =  "0.1.0"\n'],
  ])('the version in %s', (_, cargo) => {
    const r = repo({ 'Cargo.toml': cargo });
    expect(prepare(r.dir).stderr).toBe('');
    expect(read(r.dir, 'Cargo.toml')).toBe(cargo.replace('"0.1.0"', '"0.2.0"'));
  });

  test('only the package\'s own Cargo.lock entry moves when another crate has the same version and name prefix', () => {
    const lock = `${LOCK}\n[[package]]\nname = "dioxide-macros"\nversion = "0.1.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n`;
    const r = repo({ 'Cargo.lock': lock });
    expect(prepare(r.dir).status).toBe(0);
    expect(read(r.dir, 'Cargo.lock')).toBe(lock.replace('name = "dioxide"\nversion = "0.1.0"', 'name = "dioxide"\nversion = "0.2.0"'));
  });

  test('one CRLF line in Cargo.toml stays the only one', () => {
    const cargo = CARGO.replace('name = "dioxide"\n', 'name = "dioxide"\r\n');
    const r = repo({ 'Cargo.toml': cargo });
    expect(prepare(r.dir).status).toBe(0);
    expect(read(r.dir, 'Cargo.toml')).toBe(cargo.replace('"0.1.0"', '"0.2.0"'));
  });

  test('a CRLF Cargo.toml and Cargo.lock stay CRLF', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const r = repo({ 'Cargo.toml': crlf(CARGO), 'Cargo.lock': crlf(LOCK) });
    expect(prepare(r.dir).status).toBe(0);
    expect(read(r.dir, 'Cargo.toml')).toBe(crlf(CARGO.replace('"0.1.0"', '"0.2.0"')));
    expect(read(r.dir, 'Cargo.lock')).toBe(crlf(LOCK.replace('"0.1.0"', '"0.2.0"')));
  });

  test('one CRLF line in the CHANGELOG: that line keeps it, every other line and every new line is LF', () => {
    const r = repo({ 'CHANGELOG.md': CHANGELOG.replace('# Changelog\n', '# Changelog\r\n') });
    expect(prepare(r.dir).status).toBe(0);
    expect(promotedOn(read(r.dir, 'CHANGELOG.md'))).toBe(PROMOTED.replace('# Changelog\n', '# Changelog\r\n'));
  });

  test('a CRLF CHANGELOG with one LF line: new lines are CRLF, the LF line stays LF', () => {
    const crlf = CHANGELOG.replace(/\n/g, '\r\n').replace('- First\r\n', '- First\n');
    const r = repo({ 'CHANGELOG.md': crlf });
    expect(prepare(r.dir).status).toBe(0);
    expect(promotedOn(read(r.dir, 'CHANGELOG.md'))).toBe(PROMOTED.replace(/\n/g, '\r\n').replace('- First\r\n', '- First\n'));
  });

  test('a CHANGELOG without a final newline still has none', () => {
    const r = repo({ 'CHANGELOG.md': CHANGELOG.trimEnd() });
    expect(prepare(r.dir).status).toBe(0);
    expect(promotedOn(read(r.dir, 'CHANGELOG.md'))).toBe(PROMOTED.trimEnd());
  });

  test('the link references at the end keep their endings when the last one had none', () => {
    const changelog = '# Changelog\n\n## [Unreleased]\n\n- Scopes\n\n[Unreleased]: https://github.com/o/d/compare/v0.1.0...HEAD';
    const r = repo({ 'CHANGELOG.md': changelog });
    expect(prepare(r.dir).status).toBe(0);
    expect(read(r.dir, 'CHANGELOG.md').replace(/\d{4}-\d{2}-\d{2}/, 'DATE')).toBe('# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - DATE\n\n- Scopes\n\n' +
      '[Unreleased]: https://github.com/o/d/compare/v0.2.0...HEAD\n[0.2.0]: https://github.com/o/d/compare/v0.1.0...v0.2.0');
  });

  test('a byte order mark and a U+FFFD the file itself contains are kept', () => {
    const changelog = `\uFEFF${CHANGELOG.replace('- First', '- First \uFFFD')}`;
    const r = repo({ 'CHANGELOG.md': changelog });
    const run = prepare(r.dir);
    expect(run.stderr).toBe('');
    const bytes = readFileSync(join(r.dir, 'CHANGELOG.md'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(promotedOn(bytes.toString('utf8'))).toBe(`\uFEFF${PROMOTED.replace('- First', '- First \uFFFD')}`);
  });

  test('file modes are kept, a symlinked CHANGELOG stays a symlink, and no temporary file is left', () => {
    const r = repo();
    mkdirSync(join(r.dir, 'docs'));
    renameSync(join(r.dir, 'CHANGELOG.md'), join(r.dir, 'docs', 'CHANGELOG.md'));
    symlinkSync(join('docs', 'CHANGELOG.md'), join(r.dir, 'CHANGELOG.md'));
    chmodSync(join(r.dir, 'Cargo.toml'), 0o640);
    commitAll(r.dir);
    const files = Object.keys(snapshot(r.dir)).sort();
    expect(prepare(r.dir).status).toBe(0);
    expect(statSync(join(r.dir, 'Cargo.toml')).mode.toString(8).slice(-3)).toBe('640');
    expect(lstatSync(join(r.dir, 'CHANGELOG.md')).isSymbolicLink()).toBe(true);
    expect(promotedOn(read(r.dir, 'docs/CHANGELOG.md'))).toBe(PROMOTED);
    expect(Object.keys(snapshot(r.dir)).sort()).toEqual(files);
  });
});

describe('a prepare that cannot finish changes nothing and says so', () => {
  /** Runs prepare and checks that it failed with exactly `stderr`, leaving every file as it was. */
  function refused(r: FixtureRepo, stderr: string, run = () => prepare(r.dir)): void {
    const before = snapshot(r.dir);
    const result = run();
    expect(result).toEqual({ status: 1, stdout: '', stderr });
    noStack(result.stderr);
    expect(snapshot(r.dir)).toEqual(before);
  }

  test('a CHANGELOG that is not UTF-8 is refused with the byte offset', () => {
    // "# Changelog\n\n## [Unreleased]\n\n- Caf" is 35 bytes; then Latin-1 "é".
    const latin1 = Buffer.concat([Buffer.from('# Changelog\n\n## [Unreleased]\n\n- Caf'), Buffer.from([0xe9]), Buffer.from('\n\n## [0.1.0]\n\n- First\n')]);
    const r = repo({ 'CHANGELOG.md': latin1 });
    refused(r, 'projen-maturin: CHANGELOG.md is not UTF-8: the bytes at offset 35 are not a UTF-8 character\n' +
      '  fix: save CHANGELOG.md as UTF-8 (e.g. iconv -f latin1 -t utf-8), then run the command again\n');
  });

  test('so is a Cargo.toml with a Latin-1 comment, and a truncated UTF-8 character at the end', () => {
    const r = repo({ 'Cargo.toml': Buffer.concat([Buffer.from(`${CARGO}# M`), Buffer.from([0xfc]), Buffer.from('ller\n')]) });
    refused(r, `projen-maturin: Cargo.toml is not UTF-8: the bytes at offset ${CARGO.length + 3} are not a UTF-8 character\n` +
      '  fix: save Cargo.toml as UTF-8 (e.g. iconv -f latin1 -t utf-8), then run the command again\n');
    const truncated = repo({ 'CHANGELOG.md': Buffer.concat([Buffer.from(`${CHANGELOG}- \u00e9`), Buffer.from([0xc3])]) });
    refused(truncated, `projen-maturin: CHANGELOG.md is not UTF-8: the bytes at offset ${Buffer.byteLength(`${CHANGELOG}- \u00e9`)} are not a UTF-8 character\n` +
      '  fix: save CHANGELOG.md as UTF-8 (e.g. iconv -f latin1 -t utf-8), then run the command again\n');
  });

  test('a Cargo.lock with merge-conflict markers', () => {
    const conflicted = 'version = 4\n\n[[package]]\nname = "dioxide"\n<<<<<<< HEAD\nversion = "0.1.0"\n=======\nversion = "0.1.1"\n>>>>>>> feature\n';
    const r = repo({ 'Cargo.lock': conflicted });
    refused(r, 'projen-maturin: Cargo.lock has unresolved merge-conflict markers (line 5): resolve the conflict and commit Cargo.lock first\n');
  });

  test('a version written in a form that cannot be edited in place is refused, not reformatted', () => {
    const r = repo({ 'Cargo.toml': '[package]\nname = "dioxide"\nversion = """0.1.0"""\n' });
    refused(r, 'projen-maturin: cannot set package.version in Cargo.toml without touching anything else: its current form """0.1.0""" is not a simple quoted string\n' +
      '  fix: set it to "0.2.0" by hand, commit, and run the command again\n');
  });

  test('a directory where Cargo.lock or the CHANGELOG should be', () => {
    const r = repo();
    rmSync(join(r.dir, 'Cargo.lock'));
    mkdirSync(join(r.dir, 'Cargo.lock'));
    writeFileSync(join(r.dir, 'Cargo.lock', 'keep'), '');
    commitAll(r.dir);
    refused(r, 'projen-maturin: Cargo.lock is a directory, not a file\n  fix: remove or rename the directory Cargo.lock\n');

    const c = repo();
    rmSync(join(c.dir, 'CHANGELOG.md'));
    mkdirSync(join(c.dir, 'CHANGELOG.md'));
    writeFileSync(join(c.dir, 'CHANGELOG.md', 'keep'), '');
    commitAll(c.dir);
    refused(c, 'projen-maturin: CHANGELOG.md is a directory, not a file\n  fix: remove or rename the directory CHANGELOG.md\n');
  });

  test.each([['Cargo.lock'], ['CHANGELOG.md']])('a read-only %s', (file) => {
    const r = repo();
    chmodSync(join(r.dir, file), 0o444);
    const user = ordinaryUser(r.dir);
    refused(r, `projen-maturin: ${file} cannot be written: permission denied; nothing was changed\n` +
      `  fix: check the permissions of ${file} and its directory (ls -l)\n`, () => cliWith({ cwd: r.dir, ...user }, 'prepare', '0.2.0'));
    // Control: writable again, the same command succeeds.
    chmodSync(join(r.dir, file), 0o644);
    expect(cliWith({ cwd: r.dir, ...user }, 'prepare', '0.2.0').status).toBe(0);
  });

  test('a directory where no temporary file can be written', () => {
    const r = repo();
    mkdirSync(join(r.dir, 'docs'));
    renameSync(join(r.dir, 'CHANGELOG.md'), join(r.dir, 'docs', 'CHANGELOG.md'));
    symlinkSync(join('docs', 'CHANGELOG.md'), join(r.dir, 'CHANGELOG.md'));
    commitAll(r.dir);
    chmodSync(join(r.dir, 'docs'), 0o555);
    const user = ordinaryUser(r.dir);
    refused(r, `projen-maturin: the directory of CHANGELOG.md (${join(r.dir, 'docs')}) is not writable: the new CHANGELOG.md is written next to it first; nothing was changed\n` +
      `  fix: make ${join(r.dir, 'docs')} writable (chmod u+w)\n`, () => cliWith({ cwd: r.dir, ...user }, 'prepare', '0.2.0'));
  });

  test('a failure between two renames puts the first file back', () => {
    const r = repo();
    const preload = [join(__dirname, '..', 'helpers', 'fail-rename.cjs')];
    // Renames: Cargo.toml, Cargo.lock, CHANGELOG.md; the second one fails.
    refused(r, 'projen-maturin: Cargo.lock cannot be written (EIO); nothing was changed\n',
      () => cliWith({ cwd: r.dir, preload, env: { FAIL_RENAME_AT: '2' } }, 'prepare', '0.2.0'));
    // Control: the preload itself breaks nothing.
    expect(cliWith({ cwd: r.dir, preload, env: { FAIL_RENAME_AT: '0' } }, 'prepare', '0.2.0').status).toBe(0);
  });

  test('when a file cannot be put back either, the message names it and how to restore it', () => {
    const r = repo();
    const run = cliWith({ cwd: r.dir, preload: [join(__dirname, '..', 'helpers', 'fail-rename.cjs')], env: { FAIL_RENAME_AT: '3', FAIL_RESTORE: '1' } }, 'prepare', '0.2.0');
    expect(run).toEqual({
      status: 1,
      stdout: '',
      stderr: 'projen-maturin: CHANGELOG.md cannot be written (EIO); Cargo.toml, Cargo.lock could not be put back as they were\n' +
        `  fix: restore them from the last commit, in ${r.dir}: git checkout -- Cargo.toml Cargo.lock\n`,
    });
    // What the message says is true: git restores them, and the CHANGELOG was never touched.
    expect(read(r.dir, 'CHANGELOG.md')).toBe(CHANGELOG);
    execFileSync('git', ['checkout', '--', 'Cargo.toml', 'Cargo.lock'], { cwd: r.dir });
    expect([read(r.dir, 'Cargo.toml'), read(r.dir, 'Cargo.lock')]).toEqual([CARGO, LOCK]);
    expect(Object.keys(snapshot(r.dir)).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});

describe('printed commands are safe to paste', () => {
  /** Runs the printed command block in bash with git and npx replaced by a recorder of their arguments. */
  function pasted(stdout: string, dir: string): string[][] {
    const block = stdout.slice(stdout.indexOf('tag and push:\n') + 'tag and push:\n'.length);
    const bin = join(dir, '.fake-bin');
    mkdirSync(bin);
    for (const tool of ['git', 'npx']) {
      writeFileSync(join(bin, tool), `#!/bin/sh\nnode -e 'console.log(JSON.stringify(process.argv.slice(1)))' -- ${tool} "$@"\n`, { mode: 0o755 });
    }
    const result = spawnSync('bash', ['-c', block], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(result.stderr).toBe('');
    return result.stdout.trim().split('\n').map((line) => JSON.parse(line));
  }

  test('a CHANGELOG path with spaces and a prefixed tag reach git as they are', () => {
    const r = fixtureRepo({ changelogFile: 'docs/CHANGE LOG.md', releaseNotes: ReleaseNotes.CHANGELOG, tagPattern: 'py/rel-v*.*.*' }, '0.1.0');
    writeFileSync(join(r.dir, 'docs', 'CHANGE LOG.md'), CHANGELOG);
    commitAll(r.dir);
    const run = cli(r.dir, 'prepare', '0.2.0-rc.1', '--dry-run');
    expect(run.stderr).toBe('');
    const tag = 'py/rel-v0.2.0-rc.1';
    expect(pasted(run.stdout, r.dir)).toEqual([
      ['git', 'add', '--', 'Cargo.toml', 'docs/CHANGE LOG.md'],
      ['git', 'commit', '-m', 'chore(release): 0.2.0-rc.1'],
      ['npx', 'projen-maturin', 'preflight', tag],
      ['git', 'tag', '-a', tag, '-m', 'Release 0.2.0-rc.1'],
      ['git', 'push', 'origin', 'HEAD', tag],
    ]);
  });

  test('a hand-edited config.json with shell syntax in the tag prefix is refused before anything is printed', () => {
    const prefix = 'rel-$(touch${IFS}pwned)`touch${IFS}pwned2`\'";$HOME&|<>=-v';
    const r = fixtureRepo({}, '0.1.0');
    const configPath = join(r.dir, '.github/maturin-release/config.json');
    const config = JSON.parse(readFileSync(configPath, 'utf8'));
    writeFileSync(configPath, JSON.stringify({ ...config, tagPattern: `${prefix}*.*.*` }));
    commitAll(r.dir);
    const run = cli(r.dir, 'prepare', '0.2.0-rc.1', '--dry-run');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('has a prefix with characters other than letters, digits, ".", "_", "-" and "/"');
    expect(readdirSync(r.dir).filter((f) => f.startsWith('pwned'))).toEqual([]);
  });
});

test('without git on PATH, prepare says so and changes nothing', () => {
  const r = repo();
  const before = snapshot(r.dir);
  const run = cliWith({ cwd: r.dir, env: { PATH: '/nonexistent' } }, 'prepare', '0.2.0');
  expect(run).toEqual({
    status: 1,
    stdout: '',
    stderr: 'projen-maturin: git is not installed (or not on PATH): release preparation needs it to check the working tree\n  fix: install git, then run the command again\n',
  });
  expect(snapshot(r.dir)).toEqual(before);
});
