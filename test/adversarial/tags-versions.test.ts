import { PYPROJECT, STACK_FRAME, runCli, runTools, synthIn } from './helpers';
import { parseReleaseVersion } from '../../src/core/version';
import { commitAll } from '../helpers/cli';

/**
 * Tags and versions: hostile tags pushed at the release workflow, PEP 440 edge cases,
 * very long and non-ASCII input. The plan job (the release tools' `plan`, as the workflow
 * runs it) decides once; every refusal is its exact message, never a stack trace.
 */
const CHANGELOG = '# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2026-02-01\n\n- Stable\n';
const HINT = 'use e.g. 1.2.3, 1.2.3rc1, 1.2.3.dev1, or SemVer with an alpha/beta/rc pre-release such as 1.2.3-rc.1';
/** The message for a version part that is not PEP 440; `shown` is how the message quotes it. */
const notPep440 = (shown: string) => `version ${shown} is not a PEP 440 version that maturin can publish: ${HINT}`;
const noMatch = (tag: string, pattern = 'v*.*.*', prefix = 'v') => `tag ${JSON.stringify(tag)} does not match the release tag pattern "${pattern}" (the version after "${prefix}")`;
/** A tag whose version is not Cargo.toml's 1.0.0, and has no CHANGELOG section. */
const otherVersion = (tag: string, pep440: string, raw: string) => `tag "${tag}" is version ${pep440}, but Cargo.toml says 1.0.0: bump the version source, or tag v1.0.0\n` +
  `CHANGELOG.md has no section for version ${raw}: add a heading such as "## [${raw}] - YYYY-MM-DD" with the release's changes`;
const released = (tag: string, pep440: string) => `release ${tag}: version ${pep440}, channel pypi, pre-release false, publish true\n`;

let repo: string;
let prefixed: string;
beforeAll(() => {
  repo = synthIn({ 'CHANGELOG.md': CHANGELOG, 'pyproject.toml': PYPROJECT }).dir;
  commitAll(repo);
  prefixed = synthIn({ 'CHANGELOG.md': CHANGELOG, 'pyproject.toml': PYPROJECT }, { tagPattern: 'dioxide-v*.*.*' }).dir;
});

const push = (dir: string, tag: string, env: Record<string, string> = {}) =>
  runTools(dir, ['plan'], { GITHUB_EVENT_NAME: 'push', GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: tag, ...env });

describe('a pushed tag: released, or refused with one message', () => {
  test.each<[string, string, { ok?: string; error?: string }]>([
    ['the release tag itself (negative control)', 'v1.0.0', { ok: released('v1.0.0', '1.0.0') }],
    ['leading zeros PEP 440 drops: the same file names', 'v1.0.00', { ok: released('v1.0.00', '1.0.0') }],
    ['a shell command after the version', 'v1.0.0; rm -rf /', { error: noMatch('v1.0.0; rm -rf /') }],
    ['a command substitution in the version', 'v$(id).0.0', { error: notPep440('"$(id).0.0"') }],
    ['backticks in the version', 'v1.0.0`id`', { error: notPep440('"1.0.0`id`"') }],
    ['a quote in the version', 'v1.0.0\'', { error: notPep440('"1.0.0\'"') }],
    ['a newline after the version', 'v1.0.0\n', { error: notPep440('"1.0.0\\n"') }],
    ['a NUL byte after the version', 'v1.0.0\u0000', { error: notPep440('"1.0.0\\u0000"') }],
    ['a right-to-left override after the version (shown escaped)', 'v1.0.0\u202e', { error: notPep440('"1.0.0\\u202e"') }],
    ['a space after the version', 'v1.0.0 ', { error: notPep440('"1.0.0 "') }],
    ['Arabic-Indic digits', 'v١.٠.٠', { error: notPep440('"١.٠.٠"') }],
    ['a fullwidth digit', 'v１.0.0', { error: notPep440('"１.0.0"') }],
    ['an empty release segment', 'v1..0.0', { error: notPep440('"1..0.0"') }],
    ['a version that is not SemVer nor PEP 440', 'v1.0.0-foo', { error: notPep440('"1.0.0-foo"') }],
    ['10,000 digits (cut short in the message)', `v${'1'.repeat(10000)}.0.0`, { error: `version "${'1'.repeat(64)}…" is longer than 64 characters` }],
    ['a number beyond what can be compared', 'v999999999999999999999.0.0', { error: 'version "999999999999999999999.0.0" has a number of more than 15 digits, which cannot be compared reliably; use a smaller number' }],
    ['a local version', 'v1.0.0+local', { error: 'version "1.0.0+local" has a local part (+local), which PyPI rejects' }],
    ['SemVer build metadata', 'v1.0.0-alpha.1+build', { error: 'version "1.0.0-alpha.1+build" has a local part (+build), which PyPI rejects' }],
    ['a PEP 440 spelling of the same version that names other files', 'v1.0.0.0',
      { error: 'tag "v1.0.0.0" is version 1.0.0.0, which PEP 440 counts as equal to Cargo.toml\'s 1.0.0, but the wheels are named 1.0.0: tag v1.0.0' }],
    ['too few parts for the pattern', 'v1.0', { error: noMatch('v1.0') }],
    ['an upper-case prefix', 'V1.0.0', { error: noMatch('V1.0.0') }],
    ['the full ref instead of the tag name', 'refs/tags/v1.0.0', { error: noMatch('refs/tags/v1.0.0') }],
    ['a leading dash', '-v1.0.0', { error: noMatch('-v1.0.0') }],
    ['an empty tag name', '', { error: noMatch('') }],
    ['a release candidate of another version', 'v1.0.0-rc.1', { error: otherVersion('v1.0.0-rc.1', '1.0.0rc1', '1.0.0-rc.1') }],
    ['an upper-case pre-release', 'v1.0.0-RC1', { error: otherVersion('v1.0.0-RC1', '1.0.0rc1', '1.0.0-RC1') }],
    ['a beta without a number', 'v1.0.0-beta', { error: otherVersion('v1.0.0-beta', '1.0.0b0', '1.0.0-beta') }],
    ['a dev release', 'v1.0.0.dev1', { error: otherVersion('v1.0.0.dev1', '1.0.0.dev1', '1.0.0.dev1') }],
    ['a post release', 'v1.0.0.post1', { error: otherVersion('v1.0.0.post1', '1.0.0.post1', '1.0.0.post1') }],
    ['an epoch', 'v1!1.0.0', { error: otherVersion('v1!1.0.0', '1!1.0.0', '1!1.0.0') }],
  ])('%s: %j', async (_, tag, outcome) => {
    const run = await push(repo, tag);
    expect(run.stderr).toBe(outcome.error === undefined ? '' : `error: ${outcome.error}\n`);
    expect(run.stdout).toBe(outcome.ok ?? '');
    expect(run.status).toBe(outcome.ok ? 0 : 1);
  });

  test('on the runner, a tag cannot inject workflow commands into the error annotation', async () => {
    const run = await push(repo, 'v%0A::error::x.0.0', { GITHUB_ACTIONS: 'true' });
    expect(run.stderr).toBe(`::error::${notPep440('"%250A::error::x.0.0"')}\n`);
    expect(run.stderr.split('\n')).toHaveLength(2);
  });

  test.each<[string, string, string]>([
    ['the prefixed tag (negative control)', 'dioxide-v1.0.0', ''],
    ['a tag without the package prefix', 'v1.0.0', noMatch('v1.0.0', 'dioxide-v*.*.*', 'dioxide-v')],
    ['a path after the version', 'dioxide-v1.0.0/x', noMatch('dioxide-v1.0.0/x', 'dioxide-v*.*.*', 'dioxide-v')],
    ['another package\'s prefix around it', 'other-dioxide-v1.0.0', noMatch('other-dioxide-v1.0.0', 'dioxide-v*.*.*', 'dioxide-v')],
    ['too few parts', 'dioxide-v1.0', noMatch('dioxide-v1.0', 'dioxide-v*.*.*', 'dioxide-v')],
  ])('tagPattern "dioxide-v*.*.*": %s', async (_, tag, error) => {
    const run = await push(prefixed, tag);
    expect(run.stderr).toBe(error ? `error: ${error}\n` : '');
    expect(run.stdout).toBe(error ? '' : released(tag, '1.0.0'));
  });

  test.each<[string, Record<string, string>, string]>([
    ['a push to a branch', { GITHUB_EVENT_NAME: 'push', GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' }, 'a release runs for a pushed tag, but this push is to the branch "main"'],
    ['a pull request', { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' }, 'the release workflow runs on a tag push or a manual dry run, not on "pull_request"'],
    ['a manual run without dry-run', { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' },
      'a manual run is always a dry run: releases are published only from a pushed tag; run it again with dry-run checked'],
    ['no event at all', {}, 'the release workflow runs on a tag push or a manual dry run, not on ""'],
  ])('%s', async (_, env, error) => {
    const run = await runTools(repo, ['plan'], env);
    expect(run.stderr).toBe(`error: ${error}\n`);
    expect(run.status).toBe(1);
  });

  test('negative control: a manual dry run plans the current version without publishing', async () => {
    const run = await runTools(repo, ['plan'], { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main', DRY_RUN: 'true' });
    expect(run.stdout).toBe('release v1.0.0: version 1.0.0, channel pypi, pre-release false, publish false\n');
  });
});

describe('PEP 440 as maturin publishes it', () => {
  test.each<[string, string, boolean]>([
    ['1.0.0', '1.0.0', false], ['1.0', '1.0', false], ['1', '1', false], ['0.0.0', '0.0.0', false],
    ['1.0.0rc1', '1.0.0rc1', true], ['1.0.0-rc.1', '1.0.0rc1', true], ['1.0.0.RC1', '1.0.0rc1', true], ['1.0.0_rc1', '1.0.0rc1', true],
    ['1.0.0c1', '1.0.0rc1', true], ['1.0.0-pre1', '1.0.0rc1', true], ['1.0.0-preview.1', '1.0.0rc1', true], ['1.0.0rc', '1.0.0rc0', true],
    ['1.0.0a', '1.0.0a0', true], ['1.0.0.dev0', '1.0.0.dev0', true], ['1.0.0-dev', '1.0.0.dev0', true],
    ['1.0.0.post1', '1.0.0.post1', false], ['1.0.0-post.1', '1.0.0.post1', false], ['1!2.0', '1!2.0', false],
  ])('%j is %s (pre-release %s)', (raw, pep440, prerelease) => {
    expect(parseReleaseVersion(raw)).toEqual({ raw, pep440, prerelease });
  });

  test.each<[string, string]>([
    ['v1.0.0', notPep440('"v1.0.0"')],
    [' 1.0.0', notPep440('" 1.0.0"')],
    ['1.0.0\n', notPep440('"1.0.0\\n"')],
    ['１.0.0', notPep440('"１.0.0"')],
    ['1.0.0-rc.1.2', notPep440('"1.0.0-rc.1.2"')],
    ['1.0.0+abc', 'version "1.0.0+abc" has a local part (+abc), which PyPI rejects'],
    ['1.0.0.dev1+g123', 'version "1.0.0.dev1+g123" has a local part (+g123), which PyPI rejects'],
    ['9999999999999999.0.0', 'version "9999999999999999.0.0" has a number of more than 15 digits, which cannot be compared reliably; use a smaller number'],
    ['1.0.0\u2066', notPep440('"1.0.0\\u2066"')],
    ['', notPep440('""')],
  ])('%j is refused', (raw, message) => {
    let thrown: unknown;
    try {
      parseReleaseVersion(raw);
    } catch (e) {
      thrown = e;
    }
    expect((thrown as Error).message).toBe(message);
    expect(String((thrown as Error).stack)).not.toMatch(STACK_FRAME);
  });
});

describe('the CLI with hostile tags and versions', () => {
  test.each<[string, string[], number, string, string]>([
    ['notes of the release (negative control)', ['notes', 'v1.0.0'], 0, '- Stable\n', ''],
    ['notes of a tag the pattern does not match', ['notes', 'v1.0'], 2, '', 'projen-maturin: tag "v1.0" does not match the release tag pattern "v*.*.*"\n'],
    ['notes of a 1,000-character tag (cut short)', ['notes', `v${'1'.repeat(1000)}`], 2, '',
      `projen-maturin: tag "v${'1'.repeat(79)}…" does not match the release tag pattern "v*.*.*"\n`],
    ['notes of a version without a section', ['notes', 'v1.0.0rc1'], 1, '',
      'projen-maturin: CHANGELOG.md has no section for version 1.0.0rc1: add a heading such as "## [1.0.0rc1] - YYYY-MM-DD" with the release\'s changes\n'],
    ['notes with a bidirectional override (escaped)', ['notes', 'v1.0.0\u202e'], 1, '', `projen-maturin: ${notPep440('"1.0.0\\u202e"')}\n`],
    ['prepare of a PEP 440 spelling of the current version', ['prepare', '1.0.0.0'], 1, '', 'projen-maturin: version 1.0.0.0 is not newer than the current version 1.0.0\n'],
    ['prepare of a number beyond 15 digits', ['prepare', '9999999999999999.0.0'], 1, '',
      'projen-maturin: version "9999999999999999.0.0" has a number of more than 15 digits, which cannot be compared reliably; use a smaller number\n'],
    ['an unknown command of 10,000 characters (cut short)', ['x'.repeat(10000)], 2, '',
      `projen-maturin: unknown command "${'x'.repeat(80)}…"\n  fix: run "projen-maturin --help" for the commands\n`],
  ])('%s', async (_, argv, status, stdout, stderr) => {
    const run = await runCli(repo, ...argv);
    expect(run.stderr).toBe(stderr);
    expect(run.stdout).toBe(stdout);
    expect(run.status).toBe(status);
  });

  test('preflight of a tag that would run a command shows it as a refused version, never running it', async () => {
    const run = await runCli(repo, 'preflight', 'v$(id).0.0');
    expect(run.stderr).toBe('');
    expect(run.stdout.split('\n').slice(0, 7)).toEqual([
      'Release preflight for tag v$(id).0.0', '  version      -', '  PEP 440      -', '  channel      -', '  pre-release  no',
      '  status       the plan job would stop this release', `  error: ${notPep440('"$(id).0.0"')}`,
    ]);
    expect(run.status).toBe(1);
  });

  test('preflight of a PEP 440 spelling of the release names the tag to push', async () => {
    const run = await runCli(repo, 'preflight', 'v1.0.0.0');
    expect(run.stdout.split('\n')[6]).toBe('  error: tag "v1.0.0.0" is version 1.0.0.0, which PEP 440 counts as equal to Cargo.toml\'s 1.0.0, but the wheels are named 1.0.0: tag v1.0.0');
    expect(run.status).toBe(1);
  });
});
