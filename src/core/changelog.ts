import { ProjenMaturinError } from './errors';
import { mergeConflictError, mergeConflictLine } from './files';
import { ReleaseVersion, parseReleaseVersion, sameVersion } from './version';

/**
 * Heading forms: `## [1.2.3] - 2026-01-01`, `## 1.2.3 - 2026-01-01`, `## v1.2.3 (2026-01-01)`,
 * and release-please's `## [1.2.3](https://…/compare/…) (2026-01-01)`.
 */
const VERSION_HEADING = /^##[ \t]+\[?v?([^\]\s()]+)\]?(?:\([^)\s]*\))?(?:[ \t].*)?$/;
/** A link reference definition, `[label]: url`. */
export const LINK_REFERENCE = /^\s{0,3}\[([^\]]+)\]:\s*\S+/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/** Whether a label is the body's own reference, not a version link (`[1.2.3]`, `[Unreleased]`) to a compare view. */
function isReferenceLabel(label: string): boolean {
  return !/^unreleased$/i.test(label) && headingVersion(`## [${label}]`) === undefined;
}

/** A line without the byte order mark an editor may have put before the file's first line. */
export const withoutBom = (line: string) => line.replace(/^\uFEFF/, '');

function headingVersion(line: string): ReleaseVersion | undefined {
  const match = VERSION_HEADING.exec(withoutBom(line));
  if (!match) return undefined;
  try {
    return parseReleaseVersion(match[1]);
  } catch {
    return undefined; // e.g. "## [Unreleased]"
  }
}

/**
 * Lines of the document that are level-1/2 headings, skipping fenced code and
 * HTML comments, where `##` is text.
 */
export function headingLines(lines: readonly string[]): number[] {
  const headings: number[] = [];
  let fence: string | undefined;
  let inComment = false;
  lines.forEach((line, i) => {
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      return;
    }
    const opener = FENCE.exec(line)?.[1];
    if (fence) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length && line.trim() === opener) fence = undefined;
      return;
    }
    if (opener) {
      fence = opener;
      return;
    }
    if (/^\s{0,3}<!--/.test(line) && !line.includes('-->')) {
      inComment = true;
      return;
    }
    if (/^#{1,2}[ \t]/.test(withoutBom(line))) headings.push(i);
  });
  return headings;
}

/** Index into `headings` of the section for `version`, or -1. */
export function findSection(lines: readonly string[], headings: readonly number[], version: ReleaseVersion): number {
  return headings.findIndex((i) => {
    const found = headingVersion(lines[i]);
    return found !== undefined && sameVersion(found, version);
  });
}

/** Whether the changelog has a heading for `version`. */
export function hasSection(changelog: string, version: ReleaseVersion): boolean {
  const lines = changelog.split(/\r?\n/);
  return findSection(lines, headingLines(lines), version) !== -1;
}

/**
 * The body of the CHANGELOG section for `version` (matched by PEP 440 equality),
 * without its heading and without the file's link reference definitions, except
 * those the body itself refers to, which are appended so its links still work.
 * Throws when the section is missing or empty.
 */
export function extractReleaseNotes(changelog: string, version: ReleaseVersion, file = 'CHANGELOG.md'): string {
  const lines = withoutBom(changelog).replace(/\r\n?/g, '\n').split('\n');
  const headings = headingLines(lines);
  const at = findSection(lines, headings, version);
  if (at === -1) {
    throw new ProjenMaturinError(`${file} has no section for version ${version.raw}: add a heading such as "## [${version.raw}] - YYYY-MM-DD" with the release's changes`);
  }
  const again = findSection(lines, headings.slice(at + 1), version);
  if (again !== -1) {
    throw new ProjenMaturinError(`${file} has two sections for version ${version.raw} (lines ${headings[at] + 1} and ${headings[at + 1 + again] + 1}): keep one, with all of the release's changes`);
  }
  const end = at + 1 < headings.length ? headings[at + 1] : lines.length;
  const body = lines.slice(headings[at] + 1, end);
  // Link reference definitions after the last section belong to the whole file.
  const last = end === lines.length;
  while (body.length > 0 && (body[body.length - 1].trim() === '' || (last && LINK_REFERENCE.test(body[body.length - 1])))) body.pop();
  while (body.length > 0 && body[0].trim() === '') body.shift();
  if (body.length === 0) {
    throw new ProjenMaturinError(`${file} has an empty section for version ${version.raw}: describe the release's changes under its heading`);
  }
  // The section becomes the release notes: never with a conflict left in it.
  const conflict = mergeConflictLine(lines.slice(headings[at] + 1, end).join('\n'));
  if (conflict !== undefined) throw mergeConflictError(file, headings[at] + 1 + conflict);
  const text = body.join('\n');
  const used = lines.filter((l) => {
    const label = LINK_REFERENCE.exec(l)?.[1];
    return label !== undefined && !body.includes(l) && text.includes(`[${label}]`) && isReferenceLabel(label);
  });
  return [...body, ...(used.length > 0 ? ['', ...used] : [])].join('\n') + '\n';
}
