import { Writable } from 'stream';
import { RuntimeConfig } from '../core/contract';

/** What a command runs with: the repository's release settings and the command line. */
export interface CommandContext {
  /** The release settings the command acts on (the first of `selected`). */
  readonly config: RuntimeConfig;
  /** Every package the command acts on: one, or for plan in a repository of several, all of them. */
  readonly selected: readonly RuntimeConfig[];
  /** The repository releases several packages: printed commands name the package. */
  readonly several: boolean;
  readonly root: string;
  readonly cwd: string;
  readonly argument?: string;
  /** `--package <name>` as given (adopt takes it as the package directory). */
  readonly packageName?: string;
  readonly flags: ReadonlySet<string>;
  readonly options: ReadonlyMap<string, string>;
  readonly out: Writable;
  /** Where messages that are not the command's output go. */
  readonly err: Writable;
  /** Today's date (YYYY-MM-DD), for CHANGELOG headings. */
  readonly today: string;
}

/** A command's module: each is bundled on its own (assets/cli-<name>.cjs) and loaded only when it runs. */
export interface CommandModule {
  /** Runs the command; the exit code. */
  run(context: CommandContext): number;
}
