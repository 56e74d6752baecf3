import { compareReleaseAssets, describeAssetProblems, previousReleaseTag, sha256OfDigest, shouldBeLatest } from '../../src/core/release-assets';
import { parseTagPattern } from '../../src/core/tag-pattern';
import { parseReleaseVersion } from '../../src/core/version';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const built = new Map([['d-1.0.tar.gz', A], ['d-1.0-cp312-cp312-win_amd64.whl', B]]);

test('a digest is used only when it is a sha256', () => {
  expect(sha256OfDigest(`sha256:${A.toUpperCase()}`)).toBe(A);
  expect(sha256OfDigest(null)).toBeUndefined();
  expect(sha256OfDigest(`sha512:${A}`)).toBeUndefined();
  expect(sha256OfDigest('sha256:abc')).toBeUndefined();
});

test('the checked build on the release matches', () => {
  const comparison = compareReleaseAssets(built, [
    { name: 'd-1.0.tar.gz', digest: `sha256:${A}`, state: 'uploaded' },
    { name: 'd-1.0-cp312-cp312-win_amd64.whl', digest: `sha256:${B}`, state: 'uploaded' },
  ]);
  expect(comparison).toEqual({ matching: ['d-1.0-cp312-cp312-win_amd64.whl', 'd-1.0.tar.gz'], missing: [], different: [], unknown: [], extra: [] });
  expect(describeAssetProblems(comparison)).toEqual([]);
});

test('missing, different, unfinished, unknown and extra assets are told apart', () => {
  const comparison = compareReleaseAssets(new Map([...built, ['d-1.0-cp313-cp313-win_amd64.whl', A], ['d-1.0-cp311-cp311-win_amd64.whl', A]]), [
    { name: 'd-1.0.tar.gz', digest: `sha256:${B}`, state: 'uploaded' },
    { name: 'd-1.0-cp312-cp312-win_amd64.whl', digest: null, state: 'open' },
    { name: 'd-1.0-cp313-cp313-win_amd64.whl', digest: null, state: 'uploaded' },
    { name: 'notes.txt', digest: `sha256:${A}`, state: 'uploaded' },
  ]);
  expect(comparison).toEqual({
    matching: [],
    missing: ['d-1.0-cp311-cp311-win_amd64.whl'],
    different: [
      { name: 'd-1.0-cp312-cp312-win_amd64.whl', expected: B, actual: 'an upload that never finished (state "open")' },
      { name: 'd-1.0.tar.gz', expected: A, actual: `sha256 ${B}` },
    ],
    unknown: ['d-1.0-cp313-cp313-win_amd64.whl'],
    extra: ['notes.txt'],
  });
  expect(describeAssetProblems(comparison)).toEqual([
    'd-1.0-cp311-cp311-win_amd64.whl is not on the release',
    `d-1.0-cp312-cp312-win_amd64.whl: the release has an upload that never finished (state "open"), the checked build has sha256 ${B}`,
    `d-1.0.tar.gz: the release has sha256 ${B}, the checked build has sha256 ${A}`,
  ]);
});

test('downloaded hashes stand in for missing digests', () => {
  const assets = [{ name: 'd-1.0.tar.gz', digest: null, state: 'uploaded' }];
  const one = new Map([['d-1.0.tar.gz', A]]);
  expect(compareReleaseAssets(one, assets, new Map([['d-1.0.tar.gz', A]])).matching).toEqual(['d-1.0.tar.gz']);
  expect(compareReleaseAssets(one, assets, new Map([['d-1.0.tar.gz', B]])).different).toHaveLength(1);
});

describe('shouldBeLatest', () => {
  const pattern = parseTagPattern('v*.*.*');
  const v = parseReleaseVersion;
  const latest = (tagName: string) => [{ tagName, isLatest: true, isDraft: false, isPrerelease: false }, { tagName: 'v0.1.0', isLatest: false }];

  test('a pre-release never is', () => expect(shouldBeLatest(v('3.0.0rc1'), 'v3.0.0rc1', pattern, [])).toBe(false));
  test('the first release is', () => expect(shouldBeLatest(v('1.0.0'), 'v1.0.0', pattern, [])).toBe(true));
  test('a newer version is', () => expect(shouldBeLatest(v('1.1.0'), 'v1.1.0', pattern, latest('v1.0.0'))).toBe(true));
  test('a fix for an older line is not', () => expect(shouldBeLatest(v('1.4.3'), 'v1.4.3', pattern, latest('v2.0.0'))).toBe(false));
  test('the release itself (a re-run) does not count', () => expect(shouldBeLatest(v('1.0.0'), 'v1.0.0', pattern, latest('v1.0.0'))).toBe(true));
  test('a Latest with another tag scheme is assumed older', () => expect(shouldBeLatest(v('1.0.0'), 'v1.0.0', pattern, latest('release-2020'))).toBe(true));
});

describe('previousReleaseTag: where GitHub\'s generated notes start', () => {
  const pattern = parseTagPattern('py-*.*.*');
  const release = (tagName: string, extra: object = {}) => ({ tagName, isDraft: false, isPrerelease: false, ...extra });
  const releases = [
    release('py-1.2.0'), release('py-1.3.0rc1', { isPrerelease: true }), release('cli-v9.0.0'), release('py-1.1.0'),
    release('py-1.4.0', { isDraft: true }), release('py-2.0.0'), release('v1.2.9'),
  ];
  test.each([
    ['1.3.0', 'py-1.3.0', 'py-1.2.0'],
    ['1.3.0rc2', 'py-1.3.0rc2', 'py-1.3.0rc1'],
    ['1.1.5', 'py-1.1.5', 'py-1.1.0'],
    ['1.0.0', 'py-1.0.0', undefined],
  ])('%s starts at %s\'s previous release of its own package', (version, tag, expected) => {
    expect(previousReleaseTag(parseReleaseVersion(version), tag, pattern, releases)).toBe(expected);
  });
});
