import { execFileSync, spawnSync } from 'child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';
import { Writable } from 'stream';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'assets', 'cli.cjs');

/** The ordinary user tests run the bundles as when they run as root, so file permissions apply to them. */
export const NOBODY: { readonly uid: number; readonly gid: number } = { uid: 65534, gid: 65534 };

/** Whether `user` may enter directory `dir` (its search bit for the owner, the group or others). */
function canEnter(dir: string, user: { uid: number; gid: number }): boolean {
  const { mode, uid, gid } = statSync(dir);
  const bit = uid === user.uid ? 0o100 : gid === user.gid ? 0o010 : 0o001;
  return Math.floor(mode / bit) % 2 === 1;
}

/**
 * Fails with the cause when `user` cannot reach `path`: some directory above it is closed
 * to them (a clone under a 0700 directory, or a TMPDIR inside one).
 */
export function assertReachable(path: string, user: { uid: number; gid: number }): void {
  const full = resolve(path);
  for (let dir = statSync(full).isDirectory() ? full : dirname(full); ; dir = dirname(dir)) {
    if (!canEnter(dir, user)) {
      throw new Error(`uid ${user.uid} cannot read ${path}: ${dir} is closed to it (mode ${(statSync(dir).mode % 0o1000).toString(8)}); make its parents world-readable (chmod o+x ${dir})`);
    }
    if (dirname(dir) === dir) return;
  }
}

let sharedAssets: string | undefined;

/**
 * The bundles (assets/*.cjs) and package.json copied once per test file to a fresh directory
 * every user can read, for running them as another user: this checkout may sit under a
 * directory only root can enter (a fresh clone in a private temporary directory).
 */
export function assetsForAnyUser(): string {
  if (sharedAssets) return sharedAssets;
  const copy = mkdtempSync(join(tmpdir(), 'projen-maturin-assets-'));
  mkdirSync(join(copy, 'assets'));
  copyFileSync(join(ROOT, 'package.json'), join(copy, 'package.json'));
  for (const file of readdirSync(join(ROOT, 'assets')).filter((f) => f.endsWith('.cjs'))) copyFileSync(join(ROOT, 'assets', file), join(copy, 'assets', file));
  for (const dir of [copy, join(copy, 'assets')]) chmodSync(dir, 0o755);
  assertReachable(join(copy, 'assets'), NOBODY);
  sharedAssets = join(copy, 'assets');
  return sharedAssets;
}

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

type Main = (argv: readonly string[], cwd: string, out: Writable, today: string | undefined, err: Writable) => number;
let bundledMain: Main | undefined;

/** A stream that keeps what is written to it. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return { stream: new Writable({ write: (chunk, _, done) => { chunks.push(String(chunk)); done(); } }), text: () => chunks.join('') };
}

/**
 * Runs the bundled `projen-maturin` CLI (assets/cli.cjs, the file `npx projen-maturin`
 * runs) in this process, in `cwd`: its exit code and what it wrote. Tests of what only a
 * separate process shows (exit status of the bin, preloaded modules, another user) use `cliWith`.
 */
export function cli(cwd: string, ...args: string[]): CliRun {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  bundledMain ??= (require(CLI) as { main: Main }).main;
  const out = collector();
  const err = collector();
  const status = bundledMain(args, cwd, out.stream, undefined, err.stream);
  return { status, stdout: out.text(), stderr: err.text() };
}

export interface CliOptions {
  readonly cwd: string;
  /** Modules node preloads (`-r`) before the CLI. */
  readonly preload?: string[];
  readonly env?: Record<string, string>;
  /** Run as this user (tests running as root use it to be an ordinary user). */
  readonly uid?: number;
  readonly gid?: number;
}

/** Runs the bundled CLI with extra process settings (as another user, from a copy that user can read). */
export function cliWith(options: CliOptions, ...args: string[]): CliRun {
  const preload = (options.preload ?? []).flatMap((module) => ['-r', module]);
  const other = options.uid !== undefined && options.uid !== process.getuid?.() ? { uid: options.uid, gid: options.gid ?? options.uid } : undefined;
  if (other) for (const path of [options.cwd, process.execPath]) assertReachable(path, other);
  const bin = other ? join(assetsForAnyUser(), 'cli.cjs') : CLI;
  const result = spawnSync(process.execPath, [...preload, bin, ...args], {
    cwd: options.cwd, encoding: 'utf8', env: { ...process.env, ...options.env }, uid: options.uid, gid: options.gid,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Commits everything in `dir` (a fresh repository), so the tree is clean. */
export function commitAll(dir: string): void {
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'fixture');
}
