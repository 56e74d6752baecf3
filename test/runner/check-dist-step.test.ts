import { appendFileSync, readFileSync } from 'fs';
import { join } from 'path';
import { RELEASE_CONFIG_PATH } from '../../src/core/paths';
import { MaturinReleaseOptions, WheelPlatform } from '../../src/synth/options';
import { WheelOptions, defaultMetadata, writeSdist, writeText, writeWheel } from '../helpers/fake-dist';
import { fixtureRepo } from '../helpers/fixture-repo';
import { runStep } from '../helpers/runner';

const OPTIONS: Partial<MaturinReleaseOptions> = { platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.WINDOWS_X64], pythonVersions: ['3.11', '3.12'] };
const checkStep = (workflow: any) => workflow.jobs['check-dist'].steps.find((s: any) => s.run);
const PLAN = { 'needs.plan.outputs.version': '1.0.0-rc.1' };

const LINUX_311 = 'dioxide-1.0.0rc1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl';
const LINUX_312 = 'dioxide-1.0.0rc1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl';
const WINDOWS_311 = 'dioxide-1.0.0rc1-cp311-cp311-win_amd64.whl';
const WINDOWS_312 = 'dioxide-1.0.0rc1-cp312-cp312-win_amd64.whl';
const SDIST = 'dioxide-1.0.0rc1.tar.gz';
const PROMISED = [LINUX_311, LINUX_312, WINDOWS_311, WINDOWS_312, SDIST];

/** A repository whose dist/ holds `files`, built as maturin would unless `variants` says otherwise. */
function repoWithDist(files: string[], variants: Record<string, WheelOptions> = {}, options: Partial<MaturinReleaseOptions> = {}) {
  const repo = fixtureRepo({ ...OPTIONS, ...options }, '1.0.0-rc.1');
  const dist = join(repo.dir, 'dist');
  for (const file of files) {
    if (file.endsWith('.whl')) writeWheel(dist, file, 'VALUE = 1\n', variants[file]);
    else writeSdist(dist, file);
  }
  return { ...repo, dist };
}

const md = (text: string) => text.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`);

describe('the wheel-set check step, run as a runner runs it', () => {
  test('the promised set passes and the summary lists each file with its sha256', () => {
    const repo = repoWithDist(PROMISED);
    const run = runStep(checkStep(repo.workflow), repo.dir, {}, PLAN);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.summary).toContain('## Distributions (5 of 5)');
    for (const file of PROMISED) expect(run.summary).toMatch(new RegExp(`${file.replace(/[.]/g, '\\.').replace(/_/g, '\\\\_')} \\| .* \\| \`[0-9a-f]{64}\` \\|`));
    expect(run.summary).toContain("### PyPI's upload rules: 5 files pass");
    expect(run.summary).toContain('Left to the upload: rendering of reStructuredText descriptions');
  });

  test('a missing platform fails the release, naming it', () => {
    const repo = repoWithDist(PROMISED.filter((f) => f !== WINDOWS_312));
    const run = runStep(checkStep(repo.workflow), repo.dir, {}, PLAN);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('missing: cp312 wheel for Windows amd64');
  });

  test('a wheel from an interpreter nobody asked for fails the release', () => {
    const repo = repoWithDist([...PROMISED, 'dioxide-1.0.0rc1-cp313-cp313-win_amd64.whl']);
    const run = runStep(checkStep(repo.workflow), repo.dir, {}, PLAN);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('unexpected: dioxide-1.0.0rc1-cp313-cp313-win_amd64.whl');
  });
});

describe("PyPI's upload rules, checked by the same step before anything is tested or published", () => {
  test('every refused file is named with its rule, all at once, in the error and the job summary', () => {
    const repo = repoWithDist(PROMISED, {
      // A tag the file name does not have (e.g. a renamed wheel).
      [LINUX_312]: { wheel: 'Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: cp312-cp312-manylinux_2_17_x86_64\nTag: cp312-cp312-linux_x86_64\n' },
      // Another version than the file name and the release.
      [WINDOWS_311]: { metadata: defaultMetadata('dioxide', '1.0.0') },
      // A file that is not in RECORD.
      [WINDOWS_312]: { files: { 'dioxide/_native.pyd': 'MZ' }, unlisted: ['dioxide/_native.pyd'] },
    });
    appendFileSync(join(repo.dist, LINUX_311), Buffer.from([0])); // a byte after the central directory
    writeText(repo.dist, SDIST, 'not a gzip file');

    const run = runStep(checkStep(repo.workflow), repo.dir, {}, PLAN);
    expect(run.status).toBe(1);
    const refusals = [
      `${LINUX_311}: PyPI's ZIP rules: Trailing data: 1 byte after the end of the central directory`,
      `${WINDOWS_311}: METADATA: Version is 1.0.0, but the file name says 1.0.0rc1`,
      `${WINDOWS_311}: METADATA: Version is 1.0.0, but this release is 1.0.0rc1`,
      `${LINUX_312}: WHEEL: has no Tag line for cp312-cp312-manylinux2014_x86_64, which the file name promises`,
      `${LINUX_312}: WHEEL: has Tag cp312-cp312-linux_x86_64, which the file name does not have`,
      `${WINDOWS_312}: RECORD: does not list dioxide/_native.pyd`,
      `${SDIST}: sdist: not a readable gzip-compressed tar archive (incorrect header check)`,
    ];
    // One annotation (GitHub reads a workflow command per line), every problem in it.
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    const message = run.stderr.replace(/^::error::/, '').replace(/%0A/g, '\n');
    expect(message).toContain(`dist/ has files that PyPI, installers or twine check would refuse (${refusals.length} problems):\n${refusals.join('\n')}\n  fix: `);
    expect(run.summary).toContain(`### PyPI's upload rules: ${refusals.length} problems`);
    for (const refusal of refusals) {
      const [file, rule, ...detail] = refusal.split(': ');
      expect(run.summary).toContain(`| ${md(file)} | ${md(rule)} | ${md(detail.join(': '))} |`);
    }
  });

  test('a file over the configured size limit (publishing.maxFileSizeMb) is refused; the others, within it, pass', () => {
    const sizes = PROMISED.map((file) => readFileSync(join(repoWithDist(PROMISED).dist, file)).length);
    const largest = PROMISED[sizes.indexOf(Math.max(...sizes))];
    const limitBytes = Math.max(...sizes) - 1;
    expect(sizes.filter((size) => size > limitBytes)).toHaveLength(1);
    // A limit just under the largest file, as a project with another limit would set it.
    const repo = repoWithDist(PROMISED, {}, { publishing: { maxFileSizeMb: limitBytes / (1024 * 1024) } });
    expect(JSON.parse(readFileSync(join(repo.dir, RELEASE_CONFIG_PATH), 'utf8')).maxFileSizeMb).toBe(limitBytes / (1024 * 1024));
    const run = runStep(checkStep(repo.workflow), repo.dir, {}, PLAN);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`(1 problem):%0A${largest}: size limit: File too large: ${limitBytes + 1} bytes, over the index's limit of ${limitBytes / (1024 * 1024)} MB (${limitBytes} bytes)%0A`);
  });

  test('no long description: PyPI accepts it, so the release goes on, with twine check --strict\'s findings as warnings in the summary', () => {
    const bare = 'Metadata-Version: 2.4\nName: dioxide\nVersion: 1.0.0rc1\nSummary: A test package\nRequires-Python: >=3.9\n';
    const repo = repoWithDist(PROMISED, { [LINUX_311]: { metadata: bare } });
    const run = runStep(checkStep(repo.workflow), repo.dir, {}, PLAN);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const warnings = [
      'METADATA: `long_description_content_type` missing. defaulting to `text/x-rst` (set `readme = "README.md"` in [project])',
      'METADATA: `long_description` missing (set `readme = "README.md"` in [project])',
    ];
    expect(run.summary).toContain("### PyPI's upload rules: 5 files pass");
    expect(run.summary).toContain('### twine check --strict: 2 warnings');
    for (const warning of warnings) {
      expect(run.summary).toContain(`| ${md(LINUX_311)} | ${md(warning)} |`);
      expect(run.stdout).toContain(`::warning title=twine check --strict::${LINUX_311}: ${warning}`);
    }
  });

  test('the same files pass under the default limit (negative control)', () => {
    const repo = repoWithDist(PROMISED);
    const run = runStep(checkStep(repo.workflow), repo.dir, {}, PLAN);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("dist/ holds exactly the 5 promised files, and PyPI's upload rules pass for each");
  });
});
