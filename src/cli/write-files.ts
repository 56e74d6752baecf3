import { randomBytes } from 'crypto';
import { accessSync, constants, chmodSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'fs';
import { basename, dirname, join } from 'path';
import { ProjenMaturinError } from '../core/errors';
import { fileError } from '../core/files';
import { shellQuote } from '../core/shell';

/** One file to rewrite: its path under the root, the text it was read with, and its new text. */
export interface FileRewrite {
  readonly file: string;
  readonly before: string;
  readonly after: string;
}

interface Target extends FileRewrite {
  /** The file itself, through any symlink, so a symlink stays a symlink. */
  readonly real: string;
  readonly mode: number;
  readonly temp: string;
}

const NOTHING_CHANGED = 'nothing was changed';

function unchanged(error: ProjenMaturinError): ProjenMaturinError {
  return new ProjenMaturinError(`${error.message}; ${NOTHING_CHANGED}`, error.fix);
}

/** Checks that `change` can be replaced, before anything is written. */
function check(root: string, change: FileRewrite): Target {
  const path = join(root, change.file);
  let real: string;
  let mode: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new ProjenMaturinError(`${change.file} is not a regular file`, `replace it with the file itself (${change.file} must be a file)`);
    real = realpathSync(path);
    mode = stat.mode % 0o10000; // the permission bits, without the file type
  } catch (e) {
    throw e instanceof ProjenMaturinError ? e : fileError(change.file, e);
  }
  try {
    accessSync(real, constants.W_OK);
  } catch (e) {
    throw fileError(change.file, e, 'write');
  }
  try {
    // The new text goes to a temporary file next to the original, then replaces it.
    accessSync(dirname(real), constants.W_OK);
  } catch {
    throw new ProjenMaturinError(`the directory of ${change.file} (${dirname(real)}) is not writable: the new ${basename(real)} is written next to it first`,
      `make ${dirname(real)} writable (chmod u+w)`);
  }
  if (!readFileSync(real).equals(Buffer.from(change.before, 'utf8'))) {
    throw new ProjenMaturinError(`${change.file} changed while the release was being prepared`, 'run the command again');
  }
  return { ...change, real, mode, temp: join(dirname(real), `.${basename(real)}.${randomBytes(6).toString('hex')}.projen-maturin.tmp`) };
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or never created.
  }
}

/**
 * Replaces the files all or nothing: every file is checked (a regular file, writable,
 * in a writable directory, unchanged since it was read) and its new text written to a
 * temporary file beside it before any is renamed over its original. If a rename still
 * fails, the files already replaced get their original bytes back. Every error says
 * whether anything changed.
 */
export function writeFilesAtomically(root: string, changes: readonly FileRewrite[]): void {
  const targets: Target[] = [];
  try {
    for (const change of changes) targets.push(check(root, change));
  } catch (e) {
    if (e instanceof ProjenMaturinError) throw unchanged(e);
    throw e;
  }

  const written: Target[] = [];
  try {
    for (const target of targets) {
      try {
        writeFileSync(target.temp, target.after, { flag: 'wx' });
        written.push(target);
        chmodSync(target.temp, target.mode);
      } catch (e) {
        throw fileError(target.file, e, 'write');
      }
    }
  } catch (e) {
    for (const target of written) removeQuietly(target.temp);
    if (e instanceof ProjenMaturinError) throw unchanged(e);
    throw e;
  }

  const replaced: Target[] = [];
  for (const target of targets) {
    try {
      renameSync(target.temp, target.real);
      replaced.push(target);
    } catch (e) {
      for (const rest of targets.filter((t) => !replaced.includes(t))) removeQuietly(rest.temp);
      const notRestored = replaced.filter((done) => {
        try {
          writeFileSync(done.real, done.before);
          return false;
        } catch {
          return true;
        }
      });
      const failure = fileError(target.file, e, 'write');
      if (notRestored.length === 0) throw unchanged(failure);
      const files = notRestored.map((t) => t.file);
      throw new ProjenMaturinError(`${failure.message}; ${files.join(', ')} could not be put back as ${files.length === 1 ? 'it was' : 'they were'}`,
        `restore ${files.length === 1 ? 'it' : 'them'} from the last commit, in ${root}: git checkout -- ${files.map(shellQuote).join(' ')}`);
    }
  }
}
