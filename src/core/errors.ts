const KIND = Symbol.for('projen-maturin.error-kind');

/**
 * The one error model of projen-maturin. A `ProjenMaturinError` is a mistake or a
 * situation the user can act on: its message names the option, file or value, and
 * its fix says what to do. Synthesis, the release tools and the CLI all report it
 * the same way (message, then fix); any other error is a bug and keeps its stack.
 */
export class ProjenMaturinError extends Error {
  /**
   * `instanceof` by a global mark rather than by class: the CLI's commands are
   * separate bundles, each with its own copy of these classes.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    const kind = (value as Record<symbol, unknown> | null | undefined)?.[KIND];
    return typeof kind === 'string' && (this.kind === undefined || kind === this.kind);
  }

  /** The mark instances of this class carry; undefined matches every kind. */
  protected static readonly kind?: string;

  /** What to do about it, when the message does not already say. */
  public readonly fix?: string;

  constructor(message: string, fix?: string, kind = 'error') {
    super(message);
    this.name = 'ProjenMaturinError';
    Object.defineProperty(this, KIND, { value: kind });
    // Not enumerable: Node prints an uncaught error's own properties after its text, which has the fix already.
    Object.defineProperty(this, 'fix', { value: fix, enumerable: false, writable: false, configurable: true });
    // Uncaught (e.g. in .projenrc.ts), Node prints the stack: make it the message and the fix,
    // not our call frames. PROJEN_MATURIN_DEBUG keeps the frames for whoever debugs us.
    if (!process.env.PROJEN_MATURIN_DEBUG) {
      Object.defineProperty(this, 'stack', { value: `${this.name}: ${describeError(this)}`, enumerable: false, writable: true, configurable: true });
    }
  }
}

/** A command line that cannot be run as given (unknown command, flag or missing argument). */
export class UsageError extends ProjenMaturinError {
  protected static readonly kind = 'usage';

  constructor(message: string, fix?: string) {
    super(message, fix, 'usage');
    this.name = 'UsageError';
  }
}

/** The user-facing text of an expected error (message and fix), or undefined for a bug. */
export function describeError(error: unknown): string | undefined {
  if (!(error instanceof ProjenMaturinError)) return undefined;
  return error.fix ? `${error.message}\n  fix: ${error.fix}` : error.message;
}

const MAX_QUOTED = 80;

/**
 * Untrusted text (a tag, a command-line word) quoted for a message: a JSON string of at
 * most 80 characters, with control and bidirectional-override characters escaped, so it
 * can neither run long nor change how the rest of the message reads in a terminal.
 */
export function quote(text: string): string {
  const short = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
  return escapeControls(JSON.stringify(short));
}

/** Text with control and bidirectional-override characters written as `\uXXXX`. */
export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
