import { extractReleaseNotes } from './changelog';
import { Channel, chooseChannel } from './channel';
import { PlanOutputs, RuntimeConfig } from './contract';
import { ProjenMaturinError, quote } from './errors';
import { readTextFile } from './files';
import { parseTagPattern, tagMatchesPattern, versionFromTag } from './tag-pattern';
import { ReleaseVersion, describeVersion, parseReleaseVersion, sameVersion } from './version';
import { readSourceVersion } from './version-source';

/** What triggered the run, as the runner describes it. */
export interface ReleaseTrigger {
  /** `push` (a tag) or `workflow_dispatch` (a rehearsal). */
  readonly event: string;
  readonly refType: string;
  readonly refName: string;
  /** The dispatch's dry-run input. */
  readonly dryRun: boolean;
}

/** The plan job's decision: made once, read by every later job. */
export interface ReleaseDecision {
  readonly tag: string;
  readonly version: string;
  readonly pep440: string;
  readonly channel: Channel | '';
  readonly prerelease: boolean;
  /** Whether publish, verify and GitHub Release jobs may run. */
  readonly publish: boolean;
  /** The release notes: the CHANGELOG section of the version. */
  readonly notes: string;
  readonly ok: boolean;
  readonly errors: string[];
}

/** The CHANGELOG section for a version, or a `ChangelogError`. */
export function readReleaseNotes(config: RuntimeConfig, root: string, version: ReleaseVersion): string {
  const text = readTextFile(root, config.changelogFile);
  if (text === undefined) throw new ProjenMaturinError(`${config.changelogFile} does not exist: the release notes come from its section for ${version.raw}`);
  return extractReleaseNotes(text, version, config.changelogFile);
}

function attempt<T>(errors: string[], fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ProjenMaturinError) {
      errors.push(e.fix ? `${e.message}; ${e.fix}` : e.message);
      return undefined;
    }
    throw e;
  }
}

/**
 * Decides what a run releases: the version from the tag (push) or the version
 * source (dry run), checked against each other; the channel; whether to publish.
 */
export function decideRelease(config: RuntimeConfig, root: string, trigger: ReleaseTrigger): ReleaseDecision {
  const errors: string[] = [];
  const pattern = parseTagPattern(config.tagPattern);
  const sourceRaw = attempt(errors, () => readSourceVersion(root, config.versionSource));
  const source = sourceRaw === undefined ? undefined : attempt(errors, () => parseReleaseVersion(sourceRaw));
  let tag = '';
  let version: ReleaseVersion | undefined;
  let publish = false;

  if (trigger.event === 'push') {
    if (trigger.refType !== 'tag') {
      errors.push(`a release runs for a pushed tag, but this push is to the ${trigger.refType || 'unknown'} ${quote(trigger.refName)}`);
    } else {
      tag = trigger.refName;
      const raw = versionFromTag(pattern, tag);
      if (raw === undefined) {
        errors.push(`tag ${quote(tag)} does not match the release tag pattern "${pattern.pattern}" (the version after "${pattern.prefix}")`);
      } else {
        version = attempt(errors, () => parseReleaseVersion(raw));
      }
      const sourceFile = config.versionSource === 'cargo' ? 'Cargo.toml' : 'pyproject.toml';
      if (version && source && !sameVersion(version, source)) {
        errors.push(`tag ${quote(tag)} is version ${version.pep440}, but ${sourceFile} says ${describeVersion(source)}: bump the version source, or tag ${pattern.prefix}${source.raw}`);
      } else if (version && source && version.pep440 !== source.pep440) {
        // PEP 440 equal but spelled differently (1.0.0.0, 1.0.0): every later job names files after the tag's spelling.
        errors.push(`tag ${quote(tag)} is version ${version.pep440}, which PEP 440 counts as equal to ${sourceFile}'s ${describeVersion(source)}, ` +
          `but the wheels are named ${source.pep440}: tag ${pattern.prefix}${source.raw}`);
      }
      publish = true;
    }
  } else if (trigger.event === 'workflow_dispatch') {
    if (!trigger.dryRun) {
      errors.push('a manual run is always a dry run: releases are published only from a pushed tag; run it again with dry-run checked');
    }
    version = source;
    tag = source ? `${pattern.prefix}${source.raw}` : '';
    if (source && !tagMatchesPattern(pattern, tag)) {
      errors.push(`the current version ${source.raw} would be tagged ${quote(tag)}, which does not match the release tag pattern "${pattern.pattern}": no push of it would start a release`);
    }
  } else {
    errors.push(`the release workflow runs on a tag push or a manual dry run, not on ${quote(trigger.event)}`);
  }

  const notes = version ? attempt(errors, () => readReleaseNotes(config, root, version!)) : undefined;
  const ok = errors.length === 0 && version !== undefined;
  return {
    tag,
    version: version?.raw ?? '',
    pep440: version?.pep440 ?? '',
    channel: version ? chooseChannel(version, { prereleasesToTestPypi: config.prereleasesToTestPypi }) : '',
    prerelease: version?.prerelease ?? false,
    publish: ok && publish,
    notes: notes ?? '',
    ok,
    errors,
  };
}

/** The plan job's step outputs for a decision: what every later job reads. */
export function planOutputs(decision: ReleaseDecision): PlanOutputs {
  return {
    tag: decision.tag,
    version: decision.version,
    pep440: decision.pep440,
    channel: decision.channel,
    prerelease: String(decision.prerelease),
    publish: String(decision.publish),
  };
}
