import { ProjenMaturinError } from './errors';
import { PackageLayout, locatePackage, readTomlFile, tomlTable } from './package-layout';

/** Where the release version is written: the file, the key path in it, and its value. */
export interface VersionLocation {
  readonly layout: PackageLayout;
  /** The file holding the version (repository-relative). */
  readonly file: string;
  /** The key path of the version in that file, e.g. `workspace.package.version`. */
  readonly key: readonly string[];
  readonly version: string;
  /** The crate inherits its version from the workspace (`version.workspace = true`). */
  readonly inherited: boolean;
}

/** `[package].version` of the crate, following `version.workspace = true` to the workspace root. */
function cargoVersion(root: string, layout: PackageLayout): VersionLocation {
  const manifest = layout.cargoManifest;
  const cargo = readTomlFile(root, manifest);
  if (!cargo) {
    const where = layout.directory === '.' ? 'the repository root' : layout.directory;
    const hint = layout.directory === '.' ? '; if the package lives in a subdirectory, set the packageDirectory option to it (e.g. "bindings/python")' : '';
    throw new ProjenMaturinError(`versionSource is "cargo" but there is no ${manifest} (the crate maturin builds in ${where})${hint}`);
  }
  const version = tomlTable(cargo.package)?.version;
  if (typeof version === 'string') return { layout, file: manifest, key: ['package', 'version'], version, inherited: false };
  if (tomlTable(version)?.workspace === true) {
    const workspaceFile = layout.workspaceManifest;
    if (!workspaceFile) {
      throw new ProjenMaturinError(`${manifest} has version.workspace = true, but no Cargo workspace in the repository contains it: ` +
        'add it to the members of the workspace root\'s Cargo.toml, or give it its own version');
    }
    const workspace = workspaceFile === manifest ? cargo : readTomlFile(root, workspaceFile)!;
    const inherited = tomlTable(tomlTable(workspace.workspace)?.package)?.version;
    if (typeof inherited === 'string') return { layout, file: workspaceFile, key: ['workspace', 'package', 'version'], version: inherited, inherited: true };
    throw new ProjenMaturinError(`${manifest} has version.workspace = true but ${workspaceFile} has no [workspace.package] version: add \`version = "x.y.z"\` under [workspace.package]`);
  }
  throw new ProjenMaturinError(`${manifest} has no [package] version: add \`version = "x.y.z"\` under [package]`);
}

/**
 * Where the version the release must carry is, from the configured source, with
 * the contradictions maturin would otherwise resolve silently reported as errors.
 */
export function locateVersion(root: string, source: 'cargo' | 'pyproject', directory = '.'): VersionLocation {
  const layout = locatePackage(root, directory);
  const pyprojectFile = layout.pyproject ?? (layout.directory === '.' ? 'pyproject.toml' : `${layout.directory}/pyproject.toml`);
  const pyproject = layout.pyproject ? readTomlFile(root, layout.pyproject) : undefined;
  const project = tomlTable(pyproject?.project);
  const dynamic = Array.isArray(project?.dynamic) && project!.dynamic.includes('version');
  const staticVersion = project?.version;
  if (source === 'cargo') {
    if (staticVersion !== undefined) {
      throw new ProjenMaturinError(
        `${pyprojectFile} has a static [project] version (${JSON.stringify(staticVersion)}) but versionSource is "cargo": ` +
          'remove it and add dynamic = ["version"], so Cargo.toml is the one version source',
      );
    }
    return cargoVersion(root, layout);
  }
  if (!pyproject) throw new ProjenMaturinError(`versionSource is "pyproject" but there is no ${pyprojectFile}`);
  if (typeof staticVersion === 'string') return { layout, file: pyprojectFile, key: ['project', 'version'], version: staticVersion, inherited: false };
  if (dynamic) {
    throw new ProjenMaturinError(`${pyprojectFile} declares dynamic = ["version"] but versionSource is "pyproject": set a static [project] version, or use versionSource "cargo"`);
  }
  throw new ProjenMaturinError(`${pyprojectFile} has no [project] version: add \`version = "x.y.z"\` under [project]`);
}

/** The version the release must carry (see `locateVersion`). */
export function readSourceVersion(root: string, source: 'cargo' | 'pyproject', directory = '.'): string {
  return locateVersion(root, source, directory).version;
}
