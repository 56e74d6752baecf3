import { Channel, chooseChannel } from './channel';
import { PlanOutputs, RuntimeConfig } from './contract';
import { ProjenMaturinError, quote } from './errors';
import { describeReleaseNotes, readReleaseNotes } from './release-notes';
import { parseTagPattern, tagMatchesPattern, versionFromTag } from './tag-pattern';
import { ReleaseVersion, describeVersion, parseReleaseVersion, sameVersion } from './version';
import { VersionLocation, locateVersion } from './version-source';

/** What triggered the run, as the runner describes it. */
export interface ReleaseTrigger {
  /** `push` (a tag) or `workflow_dispatch` (a rehearsal, or a release started by hand). */
  readonly event: string;
  readonly refType: string;
  readonly refName: string;
  /** The dispatch's dry-run input. */
  readonly dryRun: boolean;
  /** The dispatch's version input (releases started by a manual run); empty or undefined when not given. */
  readonly versionInput?: string;
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
  /** The release notes taken from the repository (the CHANGELOG section or the notes file); empty when GitHub generates them or there are none. */
  readonly notes: string;
  /** Where the notes come from, in words. */
  readonly notesSource: string;
  readonly ok: boolean;
  readonly errors: string[];
}


/**
 * A version PEP 440 counts as equal to the version source's but spells otherwise (1.0.0.0, 1.0.0):
 * every later job would name files after its spelling, not the wheels'.
 */
function spelledOtherwise(what: string, version: ReleaseVersion, source: ReleaseVersion, file: string, fix: string): string {
  return `${what} is version ${version.pep440}, which PEP 440 counts as equal to ${file}'s ${describeVersion(source)}, but the wheels are named ${source.pep440}: ${fix}`;
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

/** The version source's file, for messages: `Cargo.toml`, `crates/x/Cargo.toml`, `pyproject.toml`. */
const sourceFile = (location: VersionLocation | undefined, config: RuntimeConfig) =>
  location?.file ?? (config.versionSource === 'cargo' ? 'Cargo.toml' : 'pyproject.toml');

/** The version a manual release was started with: as typed, with the tag prefix allowed in front. */
function dispatchedVersion(input: string, prefix: string): string {
  const value = input.trim();
  return prefix !== '' && value.startsWith(prefix) && /^\d/.test(value.slice(prefix.length)) ? value.slice(prefix.length) : value;
}

/**
 * Decides what a run releases: the version from the tag (push), from the
 * version input (a manual release) or the version source (dry run), checked
 * against each other; the channel; whether to publish. With a shared tag a push
 * releases the version source's version: the tag only has to match the pattern.
 */
export function decideRelease(config: RuntimeConfig, root: string, trigger: ReleaseTrigger): ReleaseDecision {
  const errors: string[] = [];
  const pattern = parseTagPattern(config.tagPattern);
  const location = attempt(errors, () => locateVersion(root, config.versionSource, config.packageDirectory));
  const source = location === undefined ? undefined : attempt(errors, () => parseReleaseVersion(location.version));
  const file = sourceFile(location, config);
  const dispatchMode = config.releaseTrigger === 'dispatch';
  let tag = '';
  let version: ReleaseVersion | undefined;
  let publish = false;

  if (trigger.event === 'push' && dispatchMode) {
    errors.push('this workflow releases from a manual run with the version to release (Actions → the workflow → Run workflow), which creates the tag; a push does not start it');
  } else if (trigger.event === 'push') {
    if (trigger.refType !== 'tag') {
      errors.push(`a release runs for a pushed tag, but this push is to the ${trigger.refType || 'unknown'} ${quote(trigger.refName)}`);
    } else {
      tag = trigger.refName;
      const raw = versionFromTag(pattern, tag);
      if (raw === undefined) {
        errors.push(`tag ${quote(tag)} does not match the release tag pattern "${pattern.pattern}" (the version after "${pattern.prefix}")`);
      } else if (config.sharedTag) {
        // The repository's tag only starts the release: the package's own version is released.
        version = source;
      } else {
        version = attempt(errors, () => parseReleaseVersion(raw));
      }
      if (version && source && !sameVersion(version, source)) {
        errors.push(`tag ${quote(tag)} is version ${version.pep440}, but ${file} says ${describeVersion(source)}: bump the version source, or tag ${pattern.prefix}${source.raw}`);
      } else if (version && source && version.pep440 !== source.pep440) {
        errors.push(spelledOtherwise(`tag ${quote(tag)}`, version, source, file, `tag ${pattern.prefix}${source.raw}`));
      }
      publish = true;
    }
  } else if (trigger.event === 'workflow_dispatch' && dispatchMode) {
    const input = dispatchedVersion(trigger.versionInput ?? '', pattern.prefix);
    if (input !== '') {
      version = attempt(errors, () => parseReleaseVersion(input));
      if (version && source && !sameVersion(version, source)) {
        errors.push(`the version to release is ${version.pep440}, but ${file} says ${describeVersion(source)}: ` +
          `bump the version source to ${version.raw} and commit it, or run the workflow with version ${source.raw}`);
      } else if (version && source && version.pep440 !== source.pep440) {
        errors.push(spelledOtherwise(`the version to release, ${quote(version.raw)},`, version, source, file, `run the workflow with version ${source.raw}`));
      }
    } else if (!trigger.dryRun) {
      errors.push(`a release needs the version to release: run the workflow again with version set to the one in ${file}${source ? ` (${source.raw})` : ''}`);
    } else {
      version = source;
    }
    tag = version ? `${pattern.prefix}${version.raw}` : '';
    if (version && !tagMatchesPattern(pattern, tag)) {
      errors.push(`version ${version.raw} would be tagged ${quote(tag)}, which does not match the release tag pattern "${pattern.pattern}"`);
    }
    publish = !trigger.dryRun;
  } else if (trigger.event === 'workflow_dispatch') {
    if (!trigger.dryRun) {
      errors.push('a manual run is always a dry run: releases are published only from a pushed tag; run it again with dry-run checked');
    }
    version = source;
    // A shared tag names the repository's release, which a dry run has not got: none is shown.
    tag = source && !config.sharedTag ? `${pattern.prefix}${source.raw}` : '';
    if (source && !config.sharedTag && !tagMatchesPattern(pattern, tag)) {
      errors.push(`the current version ${source.raw} would be tagged ${quote(tag)}, which does not match the release tag pattern "${pattern.pattern}": no push of it would start a release`);
    }
  } else {
    errors.push(`the release workflow runs on ${dispatchMode ? 'a manual run' : 'a tag push or a manual dry run'}, not on ${quote(trigger.event)}`);
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
    notesSource: describeReleaseNotes(config, version),
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
