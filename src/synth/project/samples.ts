/** Starter files of a new maturin project; each is written once and then belongs to the user. */
export interface SampleContext {
  readonly packageName: string;
  readonly moduleName: string;
  readonly version: string;
  /** `abi3-pyXY` feature when abi3 is on. */
  readonly abi3Feature?: string;
  readonly description: string;
}

/** The Rust crate's name: the package name in Cargo's preferred form. */
const crateName = (ctx: SampleContext) => ctx.packageName.toLowerCase().replace(/[^a-z0-9_-]+/g, '-');

export function cargoToml(ctx: SampleContext): string {
  const features = ['extension-module', ...(ctx.abi3Feature ? [ctx.abi3Feature] : [])].map((f) => `"${f}"`).join(', ');
  return [
    '[package]',
    `name = "${crateName(ctx)}"`,
    `version = "${ctx.version}"`,
    'edition = "2021"',
    `description = ${JSON.stringify(ctx.description)}`,
    'publish = false',
    '',
    '[lib]',
    `name = "_${ctx.moduleName}"`,
    'crate-type = ["cdylib"]',
    '',
    '[dependencies]',
    `pyo3 = { version = "0.27", features = [${features}] }`,
    '',
  ].join('\n');
}

export function libRs(ctx: SampleContext): string {
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
    `fn _${ctx.moduleName}(m: &Bound<'_, PyModule>) -> PyResult<()> {`,
    '    m.add_function(wrap_pyfunction!(add, m)?)?;',
    '    Ok(())',
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
    '```',
    '',
    'Releases are tag-driven: see RELEASING.md.',
    '',
  ].join('\n');
}
