import { locatePackage, normalizePackageDirectory, workspaceMembers } from '../../src/core/package-layout';
import { locateVersion } from '../../src/core/version-source';
import { Files, writeRepository } from '../helpers/adoption-fixtures';

const crate = (name: string, version = 'version = "1.0.0"') => `[package]\nname = "${name}"\n${version}\n`;

describe('locatePackage finds the package, its crate and its workspace as cargo and maturin do', () => {
  test.each<[string, Files, string, object]>([
    ['a crate at the root', { 'Cargo.toml': crate('d') }, '.', { directory: '.', cargoManifest: 'Cargo.toml', workspaceManifest: undefined, cargoLock: 'Cargo.lock' }],
    ['a standalone crate in a subdirectory', { 'bindings/python/Cargo.toml': crate('d'), 'bindings/python/pyproject.toml': '[project]\nname = "d"\n' }, 'bindings/python',
      { pyproject: 'bindings/python/pyproject.toml', cargoManifest: 'bindings/python/Cargo.toml', workspaceManifest: undefined, cargoLock: 'bindings/python/Cargo.lock' }],
    ['a workspace member: the lock is at the root', { 'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\n', 'crates/py/Cargo.toml': crate('py') }, './crates/py/',
      { directory: 'crates/py', workspaceManifest: 'Cargo.toml', cargoLock: 'Cargo.lock' }],
    ['the nearest workspace root that does not exclude it', { 'Cargo.toml': '[workspace]\nmembers = ["a"]\n', 'a/Cargo.toml': '[workspace]\nexclude = ["py"]\n', 'a/py/Cargo.toml': crate('py') }, 'a/py',
      { workspaceManifest: 'Cargo.toml' }],
    ['an explicit package.workspace', { 'ws/Cargo.toml': '[workspace]\nmembers = ["../py"]\n', 'py/Cargo.toml': '[package]\nname = "py"\nworkspace = "../ws"\n' }, 'py',
      { workspaceManifest: 'ws/Cargo.toml', cargoLock: 'ws/Cargo.lock' }],
    ['a crate that is its own workspace root', { 'Cargo.toml': '[workspace]\n', 'py/Cargo.toml': '[workspace]\n[package]\nname = "py"\n' }, 'py',
      { workspaceManifest: 'py/Cargo.toml', cargoLock: 'py/Cargo.lock' }],
    ['pyproject\'s [tool.maturin] manifest-path', { 'pyproject.toml': '[tool.maturin]\nmanifest-path = "crates/ruff/Cargo.toml"\n', 'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\n', 'crates/ruff/Cargo.toml': crate('ruff') }, '.',
      { pyproject: 'pyproject.toml', cargoManifest: 'crates/ruff/Cargo.toml', workspaceManifest: 'Cargo.toml' }],
    ['maturin\'s Python-first layout: rust/Cargo.toml beside src/<python-packages>/ (pendulum)', {
      'pyproject.toml': '[project]\nname = "pendulum"\n[tool.maturin]\npython-packages = ["pendulum"]\n',
      'src/pendulum/__init__.py': '',
      'rust/Cargo.toml': crate('_pendulum'),
    }, '.', { pyproject: 'pyproject.toml', cargoManifest: 'rust/Cargo.toml', cargoLock: 'rust/Cargo.lock' }],
    ['the Python-first layout by the project name, in a package directory', { 'py/pyproject.toml': '[project]\nname = "my-project"\n', 'py/src/my_project/__init__.py': '', 'py/rust/Cargo.toml': crate('d') },
      'py', { cargoManifest: 'py/rust/Cargo.toml' }],
    ['the Python-first layout by python-source', { 'pyproject.toml': '[tool.maturin]\npython-source = "python"\n', 'rust/Cargo.toml': crate('d'), 'Cargo.toml': crate('other') }, '.', { cargoManifest: 'rust/Cargo.toml' }],
    ['rust/Cargo.toml without a Python source beside it is not the layout', { 'pyproject.toml': '[project]\nname = "d"\n', 'rust/Cargo.toml': crate('d'), 'Cargo.toml': crate('d') }, '.', { cargoManifest: 'Cargo.toml' }],
  ])('%s', (_, files, directory, expected) => {
    expect(locatePackage(writeRepository(files), directory)).toMatchObject(expected);
  });

  test('paths outside the repository are refused', () => {
    expect(() => normalizePackageDirectory('../elsewhere')).toThrow('the package directory "../elsewhere" is outside the repository');
    const dir = writeRepository({ 'pyproject.toml': '[tool.maturin]\nmanifest-path = "../x/Cargo.toml"\n' });
    expect(() => locatePackage(dir)).toThrow('pyproject.toml sets [tool.maturin] manifest-path = "../x/Cargo.toml", which is outside the repository');
  });
});

test('workspace members: globs expanded on disk, excludes and the root package', () => {
  const dir = writeRepository({
    'Cargo.toml': '[workspace]\nmembers = ["crates/*", "py-polars", "missing"]\nexclude = ["crates/old"]\n[package]\nname = "root"\n',
    'crates/a/Cargo.toml': crate('a'),
    'crates/b/Cargo.toml': crate('b'),
    'crates/old/Cargo.toml': crate('old'),
    'crates/notes/README.md': 'not a crate\n',
    'py-polars/Cargo.toml': crate('py'),
  });
  expect(workspaceMembers(dir, 'Cargo.toml')).toEqual(['Cargo.toml', 'crates/a/Cargo.toml', 'crates/b/Cargo.toml', 'py-polars/Cargo.toml']);
});

describe('locateVersion: the file and key that hold the version', () => {
  test('inherited from the workspace root', () => {
    const dir = writeRepository({ 'Cargo.toml': '[workspace]\nmembers = ["crates/py"]\n[workspace.package]\nversion = "2.1.0"\n', 'crates/py/Cargo.toml': crate('py', 'version.workspace = true') });
    expect(locateVersion(dir, 'cargo', 'crates/py')).toMatchObject({ file: 'Cargo.toml', key: ['workspace', 'package', 'version'], version: '2.1.0', inherited: true });
  });
  test('a static version in the package\'s pyproject.toml, not the root one', () => {
    const dir = writeRepository({ 'pyproject.toml': '[project]\nversion = "9.9.9"\n', 'py/pyproject.toml': '[project]\nversion = "0.3.0"\n' });
    expect(locateVersion(dir, 'pyproject', 'py')).toMatchObject({ file: 'py/pyproject.toml', key: ['project', 'version'], version: '0.3.0' });
  });
  test('a package directory without a crate names the path it looked at', () => {
    expect(() => locateVersion(writeRepository({ 'py/README.md': '' }), 'cargo', 'py'))
      .toThrow('versionSource is "cargo" but there is no py/Cargo.toml (the crate maturin builds in py)');
    expect(() => locateVersion(writeRepository({ 'README.md': '' }), 'cargo'))
      .toThrow('if the package lives in a subdirectory, set the packageDirectory option to it');
  });
});
