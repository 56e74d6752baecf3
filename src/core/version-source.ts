import { ProjenMaturinError } from './errors';
import { readTextFile } from './files';
import { TomlTable, parseToml } from './toml';

type Table = TomlTable;

function readToml(root: string, file: string): Table | undefined {
  const text = readTextFile(root, file);
  if (text === undefined) return undefined;
  try {
    return parseToml(text, file);
  } catch (e) {
    throw new ProjenMaturinError((e as Error).message);
  }
}

const table = (value: unknown): Table | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Table) : undefined;

/** `[package].version` of Cargo.toml, following `version.workspace = true`. */
function cargoVersion(root: string): string {
  const cargo = readToml(root, 'Cargo.toml');
  if (!cargo) throw new ProjenMaturinError('versionSource is "cargo" but there is no Cargo.toml in the repository root');
  const pkg = table(cargo.package);
  const version = pkg?.version;
  if (typeof version === 'string') return version;
  if (table(version)?.workspace === true) {
    const inherited = table(table(cargo.workspace)?.package)?.version;
    if (typeof inherited === 'string') return inherited;
    throw new ProjenMaturinError('Cargo.toml has version.workspace = true but no [workspace.package] version: add `version = "x.y.z"` under [workspace.package]');
  }
  throw new ProjenMaturinError('Cargo.toml has no [package] version: add `version = "x.y.z"` under [package]');
}

/**
 * The version the release must carry, from the configured source, with the
 * contradictions maturin would otherwise resolve silently reported as errors.
 */
export function readSourceVersion(root: string, source: 'cargo' | 'pyproject'): string {
  const pyproject = readToml(root, 'pyproject.toml');
  const project = table(pyproject?.project);
  const dynamic = Array.isArray(project?.dynamic) && project!.dynamic.includes('version');
  const staticVersion = project?.version;
  if (source === 'cargo') {
    if (staticVersion !== undefined) {
      throw new ProjenMaturinError(
        `pyproject.toml has a static [project] version (${JSON.stringify(staticVersion)}) but versionSource is "cargo": ` +
          'remove it and add dynamic = ["version"], so Cargo.toml is the one version source',
      );
    }
    return cargoVersion(root);
  }
  if (!pyproject) throw new ProjenMaturinError('versionSource is "pyproject" but there is no pyproject.toml in the repository root');
  if (typeof staticVersion === 'string') return staticVersion;
  if (dynamic) {
    throw new ProjenMaturinError('pyproject.toml declares dynamic = ["version"] but versionSource is "pyproject": set a static [project] version, or use versionSource "cargo"');
  }
  throw new ProjenMaturinError('pyproject.toml has no [project] version: add `version = "x.y.z"` under [project]');
}
