import { ProjenMaturinError, UsageError, quote } from '../../core/errors';
import { describeReleaseNotes, readReleaseNotes } from '../../core/release-notes';
import { parseTagPattern, versionFromTag } from '../../core/tag-pattern';
import { parseReleaseVersion } from '../../core/version';
import { CommandContext } from '../command';

/** `projen-maturin notes <tag>` */
export function run({ config, root, argument, out }: CommandContext): number {
  const target = argument!;
  const raw = versionFromTag(parseTagPattern(config.tagPattern), target) ?? (config.releaseTrigger === 'dispatch' && /^\d/.test(target) ? target : undefined);
  if (raw === undefined) throw new UsageError(`tag ${quote(target)} does not match the release tag pattern "${config.tagPattern}"`);
  const version = parseReleaseVersion(raw);
  const notes = readReleaseNotes(config, root, version);
  if (notes === undefined) {
    throw new ProjenMaturinError(`the release notes of ${config.packageName} ${version.raw} are ${config.releaseNotes === 'github' ? describeReleaseNotes(config, version) : 'none (releaseNotes is "none")'}: there is nothing to print`,
      config.releaseNotes === 'github' ? 'read them on the GitHub Release once it exists' : undefined);
  }
  out.write(notes);
  return 0;
}
