import { checkDistCommand } from './check-dist';
import { githubReleaseCommand } from './github-release';
import { reportError } from './io';
import { planCommand } from './plan';
import { createTagCommand } from './tag';
import { verifyInstallCommand } from './verify-install';
import { readRuntimeConfig } from '../core/contract';
import { UsageError, describeError } from '../core/errors';
import { RELEASE_CONFIG_PATH, RELEASE_DIR } from '../core/paths';

const USAGE = 'usage: release-tools.cjs [--config=PATH] <plan | check-dist DIR | verify-install | create-tag | github-release>';
const CONFIG_FLAG = '--config=';

/**
 * Entry point of the release tools the generated workflow runs with `node`.
 * Runs in the repository root; reads the generated config; inputs come from the
 * environment (never from `${{ }}` in a script).
 */
export async function main(argv: readonly string[], root = process.cwd()): Promise<number> {
  try {
    // Several packages in one repository each have their own settings; the workflow names its file.
    const configPath = argv[0]?.startsWith(CONFIG_FLAG) ? argv[0].slice(CONFIG_FLAG.length) : RELEASE_CONFIG_PATH;
    if (!configPath.startsWith(`${RELEASE_DIR}/`) || configPath.includes('..')) throw new UsageError(`${CONFIG_FLAG}${configPath}: the settings file must be in ${RELEASE_DIR}/`);
    const [command, ...args] = argv[0]?.startsWith(CONFIG_FLAG) ? argv.slice(1) : argv;
    const config = readRuntimeConfig(root, configPath);
    switch (command) {
      case 'plan':
        return await planCommand(config, root, configPath);
      case 'check-dist':
        if (args.length !== 1) throw new UsageError(USAGE);
        return await checkDistCommand(config, args[0]);
      case 'verify-install':
        return await verifyInstallCommand(config);
      case 'create-tag':
        return createTagCommand(config);
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
