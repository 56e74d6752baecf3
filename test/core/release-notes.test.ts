import { RuntimeConfig } from '../../src/core/contract';
import { describeReleaseNotes, notesFileFor, readReleaseNotes } from '../../src/core/release-notes';
import { parseReleaseVersion } from '../../src/core/version';
import { writeRepository } from '../helpers/adoption-fixtures';

type Notes = Pick<RuntimeConfig, 'releaseNotes' | 'releaseNotesFile' | 'changelogFile' | 'changelogRequired'>;
const notes = (extra: Partial<Notes>): Notes => ({ releaseNotes: 'changelog', changelogFile: 'CHANGELOG.md', changelogRequired: true, ...extra });
const v = parseReleaseVersion('1.2.0-rc.1');

test('the notes file of a version', () => {
  expect(notesFileFor('docs/releases/{version}.md', v)).toBe('docs/releases/1.2.0-rc.1.md');
  expect(notesFileFor('RELEASE_NOTES.md', v)).toBe('RELEASE_NOTES.md');
});

describe('readReleaseNotes per source', () => {
  const dir = writeRepository({ 'CHANGELOG.md': '# Changelog\n\n## [1.2.0-rc.1]\n\n- New\n', 'notes/1.2.0-rc.1.md': 'From a file\n', 'notes/empty.md': ' \n' });
  test.each<[string, Partial<Notes>, string | undefined]>([
    ['changelog', {}, '- New\n'],
    ['file', { releaseNotes: 'file', releaseNotesFile: 'notes/{version}.md', changelogRequired: false }, 'From a file\n'],
    ['github', { releaseNotes: 'github', changelogRequired: false }, undefined],
    ['none', { releaseNotes: 'none', changelogRequired: false }, undefined],
  ])('%s', (_, extra, expected) => {
    expect(readReleaseNotes(notes(extra), dir, v)).toBe(expected);
  });
  test.each<[string, Partial<Notes>, string]>([
    ['a missing notes file', { releaseNotes: 'file', releaseNotesFile: 'notes/v{version}.md', changelogRequired: false }, 'notes/v1.2.0-rc.1.md does not exist: the release notes of 1.2.0-rc.1 come from it'],
    ['an empty notes file', { releaseNotes: 'file', releaseNotesFile: 'notes/empty.md', changelogRequired: false }, 'notes/empty.md is empty'],
    ['a required section that is missing', { releaseNotes: 'github', changelogFile: 'OTHER.md' }, 'OTHER.md does not exist: the release needs its section for 1.2.0-rc.1'],
  ])('%s is an error naming the file', (_, extra, message) => {
    expect(() => readReleaseNotes(notes(extra), dir, v)).toThrow(message);
  });
});

test('where the notes come from, in words', () => {
  expect(describeReleaseNotes(notes({}), v)).toBe('the CHANGELOG.md section for 1.2.0-rc.1');
  expect(describeReleaseNotes(notes({ releaseNotes: 'none' }))).toBe('none');
});
