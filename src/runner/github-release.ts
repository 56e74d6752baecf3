import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { addSummary, requireEnv } from './io';
import { RuntimeConfig } from '../core/contract';
import { readReleaseNotes } from '../core/decision';
import { ProjenMaturinError } from '../core/errors';
import { parseReleaseVersion } from '../core/version';

function gh(args: string[], quiet = false): number {
  const result = spawnSync('gh', args, { stdio: quiet ? 'ignore' : 'inherit' });
  if (result.error) throw new ProjenMaturinError(`could not run gh: ${result.error.message}`);
  return result.status ?? 1;
}

/** `github-release`: create the release for the tag, or bring an existing one up to date (safe to re-run). */
export function githubReleaseCommand(config: RuntimeConfig, root: string): number {
  const tag = requireEnv('TAG');
  const version = parseReleaseVersion(requireEnv('VERSION'));
  const prerelease = requireEnv('PRERELEASE') === 'true';
  const draft = process.env.RELEASE_DRAFT === 'true';
  const assetsDir = process.env.RELEASE_ASSETS ?? '';
  const notesFile = join(mkdtempSync(join(tmpdir(), 'release-notes-')), 'notes.md');
  writeFileSync(notesFile, readReleaseNotes(config, root, version));
  const assets = assetsDir ? readdirSync(assetsDir).sort().map((f) => join(assetsDir, f)) : [];
  const flags = ['--title', tag, '--notes-file', notesFile, `--prerelease=${prerelease}`, `--draft=${draft}`];
  if (gh(['release', 'view', tag], true) === 0) {
    if (gh(['release', 'edit', tag, ...flags]) !== 0) throw new ProjenMaturinError(`gh release edit ${tag} failed`);
    if (assets.length > 0 && gh(['release', 'upload', tag, '--clobber', ...assets]) !== 0) throw new ProjenMaturinError(`uploading assets to release ${tag} failed`);
    process.stdout.write(`updated the existing release ${tag}\n`);
  } else {
    if (gh(['release', 'create', tag, '--verify-tag', ...flags, ...assets]) !== 0) throw new ProjenMaturinError(`gh release create ${tag} failed`);
    process.stdout.write(`created release ${tag}\n`);
  }
  addSummary(`GitHub Release \`${tag}\` ${prerelease ? '(pre-release) ' : ''}with ${assets.length} files.`);
  return 0;
}
