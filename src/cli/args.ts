import { UsageError, quote } from '../core/errors';

/** A command of `projen-maturin`: what it takes, and its help. */
interface CommandSpec {
  /** Its one argument, if it takes one. */
  readonly argument?: { readonly name: string; readonly about: string; readonly optional?: boolean };
  readonly flags: Readonly<Record<string, string>>;
  /** Options that take a value (`--name value` or `--name=value`), with the value's name and what it is. */
  readonly options?: Readonly<Record<string, { readonly value: string; readonly about: string }>>;
  /** One line for the command list. */
  readonly summary: string;
  /** What it does, for its own help. */
  readonly about: string;
  /** The projen task that runs it, with an example. */
  readonly task: string;
}

export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  preflight: {
    argument: { name: 'tag', about: 'the release tag to check, e.g. v1.2.0 (or the version, e.g. 1.2.0, for a release started by hand)' },
    flags: { '--json': 'print the report as JSON' },
    summary: 'what a push of <tag> releases, and which jobs run',
    about: 'Checks <tag> exactly as the release workflow\'s plan job will (tag pattern, version source,\n' +
      'release notes) and shows the version, the channel, the jobs a release of it runs and the\n' +
      'release notes. Exits with 1 when the plan job would stop the release.',
    task: 'npx projen release:preflight v1.2.0 [--json]',
  },
  notes: {
    argument: { name: 'tag', about: 'the release tag, e.g. v1.2.0' },
    flags: {},
    summary: 'the release notes for <tag>',
    about: 'Prints the release notes of the tag\'s version (its CHANGELOG section, or its notes file):\n' +
      'the text the GitHub Release gets. Notes GitHub generates exist only once the release is created.',
    task: 'npx projen release:notes v1.2.0',
  },
  prepare: {
    argument: { name: 'version', about: 'the new version, e.g. 1.2.0 or 1.2.0-rc.1' },
    flags: { '--dry-run': 'show the changes without writing anything' },
    summary: 'bump the version source and promote the CHANGELOG',
    about: 'Sets <version> in the version source (Cargo.toml and Cargo.lock, or pyproject.toml) and, when\n' +
      'releases need a CHANGELOG section, moves its Unreleased section under a heading for it, changing\n' +
      'nothing else in those files; writes all of them or none. Then prints the commands that release it.',
    task: 'npx projen release:prepare 1.2.0 [--dry-run]',
  },
  rehearse: {
    argument: { name: 'tag', about: 'rehearse a push of this tag (default: the dry run of the current version)', optional: true },
    flags: { '--with-before-script': 'run the build\'s before-script-linux on this machine (skipped with a warning otherwise)' },
    summary: 'build, check and test this machine\'s wheels and the sdist as a release would (needs maturin)',
    about: 'The local twin of the release workflow\'s dry run, for this machine\'s platform: runs the plan job\'s\n' +
      'logic, builds this platform\'s wheels with the maturin arguments of the generated workflow for each\n' +
      'configured Python found on PATH or under pyenv (naming those it cannot find), builds the sdist, checks\n' +
      'this machine\'s part of the promised wheel set, installs the wheels in a fresh venv per Python the test\n' +
      'job sets up and runs its test script in a copy of the working tree, then shows the release notes.\n' +
      'Publishes nothing. Exits with 1 when a step fails. Needs maturin on PATH (pipx install maturin).',
    task: 'npx projen release:rehearse [v1.2.0] [--with-before-script]',
  },
  adopt: {
    flags: { '--dry-run': 'print .projenrc.ts instead of writing it' },
    summary: 'write a .projenrc.ts from the repository\'s existing release workflows',
    about: 'Reads Cargo.toml, pyproject.toml and every workflow under .github/workflows/ (maturin builds, their\n' +
      'matrix, targets, interpreters, containers, arguments; publishing, triggers, GitHub Releases) and writes a\n' +
      '.projenrc.ts with one MaturinRelease whose options differ from the defaults only where the workflows do, each\n' +
      'with the file and line it came from. Prints the wheels the existing workflows publish next to those of the\n' +
      'generated release, with the reason for each one missing. Never edits the existing workflows. Runs before\n' +
      'projen is set up; --package names the package directory when the repository has several.',
    task: 'npx projen-maturin adopt [--dry-run] [--package DIR]',
  },
  plan: {
    flags: {},
    options: {
      '--from-run': { value: 'file', about: 'compare with a real run: the output of gh run view <run-id> --json jobs' },
    },
    summary: 'the jobs of a release and their estimated time and cost',
    about: 'Prints the jobs a release runs for this configuration, with their estimated wall time, billed\n' +
      'minutes and cost. With --from-run, compares each job with a finished run of the workflow and\n' +
      'suggests costAssumptions measured from it.',
    task: 'npx projen release:plan [--from-run run.json]',
  },
};

const HELP_FLAGS = ['--help', '-h'];

/** The option every command takes in a repository that releases several packages. */
const PACKAGE_OPTION = '--package';
const PACKAGE_HELP: [string, string] = [`${PACKAGE_OPTION} <name>`, 'the package (or its workflow name), when the repository releases several'];

/** What the command line asks for. */
export type Invocation =
  | { readonly kind: 'help'; readonly command?: string }
  | { readonly kind: 'version' }
  | {
    readonly kind: 'run';
    readonly command: string;
    readonly argument?: string;
    readonly flags: ReadonlySet<string>;
    /** `--package <name>`: which package's release settings to use. */
    readonly packageName?: string;
    /** Values of the command's options that take one. */
    readonly options: ReadonlyMap<string, string>;
  };

/** The command named `name`: own keys only, so "constructor" or "__proto__" is no command. */
function commandSpec(name: string): CommandSpec | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}

function usageLine(name: string): string {
  const spec = COMMANDS[name];
  const flags = [
    ...Object.keys(spec.flags).map((f) => ` [${f}]`),
    ...Object.entries(spec.options ?? {}).map(([o, { value }]) => ` [${o} <${value}>]`),
  ].join('');
  const argument = spec.argument ? (spec.argument.optional ? ` [<${spec.argument.name}>]` : ` <${spec.argument.name}>`) : '';
  return `projen-maturin ${name}${argument}${flags}`;
}

function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

/** The tool's help, or a command's. */
export function helpText(command?: string): string {
  if (command === undefined) {
    return [
      'projen-maturin: release commands for a project that uses MaturinRelease',
      '',
      'usage: projen-maturin <command> [options]',
      '',
      'commands:',
      ...table([
        ...Object.keys(COMMANDS).map((name): [string, string] => [usageLine(name).slice('projen-maturin '.length), COMMANDS[name].summary]),
        ['help [<command>]', 'this help, or the help of a command'],
      ]),
      '',
      'options:',
      ...table([['-h, --help', 'show help (also after a command, e.g. projen-maturin prepare --help)'], ['--version', 'print the version of projen-maturin']]),
      '',
      'Run it anywhere in the repository: it finds the root by its .github/maturin-release/config.json.',
      'Each command is also a projen task, e.g. npx projen release:preflight v1.2.0',
      '',
    ].join('\n');
  }
  const spec = COMMANDS[command];
  return [
    `usage: ${usageLine(command)}`,
    '',
    spec.about,
    '',
    ...(spec.argument ? ['arguments:', ...table([[`<${spec.argument.name}>`, spec.argument.about]]), ''] : []),
    'options:',
    ...table([
      ...Object.entries(spec.flags),
      ...Object.entries(spec.options ?? {}).map(([o, { value, about }]): [string, string] => [`${o} <${value}>`, about]),
      PACKAGE_HELP,
      ['-h, --help', 'show this help'],
    ]),
    '',
    `projen task: ${spec.task}`,
    '',
  ].join('\n');
}

/** The known name closest to `word` (at most two edits away), for "did you mean". */
function closest(word: string, names: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
      row = next;
    }
    return row[b.length];
  };
  const best = names.map((name) => ({ name, d: distance(word.toLowerCase(), name) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= 2 ? best.name : undefined;
}

const suggestion = (word: string, names: readonly string[]) => {
  const near = closest(word, names);
  return near ? `did you mean "${near}"? ` : '';
};

function unknownCommand(word: string): UsageError {
  return new UsageError(`unknown command ${quote(word)}`, `${suggestion(word, Object.keys(COMMANDS))}run "projen-maturin --help" for the commands`);
}

/**
 * Reads the command line. Help wins wherever it is asked for (`plan -h` shows
 * the help of plan and runs nothing); any other unknown flag is refused, so a
 * mistyped `--dry-run` can never turn into a real run.
 */
export function parseArgs(argv: readonly string[]): Invocation {
  // `--package <name>` and the commands' options with a value (`--from-run <file>`) take one,
  // as the next word or after `=`; every other option is a switch.
  let packageName: string | undefined;
  const valueOptions = new Set(Object.values(COMMANDS).flatMap((c) => Object.keys(c.options ?? {})));
  const options = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = arg.startsWith('--') && arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (valueOptions.has(name)) {
      const value = name === arg ? argv[++i] : arg.slice(name.length + 1);
      if (value === undefined || value === '' || (name === arg && value.startsWith('-'))) {
        throw new UsageError(`${name} needs a value`, `write it as ${name} <value>, e.g. ${name} run.json`);
      }
      options.set(name, value);
    } else if (arg === PACKAGE_OPTION || arg.startsWith(`${PACKAGE_OPTION}=`)) {
      const value = arg === PACKAGE_OPTION ? argv[++i] : arg.slice(PACKAGE_OPTION.length + 1);
      if (value === undefined || value === '' || value.startsWith('-')) throw new UsageError(`${PACKAGE_OPTION} needs the name of a package`, `e.g. ${PACKAGE_OPTION} my-package`);
      if (packageName !== undefined) throw new UsageError(`${PACKAGE_OPTION} is given twice`, 'name one package');
      packageName = value;
    } else {
      rest.push(arg);
    }
  }
  const words = rest.filter((a) => !a.startsWith('-') || a === '-');
  const flags = rest.filter((a) => a.startsWith('-') && a !== '-');
  const [command, ...positional] = words;
  if (command === 'help') {
    if (positional.length > 1) throw new UsageError(`"help" takes at most one command, got ${positional.map(quote).join(' ')}`, 'run "projen-maturin help <command>"');
    if (positional.length === 1 && !commandSpec(positional[0])) throw unknownCommand(positional[0]);
    return { kind: 'help', command: positional[0] };
  }
  if (flags.some((f) => HELP_FLAGS.includes(f))) return { kind: 'help', command: command !== undefined && commandSpec(command) ? command : undefined };
  if (command === undefined) {
    if (flags.length === 1 && flags[0] === '--version') return { kind: 'version' };
    if (flags.length > 0) throw new UsageError(`unknown option ${flags.map(quote).join(', ')}`, 'run "projen-maturin --help" for the commands and options');
    throw new UsageError('no command given', 'run "projen-maturin --help" for the commands');
  }
  const spec = commandSpec(command);
  if (!spec) throw unknownCommand(command);
  const seeHelp = `run "projen-maturin ${command} --help"`;
  const misplaced = [...options.keys()].filter((o) => !(o in (spec.options ?? {})));
  if (misplaced.length > 0) throw new UsageError(`unknown option ${misplaced.map(quote).join(', ')} for "${command}"`, `run it as: ${usageLine(command)}`);
  const unknown = flags.filter((f) => !(f in spec.flags));
  if (unknown.length > 0) {
    const near = unknown.length === 1 ? suggestion(unknown[0].replace(/^-+/, '--'), Object.keys(spec.flags)) : '';
    throw new UsageError(`unknown option ${unknown.map(quote).join(', ')} for "${command}"`, `${near}run it as: ${usageLine(command)}`);
  }
  if (spec.argument && !spec.argument.optional && positional.length === 0) {
    throw new UsageError(`"${command}" needs a <${spec.argument.name}>: ${spec.argument.about}`, `run it as: ${usageLine(command)}; ${seeHelp} for more`);
  }
  const extra = positional.slice(spec.argument ? 1 : 0);
  if (extra.length > 0) throw new UsageError(`unexpected argument${extra.length > 1 ? 's' : ''} for "${command}": ${extra.map(quote).join(' ')}`, `run it as: ${usageLine(command)}`);
  return { kind: 'run', command, argument: spec.argument ? positional[0] : undefined, flags: new Set(flags), packageName, options };
}
