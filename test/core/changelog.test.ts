import { extractReleaseNotes } from '../../src/core/changelog';
import { parseReleaseVersion } from '../../src/core/version';

const notes = (changelog: string, version: string) => extractReleaseNotes(changelog, parseReleaseVersion(version));

const KEEP_A_CHANGELOG = `# Changelog

All notable changes to dioxide will be documented in this file.

## [Unreleased]

## [1.0.0] - 2026-02-01

### Added
- Stable API

## [0.0.1-alpha] - 2025-01-26

### Added
- Initial alpha release

[Unreleased]: https://github.com/mikelane/dioxide/compare/v1.0.0...HEAD
[1.0.0]: https://github.com/mikelane/dioxide/compare/v0.0.1-alpha...v1.0.0
`;

describe('extractReleaseNotes', () => {
  test('Keep a Changelog: the section body, without heading or link references', () => {
    expect(notes(KEEP_A_CHANGELOG, '1.0.0')).toBe('### Added\n- Stable API\n');
    expect(notes(KEEP_A_CHANGELOG, '0.0.1-alpha')).toBe('### Added\n- Initial alpha release\n');
  });

  test('matches by PEP 440 equality: tag 0.0.1a0 finds [0.0.1-alpha]', () => {
    expect(notes(KEEP_A_CHANGELOG, '0.0.1a0')).toBe('### Added\n- Initial alpha release\n');
  });

  test.each([
    ['## 1.2.3 - 2026-01-01'],
    ['## v1.2.3 (2026-01-01)'],
    ['## [1.2.3]'],
    ['## 1.2.3'],
  ])('heading form %j', (heading) => {
    expect(notes(`# Changelog\n\n${heading}\n\n- Fixed it\n\n## 1.2.2\n\n- Older\n`, '1.2.3')).toBe('- Fixed it\n');
  });

  test('"##" inside fenced code and HTML comments is not a heading', () => {
    const changelog = [
      '## [2.0.0] - 2026-03-01',
      '- Added config files:',
      '```toml',
      '## [1.0.0] this is TOML, not a heading',
      '```',
      '<!--',
      '## [1.0.0] commented out',
      '-->',
      '- Last line',
      '## [1.0.0] - 2026-01-01',
      '- One',
    ].join('\n');
    expect(notes(changelog, '2.0.0')).toBe(changelog.split('\n').slice(1, 9).join('\n') + '\n');
    expect(notes(changelog, '1.0.0')).toBe('- One\n');
  });

  test('CRLF files work', () => {
    expect(notes(KEEP_A_CHANGELOG.replace(/\n/g, '\r\n'), '1.0.0')).toBe('### Added\n- Stable API\n');
  });

  test('a version is never a regular expression: 1.0.0 does not match 1x0y0', () => {
    expect(() => notes('## [1x0y0]\n- no\n', '1.0.0')).toThrow(/no section for version 1\.0\.0/);
  });

  test('a missing section names the version and the file', () => {
    expect(() => extractReleaseNotes(KEEP_A_CHANGELOG, parseReleaseVersion('2.0.0'), 'docs/CHANGES.md'))
      .toThrow('docs/CHANGES.md has no section for version 2.0.0');
  });

  test('an empty section fails', () => {
    expect(() => notes('## [1.0.0] - 2026-01-01\n\n## [0.9.0]\n- x\n', '1.0.0')).toThrow(/empty section for version 1\.0\.0/);
  });
});

describe('heading forms of other tools, and link references', () => {
  test("release-please's `## [1.2.3](compare-url) (date)`", () => {
    expect(notes('## [1.2.3](https://github.com/o/r/compare/v1.2.2...v1.2.3) (2026-01-01)\n\n- Fixed\n\n## [1.2.2]\n- x\n', '1.2.3')).toBe('- Fixed\n');
  });

  test('reference links the section uses come along; version links do not', () => {
    const changelog = '## [Unreleased]\n\n## [1.0.0] - 2026-01-01\n\n- Fixed [#12] and [the docs][docs]\n\n## [0.9.0]\n\n- Old\n\n' +
      '[Unreleased]: https://x/compare/v1.0.0...HEAD\n[1.0.0]: https://x/compare/v0.9.0...v1.0.0\n[#12]: https://x/issues/12\n[docs]: https://x/docs\n[#99]: https://x/issues/99\n';
    expect(notes(changelog, '1.0.0')).toBe('- Fixed [#12] and [the docs][docs]\n\n[#12]: https://x/issues/12\n[docs]: https://x/docs\n');
  });
});
