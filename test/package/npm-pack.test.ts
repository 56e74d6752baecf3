import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

/**
 * What `npm pack` puts in the package, as npm itself lists it. (`.ci/run` packs a fresh,
 * unbuilt clone, where the prepack script builds lib/, .jsii and the bundles first.)
 */
const ROOT = join(__dirname, '..', '..');

function packedFiles(): string[] {
  for (const built of ['.jsii', 'lib/index.js', 'assets/cli.cjs']) {
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: build the package first (npx projen bundle && npx projen compile)`);
  }
  // --ignore-scripts: the test task has built the package already; prepack would build it again.
  const [info] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  return info.files.map((file: { path: string }) => file.path);
}

describe('npm pack', () => {
  const files = packedFiles();
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

  test('ships the compiled library, the jsii assembly, the CLI and release-tools bundles, and the docs', () => {
    expect(files).toEqual(expect.arrayContaining([
      'package.json', 'README.md', 'API.md', 'CHANGELOG.md', 'LICENSE', '.jsii',
      'lib/index.js', 'lib/index.d.ts',
      'assets/cli.cjs', 'assets/release-tools.cjs',
      ...['preflight', 'notes', 'prepare', 'rehearse'].map((command) => `assets/cli-${command}.cjs`),
    ]));
  });

  test('ships every file package.json points at (main, types, bin, exports) and the bundled dependencies', () => {
    const exported = Object.values<any>(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values<string>(target)));
    const pointed = [pkg.main, pkg.types, ...Object.values<string>(pkg.bin), ...exported].map((path) => path.replace(/^\.\//, ''));
    expect(pointed.filter((path) => !files.includes(path))).toEqual([]);
    for (const dep of pkg.bundledDependencies as string[]) expect(files).toContain(`node_modules/${dep}/package.json`);
  });

  test('leaves out the sources, tests and the repository\'s tooling', () => {
    const unwanted = /^(src|test|bench|examples|docs|coverage|test-reports|\.ci|\.projen|\.github|projenrc)\/|^tsconfig|^\.projenrc|^\.eslintrc|^\.gitignore|^\.npmignore/;
    expect(files.filter((path) => unwanted.test(path))).toEqual([]);
    // Negative control: the pattern does match what the repository has.
    expect(['src/index.ts', 'test/e2e/helpers.ts', '.ci/run', '.projenrc.ts'].every((path) => unwanted.test(path))).toBe(true);
  });

  test('npm pack builds first: the prepack script builds the bundles, then lib/ and .jsii', () => {
    expect(pkg.scripts.prepack).toBe('projen prepack');
    const tasks = JSON.parse(readFileSync(join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;
    expect(tasks.prepack.steps).toEqual([{ spawn: 'bundle' }, { spawn: 'compile' }]);
    expect(tasks.compile.steps).toEqual([{ exec: expect.stringMatching(/^jsii\b/) }]);
  });
});
