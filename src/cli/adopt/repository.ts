import { existsSync, readdirSync } from 'fs';
import { join, posix } from 'path';
import { ProjenMaturinError, UsageError } from '../../core/errors';
import { locatePackage, normalizePackageDirectory, pyo3Version, readTomlFile, tomlTable } from '../../core/package-layout';
import { TomlTable } from '../../core/toml';

/** What the package's own files say: name, location, bindings, abi3, version source. */
export interface PackageFacts {
  /** The package directory, `.` for the repository root. */
  readonly directory: string;
  /** `[project].name`, else the crate's name. */
  readonly name: string;
  /** Where the name was read. */
  readonly nameSource: string;
  readonly bindings: 'pyo3' | 'cffi' | 'uniffi' | 'bin';
  /** Where the bindings were read. */
  readonly bindingsSource: string;
  /** The abi3 floor ("3.8"), "" for plain `abi3`, undefined without abi3. */
  readonly abi3?: string;
  /** pyproject.toml has a static `[project].version` (the version source is pyproject). */
  readonly staticVersion: boolean;
  /** pyproject.toml has a [project] table with neither `version` nor "version" in `dynamic`. */
  readonly versionUndeclared: boolean;
  /** `[project].requires-python`. */
  readonly requiresPython?: string;
  /** pyo3 builds free-threaded wheels (pyo3 0.23 and later, per Cargo.lock or Cargo.toml). */
  readonly freeThreaded: boolean;
  /** The pyo3 version (major, minor) the crate builds with, per Cargo.lock or Cargo.toml. */
  readonly pyo3?: readonly [number, number];
  /** pyproject's `build-backend`, when it is not maturin. */
  readonly otherBackend?: string;
  /** Repository-relative path of the crate maturin builds. */
  readonly cargoManifest: string;
  /** The abi3 floor of a build that passes these `--features` (and no others), undefined without abi3. */
  readonly abi3With: (features: readonly string[]) => string | undefined;
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** The crate's pyo3 dependency, platform-specific (`[target.'cfg(…)'.dependencies]`) or not. */
function pyo3Dependency(cargo: TomlTable): unknown {
  const platformSpecific = Object.values(tomlTable(cargo.target) ?? {}).map((t) => tomlTable(tomlTable(t)?.dependencies)?.pyo3);
  return cargo.dependencies?.pyo3 ?? platformSpecific.find((d) => d !== undefined);
}

/** pyo3's declared features, the crate's default features followed, and the features maturin enables. */
function pyo3Features(cargo: TomlTable, workspace: TomlTable | undefined, maturinFeatures: string[]): string[] {
  const dependency = tomlTable(pyo3Dependency(cargo));
  const inherited = dependency?.workspace === true ? tomlTable(workspace?.workspace?.dependencies?.pyo3) : undefined;
  const found = [...list(dependency?.features), ...list(inherited?.features), ...list(tomlTable(cargo.workspace?.dependencies?.pyo3)?.features)];
  const features = tomlTable(cargo.features) ?? {};
  const seen = new Set<string>();
  const enable = (feature: string): void => {
    if (/^pyo3\??\//.test(feature)) {
      found.push(feature.slice(feature.indexOf('/') + 1));
    } else if (!seen.has(feature) && feature in features) {
      seen.add(feature);
      list(features[feature]).forEach(enable);
    }
  };
  ['default', ...maturinFeatures].forEach(enable);
  return found;
}

/** The abi3 floor the features give: the lowest `abi3-pyXY`, "" for plain `abi3`. */
export function abi3Floor(features: readonly string[]): string | undefined {
  const minors = features.map((f) => /^abi3-py3(\d+)$/.exec(f)?.[1]).filter((m): m is string => m !== undefined).map(Number).sort((a, b) => a - b);
  if (minors.length > 0) return `3.${minors[0]}`;
  return features.includes('abi3') ? '' : undefined;
}

/** Package directories with a pyproject.toml that maturin builds, up to three levels deep. */
export function maturinPackages(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    const pyproject = readTomlFile(root, dir === '.' ? 'pyproject.toml' : `${dir}/pyproject.toml`);
    const backend = tomlTable(pyproject?.['build-system'])?.['build-backend'];
    if (backend === 'maturin' || tomlTable(tomlTable(pyproject?.tool)?.maturin)) found.push(dir);
    if (depth === 3) return;
    let entries;
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || ['node_modules', 'target', 'venv', 'dist', 'build'].includes(entry.name)) continue;
      walk(dir === '.' ? entry.name : `${dir}/${entry.name}`, depth + 1);
    }
  };
  walk('.', 0);
  return found;
}

/**
 * The package to adopt: `--package DIR` when given, else the directory the workflows
 * build in (`working-directory`, `-m`; normalized), else the one maturin package in the repository.
 * When the workflows build several, the repository's root package, else the one built most
 * (the first of a tie): adopt names the others and how to add them.
 */
export function choosePackageDirectory(root: string, given: string | undefined, fromWorkflows: readonly string[]): string {
  if (given !== undefined) {
    const dir = normalizePackageDirectory(given);
    if (!existsSync(join(root, dir, 'pyproject.toml')) && !existsSync(join(root, dir, 'Cargo.toml'))) {
      throw new UsageError(`--package ${JSON.stringify(given)} has no pyproject.toml or Cargo.toml`, 'name the directory of the Python package maturin builds, e.g. --package bindings/python');
    }
    return dir;
  }
  const candidates = maturinPackages(root);
  const named = [...new Set(fromWorkflows)].filter((d) => candidates.includes(d));
  if (named.length === 1) return named[0];
  if (named.length > 1) {
    if (named.includes('.')) return '.';
    const builds = (d: string) => fromWorkflows.filter((w) => w === d).length;
    return named.reduce((best, d) => (builds(d) > builds(best) ? d : best));
  }
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) {
    if (existsSync(join(root, 'Cargo.toml'))) return '.';
    throw new ProjenMaturinError(`no maturin package in ${root}: no pyproject.toml with build-backend "maturin" or [tool.maturin], and no Cargo.toml at the root`,
      'run adopt in the repository of a maturin project, or name its directory with --package DIR');
  }
  throw new UsageError(`this repository has several maturin packages: ${candidates.join(', ')}`,
    `adopt them one at a time: add --package DIR, e.g. projen-maturin adopt --package ${candidates[0]}`);
}

/** Reads the package in `directory` of the repository at `root`. */
export function readPackage(root: string, directory: string, maturinFeatures: readonly string[]): PackageFacts {
  const layout = locatePackage(root, directory);
  const pyproject = layout.pyproject ? readTomlFile(root, layout.pyproject) : undefined;
  const cargo = readTomlFile(root, layout.cargoManifest);
  if (!cargo) {
    throw new ProjenMaturinError(`${layout.cargoManifest} does not exist: adopt reads the crate maturin builds`,
      'run adopt in the repository of a maturin project, or name the package directory with --package DIR');
  }
  const ownWorkspace = layout.workspaceManifest === undefined || layout.workspaceManifest === layout.cargoManifest;
  const workspace = ownWorkspace ? undefined : readTomlFile(root, layout.workspaceManifest!);
  const project = tomlTable(pyproject?.project);
  const settings = tomlTable(tomlTable(pyproject?.tool)?.maturin) ?? {};
  const crateName = tomlTable(cargo.package)?.name;
  const name = typeof project?.name === 'string' ? project.name : typeof crateName === 'string' ? crateName : undefined;
  if (name === undefined) throw new ProjenMaturinError(`neither ${layout.pyproject ?? 'pyproject.toml'} [project] name nor ${layout.cargoManifest} [package] name is set`, 'add [project] name to pyproject.toml');
  const nameSource = typeof project?.name === 'string' ? `${layout.pyproject} [project] name` : `${layout.cargoManifest} [package] name`;

  // Platform-specific dependencies count too (prqlc: pyo3 under `[target.'cfg(…)'.dependencies]`).
  const targetDependencies = Object.values(tomlTable(cargo.target) ?? {}).map((t) => tomlTable(tomlTable(t)?.dependencies) ?? {});
  const dependencies = Object.assign({}, tomlTable(workspace?.workspace?.dependencies) ?? {}, ...targetDependencies,
    tomlTable(cargo.dependencies) ?? {});
  let bindings: PackageFacts['bindings'];
  let bindingsSource: string;
  const declared = settings.bindings;
  if (declared === 'pyo3' || declared === 'pyo3-ffi' || declared === 'cffi' || declared === 'uniffi' || declared === 'bin') {
    bindings = declared === 'pyo3-ffi' ? 'pyo3' : declared;
    bindingsSource = `${layout.pyproject} [tool.maturin] bindings`;
  } else if ('pyo3' in dependencies || 'pyo3-ffi' in dependencies) {
    [bindings, bindingsSource] = ['pyo3', `${layout.cargoManifest} (a pyo3 dependency)`];
  } else if ('uniffi' in dependencies) {
    [bindings, bindingsSource] = ['uniffi', `${layout.cargoManifest} (a uniffi dependency)`];
  } else if (list(tomlTable(cargo.lib)?.['crate-type']).includes('cdylib')) {
    [bindings, bindingsSource] = ['cffi', `${layout.cargoManifest} (a cdylib without pyo3)`];
  } else {
    [bindings, bindingsSource] = ['bin', `${layout.cargoManifest} (a binary crate)`];
  }
  const features = bindings === 'pyo3' ? pyo3Features(cargo, workspace, [...list(settings.features), ...maturinFeatures]) : [];
  const version = bindings === 'pyo3' ? pyo3Version(root, layout, cargo, workspace)?.version : undefined;
  const backend = tomlTable(pyproject?.['build-system'])?.['build-backend'];
  return {
    directory: layout.directory,
    name,
    nameSource,
    bindings,
    bindingsSource,
    abi3: abi3Floor(features),
    staticVersion: typeof project?.version === 'string',
    versionUndeclared: project !== undefined && project.version === undefined && !list(project.dynamic).includes('version'),
    requiresPython: typeof project?.['requires-python'] === 'string' ? project['requires-python'] : undefined,
    freeThreaded: version !== undefined && (version[0] > 0 || version[1] >= 23),
    pyo3: version,
    otherBackend: typeof backend === 'string' && backend !== 'maturin' ? backend : undefined,
    cargoManifest: layout.cargoManifest,
    abi3With: (given) => (bindings === 'pyo3' ? abi3Floor(pyo3Features(cargo, workspace, [...list(settings.features), ...given])) : undefined),
  };
}

/** The changelog of the package: CHANGELOG.md (or .rst, HISTORY.md…) at the package directory or the root. */
export function findChangelog(root: string, directory: string): string | undefined {
  const names = ['CHANGELOG.md', 'CHANGES.md', 'HISTORY.md', 'CHANGELOG.rst', 'CHANGES.rst', 'HISTORY.rst'];
  for (const dir of directory === '.' ? ['.'] : [directory, '.']) {
    for (const name of names) {
      const path = dir === '.' ? name : posix.join(dir, name);
      if (existsSync(join(root, path))) return path;
    }
  }
  return undefined;
}
