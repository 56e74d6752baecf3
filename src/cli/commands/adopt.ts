import { spawnSync } from 'child_process';
import { existsSync, writeFileSync } from 'fs';
import { join } from 'path';
import { ProjenMaturinError } from '../../core/errors';
import { fileError } from '../../core/files';
import { ADOPT_DEFAULTS, ADOPT_LEVELS, Adoption, adopt } from '../adopt/adopt';
import { BUILDABLE_SPECS, whyNotBuildable } from '../adopt/wheel-set';
import { CommandContext } from '../command';

// The tests read the adoption itself, and the tables it uses, from this bundle.
export { ADOPT_DEFAULTS, ADOPT_LEVELS, BUILDABLE_SPECS, adopt, whyNotBuildable };

/** The repository adopt works in: the git repository `cwd` is in, else `cwd` (no projen files needed yet). */
export function adoptionRoot(cwd: string): string {
  const git = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd, encoding: 'utf8' });
  return git.status === 0 && git.stdout.trim() ? git.stdout.trim() : cwd;
}

/** The wheel-set difference, one line per target, and the reason for every miss: one screen. */
export function formatDifference(a: Adoption): string {
  const { rows, same, added, missing } = a.difference;
  const width = Math.max(6, ...rows.map((r) => r.target.length));
  const lines = [`Wheel set: the existing workflows (${a.workflows.length > 0 ? a.workflows.join(', ') : 'none'}) and the generated release`];
  for (const r of rows) {
    const parts = [
      r.same.length > 0 ? `same ${r.same.join(' ')}` : '',
      r.added.length > 0 ? `added ${r.added.join(' ')}` : '',
      r.missing.length > 0 ? `MISSING ${r.missing.join(' ')}` : '',
    ].filter(Boolean);
    lines.push(`  ${r.target.padEnd(width)}  ${parts.join('; ')}`);
  }
  for (const m of a.misses) lines.push(`  missing on ${m.target}: ${m.tags.join(' ')}: ${m.reason}`);
  const total = same + missing;
  const share = total === 0 ? 100 : Math.floor((same / total) * 1000) / 10;
  lines.push(`  ${same} the same, ${added} added, ${missing} missing: the generated release publishes ${share}% of the existing wheel set`);
  return lines.join('\n') + '\n';
}

/** `projen-maturin adopt [--dry-run] [--package DIR]` */
export function run({ cwd, flags, out, packageName }: CommandContext): number {
  const root = adoptionRoot(cwd);
  const adoption = adopt(root, packageName);
  const dryRun = flags.has('--dry-run');
  const target = '.projenrc.ts';
  if (!dryRun && existsSync(join(root, target))) {
    throw new ProjenMaturinError(`${target} already exists in ${root}: adopt writes a new one and never replaces yours`,
      'run "projen-maturin adopt --dry-run" to print the configuration, and merge it into your .projenrc.ts by hand');
  }
  if (dryRun) {out.write(adoption.projenrc + '\n');} else {
    try {
      // "wx": created only when absent, so a file written meanwhile is never replaced.
      writeFileSync(join(root, target), adoption.projenrc, { flag: 'wx' });
    } catch (e) {
      throw fileError(target, e, 'write');
    }
  }
  out.write(`${dryRun ? 'Would write' : 'Wrote'} ${target} for ${adoption.packageName}${adoption.packageDirectory === '.' ? '' : ` (${adoption.packageDirectory})`}; `
    + `its release workflow will be .github/workflows/${adoption.workflowName}.yml`
    + `${adoption.workflowName === 'release' ? '' : ' (.github/workflows/release.yml is yours and stays as it is)'}.\n\n`);
  for (const r of adoption.resolutions) out.write(`${r}\n`);
  if (adoption.resolutions.length > 0) out.write('\n');
  out.write(formatDifference(adoption));
  if (adoption.leftOut.length + adoption.warnings.length > 0) {
    out.write(`\nNot carried over, and warnings (also at the end of ${target}):\n${[...adoption.leftOut, ...adoption.warnings].map((l) => `  - ${l}`).join('\n')}\n`);
  }
  out.write(`\nNext: npm install --save-dev projen-maturin projen constructs ts-node@^10.9.2 typescript@~5.9.0\n      npx ts-node -O '{"module":"commonjs"}' ${target}\n`
    + '      Your existing workflows are untouched: remove their publishing once the generated release has published.\n');
  return 0;
}
