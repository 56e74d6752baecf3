import { createHash } from 'crypto';
import { readFileSync, readdirSync, statSync } from 'fs';
import { join } from 'path';
import { ProjenMaturinError } from '../core/errors';

/** A file of the checked build: where it is and its sha256 (hex). */
export interface BuiltFile {
  readonly path: string;
  readonly sha256: string;
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/**
 * The names of the regular files in `dir`, sorted; `described` says what the directory is
 * in messages, and `fix` how the job fills it. A missing or unreadable directory, or a file
 * that cannot be inspected, is a message naming it instead of a stack trace.
 */
export function listFiles(dir: string, described: string, fix: string): string[] {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    names = readdirSync(dir);
  } catch (e) {
    throw new ProjenMaturinError(`${described}, which is not a readable directory (${code(e)})`, fix);
  }
  return names.filter((name) => {
    const path = join(dir, name);
    try {
      return statSync(path).isFile();
    } catch (e) {
      // e.g. a symbolic link to nothing: name it rather than skip it.
      throw new ProjenMaturinError(`could not read ${path} (${code(e)})`, fix);
    }
  }).sort();
}

/** The bytes of `path`, or a message naming it. */
export function readBuiltFile(path: string, fix: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new ProjenMaturinError(`could not read ${path} (${code(e)})`, fix);
  }
}

/**
 * The checked build in `dir` (file name → path and sha256), read with messages
 * that name the directory or file instead of a stack trace. `variable` is the
 * environment variable that named the directory.
 */
export function readBuiltFiles(dir: string, variable: string): Map<string, BuiltFile> {
  const downloadFix = 'the job downloads the checked build (the "dist" artifact) into it: check the download step and re-run the failed job';
  const names = listFiles(dir, `${variable} is "${dir}"`, downloadFix);
  const files = new Map<string, BuiltFile>();
  for (const name of names) {
    const path = join(dir, name);
    const bytes = readBuiltFile(path, 'check the download step of the job and re-run the failed job');
    files.set(name, { path, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  if (files.size === 0) throw new ProjenMaturinError(`${variable} is "${dir}", which holds no files`, downloadFix);
  return files;
}
