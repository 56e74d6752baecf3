import { spawnSync } from 'child_process';

/**
 * Files the git repository at `root` has committed with CRLF line endings (`git ls-files
 * --eol`: `i/crlf`), e.g. a Windows batch file kept that way on purpose. Empty outside
 * a git repository or without git.
 */
export function committedCrlfFiles(root: string): string[] {
  const listed = spawnSync('git', ['ls-files', '--eol', '-z'], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0 || typeof listed.stdout !== 'string') return [];
  // Each entry: "i/<eol> w/<eol> attr/<attributes>\t<path>".
  return listed.stdout.split('\0').flatMap((entry) => {
    const tab = entry.indexOf('\t');
    return tab > 0 && /^i\/crlf\s/.test(entry) ? [entry.slice(tab + 1)] : [];
  });
}

/** A path as a .gitattributes pattern that matches only it: anchored, glob characters and blanks escaped. */
export function exactAttributesPattern(path: string): string {
  return `/${path.replace(/[*?[\]\\!#]/g, '\\$&').replace(/\s/g, '[[:space:]]')}`;
}
