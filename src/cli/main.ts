import { existsSync } from 'fs';
import { join } from 'path';
import { Writable } from 'stream';
import { helpText, parseArgs } from './args';
import { CommandModule } from './command';
import { run as plan } from './commands/plan';
import { findRepositoryRoot, ownVersion, runtimeConfigFiles } from './root';
import { RuntimeConfig, readRuntimeConfig } from '../core/contract';
import { normalizeDistributionName } from '../core/distributions';
import { UsageError, describeError } from '../core/errors';
import { RELEASE_CONFIG_PATH } from '../core/paths';
import { parseTagPattern, tagMatchesPattern } from '../core/tag-pattern';

/**
 * The module of a command other than plan: its own bundle next to this one
 * (assets/cli-<name>.cjs), so a command parses only the code it uses; plan, help and
 * --version need nothing beyond this file.
 */
function commandModule(name: string): CommandModule {
  const bundle = join(__dirname, `cli-${name}.cjs`);
  if (!existsSync(bundle)) throw new Error(`projen-maturin is incomplete: ${bundle} is missing (run "npx projen bundle" in projen-maturin)`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(bundle) as CommandModule;
}

/** One package's release settings, and the name `--package` selects it by. */
interface Selected {
  readonly config: RuntimeConfig;
  /** Its workflow's file name without `.yml`. */
  readonly workflow: string;
}

const workflowOf = (config: RuntimeConfig) => config.workflowPath.split('/').pop()!.replace(/\.yml$/, '');

/**
 * The release settings a command acts on. One package: its own. Several: the one
 * `--package` names (by distribution or workflow name), else the one whose tag
 * pattern the command's tag matches; otherwise the command says how to choose.
 */
function selectConfigs(root: string, command: string, argument: string | undefined, packageName: string | undefined): Selected[] {
  const files = runtimeConfigFiles(root);
  const all = (files.length > 0 ? files : [RELEASE_CONFIG_PATH]).map((file) => {
    const config = readRuntimeConfig(root, file);
    return { config, workflow: workflowOf(config) };
  });
  const names = all.map((s) => `${s.config.packageName} (${s.config.tagPattern}, ${s.config.workflowPath})`).join('; ');
  if (packageName !== undefined) {
    const wanted = normalizeDistributionName(packageName);
    const found = all.filter((s) => normalizeDistributionName(s.config.packageName) === wanted || s.workflow === packageName);
    if (found.length === 0) throw new UsageError(`--package ${JSON.stringify(packageName)} is none of the packages this repository releases: ${names}`);
    if (found.length > 1) throw new UsageError(`--package ${JSON.stringify(packageName)} names several packages: ${names}`, 'name the workflow instead, e.g. --package release');
    return found;
  }
  if (all.length === 1 || command === 'plan' || command === 'check') return all;
  if (argument !== undefined && command !== 'prepare') {
    const matching = all.filter((s) => {
      try {
        return tagMatchesPattern(parseTagPattern(s.config.tagPattern), argument);
      } catch {
        return false;
      }
    });
    if (matching.length === 1) return matching;
  }
  const example = `projen-maturin ${command}${argument === undefined ? '' : ` ${argument}`} --package ${all[0].config.packageName}`;
  throw new UsageError(`this repository releases several packages: ${names}; ${argument !== undefined && command !== 'prepare' ? `the tag ${JSON.stringify(argument)} does not tell which` : 'name the one to prepare'}`,
    `add --package <name>, e.g. ${example}`);
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
    // adopt runs before projen is set up: it needs no release settings.
    if (invocation.command === 'adopt') {
      const context = { ...invocation, config: undefined as never, selected: [], several: false, root: cwd, cwd, out, err, today };
      return commandModule('adopt').run(context);
    }
    const root = findRepositoryRoot(cwd);
    const selected = selectConfigs(root, invocation.command, invocation.argument, invocation.packageName).map((s) => s.config);
    // Commands printed for a repository with several packages name the one they are for.
    const several = runtimeConfigFiles(root).length > 1;
    const context = { ...invocation, config: selected[0], selected, several, root, cwd, out, err, today };
    return invocation.command === 'plan' ? plan(context) : commandModule(invocation.command).run(context);
  } catch (e) {
    const message = describeError(e);
    if (message === undefined) throw e;
    err.write(`projen-maturin: ${message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) {
  // A reader that stops early (`preflight --json | head -1`) closes the pipe: the rest of the output
  // is not wanted, which is no failure of the command. Exits with the command's own status.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit();
  });
  process.exitCode = main(process.argv.slice(2));
}
