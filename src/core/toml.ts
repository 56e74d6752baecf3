// smol-toml ships CommonJS under "require" but declares its types as ESM only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse } = require('smol-toml') as typeof import('smol-toml', { with: { 'resolution-mode': 'import' } });

/** A parsed TOML table. */
export type TomlTable = Record<string, any>;

/** Parses TOML, or throws an Error whose message is "<file> is not valid TOML: <first line of the reason>". */
export function parseToml(text: string, file: string): TomlTable {
  try {
    return parse(text) as TomlTable;
  } catch (e) {
    throw new Error(`${file} is not valid TOML: ${(e as Error).message.split('\n')[0]}`);
  }
}
