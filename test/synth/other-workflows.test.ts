import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Project } from 'projen';
import { MaturinRelease, MaturinReleaseOptions, ReleaseTrigger } from '../../src';
import { cli, commitAll } from '../helpers/cli';

/** nh3's own CI workflow (see test/core/other-workflows.test.ts): publishes on v* tags with maturin upload. */
const NH3_CI = join(__dirname, '..', 'core', 'fixtures', 'nh3-CI.yml');
const WARNING = '.github/workflows/CI.yml also runs for the release tags: its on.push.tags "v*" (line 7) matches v1.2.3, and it publishes: ' +
  'maturin upload in job release (line 332). A release tag would start two publishing workflows, and the second upload of the same version fails; ' +
  'fix: remove the tag trigger or the publishing job from .github/workflows/CI.yml, or delete the workflow if the generated release replaces it';

function adopt(withCi: boolean, options: Partial<MaturinReleaseOptions> = {}): { dir: string; warnings: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'double-publish-'));
  writeFileSync(join(dir, 'Cargo.toml'), '[package]\nname = "nh3"\nversion = "0.3.6"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\npyo3 = "0.27"\n');
  writeFileSync(join(dir, 'pyproject.toml'), '[build-system]\nrequires = ["maturin>=1.7,<2"]\nbuild-backend = "maturin"\n\n[project]\nname = "nh3"\nreadme = "README.md"\ndynamic = ["version"]\n');
  writeFileSync(join(dir, 'CHANGELOG.md'), '# Changelog\n\n## [Unreleased]\n\n## [0.3.6] - 2026-06-30\n\n- Fixes\n');
  if (withCi) {
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    copyFileSync(NH3_CI, join(dir, '.github', 'workflows', 'CI.yml'));
  }
  const project = new Project({ name: 'nh3', outdir: dir });
  new MaturinRelease(project, { packageName: 'nh3', ...options });
  const warn = jest.spyOn(project.logger, 'warn').mockImplementation(() => undefined);
  project.synth();
  return { dir, warnings: warn.mock.calls.map((call) => String(call[0])) };
}

describe('a workflow of the repository that publishes on the same tags (double publishing)', () => {
  test('synthesis warns, naming the file, the lines and the fix', () => {
    expect(adopt(true).warnings).toEqual([`MaturinRelease: ${WARNING}`]);
    // Negative control: without it, synthesis is quiet.
    expect(adopt(false).warnings).toEqual([]);
  });

  test('releases started by hand: the workflow creates the tag with GITHUB_TOKEN, which starts no other workflow, so nothing is said', () => {
    const { dir, warnings } = adopt(true, { releaseTrigger: ReleaseTrigger.DISPATCH });
    expect(warnings).toEqual([]);
    commitAll(dir);
    expect(JSON.parse(cli(dir, 'preflight', '0.3.6', '--json').stdout).warnings).toEqual([]);
  });

  test('preflight says the same among its warnings', () => {
    const { dir } = adopt(true);
    commitAll(dir);
    const report = JSON.parse(cli(dir, 'preflight', 'v0.3.6', '--json').stdout);
    expect(report.warnings).toEqual([WARNING]);
    expect(cli(dir, 'preflight', 'v0.3.6').stdout).toContain(`  warning: ${WARNING}\n`);
  });
});
