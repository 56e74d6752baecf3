import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { parse } from 'yaml';
import { validateWorkflows } from '../helpers/validators';

const ROOT = join(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples');

/** Every directory under examples/ with a .projenrc.ts. */
function examples(dir = EXAMPLES): string[] {
  const found = existsSync(join(dir, '.projenrc.ts')) ? [dir] : [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== 'node_modules') found.push(...examples(join(dir, entry.name)));
  }
  return found;
}

/** Runs an example's .projenrc.ts as a user's repository would, against this checkout of projen-maturin. */
function synthesize(example: string): string {
  const work = mkdtempSync(join(tmpdir(), 'example-'));
  cpSync(example, work, { recursive: true, filter: (src) => !src.endsWith('demo.sh') });
  mkdirSync(join(work, 'node_modules'));
  symlinkSync(ROOT, join(work, 'node_modules', 'projen-maturin'));
  for (const dep of ['projen', 'constructs']) symlinkSync(join(ROOT, 'node_modules', dep), join(work, 'node_modules', dep));
  spawnSync('git', ['init', '-q'], { cwd: work });
  const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'ts-node'),
    ['--transpile-only', '--compiler-options', '{"module":"commonjs","esModuleInterop":true}', '.projenrc.ts'], { cwd: work, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${relative(ROOT, example)}/.projenrc.ts failed:\n${run.stderr}`);
  return work;
}

const cases = examples().map((dir) => [relative(EXAMPLES, dir), dir] as const);

describe.each(cases)('examples/%s', (_, dir) => {
  let work: string;
  let workflows: Record<string, string>;
  beforeAll(() => {
    work = synthesize(dir);
    const workflowDir = join(work, '.github', 'workflows');
    workflows = Object.fromEntries(readdirSync(workflowDir).map((f) => [f.replace(/\.yml$/, ''), readFileSync(join(workflowDir, f), 'utf8')]));
  });

  test('leaves the example\'s own files byte for byte', () => {
    const own = (root: string): string[] => readdirSync(root, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && !e.name.endsWith('demo.sh')).map((e) => relative(root, join(e.parentPath, e.name)));
    for (const file of own(dir)) expect([file, readFileSync(join(work, file), 'utf8')]).toEqual([file, readFileSync(join(dir, file), 'utf8')]);
  });

  test('synthesizes a workflow that every validator accepts', () => {
    const report = validateWorkflows(workflows);
    for (const name of Object.keys(workflows)) {
      const { parser, actionlint, shellcheck, security, inputs } = report;
      expect([name, parser[name], actionlint[name], shellcheck[name], security[name], inputs[name]]).toEqual([name, [], [], [], [], []]);
    }
  });

  test('its job graph, for the record', () => {
    const release = parse(Object.values(workflows).find((text) => text.includes('check-dist'))!);
    const graph = Object.entries<any>(release.jobs).map(([id, job]) => `${id} <- ${[job.needs ?? []].flat().join(', ') || '(tag)'}`);
    expect(graph[0]).toBe('plan <- (tag)');
    expect(graph.some((line) => line.startsWith('check-dist <- plan, build-'))).toBe(true);
    // eslint-disable-next-line no-console
    if (process.env.SHOW_JOB_GRAPHS) console.log(`${relative(EXAMPLES, dir)}:\n${graph.join('\n')}`);
  });
});

test('examples/several-packages: one settings file and workflow per package; the tools and RELEASING.md shared', () => {
  const work = synthesize(join(EXAMPLES, 'several-packages'));
  expect(readdirSync(join(work, '.github', 'maturin-release')).sort()).toEqual(['release-cli.config.json', 'release-python.config.json', 'release-tools.cjs']);
  expect(readdirSync(join(work, '.github', 'workflows')).sort()).toEqual(['release-cli.yml', 'release-python.yml']);
  expect(JSON.parse(readFileSync(join(work, '.github/maturin-release/release-cli.config.json'), 'utf8')))
    .toMatchObject({ packageName: 'acme-cli', packageDirectory: 'crates/acme-cli', releaseTrigger: 'dispatch', releaseNotes: 'github' });
  expect(readFileSync(join(work, 'RELEASING.md'), 'utf8')).toContain('This repository releases 2 packages, each from its own workflow, tags and settings: acme, acme-cli.');
});
