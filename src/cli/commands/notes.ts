import { readReleaseNotes } from '../../core/decision';
import { UsageError } from '../../core/errors';
import { parseTagPattern, versionFromTag } from '../../core/tag-pattern';
import { parseReleaseVersion } from '../../core/version';
import { CommandContext } from '../command';

/** `projen-maturin notes <tag>` */
export function run({ config, root, argument, out }: CommandContext): number {
  const tag = argument!;
  const raw = versionFromTag(parseTagPattern(config.tagPattern), tag);
  if (raw === undefined) throw new UsageError(`tag ${JSON.stringify(tag)} does not match the release tag pattern "${config.tagPattern}"`);
  out.write(readReleaseNotes(config, root, parseReleaseVersion(raw)));
  return 0;
}
