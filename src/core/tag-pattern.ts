import { ProjenMaturinError } from './errors';
/**
 * The release tag pattern: ONE string that is both the workflow's `on.push.tags`
 * filter and the rule the plan job parses tags with.
 *
 * Supported form: a literal prefix followed by a version glob, e.g. `v*.*.*`,
 * `v*`, `dioxide-v*.*.*`. Glob characters are only allowed in the version part,
 * so the prefix can be stripped without guessing.
 */
export interface TagPattern {
  /** The pattern as written in the workflow trigger. */
  readonly pattern: string;
  /** Literal text before the version, stripped from the tag. */
  readonly prefix: string;
  /** The glob the version part must match (GitHub filter semantics). */
  readonly versionGlob: string;
}

/** Version globs we accept after the prefix. */
export const VERSION_GLOBS: readonly string[] = ['*.*.*', '*.*', '*'];

// Characters with a meaning in GitHub's filter syntax; none may appear in the prefix.
const GLOB_CHARS = /[*?+[\]!]/;
// A prefix is letters, digits, ".", "_", "-" and "/" only: every git ref rule holds, and a printed
// command such as `git tag v1.0.0` can never run anything when pasted into a shell.
const SAFE_PREFIX = /^[A-Za-z0-9._/-]*$/;
// git check-ref-format: no "..", no "//", no component starting with "." or ending with ".lock".
const INVALID_REF = /\.\.|\/\/|(^|\/)\.|\.lock(\/|$)/;

/** Parses and validates a tag pattern, throwing a message that names what is wrong. */
export function parseTagPattern(pattern: string): TagPattern {
  const allowed = `a literal prefix followed by one of ${VERSION_GLOBS.map((g) => `"${g}"`).join(', ')} (e.g. "v*.*.*")`;
  if (typeof pattern !== 'string' || pattern.length === 0) {
    throw new ProjenMaturinError(`tagPattern must be ${allowed}; got an empty value`);
  }
  const versionGlob = VERSION_GLOBS.find((glob) => pattern.endsWith(glob));
  const prefix = versionGlob ? pattern.slice(0, pattern.length - versionGlob.length) : pattern;
  if (!versionGlob || GLOB_CHARS.test(prefix)) {
    throw new ProjenMaturinError(`tagPattern "${pattern}" has no version part: it must be ${allowed}`);
  }
  if (/[0-9.]$/.test(prefix)) {
    throw new ProjenMaturinError(`tagPattern "${pattern}" puts part of the version in the prefix "${prefix}": the prefix must not end in a digit or "."; ` +
      'use e.g. "v*.*.*" and restrict which tags may be pushed with a tag ruleset');
  }
  if (!SAFE_PREFIX.test(prefix)) {
    throw new ProjenMaturinError(`tagPattern "${pattern}" has a prefix with characters other than letters, digits, ".", "_", "-" and "/"; ` +
      'such a tag could not be typed or pasted safely: use e.g. "v*.*.*" or "mypkg-v*.*.*"');
  }
  if (INVALID_REF.test(prefix) || prefix.startsWith('/') || prefix.startsWith('-')) {
    throw new ProjenMaturinError(`tagPattern "${pattern}" has a prefix that is not a valid git tag name: it must be ${allowed}`);
  }
  return { pattern, prefix, versionGlob };
}

/**
 * Whether `tag` matches `pattern` as GitHub's tag filter would: `*` matches any
 * run of characters except `/`.
 */
export function tagMatchesPattern(pattern: TagPattern, tag: string): boolean {
  if (!tag.startsWith(pattern.prefix)) return false;
  const rest = tag.slice(pattern.prefix.length);
  const source = pattern.versionGlob
    .split('*')
    .map((literal) => literal.replace(/[.]/g, '\\.'))
    .join('[^/]*');
  return new RegExp(`^${source}$`).test(rest);
}

/** The version part of a tag, or undefined when the tag does not match the pattern. */
export function versionFromTag(pattern: TagPattern, tag: string): string | undefined {
  return tagMatchesPattern(pattern, tag) ? tag.slice(pattern.prefix.length) : undefined;
}
