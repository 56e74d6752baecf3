import { readdirSync } from 'fs';
import { join } from 'path';
import { buildsWithMaturin } from './pyproject-wiring';
import { normalizeDistributionName } from '../../core/distributions';
import { readTomlFile, repoPath, tomlTable } from '../../core/package-layout';
import { TomlTable } from '../../core/toml';

/** A directory below the root that holds a maturin package. */
export interface PackageCandidate {
  readonly directory: string;
  /** `[project] name`, when its pyproject.toml has one. */
  readonly name?: string;
  /** What makes it a maturin package, for the message. */
  readonly evidence: string;
}

// Where packages never are; vendored and built trees would only add false leads.
const SKIPPED = new Set(['node_modules', 'target', 'dist', 'build', 'venv', '__pycache__', 'site-packages']);
const MAX_DEPTH = 4;

const quietly = <T>(fn: () => T): T | undefined => {
  try {
    return fn();
  } catch {
    return undefined;
  }
};

/** Whether a Cargo manifest is a PyO3 extension crate: a cdylib with a pyo3 dependency. */
function isExtensionCrate(cargo: TomlTable): boolean {
  const crateTypes = tomlTable(cargo.lib)?.['crate-type'];
  const dependencies = tomlTable(cargo.dependencies) ?? {};
  return Array.isArray(crateTypes) && crateTypes.includes('cdylib') && ('pyo3' in dependencies);
}

/**
 * The maturin packages in subdirectories of the repository (a few levels deep,
 * skipping hidden, vendored and build directories): a pyproject.toml that builds
 * with maturin, or a PyO3 cdylib crate without one. The ones named `packageName` come first.
 */
export function findPackageCandidates(root: string, packageName: string): PackageCandidate[] {
  const found: PackageCandidate[] = [];
  const walk = (dir: string, depth: number) => {
    const entries = quietly(() => readdirSync(join(root, dir), { withFileTypes: true })) ?? [];
    if (dir !== '.') {
      const pyproject = quietly(() => readTomlFile(root, repoPath(dir, 'pyproject.toml')));
      const cargo = quietly(() => readTomlFile(root, repoPath(dir, 'Cargo.toml')));
      if (pyproject && buildsWithMaturin(pyproject)) {
        const name = tomlTable(pyproject.project)?.name;
        found.push({ directory: dir, name: typeof name === 'string' ? name : undefined, evidence: 'its pyproject.toml builds with maturin' });
      } else if (!pyproject && cargo && isExtensionCrate(cargo)) {
        found.push({ directory: dir, evidence: 'its Cargo.toml is a PyO3 extension crate' });
      }
    }
    if (depth >= MAX_DEPTH) return;
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && !SKIPPED.has(entry.name)) walk(repoPath(dir, entry.name), depth + 1);
    }
  };
  walk('.', 0);
  const wanted = normalizeDistributionName(packageName);
  const named = found.filter((c) => c.name !== undefined && normalizeDistributionName(c.name) === wanted);
  return named.length > 0 ? named : found;
}

/** What a pyproject.toml at the repository root is, when it is not a maturin package: words for a message. */
export function rootPyprojectRole(pyproject: TomlTable): string | undefined {
  if (buildsWithMaturin(pyproject)) return undefined;
  if (tomlTable(tomlTable(tomlTable(pyproject.tool)?.uv)?.workspace)) return 'a uv workspace root';
  const backend = tomlTable(pyproject['build-system'])?.['build-backend'];
  return typeof backend === 'string' ? `built with "${backend}", not maturin` : 'not a maturin package (no maturin build-system)';
}

/**
 * The sentence that points at the package directory: the one candidate, or the
 * list to choose from. Undefined when there is no candidate.
 */
export function packageDirectorySuggestion(candidates: readonly PackageCandidate[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const describe = (c: PackageCandidate) => `${c.directory} (${c.evidence}${c.name ? `: ${c.name}` : ''})`;
  if (candidates.length === 1) return `the package is in ${describe(candidates[0])}: set packageDirectory: "${candidates[0].directory}"`;
  return `set packageDirectory to the package's directory, one of: ${candidates.map(describe).join('; ')}`;
}
