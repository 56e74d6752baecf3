import { chooseChannel } from '../../src/core/channel';
import { describeVersion, parseReleaseVersion, sameVersion } from '../../src/core/version';

describe('PEP 440 normalisation', () => {
  test.each([
    ['0.0.1-alpha', '0.0.1a0', true],
    ['0.0.1-alpha.1', '0.0.1a1', true],
    ['1.0.0-beta.2', '1.0.0b2', true],
    ['1.0.0-rc.1', '1.0.0rc1', true],
    ['0.0.2a1', '0.0.2a1', true],
    ['1.0.0.dev3', '1.0.0.dev3', true],
    ['1.0.0-dev.3', '1.0.0.dev3', true],
    ['1.0.0.post1', '1.0.0.post1', false],
    ['1.0.0', '1.0.0', false],
    ['2!1.0', '2!1.0', false],
  ])('%s → %s (pre-release: %s)', (raw, pep440, prerelease) => {
    expect(parseReleaseVersion(raw)).toEqual({ raw, pep440, prerelease });
  });

  test.each([
    ['1.0.0-foo', /not a PEP 440 version/],
    ['v1.0.0', /not a PEP 440 version/],
    ['1.0.0$(id)', /not a PEP 440 version/],
    ['1.0.0;touch /tmp/x', /not a PEP 440 version/],
    ['1.0.0+local.1', /local part/],
    [`1.0.0-${'a'.repeat(100)}`, /longer than 64 characters/],
  ])('rejects %j', (raw, message) => {
    expect(() => parseReleaseVersion(raw)).toThrow(message);
  });

  test('equality is PEP 440 equality', () => {
    expect(sameVersion(parseReleaseVersion('0.0.2a1'), parseReleaseVersion('0.0.2-alpha.1'))).toBe(true);
    expect(sameVersion(parseReleaseVersion('1.0'), parseReleaseVersion('1.0.0'))).toBe(true);
    expect(sameVersion(parseReleaseVersion('1.0.0rc1'), parseReleaseVersion('1.0.0'))).toBe(false);
  });
});

describe('chooseChannel', () => {
  const testPypi = { prereleasesToTestPypi: true };
  test.each([
    ['0.0.1-alpha', 'testpypi'],
    ['1.0.0-rc.1', 'testpypi'],
    ['1.0.0.dev1', 'testpypi'],
    ['1.0.0', 'pypi'],
    ['1.0.0.post1', 'pypi'],
  ])('%s goes to %s', (version, channel) => {
    expect(chooseChannel(parseReleaseVersion(version), testPypi)).toBe(channel);
  });

  test('with TestPyPI off, pre-releases go to PyPI', () => {
    expect(chooseChannel(parseReleaseVersion('1.0.0b1'), { prereleasesToTestPypi: false })).toBe('pypi');
  });

  test('"alpha" in a name is not a pre-release: only the PEP 440 version decides', () => {
    expect(chooseChannel(parseReleaseVersion('1.0.0'), testPypi)).toBe('pypi');
  });
});

describe('describeVersion', () => {
  test.each([
    ['1.0.0', '1.0.0'],
    ['0.1.0-rc.1', '0.1.0-rc.1 (PEP 440 0.1.0rc1)'],
    ['0.2.0rc1', '0.2.0rc1'],
  ])('%s is shown as %s', (raw, shown) => {
    expect(describeVersion(parseReleaseVersion(raw))).toBe(shown);
  });
});
