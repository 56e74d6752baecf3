import { existsSync } from 'fs';
import { join } from 'path';
import { Writable } from 'stream';
import { helpText, parseArgs } from './args';
import { CommandModule } from './command';
import { run as plan } from './commands/plan';
import { findRepositoryRoot, ownVersion } from './root';
import { readRuntimeConfig } from '../core/contract';
import { UsageError, describeError } from '../core/errors';

/**
 * The module of a command other than plan: its own bundle next to this one
 * (assets/cli-<name>.cjs), so a command parses only the code it uses; plan, help and
 * --version need nothing beyond this file.
 */
function command(name: string): CommandModule {
  const bundle = join(__dirname, `cli-${name}.cjs`);
  if (!existsSync(bundle)) throw new Error(`projen-maturin is incomplete: ${bundle} is missing (run "npx projen bundle" in projen-maturin)`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(bundle) as CommandModule;
}

/**
 * The `projen-maturin` command: release logic for a maintainer's machine. Exits 0
 * on success, 1 when the release would fail or a file is wrong, 2 for a command
 * line that cannot run (help goes to stdout with 0).
 */
export function main(
  argv: readonly string[], cwd = process.cwd(), out: Writable = process.stdout, today = new Date().toISOString().slice(0, 10),
  err: Writable = process.stderr,
): number {
  try {
    const invocation = parseArgs(argv);
    if (invocation.kind === 'help') {
      out.write(helpText(invocation.command));
      return 0;
    }
    if (invocation.kind === 'version') {
      out.write(`${ownVersion()}\n`);
      return 0;
    }
    const root = findRepositoryRoot(cwd);
    const config = readRuntimeConfig(root);
    const context = { ...invocation, config, root, cwd, out, today };
    return invocation.command === 'plan' ? plan(context) : command(invocation.command).run(context);
  } catch (e) {
    const message = describeError(e);
    if (message === undefined) throw e;
    err.write(`projen-maturin: ${message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
