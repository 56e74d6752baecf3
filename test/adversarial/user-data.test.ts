import { execFileSync } from 'child_process';
import { chmodSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { CARGO, PYPROJECT, STACK_FRAME, copyOf, repoWith, runCli, snapshot, synthIn, withFix } from './helpers';
import { NOBODY, cliWith, commitAll } from '../helpers/cli';

/**
 * User-data safety: whatever goes wrong, the repository's own files keep every byte.
 * Each case states the exact message and compares every file of the repository
 * before and after.
 */

const MINE = '# Changelog of dioxide, written by hand\n\n## [Unreleased]\n\n- Scopes\n';
const RECORD = '.projen/files.json';
/** What JSON.parse says about `text`, first line. */
function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  }
  throw new Error('valid JSON');
}
const existsFix = (option: string, path: string) => `choose another path for ${option}; or, if ${path} may be replaced, delete it and run "npx projen" again`;
const notGenerated = (at: string, path: string, what: string) =>
  `MaturinRelease: ${at}, but ${path} already exists and projen did not generate it (${RECORD} does not list it): projen-maturin would replace it with ${what}`;
const ownFile = (value: string, owned: string) =>
  `MaturinRelease: checklistFile is "${value}", the repository's own ${owned}: projen-maturin rewrites checklistFile at every "npx projen" (the setup checklist) and would replace it; choose another path, such as "RELEASING.md"`;
const BOTH = (path: string) => `MaturinRelease: checklistFile and changelogFile are both "${path}": the checklist is rewritten by every "npx projen" and would replace your changelog; ` +
  'give each its own path (checklistFile is "RELEASING.md" unless set, changelogFile "CHANGELOG.md")';

describe('synthesis never writes over a file that is not its own', () => {
  test.each<[string, Record<string, string>, Record<string, unknown>, string]>([
    ['checklistFile "CHANGELOG.md" (the issue\'s example)', { 'CHANGELOG.md': MINE }, { checklistFile: 'CHANGELOG.md' }, ownFile('CHANGELOG.md', 'CHANGELOG.md')],
    ['checklistFile "Cargo.toml" (the issue\'s example)', {}, { checklistFile: 'Cargo.toml' }, ownFile('Cargo.toml', 'Rust package manifest')],
    ['checklistFile "Cargo.lock"', { 'Cargo.lock': 'version = 4\n' }, { checklistFile: 'Cargo.lock' }, ownFile('Cargo.lock', 'Cargo lock file')],
    ['checklistFile "pyproject.toml"', { 'pyproject.toml': PYPROJECT }, { checklistFile: 'pyproject.toml' }, ownFile('pyproject.toml', 'Python project file')],
    ['checklistFile "crates/core/Cargo.toml" (a workspace member)', { 'crates/core/Cargo.toml': CARGO }, { checklistFile: 'crates/core/Cargo.toml' },
      ownFile('crates/core/Cargo.toml', 'Rust package manifest')],
    ['checklistFile "README.md", not there yet', {}, { checklistFile: 'README.md' }, ownFile('README.md', 'README.md')],
    ['checklistFile "changelog.md" (the same file on macOS and Windows)', { 'CHANGELOG.md': MINE }, { checklistFile: 'changelog.md' }, ownFile('changelog.md', 'changelog.md')],
    ['checklistFile "LICENSE"', { LICENSE: 'MIT\n' }, { checklistFile: 'LICENSE' }, ownFile('LICENSE', 'LICENSE')],
    ['checklistFile the same as changelogFile', { 'NOTES.md': MINE }, { checklistFile: 'NOTES.md', changelogFile: 'NOTES.md' }, BOTH('NOTES.md')],
    ['changelogFile "RELEASING.md", the default checklist', { 'RELEASING.md': MINE }, { changelogFile: 'RELEASING.md' }, BOTH('RELEASING.md')],
    ['checklistFile "./NOTES.md" and changelogFile "NOTES.md"', { 'NOTES.md': MINE }, { checklistFile: './NOTES.md', changelogFile: 'NOTES.md' }, BOTH('./NOTES.md')],
    ['checklistFile the workflow', {}, { checklistFile: '.github/workflows/release.yml' },
      'MaturinRelease: checklistFile is ".github/workflows/release.yml", a file projen-maturin generates itself (the release workflow); choose another path, such as "RELEASING.md"'],
    ['checklistFile the release settings', {}, { checklistFile: '.github/maturin-release/config.json' },
      'MaturinRelease: checklistFile is ".github/maturin-release/config.json", a file projen-maturin generates itself (the release settings); choose another path, such as "RELEASING.md"'],
    ['checklistFile the release tools', {}, { checklistFile: '.github/maturin-release/release-tools.cjs' },
      'MaturinRelease: checklistFile is ".github/maturin-release/release-tools.cjs", a file projen-maturin generates itself (the release tools); choose another path, such as "RELEASING.md"'],
    ['checklistFile the managed pyproject.toml of a new project', {}, { checklistFile: './pyproject.toml' }, ownFile('./pyproject.toml', 'Python project file')],
    ['changelogFile the release settings', {}, { changelogFile: '.github/maturin-release/config.json', releaseNotes: 'changelog' },
      'MaturinRelease: changelogFile is ".github/maturin-release/config.json", a file projen-maturin generates itself (the release settings); choose another path, such as "CHANGELOG.md"'],
    ['changelogFile "Cargo.toml"', {}, { changelogFile: 'Cargo.toml' },
      'MaturinRelease: changelogFile is "Cargo.toml", the repository\'s Rust package manifest, not a changelog: the release notes come from it and "prepare" edits it; use a Markdown file such as "CHANGELOG.md"'],
    ['changelogFile "pyproject.toml"', { 'pyproject.toml': PYPROJECT }, { changelogFile: 'pyproject.toml' },
      'MaturinRelease: changelogFile is "pyproject.toml", the repository\'s Python project file, not a changelog: the release notes come from it and "prepare" edits it; use a Markdown file such as "CHANGELOG.md"'],
    ['changelogFile ".gitignore", which projen generates', { '.gitignore': 'node_modules/\n' }, { changelogFile: '.gitignore' },
      'MaturinRelease: changelogFile is ".gitignore", a file projen generates for this project (another component writes it), not the repository\'s own changelog; use a file you edit, such as "CHANGELOG.md"'],
    ['checklistFile ".gitignore", which projen generates', {}, { checklistFile: '.gitignore' },
      'MaturinRelease: checklistFile is ".gitignore", which projen already generates for this project (another component writes it); choose another path, such as "RELEASING.md"'],
    ['checklistFile projen\'s own task list', {}, { checklistFile: '.projen/tasks.json' },
      'MaturinRelease: checklistFile is ".projen/tasks.json", which projen already generates for this project (another component writes it); choose another path, such as "RELEASING.md"'],
    ['checklistFile inside .git', { '.git/config': '[core]\n' }, { checklistFile: '.git/config' },
      'MaturinRelease: checklistFile is ".git/config", inside .git (git\'s own files); choose a path in the working tree, such as "RELEASING.md"'],
    ['checklistFile a hand-written file', { 'NOTES.md': MINE }, { checklistFile: 'NOTES.md' },
      withFix(notGenerated('checklistFile is "NOTES.md"', 'NOTES.md', 'the setup checklist'), existsFix('checklistFile', 'NOTES.md'))],
    ['the default checklist over a hand-written RELEASING.md', { 'RELEASING.md': MINE }, {},
      withFix(notGenerated('checklistFile is "RELEASING.md"', 'RELEASING.md', 'the setup checklist'), existsFix('checklistFile', 'RELEASING.md'))],
    ['checklistFile a symbolic link to a hand-written file', { 'docs/notes.md': MINE }, { checklistFile: 'NOTES.md' },
      withFix(notGenerated('checklistFile is "NOTES.md"', 'NOTES.md', 'the setup checklist'), existsFix('checklistFile', 'NOTES.md'))],
    ['the workflow over a hand-written release.yml', { '.github/workflows/release.yml': 'name: mine\non: push\n' }, {},
      withFix(notGenerated('workflowName is "release" (.github/workflows/release.yml)', '.github/workflows/release.yml', 'the release workflow'),
        'set workflowName to another name, such as "python-release"; or, if the old workflow may be replaced, delete .github/workflows/release.yml and run "npx projen" again')],
    ['workflowName naming a hand-written workflow', { '.github/workflows/ci.yml': 'name: ci\non: push\n' }, { workflowName: 'ci' },
      withFix(notGenerated('workflowName is "ci" (.github/workflows/ci.yml)', '.github/workflows/ci.yml', 'the release workflow'),
        'set workflowName to another name, such as "python-release"; or, if the old workflow may be replaced, delete .github/workflows/ci.yml and run "npx projen" again')],
    ['release tools copied from another repository', { '.github/maturin-release/release-tools.cjs': '// mine\n' }, {},
      withFix('MaturinRelease: .github/maturin-release/release-tools.cjs already exists and projen did not generate it (.projen/files.json does not list it): projen-maturin would replace it with the release tools',
        'if .github/maturin-release/release-tools.cjs is a copy from another repository or an older setup, delete it and run "npx projen" again')],
    ['pyproject "managed" over the repository\'s own pyproject.toml', { 'pyproject.toml': PYPROJECT }, { pyproject: 'managed' },
      withFix('MaturinRelease: pyproject is "managed", but pyproject.toml already exists and projen did not generate it (.projen/files.json does not list it): projen-maturin would replace it with the managed pyproject.toml',
        'leave pyproject unset (or use PyprojectMode.EXISTING) to keep your pyproject.toml, which synthesis then checks against the configuration; or delete it and run "npx projen" again to have it generated')],
    ['checklistFile a directory', { 'docs/': '' }, { checklistFile: 'docs' },
      withFix('MaturinRelease: checklistFile is "docs", which is a directory in the repository; projen-maturin writes the setup checklist there',
        'set checklistFile to a file path, such as "RELEASING.md", or remove or rename the directory')],
    ['changelogFile a directory', { 'CHANGELOG.md/': '' }, {},
      withFix('MaturinRelease: changelogFile is "CHANGELOG.md", which is a directory in the repository; it must be your changelog',
        'set changelogFile to a file path, such as "CHANGELOG.md", or remove or rename the directory')],
    ['the workflow path a directory', { '.github/workflows/release.yml/': '' }, {},
      withFix('MaturinRelease: workflowName is "release" (.github/workflows/release.yml), which is a directory in the repository; projen-maturin writes the release workflow there',
        'set workflowName to a file path, such as "RELEASING.md", or remove or rename the directory')],
    ['the release settings path a directory', { '.github/maturin-release/config.json/': '' }, {},
      withFix('MaturinRelease: .github/maturin-release/config.json is a directory in the repository; projen-maturin writes the release settings there',
        'remove or rename the directory .github/maturin-release/config.json')],
    ['checklistFile through a file', {}, { checklistFile: 'Cargo.toml/RELEASING.md' },
      withFix('MaturinRelease: checklistFile is "Cargo.toml/RELEASING.md", but Cargo.toml is a file, not a directory', 'choose another path for checklistFile')],
    ['.github is a file', { '.github': 'not a directory\n' }, {},
      withFix('MaturinRelease: workflowName is "release" (.github/workflows/release.yml), but .github is a file, not a directory', 'choose another path for workflowName')],
    ['releaseNotesFile the checklist', { 'RELEASING.md': MINE }, { releaseNotes: 'file', releaseNotesFile: 'RELEASING.md' },
      'MaturinRelease: checklistFile and releaseNotesFile are both "RELEASING.md": the checklist is rewritten by every "npx projen" and would replace your release notes file; give each its own path'],
    ['releaseNotesFile "Cargo.toml"', {}, { releaseNotes: 'file', releaseNotesFile: 'Cargo.toml' },
      'MaturinRelease: releaseNotesFile is "Cargo.toml", the repository\'s Rust package manifest, not a release notes file: the release notes come from it; use a Markdown file such as "docs/releases/{version}.md"'],
    ['releaseNotesFile the release settings', {}, { releaseNotes: 'file', releaseNotesFile: '.github/maturin-release/config.json' },
      'MaturinRelease: releaseNotesFile is ".github/maturin-release/config.json", a file projen-maturin generates itself (the release settings); choose another path, such as "docs/releases/{version}.md"'],
    ['releaseNotesFile a directory', { 'docs/releases/': '' }, { releaseNotes: 'file', releaseNotesFile: 'docs/releases' },
      withFix('MaturinRelease: releaseNotesFile is "docs/releases", which is a directory in the repository; it must be your release notes file',
        'set releaseNotesFile to a file path, such as "docs/releases/{version}.md", or remove or rename the directory')],
    ['pyproject "managed" over the own pyproject.toml of a package directory', { 'py/Cargo.toml': CARGO, 'py/pyproject.toml': PYPROJECT }, { packageDirectory: 'py', pyproject: 'managed' },
      withFix('MaturinRelease: pyproject is "managed", but py/pyproject.toml already exists and projen did not generate it (.projen/files.json does not list it): projen-maturin would replace it with the managed pyproject.toml',
        'leave pyproject unset (or use PyprojectMode.EXISTING) to keep your py/pyproject.toml, which synthesis then checks against the configuration; or delete it and run "npx projen" again to have it generated')],
    ['a second package\'s workflow over a hand-written one', { '.github/workflows/release-cli.yml': 'name: mine\non: push\n', 'cli/Cargo.toml': CARGO.replace('dioxide', 'dioxide-cli') },
      { workflowName: 'release-cli', packageName: 'dioxide-cli', packageDirectory: 'cli', tagPattern: 'cli-v*.*.*' },
      withFix(notGenerated('workflowName is "release-cli" (.github/workflows/release-cli.yml)', '.github/workflows/release-cli.yml', 'the release workflow'),
        'set workflowName to another name, such as "python-release"; or, if the old workflow may be replaced, delete .github/workflows/release-cli.yml and run "npx projen" again')],
  ])('%s', (name, files, options, message) => {
    const prepared = repoWith({ 'Cargo.toml': CARGO, ...files });
    if (name.includes('symbolic link')) symlinkSync('docs/notes.md', join(prepared, 'NOTES.md'));
    const run = synthIn({}, options, prepared);
    expect(run.error).toBe(message);
    expect(run.stack).toBe(false);
    expect(run.after).toEqual(run.before);
  });

  test('negative control: the same options in a repository without those files synthesize', () => {
    const run = synthIn({}, { checklistFile: 'NOTES.md' });
    expect(run.error).toBeUndefined();
    expect(readFileSync(join(run.dir, 'NOTES.md'), 'utf8')).toContain('~~ Generated by projen');
  });

  test('a second synthesis rewrites the files projen generated the first time (its record lists them)', () => {
    const first = synthIn({ 'CHANGELOG.md': MINE }, { checklistFile: 'docs/RELEASING.md' });
    expect(first.error).toBeUndefined();
    expect(JSON.parse(readFileSync(join(first.dir, RECORD), 'utf8')).files).toEqual(expect.arrayContaining(['docs/RELEASING.md', '.github/workflows/release.yml']));
    const second = synthIn({}, { checklistFile: 'docs/RELEASING.md' }, first.dir);
    expect(second.error).toBeUndefined();
    expect(second.after).toEqual(first.after);
  });

  test('a record that lists a file does not make the repository\'s changelog a generated file', () => {
    const first = synthIn({ 'CHANGELOG.md': MINE });
    const run = synthIn({}, { changelogFile: 'RELEASING.md', checklistFile: 'docs/RELEASING.md' }, first.dir);
    expect(run.error).toBe('MaturinRelease: changelogFile is "RELEASING.md", a file projen generated (.projen/files.json lists it), not the repository\'s own changelog; use a file you edit, such as "CHANGELOG.md"');
    expect(run.after).toEqual(run.before);
  });

  test.each<[string, string, string]>([
    ['not JSON (a merge conflict)', '    ['"files" not a list', '{"files": "RELEASING.md"}', '.projen/files.json (projen\'s record of the files it generated) has no "files" list of paths'],
    ['"files" with a number', '{"files": [1]}', '.projen/files.json (projen\'s record of the files it generated) has no "files" list of paths'],
  ])('projen\'s record %s is one message; nothing is written', (_, record, message) => {
    const run = synthIn({ [RECORD]: record, 'CHANGELOG.md': MINE });
    expect(run.error).toBe(withFix(`MaturinRelease: ${message}`, 'restore it from the last commit (or resolve its merge conflict), then run "npx projen" again'));
    expect(run.stack).toBe(false);
    expect(run.after).toEqual(run.before);
  });

  test('projen\'s record as a directory is one message', () => {
    const run = synthIn({ '.projen/files.json/': '' });
    expect(run.error).toBe(withFix('MaturinRelease: .projen/files.json is a directory, not a file (projen\'s record of the files it generated)', 'remove or rename the directory .projen/files.json'));
    expect(run.after).toEqual(run.before);
  });
});

describe('whether pyproject.toml is generated is projen\'s record, not its text', () => {
  const MENTIONS_MARKER = `# Not "~~ Generated by projen": we copied that line from another project's README.\n${PYPROJECT}requires-python = ">=3.9"\n`;

  test('the issue\'s example: a pyproject.toml that mentions projen\'s marker in a comment stays the user\'s, byte for byte', () => {
    const run = synthIn({ 'pyproject.toml': MENTIONS_MARKER, 'CHANGELOG.md': MINE });
    expect(run.error).toBeUndefined();
    expect(readFileSync(join(run.dir, 'pyproject.toml'), 'utf8')).toBe(MENTIONS_MARKER);
    // projen's record does not list it, so the next synthesis leaves it too.
    expect(JSON.parse(readFileSync(join(run.dir, RECORD), 'utf8')).files).not.toContain('pyproject.toml');
    expect(synthIn({}, {}, run.dir).after['pyproject.toml']).toBe(run.after['pyproject.toml']);
  });

  test('the user\'s own files that mention the marker survive projen\'s first clean-up', () => {
    const cargo = `# ~~ Generated by projen? No: by hand.\n${CARGO}`;
    const changelog = `<!-- ~~ Generated by projen? No. -->\n${MINE}`;
    const run = synthIn({ 'Cargo.toml': cargo, 'Cargo.lock': '# ~~ Generated by projen\nversion = 4\n', 'CHANGELOG.md': changelog, 'pyproject.toml': MENTIONS_MARKER });
    expect(run.error).toBeUndefined();
    for (const file of ['Cargo.toml', 'Cargo.lock', 'CHANGELOG.md', 'pyproject.toml']) expect(run.after[file]).toBe(run.before[file]);
  });

  test('negative control: the same text listed in projen\'s record is the managed file, and is generated again', () => {
    const run = synthIn({ 'pyproject.toml': MENTIONS_MARKER, [RECORD]: JSON.stringify({ files: ['pyproject.toml'] }), 'CHANGELOG.md': MINE });
    expect(run.error).toBeUndefined();
    const written = readFileSync(join(run.dir, 'pyproject.toml'), 'utf8');
    expect(written).not.toBe(MENTIONS_MARKER);
    expect(written).toContain('build-backend = "maturin"');
  });

  test('pyproject "existing" over the generated pyproject.toml says how to take it over, instead of losing it', () => {
    const first = synthIn({ 'CHANGELOG.md': MINE });
    expect(first.after['pyproject.toml']).toBeDefined();
    const run = synthIn({}, { pyproject: 'existing' }, first.dir);
    expect(run.error).toBe(withFix('MaturinRelease: pyproject is "existing", but pyproject.toml is the one projen generated (.projen/files.json lists it), and projen deletes a generated file it no longer writes',
      'to make it yours, copy it (cp pyproject.toml pyproject.keep), run "npx projen", then move it back (mv pyproject.keep pyproject.toml) and make it writable (chmod u+w pyproject.toml)'));
    expect(run.after).toEqual(run.before);
  });
});

describe('prepare changes nothing when it fails', () => {
  const CHANGELOG = '# Changelog\n\n## [Unreleased]\n\n- Scopes\n\n## [1.0.0] - 2026-01-01\n\n- First\n';
  let base: string;
  beforeAll(() => {
    base = synthIn({ 'CHANGELOG.md': CHANGELOG, 'pyproject.toml': PYPROJECT, 'Cargo.lock': 'version = 4\n\n[[package]]\nname = "dioxide"\nversion = "1.0.0"\n' }).dir;
  });

  /** A committed copy of the prepared repository with `files` changed. */
  const repo = (files: Record<string, string | Buffer>) => {
    const dir = copyOf(base);
    for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
    commitAll(dir);
    return dir;
  };

  test.each<[string, Record<string, string | Buffer>, string, string]>([
    ['Cargo.lock with merge-conflict markers', { 'Cargo.lock': 'version = 4\n<<<<<<< HEAD\n[[package]]\nname = "dioxide"\nversion = "1.0.0"\n=======\n>>>>>>> other\n' }, '1.1.0',
      'Cargo.lock has unresolved merge-conflict markers (line 2): resolve the conflict and commit Cargo.lock first'],
    ['Cargo.toml with merge-conflict markers', { 'Cargo.toml': `${CARGO}<<<<<<< HEAD\n` }, '1.1.0',
      'Cargo.toml has unresolved merge-conflict markers (line 11): resolve the conflict and commit Cargo.toml first'],
    ['a CHANGELOG in Latin-1', { 'CHANGELOG.md': Buffer.from(`${CHANGELOG}- Caf\xe9\n`, 'latin1') }, '1.1.0',
      withFix(`CHANGELOG.md is not UTF-8: the bytes at offset ${Buffer.byteLength(`${CHANGELOG}- Caf`)} are not a UTF-8 character`, 'save CHANGELOG.md as UTF-8 (e.g. iconv -f latin1 -t utf-8), then run the command again')],
    ['an empty Unreleased section', { 'CHANGELOG.md': '# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-01-01\n\n- First\n' }, '1.1.0',
      'the "## [Unreleased]" section of CHANGELOG.md is empty: list the release\'s changes there first'],
    ['no Unreleased section', { 'CHANGELOG.md': '# Changelog\n\n## [1.0.0] - 2026-01-01\n\n- First\n' }, '1.1.0', 'CHANGELOG.md has no "## [Unreleased]" section to release'],
    ['a version going backwards', {}, '0.9.0', 'version 0.9.0 is not newer than the current version 1.0.0'],
    ['a version with a local part', {}, '1.1.0+local', 'version "1.1.0+local" has a local part (+local), which PyPI rejects'],
    ['a version that is not a version', {}, '$(id)', 'version "$(id)" is not a PEP 440 version that maturin can publish: use e.g. 1.2.3, 1.2.3rc1, 1.2.3.dev1, or SemVer with an alpha/beta/rc pre-release such as 1.2.3-rc.1'],
<<<<<<< HEAD
    ['a PEP 440 version Cargo cannot hold', {}, '1.1.0.post1',
      'Cargo.toml needs a SemVer version such as 1.0.0, 1.0.0-rc.1 or 1.0.0rc1; "1.1.0.post1" has no SemVer form (maturin turns 1.0.0-rc.1 into PEP 440 1.0.0rc1)'],
    ['a version in a table Cargo.toml cannot edit in place', { 'Cargo.toml': CARGO.replace('version = "1.0.0"', 'version = """1.0.0"""') }, '1.1.0',
      withFix('cannot set package.version in Cargo.toml without touching anything else: its current form """1.0.0""" is not a simple quoted string', 'set it to "1.1.0" by hand, commit, and run the command again')],
  ])('%s', async (_, files, version, message) => {
    const dir = repo(files);
    const before = snapshot(dir);
    const run = await runCli(dir, 'prepare', version);
    expect(run.stderr).toBe(`projen-maturin: ${message}\n`);
    expect(run.status).toBe(1);
    expect(snapshot(dir)).toEqual(before);
  });

  test('a dirty tree is refused before anything is written', async () => {
    const dir = repo({});
    writeFileSync(join(dir, 'Cargo.toml'), `${CARGO}# edited\n`);
    const before = snapshot(dir);
    const run = await runCli(dir, 'prepare', '1.1.0');
    expect(run.stderr).toBe('projen-maturin: the git working tree has uncommitted changes (Cargo.toml): commit or stash them first\n');
    expect(snapshot(dir)).toEqual(before);
  });

  test.each([
    ['Cargo.lock', 'Cargo.lock cannot be written: permission denied'],
    ['CHANGELOG.md', 'CHANGELOG.md cannot be written: permission denied'],
    ['Cargo.toml', 'Cargo.toml cannot be written: permission denied'],
  ])('a read-only %s (as an ordinary user): nothing written, one message', (file, message) => {
    const dir = repo({});
    chmodSync(join(dir, file), 0o444);
    const user: { uid?: number; gid?: number } = process.getuid?.() === 0 ? NOBODY : {};
    if (user.uid) execFileSync('chown', ['-R', '65534:65534', dir]);
    const before = snapshot(dir);
    const run = cliWith({ cwd: dir, ...user, env: { HOME: dir, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } }, 'prepare', '1.1.0');
    expect(run.stderr).toBe(`projen-maturin: ${message}; nothing was changed\n  fix: check the permissions of ${file} and its directory (ls -l)\n`);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(snapshot(dir)).toEqual(before);
  });

  test('negative control: the same repository prepares when nothing is wrong', async () => {
    const dir = repo({});
    const run = await runCli(dir, 'prepare', '1.1.0');
    expect(run.stderr).toBe('');
    expect(readFileSync(join(dir, 'Cargo.toml'), 'utf8')).toBe(CARGO.replace('1.0.0', '1.1.0'));
  });
});
