// smol-toml ships CommonJS under "require" but declares its types as ESM only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse } = require('smol-toml') as typeof import('smol-toml', { with: { 'resolution-mode': 'import' } });

import { ProjenMaturinError } from './errors';

/** A parsed TOML table. */
export type TomlTable = Record<string, any>;

/** Parses TOML, or throws a ProjenMaturinError whose message names the file and what is wrong (invalid TOML, merge-conflict markers). */
export function parseToml(text: string, file: string): TomlTable {
  // The parser would point at the first marker as a syntax error; say what it is.
  const conflict = /^(?:<{7}|>{7}|\|{7})(?:[ \t]|\r?$)/m.exec(text);
  if (conflict) {
    const line = text.slice(0, conflict.index).split('\n').length;
    throw new ProjenMaturinError(`${file} has unresolved merge-conflict markers (line ${line}): resolve the conflict and commit ${file} first`);
  }
  try {
    return parse(text) as TomlTable;
  } catch (e) {
    throw new ProjenMaturinError(`${file} is not valid TOML: ${(e as Error).message.split('\n')[0]}`);
  }
}
