import { TomlTable, parseToml } from '../../core/toml';
import { optionError } from '../config';
import { Bindings } from '../options';

/** The bindings a repository declares, and where. */
export interface DeclaredBindings {
  readonly bindings: Bindings;
  /** Where it was read, for messages, e.g. `pyproject.toml [tool.maturin] bindings`. */
  readonly source: string;
}

const table = (value: unknown): TomlTable => (value && typeof value === 'object' && !Array.isArray(value) ? value as TomlTable : {});

/**
 * What maturin would build, as the repository's files say: `[tool.maturin] bindings`
 * when set, otherwise maturin's own detection from Cargo.toml (a pyo3 or pyo3-ffi
 * dependency, a uniffi dependency, a `cdylib` for cffi, a binary crate for bin).
 * Undefined when the files say nothing (e.g. a new project before its first synthesis).
 */
/** The repository files that say what maturin builds. */
export interface BindingsSources {
  readonly cargoToml?: string;
  readonly pyprojectToml?: string;
  readonly maturinSettings?: Readonly<Record<string, unknown>>;
}

export function declaredBindings(files: BindingsSources): DeclaredBindings | undefined {
  const fromSettings = (value: unknown, source: string): DeclaredBindings | undefined => {
    if (value === undefined) return undefined;
    const bindings = value === 'pyo3-ffi' ? Bindings.PYO3 : Object.values(Bindings).find((b) => b === value);
    if (!bindings) throw optionError(`${source} is ${JSON.stringify(value)}; allowed values: ${Object.values(Bindings).map((b) => `"${b}"`).join(', ')}`);
    return { bindings, source };
  };
  const declared = fromSettings(files.maturinSettings?.bindings, 'maturinSettings.bindings')
    ?? (files.pyprojectToml ? fromSettings(table(table(parseToml(files.pyprojectToml, 'pyproject.toml').tool).maturin).bindings, 'pyproject.toml [tool.maturin] bindings') : undefined);
  if (declared) return declared;
  if (!files.cargoToml) return undefined;
  const cargo = parseToml(files.cargoToml, 'Cargo.toml');
  // Platform-specific dependencies count too (prqlc: pyo3 under `[target.'cfg(not(target_family="wasm"))'.dependencies]`).
  const targets = Object.values(table(cargo.target)).map((t) => table(table(t).dependencies));
  const dependencies = Object.assign({}, table(table(cargo.workspace).dependencies), ...targets, table(cargo.dependencies));
  const source = 'Cargo.toml';
  if ('pyo3' in dependencies || 'pyo3-ffi' in dependencies) return { bindings: Bindings.PYO3, source: `${source} (a pyo3 dependency)` };
  if ('uniffi' in dependencies) return { bindings: Bindings.UNIFFI, source: `${source} (a uniffi dependency)` };
  const crateTypes = table(cargo.lib)['crate-type'];
  if (Array.isArray(crateTypes) && crateTypes.includes('cdylib')) return { bindings: Bindings.CFFI, source: `${source} (a cdylib without pyo3 or uniffi)` };
  if (Array.isArray(cargo.bin) && cargo.bin.length > 0 && cargo.lib === undefined) return { bindings: Bindings.BIN, source: `${source} (a binary crate)` };
  return undefined;
}

/** A pyo3 `bin` crate builds one wheel per interpreter, which the promised set does not model yet. */
export function unsupportedBindings(files: { cargoToml?: string }, bindings: Bindings): string | undefined {
  if (bindings !== Bindings.BIN || !files.cargoToml) return undefined;
  const cargo = parseToml(files.cargoToml, 'Cargo.toml');
  // Platform-specific dependencies count too (prqlc: pyo3 under `[target.'cfg(not(target_family="wasm"))'.dependencies]`).
  const targets = Object.values(table(cargo.target)).map((t) => table(table(t).dependencies));
  const dependencies = Object.assign({}, table(table(cargo.workspace).dependencies), ...targets, table(cargo.dependencies));
  return 'pyo3' in dependencies
    ? 'bindings is "bin" and Cargo.toml depends on pyo3: maturin then builds one wheel per interpreter (a Python-embedding program), which this release cannot promise yet; drop the pyo3 dependency from the binary, or ship it as a pyo3 extension'
    : undefined;
}
