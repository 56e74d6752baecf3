import { TomlTable, parseToml } from '../../core/toml';
import { abi3Feature } from '../plan/interpreters';

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/**
 * Every pyo3 feature the build can enable: on the dependency, on the workspace
 * dependency it inherits, through the crate's own `[features]` (`pyo3/abi3-py39`),
 * and through maturin's `features` setting.
 */
function pyo3Features(cargo: TomlTable, maturinFeatures: readonly string[]): string[] {
  const direct = cargo.dependencies?.pyo3;
  const workspace = cargo.workspace?.dependencies?.pyo3;
  const viaFeatures = Object.values(cargo.features ?? {}).flatMap(list);
  return [
    ...list(direct?.features),
    ...list(workspace?.features),
    ...[...viaFeatures, ...maturinFeatures].filter((f) => f.startsWith('pyo3/')).map((f) => f.slice('pyo3/'.length)),
  ];
}

/**
 * Contradictions between a user-owned Cargo.toml and the abi3 setting: maturin
 * builds whatever pyo3's features say, so a mismatch would only surface as a
 * failed wheel-set check at release time.
 */
export function checkCargoWiring(text: string, options: { abi3MinimumPython?: string; maturinFeatures?: readonly string[] }): string[] {
  let cargo: TomlTable;
  try {
    cargo = parseToml(text, 'Cargo.toml');
  } catch (e) {
    return [(e as Error).message];
  }
  const enabledAbi3 = pyo3Features(cargo, options.maturinFeatures ?? []).find((f) => /^abi3(-py3\d+)?$/.test(f));
  const want = options.abi3MinimumPython;
  if (enabledAbi3 && !want) {
    const minimum = /^abi3-py3(\d+)$/.exec(enabledAbi3);
    const suggestion = minimum ? `abi3: true, abi3MinimumPython: "3.${minimum[1]}"` : 'abi3: true';
    return [`Cargo.toml enables pyo3 feature "${enabledAbi3}", so maturin builds one abi3 wheel per platform, but abi3 is not enabled: set ${suggestion}, or remove the feature`];
  }
  if (want && !enabledAbi3) {
    return [`abi3 is enabled but Cargo.toml's pyo3 dependency has no abi3 feature: add features = ["${abi3Feature(want)}"] to pyo3, or turn abi3 off`];
  }
  const declared = enabledAbi3 ? /^abi3-py3(\d+)$/.exec(enabledAbi3) : null;
  if (want && declared && `3.${declared[1]}` !== want) {
    return [`Cargo.toml enables pyo3 feature "${enabledAbi3}" but abi3MinimumPython is "${want}": the wheels would be tagged cp3${declared[1]}-abi3; make them agree`];
  }
  return [];
}
