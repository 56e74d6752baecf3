import { cpSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative } from 'path';
import { Writable } from 'stream';
import { Project } from 'projen';
import { MaturinRelease, MaturinReleaseOptions } from '../../src';
import { describeError } from '../../src/core/errors';

/**
 * The adversarial suite calls the release tools and the CLI in this process, from the
 * bundles the workflow and `npx projen-maturin` run (assets/*.cjs), so hundreds of
 * cases take seconds; the process boundary itself is tested elsewhere (test/runner, test/cli).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tools = require('../../assets/release-tools.cjs') as { main(argv: string[], root: string): Promise<number> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cliBundle = require('../../assets/cli.cjs') as { main(argv: string[], cwd: string, out: Writable, today: string): number };

/** A line of a Node stack trace. */
export const STACK_FRAME = /^\s+at .+/m;

export interface Outcome {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `fn` with `env` set on top of (or, for undefined values, removed from) the environment, capturing stdout and stderr. */
async function capture(env: Record<string, string | undefined>, fn: (out: Writable) => number | Promise<number>): Promise<Outcome> {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  let stdout = '';
  let stderr = '';
  const out = new Writable({
    write(chunk, _, done) {
      stdout += String(chunk);
      done();
    },
  });
  const outSpy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
    stdout += String(chunk);
    return true;
  });
  const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const status = await fn(out);
    return { status, stdout, stderr };
  } finally {
    outSpy.mockRestore();
    errSpy.mockRestore();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** Environment a step starts with, without anything of the machine running the tests that the tools read. */
const CLEAN: Record<string, undefined> = {
  GITHUB_ACTIONS: undefined,
  GITHUB_OUTPUT: undefined,
  GITHUB_STEP_SUMMARY: undefined,
  GITHUB_EVENT_NAME: undefined,
  GITHUB_EVENT_PATH: undefined,
  GITHUB_REF_NAME: undefined,
  GITHUB_REF_TYPE: undefined,
  GITHUB_SERVER_URL: undefined,
  DRY_RUN: undefined,
  VERSION: undefined,
  TAG: undefined,
  CHANNEL: undefined,
  PRERELEASE: undefined,
  RELEASE_DRAFT: undefined,
  RELEASE_ASSETS: undefined,
  DIST_DIR: undefined,
  PYTHON: undefined,
  VERIFY_RETRY_SECONDS: undefined,
  VERIFY_REQUEST_TIMEOUT_SECONDS: undefined,
  PROJEN_MATURIN_DEBUG: undefined,
};

/** `node release-tools.cjs <argv>` in `root`, with `env` (the workflow step's). */
export function runTools(root: string, argv: string[], env: Record<string, string | undefined> = {}): Promise<Outcome> {
  return capture({ ...CLEAN, ...env }, () => tools.main(argv, root));
}

/** `npx projen-maturin <argv>` in `cwd`, on a fixed date. */
export function runCli(cwd: string, ...argv: string[]): Promise<Outcome> {
  return capture({ ...CLEAN }, (out) => cliBundle.main(argv, cwd, out, '2026-03-04'));
}

/** Every file under `dir` (not .git) with its bytes (a symlink as its target): equal snapshots mean nothing changed. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at)) {
      if (entry === '.git') continue;
      const path = join(at, entry);
      const stat = lstatSync(path);
      const key = relative(dir, path);
      if (stat.isSymbolicLink()) files[key] = `-> ${readlinkSync(path)}`;
      else if (stat.isDirectory()) walk(path);
      else files[key] = `${(stat.mode % 0o1000).toString(8)} ${readFileSync(path).toString('base64')}`;
    }
  };
  walk(dir);
  return files;
}

/** A temp directory holding `files` (a Buffer is written as its bytes; a path ending in "/" is a directory). */
export function repoWith(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'adversarial-'));
  for (const [file, content] of Object.entries(files)) {
    if (file.endsWith('/')) {
      mkdirSync(join(dir, file), { recursive: true });
      continue;
    }
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return dir;
}

/** A copy of `dir` to change freely. */
export function copyOf(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'adversarial-copy-'));
  cpSync(dir, copy, { recursive: true, verbatimSymlinks: true });
  return copy;
}

export const CARGO = '[package]\nname = "dioxide"\nversion = "1.0.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\npyo3 = "0.27"\n';
export const PYPROJECT = '[build-system]\nrequires = ["maturin>=1.7,<2"]\nbuild-backend = "maturin"\n\n[project]\nname = "dioxide"\ndynamic = ["version"]\n';

export interface SynthOutcome {
  /** The message and fix of the user error, or undefined when synthesis succeeded. */
  readonly error?: string;
  /** Whether what was thrown carries a stack of our frames (it must not, for a user error). */
  readonly stack: boolean;
  /** The repository's files before and after. */
  readonly before: Record<string, string>;
  readonly after: Record<string, string>;
  readonly dir: string;
}

/**
 * `new MaturinRelease(project, options)` and `project.synth()` in a repository holding `files`
 * (Cargo.toml and pyproject.toml of a PyO3 package unless given). A thrown error that is not
 * a user error fails the test with its stack.
 */
export function synthIn(files: Record<string, string | Buffer>, options: Partial<MaturinReleaseOptions> | Record<string, unknown> = {}, dir = repoWith({ ...('Cargo.toml/' in files ? {} : { 'Cargo.toml': CARGO }), ...files })): SynthOutcome {
  const before = snapshot(dir);
  try {
    const project = new Project({ name: 'dioxide', outdir: dir });
    new MaturinRelease(project, { packageName: 'dioxide', ...options } as MaturinReleaseOptions);
    project.synth();
    return { stack: false, before, after: snapshot(dir), dir };
  } catch (e) {
    const error = describeError(e);
    if (error === undefined) throw e;
    return { error, stack: STACK_FRAME.test(String((e as Error).stack)), before, after: snapshot(dir), dir };
  }
}

/** The one line a user error is reported with: its message, and its fix on the next line. */
export const withFix = (message: string, fix: string) => `${message}\n  fix: ${fix}`;
