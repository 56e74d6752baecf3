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
 * The entries of `dir`, sorted: the names of its regular files, and of everything else
 * (directories, sockets...); `described` says what the directory is in messages, and `fix`
 * how the job fills it. A missing or unreadable directory, or an entry that cannot be
 * inspected, is a message naming it instead of a stack trace.
 */
export function listEntries(dir: string, described: string, fix: string): { files: string[]; others: { name: string; directory: boolean }[] } {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    names = readdirSync(dir);
  } catch (e) {
    throw new ProjenMaturinError(`${described}, which is not a readable directory (${code(e)})`, fix);
  }
  const files: string[] = [];
  const others: { name: string; directory: boolean }[] = [];
  for (const name of names.sort()) {
    const path = join(dir, name);
    let stat;
    try {
      stat = statSync(path);
    } catch (e) {
      // e.g. a symbolic link to nothing: name it rather than skip it.
      throw new ProjenMaturinError(`could not read ${path} (${code(e)})`, fix);
    }
    if (stat.isFile()) files.push(name);
    else others.push({ name, directory: stat.isDirectory() });
  }
  return { files, others };
}

/** The names of the regular files in `dir`, sorted (see `listEntries`). */
export function listFiles(dir: string, described: string, fix: string): string[] {
  return listEntries(dir, described, fix).files;
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
