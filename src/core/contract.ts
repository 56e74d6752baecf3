import { Channel } from './channel';
import { ExpectedDistribution } from './distributions';
import { ProjenMaturinError } from './errors';
import { EstimateReport } from './estimate-report';
import { readTextFile } from './files';
import { GeneratedFiles } from './generated-files';
import { RELEASE_CONFIG_PATH } from './paths';

/** The schema of `RuntimeConfig` this projen-maturin writes and reads. */
export const RUNTIME_CONFIG_SCHEMA = 2;

/**
 * Where the release notes come from: the version's CHANGELOG section, GitHub's
 * generated notes (from the pull requests merged since the previous release), a
 * file, or none.
 */
export type ReleaseNotesSource = 'changelog' | 'github' | 'file' | 'none';

/** What starts a release: a pushed tag, or a manual run with a version that creates the tag after publishing. */
export type ReleaseTriggerMode = 'tag' | 'dispatch';

/**
 * The plan job's outputs: decided once from the tag, read by every later job
 * (the workflow's `needs.plan.outputs.*` and the release tools' step outputs).
 */
export const PLAN_OUTPUTS = ['tag', 'version', 'pep440', 'channel', 'prerelease', 'publish'] as const;
export type PlanOutput = (typeof PLAN_OUTPUTS)[number];
export type PlanOutputs = Readonly<Record<PlanOutput, string>>;

/**
 * What the release tools need at release time, written by `npx projen` next to the
 * workflow from the same configuration, so the two can never disagree.
 */
export interface RuntimeConfig {
  readonly schemaVersion: typeof RUNTIME_CONFIG_SCHEMA;
  readonly packageName: string;
  readonly moduleName: string;
  /** False for a `bin` package: it ships a program, and no module to import after installing. */
  readonly importable?: boolean;
  readonly tagPattern: string;
  readonly versionSource: 'cargo' | 'pyproject';
  /** The package directory (its pyproject.toml and crate), relative to the repository root; `.` for the root. */
  readonly packageDirectory: string;
  readonly releaseTrigger: ReleaseTriggerMode;
  /**
   * The tag is the repository's (`sharedTag`): it starts the release, and the version is the
   * version source's; the plan stops when that version is on its index already. Absent: false.
   */
  readonly sharedTag?: boolean;
  readonly releaseNotes: ReleaseNotesSource;
  /** `file` notes: the file, where `{version}` stands for the version. */
  readonly releaseNotesFile?: string;
  readonly changelogFile: string;
  /** Whether a release needs a section for its version in `changelogFile` (always when the notes come from it). */
  readonly changelogRequired: boolean;
  /** The generated workflow, for previews of what a release runs. */
  readonly workflowPath: string;
  readonly prereleasesToTestPypi: boolean;
  /** Per channel: the simple index (to install from) and the JSON API (to compare files with). */
  readonly indexes: Readonly<Partial<Record<Channel, { readonly simple: string; readonly json: string }>>>;
  readonly expectedDistributions: readonly ExpectedDistribution[];
  /** Per target, the wheels (e.g. `cp39`, `cp314-cp314t`) published without any test installing them, and why. */
  readonly untestedTargets?: readonly { readonly target: string; readonly wheels: readonly string[]; readonly reason: string }[];
  /** Time and cost of a release, computed from the release plan at synthesis. */
  readonly estimate: EstimateReport;
  /**
   * The largest file the index accepts, in MB as PyPI counts them (MiB). Absent means
   * PyPI's default; a project with a raised limit sets it. Read it with `maxFileSizeMb()`.
   */
  readonly maxFileSizeMb?: number;
  /** The publish job attests build provenance (`publishing.attestations`). */
  readonly attestations: boolean;
  /**
   * Which projen-maturin generated this file, the workflow and the release tools, with
   * their sha256: the plan refuses files that do not belong together. Added last, at
   * synthesis, from the files as written.
   */
  readonly generatedFiles?: GeneratedFiles;
}

/** PyPI's default upload limit per file (warehouse/constants.py: MAX_FILESIZE = 100 * ONE_MIB). */
export const PYPI_DEFAULT_MAX_FILE_SIZE_MB = 100;

/** The per-file upload limit in MB (MiB) that applies to this release. */
export function maxFileSizeMb(config: Pick<RuntimeConfig, 'maxFileSizeMb'>): number {
  return config.maxFileSizeMb ?? PYPI_DEFAULT_MAX_FILE_SIZE_MB;
}

const REGENERATE = 'run "npx projen" in the repository root to generate it again, and commit the result';

/**
 * The generated release settings at `path` (the default workflow's when not given)
 * in the repository at `root`, checked enough to name what is wrong with them.
 */
export function readRuntimeConfig(root: string, path = RELEASE_CONFIG_PATH): RuntimeConfig {
  const text = readTextFile(root, path);
  if (text === undefined) {
    throw new ProjenMaturinError(`${path} does not exist in ${root}`,
      'run "npx projen" in a project that uses MaturinRelease, and commit the result');
  }
  if (text.trim() === '') throw new ProjenMaturinError(`${path} is empty`, REGENERATE);
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (e) {
    throw new ProjenMaturinError(`${path} is not valid JSON (${(e as Error).message.split('\n')[0]})`, REGENERATE);
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new ProjenMaturinError(`${path} is not a JSON object`, REGENERATE);
  }
  const schemaVersion = (config as Record<string, unknown>).schemaVersion;
  if (schemaVersion !== RUNTIME_CONFIG_SCHEMA) {
    throw new ProjenMaturinError(`${path} has schemaVersion ${JSON.stringify(schemaVersion) ?? '(none)'}; this projen-maturin reads schemaVersion ${RUNTIME_CONFIG_SCHEMA}`,
      'regenerate it with the projen-maturin version the project depends on: run "npx projen" in the repository root, and commit the result');
  }
  checkShape(config as Record<string, unknown>, path);
  return config as RuntimeConfig;
}

/**
 * The fields every command reads, checked enough that a hand-edited or truncated
 * config.json is named as such instead of failing deep inside a command.
 */
function checkShape(config: Record<string, unknown>, path: string): void {
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const isString = (v: unknown) => typeof v === 'string' && v !== '';
  // Paths the tools read: inside the repository.
  const isPath = (v: unknown) => isString(v) && !/^\/|^[A-Za-z]:|(^|[\\/])\.\.([\\/]|$)/.test(v as string);
  const estimate = config.estimate as Record<string, unknown> | undefined;
  const fields: [string, unknown, (v: unknown) => boolean][] = [
    ['packageName', config.packageName, isString],
    ['moduleName', config.moduleName, isString],
    ['tagPattern', config.tagPattern, isString],
    ['versionSource', config.versionSource, (v) => v === 'cargo' || v === 'pyproject'],
    ['changelogFile', config.changelogFile, isPath],
    ['workflowPath', config.workflowPath, isPath],
    ['indexes', config.indexes, isObject],
    ['expectedDistributions', config.expectedDistributions, Array.isArray],
    ['estimate', estimate, (v) => isObject(v) && ['workflow', 'seedStyle', 'assumptions'].every((k) => isObject((v as Record<string, unknown>)[k]))],
  ];
  for (const [key, value, valid] of fields) {
    if (!valid(value)) {
      const found = value === undefined ? 'it has none' : `it is ${(JSON.stringify(value) ?? String(value)).slice(0, 80)}`;
      throw new ProjenMaturinError(`${path} has no valid "${key}" (${found}): it was edited by hand or written by another tool`, REGENERATE);
    }
  }
}
