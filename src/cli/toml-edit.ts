import { isDeepStrictEqual } from 'util';
import { ProjenMaturinError } from '../core/errors';
import { TomlTable, parseToml } from '../core/toml';

// toml-patch is ESM-only; this module runs inside the esbuild CLI bundle.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const toml = require('@decimalturn/toml-patch') as typeof import('@decimalturn/toml-patch', { with: { 'resolution-mode': 'import' } });

/** A key path into a TOML document: table keys and array-of-tables indexes. */
export type TomlPath = readonly (string | number)[];

interface Position { readonly line: number; readonly column: number }
interface Node {
  readonly type: string;
  readonly loc: { readonly start: Position; readonly end: Position };
  readonly raw?: string;
  readonly value?: any;
  readonly key?: any;
  readonly item?: any;
  readonly items?: Node[];
}

/** Every value node of a parsed document with its full key path. */
function* valueNodes(blocks: readonly Node[]): Generator<{ path: TomlPath; node: Node }> {
  const arrayCounts = new Map<string, number>();
  function* keyValues(items: readonly Node[], prefix: TomlPath): Generator<{ path: TomlPath; node: Node }> {
    for (const entry of items) {
      const kv = entry.type === 'InlineItem' ? entry.item : entry;
      if (kv?.type !== 'KeyValue') continue;
      const path = [...prefix, ...kv.key.value];
      if (kv.value.type === 'InlineTable') yield* keyValues(kv.value.items, path);
      else yield { path, node: kv.value };
    }
  }
  for (const block of blocks) {
    if (block.type === 'KeyValue') {
      yield* keyValues([block], []);
    } else if (block.type === 'Table') {
      yield* keyValues(block.items ?? [], block.key.item.value);
    } else if (block.type === 'TableArray') {
      const name: string[] = block.key.item.value;
      const id = JSON.stringify(name);
      const index = arrayCounts.get(id) ?? 0;
      arrayCounts.set(id, index + 1);
      yield* keyValues(block.items ?? [], [...name, index]);
    }
  }
}

function setPath(table: TomlTable, path: TomlPath, value: string): void {
  let at: any = table;
  for (const key of path.slice(0, -1)) at = at?.[key];
  if (at === undefined || at === null || typeof at !== 'object') throw new Error(`no ${path.join('.')} to set`);
  at[path[path.length - 1]] = value;
}

/**
 * Replaces the string value at `path` in TOML `text` by `value`, changing no
 * other byte: not the whitespace around `=`, the comments, the quoting style or
 * the line endings. The value is located with toml-patch's parse tree (its own
 * patch() reformats lines), and the result is parsed again to prove that exactly
 * this value changed.
 */
export function setTomlString(text: string, file: string, path: TomlPath, value: string): string {
  let expected: TomlTable;
  try {
    expected = parseToml(text, file);
  } catch (e) {
    throw new ProjenMaturinError((e as Error).message);
  }
  const cannot = (why: string) => new ProjenMaturinError(
    `cannot set ${path.join('.')} in ${file} without touching anything else: ${why}`,
    `set it to "${value}" by hand, commit, and run the command again`);
  // The parse tree is toml-patch's documented internal; the checks below catch any change in its shape.
  let blocks: Node[];
  try {
    blocks = new toml.TomlDocument(text).cst as unknown as Node[];
  } catch (e) {
    throw cannot(`the TOML editor cannot read it (${(e as Error).message.split('\n')[0]})`);
  }
  const found = [...valueNodes(blocks)].find((n) => isDeepStrictEqual(n.path, path));
  if (!found || found.node.type !== 'String') throw cannot('it is not a plain string value');
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const offset = (p: Position) => lineStarts[p.line - 1] + p.column;
  const start = offset(found.node.loc.start);
  const end = offset(found.node.loc.end);
  const raw = text.slice(start, end);
  if (raw !== found.node.raw || !/^("[^"\\\n]*"|'[^'\n]*')$/.test(raw)) throw cannot(`its current form ${raw} is not a simple quoted string`);
  // Versions only (validated before): nothing that would need escaping.
  if (!/^[A-Za-z0-9.+-]+$/.test(value)) throw new Error(`not a version: ${JSON.stringify(value)}`);
  const after = `${text.slice(0, start)}${raw[0]}${value}${raw[0]}${text.slice(end)}`;
  setPath(expected, path, value);
  if (!isDeepStrictEqual(parseToml(after, file), expected)) {
    throw cannot('the edited file would differ in more than this value');
  }
  return after;
}
