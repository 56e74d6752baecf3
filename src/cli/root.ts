import { existsSync, readFileSync, readdirSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { ProjenMaturinError } from '../core/errors';
import { RELEASE_CONFIG_PATH, RELEASE_DIR, isRuntimeConfigFile } from '../core/paths';

/**
 * The release settings files of the repository at `root` (one per release
 * workflow), `config.json` first.
 */
export function runtimeConfigFiles(root: string): string[] {
  let names: string[];
  try {
    names = readdirSync(join(root, RELEASE_DIR));
  } catch {
    return [];
  }
  const files = names.filter(isRuntimeConfigFile).sort((a, b) => (a === 'config.json' ? -1 : b === 'config.json' ? 1 : a.localeCompare(b)));
  return files.map((name) => `${RELEASE_DIR}/${name}`);
}

/**
 * The repository root for a command run in `start` or any directory below the
 * root: the nearest directory with generated release settings, looking no
 * further up than the git repository `start` is in.
 */
export function findRepositoryRoot(start: string): string {
  const from = resolve(start);
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, RELEASE_CONFIG_PATH)) || runtimeConfigFiles(dir).length > 0) return dir;
    const gitRoot = existsSync(join(dir, '.git'));
    if (gitRoot || dirname(dir) === dir) {
      const where = dir === from ? from : `${from} or the directories above it up to ${dir}${gitRoot ? ' (the git repository root)' : ''}`;
      throw new ProjenMaturinError(`no ${RELEASE_CONFIG_PATH} (or ${RELEASE_DIR}/*.config.json) in ${where}`,
        'run this in a project that uses MaturinRelease; if it does, run "npx projen" in its root to generate the file, and commit it');
    }
  }
}

/** The version of this projen-maturin: the package.json of the package the running code came from. */
export function ownVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === 'projen-maturin' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // No (readable) package.json here: look further up.
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
