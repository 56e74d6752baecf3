import { RuntimeConfig } from '../../src/core/contract';
import { compareWithIndex, installTarget, parseIndexRelease, statusOutcome } from '../../src/core/index-files';
import { parseReleaseVersion } from '../../src/core/version';

const built = new Map([['d-1.0-cp312-cp312-win_amd64.whl', 'aa'], ['d-1.0.tar.gz', 'bb']]);

test('the same files with the same hashes agree', () => {
  expect(compareWithIndex(built, [
    { filename: 'd-1.0.tar.gz', digests: { sha256: 'bb' } },
    { filename: 'd-1.0-cp312-cp312-win_amd64.whl', digests: { sha256: 'aa' } },
  ])).toEqual([]);
});

test('a missing file and a file with other bytes are named', () => {
  expect(compareWithIndex(built, [{ filename: 'd-1.0.tar.gz', digests: { sha256: 'cc' } }])).toEqual([
    'd-1.0-cp312-cp312-win_amd64.whl is not on the index',
    'd-1.0.tar.gz on the index (sha256 cc) is not the checked build (sha256 bb)',
  ]);
});

test('a file the index serves that the build did not make is named', () => {
  expect(compareWithIndex(built, [
    { filename: 'd-1.0.tar.gz', digests: { sha256: 'bb' } },
    { filename: 'd-1.0-cp312-cp312-win_amd64.whl', digests: { sha256: 'aa' } },
    { filename: 'd-1.0-cp312-cp312-macosx_11_0_arm64.whl', digests: { sha256: 'dd' } },
  ])).toEqual(['d-1.0-cp312-cp312-macosx_11_0_arm64.whl is on the index but not in the checked build']);
});

test('statuses: success is used, busy or not-yet answers are asked again, the rest stop', () => {
  expect([200, 204].map(statusOutcome)).toEqual(['ok', 'ok']);
  expect([404, 408, 429, 500, 502, 503, 520].map(statusOutcome)).toEqual(Array(7).fill('retry'));
  expect([301, 400, 401, 403, 410].map(statusOutcome)).toEqual(Array(5).fill('fail'));
});

describe('parseIndexRelease', () => {
  const URL = 'https://pypi.org/pypi/d/1.0/json';
  const sha = 'a'.repeat(64);
  const parse = (body: string) => parseIndexRelease(body, URL, 'pypi', 'application/json');

  test('reads the files and their sha256 from a PyPI answer', () => {
    expect(parse(JSON.stringify({ info: {}, urls: [{ filename: 'd-1.0.tar.gz', digests: { md5: 'x', sha256: sha }, size: 3 }] })))
      .toEqual([{ filename: 'd-1.0.tar.gz', digests: { sha256: sha } }]);
    expect(parse('{"urls": []}')).toEqual([]);
  });

  test.each([
    ['<html>', 'answered with a body that is not JSON (content-type "application/json", starting "<html>")'],
    ['  ', 'answered with an empty body'],
    ['null', 'it has no "urls" list'],
    ['{"urls": {"a": 1}}', '"urls" is {"a":1}'],
    ['{"urls": [42]}', 'urls[0] has no "filename"'],
    ['{"urls": [{"filename": "x.whl", "digests": {"sha256": "ABC"}}]}', 'urls[0] (x.whl) has no "digests.sha256"'],
  ])('refuses %s', (body, message) => {
    expect(() => parse(body)).toThrow(message);
    expect(() => parse(body)).toThrow(URL);
  });
});

describe('installTarget', () => {
  const version = parseReleaseVersion('1.0.0-rc.1');
  const config = (change: object = {}) => ({
    packageName: 'dioxide',
    moduleName: 'dioxide',
    indexes: { pypi: { simple: 'https://pypi.org/simple/', json: 'https://pypi.org/pypi/' } },
    ...change,
  }) as unknown as RuntimeConfig;

  test('builds the requirement and the JSON URL from validated values', () => {
    expect(installTarget(config(), 'pypi', version)).toEqual({
      requirement: 'dioxide==1.0.0rc1',
      moduleName: 'dioxide',
      simpleIndex: 'https://pypi.org/simple/',
      jsonApi: 'https://pypi.org/pypi/',
      releaseJsonUrl: 'https://pypi.org/pypi/dioxide/1.0.0rc1/json',
    });
  });

  test.each([
    [{ packageName: '-r/etc/passwd' }, '"packageName" in .github/maturin-release/config.json is "-r/etc/passwd", which is not a valid distribution name'],
    [{ packageName: 'a b' }, 'is "a b", which is not a valid distribution name'],
    [{ moduleName: 'os; import x' }, '"moduleName" in .github/maturin-release/config.json is "os; import x", which is not a Python import name'],
    [{ indexes: { pypi: { simple: 'file:///etc/', json: 'https://pypi.org/pypi/' } } }, '"indexes.pypi.simple" in .github/maturin-release/config.json is "file:///etc/": it must be an http(s) URL ending in "/"'],
    [{ indexes: { pypi: { simple: 'https://pypi.org/simple/', json: 'https://pypi.org/pypi' } } }, '"indexes.pypi.json" in .github/maturin-release/config.json is "https://pypi.org/pypi"'],
    [{ indexes: {} }, 'CHANNEL is "pypi", which this release does not publish to (no index is configured)'],
  ])('refuses %j', (change, message) => {
    expect(() => installTarget(config(change), 'pypi', version)).toThrow(message);
  });

  test('a channel the release does not publish to', () => {
    expect(() => installTarget(config(), 'testpypi', version)).toThrow('CHANNEL is "testpypi", which this release does not publish to; allowed values: "pypi"');
  });
});
