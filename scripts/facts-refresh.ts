/**
 * `npm run facts:refresh [mirrors]`: rewrites the fact snapshots in src/core/facts/ (and the
 * source excerpts the tests read them against, in test/fixtures/facts/) from mirrors of the
 * tools' repositories, as the `fetch` tool leaves them: `<mirrors>/<owner>+<name>/repo`, a bare
 * git directory (default mirrors: /work/.mirror). A source without a mirror is left as it is.
 * Run the tests afterwards: they show what changed.
 */
import { execFileSync } from 'child_process';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';
import { MATURIN_ACTION } from '../src/core/facts/maturin-action';
import { MaturinActionTables, RunnerImageLabel, RunnerPrice } from '../src/core/facts/types';
import { ACTIONS } from '../src/synth/emit/actions';
import { levelsWithImage, runnerArch } from '../src/synth/plan/build-images';
import { PLATFORMS } from '../src/synth/plan/targets';

const ROOT = join(__dirname, '..');
export const FACTS_DIR = join(ROOT, 'src', 'core', 'facts');
export const EXCERPTS_DIR = join(ROOT, 'test', 'fixtures', 'facts');

// ---------------------------------------------------------------------------------------------
// maturin-action: src/index.ts

/** The value of a literal expression (strings, arrays, objects of them), as the source writes it. */
function literal(node: ts.Expression): unknown {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((e) => literal(e));
  if (ts.isObjectLiteralExpression(node)) {
    const result: Record<string, unknown> = {};
    for (const property of node.properties) {
      if (!ts.isPropertyAssignment(property)) throw new Error(`not a plain property: ${property.getText()}`);
      const name = property.name;
      const key = ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : undefined;
      if (key === undefined) throw new Error(`computed property name: ${name.getText()}`);
      result[key] = literal(property.initializer);
    }
    return result;
  }
  throw new Error(`not a literal: ${node.getText()}`);
}

/** The initializers of the top-level `const` declarations of a TypeScript source, by name. */
function constants(text: string): Map<string, ts.Expression> {
  const file = ts.createSourceFile('index.ts', text, ts.ScriptTarget.ES2022, true);
  const found = new Map<string, ts.Expression>();
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer) found.set(declaration.name.text, declaration.initializer);
    }
  }
  return found;
}

/** Reads the container table, target aliases and forwarded environment of maturin-action's src/index.ts. */
export function parseMaturinAction(text: string): MaturinActionTables {
  const found = constants(text);
  const value = (name: string) => {
    const node = found.get(name);
    if (!node) throw new Error(`maturin-action's src/index.ts has no const ${name}: update scripts/facts-refresh.ts`);
    return literal(node) as any;
  };
  const aliases = value('TARGET_ALIASES');
  return {
    defaultTarget: value('DEFAULT_TARGET'),
    defaultContainers: value('DEFAULT_CONTAINERS'),
    targetAliases: { manylinux: aliases.manylinux, musllinux: aliases.musllinux },
    dockerEnvPrefixes: value('ALLOWED_ENV_PREFIXES'),
    dockerEnvForbidden: value('FORBIDDEN_ENVS'),
  };
}

/** The part of src/index.ts the snapshot is read from: DEFAULT_TARGET up to FORBIDDEN_ENVS. */
export function maturinActionExcerpt(text: string): string {
  const start = text.indexOf('const DEFAULT_TARGET');
  const last = text.indexOf('const FORBIDDEN_ENVS');
  if (start < 0 || last < 0) throw new Error('maturin-action\'s src/index.ts has no DEFAULT_TARGET or FORBIDDEN_ENVS: update scripts/facts-refresh.ts');
  return `${text.slice(start, text.indexOf('\n', last) + 1)}`;
}

// ---------------------------------------------------------------------------------------------
// actions/runner-images: README.md "Available Images"

/** The "Available Images" section of the README, up to the label scheme that follows it. */
export function runnerImagesExcerpt(readme: string): string {
  const start = readme.indexOf('## Available Images');
  if (start < 0) throw new Error('runner-images README has no "## Available Images": update scripts/facts-refresh.ts');
  const end = readme.indexOf('### Label scheme', start);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The labels of the README's "Available Images" table, with architecture and status. */
export function parseRunnerImages(readme: string): RunnerImageLabel[] {
  const labels: RunnerImageLabel[] = [];
  const rows = runnerImagesExcerpt(readme).split('\n').filter((line) => line.startsWith('|'));
  const header = rows[0].split('|').map((c) => c.trim());
  const [imageCol, archCol, labelCol] = ['Image', 'Architecture', 'YAML Label'].map((name) => header.indexOf(name));
  if (Math.min(imageCol, archCol, labelCol) < 0) throw new Error(`runner-images README table columns changed: ${rows[0]}`);
  for (const row of rows.slice(2)) {
    const cells = row.split('|').map((c) => c.trim());
    const arch = cells[archCol];
    if (arch !== 'x64' && arch !== 'arm64') throw new Error(`runner-images README: unknown architecture "${arch}" in ${row}`);
    const image = cells[imageCol].split(/<br>| \[?!\[/)[0].trim();
    const status = /badge\/preview/.test(cells[imageCol]) ? 'preview' : /badge\/deprecated/.test(cells[imageCol]) ? 'deprecated' : 'ga';
    for (const [, label] of cells[labelCol].matchAll(/`([^`]+)`/g)) {
      const os = label.startsWith('ubuntu') ? 'linux' : label.startsWith('windows') ? 'windows' : 'macos';
      labels.push({ label, os, arch, image, status, larger: /-x?large$/.test(label) });
    }
  }
  return labels;
}

// ---------------------------------------------------------------------------------------------
// github/docs: the standard runners' per-minute prices

/** The rows of data/reusables/billing/actions-standard-runner-prices.md. */
export function parseRunnerPrices(text: string): RunnerPrice[] {
  const rows = text.split('\n').filter((line) => line.startsWith('|')).slice(2);
  return rows.map((row) => {
    const [runner, sku, rate] = row.split('|').slice(1, 4).map((c) => c.trim());
    const price = /^\$(\d+\.\d+)$/.exec(rate);
    if (!price || !/^`\w+`$/.test(sku)) throw new Error(`runner prices: unexpected row ${row}`);
    const os = /^Linux/.test(runner) ? 'linux' : /^Windows/.test(runner) ? 'windows' : 'macos';
    return { sku: sku.slice(1, -1), os, arch: /\(arm64\)/.test(runner) ? 'arm64' : /\(x64\)/.test(runner) ? 'x64' : undefined, runner, usdPerMinute: Number(price[1]) };
  });
}

// ---------------------------------------------------------------------------------------------
// Writing the snapshots

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, '\\\'')}'`;

/** A value as TypeScript source in the repository's style (eslint: single quotes, consistent-as-needed keys, trailing commas). */
export function renderValue(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object')) return `[${value.map((v) => renderValue(v)).join(', ')}]`;
    return `[\n${value.map((v) => `${inner}${renderValue(v, inner)},\n`).join('')}${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    const quoted = entries.some(([k]) => !IDENTIFIER.test(k));
    const key = (k: string) => (quoted ? quote(k) : k);
    const flat = entries.every(([, v]) => typeof v !== 'object');
    const oneLine = `{ ${entries.map(([k, v]) => `${key(k)}: ${renderValue(v)}`).join(', ')} }`;
    if (flat && oneLine.length + inner.length < 130) return oneLine;
    return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${renderValue(v, inner)},\n`).join('')}${indent}}`;
  }
  throw new Error(`cannot render ${String(value)}`);
}

/** A snapshot module: a comment naming its source, then one typed constant. */
export function renderSnapshot(doc: string, name: string, type: string, imports: string, value: unknown): string {
  return [
    '// Generated by `npm run facts:refresh` (scripts/facts-refresh.ts): edit the script, not this file.',
    imports,
    '',
    `/** ${doc} */`,
    `export const ${name}: ${type} = ${renderValue(value)};`,
    '',
  ].join('\n');
}

/** A bare git directory's command output. */
function git(gitDir: string, ...args: string[]): string {
  return execFileSync('git', [`--git-dir=${gitDir}`, ...args], { encoding: 'utf8', cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
}

const today = () => new Date().toISOString().slice(0, 10);

/** The snapshot texts a set of mirrors gives: file path → content. Sources without a mirror are left out. */
export function refresh(mirrors: string, read = today()): { files: Record<string, string>; skipped: string[] } {
  const files: Record<string, string> = {};
  const skipped: string[] = [];
  const mirror = (repo: string) => join(mirrors, repo.replace('/', '+'), 'repo');

  const action = ACTIONS.maturin;
  if (existsSync(mirror(action.repo))) {
    const text = git(mirror(action.repo), 'show', `${action.sha}:src/index.ts`);
    const source = { repository: action.repo, commit: action.sha, version: action.version, path: 'src/index.ts', read };
    files[join(EXCERPTS_DIR, 'maturin-action-index.ts.txt')] = maturinActionExcerpt(text);
    files[join(FACTS_DIR, 'maturin-action.ts')] = renderSnapshot(
      `maturin-action's build containers, target aliases and the environment it passes into them, at the commit the workflow pins (${action.version}).`,
      'MATURIN_ACTION', 'MaturinActionFacts', 'import { MaturinActionFacts } from \'./types\';',
      { source, ...parseMaturinAction(text) });
  } else {
    skipped.push(action.repo);
  }

  const images = 'actions/runner-images';
  if (existsSync(mirror(images))) {
    const commit = git(mirror(images), 'rev-parse', 'HEAD^{commit}').trim();
    const readme = git(mirror(images), 'show', `${commit}:README.md`);
    files[join(EXCERPTS_DIR, 'runner-images-readme.md')] = runnerImagesExcerpt(readme);
    files[join(FACTS_DIR, 'runner-images.ts')] = renderSnapshot(
      'The GitHub-hosted runner labels of the runner-images README\'s "Available Images" table, with their architecture.',
      'RUNNER_IMAGES', 'RunnerImagesFacts', 'import { RunnerImagesFacts } from \'./types\';',
      { source: { repository: images, commit, path: 'README.md', read }, labels: parseRunnerImages(readme) });
  } else {
    skipped.push(images);
  }

  const docs = 'github/docs';
  const pricePath = 'data/reusables/billing/actions-standard-runner-prices.md';
  if (existsSync(mirror(docs))) {
    const commit = git(mirror(docs), 'rev-parse', 'HEAD^{commit}').trim();
    const text = git(mirror(docs), 'show', `${commit}:${pricePath}`);
    files[join(EXCERPTS_DIR, 'actions-standard-runner-prices.md')] = text;
    files[join(FACTS_DIR, 'runner-prices.ts')] = renderSnapshot(
      'Per-minute prices of GitHub\'s standard hosted runners (private repositories; public ones use them free).',
      'RUNNER_PRICES', 'RunnerPricesFacts', 'import { RunnerPricesFacts } from \'./types\';',
      { source: { repository: docs, commit, path: pricePath, url: 'https://docs.github.com/en/billing/reference/actions-runner-pricing', read }, prices: parseRunnerPrices(text) });
  } else {
    skipped.push(docs);
  }
  return { files, skipped };
}

// ---------------------------------------------------------------------------------------------
// The README's support table, from the snapshots

export const README = join(ROOT, 'README.md');
const TABLE_START = '<!-- support table: generated by npm run facts:refresh -->';
const TABLE_END = '<!-- end of support table -->';

/** The README's table of targets: default runner, the levels with a build image on each runner architecture, and how tests run. */
export function renderSupportTable(): string {
  const lines = [
    '| target | default runner | manylinux/musllinux levels on x64 runners | on arm64 runners | tested on the default runner |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const platform of Object.values(PLATFORMS)) {
    const levels = (arch: 'x64' | 'arm64') => (platform.linuxContainer ? levelsWithImage(platform, arch).map((l) => `\`${l}\``).join(', ') || 'none' : '—');
    const test = platform.test;
    const tested = test.kind === 'native' ? 'natively' : `in ${test.libc === 'musl' ? 'an Alpine' : 'a Debian'} \`${test.dockerPlatform}\` container${test.emulated ? ' under QEMU' : ''}`;
    lines.push(`| \`${platform.id}\` | \`${platform.defaultRunner}\` (${runnerArch(platform.defaultRunner)}) | ${levels('x64')} | ${levels('arm64')} | ${tested} |`);
  }
  const source = MATURIN_ACTION.source;
  return [
    TABLE_START,
    ...lines,
    '',
    `Levels: the images of maturin-action ${source.version}'s \`DEFAULT_CONTAINERS\` (${source.repository} \`${source.path}\` at ${source.commit!.slice(0, 8)}, read ${source.read}).`,
    TABLE_END,
  ].join('\n');
}

/** The README with its support table replaced by `table`. */
export function withSupportTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no "${TABLE_START}" … "${TABLE_END}" section`);
  return readme.slice(0, start) + table + readme.slice(end + TABLE_END.length);
}

if (require.main === module && process.argv[2] === '--readme') {
  // A second process: it loads the snapshots the first one wrote.
  writeFileSync(README, withSupportTable(readFileSync(README, 'utf8'), renderSupportTable()));
  console.log('wrote README.md (support table)');
} else if (require.main === module) {
  const mirrors = process.argv[2] ?? '/work/.mirror';
  const { files, skipped } = refresh(mirrors);
  for (const [path, text] of Object.entries(files)) {
    writeFileSync(path, text);
    console.log(`wrote ${path.slice(ROOT.length + 1)}`);
  }
  for (const repo of skipped) console.log(`kept the snapshot of ${repo}: no mirror at ${join(mirrors, repo.replace('/', '+'), 'repo')} (fetch github:${repo} first)`);
}
