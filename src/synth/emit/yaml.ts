import { ActionCatalog, versionOfPinnedRef } from './actions';

const USES_LINE = /^(\s*(?:- )?uses: )(\S+)$/;

/**
 * Adds the release tag as a trailing comment to each SHA-pinned `uses:` line,
 * the form Dependabot and Renovate keep up to date.
 */
export function annotatePinnedActions(yaml: string, catalog: ActionCatalog): string {
  return yaml
    .split('\n')
    .map((line) => {
      const match = USES_LINE.exec(line);
      const version = match ? versionOfPinnedRef(match[2], catalog) : undefined;
      return version ? `${line} # ${version}` : line;
    })
    .join('\n');
}
