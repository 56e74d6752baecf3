import { execFileSync, spawnSync } from 'child_process';
import { join } from 'path';
import { Writable } from 'stream';

const CLI = join(__dirname, '..', '..', 'assets', 'cli.cjs');

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

/** Runs the bundled CLI with extra process settings. */
export function cliWith(options: CliOptions, ...args: string[]): CliRun {
  const preload = (options.preload ?? []).flatMap((module) => ['-r', module]);
  const result = spawnSync(process.execPath, [...preload, CLI, ...args], {
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
