import { readdirSync, statSync } from 'fs';
import { join } from 'path';
import { addSummary, cell, requireEnv, sha256File } from './io';
import { RuntimeConfig } from '../core/contract';
import { checkDistributions } from '../core/distributions';
import { ProjenMaturinError } from '../core/errors';
import { parseReleaseVersion } from '../core/version';

/** `check-dist <dir>`: the built files must be exactly the promised set. */
export function checkDistCommand(config: RuntimeConfig, dir: string): number {
  const version = parseReleaseVersion(requireEnv('VERSION'));
  const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile());
  const result = checkDistributions(files, config.expectedDistributions, config.packageName, version);
  const rows = result.matched.map(({ expected, file }) => {
    const sha256 = sha256File(join(dir, file));
    return `| ${cell(file)} | ${cell(expected.description)} | \`${sha256}\` |`;
  });
  addSummary([`## Distributions (${result.matched.length} of ${config.expectedDistributions.length})`, '', '| file | promised as | sha256 |', '|---|---|---|', ...rows].join('\n'));
  const problems = [
    ...result.missing.map((e) => `missing: ${e.description}`),
    ...result.unexpected.map((f) => `unexpected: ${f}`),
  ];
  if (problems.length > 0) {
    addSummary(['', '### Wheel set check failed', '', ...problems.map((p) => `- ${cell(p)}`)].join('\n'));
    throw new ProjenMaturinError(`dist/ is not the promised wheel set for ${config.packageName} ${version.pep440}:\n${problems.join('\n')}`);
  }
  process.stdout.write(`dist/ holds exactly the ${files.length} promised files\n`);
  return 0;
}
