import { execFileSync } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { WheelPlatform } from '../../src/synth/options';
import { writeText, writeWheel } from '../helpers/fake-dist';
import { fixtureRepo } from '../helpers/fixture-repo';
import { runStep } from '../helpers/runner';

/**
 * The test job's install-and-test step, run for real with pip in a fresh venv:
 * among decoys it must install exactly this release's wheel for this interpreter.
 */
describe('the test step installs exactly the right wheel', () => {
  const pythonTag = execFileSync('python3', ['-c', 'import sys; print(f"cp{sys.version_info[0]}{sys.version_info[1]}")'], { encoding: 'utf8' }).trim();
  const venv = mkdtempSync(join(tmpdir(), 'venv-'));
  beforeAll(() => execFileSync('python3', ['-m', 'venv', venv]));

  test(`installs the ${pythonTag} manylinux wheel of this version, not the sdist, an old version or another platform`, () => {
    const repo = fixtureRepo({
      platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.WINDOWS_X64],
      testRequirements: [],
      testCommand: 'python tests/check.py',
    }, '1.0.0-rc.1', {
      'tests/check.py': 'import dioxide\nassert dioxide.VALUE == 42, dioxide.VALUE\nprint("right wheel")\n',
      // A source tree at the root that would shadow the installed wheel if the tests ran in the checkout.
      'dioxide/__init__.py': 'VALUE = 0\n',
    });
    const dist = join(repo.dir, 'dist');
    writeWheel(dist, `dioxide-1.0.0rc1-${pythonTag}-${pythonTag}-manylinux_2_17_x86_64.manylinux2014_x86_64.whl`, 'VALUE = 42\n');
    writeWheel(dist, `dioxide-1.0.0rc1-${pythonTag}-${pythonTag}-win_amd64.whl`, 'VALUE = 1\n');
    writeWheel(dist, 'dioxide-1.0.0rc1-cp39-cp39-manylinux_2_17_x86_64.whl', 'VALUE = 2\n');
    writeWheel(dist, `dioxide-0.9.0-${pythonTag}-${pythonTag}-manylinux_2_17_x86_64.whl`, 'VALUE = 3\n');
    writeText(dist, 'dioxide-1.0.0rc1.tar.gz', 'not a real sdist: building it would fail');

    const step = repo.workflow.jobs['test-linux-x86_64'].steps.find((s: any) => s.run);
    const run = runStep(step, repo.dir, {}, { 'needs.plan.outputs.pep440': '1.0.0rc1' }, {
      PATH: `${join(venv, 'bin')}:${process.env.PATH}`,
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
    });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('right wheel');
  });
});
