import { execFileSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Project } from 'projen';
import { ProjenrcTs } from 'projen/lib/typescript';
import { cli } from './cli';
import * as api from '../../src';
import type { Adoption } from '../../src/cli/adopt/adopt';
import type { WheelSet } from '../../src/cli/adopt/wheel-set';
import { PLATFORMS } from '../../src/synth/plan/targets';

// Shared by the tests of `projen-maturin adopt` (test/cli/adopt*.test.ts).

// The bundle the CLI runs (it inlines GitHub's expression engine, which is ESM-only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { adopt } = require('../../assets/cli-adopt.cjs') as typeof import('../../src/cli/commands/adopt');

export const git = (dir: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, stdio: 'pipe' });

/**
 * Runs the written `.projenrc.ts` as ts-node would, in this process against this checkout's
 * projen-maturin: its imports are the only TypeScript in it, and the project is given the
 * repository as its directory.
 */
export function synthesize(dir: string): void {
  const text = readFileSync(join(dir, '.projenrc.ts'), 'utf8');
  const body = text.replace(/^import .*$/gm, '').replace(/new Project\(\{ name: ('[^']*') \}\)/, 'new Project({ name: $1, outdir: DIR })');
  expect(body).toContain('outdir: DIR');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const run = new Function('Project', 'ProjenrcTs', 'MaturinRelease', 'PublishingMode', 'ReleaseNotes', 'ReleaseTrigger', 'VersionSource', 'WheelPlatform', 'DIR', body);
  run(Project, ProjenrcTs, api.MaturinRelease, api.PublishingMode, api.ReleaseNotes, api.ReleaseTrigger, api.VersionSource, api.WheelPlatform, dir);
}

/** The wheel set the synthesized release promises (config.json), per target, in adopt's notation. */
export function synthesizedWheelSet(dir: string, workflowName = 'release'): Record<string, string> {
  const file = workflowName === 'release' ? 'config.json' : `${workflowName}.config.json`;
  const config = JSON.parse(readFileSync(join(dir, '.github/maturin-release', file), 'utf8'));
  const byLabel = Object.fromEntries(Object.values(PLATFORMS).map((p) => [p.wheelPlatformLabel, p.id as string]));
  const set: Record<string, string[]> = {};
  for (const e of config.expectedDistributions) {
    if (e.kind !== 'wheel') continue;
    const target = byLabel[/ wheel for (.*)$/.exec(e.description)![1]];
    const tag = e.pythonTag === 'py3' ? 'py3-none' : e.abiTag === 'abi3' ? `${e.pythonTag}-abi3` : e.abiTag.endsWith('t') && e.abiTag.startsWith('cp') ? e.abiTag
      : e.pythonTag.startsWith('graalpy') ? e.pythonTag : e.pythonTag;
    (set[target] ??= []).push(tag);
  }
  return Object.fromEntries(Object.entries(set).map(([t, tags]) => [t, tags.join(' ')]));
}

export const render = (set: WheelSet) => Object.fromEntries([...set.entries()].map(([t, tags]) => [t, [...tags.keys()].join(' ')]));

/** adopt, then the written .projenrc.ts synthesized, committed, and preflight of `tag` ok. */
export function adoptAndRelease(dir: string, tag: string): { adoption: Adoption; stdout: string } {
  const adoption = adopt(dir);
  const run = cli(dir, 'adopt');
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(readFileSync(join(dir, '.projenrc.ts'), 'utf8')).toBe(adoption.projenrc);
  synthesize(dir);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'adopt');
  const preflight = cli(dir, 'preflight', tag, '--json');
  expect(preflight.stderr).toBe('');
  expect(JSON.parse(preflight.stdout)).toMatchObject({ ok: true });
  expect(preflight.status).toBe(0);
  // What adopt says the release publishes is what the synthesized release promises.
  expect(synthesizedWheelSet(dir, adoption.workflowName)).toEqual(render(adoption.adopted));
  return { adoption, stdout: run.stdout };
}

export const sorted = (set: Record<string, string>) => Object.fromEntries(Object.entries(set).sort(([a], [b]) => a.localeCompare(b)));

const SHAPES_DIR = join(__dirname, '..', 'fixtures', 'adopt', 'shapes');
/** A repository holding a shape fixture (test/fixtures/adopt/shapes/<name>, see its README). */
export function shapeRepository(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `adopt-${name}-`));
  cpSync(join(SHAPES_DIR, name), dir, { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'existing repository');
  return dir;
}
