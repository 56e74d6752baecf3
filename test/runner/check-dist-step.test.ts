import { join } from 'path';
import { MaturinReleaseOptions, WheelPlatform } from '../../src/synth/options';
import { writeText, writeWheel } from '../helpers/fake-dist';
import { fixtureRepo } from '../helpers/fixture-repo';
import { runStep } from '../helpers/runner';

const OPTIONS: Partial<MaturinReleaseOptions> = { platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.WINDOWS_X64], pythonVersions: ['3.11', '3.12'] };
const checkStep = (workflow: any) => workflow.jobs['check-dist'].steps.find((s: any) => s.run);
const PLAN = { 'needs.plan.outputs.version': '1.0.0-rc.1' };

function repoWithDist(files: string[]) {
  const repo = fixtureRepo(OPTIONS, '1.0.0-rc.1');
  const dist = join(repo.dir, 'dist');
  for (const file of files) {
    if (file.endsWith('.whl')) writeWheel(dist, file, 'VALUE = 1\n');
    else writeText(dist, file, 'sdist');
  }
  return repo;
}

const PROMISED = [
  'dioxide-1.0.0rc1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
  'dioxide-1.0.0rc1-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
  'dioxide-1.0.0rc1-cp311-cp311-win_amd64.whl',
  'dioxide-1.0.0rc1-cp312-cp312-win_amd64.whl',
  'dioxide-1.0.0rc1.tar.gz',
];

describe('the wheel-set check step, run as a runner runs it', () => {
  test('the promised set passes and the summary lists each file with its sha256', () => {
    const repo = repoWithDist(PROMISED);
    const run = runStep(checkStep(repo.workflow), repo.dir, {}, PLAN);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.summary).toContain('## Distributions (5 of 5)');
    for (const file of PROMISED) expect(run.summary).toMatch(new RegExp(`${file.replace(/[.]/g, '\\.').replace(/_/g, '\\\\_')} \\| .* \\| \`[0-9a-f]{64}\` \\|`));
  });

  test('a missing platform fails the release, naming it', () => {
    const repo = repoWithDist(PROMISED.filter((f) => !f.includes('cp312-cp312-win')));
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
