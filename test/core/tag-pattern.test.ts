import { parseTagPattern, tagMatchesPattern, versionFromTag } from '../../src/core/tag-pattern';

describe('parseTagPattern', () => {
  test.each([
    ['v*.*.*', 'v', '*.*.*'],
    ['v*', 'v', '*'],
    ['dioxide-v*.*.*', 'dioxide-v', '*.*.*'],
    ['release/v*.*', 'release/v', '*.*'],
    ['*.*.*', '', '*.*.*'],
  ])('%s → prefix %j, version glob %j', (pattern, prefix, versionGlob) => {
    expect(parseTagPattern(pattern)).toEqual({ pattern, prefix, versionGlob });
  });

  test.each([
    ['', /empty value/],
    ['v1', /has no version part/],
    ['release', /has no version part/],
    ['v*-rc', /has no version part/],
    ['v?.*.*', /has no version part/],
    ['v[0-9]*', /has no version part/],
    ['v *.*.*', /characters other than letters, digits/],
    ['a..b*', /not a valid git tag name/],
    ['$(touch pwned)v*.*.*', /characters other than letters, digits, "\.", "_", "-" and "\/"; such a tag could not be typed or pasted safely/],
    ['`id`v*', /characters other than letters/],
    ['v;rm*', /characters other than letters/],
    ['py"v*.*.*', /characters other than letters/],
    ['rel//v*', /not a valid git tag name/],
    ['.hidden/v*', /not a valid git tag name/],
    ['x.lock/v*', /not a valid git tag name/],
    ['-v*', /not a valid git tag name/],
    ['v1.*', /puts part of the version in the prefix "v1\."/],
    ['release-2024.*', /must not end in a digit or "\."/],
  ])('rejects %j', (pattern, message) => {
    expect(() => parseTagPattern(pattern)).toThrow(message);
  });
});

describe('tagMatchesPattern follows GitHub filter semantics', () => {
  const seed = parseTagPattern('v*.*.*');
  test.each([
    ['v1.0.0', true],
    ['v0.0.1-alpha', true],
    ['v1.0.0-rc.1', true],
    ['v1.0', false],
    ['1.0.0', false],
    ['v1/0.0.0', false], // `*` never matches "/"
  ])('%s → %s', (tag, matches) => {
    expect(tagMatchesPattern(seed, tag)).toBe(matches);
  });

  test('the version part is what follows the prefix', () => {
    expect(versionFromTag(parseTagPattern('dioxide-v*'), 'dioxide-v2.1.0rc1')).toBe('2.1.0rc1');
    expect(versionFromTag(seed, 'x1.0.0')).toBeUndefined();
  });
});
