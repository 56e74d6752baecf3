import { synthIn } from './helpers';

/**
 * testRequirements are passed to pip in the release's test jobs; a mistake there used to
 * surface only there. Each item is parsed as a PEP 508 requirement at synthesis.
 */
describe('testRequirements: each item one PEP 508 requirement, checked at synthesis', () => {
  const example = 'write one requirement per item, such as "pytest>=8" or "hypothesis[numpy]>=6; python_version >= \\"3.10\\""';
  test.each<[string, unknown[], string]>([
    ['a pip option behind a space (the issue)', [' --index-url https://example.org/simple'],
      `MaturinRelease: testRequirements[0] is " --index-url https://example.org/simple", a pip option; it must be a PEP 508 requirement: ${example} (an index or other pip setting goes in pip's own configuration, e.g. PIP_INDEX_URL)`],
    ['a second line with an option (the issue)', ['pytest', 'pytest-cov\n--extra-index-url https://example.org/simple'],
      `MaturinRelease: testRequirements[1] is "pytest-cov\\n--extra-index-url https://example.org/simple", more than one line; it must be a PEP 508 requirement: ${example}`],
    ['a specifier that breaks off (the issue)', ['pytest>=8,<'],
      `MaturinRelease: testRequirements[0] is "pytest>=8,<", which is not a PEP 508 requirement (it goes wrong at character 12); ${example}`],
    ['a version that is not PEP 440', ['pytest<=abc!'],
      `MaturinRelease: testRequirements[0] is "pytest<=abc!": "abc!" is not a PEP 440 version; ${example}`],
    ['two requirements in one item', ['pytest hypothesis'],
      `MaturinRelease: testRequirements[0] is "pytest hypothesis", which is not a PEP 508 requirement (it goes wrong at character 8); ${example}`],
    ['a requirements.txt comment', ['pytest>=8  # for the tests'],
      `MaturinRelease: testRequirements[0] is "pytest>=8  # for the tests", which is not a PEP 508 requirement; ${example}`],
    ['an editable install', ['-e .'],
      `MaturinRelease: testRequirements[0] is "-e .", a pip option; it must be a PEP 508 requirement: ${example} (an index or other pip setting goes in pip's own configuration, e.g. PIP_INDEX_URL)`],
  ])('%s', (_, testRequirements, message) => {
    const run = synthIn({}, { testRequirements });
    expect(run.error).toBe(message);
    expect(run.stack).toBe(false);
    expect(run.after).toEqual(run.before);
  });

  test('negative control: names, extras, specifier lists, markers, wildcards and direct URLs synthesize', () => {
    const run = synthIn({}, {
      testRequirements: ['pytest>=8,<9', 'hypothesis[numpy] >= 6.100', 'numpy==2.*; python_version >= "3.10"', 'pytest-xdist~=3.6', 'mylib @ https://example.org/mylib-1.0-py3-none-any.whl'],
    });
    expect(run.error).toBeUndefined();
  });
});
