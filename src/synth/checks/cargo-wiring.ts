import { Interpreter, abi3Feature, pyo3PypyFloor, whyNotPyo3 } from '../../core/interpreters';
import { TomlTable, parseToml } from '../../core/toml';

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const table = (value: unknown): TomlTable => (value && typeof value === 'object' && !Array.isArray(value) ? value as TomlTable : {});

/** What besides the crate's manifest decides which pyo3 features a build enables. */
export interface CargoFeatureSources {
  /** The workspace root's manifest, for dependencies the crate inherits (`pyo3 = { workspace = true }`). */
  readonly workspace?: TomlTable;
  /** Features maturin enables: `[tool.maturin] features` and `--features` of `maturinArgs` (`pyo3/abi3-py39` or the crate's own). */
  readonly maturinFeatures?: readonly string[];
}

/** The features `--features`/`-F` arguments of `maturin build` enable. */
export function featuresOfArgs(args: readonly string[]): string[] {
  const found: string[] = [];
  args.forEach((arg, i) => {
    const value = /^(?:--features|-F)=(.*)$/.exec(arg)?.[1] ?? (arg === '--features' || arg === '-F' ? args[i + 1] : undefined);
    if (value) found.push(...value.split(/[\s,]+/).filter(Boolean));
  });
  return found;
}

/**
 * Every pyo3 feature a build enables: on the dependency, on the workspace
 * dependency it inherits, and through the crate's features that are on (its
 * `default` ones and those maturin enables), followed through the crate's own
 * `[features]` table. A feature nobody enables (e.g. an optional `abi3 = ["pyo3/abi3-py39"]`) does not count.
 */
function pyo3Features(cargo: TomlTable, sources: CargoFeatureSources): string[] {
  // A platform-specific dependency (`[target.'cfg(…)'.dependencies]`, prqlc) is pyo3's too.
  const platformSpecific = Object.values(table(cargo.target)).map((t) => table(table(t).dependencies).pyo3);
  const dependency = cargo.dependencies?.pyo3 ?? platformSpecific.find((d) => d !== undefined);
  const inherited = table(dependency).workspace === true ? sources.workspace?.workspace?.dependencies?.pyo3 : undefined;
  const own = cargo.workspace?.dependencies?.pyo3;
  const features = table(cargo.features);
  const found = [...list(table(dependency).features), ...list(table(inherited).features), ...list(table(own).features)];
  const seen = new Set<string>();
  const enable = (feature: string): void => {
    if (feature.startsWith('pyo3/') || feature.startsWith('pyo3?/')) {
      found.push(feature.slice(feature.indexOf('/') + 1));
    } else if (!seen.has(feature) && feature in features) {
      seen.add(feature);
      list(features[feature]).forEach(enable);
    }
  };
  ['default', ...(sources.maturinFeatures ?? [])].forEach(enable);
  return found;
}

/**
 * The abi3 feature that decides the wheels: the lowest `abi3-pyXY` (each enables
 * the later ones, so the lowest is the floor), else plain `abi3`; undefined when none.
 */
function abi3FeatureOf(features: readonly string[]): string | undefined {
  const minor = (f: string) => Number(/^abi3-py3(\d+)$/.exec(f)?.[1]);
  const versioned = features.filter((f) => /^abi3-py3\d+$/.test(f)).sort((a, b) => minor(a) - minor(b));
  return versioned[0] ?? features.find((f) => f === 'abi3');
}

/** The pyo3 abi3 feature the crate's build enables: `abi3-py38` as "3.8", plain `abi3` as ""; undefined when none. */
export function cargoAbi3(text: string, sources: CargoFeatureSources = {}): string | undefined {
  let cargo: TomlTable;
  try {
    cargo = parseToml(text, 'Cargo.toml');
  } catch {
    return undefined;
  }
  const feature = abi3FeatureOf(pyo3Features(cargo, sources));
  if (feature === undefined) return undefined;
  const minor = /^abi3-py3(\d+)$/.exec(feature)?.[1];
  return minor === undefined ? '' : `3.${minor}`;
}

/**
 * Contradictions between a user-owned Cargo.toml and the abi3 setting: maturin
 * builds whatever pyo3's features say, so a mismatch would only surface as a
 * failed wheel-set check at release time.
 */
export function checkCargoWiring(
  text: string,
  options: { abi3MinimumPython?: string; maturinFeatures?: readonly string[]; workspace?: TomlTable; manifest?: string },
): string[] {
  const file = options.manifest ?? 'Cargo.toml';
  let cargo: TomlTable;
  try {
    cargo = parseToml(text, file);
  } catch (e) {
    return [(e as Error).message];
  }
  const enabledAbi3 = abi3FeatureOf(pyo3Features(cargo, options));
  const want = options.abi3MinimumPython;
  if (enabledAbi3 && !want) {
    const minimum = /^abi3-py3(\d+)$/.exec(enabledAbi3);
    const suggestion = minimum ? `abi3: true, abi3MinimumPython: "3.${minimum[1]}"` : 'abi3: true';
    return [`${file} enables pyo3 feature "${enabledAbi3}", so maturin builds one abi3 wheel per platform, but abi3 is not enabled: set ${suggestion}, or remove the feature`];
  }
  if (want && !enabledAbi3) {
    return [`abi3 is enabled but ${file}'s pyo3 dependency has no abi3 feature: add features = ["${abi3Feature(want)}"] to pyo3, or turn abi3 off`];
  }
  const declared = enabledAbi3 ? /^abi3-py3(\d+)$/.exec(enabledAbi3) : null;
  if (want && declared && `3.${declared[1]}` !== want) {
    return [`${file} enables pyo3 feature "${enabledAbi3}" but abi3MinimumPython is "${want}": the wheels would be tagged cp3${declared[1]}-abi3; make them agree`];
  }
  return [];
}

/**
 * Interpreters the crate's pyo3 cannot build (PyO3 0.27 and later: no PyPy before 3.11), each as
 * the option that asks for it: pyo3-ffi's build script would fail that build at release time.
 */
export function checkPyo3Interpreters(
  pyo3: { version: readonly [number, number]; file: string },
  config: { interpreters: readonly Interpreter[]; targets: readonly { platform: { id: string }; interpreters: readonly Interpreter[] }[] },
): string[] {
  const problems = new Map<string, string>();
  for (const target of config.targets) {
    for (const interpreter of target.interpreters) {
      const why = whyNotPyo3(interpreter, pyo3.version);
      if (!why) continue;
      const option = config.interpreters.some((i) => i.spec === interpreter.spec) ? 'pythonVersions' : `targets["${target.platform.id}"].pythonVersions`;
      problems.set(`${option} ${interpreter.spec}`, `${option} includes "${interpreter.spec}", but the crate builds with pyo3 ${pyo3.version.join('.')} (${pyo3.file}): ${why}; `
        + `remove "${interpreter.spec}" from ${option}, or build with pyo3 older than ${pyo3PypyFloor(pyo3.version)!.from.join('.')}`);
    }
  }
  return [...problems.values()];
}
