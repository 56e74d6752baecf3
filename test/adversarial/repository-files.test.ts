import { execFileSync, spawnSync } from 'child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { CARGO, PYPROJECT, STACK_FRAME, copyOf, runCli, runTools, snapshot, synthIn, withFix } from './helpers';
import { NOBODY, assertReachable, assetsForAnyUser, commitAll } from '../helpers/cli';

/**
 * Repository files as they are found in the wild: broken or odd Cargo.toml, Cargo.lock and
 * pyproject.toml, CHANGELOG oddities, files that are directories, unreadable files. Read at
 * synthesis, by the plan job and by the CLI; each outcome is exact, never a stack trace.
 */
const CHANGELOG = '# Changelog\n\n## [Unreleased]\n\n- Next\n\n## [1.0.0] - 2026-02-01\n\n- Stable\n';
const LOCK = 'version = 4\n\n[[package]]\nname = "dioxide"\nversion = "1.0.0"\n';
const latin1 = (text: string) => Buffer.from(text, 'latin1');
const notUtf8 = (file: string, offset: number) => withFix(`${file} is not UTF-8: the bytes at offset ${offset} are not a UTF-8 character`,
  `save ${file} as UTF-8 (e.g. iconv -f latin1 -t utf-8), then run the command again`);
const directory = (file: string) => withFix(`${file} is a directory, not a file`, `remove or rename the directory ${file}`);
const wiring = (...problems: string[]) => `MaturinRelease: pyproject.toml does not fit the release configuration:\n${problems.map((p) => `- pyproject.toml: ${p}`).join('\n')}`;
const NO_BACKEND = '[build-system] build-backend is null, but the release builds with maturin: set build-backend = "maturin" and requires = ["maturin>=1.7,<2.0"]';

describe('at synthesis', () => {
  test.each<[string, Record<string, string | Buffer>, string | undefined]>([
    ['Cargo.toml is a directory', { 'Cargo.toml/': '' }, `MaturinRelease: ${directory('Cargo.toml')}`],
    ['pyproject.toml is a directory', { 'pyproject.toml/': '' }, `MaturinRelease: ${directory('pyproject.toml')}`],
    ['Cargo.toml with merge-conflict markers', { 'Cargo.toml': `${CARGO}<<<<<<< HEAD\n` }, 'MaturinRelease: Cargo.toml has unresolved merge-conflict markers (line 11): resolve the conflict and commit Cargo.toml first'],
    ['Cargo.toml that is not TOML', { 'Cargo.toml': '[package\nname = "x"\n' }, 'MaturinRelease: Cargo.toml is not valid TOML: Invalid TOML document: illegal character in key'],
    ['Cargo.toml in Latin-1', { 'Cargo.toml': latin1(`# caf\xe9\n${CARGO}`) }, `MaturinRelease: ${notUtf8('Cargo.toml', 5)}`],
    ['Cargo.toml enabling abi3 (the unset option follows it)', { 'Cargo.toml': CARGO.replace('pyo3 = "0.27"', 'pyo3 = { version = "0.27", features = ["abi3-py39"] }') }, undefined],
    ['an empty Cargo.toml (nothing to contradict)', { 'Cargo.toml': '' }, undefined],
    ['Cargo.toml with a byte order mark', { 'Cargo.toml': `\uFEFF${CARGO}` }, undefined],
    ['Cargo.toml with CRLF line endings', { 'Cargo.toml': CARGO.replace(/\n/g, '\r\n') }, undefined],
    ['pyproject.toml that is not TOML', { 'pyproject.toml': '[project\n' }, 'MaturinRelease: pyproject.toml is not valid TOML: Invalid TOML document: illegal character in key'],
    ['pyproject.toml with merge-conflict markers', { 'pyproject.toml': `${PYPROJECT}>>>>>>> branch\n` },
      'MaturinRelease: pyproject.toml has unresolved merge-conflict markers (line 8): resolve the conflict and commit pyproject.toml first'],
    ['pyproject.toml in Latin-1', { 'pyproject.toml': latin1(`${PYPROJECT}# \xe9\n`) }, `MaturinRelease: ${notUtf8('pyproject.toml', Buffer.byteLength(`${PYPROJECT}# `))}`],
    ['pyproject.toml with a byte order mark', { 'pyproject.toml': `\uFEFF${PYPROJECT}` }, undefined],
    ['pyproject.toml building with setuptools', { 'pyproject.toml': PYPROJECT.replace('build-backend = "maturin"', 'build-backend = "setuptools.build_meta"') },
      wiring('[build-system] build-backend is "setuptools.build_meta", but the release builds with maturin: set build-backend = "maturin" and requires = ["maturin>=1.7,<2.0"]; ' +
        'or, if maturin builds the wheels and that backend is meant for builds from the sdist (as in maturin\'s own repository), set otherBuildBackend: true')],
    ['pyproject.toml naming another package', { 'pyproject.toml': PYPROJECT.replace('name = "dioxide"', 'name = "other"') },
      wiring('[project] name is "other" but packageName is "dioxide": the wheels would carry the other name; make them the same')],
    ['pyproject.toml with a static version', { 'pyproject.toml': PYPROJECT.replace('dynamic = ["version"]', 'version = "1.0.0"') },
      wiring('[project] has a static version "1.0.0" but versionSource is "cargo": remove it and add dynamic = ["version"], so Cargo.toml is the one version source')],
    ['pyproject.toml with bindings = 42', { 'pyproject.toml': `${PYPROJECT}\n[tool.maturin]\nbindings = 42\n` },
      'MaturinRelease: pyproject.toml [tool.maturin] bindings is 42; allowed values: "pyo3", "cffi", "uniffi", "bin"'],
    ['an empty pyproject.toml', { 'pyproject.toml': '' }, wiring(NO_BACKEND)],
    ['pyproject.toml whose [project] is a list', { 'pyproject.toml': 'project = [1]\n' }, wiring(NO_BACKEND)],
    ['pyproject.toml excluding configured Python versions', { 'pyproject.toml': `${PYPROJECT}requires-python = ">=3.13"\n` }, wiring(
      'requires-python = ">=3.13" excludes Python 3.11, which pythonVersions builds wheels for (3.11): widen requires-python or remove 3.11 from pythonVersions',
      'requires-python = ">=3.13" excludes Python 3.12, which pythonVersions builds wheels for (3.12): widen requires-python or remove 3.12 from pythonVersions')],
  ])('%s', (_, files, error) => {
    const run = synthIn(files);
    expect(run.error).toBe(error);
    expect(run.stack).toBe(false);
    if (error) expect(run.after).toEqual(run.before);
    // The repository's own files are never rewritten, whatever the outcome.
    for (const file of Object.keys(files)) expect(run.after[file]).toBe(run.before[file]);
  });
});

/** A release-ready repository (version 1.0.0, committed), copied per case. */
let base: string;
beforeAll(() => {
  base = synthIn({ 'CHANGELOG.md': CHANGELOG, 'pyproject.toml': PYPROJECT, 'Cargo.lock': LOCK }).dir;
  commitAll(base);
});

/** A copy of the base repository with files replaced (null: removed; a path ending in "/": a directory). */
function changed(files: Record<string, string | Buffer | null>): string {
  const dir = copyOf(base);
  for (const [file, content] of Object.entries(files)) {
    rmSync(join(dir, file.replace(/\/$/, '')), { recursive: true, force: true });
    if (file.endsWith('/')) mkdirSync(join(dir, file));
    else if (content !== null) writeFileSync(join(dir, file), content);
  }
  return dir;
}

describe('the plan job of a push of v1.0.0', () => {
  const FINE = 'release v1.0.0: version 1.0.0, channel pypi, pre-release false, publish true\n';
  const noSection = 'CHANGELOG.md has no section for version 1.0.0: add a heading such as "## [1.0.0] - YYYY-MM-DD" with the release\'s changes';
  test.each<[string, Record<string, string | Buffer | null>, string | undefined]>([
    ['Cargo.toml missing', { 'Cargo.toml': null }, 'versionSource is "cargo" but there is no Cargo.toml (the crate maturin builds in the repository root); ' +
      'if the package lives in a subdirectory, set the packageDirectory option to it (e.g. "bindings/python")'],
    ['Cargo.toml is a directory', { 'Cargo.toml/': '' }, 'Cargo.toml is a directory, not a file; remove or rename the directory Cargo.toml'],
    ['Cargo.toml without a version', { 'Cargo.toml': '[package]\nname = "dioxide"\n' }, 'Cargo.toml has no [package] version: add `version = "x.y.z"` under [package]'],
    ['Cargo.toml with a number as version', { 'Cargo.toml': '[package]\nname = "dioxide"\nversion = 1\n' }, 'Cargo.toml has no [package] version: add `version = "x.y.z"` under [package]'],
    ['Cargo.toml inheriting a version the workspace lacks', { 'Cargo.toml': '[package]\nname = "dioxide"\nversion.workspace = true\n' },
      'Cargo.toml has version.workspace = true, but no Cargo workspace in the repository contains it: add it to the members of the workspace root\'s Cargo.toml, or give it its own version'],
    ['Cargo.toml inheriting the workspace version', { 'Cargo.toml': '[workspace.package]\nversion = "1.0.0"\n[package]\nname = "dioxide"\nversion.workspace = true\n' }, undefined],
    ['Cargo.toml with a byte order mark', { 'Cargo.toml': `\uFEFF${CARGO}` }, undefined],
    ['Cargo.toml with a lone conflict separator', { 'Cargo.toml': `${CARGO}=======\n` }, 'Cargo.toml is not valid TOML: Invalid TOML document: unexpected end of key'],
    ['Cargo.toml with a two-part version', { 'Cargo.toml': '[package]\nname = "dioxide"\nversion = "1.0"\n' },
      'tag "v1.0.0" is version 1.0.0, which PEP 440 counts as equal to Cargo.toml\'s 1.0, but the wheels are named 1.0: tag v1.0'],
    ['pyproject.toml with a static version', { 'pyproject.toml': PYPROJECT.replace('dynamic = ["version"]', 'version = "1.0.0"') },
      'pyproject.toml has a static [project] version ("1.0.0") but versionSource is "cargo": remove it and add dynamic = ["version"], so Cargo.toml is the one version source'],
    ['pyproject.toml is a directory', { 'pyproject.toml/': '' }, 'pyproject.toml is a directory, not a file; remove or rename the directory pyproject.toml'],
    ['pyproject.toml that is not TOML', { 'pyproject.toml': '[project\n' }, 'pyproject.toml is not valid TOML: Invalid TOML document: illegal character in key'],
    ['CHANGELOG.md missing', { 'CHANGELOG.md': null }, 'CHANGELOG.md does not exist: the release needs its section for 1.0.0'],
    ['CHANGELOG.md is a directory', { 'CHANGELOG.md/': '' }, 'CHANGELOG.md is a directory, not a file; remove or rename the directory CHANGELOG.md'],
    ['CHANGELOG.md in Latin-1', { 'CHANGELOG.md': latin1(`${CHANGELOG}- caf\xe9\n`) },
      `CHANGELOG.md is not UTF-8: the bytes at offset ${Buffer.byteLength(`${CHANGELOG}- caf`)} are not a UTF-8 character; save CHANGELOG.md as UTF-8 (e.g. iconv -f latin1 -t utf-8), then run the command again`],
    ['an empty section', { 'CHANGELOG.md': '# Changelog\n\n## [1.0.0] - 2026-02-01\n\n## [0.9.0]\n\n- x\n' },
      'CHANGELOG.md has an empty section for version 1.0.0: describe the release\'s changes under its heading'],
    ['the heading only inside a code block', { 'CHANGELOG.md': '# Changelog\n\n```\n## [1.0.0]\n- x\n```\n' }, noSection],
    ['the heading only inside an HTML comment', { 'CHANGELOG.md': '# Changelog\n\n<!--\n## [1.0.0]\n- x\n-->\n' }, noSection],
    ['an empty CHANGELOG.md', { 'CHANGELOG.md': '' }, noSection],
    ['only a release candidate\'s section', { 'CHANGELOG.md': '## [1.0.0rc1]\n\n- Stable\n' }, noSection],
    ['two sections for the version', { 'CHANGELOG.md': '# Changelog\n\n## [1.0.0]\n\n- First\n\n## [1.0.0]\n\n- Second\n' },
      'CHANGELOG.md has two sections for version 1.0.0 (lines 3 and 7): keep one, with all of the release\'s changes'],
    ['merge-conflict markers in the section', { 'CHANGELOG.md': '# Changelog\n\n## [1.0.0]\n\n<<<<<<< HEAD\n- a\n=======\n- b\n>>>>>>> x\n' },
      'CHANGELOG.md has unresolved merge-conflict markers (line 5): resolve the conflict and commit CHANGELOG.md first'],
    ['CRLF line endings', { 'CHANGELOG.md': CHANGELOG.replace(/\n/g, '\r\n') }, undefined],
    ['a byte order mark before the heading', { 'CHANGELOG.md': '\uFEFF## [1.0.0]\n\n- Stable\n' }, undefined],
    ['a heading without brackets', { 'CHANGELOG.md': '# Changelog\n\n## 1.0.0 (2026-02-01)\n\n- Stable\n' }, undefined],
    ['a "v" in the heading', { 'CHANGELOG.md': '## v1.0.0\n\n- Stable\n' }, undefined],
    ['release-please\'s heading', { 'CHANGELOG.md': '# Changelog\n\n## [1.0.0](https://github.com/o/d/compare/v0.9.0...v1.0.0) (2026-02-01)\n\n- Stable\n' }, undefined],
  ])('%s', async (_, files, error) => {
    const run = await runTools(changed(files), ['plan'], { GITHUB_EVENT_NAME: 'push', GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v1.0.0' });
    expect(run.stderr).toBe(error === undefined ? '' : `error: ${error}\n`);
    expect(run.stdout).toBe(error === undefined ? FINE : '');
    expect(run.status).toBe(error === undefined ? 0 : 1);
  });

  test.each<[string, string]>([
    ['CRLF line endings', CHANGELOG.replace(/\n/g, '\r\n')],
    ['a byte order mark before the heading', '\uFEFF## [1.0.0]\n\n- Stable\n'],
    ['release-please\'s heading', '# Changelog\n\n## [1.0.0](https://github.com/o/d/compare/v0.9.0...v1.0.0) (2026-02-01)\n\n- Stable\n'],
  ])('the release notes from a CHANGELOG with %s are the section, nothing else', async (_, changelog) => {
    const run = await runCli(changed({ 'CHANGELOG.md': changelog }), 'notes', 'v1.0.0');
    expect(run.stdout).toBe('- Stable\n');
    expect(run.stderr).toBe('');
  });
});

describe('prepare with odd repository files', () => {
  const prepare = (files: Record<string, string | Buffer | null>) => {
    const dir = changed(files);
    commitAll(dir);
    return { dir, run: runCli(dir, 'prepare', '1.1.0') };
  };

  test.each<[string, Record<string, string | Buffer | null>, string]>([
    ['Cargo.lock is a directory', { 'Cargo.lock/': '' }, directory('Cargo.lock')],
    ['Cargo.lock that is not TOML', { 'Cargo.lock': 'version = \n' }, 'Cargo.lock is not valid TOML: Invalid TOML document: invalid value'],
    ['CHANGELOG.md is a directory', { 'CHANGELOG.md/': '' }, directory('CHANGELOG.md')],
    ['CHANGELOG.md with merge-conflict markers outside any section', { 'CHANGELOG.md': `${CHANGELOG}<<<<<<< HEAD\n- x\n=======\n>>>>>>> y\n` },
      'CHANGELOG.md has unresolved merge-conflict markers (line 10): resolve the conflict and commit CHANGELOG.md first'],
  ])('%s: one message, nothing written', async (_, files, message) => {
    const dir = changed(files);
    commitAll(dir);
    const before = snapshot(dir);
    const run = await runCli(dir, 'prepare', '1.1.0');
    expect(run.stderr).toBe(`projen-maturin: ${message}\n`);
    expect(snapshot(dir)).toEqual(before);
  });

  test.each<[string, Record<string, string>, Record<string, string>]>([
    ['a Cargo.lock without the package\'s entry: left as it is', { 'Cargo.lock': 'version = 4\n' }, { 'Cargo.lock': 'version = 4\n' }],
    ['a version inherited from the workspace', { 'Cargo.toml': '[workspace.package]\nversion = "1.0.0"\n[package]\nname = "dioxide"\nversion.workspace = true\n' },
      { 'Cargo.toml': '[workspace.package]\nversion = "1.1.0"\n[package]\nname = "dioxide"\nversion.workspace = true\n', 'Cargo.lock': LOCK.replace('1.0.0', '1.1.0') }],
    ['a commented-out version above the real one', { 'Cargo.toml': '[package]\nname = "dioxide"\n# version = "0.9.0"\nversion = "1.0.0"\n' },
      { 'Cargo.toml': '[package]\nname = "dioxide"\n# version = "0.9.0"\nversion = "1.1.0"\n' }],
    ['a byte order mark before "## [Unreleased]"', { 'CHANGELOG.md': '\uFEFF## [Unreleased]\n\n- Next\n' },
      { 'CHANGELOG.md': '\uFEFF## [Unreleased]\n\n## [1.1.0] - 2026-03-04\n\n- Next\n' }],
  ])('%s', async (_, files, expected) => {
    const { dir, run } = prepare(files);
    expect((await run).stderr).toBe('');
    for (const [file, content] of Object.entries(expected)) expect(readFileSync(join(dir, file), 'utf8')).toBe(content);
  });
});

describe('unreadable files, as an ordinary user', () => {
  /** Runs the bundled tools or CLI as nobody (tests run as root, to whom every file is readable). */
  function asUser(dir: string, script: string, args: string[], env: Record<string, string> = {}) {
    const user: { uid?: number; gid?: number } = process.getuid?.() === 0 ? NOBODY : {};
    if (user.uid) {
      execFileSync('chown', ['-R', '65534:65534', dir]);
      assertReachable(dir, NOBODY);
    }
    const assets = user.uid ? assetsForAnyUser() : join(__dirname, '..', '..', 'assets');
    const result = spawnSync(process.execPath, [join(assets, script), ...args], {
      cwd: dir, encoding: 'utf8', ...user, env: { PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1', ...env },
    });
    return { status: result.status, stderr: result.stderr };
  }

  test('the plan job cannot read Cargo.toml', () => {
    const dir = changed({});
    chmodSync(join(dir, 'Cargo.toml'), 0o000);
    const run = asUser(dir, 'release-tools.cjs', ['plan'], { GITHUB_EVENT_NAME: 'push', GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v1.0.0' });
    expect(run.stderr).toBe('error: Cargo.toml cannot be read: permission denied; check the permissions of Cargo.toml and its directory (ls -l)\n');
    expect(run.status).toBe(1);
  });

  test('notes cannot read CHANGELOG.md', () => {
    const dir = changed({});
    chmodSync(join(dir, 'CHANGELOG.md'), 0o000);
    const run = asUser(dir, 'cli.cjs', ['notes', 'v1.0.0']);
    expect(run.stderr).toBe('projen-maturin: CHANGELOG.md cannot be read: permission denied\n  fix: check the permissions of CHANGELOG.md and its directory (ls -l)\n');
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.status).toBe(1);
  });
});
