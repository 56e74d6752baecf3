import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Sandbox, createSandbox, exec, linkTsNode, projen, projenMaturin, seedDirectory } from './helpers';
import { commitAll } from '../helpers/cli';

/**
 * `projen-maturin adopt` as a maintainer runs it, with the packed package installed: the
 * `.projenrc.ts` it writes is type-checked and run by ts-node against the package's own types
 * (so its imports and option names are those that ship), `npx projen` then runs it again, and
 * preflight passes for the repository's release tag.
 */
const FIXTURES = join(__dirname, '..', 'fixtures');

let sandbox: Sandbox;
beforeAll(() => {
  sandbox = createSandbox();
}, 180_000);
afterAll(() => rmSync(sandbox.work, { recursive: true, force: true }));

/** A repository with the packed projen-maturin installed and `files` copied in (source → repository path). */
function repository(name: string, files: Record<string, string>): string {
  const dir = seedDirectory(sandbox, name, true);
  for (const [from, to] of Object.entries(files)) {
    mkdirSync(join(dir, to, '..'), { recursive: true });
    cpSync(from, join(dir, to), { recursive: true });
  }
  linkTsNode(dir);
  return dir;
}

/** adopt, then the written file run once with ts-node as its first line says, then `npx projen`, then preflight. */
function adoptAndRun(dir: string, tag: string): string {
  const adopt = projenMaturin(sandbox, dir, 'adopt');
  expect(adopt.stderr).toBe('');
  expect(adopt.status).toBe(0);
  const projenrc = readFileSync(join(dir, '.projenrc.ts'), 'utf8');
  expect(projenrc.split('\n')[1]).toBe('// Run it once with: npx ts-node -O \'{"module":"commonjs"}\' .projenrc.ts — then `npx projen` after every change.');
  // Type-checked (no --transpile-only): a wrong import or option name fails here.
  const first = exec(sandbox, dir, join(dir, 'node_modules', '.bin', 'ts-node'), '-O', '{"module":"commonjs"}', '.projenrc.ts');
  expect(first.stderr).toBe('');
  expect(first.status).toBe(0);
  expect(existsSync(join(dir, '.github/workflows/release.yml'))).toBe(true);
  // `npx projen` runs .projenrc.ts again (ProjenrcTs made that the default task).
  expect(JSON.stringify(JSON.parse(readFileSync(join(dir, '.projen/tasks.json'), 'utf8')).tasks.default)).toContain('.projenrc.ts');
  const again = projen(sandbox, dir);
  expect(again.stderr).not.toMatch(/error/i);
  expect(again.status).toBe(0);
  commitAll(dir);
  const preflight = projenMaturin(sandbox, dir, 'preflight', tag, '--json');
  expect(preflight.stderr).toBe('');
  expect(JSON.parse(preflight.stdout)).toMatchObject({ ok: true });
  return projenrc;
}

test('maturin generate-ci\'s workflow: the adopted .projenrc.ts type-checks and runs against the packed package; preflight ok', () => {
  const dir = repository('tinyext', {
    [join(FIXTURES, 'tinyext')]: '.',
    [join(FIXTURES, 'adopt', 'generate-ci', 'pyo3.yml')]: '.github/workflows/CI.yml',
  });
  const projenrc = adoptAndRun(dir, 'v1.2.0-rc.1');
  expect(projenrc).toContain('import { MaturinRelease, PublishingMode, WheelPlatform } from \'projen-maturin\';');
});

test('orjson\'s release workflows: the adopted .projenrc.ts (targets, containers, env, universal2 beside arm64) runs against the packed package; preflight ok', () => {
  const dir = repository('orjson', { [join(FIXTURES, 'adopt', 'shapes', 'orjson')]: '.' });
  const projenrc = adoptAndRun(dir, 'v3.11.8');
  expect(projenrc).toContain('WheelPlatform.MACOS_UNIVERSAL2');
  expect(projenrc).toContain('    \'linux-x86_64\': {');
});

test('negative control: a .projenrc.ts naming an option the package does not have fails under ts-node', () => {
  const dir = repository('wrong', { [join(FIXTURES, 'tinyext')]: '.' });
  writeFileSync(join(dir, '.projenrc.ts'), 'import { Project } from \'projen\';\nimport { MaturinRelease } from \'projen-maturin\';\n\n'
    + 'const project = new Project({ name: \'tinyext\' });\nnew MaturinRelease(project, { packageName: \'tinyext\', pythonVersion: [\'3.12\'] });\nproject.synth();\n');
  const run = exec(sandbox, dir, join(dir, 'node_modules', '.bin', 'ts-node'), '-O', '{"module":"commonjs"}', '.projenrc.ts');
  expect(run.status).not.toBe(0);
  expect(run.stderr).toContain('\'pythonVersion\' does not exist');
});
