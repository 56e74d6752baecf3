import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import { RELEASE_CONFIG_PATH, RELEASE_TOOLS_PATH } from './paths';

/**
 * The version of projen-maturin this code belongs to. Synthesis reads the installed
 * package's package.json; the release tools bundle inlines it when they are built.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const PROJEN_MATURIN_VERSION: string = require('../../package.json').version;

/**
 * What config.json records about the files generated with it: the workflow, the
 * release tools and config.json itself must come from one `npx projen` run, or the
 * release would run a workflow the tools were not made for.
 */
export interface GeneratedFiles {
  /** The projen-maturin version that generated the files. */
  readonly projenMaturinVersion: string;
  /**
   * sha256 of each generated file by repository path: the workflow and the release tools
   * as written (line endings read as LF), config.json as its JSON without this record.
   */
  readonly sha256: Readonly<Record<string, string>>;
}

/** The key of the record in config.json. */
export const GENERATED_FILES_KEY = 'generatedFiles';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The digest of a generated text file. A checkout with `core.autocrlf` writes CRLF;
 * that is the same file.
 */
export function textDigest(text: string): string {
  return sha256(text.replace(/\r\n/g, '\n'));
}

/**
 * The digest of config.json's content without its record of the generated files, so the
 * record can hold it: the keys in file order, as `JSON.stringify` writes them.
 */
export function configDigest(config: object): string {
  const { [GENERATED_FILES_KEY]: _, ...rest } = config as Record<string, unknown>;
  return sha256(JSON.stringify(rest));
}

/** The heading of every report of generated files that do not match (the plan job's and `projen-maturin check`'s). */
export const GENERATED_FILES_DRIFT = 'The generated release files do not belong together:';

/**
 * The fix for any problem `generatedFileProblems` reports; `again` says how the release
 * starts again (a tag pushed again, or the workflow run again).
 */
export function generatedFilesFix(again = 'delete the tag and push it again on that commit'): string {
  return `run "npx projen" in the repository root and commit the result; then ${again} (nothing was built or published). ` +
    'Changes to the workflow belong in .projenrc (MaturinRelease.workflow: addJobs, insertStepBefore, …): a hand-edited generated file is replaced by the next "npx projen"';
}

/**
 * Why the workflow at `workflowPath`, the release tools and the settings file at `configPath`
 * (`config`, as parsed) do not belong together; empty when they do. `toolsVersion` is the
 * version of the release tools that run this check.
 */
export function generatedFileProblems(
  root: string, config: object, workflowPath: string, toolsVersion: string, configPath = RELEASE_CONFIG_PATH,
): string[] {
  const record = (config as Record<string, unknown>)[GENERATED_FILES_KEY] as Partial<GeneratedFiles> | undefined;
  const digests = record?.sha256;
  if (typeof record?.projenMaturinVersion !== 'string' || typeof digests !== 'object' || digests === null) {
    return [`${configPath} does not record which projen-maturin generated it and the files beside it (it was written by hand, or by a projen-maturin older than the release tools ${toolsVersion})`];
  }
  const problems: string[] = [];
  const generatedBy = record.projenMaturinVersion;
  if (generatedBy !== toolsVersion) {
    problems.push(`${RELEASE_TOOLS_PATH} is from projen-maturin ${toolsVersion}, but ${configPath} was written by projen-maturin ${generatedBy}`);
  }
  for (const path of [workflowPath, RELEASE_TOOLS_PATH, configPath]) {
    const expected = (digests as Record<string, unknown>)[path];
    if (typeof expected !== 'string') {
      problems.push(`${configPath} has no sha256 of ${path}, which it was generated with`);
      continue;
    }
    let actual: string;
    if (path === configPath) {
      actual = configDigest(config);
    } else {
      try {
        actual = textDigest(readFileSync(join(root, path), 'utf8'));
      } catch {
        problems.push(`${path} is missing (or cannot be read), though ${configPath} was generated with it`);
        continue;
      }
    }
    if (actual !== expected) {
      problems.push(`${path} is not the file projen-maturin ${generatedBy} generated with ${configPath} (sha256 ${actual}, expected ${expected}): ` +
        (path === RELEASE_TOOLS_PATH ? 'it comes from another version or was changed' : 'it was edited by hand, or comes from another "npx projen" run'));
    }
  }
  return problems;
}
