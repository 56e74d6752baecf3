/** Starter files of a new maturin project; each is written once and then belongs to the user. */
export interface SampleContext {
  readonly packageName: string;
  readonly moduleName: string;
  readonly version: string;
  /** `abi3-pyXY` feature when abi3 is on. */
  readonly abi3Feature?: string;
  readonly description: string;
  /** SPDX license expression. */
  readonly license: string;
}

/** The Rust crate's name: the package name in Cargo's preferred form. */
const crateName = (ctx: SampleContext) => ctx.packageName.toLowerCase().replace(/[^a-z0-9_-]+/g, '-');

/** The pyo3 release the sample crate starts from (its newest). */
export const PYO3_VERSION = '0.29';

export function cargoToml(ctx: SampleContext): string {
  // No "extension-module" feature: maturin (1.9.4 and later) sets PYO3_BUILD_EXTENSION_MODULE
  // for the wheel, and `cargo test` links libpython as tests need (PyO3's current guidance).
  const pyo3 = ctx.abi3Feature ? `{ version = "${PYO3_VERSION}", features = ["${ctx.abi3Feature}"] }` : `"${PYO3_VERSION}"`;
  return [
    '[package]',
    `name = "${crateName(ctx)}"`,
    `version = "${ctx.version}"`,
    'edition = "2024"',
    `description = ${JSON.stringify(ctx.description)}`,
    `license = ${JSON.stringify(ctx.license)}`,
    'publish = false',
    '',
    '[lib]',
    `name = "_${ctx.moduleName}"`,
    'crate-type = ["cdylib"]',
    '',
    '[dependencies]',
    `pyo3 = ${pyo3}`,
    '',
  ].join('\n');
}

export function libRs(ctx: SampleContext): string {
  const module = `_${ctx.moduleName}`;
  return [
    'use pyo3::prelude::*;',
    '',
    '/// Adds two numbers; replace with your own functions.',
    '#[pyfunction]',
    'fn add(a: i64, b: i64) -> i64 {',
    '    a + b',
    '}',
    '',
    `/// The native extension, imported by the \`${ctx.moduleName}\` package.`,
    '#[pymodule]',
    `mod ${module} {`,
    '    #[pymodule_export]',
    '    use super::add;',
    '}',
    '',
    '#[cfg(test)]',
    'mod tests {',
    '    use super::add;',
    '',
    '    #[test]',
    '    fn adds() {',
    '        assert_eq!(add(2, 3), 5);',
    '    }',
    '}',
    '',
  ].join('\n');
}

export function initPy(ctx: SampleContext): string {
  return [
    `"""${ctx.description}"""`,
    '',
    `from ${ctx.moduleName}._${ctx.moduleName} import add`,
    '',
    '__all__ = ["add"]',
    '',
  ].join('\n');
}

export function nativeStub(): string {
  return ['def add(a: int, b: int) -> int: ...', ''].join('\n');
}

export function testPy(ctx: SampleContext): string {
  return [
    `from ${ctx.moduleName} import add`,
    '',
    '',
    'def test_add():',
    '    assert add(2, 3) == 5',
    '',
  ].join('\n');
}

export function readme(ctx: SampleContext): string {
  return [
    `# ${ctx.packageName}`,
    '',
    ctx.description,
    '',
    '## Development',
    '',
    '```sh',
    'python -m venv .venv && . .venv/bin/activate',
    'pip install maturin pytest',
    'maturin develop',
    'pytest tests/',
    'cargo fmt --all --check && cargo clippy --all-targets -- -D warnings && cargo test',
    '```',
    '',
    'Releases are tag-driven: see RELEASING.md.',
    '',
  ].join('\n');
}
