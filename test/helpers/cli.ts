import { execFileSync, spawnSync } from 'child_process';
import { join } from 'path';

const CLI = join(__dirname, '..', '..', 'assets', 'cli.cjs');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the bundled `projen-maturin` CLI, as `npx projen-maturin` would, in `cwd`. */
export function cli(cwd: string, ...args: string[]): CliRun {
  return cliWith({ cwd }, ...args);
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
