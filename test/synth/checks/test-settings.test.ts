import { MaturinReleaseOptions } from '../../../src/synth/options';
import { fixtureRepo } from '../../helpers/fixture-repo';

const PYPROJECT = '[build-system]\nrequires = ["maturin>=1.7,<2"]\nbuild-backend = "maturin"\n\n[project]\nname = "dioxide"\ndynamic = ["version"]\n';
const GROUPS = `${PYPROJECT}\n[dependency-groups]\ntest = ["pytest>=8"]\nDocs_Build = ["sphinx"]\n`;

/** Synthesizes an existing repository with its own pyproject.toml and a tests/ directory. */
const synth = (options: Partial<MaturinReleaseOptions>, pyproject = GROUPS, files: Record<string, string> = {}) =>
  () => fixtureRepo(options, '1.0.0', { 'pyproject.toml': pyproject, 'tests/test_x.py': 'def test_x():\n    pass\n', ...files });

describe('test settings are checked at synthesis, against the repository', () => {
  test('a testDependencyGroups entry pyproject.toml does not define: the option, the value and the groups there', () => {
    expect(synth({ testDependencyGroups: ['tset'] })).toThrow(
      'MaturinRelease: testDependencyGroups includes "tset", which pyproject.toml does not define in [dependency-groups]; it defines "test", "Docs_Build"');
    expect(synth({ testDependencyGroups: ['test'] }, PYPROJECT)).toThrow(
      'MaturinRelease: testDependencyGroups includes "test", but pyproject.toml has no [dependency-groups] table');
  });

  test('group names compare as PEP 735 normalises them; defined groups pass (negative control)', () => {
    expect(synth({ testDependencyGroups: ['test', 'docs-build'] })).not.toThrow();
  });

  test('a testSources path that does not exist: the option, the value and what the package directory holds', () => {
    expect(synth({ testSources: ['tests', 'conftest.py'] })).toThrow(
      'MaturinRelease: testSources[1] is "conftest.py", which does not exist in the repository (testSources are relative to packageDirectory "."); ' +
      'the package directory holds: CHANGELOG.md, Cargo.toml, pyproject.toml, tests');
    expect(synth({ testSources: ['tests', 'conftest.py'] }, GROUPS, { 'conftest.py': '' })).not.toThrow();
  });

  test('without tests, the test settings are not used, and not checked', () => {
    expect(synth({ runTests: false, testSources: ['nothing-here'] })).not.toThrow();
  });
});
