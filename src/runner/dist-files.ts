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
 * The checked build in `dir` (file name → path and sha256), read with messages
 * that name the directory or file instead of a stack trace. `variable` is the
 * environment variable that named the directory.
 */
export function readBuiltFiles(dir: string, variable: string): Map<string, BuiltFile> {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    names = readdirSync(dir).sort();
  } catch (e) {
    throw new ProjenMaturinError(`${variable} is "${dir}", which is not a readable directory (${code(e)})`,
      'the job downloads the checked build (the "dist" artifact) into it: check the download step and re-run the failed job');
  }
  const files = new Map<string, BuiltFile>();
  for (const name of names) {
    const path = join(dir, name);
    try {
      if (!statSync(path).isFile()) continue;
      files.set(name, { path, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') });
    } catch (e) {
      throw new ProjenMaturinError(`could not read ${path} (${code(e)})`, 'check the download step of the job and re-run the failed job');
    }
  }
  if (files.size === 0) {
    throw new ProjenMaturinError(`${variable} is "${dir}", which holds no files`,
      'the job downloads the checked build (the "dist" artifact) into it: check the download step and re-run the failed job');
  }
  return files;
}
