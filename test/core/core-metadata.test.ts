import { coreMetadataProblems, description, field, parseCoreMetadata } from '../../src/core/core-metadata';

const GOOD = [
  'Metadata-Version: 2.4',
  'Name: dioxide',
  'Version: 1.0.0rc1',
  'Summary: A test package',
  'Requires-Python: >=3.9',
  'Requires-Dist: numpy>=1.26 ; python_version >= "3.10"',
  'Provides-Extra: fast',
  'License-Expression: MIT',
  'License-File: LICENSE',
  'Project-URL: Source, https://example.com/dioxide',
  'Description-Content-Type: text/markdown; charset=UTF-8; variant=GFM',
  '',
  '# dioxide',
  '',
  'A test package.',
  '',
].join('\n');

/** GOOD with header lines replaced (`Name: value`), added, or removed (`Name:` → null). */
function variant(changes: Record<string, string | null>, body?: string): string {
  const [head, rest] = GOOD.split('\n\n# dioxide');
  const lines = head.split('\n').filter((line) => !(line.split(':')[0] in changes));
  for (const [name, value] of Object.entries(changes)) if (value !== null) lines.push(`${name}: ${value}`);
  return `${lines.join('\n')}\n\n${body ?? `# dioxide${rest}`}`;
}

const problems = (text: string) => coreMetadataProblems(parseCoreMetadata(Buffer.from(text))!, 'METADATA')
  .map((p) => `${p.warning ? 'warning: ' : ''}${p.rule}: ${p.detail}`);

describe('core metadata parsing', () => {
  test('reads fields, folded lines and the body as the description', () => {
    const metadata = parseCoreMetadata(Buffer.from('Name: a\r\nSummary: one\r\n  two\r\nClassifier: X\r\nClassifier: Y\r\n\r\nBody\r\n'))!;
    expect(field(metadata, 'NAME')).toBe('a');
    expect(field(metadata, 'summary')).toBe('one\n  two');
    expect(metadata.fields.get('classifier')).toEqual(['X', 'Y']);
    expect(description(metadata)).toBe('Body\n');
  });

  test('bytes that are not UTF-8 are no metadata', () => {
    expect(parseCoreMetadata(Buffer.from([0x4e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff]))).toBeUndefined();
  });
});

describe('what PyPI and twine check --strict refuse in core metadata', () => {
  test('metadata as maturin writes it passes', () => {
    expect(problems(GOOD)).toEqual([]);
  });

  test.each([
    [{ 'Metadata-Version': '2.0' }, 'METADATA: Metadata-Version 2.0 is not one PyPI accepts (1.0, 1.1, 1.2, 2.1, 2.2, 2.3, 2.4, 2.5)'],
    [{ 'Metadata-Version': null }, "METADATA: 'metadata-version' is a required field"],
    [{ Name: null }, "METADATA: 'name' is a required field"],
    [{ Name: '-dioxide' }, "METADATA: '-dioxide' is invalid for 'name'"],
    [{ Version: 'one' }, "METADATA: 'one' is invalid for 'version' (not PEP 440)"],
    [{ Version: '1.0.0+local' }, "METADATA: The use of local versions in '1.0.0+local' is not allowed."],
    [{ 'Home-page2': 'x' }, "METADATA: unrecognized field: 'home-page2'"],
    [{ Summary: 'x'.repeat(513) }, "METADATA: 'summary' field must be 512 characters or less."],
    [{ 'Description-Content-Type': 'text/html' }, "METADATA: 'description-content-type' must be one of text/plain, text/x-rst, text/markdown, not 'text/html'"],
    [{ 'Description-Content-Type': 'text/markdown; charset=latin-1' }, "METADATA: 'description-content-type' can only specify the UTF-8 charset, not 'latin-1'"],
    [{ 'Description-Content-Type': 'text/markdown; variant=Original' }, "METADATA: valid Markdown variants for 'description-content-type' are GFM, CommonMark, not 'Original'"],
    [{ Dynamic: 'version' }, "METADATA: 'version' is not allowed as a dynamic field"],
    [{ 'Provides-Extra': 'no good' }, "METADATA: 'no good' is invalid for 'provides-extra'"],
    [{ 'Requires-Python': '>=three' }, "METADATA: '>=three' is invalid for 'requires-python'"],
    [{ 'Requires-Dist': 'pkg @ https://example.com/pkg.whl' },
      "METADATA: Can't have direct dependency: 'pkg @ https://example.com/pkg.whl' (requires-dist); PyPI accepts only requirements on released versions"],
    [{ License: 'MIT' }, 'METADATA: License is deprecated when License-Expression is present. Only License-Expression should be present.'],
    [{ 'License-File': '../LICENSE' }, "METADATA: '../LICENSE' is invalid for 'license-file', parent directory indicators are not allowed"],
    [{ 'Project-URL': 'Source, ftp://example.com' }, "METADATA: 'project-url' 'ftp://example.com' is not a valid url"],
    [{ Classifier: 'Private :: Do Not Upload' }, 'METADATA: \'Private :: Do Not Upload\' is not a valid classifier. ("Private ::" classifiers exist to prevent uploads)'],
  ])('%j is refused', (changes, message) => {
    expect(problems(variant(changes))).toEqual([message]);
  });

  test('a field newer than the declared metadata version is refused', () => {
    expect(problems(variant({ 'Metadata-Version': '2.1', 'License-File': null }))).toEqual([
      'METADATA: license-expression introduced in metadata version 2.4, not 2.1',
    ]);
  });

  test('a single-use field given twice is refused', () => {
    expect(problems(GOOD.replace('Name: dioxide', 'Name: dioxide\nName: other'))).toEqual(["METADATA: 'name' appears 2 times; it may appear once"]);
  });

  test('--strict: a missing long description or content type is a warning (PyPI accepts it), as twine check without --strict says', () => {
    expect(problems(variant({ 'Description-Content-Type': null }))).toEqual([
      'warning: twine check --strict: METADATA: `long_description_content_type` missing. defaulting to `text/x-rst` (set `readme = "README.md"` in [project])',
    ]);
    expect(problems(variant({}, ''))).toEqual(['warning: twine check --strict: METADATA: `long_description` missing (set `readme = "README.md"` in [project])']);
    expect(problems(variant({}, 'UNKNOWN\n'))).toEqual(['warning: twine check --strict: METADATA: `long_description` missing (set `readme = "README.md"` in [project])']);
  });
});
