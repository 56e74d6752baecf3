import { ArchiveReaders, Problem } from './archives';
import { sdistProblems } from './sdist-inspection';
import { ReleaseExpectation, wheelProblems } from './wheel-inspection';

/** A rule a file in dist/ breaks, in the words the job summary and the error use. */
export interface Refusal {
  readonly file: string;
  readonly rule: string;
  readonly detail: string;
  /** PyPI accepts the file anyway: reported, not refused. */
  readonly warning?: boolean;
}

export interface UploadRules extends ReleaseExpectation {
  /** The index's per-file limit, in MB (MiB, as PyPI counts). */
  readonly maxFileSizeMb: number;
}

const MIB = 1024 * 1024;

/** One line per refusal: the file, the rule, what is wrong. */
export function formatRefusal(refusal: Refusal): string {
  return `${refusal.file}: ${refusal.rule}: ${refusal.detail}`;
}

/**
 * Everything PyPI, twine and installers would refuse about one file in dist/ (wheels and
 * .tar.gz sdists; other files are the wheel-set check's to report), and as warnings what only
 * `twine check --strict` fails on. All problems, not the first.
 */
export async function inspectDistribution(file: string, bytes: Buffer, rules: UploadRules, readers: ArchiveReaders): Promise<Refusal[]> {
  const problems: Problem[] = [];
  // PyPI counts the limit in MiB and answers "File too large. Limit for project … is N MB".
  if (bytes.length > rules.maxFileSizeMb * MIB) {
    problems.push({ rule: 'size limit', detail: `File too large: ${bytes.length} bytes, over the index's limit of ${rules.maxFileSizeMb} MB (${Math.floor(rules.maxFileSizeMb * MIB)} bytes)` });
  }
  if (file.endsWith('.whl')) problems.push(...await wheelProblems(file, bytes, rules, readers));
  else if (file.endsWith('.tar.gz')) problems.push(...await sdistProblems(file, bytes, rules, readers));
  return problems.map((p) => ({ file, ...p }));
}
