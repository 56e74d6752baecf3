import { execFileSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Project } from 'projen';
import { parse } from 'yaml';
import { commitAll } from './cli';
import { IndexChannel, PackageIndex } from './package-index';
import { lockForRegistry, requireToolchain } from './toolchain';
import { MaturinRelease, MaturinReleaseOptions } from '../../src';
import { GENERATED_FILES_KEY, configDigest } from '../../src/core/generated-files';
import { RELEASE_CONFIG_PATH } from '../../src/core/paths';

/** The real-build fixtures of test/fixtures (see its README). */
export type RealFixtureName = 'tinyext' | 'tinyabi3' | 'tinybin';

export const FIXTURES = join(__dirname, '..', 'fixtures');

export interface RealFixtureRepo {
  readonly dir: string;
  /** The release workflow as generated. */
  readonly workflowYaml: string;
  /** The release workflow, parsed. */
  readonly workflow: any;
}

export interface RealFixtureOptions {
  /** Changes to the fixture's files before synthesis (e.g. a broken version). */
  readonly edit?: (dir: string) => void;
  /** Tag the commit with this. */
  readonly tag?: string;
  /** Point the release at this local index instead of PyPI and TestPyPI. */
  readonly index?: PackageIndex;
  /** Put the fixture in this subdirectory of the repository (a package that is not at the root). */
  readonly subdirectory?: string;
}

/**
 * A fixture copied into a fresh git repository that adopts MaturinRelease with
 * `options` (its pyproject.toml, Cargo.toml and CHANGELOG.md stay its own),
 * synthesized, committed and optionally tagged.
 */
export function realFixtureRepo(name: RealFixtureName, options: Partial<MaturinReleaseOptions>, extra: RealFixtureOptions = {}): RealFixtureRepo {
  const dir = mkdtempSync(join(tmpdir(), `${name}-repo-`));
  cpSync(join(FIXTURES, name), join(dir, extra.subdirectory ?? '.'), { recursive: true });
  extra.edit?.(dir);
  lockForRegistry(requireToolchain(), join(dir, extra.subdirectory ?? '.'));
  const project = new Project({ name, outdir: dir });
  const release = new MaturinRelease(project, { packageName: name, ...options });
  project.synth();
  if (extra.index) {
    // The repository's release settings name the indexes it installs from and compares with.
    const path = join(dir, RELEASE_CONFIG_PATH);
    const config = JSON.parse(readFileSync(path, 'utf8'));
    for (const channel of Object.keys(config.indexes) as IndexChannel[]) config.indexes[channel] = extra.index.endpoints(channel);
    // Recorded again as "npx projen" records it, so the plan's check that the workflow, the tools
    // and config.json were generated together still holds.
    config[GENERATED_FILES_KEY].sha256[RELEASE_CONFIG_PATH] = configDigest(config);
    writeFileSync(path, JSON.stringify(config, null, 2) + '\n');
  }
  commitAll(dir);
  if (extra.tag) execFileSync('git', ['tag', extra.tag], { cwd: dir });
  const workflowYaml = readFileSync(join(dir, release.workflowPath), 'utf8');
  return { dir, workflowYaml, workflow: parse(workflowYaml) };
}
