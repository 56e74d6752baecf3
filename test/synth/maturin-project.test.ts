import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'projen';
import { parse } from 'yaml';
import { MaturinProject, MaturinProjectOptions } from '../../src';
import { validateWorkflows } from '../helpers/validators';

const project = (options: Partial<MaturinProjectOptions> = {}) =>
  new MaturinProject({ name: 'my-ext', outdir: mkdtempSync(join(tmpdir(), 'maturin-project-')), githubRepository: 'o/my-ext', ...options });

describe('MaturinProject', () => {
  const files = Testing.synth(project());

  test('creates a complete maturin package', () => {
    expect(Object.keys(files).filter((f) => !f.startsWith('.projen/')).sort()).toEqual([
      '.gitattributes', '.github/maturin-release/config.json', '.github/maturin-release/release-tools.cjs',
      '.github/workflows/ci.yml', '.github/workflows/release.yml', '.gitignore',
      'CHANGELOG.md', 'Cargo.toml', 'README.md', 'RELEASING.md', 'pyproject.toml',
      'python/my_ext/__init__.py', 'python/my_ext/_my_ext.pyi', 'python/my_ext/py.typed',
      'src/lib.rs', 'tests/test_my_ext.py',
    ]);
  });

  test('the PyO3 module, the Python package and maturin agree on the module path', () => {
    expect(files['Cargo.toml']).toContain('[lib]\nname = "_my_ext"\ncrate-type = ["cdylib"]');
    expect(files['src/lib.rs']).toContain('fn _my_ext(m: &Bound<\'_, PyModule>) -> PyResult<()> {');
    expect(files['python/my_ext/__init__.py']).toContain('from my_ext._my_ext import add');
    expect(files['pyproject.toml']).toContain('python-source = "python"\nmodule-name = "my_ext._my_ext"');
    expect(files['tests/test_my_ext.py']).toContain('assert add(2, 3) == 5');
  });

  test('abi3 enables the matching pyo3 feature', () => {
    const abi3 = Testing.synth(project({ abi3: true, pythonVersions: ['3.12', '3.13'] }));
    expect(abi3['Cargo.toml']).toContain('features = ["extension-module", "abi3-py312"]');
    expect(abi3['.github/maturin-release/config.json'].expectedDistributions[0]).toMatchObject({ pythonTag: 'cp312', abiTag: 'abi3' });
  });

  test('sample files are written once: user edits survive a second synthesis', () => {
    const p = project();
    p.synth();
    writeFileSync(join(p.outdir, 'src/lib.rs'), '// mine\n');
    const again = new MaturinProject({ name: 'my-ext', outdir: p.outdir, githubRepository: 'o/my-ext' });
    again.synth();
    expect(readFileSync(join(p.outdir, 'src/lib.rs'), 'utf8')).toBe('// mine\n');
  });

  test('the pull-request workflow passes every validator', () => {
    const ci = files['.github/workflows/ci.yml'];
    const report = validateWorkflows({ ci }, {}, ['ci']);
    expect(report).toEqual({ parser: { ci: [] }, actionlint: { ci: [] }, shellcheck: { ci: [] }, security: { ci: [] } });
    expect(parse(ci).jobs.test.steps.map((s: any) => s.name)).toEqual(['Check out', 'Set up Python 3.13', 'Build the wheel', 'Install the wheel and run the tests']);
  });

  test('bad options fail with the same messages as MaturinRelease', () => {
    expect(() => project({ pythonVersions: ['2.7'] })).toThrow('MaturinRelease: pythonVersions[0] is "2.7": not an interpreter this product builds');
    expect(() => project({ moduleName: 'dioxide.core' })).toThrow('MaturinRelease: moduleName is "dioxide.core"; a new project needs a top-level Python identifier such as "dioxide_core"');
    expect(() => project({ initialVersion: '1.0' })).toThrow('MaturinRelease: initialVersion is "1.0"; Cargo.toml needs a SemVer version');
  });
});
