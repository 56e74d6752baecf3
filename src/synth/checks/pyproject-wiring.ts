import { satisfies, validRange } from '@renovatebot/pep440';
import { normalizeDistributionName } from '../../core/distributions';
import { TomlTable, parseToml } from '../../core/toml';


/**
 * Whether a pyproject.toml builds with maturin: its backend is maturin, or an
 * in-tree backend (`backend-path`) that requires maturin and wraps it.
 */
export function buildsWithMaturin(pyproject: TomlTable): boolean {
  const system = pyproject['build-system'] ?? {};
  if (system['build-backend'] === 'maturin') return true;
  const requires: unknown[] = Array.isArray(system.requires) ? system.requires : [];
  return Array.isArray(system['backend-path']) && requires.some((r) => typeof r === 'string' && /^maturin\b/i.test(r.trim()));
}

/**
 * The warning of `otherBuildBackend`: what the release's maturin-built sdist means when pip
 * builds from it with the pyproject's own backend. Undefined when the backend is maturin.
 */
export function otherBackendWarning(text: string, file: string): string | undefined {
  const pyproject = parseToml(text, file);
  if (buildsWithMaturin(pyproject)) return undefined;
  const system = pyproject['build-system'] ?? {};
  const backend = JSON.stringify(system['build-backend'] ?? null);
  const requires = Array.isArray(system.requires) ? ` (requires ${system.requires.map((r: unknown) => JSON.stringify(r)).join(', ')})` : '';
  return `${file}: build-backend is ${backend}${requires}, not maturin (otherBuildBackend): the release builds the wheels and the sdist with maturin, ` +
    `but pip builds a wheel from that sdist with ${backend}, so whoever installs from the sdist (a platform without a wheel, or --no-binary) gets that backend's build, ` +
    'not the one the release tested; try it once: pip install --no-binary :all: <the sdist>';
}

/** What a release without a long description means, for the warnings that name its cause. */
export const NO_DESCRIPTION = 'PyPI takes them but shows no description, and check-dist warns (twine check --strict)';

/**
 * Why a user-owned pyproject.toml gives the wheels no long description, or undefined: maturin
 * drops the description unless [project] names a readme or lists it in dynamic (maturin
 * v1.14.1, src/metadata.rs `clear_non_dynamic_fields`). Without [project], maturin reads
 * Cargo.toml's readme instead.
 */
export function missingReadme(text: string, file: string): string | undefined {
  const project = parseToml(text, file).project;
  if (!project || typeof project !== 'object') return undefined;
  if (project.readme !== undefined || (Array.isArray(project.dynamic) && project.dynamic.includes('readme'))) return undefined;
  return `${file}: [project] has no readme, so maturin writes no long description into the wheels and sdist: ${NO_DESCRIPTION}. Add readme = "README.md" to [project]`;
}

/**
 * Why a user-owned pyproject.toml leaves the version to maturin's fallback, or undefined:
 * [project] has neither a version nor dynamic = ["version"]. maturin 1 takes Cargo.toml's
 * version with a warning; maturin 2 refuses it (v1.14.1, src/metadata.rs `merge_version`).
 */
export function undeclaredVersion(text: string, file: string): string | undefined {
  const project = parseToml(text, file).project;
  if (!project || typeof project !== 'object' || project.version !== undefined) return undefined;
  if (Array.isArray(project.dynamic) && project.dynamic.includes('version')) return undefined;
  return `${file}: [project] has neither version nor dynamic = ["version"]: maturin 1 takes the version from Cargo.toml with a warning, and maturin 2 refuses it; ` +
    'add dynamic = ["version"] to [project]';
}

/**
 * Contradictions between a user-owned pyproject.toml and the release
 * configuration, each with how to fix it. Empty when the wiring agrees.
 */
export function checkPyprojectWiring(
  text: string,
  options: { packageName: string; versionSource: 'cargo' | 'pyproject'; pythonVersions: readonly string[]; file?: string; otherBuildBackend?: boolean },
): string[] {
  const file = options.file ?? 'pyproject.toml';
  let pyproject: TomlTable;
  try {
    pyproject = parseToml(text, file);
  } catch (e) {
    return [(e as Error).message];
  }
  const problems: string[] = [];
  const backend = pyproject['build-system']?.['build-backend'];
  // otherBuildBackend names a backend the sdist builds with: it excuses no missing one.
  const other = typeof backend === 'string' && backend !== '';
  if (!buildsWithMaturin(pyproject) && !(options.otherBuildBackend && other)) {
    problems.push(`${file}: [build-system] build-backend is ${JSON.stringify(backend ?? null)}, but the release builds with maturin: set build-backend = "maturin" and requires = ["maturin>=1.7,<2.0"]` +
      (other ? '; or, if maturin builds the wheels and that backend is meant for builds from the sdist (as in maturin\'s own repository), set otherBuildBackend: true' : ''));
  } else if (buildsWithMaturin(pyproject) && options.otherBuildBackend) {
    problems.push(`${file}: otherBuildBackend is true, but [build-system] builds with maturin already: remove otherBuildBackend`);
  }
  const project: TomlTable = pyproject.project ?? {};
  if (typeof project.name === 'string' && normalizeDistributionName(project.name) !== normalizeDistributionName(options.packageName)) {
    problems.push(`${file}: [project] name is "${project.name}" but packageName is "${options.packageName}": the wheels would carry the other name; make them the same`);
  }
  if (options.versionSource === 'cargo' && project.version !== undefined) {
    problems.push(`${file}: [project] has a static version ${JSON.stringify(project.version)} but versionSource is "cargo": remove it and add dynamic = ["version"], so Cargo.toml is the one version source`);
  }
  if (options.versionSource === 'pyproject' && typeof project.version !== 'string') {
    problems.push(`${file}: versionSource is "pyproject" but [project] has no static version: add version = "x.y.z" (and remove "version" from dynamic)`);
  }
  const requiresPython = project['requires-python'];
  if (typeof requiresPython === 'string' && !validRange(requiresPython)) {
    problems.push(`${file}: requires-python = ${JSON.stringify(requiresPython)} is not a valid PEP 440 version specifier; write it as e.g. ">=3.9"`);
  } else if (typeof requiresPython === 'string') {
    for (const spec of options.pythonVersions) {
      // "3.14t", "pypy3.11": the language version is what requires-python speaks of.
      const minor = /3\.\d+/.exec(spec)?.[0];
      // A minor version is allowed when any of its releases is.
      if (minor && ![`${minor}.0`, `${minor}.99`].some((v) => satisfies(v, requiresPython))) {
        problems.push(`${file}: requires-python = "${requiresPython}" excludes Python ${minor}, which pythonVersions builds wheels for (${spec}): ` +
          `widen requires-python or remove ${spec} from pythonVersions`);
      }
    }
  }
  return problems;
}
