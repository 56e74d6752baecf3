import { ProjenMaturinError } from '../core/errors';
import { MATURIN_ACTION } from '../core/facts/maturin-action';

// string-argv is an ES module with a CommonJS build: the bundle and the tests load it with require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseArgsStringToArgv: stringArgv } = require('string-argv') as typeof import('string-argv', { with: { 'resolution-mode': 'import' } });

/** The `with:` inputs of a `PyO3/maturin-action` step. */
export type MaturinActionInputs = Readonly<Record<string, unknown>>;

/** What maturin-action runs for a step's inputs. */
export interface MaturinActionRun {
  /** maturin's arguments, the command first. */
  readonly argv: string[];
  /**
   * Whether the action runs maturin in a manylinux/musllinux container (on
   * Linux, when `manylinux` is set and not "off"): there, every CPython is on
   * PATH as `pythonX.Y`.
   */
  readonly container: boolean;
  /** The `rust-toolchain` input: the action selects it with `rustup override set`. */
  readonly rustToolchain?: string;
  /** The `maturin-version` input ("v1.15.0"): the maturin the action installs. */
  readonly maturinVersion?: string;
  /** The `working-directory` input: where the action runs maturin, relative to the repository root. */
  readonly workingDirectory?: string;
  /**
   * The `before-script-linux` input: on Linux, the action runs it with `bash -c` in the
   * working directory (in the container when there is one) before maturin; elsewhere never.
   */
  readonly beforeScript?: string;
}

/**
 * maturin-action v1.51.0's Rust target aliases (`TARGET_ALIASES` in its src/index.ts): the Linux
 * ones from the facts snapshot, with the macOS and Windows ones.
 */
export const TARGET_ALIASES: Record<string, Record<string, string>> = {
  darwin: { x64: 'x86_64-apple-darwin', x86_64: 'x86_64-apple-darwin', aarch64: 'aarch64-apple-darwin', universal2: 'universal2-apple-darwin' },
  manylinux: MATURIN_ACTION.targetAliases.manylinux,
  musllinux: MATURIN_ACTION.targetAliases.musllinux,
  win32: { x64: 'x86_64-pc-windows-msvc', x86_64: 'x86_64-pc-windows-msvc', i686: 'i686-pc-windows-msvc', x86: 'i686-pc-windows-msvc', aarch64: 'aarch64-pc-windows-msvc' },
};

/** Inputs that choose the tools or caching, not what maturin is asked to build (callers compare the tools' versions). */
const NO_EFFECT_ON_THE_BUILD = ['rust-toolchain', 'maturin-version', 'sccache', 'token'];
const UNDERSTOOD = ['command', 'args', 'target', 'manylinux', 'working-directory', 'before-script-linux', ...NO_EFFECT_ON_THE_BUILD];

/**
 * The maturin command line PyO3/maturin-action v1.51.0 runs for a step's inputs
 * on a runner of `platform`, following its `innerMain` and `getRustTarget`:
 * `args` split as the action splits them (string-argv); for `build` and
 * `publish`, `--manylinux` unless it is "auto", and `--target` with the
 * action's alias resolved; a container on Linux unless `manylinux` is "off".
 * Inputs that would change the build in ways this model does not follow are
 * refused rather than ignored. (Not modelled: the action's default of `manylinux`
 * for Linux cross targets, since the generated workflow always sets it.)
 */
export function maturinActionRun(inputs: MaturinActionInputs, platform: 'linux' | 'darwin' | 'win32'): MaturinActionRun {
  const unknown = Object.keys(inputs).filter((name) => !UNDERSTOOD.includes(name));
  if (unknown.length > 0) {
    throw new ProjenMaturinError(
      `the workflow's maturin-action step sets ${unknown.map((n) => `"${n}"`).join(', ')}, which projen-maturin cannot reproduce locally (it follows ${UNDERSTOOD.join(', ')})`,
      'rehearse runs only what it can reproduce exactly: build on GitHub with a dry-run dispatch of the workflow instead',
    );
  }
  const input = (name: string) => (inputs[name] === undefined ? '' : String(inputs[name]));
  const command = input('command') || 'build';
  const args = stringArgv(input('args'));
  const manylinux = input('manylinux').replace(/^manylinux_?/, '');
  let container = false;
  if (command === 'build' || command === 'publish') {
    const effective = command === 'publish' && !manylinux ? 'auto' : manylinux;
    if (platform === 'linux') {
      if (effective && effective !== 'auto') args.unshift('--manylinux', effective);
      container = effective !== '' && effective !== 'off';
    }
    const target = input('target');
    const aliases = platform === 'linux' ? TARGET_ALIASES[input('manylinux').startsWith('musllinux') ? 'musllinux' : 'manylinux'] : TARGET_ALIASES[platform];
    // Own keys only: the target is the workflow file's text.
    if (target && !args.includes('--target')) args.unshift('--target', Object.hasOwn(aliases, target) ? aliases[target] : target);
  }
  return {
    argv: [command, ...args],
    container,
    rustToolchain: input('rust-toolchain') || undefined,
    maturinVersion: input('maturin-version') || undefined,
    workingDirectory: input('working-directory') || undefined,
    // maturin-action's getBeforeScript: "Only Linux is supported".
    beforeScript: platform === 'linux' ? input('before-script-linux') || undefined : undefined,
  };
}
