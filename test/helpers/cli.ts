import { execFileSync, spawnSync } from 'child_process';
import { join } from 'path';

const CLI = join(__dirname, '..', '..', 'assets', 'cli.cjs');

/** Runs the bundled `projen-maturin` CLI, as `npx projen-maturin` would, in `cwd`. */
export function cli(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return cliWithEnv(cwd, process.env, ...args);
}

/** `cli` with the given environment. */
export function cliWithEnv(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Commits everything in `dir` (a fresh repository), so the tree is clean. */
export function commitAll(dir: string): void {
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'fixture');
}
