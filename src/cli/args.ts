import { UsageError } from '../core/errors';

/** A command of `projen-maturin`: what it takes, and its help. */
interface CommandSpec {
  /** Its one argument, if it takes one. */
  readonly argument?: { readonly name: string; readonly about: string };
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
    argument: { name: 'tag', about: 'the release tag to check, e.g. v1.2.0' },
    flags: { '--json': 'print the report as JSON' },
    summary: 'what a push of <tag> releases, and which jobs run',
    about: 'Checks <tag> exactly as the release workflow\'s plan job will (tag pattern, version source,\n' +
      'CHANGELOG section) and shows the version, the channel, the jobs a push of the tag runs and the\n' +
      'release notes. Exits with 1 when the plan job would stop the release.',
    task: 'npx projen release:preflight v1.2.0 [--json]',
  },
  notes: {
    argument: { name: 'tag', about: 'the release tag, e.g. v1.2.0' },
    flags: {},
    summary: 'the release notes for <tag> (its CHANGELOG section)',
    about: 'Prints the CHANGELOG section of the tag\'s version: the text the GitHub Release gets.',
    task: 'npx projen release:notes v1.2.0',
  },
  prepare: {
    argument: { name: 'version', about: 'the new version, e.g. 1.2.0 or 1.2.0-rc.1' },
    flags: { '--dry-run': 'show the changes without writing anything' },
    summary: 'bump the version source and promote the CHANGELOG',
    about: 'Sets <version> in the version source (Cargo.toml and Cargo.lock, or pyproject.toml) and moves the\n' +
      'CHANGELOG\'s Unreleased section under a heading for it, changing nothing else in those files;\n' +
      'writes all of them or none. Then prints the git commands that commit, tag and push the release.',
    task: 'npx projen release:prepare 1.2.0 [--dry-run]',
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

/** What the command line asks for. */
export type Invocation =
  | { readonly kind: 'help'; readonly command?: string }
  | { readonly kind: 'version' }
  | {
    readonly kind: 'run';
    readonly command: string;
    readonly argument?: string;
    readonly flags: ReadonlySet<string>;
    /** Values of the options that take one. */
    readonly options: ReadonlyMap<string, string>;
  };

function usageLine(name: string): string {
  const spec = COMMANDS[name];
  const flags = [
    ...Object.keys(spec.flags).map((f) => ` [${f}]`),
    ...Object.entries(spec.options ?? {}).map(([o, { value }]) => ` [${o} <${value}>]`),
  ].join('');
  return `projen-maturin ${name}${spec.argument ? ` <${spec.argument.name}>` : ''}${flags}`;
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
  return new UsageError(`unknown command ${JSON.stringify(word)}`, `${suggestion(word, Object.keys(COMMANDS))}run "projen-maturin --help" for the commands`);
}

/**
 * Reads the command line. Help wins wherever it is asked for (`plan -h` shows
 * the help of plan and runs nothing); any other unknown flag is refused, so a
 * mistyped `--dry-run` can never turn into a real run.
 */
export function parseArgs(argv: readonly string[]): Invocation {
  // Options with a value take it from `--name=value` or from the next word.
  const valueOptions = new Set(Object.values(COMMANDS).flatMap((c) => Object.keys(c.options ?? {})));
  const options = new Map<string, string>();
  const plain: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)] : [argv[i], undefined];
    if (!valueOptions.has(name)) {
      plain.push(argv[i]);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('-'))) {
      throw new UsageError(`${name} needs a value`, `write it as ${name} <value>, e.g. ${name} run.json`);
    }
    options.set(name, value);
  }
  const words = plain.filter((a) => !a.startsWith('-') || a === '-');
  const flags = plain.filter((a) => a.startsWith('-') && a !== '-');
  const [command, ...rest] = words;
  if (command === 'help') {
    if (rest.length > 1) throw new UsageError(`"help" takes at most one command, got ${rest.map((w) => JSON.stringify(w)).join(' ')}`, 'run "projen-maturin help <command>"');
    if (rest.length === 1 && !COMMANDS[rest[0]]) throw unknownCommand(rest[0]);
    return { kind: 'help', command: rest[0] };
  }
  if (flags.some((f) => HELP_FLAGS.includes(f))) return { kind: 'help', command: command !== undefined && COMMANDS[command] ? command : undefined };
  if (command === undefined) {
    if (flags.length === 1 && flags[0] === '--version') return { kind: 'version' };
    if (flags.length > 0) throw new UsageError(`unknown option ${flags.map((f) => JSON.stringify(f)).join(', ')}`, 'run "projen-maturin --help" for the commands and options');
    throw new UsageError('no command given', 'run "projen-maturin --help" for the commands');
  }
  const spec = COMMANDS[command];
  if (!spec) throw unknownCommand(command);
  const seeHelp = `run "projen-maturin ${command} --help"`;
  const misplaced = [...options.keys()].filter((o) => !(o in (spec.options ?? {})));
  if (misplaced.length > 0) throw new UsageError(`unknown option ${misplaced.map((f) => JSON.stringify(f)).join(', ')} for "${command}"`, `run it as: ${usageLine(command)}`);
  const unknown = flags.filter((f) => !(f in spec.flags));
  if (unknown.length > 0) {
    const near = unknown.length === 1 ? suggestion(unknown[0].replace(/^-+/, '--'), Object.keys(spec.flags)) : '';
    throw new UsageError(`unknown option ${unknown.map((f) => JSON.stringify(f)).join(', ')} for "${command}"`, `${near}run it as: ${usageLine(command)}`);
  }
  if (spec.argument && rest.length === 0) {
    throw new UsageError(`"${command}" needs a <${spec.argument.name}>: ${spec.argument.about}`, `run it as: ${usageLine(command)}; ${seeHelp} for more`);
  }
  const extra = rest.slice(spec.argument ? 1 : 0);
  if (extra.length > 0) throw new UsageError(`unexpected argument${extra.length > 1 ? 's' : ''} for "${command}": ${extra.map((w) => JSON.stringify(w)).join(' ')}`, `run it as: ${usageLine(command)}`);
  return { kind: 'run', command, argument: spec.argument ? rest[0] : undefined, flags: new Set(flags), options };
}
