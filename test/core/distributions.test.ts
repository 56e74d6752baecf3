import { ExpectedDistribution, checkDistributions } from '../../src/core/distributions';
import { parseReleaseVersion } from '../../src/core/version';

const wheel = (py: string, abi: string, platformTag: string, label: string): ExpectedDistribution => ({
  kind: 'wheel', pythonTag: py, abiTag: abi, platformTag, description: `${py} wheel for ${label}`,
});
const expected: ExpectedDistribution[] = [
  wheel('cp311', 'cp311', '^manylinux(?:1|2010|2014|_\\d+_\\d+)_x86_64$', 'manylinux x86_64'),
  wheel('cp312', 'cp312', '^manylinux(?:1|2010|2014|_\\d+_\\d+)_x86_64$', 'manylinux x86_64'),
  wheel('cp312', 'cp312', '^win_amd64$', 'Windows amd64'),
  { kind: 'sdist', description: 'source distribution (sdist)' },
];
const version = parseReleaseVersion('1.0.0-rc.1');
const complete = [
  'dioxide-1.0.0rc1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
  'dioxide-1.0.0rc1-cp312-cp312-manylinux_2_28_x86_64.whl',
  'dioxide-1.0.0rc1-cp312-cp312-win_amd64.whl',
  'dioxide-1.0.0rc1.tar.gz',
];

describe('checkDistributions', () => {
  test('the promised set passes, whatever the manylinux version', () => {
    const result = checkDistributions(complete, expected, 'dioxide', version);
    expect(result.missing).toEqual([]);
    expect(result.unexpected).toEqual([]);
    expect(result.matched).toHaveLength(4);
  });

  test('a missing platform is named', () => {
    const result = checkDistributions(complete.filter((f) => !f.includes('win_amd64')), expected, 'dioxide', version);
    expect(result.missing.map((e) => e.description)).toEqual(['cp312 wheel for Windows amd64']);
  });

  test('a second file for the same promise is unexpected', () => {
    const duplicate = 'dioxide-1.0.0rc1-cp312-cp312-manylinux_2_17_x86_64.whl';
    const result = checkDistributions([...complete, duplicate], expected, 'dioxide', version);
    expect(result.missing).toEqual([]);
    expect(result.unexpected).toHaveLength(1);
    expect(result.unexpected[0]).toMatch(/^dioxide-1\.0\.0rc1-cp312-cp312-manylinux_2_(17|28)_x86_64/);
  });

  test('extra interpreters, other versions and other packages are unexpected', () => {
    const extra = [
      'dioxide-1.0.0rc1-cp313-cp313-win_amd64.whl',
      'dioxide-0.9.0-cp312-cp312-win_amd64.whl',
      'other-1.0.0rc1-cp312-cp312-win_amd64.whl',
      'notes.txt',
    ];
    const result = checkDistributions([...complete, ...extra], expected, 'dioxide', version);
    expect(result.missing).toEqual([]);
    expect(result.unexpected.sort()).toEqual([...extra].sort());
  });

  test('names are compared normalised (PEP 503) and versions by PEP 440', () => {
    const files = ['My_Pkg-1.0.0rc1-cp312-cp312-win_amd64.whl'];
    const result = checkDistributions(files, [expected[2]], 'my-pkg', parseReleaseVersion('1.0.0-rc.1'));
    expect(result.unexpected).toEqual([]);
  });

  test('an abi3 wheel does not stand in for a version-specific one', () => {
    const result = checkDistributions(['dioxide-1.0.0rc1-cp311-abi3-win_amd64.whl'], [expected[2]], 'dioxide', version);
    expect(result.missing).toHaveLength(1);
    expect(result.unexpected).toEqual(['dioxide-1.0.0rc1-cp311-abi3-win_amd64.whl']);
  });
});
