import { checkDistCommand } from './check-dist';
import { githubReleaseCommand } from './github-release';
import { reportError } from './io';
import { planCommand } from './plan';
import { verifyInstallCommand } from './verify-install';
import { readRuntimeConfig } from '../core/contract';
import { UsageError, describeError } from '../core/errors';

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
        return await checkDistCommand(config, args[0]);
      case 'verify-install':
        return await verifyInstallCommand(config);
      case 'github-release':
        return githubReleaseCommand(config, root);
      default:
        throw new UsageError(USAGE);
    }
  } catch (e) {
    // Expected failures (bad tag, missing wheel, unreadable version) are one clear
    // message with its fix; anything else is a bug and keeps its stack.
    reportError(describeError(e) ?? String((e as Error).stack ?? e));
    return e instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
