import { shellQuote } from '../core/shell';

/**
 * What the first synthesis prints: the files it wrote, what each is, and the next
 * steps (review, commit, the setup checklist, then a release). `others` are projen's
 * own new files (.gitignore, .gitattributes, .projen/…).
 */
export function firstRunSummary(written: readonly { path: string; what: string }[], others: readonly string[], checklist: string): string {
  const width = Math.max(...written.map((w) => w.path.length));
  // projen's files under .projen/ are one entry: they are committed together.
  const projenFiles = [...new Set(others.map((path) => (path.startsWith('.projen/') ? '.projen/' : path)))];
  const paths = [...written.map((w) => w.path), ...projenFiles];
  return [
    'MaturinRelease: wrote the release files:',
    ...written.map((w) => `  ${w.path.padEnd(width)}  ${w.what}`),
    ...(projenFiles.length > 0 ? [`  and projen's own ${projenFiles.join(', ')}`] : []),
    'Next:',
    '  1. review them: git status; git diff',
    `  2. commit them: git add -- ${paths.map(shellQuote).join(' ')} && git commit -m 'Release with projen-maturin'`,
    `  3. before the first release, work through ${checklist}: the PyPI trusted publisher, the environments and the tag ruleset`,
    '  4. release: npx projen release:prepare <version>, then npx projen release:preflight <tag> before pushing the tag',
  ].join('\n');
}
