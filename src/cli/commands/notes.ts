import { UsageError, quote } from '../../core/errors';
import { readReleaseNotes } from '../../core/release-notes';
import { parseTagPattern, versionFromTag } from '../../core/tag-pattern';
import { parseReleaseVersion } from '../../core/version';
import { CommandContext } from '../command';

/** `projen-maturin notes <tag>` */
export function run({ config, root, argument, out, err }: CommandContext): number {
  const target = argument!;
  const raw = versionFromTag(parseTagPattern(config.tagPattern), target) ?? (config.releaseTrigger === 'dispatch' && /^\d/.test(target) ? target : undefined);
  if (raw === undefined) throw new UsageError(`tag ${quote(target)} does not match the release tag pattern "${config.tagPattern}"`);
  const version = parseReleaseVersion(raw);
  const notes = readReleaseNotes(config, root, version);
  if (notes === undefined) {
    // Nothing is wrong: there is no text yet (GitHub writes it) or none by choice. The message goes
    // to stderr so that `notes > file` never takes it for notes.
    err.write(config.releaseNotes === 'github'
      ? `projen-maturin: GitHub generates the release notes of ${config.packageName} ${version.raw} when the release is created, from the pull requests merged since the previous release: there is nothing to print before then\n`
      : `projen-maturin: ${config.packageName} ${version.raw} has no release notes (releaseNotes is "none"): there is nothing to print\n`);
    return 0;
  }
  out.write(notes);
  return 0;
}
