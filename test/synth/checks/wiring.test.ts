import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readSourceVersion } from '../../../src/core/version-source';
import { checkCargoWiring } from '../../../src/synth/checks/cargo-wiring';
import { checkPyprojectWiring, undeclaredVersion } from '../../../src/synth/checks/pyproject-wiring';

const MATURIN = '[build-system]\nrequires = ["maturin>=1.7,<2"]\nbuild-backend = "maturin"\n';
const seedVersions = { packageName: 'd', versionSource: 'cargo' as const, pythonVersions: ['3.11', '3.12', '3.13'] };

describe('checkPyprojectWiring', () => {
  test('a dynamic version with maturin and a wide requires-python agrees', () => {
    expect(checkPyprojectWiring(`${MATURIN}[project]\nname = "d"\nrequires-python = ">=3.11"\ndynamic = ["version"]\n`, seedVersions)).toEqual([]);
  });
  test.each<[string, string, RegExp, string[]?]>([
    ['another build backend', '[build-system]\nbuild-backend = "setuptools.build_meta"\n[project]\ndynamic = ["version"]\n', /build-backend is "setuptools.build_meta", but the release builds with maturin/],
    ['a static version while the source is Cargo', `${MATURIN}[project]\nversion = "1.0.0"\n`, /static version "1.0.0" but versionSource is "cargo": remove it and add dynamic = \["version"\]/],
    ['requires-python excluding a built version', `${MATURIN}[project]\nrequires-python = ">=3.12"\ndynamic = ["version"]\n`, /requires-python = ">=3.12" excludes Python 3.11, which pythonVersions builds wheels for/],
    ['requires-python with an upper bound', `${MATURIN}[project]\nrequires-python = ">=3.11,<3.13"\ndynamic = ["version"]\n`, /excludes Python 3.13/],
    ['requires-python excluding a free-threaded or PyPy version', `${MATURIN}[project]\nrequires-python = ">=3.12,<3.14"\ndynamic = ["version"]\n`, /excludes Python 3.14, which pythonVersions builds wheels for \(3.14t\)/, ['3.12', '3.14t', 'pypy3.11']],
    ['invalid TOML', 'not = [toml', /pyproject.toml is not valid TOML/],
    ['another project name', `${MATURIN}[project]\nname = "other-name"\ndynamic = ["version"]\n`, /\[project\] name is "other-name" but packageName is "d"/],
  ])('%s is reported with a fix', (...[, text, message, pythonVersions]) => {
    expect(checkPyprojectWiring(text, { ...seedVersions, ...(pythonVersions ? { pythonVersions } : {}) }).join('\n')).toMatch(message);
  });
  test('no version at all is maturin 1\'s fallback to Cargo.toml: a warning, not a contradiction (maturin 2 refuses it)', () => {
    const text = `${MATURIN}[project]\nname = "d"\n`;
    expect(checkPyprojectWiring(text, seedVersions)).toEqual([]);
    expect(undeclaredVersion(text, 'pyproject.toml')).toBe('pyproject.toml: [project] has neither version nor dynamic = ["version"]: maturin 1 takes the version from Cargo.toml with a warning, '
      + 'and maturin 2 refuses it; add dynamic = ["version"] to [project]');
    expect(undeclaredVersion(`${MATURIN}[project]\nname = "d"\ndynamic = ["version"]\n`, 'pyproject.toml')).toBeUndefined();
    expect(undeclaredVersion(`${MATURIN}[project]\nname = "d"\nversion = "1.0.0"\n`, 'pyproject.toml')).toBeUndefined();
    // Without [project], maturin reads everything from Cargo.toml.
    expect(undeclaredVersion(MATURIN, 'pyproject.toml')).toBeUndefined();
  });
  test('versionSource pyproject needs a static version', () => {
    expect(checkPyprojectWiring(`${MATURIN}[project]\ndynamic = ["version"]\n`, { ...seedVersions, versionSource: 'pyproject' }).join())
      .toMatch(/no static version/);
  });
});

describe('checkCargoWiring (abi3)', () => {
  const cargo = (features: string) => `[package]\nname = "d"\nversion = "1.0.0"\n[dependencies]\npyo3 = { version = "0.23", features = [${features}] }\n`;
  test('agreement passes', () => {
    expect(checkCargoWiring(cargo('"extension-module"'), {})).toEqual([]);
    expect(checkCargoWiring(cargo('"extension-module", "abi3-py311"'), { abi3MinimumPython: '3.11' })).toEqual([]);
    expect(checkCargoWiring('[package]\nname = "d"\n[dependencies]\npyo3 = "0.23"\n', {})).toEqual([]);
  });
  test('an abi3 feature without abi3 says which options to set', () => {
    expect(checkCargoWiring(cargo('"extension-module", "abi3-py311"'), {})[0])
      .toMatch(/enables pyo3 feature "abi3-py311".*set abi3: true, abi3MinimumPython: "3.11"/);
  });
  test('abi3 features are found on a workspace dependency, in [features] and in maturin features', () => {
    const workspace = '[workspace.dependencies]\npyo3 = { version = "0.27", features = ["abi3-py311"] }\n[package]\nname = "d"\n[dependencies]\npyo3 = { workspace = true }\n';
    expect(checkCargoWiring(workspace, { abi3MinimumPython: '3.11' })).toEqual([]);
    const viaFeatures = '[package]\nname = "d"\n[features]\ndefault = ["pyo3/abi3-py39"]\n[dependencies]\npyo3 = "0.27"\n';
    expect(checkCargoWiring(viaFeatures, { abi3MinimumPython: '3.9' })).toEqual([]);
    expect(checkCargoWiring('[package]\nname = "d"\n', { abi3MinimumPython: '3.10', maturinFeatures: ['pyo3/abi3-py310'] })).toEqual([]);
  });

  test('abi3 without the feature, and a different minimum, are reported', () => {
    expect(checkCargoWiring(cargo('"extension-module"'), { abi3MinimumPython: '3.11' })[0]).toMatch(/add features = \["abi3-py311"\]/);
    expect(checkCargoWiring(cargo('"abi3-py310"'), { abi3MinimumPython: '3.11' })[0]).toMatch(/"abi3-py310" but abi3MinimumPython is "3.11"/);
  });
});

describe('readSourceVersion', () => {
  const repo = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'version-source-'));
    for (const [f, c] of Object.entries(files)) writeFileSync(join(dir, f), c);
    return dir;
  };
  test('Cargo [package].version, and version.workspace = true', () => {
    expect(readSourceVersion(repo({ 'Cargo.toml': '[package]\nversion = "0.3.0-beta.1"\n' }), 'cargo')).toBe('0.3.0-beta.1');
    expect(readSourceVersion(repo({ 'Cargo.toml': '[workspace.package]\nversion = "2.0.0"\n[package]\nversion.workspace = true\n' }), 'cargo')).toBe('2.0.0');
  });
  test('a static pyproject version', () => {
    expect(readSourceVersion(repo({ 'pyproject.toml': '[project]\nversion = "1.2.3"\n' }), 'pyproject')).toBe('1.2.3');
  });
  test.each([
    ['no Cargo.toml', {}, 'cargo', /there is no Cargo.toml/],
    ['no version in Cargo.toml', { 'Cargo.toml': '[package]\nname = "d"\n' }, 'cargo', /Cargo.toml has no \[package\] version/],
    ['workspace version missing', { 'Cargo.toml': '[workspace]\n[package]\nversion.workspace = true\n' }, 'cargo', /Cargo.toml has version.workspace = true but Cargo.toml has no \[workspace.package\] version/],
    ['a workspace version outside any workspace', { 'Cargo.toml': '[package]\nversion.workspace = true\n' }, 'cargo', /version.workspace = true, but no Cargo workspace in the repository contains it/],
    ['static pyproject version while the source is Cargo', { 'Cargo.toml': '[package]\nversion = "1.0.0"\n', 'pyproject.toml': '[project]\nversion = "1.0.0"\n' }, 'cargo', /static \[project\] version .* but versionSource is "cargo"/],
    ['dynamic version while the source is pyproject', { 'pyproject.toml': '[project]\ndynamic = ["version"]\n' }, 'pyproject', /declares dynamic = \["version"\] but versionSource is "pyproject"/],
    ['broken TOML', { 'Cargo.toml': '[package\n' }, 'cargo', /Cargo.toml is not valid TOML/],
  ])('%s says how to fix it', (_, files, source, message) => {
    expect(() => readSourceVersion(repo(files), source as 'cargo' | 'pyproject')).toThrow(message);
  });
});
