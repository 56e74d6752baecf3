import { readFileSync } from 'fs';
import { join } from 'path';
import { ProjenMaturinError } from './errors';

/**
 * The byte offset of the first byte sequence that is not UTF-8. `fatal` decoding
 * only says that there is one; a lenient decode marks each with U+FFFD, and the
 * first U+FFFD that the file does not itself contain is where the bad bytes start.
 */
function invalidUtf8Offset(bytes: Uint8Array): number {
  const lenient = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  for (let i = lenient.indexOf('\uFFFD'); i !== -1; i = lenient.indexOf('\uFFFD', i + 1)) {
    const offset = Buffer.byteLength(lenient.slice(0, i));
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
  }
  return bytes.length;
}

/** Decodes UTF-8 exactly (a byte order mark is kept), or refuses with the file and the byte offset. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const offset = invalidUtf8Offset(bytes);
    throw new ProjenMaturinError(
      `${file} is not UTF-8: the bytes at offset ${offset} are not a UTF-8 character`,
      `save ${file} as UTF-8 (e.g. iconv -f latin1 -t utf-8), then run the command again`,
    );
  }
}

/**
 * The 1-based line of the first merge-conflict marker git leaves in a file (`<<<<<<<`,
 * `|||||||`, `>>>>>>>`), or undefined. (`=======` alone is a Markdown heading underline.)
 */
export function mergeConflictLine(text: string): number | undefined {
  const conflict = /^(?:<{7}|>{7}|\|{7})(?:[ \t]|\r?$)/m.exec(text);
  return conflict ? text.slice(0, conflict.index).split('\n').length : undefined;
}

/** The error for a file with merge-conflict markers. */
export function mergeConflictError(file: string, line: number): ProjenMaturinError {
  return new ProjenMaturinError(`${file} has unresolved merge-conflict markers (line ${line}): resolve the conflict and commit ${file} first`);
}

/** A file-system failure as a message that names the file and what to do. */
export function fileError(file: string, e: unknown, action: 'read' | 'write' = 'read'): ProjenMaturinError {
  const code = (e as NodeJS.ErrnoException)?.code;
  const cannot = `${file} cannot be ${action === 'read' ? 'read' : 'written'}`;
  switch (code) {
    case 'ENOENT':
      return new ProjenMaturinError(`${file} does not exist`);
    case 'EISDIR':
      return new ProjenMaturinError(`${file} is a directory, not a file`, `remove or rename the directory ${file}`);
    case 'ENOTDIR':
      return new ProjenMaturinError(`${cannot}: a parent of it is a file, not a directory`);
    case 'EACCES':
    case 'EPERM':
      return new ProjenMaturinError(`${cannot}: permission denied`,
        `check the permissions of ${file} and its directory (ls -l)`);
    default:
      if (code === undefined) throw e;
      return new ProjenMaturinError(`${cannot} (${code})`);
  }
}

/**
 * The text of `file` under `root`, decoded as strict UTF-8; undefined when it
 * does not exist. A directory, an unreadable file or non-UTF-8 bytes are errors
 * that name the file.
 */
export function readTextFile(root: string, file: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(root, file));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fileError(file, e);
  }
  return decodeUtf8(bytes, file);
}
