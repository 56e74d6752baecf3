/** A file of a release as the index's JSON API lists it. */
export interface IndexFile {
  readonly filename: string;
  readonly digests: { readonly sha256?: string };
}

/**
 * Differences between the checked build and what the index serves for the
 * version: a file missing there, or one with other bytes (e.g. "Re-run all
 * jobs" rebuilt the wheels after a first upload, and skip-existing kept the old ones).
 */
export function compareWithIndex(built: ReadonlyMap<string, string>, onIndex: readonly IndexFile[]): string[] {
  const problems: string[] = [];
  for (const [file, sha256] of [...built.entries()].sort()) {
    const published = onIndex.find((f) => f.filename === file);
    if (!published) {problems.push(`${file} is not on the index`);} else if (published.digests.sha256 !== sha256) {
      problems.push(`${file} on the index (sha256 ${published.digests.sha256}) is not the checked build (sha256 ${sha256})`);
    }
  }
  return problems;
}
