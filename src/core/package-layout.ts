import { existsSync, readdirSync, statSync } from 'fs';
import { join, posix } from 'path';
import { ProjenMaturinError } from './errors';
import { readTextFile } from './files';
import { TomlTable, parseToml } from './toml';

/**
 * Where a package's files are in the repository, as maturin and cargo find them:
 * the package directory (pyproject.toml), the crate maturin builds, and the
 * Cargo workspace the crate belongs to. Every path is relative to the
 * repository root, with `/` separators.
 */
export interface PackageLayout {
  /** The package directory, `.` for the repository root. */
  readonly directory: string;
  /** The package's pyproject.toml, when it has one. */
  readonly pyproject?: string;
  /** The crate maturin builds: `[tool.maturin] manifest-path` of pyproject.toml, else Cargo.toml in the package directory. */
  readonly cargoManifest: string;
  /** The manifest of the Cargo workspace root the crate belongs to (the crate's own when it is the root); undefined outside a workspace. */
  readonly workspaceManifest?: string;
  /** Where Cargo.lock is (whether or not it exists): beside the workspace root, else beside the crate. */
  readonly cargoLock: string;
}

/** A parsed TOML file, or undefined when it does not exist; invalid TOML is an error naming the file. */
export function readTomlFile(root: string, file: string): TomlTable | undefined {
  const text = readTextFile(root, file);
  if (text === undefined) return undefined;
  try {
    return parseToml(text, file);
  } catch (e) {
    throw new ProjenMaturinError((e as Error).message);
  }
}

export const tomlTable = (value: unknown): TomlTable | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as TomlTable) : undefined;

/**
 * The pyo3 version (major, minor) the crate builds with and the file that says so: Cargo.lock's
 * `pyo3` package, else the version requirement in Cargo.toml (its own dependency, or the workspace
 * one it inherits); undefined when neither says.
 */
export function pyo3Version(root: string, layout: Pick<PackageLayout, 'cargoLock' | 'cargoManifest' | 'workspaceManifest'>,
  cargo: TomlTable | undefined, workspace: TomlTable | undefined): { version: [number, number]; file: string } | undefined {
  const lock = readTomlFile(root, layout.cargoLock);
  const locked = Array.isArray(lock?.package) ? lock!.package.find((p: unknown) => tomlTable(p)?.name === 'pyo3')?.version : undefined;
  const dependency = cargo?.dependencies?.pyo3;
  const own = typeof dependency === 'string' ? dependency : tomlTable(dependency)?.version;
  const inherited = workspace?.workspace?.dependencies?.pyo3 ?? cargo?.workspace?.dependencies?.pyo3;
  const [requirement, file] = locked !== undefined ? [locked, layout.cargoLock]
    : own !== undefined ? [own, layout.cargoManifest]
      : [typeof inherited === 'string' ? inherited : tomlTable(inherited)?.version, layout.workspaceManifest ?? layout.cargoManifest];
  const match = typeof requirement === 'string' ? /(\d+)\.(\d+)/.exec(requirement) : null;
  return match ? { version: [Number(match[1]), Number(match[2])], file } : undefined;
}

/** `a/b` joined and normalised; `.` for the root. */
export function repoPath(...parts: string[]): string {
  const joined = posix.normalize(posix.join(...parts.map((p) => p.replace(/\\/g, '/'))));
  return joined.replace(/\/$/, '') || '.';
}

/** Whether a normalised repository path leaves the repository. */
const outside = (path: string) => path === '..' || path.startsWith('../') || posix.isAbsolute(path);

/**
 * The package directory as given (`./bindings/python/`, `bindings\python`) in its
 * one normal form (`bindings/python`), or an error when it leaves the repository.
 */
export function normalizePackageDirectory(directory: string): string {
  const normal = repoPath(directory);
  if (outside(normal)) throw new ProjenMaturinError(`the package directory "${directory}" is outside the repository; it must be a path inside it, such as "bindings/python"`);
  return normal;
}

/**
 * The Cargo workspace root of the crate whose manifest is `manifest`, found as
 * cargo finds it: an explicit `package.workspace`, the crate itself when it has
 * `[workspace]`, else the nearest directory above it (inside the repository)
 * whose Cargo.toml has `[workspace]` and does not exclude the crate.
 */
function findWorkspaceRoot(root: string, manifest: string, crate: TomlTable): string | undefined {
  if (tomlTable(crate.workspace)) return manifest;
  const crateDir = posix.dirname(manifest);
  const explicit = tomlTable(crate.package)?.workspace;
  if (typeof explicit === 'string') {
    const candidate = repoPath(crateDir, explicit, 'Cargo.toml');
    if (outside(candidate) || !tomlTable(readTomlFile(root, candidate)?.workspace)) {
      throw new ProjenMaturinError(`${manifest} sets package.workspace = "${explicit}", but ${candidate} is not a Cargo workspace root in the repository`);
    }
    return candidate;
  }
  for (let dir = crateDir; dir !== '.';) {
    dir = posix.dirname(dir);
    const candidate = repoPath(dir, 'Cargo.toml');
    const workspace = tomlTable(readTomlFile(root, candidate)?.workspace);
    if (!workspace) continue;
    const relative = posix.relative(dir === '.' ? '' : dir, crateDir);
    const within = (entry: unknown) => typeof entry === 'string' && (relative === repoPath(entry) || relative.startsWith(`${repoPath(entry)}/`));
    const excluded = (Array.isArray(workspace.exclude) ? workspace.exclude : []).some(within);
    const member = (Array.isArray(workspace.members) ? workspace.members : []).some(within);
    if (member || !excluded) return candidate;
  }
  return undefined;
}

/**
 * Finds the package in `directory` (relative to the repository `root`): its
 * pyproject.toml, the crate it builds and that crate's workspace. A missing or
 * unreadable crate manifest is an error that names the path.
 */
export function locatePackage(root: string, directory = '.'): PackageLayout {
  const dir = normalizePackageDirectory(directory);
  const pyprojectPath = repoPath(dir, 'pyproject.toml');
  const pyproject = readTomlFile(root, pyprojectPath);
  const maturin = tomlTable(tomlTable(pyproject?.tool)?.maturin);
  const manifestSetting = maturin?.['manifest-path'];
  let cargoManifest = repoPath(dir, 'Cargo.toml');
  if (typeof manifestSetting === 'string') {
    cargoManifest = repoPath(dir, manifestSetting);
    if (outside(cargoManifest)) {
      throw new ProjenMaturinError(`${pyprojectPath} sets [tool.maturin] manifest-path = "${manifestSetting}", which is outside the repository`);
    }
  } else if (pyproject && existsSync(join(root, dir, 'rust', 'Cargo.toml'))) {
    // maturin's "Python first src-layout" (src/project_layout.rs): rust/Cargo.toml, when python-source
    // is set or src/<module>/__init__.py exists for the project name or a python-packages entry.
    const name = tomlTable(pyproject.project)?.name;
    const packages = [...(typeof name === 'string' ? [name.replace(/-/g, '_')] : []),
      ...(Array.isArray(maturin?.['python-packages']) ? maturin['python-packages'].filter((p): p is string => typeof p === 'string') : [])];
    if (maturin?.['python-source'] !== undefined || packages.some((p) => existsSync(join(root, dir, 'src', p, '__init__.py')))) {
      cargoManifest = repoPath(dir, 'rust', 'Cargo.toml');
    }
  }
  const crate = readTomlFile(root, cargoManifest);
  const workspaceManifest = crate ? findWorkspaceRoot(root, cargoManifest, crate) : undefined;
  return {
    directory: dir,
    pyproject: pyproject ? pyprojectPath : undefined,
    cargoManifest,
    workspaceManifest,
    cargoLock: repoPath(posix.dirname(workspaceManifest ?? cargoManifest), 'Cargo.lock'),
  };
}

/** Whether one path segment of a Cargo `members` glob matches a directory name. */
function segmentMatcher(segment: string): RegExp {
  const source = segment.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${source}$`);
}

/**
 * The manifests of a workspace's members: `members` globs (`crates/*`) expanded
 * on disk, minus `exclude`, plus the root package. Only directories inside the
 * repository that hold a Cargo.toml count.
 */
export function workspaceMembers(root: string, workspaceManifest: string): string[] {
  const manifest = readTomlFile(root, workspaceManifest);
  const workspace = tomlTable(manifest?.workspace) ?? {};
  const base = posix.dirname(workspaceManifest);
  const excluded = (Array.isArray(workspace.exclude) ? workspace.exclude : []).filter((e): e is string => typeof e === 'string').map((e) => repoPath(base, e));
  const found = new Set<string>(tomlTable(manifest?.package) ? [workspaceManifest] : []);
  const isDir = (path: string) => {
    try {
      return statSync(join(root, path)).isDirectory();
    } catch {
      return false;
    }
  };
  const expand = (dir: string, segments: string[]): void => {
    if (outside(dir) || !isDir(dir)) return;
    if (segments.length === 0) {
      const member = repoPath(dir, 'Cargo.toml');
      if (existsSync(join(root, member)) && !excluded.some((e) => dir === e || dir.startsWith(`${e}/`))) found.add(member);
      return;
    }
    const [segment, ...rest] = segments;
    if (segment === '**') {
      expand(dir, rest);
      for (const entry of readdirSync(join(root, dir))) if (!entry.startsWith('.')) expand(repoPath(dir, entry), segments);
    } else if (/[*?[]/.test(segment)) {
      const match = segmentMatcher(segment);
      for (const entry of readdirSync(join(root, dir)).sort()) if (match.test(entry)) expand(repoPath(dir, entry), rest);
    } else {
      expand(repoPath(dir, segment), rest);
    }
  };
  for (const member of Array.isArray(workspace.members) ? workspace.members : []) {
    if (typeof member === 'string') expand(base, repoPath(member).split('/').filter((s) => s !== '.'));
  }
  return [...found];
}
