import { existsSync } from 'fs';
import { dirname, join, relative, sep } from 'path';

/**
 * How the release tasks run the CLI: `node` on the bundle installed in the project's
 * node_modules (or a parent's, up to the git repository root, as in a monorepo), so a
 * task does not pay for npx finding the package again; `npx projen-maturin` where no
 * installed copy is found.
 */
export function cliCommand(outdir: string): string {
  for (let dir = outdir; ; dir = dirname(dir)) {
    const bundle = join(dir, 'node_modules', 'projen-maturin', 'assets', 'cli.cjs');
    if (existsSync(bundle)) {
      const path = relative(outdir, bundle).split(sep).join('/');
      return `node ${/^[\w./@-]+$/.test(path) ? path : `"${path}"`}`;
    }
    if (existsSync(join(dir, '.git')) || dirname(dir) === dir) return 'npx projen-maturin';
  }
}
