/** Quotes a value for bash, so text is never re-interpreted by the shell. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./=:@%+,-]+$/.test(value) ? value : `'${value.replace(/'/g, '\'\\\'\'')}'`;
}
