import { checkDistCommand, githubReleaseCommand, planCommand, verifyInstallCommand } from './commands';
import { UsageError, reportError } from './runner-io';
import { readRuntimeConfig } from '../release/runtime-config';

const USAGE = 'usage: release-tools.cjs <plan | check-dist DIR | verify-install | github-release>';

/**
 * Entry point of the release tools the generated workflow runs with `node`.
 * Runs in the repository root; reads the generated config; inputs come from the
 * environment (never from `${{ }}` in a script).
 */
export async function main(argv: readonly string[], root = process.cwd()): Promise<number> {
  try {
    const [command, ...args] = argv;
    const config = readRuntimeConfig(root);
    switch (command) {
      case 'plan':
        return planCommand(config, root);
      case 'check-dist':
        if (args.length !== 1) throw new UsageError(USAGE);
        return checkDistCommand(config, args[0]);
      case 'verify-install':
        return await verifyInstallCommand(config);
      case 'github-release':
        return githubReleaseCommand(config, root);
      default:
        throw new UsageError(USAGE);
    }
  } catch (e) {
    // Expected failures (bad tag, missing wheel, unreadable version: our own error classes)
    // are one clear message; anything else is a bug and keeps its stack.
    const builtIn = [TypeError, SyntaxError, RangeError, ReferenceError].some((type) => e instanceof type);
    const expected = e instanceof Error && e.constructor !== Error && !builtIn;
    reportError(expected ? (e as Error).message : String((e as Error).stack ?? e));
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
