import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { mkdtempSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ReleaseNotes } from '../../src/synth/options';
import { writeText } from '../helpers/fake-dist';
import { FakeGitHub, fakeGitHub } from '../helpers/fake-gh';
import { fixtureRepo } from '../helpers/fixture-repo';
import { runStep } from '../helpers/runner';

const TAG = 'v1.0.0-rc.1';
const WHEEL = 'dioxide-1.0.0rc1-cp311-cp311-win_amd64.whl';
const SDIST = 'dioxide-1.0.0rc1.tar.gz';
const PLAN = {
  'github.token': 'ghs_x',
  'needs.plan.outputs.tag': TAG,
  'needs.plan.outputs.version': '1.0.0-rc.1',
  'needs.plan.outputs.prerelease': 'true',
};
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const FIX_FORWARD = 'fix: fix forward: release a new version (bump it, update the CHANGELOG, push its tag). Do not delete this release or its tag';

/** A repository whose checked build is in dist/, the GitHub Release step of its workflow, and a fake GitHub. */
function setup(immutable: boolean, options: Parameters<typeof fakeGitHub>[0] = {}, releaseOptions: object = {}) {
  const repo = fixtureRepo({ githubRelease: releaseOptions }, '1.0.0-rc.1');
  writeText(join(repo.dir, 'dist'), WHEEL, 'wheel bytes');
  writeText(join(repo.dir, 'dist'), SDIST, 'sdist bytes');
  const github = fakeGitHub({ immutable, tags: [TAG], ...options });
  const step = repo.workflow.jobs['github-release'].steps.find((s: any) => s.run);
  const run = (plan: Record<string, string> = PLAN, extraEnv: Record<string, string> = {}) =>
    runStep(step, repo.dir, {}, plan, { PATH: `${github.bin}:${process.env.PATH}`, ...extraEnv });
  return { repo, github, run };
}

const release = (github: FakeGitHub) => github.state().releases.find((r) => r.tagName === TAG)!;
const assets = (github: FakeGitHub) => Object.fromEntries(release(github).assets.map((a) => [a.name, `${a.state} ${a.digest}`]));
const CHECKED = { [WHEEL]: `uploaded sha256:${sha('wheel bytes')}`, [SDIST]: `uploaded sha256:${sha('sdist bytes')}` };
const commands = (github: FakeGitHub) => github.calls().map((c) => c.slice(0, 2).join(' '));
/** Index of the call that publishes (edit … --draft=false), or -1. */
const publishCall = (github: FakeGitHub) => github.calls().findIndex((c) => c[1] === 'edit' && c.includes('--draft=false'));

describe.each([true, false])('the GitHub Release step (immutable releases %s)', (immutable) => {
  test('first run: a draft gets every distribution, their digests are checked, then it is published once', () => {
    const { github, run } = setup(immutable);
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(release(github)).toMatchObject({ isDraft: false, isPrerelease: true, isImmutable: immutable, isLatest: false, name: TAG, body: '- Release candidate\n' });
    expect(assets(github)).toEqual(CHECKED);
    expect(commands(github)).toEqual(['release view', 'release create', 'release view', 'release upload', 'release upload', 'release view', 'release list', 'release edit', 'release view']);
    const calls = github.calls();
    expect(calls[1]).toEqual(['release', 'create', '--draft', '--verify-tag', `--title=${TAG}`, expect.stringMatching(/^--notes-file=\/\S+notes\.md$/), '--prerelease=true', '--', TAG]);
    expect(calls[3]).toEqual(['release', 'upload', '--', TAG, `dist/${WHEEL}`]);
    expect(calls[4]).toEqual(['release', 'upload', '--', TAG, `dist/${SDIST}`]);
    // Published exactly once, after the last upload and the check that followed it.
    expect(calls.filter((c) => c.includes('--draft=false'))).toHaveLength(1);
    expect(publishCall(github)).toBe(7);
    expect(calls[7]).toEqual(['release', 'edit', `--title=${TAG}`, expect.stringMatching(/^--notes-file=/), '--prerelease=true', '--draft=false', '--latest=false', '--', TAG]);
    expect(result.stdout).toContain(`published the GitHub Release ${TAG} (pre-release) with 2 files, each matching the checked build (sha256): https://github.com/octo/dioxide/releases/tag/${TAG}`);
    expect(result.summary).toContain(`GitHub Release \`${TAG}\` (pre-release) published with 2 files, each matching the checked build (sha256).`);
  });

  test('re-run after success: the published files match, so only the title and notes are updated', () => {
    const { github, run } = setup(immutable);
    expect(run().status).toBe(0);
    const before = github.calls().length;
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const rerun = github.calls().slice(before);
    expect(rerun.map((c) => c.slice(0, 2).join(' '))).toEqual(['release view', 'release edit']);
    expect(rerun[1]).toEqual(['release', 'edit', `--title=${TAG}`, expect.stringMatching(/^--notes-file=/), '--prerelease=true', '--', TAG]);
    expect(assets(github)).toEqual(CHECKED);
    expect(result.stdout).toContain(`the GitHub Release ${TAG} is already published and its 2 files match the checked build (sha256); updated its title and notes`);
  });

  test('re-run after a failed upload: the draft is completed (the unfinished file replaced), then published', () => {
    // The first upload (the wheel) fails and leaves an unfinished asset; the sdist is never sent.
    const { github, run } = setup(immutable, { failUploads: [1] });
    const failed = run();
    expect(failed.status).toBe(1);
    expect(failed.stderr).toBe(`::error::could not upload ${WHEEL} to the draft release ${TAG}: HTTP 502: Bad Gateway (https://uploads.github.com/repos/octo/dioxide/releases/1/assets?label=&name=${WHEEL})` +
      '%0A  fix: GitHub may be unavailable: re-run the failed job; it completes a draft left by this run and never publishes before every file is uploaded and checked\n');
    // Nothing was published: the half-uploaded release is still a draft.
    expect(publishCall(github)).toBe(-1);
    expect(release(github).isDraft).toBe(true);
    expect(assets(github)).toEqual({ [WHEEL]: 'open null' });

    const before = github.calls().length;
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const rerun = github.calls().slice(before);
    expect(rerun.filter((c) => c[1] === 'create')).toEqual([]);
    expect(rerun.filter((c) => c[1] === 'upload')).toEqual([
      ['release', 'upload', '--', TAG, `dist/${SDIST}`],
      ['release', 'upload', '--clobber', '--', TAG, `dist/${WHEEL}`],
    ]);
    expect(result.stdout).toContain(`completing the draft release ${TAG} left by an earlier run\nuploading ${SDIST}\nreplacing ${WHEEL}\n`);
    expect(release(github)).toMatchObject({ isDraft: false, isImmutable: immutable });
    expect(assets(github)).toEqual(CHECKED);
  });

  test('re-run with a different build: fails with "fix forward" and leaves the release as it is', () => {
    const { repo, github, run } = setup(immutable);
    expect(run().status).toBe(0);
    writeText(join(repo.dir, 'dist'), WHEEL, 'rebuilt wheel bytes');
    const before = github.calls().length;
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`::error::the GitHub Release ${TAG} is already published, and its files are not the checked build:` +
      `%0A${WHEEL}: the release has sha256 ${sha('wheel bytes')}, the checked build has sha256 ${sha('rebuilt wheel bytes')}` +
      `%0A  ${FIX_FORWARD}: people may have downloaded these files, and on a repository with immutable releases GitHub never lets the tag name be used again.\n`);
    expect(github.calls().slice(before).map((c) => c.slice(0, 2).join(' '))).toEqual(['release view']);
    expect(assets(github)).toEqual(CHECKED);
    expect(result.summary).toContain('## GitHub Release not the checked build');
  });

  test('a published release that lacks a distribution fails the same way (it is never completed after publishing)', () => {
    const { github, run } = setup(immutable);
    github.update((s) => {
      s.releases.push({ id: 99, tagName: TAG, name: TAG, body: '', isDraft: false, isPrerelease: true, isImmutable: immutable, isLatest: false, assets: [] });
    });
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`is already published, and its files are not the checked build:%0A${WHEEL} is not on the release%0A${SDIST} is not on the release%0A  ${FIX_FORWARD}`);
    expect(commands(github)).toEqual(['release view']);
  });

  test('draft mode: leaves a complete, checked draft and says that a maintainer publishes it', () => {
    const { github, run } = setup(immutable, {}, { draft: true });
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(publishCall(github)).toBe(-1);
    expect(release(github).isDraft).toBe(true);
    expect(assets(github)).toEqual(CHECKED);
    const says = 'A maintainer publishes it: open https://github.com/octo/dioxide/releases/tag/untagged-1, review it and press';
    expect(result.stdout).toContain(`the draft release ${TAG} is complete: 2 files, each matching the checked build (sha256). ${says} "Publish release" (or run: gh release edit ${TAG} --draft=false)`);
    expect(result.summary).toContain(`Complete: 2 files, each matching the checked build (sha256). ${says} *Publish release*`);
    // A re-run finds the complete draft and changes nothing but its title and notes.
    const before = github.calls().length;
    expect(run().status).toBe(0);
    expect(github.calls().slice(before).map((c) => c.slice(0, 2).join(' '))).toEqual(['release view', 'release view', 'release edit']);
    expect(release(github).isDraft).toBe(true);
  });

  test('without digests from GitHub (older uploads, servers without them) the files are downloaded and compared', () => {
    const { repo, github, run } = setup(immutable, { noDigests: true });
    expect(run().status).toBe(0);
    expect(github.calls().filter((c) => c[1] === 'download')).toHaveLength(2);
    writeText(join(repo.dir, 'dist'), SDIST, 'other sdist bytes');
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${SDIST}: the release has sha256 ${sha('sdist bytes')}, the checked build has sha256 ${sha('other sdist bytes')}`);
  });
});

describe('the GitHub Release step on edge cases', () => {
  test('a deleted immutable release: its tag can never be used again, so the message says to fix forward', () => {
    const { github, run } = setup(true);
    expect(run().status).toBe(0);
    expect(github.gh('release', 'delete', '--yes', '--', TAG).status).toBe(0);
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`::error::GitHub refused to create the draft release ${TAG}: HTTP 422: Validation Failed (https://api.github.com/repos/octo/dioxide/releases) / ` +
      `Release.tag_name was used by an immutable release. The tag ${TAG} belonged to an immutable release that was deleted, and its name can never be used again` +
      '%0A  fix: fix forward: release a new version (bump it, update the CHANGELOG, push its tag)\n');
  });

  test('a deleted release without immutability is simply created again', () => {
    const { github, run } = setup(false);
    expect(run().status).toBe(0);
    expect(github.gh('release', 'delete', '--yes', '--', TAG).status).toBe(0);
    expect(run().status).toBe(0);
    expect(assets(github)).toEqual(CHECKED);
  });

  test('a stable release becomes Latest, unless a newer version already is', () => {
    const stable = { ...PLAN, 'needs.plan.outputs.tag': 'v1.0.0', 'needs.plan.outputs.version': '1.0.0', 'needs.plan.outputs.prerelease': 'false' };
    const repo = fixtureRepo({}, '1.0.0');
    writeText(join(repo.dir, 'dist'), 'dioxide-1.0.0.tar.gz', 'x');
    const step = repo.workflow.jobs['github-release'].steps.find((s: any) => s.run);
    const latestFlag = (github: FakeGitHub) => github.calls()[publishCall(github)].find((a) => a.startsWith('--latest'));

    const first = fakeGitHub({ tags: ['v1.0.0'] });
    expect(runStep(step, repo.dir, {}, stable, { PATH: `${first.bin}:${process.env.PATH}` }).status).toBe(0);
    expect(latestFlag(first)).toBe('--latest=true');
    expect(first.state().releases[0].isLatest).toBe(true);

    const behind = fakeGitHub({ tags: ['v1.0.0', 'v2.0.0'] });
    behind.update((s) => {
      s.releases.push({ id: 50, tagName: 'v2.0.0', name: 'v2.0.0', body: '', isDraft: false, isPrerelease: false, isImmutable: true, isLatest: true, assets: [] });
    });
    expect(runStep(step, repo.dir, {}, stable, { PATH: `${behind.bin}:${process.env.PATH}` }).status).toBe(0);
    expect(latestFlag(behind)).toBe('--latest=false');
    expect(behind.state().releases.find((r) => r.tagName === 'v2.0.0')!.isLatest).toBe(true);
  });

  test('a draft published by hand while files are attached: the 422 is explained, with the fix', () => {
    const { github, run } = setup(true, { publishBeforeUpload: true });
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`::error::GitHub refused to upload ${WHEEL} to the draft release ${TAG}: HTTP 422: Cannot upload assets to an immutable release. ` +
      `(https://uploads.github.com/repos/octo/dioxide/releases/1/assets?label=&name=${WHEEL}). The release ${TAG} is published and immutable: its files can no longer change` +
      `%0A  ${FIX_FORWARD}: people may have downloaded these files, and on a repository with immutable releases GitHub never lets the tag name be used again.\n`);
    expect(release(github)).toMatchObject({ isDraft: false, isImmutable: true, assets: [] });
  });

  test('a tag that is not on GitHub stops before anything is created', () => {
    const { github, run } = setup(true, { tags: [] });
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`could not create the draft release ${TAG}: tag ${TAG} doesn't exist in the repo octo/dioxide, aborting due to --verify-tag flag`);
    expect(result.stderr).toContain(`fix: the tag ${TAG} is not on GitHub`);
    expect(github.state().releases).toEqual([]);
  });

  test('a TAG value that looks like an option is refused before gh runs', () => {
    const { github, run } = setup(true);
    const result = run({ ...PLAN, 'needs.plan.outputs.tag': '--draft=false' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('::error::TAG is "--draft=false", which is not the release tag of version 1.0.0-rc.1 (pattern v*.*.*)\n');
    expect(github.calls()).toEqual([]);
  });

  test('a missing dist directory, temporary directory or gh is named, without a stack trace', () => {
    const { repo, run } = setup(true);
    const noDist = run(PLAN, { RELEASE_ASSETS: 'dist-missing' });
    expect(noDist.status).toBe(1);
    expect(noDist.stderr).toBe('::error::RELEASE_ASSETS is "dist-missing", which is not a readable directory (ENOENT)' +
      '%0A  fix: the job downloads the checked build (the "dist" artifact) into it: check the download step and re-run the failed job\n');

    const noTmp = run(PLAN, { TMPDIR: '/nonexistent-tmp' });
    expect(noTmp.stderr).toBe('::error::could not write the release notes to a temporary file (ENOENT)' +
      '%0A  fix: check that the runner\'s temporary directory (/nonexistent-tmp) is writable and has space, then re-run the failed job\n');

    const bin = mkdtempSync(join(tmpdir(), 'no-gh-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    symlinkSync(execFileSync('bash', ['-c', 'command -v bash'], { encoding: 'utf8' }).trim(), join(bin, 'bash'));
    const step = repo.workflow.jobs['github-release'].steps.find((s: any) => s.run);
    const noGh = runStep(step, repo.dir, {}, PLAN, { PATH: bin });
    expect(noGh.status).toBe(1);
    expect(noGh.stderr).toBe('::error::the GitHub CLI (gh) is not on PATH%0A  fix: GitHub-hosted runners have it; on a self-hosted runner install it (https://cli.github.com)\n');
  });

  test('an upload to a published release fails with GitHub\'s 422 when it is immutable (the fake behaves like GitHub)', () => {
    const github = fakeGitHub({ immutable: true, tags: [TAG] });
    const file = join(mkdtempSync(join(tmpdir(), 'asset-')), WHEEL);
    writeFileSync(file, 'x');
    expect(github.gh('release', 'create', `--title=${TAG}`, '--', TAG).status).toBe(0);
    // What the old step did on a re-run: publish, then upload with --clobber.
    const upload = github.gh('release', 'upload', '--clobber', '--', TAG, file);
    expect(upload.status).toBe(1);
    expect(upload.stderr).toBe(`HTTP 422: Cannot upload assets to an immutable release. (https://uploads.github.com/repos/octo/dioxide/releases/1/assets?label=&name=${WHEEL})\n`);
    expect(github.gh('release', 'edit', '--draft=true', '--', TAG).status).toBe(1);
    expect(github.gh('release', 'view', '--bogus', TAG).stderr).toBe('unknown flag: --bogus\n');
    // Without immutability the same upload is accepted.
    const mutable = fakeGitHub({ immutable: false, tags: [TAG] });
    expect(mutable.gh('release', 'create', '--', TAG).status).toBe(0);
    expect(mutable.gh('release', 'upload', '--', TAG, file).status).toBe(0);
  });
});

describe('the notes of the GitHub Release follow releaseNotes', () => {
  /** A published release of an earlier version, with a tag of `prefix`. */
  const published = (tag: string, prerelease = false) => (s: any) => {
    s.releases.push({ id: s.nextId++, tagName: tag, name: tag, body: '', isDraft: false, isPrerelease: prerelease, isImmutable: false, isLatest: false, assets: [] });
    s.tags.push(tag);
  };
  const notesSetup = (releaseNotes: ReleaseNotes, tag = 'v1.0.0', version = '1.0.0') => {
    const repo = fixtureRepo({ releaseNotes }, version);
    writeText(join(repo.dir, 'dist'), WHEEL, 'wheel bytes');
    const github = fakeGitHub({ tags: [tag] });
    const step = repo.workflow.jobs['github-release'].steps.find((s: any) => s.run);
    const plan = { 'github.token': 'ghs_x', 'needs.plan.outputs.tag': tag, 'needs.plan.outputs.version': version, 'needs.plan.outputs.prerelease': 'false' };
    const run = () => runStep(step, repo.dir, {}, plan, { PATH: `${github.bin}:${process.env.PATH}` });
    const body = () => github.state().releases.find((r) => r.tagName === tag)!.body;
    return { github, run, body };
  };

  test('GitHub notes start at this package\'s previous stable release, not another package\'s or a pre-release', () => {
    const { github, run, body } = notesSetup(ReleaseNotes.GITHUB);
    github.update(published('v0.9.0'));
    github.update(published('v1.0.0-rc.1', true));
    github.update(published('cli-v3.0.0'));
    const result = run();
    expect(result.stderr).toBe('');
    const create = github.calls().find((c) => c[1] === 'create')!;
    expect(create).toEqual(['release', 'create', '--draft', '--verify-tag', '--title=v1.0.0', '--prerelease=false', '--generate-notes', '--notes-start-tag=v0.9.0', '--', 'v1.0.0']);
    // Publishing and re-runs leave the generated notes alone.
    expect(github.calls().filter((c) => c[1] === 'edit').every((c) => !c.some((a) => a.startsWith('--notes')))).toBe(true);
    expect(body()).toBe('## What\'s Changed\n* Changes since v0.9.0\n');
    expect(run().status).toBe(0);
    expect(body()).toBe('## What\'s Changed\n* Changes since v0.9.0\n');
  });

  test('the first release lets GitHub pick where the notes start', () => {
    const { github, run } = notesSetup(ReleaseNotes.GITHUB);
    expect(run().status).toBe(0);
    expect(github.calls().find((c) => c[1] === 'create')).toContain('--generate-notes');
    expect(github.calls().find((c) => c[1] === 'create')!.some((a) => a.startsWith('--notes-start-tag'))).toBe(false);
  });

  test('no notes: an empty body, never the CHANGELOG', () => {
    const { github, run, body } = notesSetup(ReleaseNotes.NONE);
    expect(run().status).toBe(0);
    expect(github.calls().find((c) => c[1] === 'create')).toContain('--notes=');
    expect(body()).toBe('');
  });

  test('the control: CHANGELOG notes go in as a file', () => {
    const { run, body } = notesSetup(ReleaseNotes.CHANGELOG);
    expect(run().status).toBe(0);
    expect(body()).toBe('### Added\n- Stable API\n');
  });
});
