import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'projen';
import { parse } from 'yaml';
import { MaturinProject, MaturinProjectOptions } from '../../src';
import { PROJEN_MATURIN_VERSION } from '../../src/core/generated-files';
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
    expect(files['src/lib.rs']).toContain('#[pymodule]\nmod _my_ext {\n    #[pymodule_export]\n    use super::add;\n}');
    expect(files['src/lib.rs']).toContain('assert_eq!(add(2, 3), 5);');
    expect(files['python/my_ext/__init__.py']).toContain('from my_ext._my_ext import add');
    expect(files['pyproject.toml']).toContain('python-source = "python"\nmodule-name = "my_ext._my_ext"');
    expect(files['tests/test_my_ext.py']).toContain('assert add(2, 3) == 5');
  });

  test('current pyo3 and maturin: no extension-module feature anywhere (maturin 1.9.4+ builds the extension module)', () => {
    expect(files['Cargo.toml']).toContain('\n[dependencies]\npyo3 = "0.29"\n');
    expect(files['Cargo.toml']).not.toContain('extension-module');
    expect(files['pyproject.toml']).not.toContain('extension-module');
    expect(files['pyproject.toml']).toContain('requires = [ "maturin>=1.9.4,<2.0" ]');
  });

  test('[project] has what PyPI shows and twine check --strict asks for: description, readme, license', () => {
    const pyproject = files['pyproject.toml'] as string;
    expect(pyproject).toContain('description = "A Rust extension for Python, built with maturin."');
    expect(pyproject).toContain('readme = "README.md"');
    expect(pyproject).toContain('license = "MIT"');
    expect(files['Cargo.toml']).toContain('license = "MIT"');
    const own = Testing.synth(project({ license: 'Apache-2.0 OR MIT', description: 'Fast things.' }));
    expect(own['pyproject.toml']).toContain('license = "Apache-2.0 OR MIT"');
    expect(own['pyproject.toml']).toContain('description = "Fast things."');
    expect(own['Cargo.toml']).toContain('license = "Apache-2.0 OR MIT"');
  });

  test('abi3 enables the matching pyo3 feature', () => {
    const abi3 = Testing.synth(project({ abi3: true, pythonVersions: ['3.12', '3.13'] }));
    expect(abi3['Cargo.toml']).toContain('pyo3 = { version = "0.29", features = ["abi3-py312"] }');
    expect(abi3['.github/maturin-release/config.json'].expectedDistributions[0]).toMatchObject({ pythonTag: 'cp312', abiTag: 'abi3' });
  });

  test('a second synthesis in the same directory writes the same files (README.md exists by then)', () => {
    const p = project();
    p.synth();
    const first = readFileSync(join(p.outdir, 'pyproject.toml'), 'utf8');
    expect(first).toContain('dynamic = [ "version" ]\nreadme = "README.md"\n');
    new MaturinProject({ name: 'my-ext', outdir: p.outdir, githubRepository: 'o/my-ext' }).synth();
    expect(readFileSync(join(p.outdir, 'pyproject.toml'), 'utf8')).toBe(first);
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
    expect(report).toEqual({
      parser: { ci: [] }, actionlint: { ci: [] }, shellcheck: { ci: [] }, security: { ci: [] }, inputs: { ci: [] }, semantic: { ci: [] },
    });
    expect(parse(ci).jobs.test.steps.map((s: any) => s.name)).toEqual(['Check out', 'Set up Python 3.13', 'Build the wheel', 'Install the wheel and run the tests']);
    // The crate is checked as well: formatting, lints as errors, and the Rust tests, with the runner's rustup.
    expect(parse(ci).jobs.rust.steps.map((s: any) => s.run ?? s.name)).toEqual([
      'Check out', 'Set up Python 3.13', 'rustup component add rustfmt clippy', 'cargo fmt --all --check', 'cargo clippy --all-targets -- -D warnings', 'cargo test',
    ]);
    // A pull request that edits the generated release files (a dependency bot bumping a pin) fails here, not at the next tag.
    expect(parse(ci).jobs.generated.steps.map((s: any) => s.run ?? s.name)).toEqual(['Check out', `npx --yes projen-maturin@${PROJEN_MATURIN_VERSION} check`]);
    expect(parse(ci).jobs.rust.steps.filter((s: any) => s.uses).map((s: any) => s.uses)).toEqual([
      expect.stringMatching(/^actions\/checkout@[0-9a-f]{40}$/), expect.stringMatching(/^actions\/setup-python@[0-9a-f]{40}$/),
    ]);
  });

  test('bad options fail with the same messages as MaturinRelease', () => {
    expect(() => project({ pythonVersions: ['2.7'] })).toThrow('MaturinRelease: pythonVersions[0] is "2.7": not an interpreter this product builds');
    expect(() => project({ moduleName: 'dioxide.core' })).toThrow('MaturinRelease: moduleName is "dioxide.core"; a new project needs a top-level Python identifier such as "dioxide_core"');
    expect(() => project({ initialVersion: '1.0' })).toThrow('MaturinRelease: initialVersion is "1.0"; Cargo.toml needs a SemVer version');
  });
});

test('a new project keeps its package at the root: packageDirectory is refused, "." accepted', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'maturin-project-'));
  expect(() => new MaturinProject({ name: 'dioxide', outdir, packageDirectory: 'python' }))
    .toThrow('MaturinRelease: packageDirectory is "python", but a new MaturinProject keeps its package at the repository root');
  expect(() => new MaturinProject({ name: 'dioxide', outdir, packageDirectory: '.' })).not.toThrow();
});

test('the sample crate is on pyo3 0.29, which builds no PyPy before 3.11: pypy3.9 is refused with the fix; pypy3.11 builds', () => {
  expect(() => project({ pythonVersions: ['3.12', 'pypy3.9'] })).toThrow('MaturinRelease: pythonVersions includes "pypy3.9", but the crate builds with pyo3 0.29 '
    + '(the Cargo.toml MaturinProject writes): PyO3 0.29 builds PyPy 3.11 and later (PyO3 0.27.0, 2025-10-19, dropped the older ones); remove "pypy3.9" from pythonVersions, or build with pyo3 older than 0.27');
  // Negative control.
  expect(() => project({ pythonVersions: ['3.12', 'pypy3.11'] })).not.toThrow();
});
