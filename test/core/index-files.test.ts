import { compareWithIndex } from '../../src/core/index-files';

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
