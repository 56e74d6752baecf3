/**
 * Quotes a value for bash and zsh, so text is never re-interpreted by the shell.
 * A leading `=` is quoted too: zsh expands `=cmd` to the command's path.
 */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+,-][A-Za-z0-9_./=:@%+,-]*$/.test(value) ? value : `'${value.replace(/'/g, '\'\\\'\'')}'`;
}
