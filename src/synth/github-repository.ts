import { spawnSync } from 'child_process';

const GITHUB_REMOTE = /^(?:https:\/\/(?:[^@/]+@)?github\.com\/|git@github\.com:|ssh:\/\/git@github\.com\/)([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+?)(?:\.git)?\/?$/;
export const GITHUB_REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** "owner/name" of a GitHub remote URL (https or ssh), or undefined. */
export function parseGitHubRemote(url: string): string | undefined {
  return GITHUB_REMOTE.exec(url.trim())?.[1];
}

/** "owner/name" of the `origin` remote of the repository at `dir`, when it is on GitHub. */
export function detectGitHubRepository(dir: string): string | undefined {
  const remote = spawnSync('git', ['remote', 'get-url', 'origin'], { cwd: dir, encoding: 'utf8' });
  return remote.status === 0 ? parseGitHubRemote(remote.stdout) : undefined;
}
