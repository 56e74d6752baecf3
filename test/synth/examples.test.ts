import { spawnSync } from 'child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative, resolve } from 'path';
import { validateWorkflows } from '../helpers/validators';

const ROOT = resolve(__dirname, '..', '..');

/** Every file under `dir`, with its content. */
function files(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at)) {
      const path = join(at, entry);
      if (entry === 'node_modules') continue;
      if (statSync(path).isDirectory()) walk(path);
      else found[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return found;
}

/** Runs an example's .projenrc.ts as its demo does (ts-node, this checkout as projen-maturin), in a copy. */
function synthesizeExample(name: string) {
  const work = mkdtempSync(join(tmpdir(), `example-${name}-`));
  cpSync(join(ROOT, 'examples', name), work, { recursive: true });
  rmSync(join(work, 'demo.sh'));
  const own = files(work);
  mkdirSync(join(work, 'node_modules'));
  symlinkSync(ROOT, join(work, 'node_modules', 'projen-maturin'), 'dir');
  for (const dependency of ['projen', 'constructs']) symlinkSync(join(ROOT, 'node_modules', dependency), join(work, 'node_modules', dependency), 'dir');
  const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'ts-node'), ['--transpile-only', '--compiler-options', '{"module":"commonjs","esModuleInterop":true}', '.projenrc.ts'],
    { cwd: work, encoding: 'utf8' });
  return { work, own, run, after: files(work) };
}

test.each([['dioxide'], ['several-packages']])('examples/%s synthesizes, keeps its own files and generates workflows with zero findings', (name) => {
  const { own, run, after } = synthesizeExample(name);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  for (const [file, content] of Object.entries(own)) expect([file, after[file]]).toEqual([file, content]);
  const workflows = Object.fromEntries(Object.entries(after).filter(([file]) => file.startsWith('.github/workflows/')).map(([file, text]) => [file.replace(/\W/g, '-'), text]));
  expect(Object.keys(workflows).length).toBe(name === 'dioxide' ? 1 : 2);
  const report = validateWorkflows(workflows);
  for (const byFile of Object.values(report)) for (const findings of Object.values(byFile)) expect(findings).toEqual([]);
});

test('the several-packages example: one settings file per package, shared tools and checklist', () => {
  const { after } = synthesizeExample('several-packages');
  expect(Object.keys(after).filter((f) => f.startsWith('.github/maturin-release/')).sort()).toEqual([
    '.github/maturin-release/release-cli.config.json', '.github/maturin-release/release-python.config.json', '.github/maturin-release/release-tools.cjs',
  ]);
  expect(JSON.parse(after['.github/maturin-release/release-cli.config.json'])).toMatchObject({ packageName: 'acme-cli', releaseTrigger: 'dispatch', releaseNotes: 'github' });
  expect(after['RELEASING.md']).toContain('This repository releases 2 packages, each from its own workflow, tags and settings: acme, acme-cli.');
});
