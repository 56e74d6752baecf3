import { existsSync, readdirSync } from 'fs';
import { join } from 'path';
import { TomlTable, parseToml } from '../../core/toml';
import { ResolvedConfig } from '../config';

/** What the test settings are checked against: the repository as it is on disk. */
export interface TestSettingsRepository {
  readonly root: string;
  /** The package's own pyproject.toml (not one projen generates), and its text. */
  readonly pyproject?: { readonly file: string; readonly text: string };
  /** Check that the `testSources` paths exist: when they were set, in a package that exists already. */
  readonly checkSources: boolean;
}

/** PEP 735: group names compare like project names (case-insensitive, runs of `-`, `_`, `.` alike). */
const normalise = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');
const quoted = (names: readonly string[]) => names.map((n) => JSON.stringify(n)).join(', ');

/**
 * Problems with the test settings that the release's test job would otherwise find:
 * `testDependencyGroups` entries the package's pyproject.toml does not define, and
 * `testSources` paths that do not exist. Nothing is checked when no tests run.
 */
export function checkTestSettings(config: ResolvedConfig, repo: TestSettingsRepository): string[] {
  if (!config.runTests) return [];
  const problems: string[] = [];
  if (repo.pyproject && config.testDependencyGroups.length > 0) {
    const table = parseToml(repo.pyproject.text, repo.pyproject.file)['dependency-groups'];
    const groups = table && typeof table === 'object' && !Array.isArray(table) ? Object.keys(table as TomlTable) : undefined;
    for (const group of config.testDependencyGroups) {
      if (!groups) {
        problems.push(`testDependencyGroups includes ${JSON.stringify(group)}, but ${repo.pyproject.file} has no [dependency-groups] table`);
      } else if (!groups.some((g) => normalise(g) === normalise(group))) {
        problems.push(`testDependencyGroups includes ${JSON.stringify(group)}, which ${repo.pyproject.file} does not define in [dependency-groups]; it defines ${quoted(groups) || 'none'}`);
      }
    }
  }
  if (repo.checkSources) {
    const directory = join(repo.root, config.packageDirectory);
    config.testSourcePaths.forEach((path, i) => {
      if (existsSync(join(repo.root, path))) return;
      const holds = readdirSync(directory).filter((entry) => !entry.startsWith('.')).sort();
      problems.push(`testSources[${i}] is ${JSON.stringify(config.testSources[i])}, which does not exist in the repository ` +
        `(testSources are relative to packageDirectory ${JSON.stringify(config.packageDirectory)}); the package directory holds: ${holds.join(', ') || 'nothing'}`);
    });
  }
  return problems;
}
