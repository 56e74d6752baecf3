import { TomlTable, parseToml } from './toml';

/** The pyo3 features of a Cargo.toml's [dependencies] (a version string has none). */
function pyo3Features(cargo: TomlTable): string[] {
  const pyo3 = cargo.dependencies?.pyo3 ?? cargo.workspace?.dependencies?.pyo3;
  return pyo3 && typeof pyo3 === 'object' && Array.isArray(pyo3.features) ? pyo3.features.map(String) : [];
}

/**
 * Contradictions between a user-owned Cargo.toml and the abi3 setting: maturin
 * builds whatever pyo3's features say, so a mismatch would only surface as a
 * failed wheel-set check at release time.
 */
export function checkCargoWiring(text: string, options: { abi3MinimumPython?: string }): string[] {
  let cargo: TomlTable;
  try {
    cargo = parseToml(text, 'Cargo.toml');
  } catch (e) {
    return [(e as Error).message];
  }
  const abi3Feature = pyo3Features(cargo).find((f) => /^abi3(-py3\d+)?$/.test(f));
  const want = options.abi3MinimumPython;
  if (abi3Feature && !want) {
    const minimum = /^abi3-py3(\d+)$/.exec(abi3Feature);
    const suggestion = minimum ? `abi3: true, abi3MinimumPython: "3.${minimum[1]}"` : 'abi3: true';
    return [`Cargo.toml enables pyo3 feature "${abi3Feature}", so maturin builds one abi3 wheel per platform, but abi3 is not enabled: set ${suggestion}, or remove the feature`];
  }
  if (want && !abi3Feature) {
    return [`abi3 is enabled but Cargo.toml's pyo3 dependency has no abi3 feature: add features = ["abi3-py${want.replace('.', '')}"] to pyo3, or turn abi3 off`];
  }
  const declared = abi3Feature ? /^abi3-py3(\d+)$/.exec(abi3Feature) : null;
  if (want && declared && `3.${declared[1]}` !== want) {
    return [`Cargo.toml enables pyo3 feature "${abi3Feature}" but abi3MinimumPython is "${want}": the wheels would be tagged cp3${declared[1]}-abi3; make them agree`];
  }
  return [];
}
