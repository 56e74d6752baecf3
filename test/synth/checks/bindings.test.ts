import { declaredBindings } from '../../../src/synth/checks/bindings';
import { Bindings, WheelPlatform } from '../../../src/synth/options';
import { fixtureRepo } from '../../helpers/fixture-repo';

const CARGO = (deps: string, extra = '') => `[package]\nname = "x"\nversion = "0.1.0"\n${extra}\n[dependencies]\n${deps}\n`;

describe('the bindings a repository declares', () => {
  test.each([
    ['a pyo3 dependency', { cargoToml: CARGO('pyo3 = "0.27"', '[lib]\ncrate-type = ["cdylib"]\n') }, Bindings.PYO3],
    ['a workspace pyo3 dependency', { cargoToml: CARGO('', '[lib]\ncrate-type = ["cdylib"]\n[workspace.dependencies]\npyo3 = "0.27"\n') }, Bindings.PYO3],
    ['a uniffi dependency', { cargoToml: CARGO('uniffi = "0.29"', '[lib]\ncrate-type = ["cdylib"]\n') }, Bindings.UNIFFI],
    ['a cdylib without either', { cargoToml: CARGO('', '[lib]\ncrate-type = ["cdylib"]\n') }, Bindings.CFFI],
    ['a binary crate', { cargoToml: CARGO('', '[[bin]]\nname = "x"\npath = "src/main.rs"\n') }, Bindings.BIN],
    ['[tool.maturin] bindings over the crate', { cargoToml: CARGO('pyo3 = "0.27"'), pyprojectToml: '[tool.maturin]\nbindings = "bin"\n' }, Bindings.BIN],
  ])('%s', (_, files, bindings) => {
    expect(declaredBindings(files)?.bindings).toBe(bindings);
  });

  test('nothing to read: undefined', () => {
    expect(declaredBindings({})).toBeUndefined();
  });
});

describe('synthesis cross-checks the option with the repository', () => {
  const binRepo = { 'Cargo.toml': CARGO('', '[[bin]]\nname = "dioxide"\n'), 'pyproject.toml': '[build-system]\nrequires = ["maturin>=1.7,<2"]\nbuild-backend = "maturin"\n\n[project]\nname = "dioxide"\ndynamic = ["version"]\n\n[tool.maturin]\nbindings = "bin"\n' };

  test('an undeclared option follows the repository: bin wheels are py3-none', () => {
    const repo = fixtureRepo({ platforms: [WheelPlatform.LINUX_X86_64] }, '1.0.0', binRepo);
    expect(repo.workflow.jobs['build-linux-x86_64'].steps.find((s: any) => s.id === 'build').with.args).toBe('--release --out dist');
  });

  test('a contradiction is one error naming both', () => {
    expect(() => fixtureRepo({ bindings: Bindings.PYO3 }, '1.0.0', binRepo))
      .toThrow('MaturinRelease: bindings is "pyo3", but pyproject.toml [tool.maturin] bindings says "bin"');
  });

  test('a pyo3 binary is refused with the reason', () => {
    expect(() => fixtureRepo({}, '1.0.0', { ...binRepo, 'Cargo.toml': CARGO('pyo3 = "0.27"', '[[bin]]\nname = "x"\n') }))
      .toThrow(/bindings is "bin" and Cargo.toml depends on pyo3: maturin then builds one wheel per interpreter/);
  });
});
