import { execFileSync } from 'child_process';
import { appendFileSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { maxFileSizeMb } from '../../src/core/contract';
import { formatRefusal, inspectDistribution } from '../../src/core/dist-inspection';
import { parseReleaseVersion } from '../../src/core/version';
import { digests, parseCsvLine, parseWheelName, pypiAcceptsPlatformTag, recordProblems } from '../../src/core/wheel-inspection';
import { archiveReaders } from '../../src/runner/archives';
import { defaultMetadata, writeSdist, writeWheel } from '../helpers/fake-dist';

const RULES = { packageName: 'dioxide', version: parseReleaseVersion('1.0.0-rc.1'), maxFileSizeMb: 100 };
const WHEEL = 'dioxide-1.0.0rc1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl';
const SDIST = 'dioxide-1.0.0rc1.tar.gz';

const dir = () => mkdtempSync(join(tmpdir(), 'dist-'));
async function refusals(path: string, rules = RULES): Promise<string[]> {
  const file = path.slice(path.lastIndexOf('/') + 1);
  return (await inspectDistribution(file, readFileSync(path), rules, archiveReaders)).map((r) => `${r.warning ? 'warning: ' : ''}${formatRefusal(r)}`);
}

describe('wheel file names', () => {
  test('compressed tag sets stand for every combination', () => {
    expect(parseWheelName('a-1.0-cp39.cp310-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl')).toMatchObject({
      name: 'a',
      version: '1.0',
      tags: ['cp310-abi3-manylinux2014_x86_64', 'cp310-abi3-manylinux_2_17_x86_64', 'cp39-abi3-manylinux2014_x86_64', 'cp39-abi3-manylinux_2_17_x86_64'],
    });
    expect(parseWheelName('a-1.0-1build-py3-none-any.whl')).toMatchObject({ build: '1build', tags: ['py3-none-any'] });
    expect(parseWheelName('a-1.0-py3-none.whl')).toBe("Invalid wheel filename (wrong number of parts): 'a-1.0-py3-none.whl'");
  });

  test('platform tags PyPI accepts, and ones it refuses', () => {
    for (const tag of ['manylinux_2_17_x86_64', 'manylinux2014_aarch64', 'musllinux_1_2_armv7l', 'win_amd64', 'win_arm64', 'macosx_10_12_x86_64', 'macosx_11_0_arm64', 'any']) {
      expect([tag, pypiAcceptsPlatformTag(tag)]).toEqual([tag, true]);
    }
    for (const tag of ['linux_x86_64', 'macosx_11_3_arm64', 'manylinux_2_17_sparc', 'win_amd128']) {
      expect([tag, pypiAcceptsPlatformTag(tag)]).toEqual([tag, false]);
    }
  });
});

describe('a wheel, as PyPI and installers will read it', () => {
  test.each([
    WHEEL,
    'dioxide-1.0.0rc1-cp39-abi3-win_amd64.whl',
    'dioxide-1.0.0rc1-py3-none-macosx_10_12_x86_64.macosx_11_0_arm64.macosx_10_12_universal2.whl',
    'dioxide-1.0.0rc1-cp314-cp314t-manylinux_2_17_aarch64.manylinux2014_aarch64.whl',
    'dioxide-1.0.0rc1-cp313-cp313-musllinux_1_2_x86_64.whl',
  ])('%s passes', async (file) => {
    expect(await refusals(writeWheel(dir(), file, 'VALUE = 1\n'))).toEqual([]);
  });

  test('a trailing byte after the central directory is refused by name', async () => {
    const path = writeWheel(dir(), WHEEL, 'VALUE = 1\n');
    appendFileSync(path, 'x');
    expect(await refusals(path)).toEqual([`${WHEEL}: PyPI's ZIP rules: Trailing data: 1 byte after the end of the central directory`]);
  });

  test('a corrupt archive is refused', async () => {
    const path = writeWheel(dir(), WHEEL, 'VALUE = 1\n');
    truncateSync(path, 200);
    expect(await refusals(path)).toEqual([`${WHEEL}: PyPI's ZIP rules: Malformed zip file: a record runs past the end of the file`]);
    writeFileSync(path, 'not a zip');
    expect(await refusals(path)).toEqual([
      `${WHEEL}: PyPI's ZIP rules: Unknown record signature: at byte 0: bytes that belong to no ZIP record (data before, between or after the entries)`,
    ]);
  });

  test('a WHEEL whose tags are not the file name\'s is refused, both ways', async () => {
    const wheel = 'Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: cp312-cp312-manylinux_2_17_x86_64\nTag: cp312-cp312-win_amd64\n';
    expect(await refusals(writeWheel(dir(), WHEEL, '', { wheel }))).toEqual([
      `${WHEEL}: WHEEL: has no Tag line for cp312-cp312-manylinux2014_x86_64, which the file name promises`,
      `${WHEEL}: WHEEL: has Tag cp312-cp312-win_amd64, which the file name does not have`,
    ]);
  });

  test('a WHEEL with the compressed tag set on one Tag line, as maturin 1.8 writes it, passes', async () => {
    const wheel = 'Wheel-Version: 1.0\nGenerator: maturin (1.8.7)\nRoot-Is-Purelib: False\nTag: cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64\n';
    expect(await refusals(writeWheel(dir(), WHEEL, '', { wheel }))).toEqual([]);
  });

  test('a WHEEL without Root-Is-Purelib or with an unknown Wheel-Version is refused', async () => {
    const wheel = 'Wheel-Version: 2.0\nTag: py3-none-any\n';
    expect(await refusals(writeWheel(dir(), 'dioxide-1.0.0rc1-py3-none-any.whl', '', { wheel }))).toEqual([
      'dioxide-1.0.0rc1-py3-none-any.whl: WHEEL: Wheel-Version is 2.0; installers read 1.x',
      'dioxide-1.0.0rc1-py3-none-any.whl: WHEEL: has no Root-Is-Purelib',
    ]);
  });

  test('METADATA with another version than the file name and the release is refused', async () => {
    const path = writeWheel(dir(), WHEEL, '', { metadata: defaultMetadata('dioxide', '1.0.0') });
    expect(await refusals(path)).toEqual([
      `${WHEEL}: METADATA: Version is 1.0.0, but the file name says 1.0.0rc1`,
      `${WHEEL}: METADATA: Version is 1.0.0, but this release is 1.0.0rc1`,
    ]);
  });

  test('METADATA for another project, or an unsupported metadata version, is refused', async () => {
    const metadata = defaultMetadata('dioxide-core', '1.0.0rc1').replace('Metadata-Version: 2.4', 'Metadata-Version: 3.0');
    expect(await refusals(writeWheel(dir(), WHEEL, '', { metadata }))).toEqual([
      `${WHEEL}: METADATA: Metadata-Version 3.0 is not one PyPI accepts (1.0, 1.1, 1.2, 2.1, 2.2, 2.3, 2.4, 2.5)`,
      `${WHEEL}: METADATA: Name is dioxide-core, but the file is named for dioxide`,
    ]);
  });

  test('a License-File missing from .dist-info/licenses is refused; present, it passes', async () => {
    const metadata = defaultMetadata('dioxide', '1.0.0rc1').replace('Summary:', 'License-File: LICENSE\nSummary:');
    expect(await refusals(writeWheel(dir(), WHEEL, '', { metadata }))).toEqual([
      `${WHEEL}: METADATA: License-File LICENSE does not exist in distribution file ${WHEEL} at dioxide-1.0.0rc1.dist-info/licenses/LICENSE`,
    ]);
    expect(await refusals(writeWheel(dir(), WHEEL, '', { metadata, files: { 'dioxide-1.0.0rc1.dist-info/licenses/LICENSE': 'MIT' } }))).toEqual([]);
  });

  test('a RECORD with a wrong hash or a missing entry is refused, naming the file', async () => {
    const path = writeWheel(dir(), WHEEL, 'VALUE = 1\n', { wrongHash: ['dioxide/__init__.py'], unlisted: ['dioxide-1.0.0rc1.dist-info/WHEEL'] });
    const [hash, missing] = await refusals(path);
    expect(hash).toMatch(new RegExp(`^${WHEEL.replace(/\./g, '\\.')}: RECORD: dioxide/__init__\\.py: RECORD says sha256=[\\w-]{43}, the file has sha256=[\\w-]{43}$`));
    expect(missing).toBe(`${WHEEL}: RECORD: does not list dioxide-1.0.0rc1.dist-info/WHEEL`);
  });

  test('a RECORD entry for a file the wheel lacks, or a wrong size, is refused', async () => {
    const path = writeWheel(dir(), WHEEL, 'VALUE = 1\n', { files: { 'dioxide/extra.py': 'x = 1\n' }, unlisted: ['dioxide/extra.py'] });
    const record = 'dioxide-1.0.0rc1.dist-info/RECORD';
    // Rewrite RECORD only: list a file that is not there and claim another size.
    execFileSync('python3', ['-c', `
import sys, zipfile
src, record = sys.argv[1], sys.argv[2]
items = [(i, zipfile.ZipFile(src).read(i.filename)) for i in zipfile.ZipFile(src).infolist()]
with zipfile.ZipFile(src, "w") as z:
    for info, data in items:
        if info.filename == record:
            data = data.replace(b",10\\n", b",11\\n") + b"dioxide/gone.py,sha256=AAAA,1\\n"
        z.writestr(info, data)
`, path, record]);
    expect(await refusals(path)).toEqual([
      `${WHEEL}: RECORD: dioxide/__init__.py: RECORD says 11 bytes, the file has 10`,
      `${WHEEL}: RECORD: lists dioxide/gone.py, which is not in the wheel`,
      `${WHEEL}: RECORD: does not list dioxide/extra.py`,
    ]);
  });

  test('an entry whose compressed data is corrupt is refused by name', async () => {
    const path = writeWheel(dir(), WHEEL, 'VALUE = 1\n'.repeat(50));
    const bytes = readFileSync(path);
    const at = bytes.indexOf('dioxide/__init__.py') + 'dioxide/__init__.py'.length;
    bytes.fill(0xff, at, at + 8); // the start of the first entry's deflate stream
    writeFileSync(path, bytes);
    const found = await refusals(path);
    expect(found[0]).toMatch(new RegExp(`^${WHEEL.replace(/\./g, '\\.')}: ZIP archive: dioxide/__init__\\.py cannot be read: `));
  });

  test('a file name PyPI refuses: unnormalised project name, plain linux platform tag', async () => {
    const file = 'Dioxide-1.0.0rc1-cp312-cp312-linux_x86_64.whl';
    expect(await refusals(writeWheel(dir(), file, ''))).toEqual([
      `${file}: file name: should contain the normalized project name 'dioxide', not 'Dioxide'`,
      `${file}: file name: has a platform tag PyPI does not accept: 'linux_x86_64'`,
    ]);
  });

  test('a script name PyPI refuses in entry_points.txt', async () => {
    const files = { 'dioxide-1.0.0rc1.dist-info/entry_points.txt': '[console_scripts]\ndioxide = dioxide:main\n../evil = dioxide:main\n' };
    expect(await refusals(writeWheel(dir(), WHEEL, '', { files }))).toEqual([
      `${WHEEL}: entry_points.txt: Invalid entry point name '../evil' in 'console_scripts'`,
    ]);
  });

  test('every problem of a file is reported, not only the first', async () => {
    const path = writeWheel(dir(), WHEEL, '', { metadata: defaultMetadata('dioxide', '1.0.0'), wrongHash: ['dioxide/__init__.py'] });
    appendFileSync(path, 'x');
    const found = await refusals(path);
    expect(found.map((r) => r.split(': ')[1])).toEqual(["PyPI's ZIP rules", 'METADATA', 'METADATA', 'RECORD']);
  });
});

describe('RECORD rows', () => {
  const files = new Map([['a,b.py', digests(Buffer.from('x = 1\n'), ['sha256'])], ['pkg-1.0.dist-info/RECORD', undefined]]);
  const sha = files.get('a,b.py')!.hashes.sha256;

  test('are CSV as Python writes it: quoted paths with commas and quotes', () => {
    expect(parseCsvLine('"a,b.py",sha256=x,6')).toEqual(['a,b.py', 'sha256=x', '6']);
    expect(parseCsvLine('"say ""hi"".txt",,')).toEqual(['say "hi".txt', '', '']);
    expect(recordProblems(`"a,b.py",sha256=${sha},6\npkg-1.0.dist-info/RECORD,,\n`, 'pkg-1.0.dist-info/RECORD', files)).toEqual([]);
  });

  test('padding, weak hashes and missing hashes are refused', () => {
    const record = (hash: string) => `"a,b.py",${hash},6\npkg-1.0.dist-info/RECORD,,\n`;
    const check = (hash: string) => recordProblems(record(hash), 'pkg-1.0.dist-info/RECORD', files).map((p) => p.detail);
    expect(check(`sha256=${sha}=`)).toEqual(["a,b.py: the hash has '=' padding, which the wheel spec leaves out (urlsafe base64 without padding)"]);
    expect(check('md5=abc')).toEqual(["a,b.py is hashed with 'md5'; the wheel spec requires sha256 or stronger (sha256, sha384, sha512)"]);
    expect(check('')).toEqual(['a,b.py has no hash']);
  });
});

describe('the size limit', () => {
  test('a file over the configured limit is refused; at the limit it passes', async () => {
    const path = writeWheel(dir(), WHEEL, 'VALUE = 1\n');
    const size = readFileSync(path).length;
    expect(await refusals(path, { ...RULES, maxFileSizeMb: size / (1024 * 1024) })).toEqual([]);
    expect(await refusals(path, { ...RULES, maxFileSizeMb: (size - 1) / (1024 * 1024) })).toEqual([
      `${WHEEL}: size limit: File too large: ${size} bytes, over the index's limit of ${(size - 1) / (1024 * 1024)} MB (${size - 1} bytes)`,
    ]);
  });

  test("PyPI's default limit is 100 MB, and a configured one replaces it", () => {
    expect(maxFileSizeMb({})).toBe(100);
    expect(maxFileSizeMb({ maxFileSizeMb: 250 })).toBe(250);
  });
});

describe('an sdist, as PyPI and twine will read it', () => {
  test('an sdist as maturin writes it passes', async () => {
    expect(await refusals(writeSdist(dir(), SDIST))).toEqual([]);
  });

  test('bytes that are not a gzip tar are refused', async () => {
    const path = join(dir(), SDIST);
    writeFileSync(path, 'sdist');
    expect(await refusals(path)).toEqual([`${SDIST}: sdist: not a readable gzip-compressed tar archive (incorrect header check)`]);
  });

  test('an sdist without PKG-INFO, or with another top-level directory, is refused', async () => {
    expect(await refusals(writeSdist(dir(), SDIST, { pkgInfo: null }))).toEqual([`${SDIST}: PKG-INFO: PKG-INFO not found at dioxide-1.0.0rc1/PKG-INFO`]);
    expect(await refusals(writeSdist(dir(), SDIST, { root: 'dioxide' }))).toEqual([`${SDIST}: sdist: the top-level directory is dioxide/, not dioxide-1.0.0rc1/ as the file name says`]);
  });

  test('PKG-INFO with another version is refused; no description is a warning', async () => {
    expect(await refusals(writeSdist(dir(), SDIST, { pkgInfo: defaultMetadata('dioxide', '1.0.0') }))).toEqual([
      `${SDIST}: PKG-INFO: Version is 1.0.0, but the file name says 1.0.0rc1`,
      `${SDIST}: PKG-INFO: Version is 1.0.0, but this release is 1.0.0rc1`,
      `${SDIST}: file name: Filename '${SDIST}' is invalid, should be 'dioxide-1.0.0.tar.gz'.`,
    ]);
    const bare = 'Metadata-Version: 2.4\nName: dioxide\nVersion: 1.0.0rc1\n';
    expect(await refusals(writeSdist(dir(), SDIST, { pkgInfo: bare }))).toEqual([
      `warning: ${SDIST}: twine check --strict: PKG-INFO: \`long_description_content_type\` missing. defaulting to \`text/x-rst\` (set \`readme = "README.md"\` in [project])`,
      `warning: ${SDIST}: twine check --strict: PKG-INFO: \`long_description\` missing (set \`readme = "README.md"\` in [project])`,
    ]);
  });
});
