import { createHash } from 'crypto';
import { join } from 'path';
import { archiveReaders } from './archives';
import { listEntries, readBuiltFile } from './dist-files';
import { addSummary, cell, reportWarning, requireEnv } from './io';
import { RuntimeConfig, maxFileSizeMb } from '../core/contract';
import { Refusal, formatRefusal, inspectDistribution } from '../core/dist-inspection';
import { checkDistributions } from '../core/distributions';
import { ProjenMaturinError } from '../core/errors';
import { parseReleaseVersion } from '../core/version';

const DOWNLOAD_FIX = 'the job downloads the built distributions (the build jobs\' artifacts) into it: check the build jobs and the download step, then re-run the failed jobs';
// What the upload itself still decides (it needs Python or PyPI's data): said, not implied.
const NOT_CHECKED = 'Left to the upload: rendering of reStructuredText descriptions, trove classifier names, SPDX license identifiers.';

/**
 * `check-dist <dir>`: the built files must be exactly the promised set, and each must be one
 * PyPI accepts and installers can install (checked here, before anything is tested or published).
 */
export async function checkDistCommand(config: RuntimeConfig, dir: string): Promise<number> {
  const version = parseReleaseVersion(requireEnv('VERSION'));
  const { files, others } = listEntries(dir, `the directory of built distributions is "${dir}"`, DOWNLOAD_FIX);
  // Read when used, not kept: a release's files together can be larger than the runner's memory.
  const read = (file: string) => readBuiltFile(join(dir, file), DOWNLOAD_FIX);
  const result = checkDistributions(files, config.expectedDistributions, config.packageName, version);
  const rows = result.matched.map(({ expected, file }) => {
    const sha256 = createHash('sha256').update(read(file)).digest('hex');
    return `| ${cell(file)} | ${cell(expected.description)} | \`${sha256}\` |`;
  });
  addSummary([`## Distributions (${result.matched.length} of ${config.expectedDistributions.length})`, '', '| file | promised as | sha256 |', '|---|---|---|', ...rows].join('\n'));
  const setProblems = [
    ...result.missing.map((e) => `missing: ${e.description}`),
    ...result.unexpected.map((f) => `unexpected: ${f}`),
    // gh-action-pypi-publish runs `twine check dist/*` and `twine upload dist/*`: every entry, not recursing, and twine refuses what is not a distribution file.
    ...others.map((o) => `unexpected: ${o.name}${o.directory ? '/ (a directory' : ' (not a regular file'}: the publish step hands every entry of dist/ to twine, which refuses ${o.directory ? 'directories' : 'it'})`),
  ];
  if (setProblems.length > 0) {
    addSummary(['', '### Wheel set check failed', '', ...setProblems.map((p) => `- ${cell(p)}`)].join('\n'));
  }

  const limit = maxFileSizeMb(config);
  const inspected = files.filter((f) => f.endsWith('.whl') || f.endsWith('.tar.gz'));
  const rules = { packageName: config.packageName, version, maxFileSizeMb: limit };
  const findings: Refusal[] = [];
  for (const file of inspected) findings.push(...await inspectDistribution(file, read(file), rules, archiveReaders));
  const refusals = findings.filter((f) => !f.warning);
  const warnings = findings.filter((f) => f.warning);
  addSummary(refusals.length === 0
    ? ['', `### PyPI's upload rules: ${inspected.length} files pass`, '',
      `ZIP layout, file names and tags, WHEEL, RECORD, METADATA and PKG-INFO (as \`twine check\`), at most ${limit} MB each.`, '', NOT_CHECKED].join('\n')
    : ['', `### PyPI's upload rules: ${refusals.length} problem${refusals.length === 1 ? '' : 's'}`, '', '| file | rule | problem |', '|---|---|---|',
      ...refusals.map((r) => `| ${cell(r.file)} | ${cell(r.rule)} | ${cell(r.detail)} |`), '', NOT_CHECKED].join('\n'));

  // PyPI takes these files, but shows no description for them: said, not refused.
  if (warnings.length > 0) {
    addSummary(['', `### twine check --strict: ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`, '',
      'PyPI accepts these files, but its project page shows no description for them. Fix it in the next release: `readme = "README.md"` in `[project]` of pyproject.toml.', '',
      '| file | warning |', '|---|---|', ...warnings.map((w) => `| ${cell(w.file)} | ${cell(w.detail)} |`)].join('\n'));
    for (const w of warnings) reportWarning(w.rule, `${w.file}: ${w.detail}`);
  }

  if (setProblems.length > 0 || refusals.length > 0) {
    const parts = [
      ...(setProblems.length > 0 ? [`dist/ is not the promised wheel set for ${config.packageName} ${version.pep440}:`, ...setProblems] : []),
      ...(refusals.length > 0 ? [`dist/ has files that PyPI, installers or twine check would refuse (${refusals.length} problem${refusals.length === 1 ? '' : 's'}):`, ...refusals.map(formatRefusal)] : []),
    ];
    throw new ProjenMaturinError(parts.join('\n'), refusals.length > 0
      ? 'fix the build or the project metadata (pyproject.toml, Cargo.toml) and release a new build; never edit built files. RELEASING.md (Troubleshooting) explains each rule'
      : undefined);
  }
  process.stdout.write(`dist/ holds exactly the ${files.length} promised files, and PyPI's upload rules pass for each\n`);
  return 0;
}
