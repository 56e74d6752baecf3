import { lstatSync, statSync } from 'fs';
import { join, posix } from 'path';
import { Project } from 'projen';
import { ProjenMaturinError } from '../../core/errors';
import { readTextFile } from '../../core/files';
import { optionError } from '../config';

/**
 * projen's own record of the read-only files it generated: written by every synthesis,
 * committed, and what projen itself reads to clean up. A file on disk that it does not
 * list was not written by projen, so it is the repository's own.
 */
export const PROJEN_FILE_RECORD = '.projen/files.json';

/** The files projen generated in the project's last synthesis (empty before the first). */
export function projenGeneratedFiles(outdir: string): ReadonlySet<string> {
  const fix = 'restore it from the last commit (or resolve its merge conflict), then run "npx projen" again';
  let text: string | undefined;
  try {
    text = readTextFile(outdir, PROJEN_FILE_RECORD);
  } catch (e) {
    if (e instanceof ProjenMaturinError) throw optionError(`${e.message} (projen's record of the files it generated)`, e.fix ?? fix);
    throw e;
  }
  if (text === undefined) return new Set();
  let files: unknown;
  try {
    files = (JSON.parse(text) as { files?: unknown } | null)?.files;
  } catch (e) {
    throw optionError(`${PROJEN_FILE_RECORD} (projen's record of the files it generated) is not valid JSON: ${(e as Error).message.split('\n')[0]}`, fix);
  }
  // projen omits the list when it generated no read-only file.
  if (files === undefined) return new Set();
  if (!Array.isArray(files) || files.some((f) => typeof f !== 'string')) {
    throw optionError(`${PROJEN_FILE_RECORD} (projen's record of the files it generated) has no "files" list of paths`, fix);
  }
  return new Set((files as string[]).map((f) => posix.normalize(f)));
}

/** A file MaturinRelease writes or reads as the maintainers' own, and the option that names it (none for fixed paths). */
export type PlannedFile = {
  readonly path: string;
  readonly option?: string;
  /** The option's value when it is not the path itself (workflowName "release" → .github/workflows/release.yml). */
  readonly value?: string;
} & ({
  /** Written at every synthesis, read-only. */
  readonly kind: 'generated';
  /** What it is, for messages, e.g. "the setup checklist". */
  readonly what: string;
} | {
  /** The maintainers' own file (created once when missing, or only read). */
  readonly kind: 'own';
  /** What it is, e.g. "changelog". */
  readonly noun: string;
  /** A path to suggest instead. */
  readonly example: string;
});

/** Files every maturin repository owns, wherever they are, and what each is. */
const MANIFESTS: Readonly<Record<string, string>> = {
  'cargo.toml': 'Rust package manifest',
  'cargo.lock': 'Cargo lock file',
  'pyproject.toml': 'Python project file',
};
/** Documents at the repository root that belong to the maintainers. */
const ROOT_DOCUMENTS = /^(changelog|changes|history|news|readme|license|licence|copying|notice|authors|contributing|security|code_of_conduct)(\.[a-z]+)?$/i;

const show = (value: string) => JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value);
const key = (path: string) => posix.normalize(path).toLowerCase();
// NAME_MAX of the file systems a repository is checked out on.
const MAX_NAME_BYTES = 255;
const GENERATED_EXAMPLE = '"RELEASING.md"';

function userOwned(path: string): string | undefined {
  const normalized = posix.normalize(path);
  const name = posix.basename(normalized).toLowerCase();
  if (MANIFESTS[name]) return MANIFESTS[name];
  if (!normalized.includes('/') && ROOT_DOCUMENTS.test(name)) return normalized;
  return undefined;
}

function kindOf(path: string): 'missing' | 'file' | 'directory' | 'other' {
  try {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) {
      try {
        return statSync(path).isDirectory() ? 'directory' : 'file';
      } catch {
        return 'file'; // a dangling link still takes the name
      }
    }
    return stat.isDirectory() ? 'directory' : stat.isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

/** A path option's own form: a file inside the working tree that file systems accept. */
function checkShape(file: PlannedFile): void {
  if (!file.option) return;
  const at = `${file.option} is ${show(file.value ?? file.path)}`;
  const parts = posix.normalize(file.path).split('/');
  if (file.value === undefined) {
    if (file.path.includes('\\')) throw optionError(`${at}; separate directories with "/", as in "docs/RELEASING.md"`);
    if (file.path.endsWith('/') || posix.normalize(file.path) === '.') throw optionError(`${at}; it must name a file, such as "docs/RELEASING.md"`);
    if (parts.includes('.git')) throw optionError(`${at}, inside .git (git's own files); choose a path in the working tree, such as "RELEASING.md"`);
  }
  if (parts.some((p) => Buffer.byteLength(p) > MAX_NAME_BYTES)) {
    throw optionError(`${at}; a file or directory name may be at most ${MAX_NAME_BYTES} bytes long (file systems refuse longer names)`);
  }
}

/** The name the option would write over, and why that is someone else's file. */
function checkOwnership(project: Project, file: PlannedFile, planned: readonly PlannedFile[], record: ReadonlySet<string>): void {
  const at = !file.option ? file.path : file.value !== undefined
    ? `${file.option} is ${show(file.value)} (${file.path})` : `${file.option} is ${show(file.path)}`;
  const pathOption = file.option !== undefined && file.value === undefined;
  const normalized = posix.normalize(file.path);
  const example = file.kind === 'own' ? file.example : GENERATED_EXAMPLE;

  // A file every maturin repository owns.
  const owned = userOwned(file.path);
  if (owned && pathOption && file.kind === 'generated') {
    throw optionError(`${at}, the repository's own ${owned}: projen-maturin rewrites ${file.option} at every "npx projen" (${file.what}) and would replace it; choose another path, such as ${example}`);
  }
  if (owned && file.kind === 'own' && MANIFESTS[posix.basename(normalized).toLowerCase()]) {
    throw optionError(`${at}, the repository's ${owned}, not a ${file.noun}: the release notes come from it${file.noun === 'changelog' ? ' and "prepare" edits it' : ''}; ` +
      `use a Markdown file such as ${example}`);
  }

  // Another file this component writes: the checklist is the generated file users name.
  const twin = planned.find((other) => other !== file && key(other.path) === key(file.path) && (other.kind === 'generated' || file.kind === 'generated'));
  if (twin && pathOption && file.kind === 'generated') {
    if (twin.kind === 'own') {
      const defaults = twin.option === 'changelogFile' ? ' (checklistFile is "RELEASING.md" unless set, changelogFile "CHANGELOG.md")' : '';
      throw optionError(`${file.option} and ${twin.option} are both ${show(file.path)}: the checklist is rewritten by every "npx projen" and would replace your ${twin.noun}; ` +
        `give each its own path${defaults}`);
    }
    throw optionError(`${at}, a file projen-maturin generates itself (${twin.what}); choose another path, such as ${example}`);
  }
  if (twin && pathOption && twin.kind === 'generated') {
    throw optionError(`${at}, a file projen-maturin generates itself (${twin.what}); choose another path, such as ${example}`);
  }

  // A file another projen component generates.
  const other = project.tryFindFile(normalized);
  if (other && (file.kind === 'generated' || other.readonly)) {
    throw optionError(file.kind === 'own'
      ? `${at}, a file projen generates for this project (another component writes it), not the repository's own ${file.noun}; use a file you edit, such as ${example}`
      : `${at}, which projen already generates for this project (another component writes it); choose another path, such as ${example}`);
  }

  // What is on disk.
  const parts = normalized.split('/');
  for (let i = 1; i < parts.length; i++) {
    const parent = parts.slice(0, i).join('/');
    const kind = kindOf(join(project.outdir, parent));
    if (kind === 'missing') break;
    if (kind !== 'directory') {
      throw optionError(`${at}, but ${parent} is a file, not a directory`, file.option ? `choose another path for ${file.option}` : `move ${parent} away`);
    }
  }
  const kind = kindOf(join(project.outdir, normalized));
  if (kind === 'directory') {
    throw optionError(`${at}${file.option ? ', which' : ''} is a directory in the repository; ${file.kind === 'own' ? `it must be your ${file.noun}` : `projen-maturin writes ${file.what} there`}`,
      file.option ? `set ${file.option} to a file path, such as ${example}, or remove or rename the directory` : `remove or rename the directory ${normalized}`);
  }
  if (kind === 'missing') return;
  const generated = record.has(normalized);
  if (file.kind === 'own') {
    if (generated) {
      throw optionError(`${at}, a file projen generated (${PROJEN_FILE_RECORD} lists it), not the repository's own ${file.noun}; use a file you edit, such as ${example}`);
    }
    return;
  }
  if (!generated) {
    const fix = file.option === 'workflowName'
      ? `set workflowName to another name, such as "python-release"; or, if the old workflow may be replaced, delete ${normalized} and run "npx projen" again`
      : file.option
        ? `choose another path for ${file.option}; or, if ${normalized} may be replaced, delete it and run "npx projen" again`
        : `if ${normalized} is a copy from another repository or an older setup, delete it and run "npx projen" again`;
    throw optionError(`${at}${file.option ? `, but ${normalized}` : ''} already exists and projen did not generate it (${PROJEN_FILE_RECORD} does not list it): ` +
      `projen-maturin would replace it with ${file.what}`, fix);
  }
}

/**
 * Refuses, before anything is written, every file MaturinRelease would write over that is
 * not its own to write: another of its files, a file the repository owns (its manifests,
 * changelog, README, or any file on disk that projen did not generate), a file another
 * projen component generates, a directory, or a path through a file. The maintainers' own
 * files it reads (the changelog, the release notes file) must not be any of its generated
 * files, nor one projen generates.
 */
export function checkPlannedFiles(project: Project, planned: readonly PlannedFile[], record = projenGeneratedFiles(project.outdir)): void {
  for (const file of planned) checkShape(file);
  for (const file of planned) checkOwnership(project, file, planned, record);
}
