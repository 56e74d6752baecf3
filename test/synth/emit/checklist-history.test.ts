import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { Project } from 'projen';
import { MaturinRelease, MaturinReleaseOptions } from '../../../src';
import { ReleaseTrigger } from '../../../src/synth/options';
import { nextVersion } from '../../../src/synth/release-history';
import { commitAll } from '../../helpers/cli';
import { fixtureRepo } from '../../helpers/fixture-repo';

const NO_SECTIONS = '# Changelog\n\n## [Unreleased]\n';

/** RELEASING.md of a repository at `version`, with `changelog`, and the tag `tag` when given (synthesized after tagging). */
function releasing(version: string, changelog: string, tag?: string, options: Partial<MaturinReleaseOptions> = {}): string {
  const repo = fixtureRepo({ githubRepository: 'messense/dioxide', ...options }, version, { 'CHANGELOG.md': changelog });
  if (tag !== undefined) {
    commitAll(repo.dir);
    execFileSync('git', ['tag', tag], { cwd: repo.dir });
    const project = new Project({ name: 'dioxide', outdir: repo.dir });
    new MaturinRelease(project, { packageName: 'dioxide', githubRepository: 'messense/dioxide', ...options });
    project.synth();
  }
  return readFileSync(join(repo.dir, 'RELEASING.md'), 'utf8');
}

describe('RELEASING.md for a project that has released before', () => {
  test('the next version follows the version source: released 0.3.6 (its tag exists) → steps for 0.3.7', () => {
    const text = releasing('0.3.6', NO_SECTIONS, 'v0.3.6');
    expect(text).toContain('1. `npx projen release:prepare 0.3.7`');
    expect(text).toContain('`git tag -a v0.3.7 -m "Release 0.3.7"` and `git push origin HEAD v0.3.7`');
    expect(text).not.toMatch(/0\.1\.0/);
  });

  test('released (the CHANGELOG has its section): the publisher is added on the project\'s own publishing page, not as a pending publisher', () => {
    const text = releasing('0.3.6', `${NO_SECTIONS}\n## [0.3.6] - 2026-01-01\n\n- Fix\n`);
    expect(text).toContain('projen-maturin takes `dioxide` to be on PyPI already: CHANGELOG.md has a section for 0.3.6.');
    expect(text).toContain('On https://pypi.org/manage/project/dioxide/settings/publishing/ (Your projects → `dioxide` → Manage → Publishing) add a publisher (GitHub tab)');
    expect(text).not.toContain('On https://pypi.org/manage/account/publishing/ add a *pending publisher*');
    // TestPyPI may not have the project even when PyPI has it: both ways are given.
    expect(text).toContain('If `dioxide` is not on TestPyPI yet: on https://test.pypi.org/manage/account/publishing/ add a *pending publisher*');
  });

  test('a version that looks released without a CHANGELOG section or tag: both ways, and how to release the current version instead', () => {
    const text = releasing('0.3.6', NO_SECTIONS);
    expect(text).toContain('projen-maturin cannot tell whether `dioxide` is on PyPI: nothing says 0.3.6 was released (no CHANGELOG.md section, no tag v0.3.6).');
    expect(text).toContain('If `dioxide` is on PyPI already: on https://pypi.org/manage/project/dioxide/settings/publishing/');
    expect(text).toContain('If `dioxide` is not on PyPI yet: on https://pypi.org/manage/account/publishing/ add a *pending publisher*');
    expect(text).toContain('1. `npx projen release:prepare 0.3.7`');
    expect(text).toContain('If 0.3.6 itself was never released, use 0.3.6 in these steps instead.');
  });

  test('a release started by hand uses the next version too', () => {
    const text = releasing('2.4.0', `${NO_SECTIONS}\n## [2.4.0] - 2026-01-01\n\n- x\n`, undefined, { releaseTrigger: ReleaseTrigger.DISPATCH });
    expect(text).toContain('`gh workflow run release.yml -f version=2.4.1 -f dry-run=false`');
  });

  test('negative control: a new project at 0.1.0 releases 0.1.0, with a pending publisher', () => {
    const text = releasing('0.1.0', NO_SECTIONS);
    expect(text).toContain('1. `npx projen release:prepare 0.1.0`');
    expect(text).toContain('On https://pypi.org/manage/account/publishing/ add a *pending publisher*');
    expect(text).not.toContain('/settings/publishing/');
  });

  test.each([['0.3.6', '0.3.7'], ['1.0.0-rc.1', '1.0.0-rc.2'], ['1.0.0rc1', '1.0.0rc2'], ['2.0.0', '2.0.1']])('next after %s is %s', (version, next) => {
    expect(nextVersion(version)).toBe(next);
  });
});
