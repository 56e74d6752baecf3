import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { WheelPlatform } from '../../src';
import { cliWith, commitAll } from '../helpers/cli';
import { fixtureRepo } from '../helpers/fixture-repo';

/**
 * rehearse up to the wheel build, with a stand-in `maturin` (its `build` fails with
 * the text in $FAKE_BUILD_OUTPUT) and `python3.11` on PATH: what it says about a
 * before-script and about a build that fails for a reason of this machine. No real build.
 */
function standIns(): { bin: string; marker: string } {
  const bin = mkdtempSync(join(tmpdir(), 'rehearse-bin-'));
  const script = (name: string, text: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${text}`);
    chmodSync(join(bin, name), 0o755);
  };
  script('maturin', 'if [ "$1" = "--version" ]; then echo "maturin 1.15.0"; exit 0; fi\nprintf "%s\\n" "$FAKE_BUILD_OUTPUT" >&2\nexit 1\n');
  script('python3.11', 'echo 3.11\n');
  return { bin, marker: join(bin, 'before-script-ran') };
}

const LINUX = { platforms: [WheelPlatform.LINUX_X86_64], pythonVersions: ['3.11'] };

function rehearse(options: object, buildOutput: string, ...args: string[]) {
  const { bin, marker } = standIns();
  const repo = fixtureRepo({ ...LINUX, ...options }, '1.0.0');
  commitAll(repo.dir);
  const env = { PATH: `${bin}:${process.env.PATH}`, FAKE_BUILD_OUTPUT: buildOutput, MARKER: marker, PYENV_ROOT: join(bin, 'no-pyenv') };
  return { run: cliWith({ cwd: repo.dir, env }, 'rehearse', ...args), marker };
}

const BEFORE = { targets: { 'linux-x86_64': { beforeScriptLinux: 'echo ran > "$MARKER"' } } };
const CARGO_OFFLINE = 'error: failed to get `pyo3` as a dependency of package `dioxide v1.0.0`\n\nCaused by:\n  failed to query replaced source registry `crates-io`\n\n' +
  'Caused by:\n  download of config.json failed\n\nCaused by:\n  [6] Couldn\'t resolve host name (Could not resolve host: index.crates.io)';

describe('rehearse with beforeScriptLinux', () => {
  test('is not refused: without --with-before-script the script is skipped with a warning', () => {
    const { run, marker } = rehearse(BEFORE, 'error: could not compile `dioxide`');
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('      warning: the workflow runs this target\'s before-script-linux before maturin (echo ran > "$MARKER"); ' +
      'not run here: add --with-before-script to run it on this machine\n');
    expect(existsSync(marker)).toBe(false);
    // A failure after a skipped before-script may be the script's absence, not the build's fault.
    expect(run.stdout).toContain('The wheel build failed');
    expect(run.stdout).toContain('the before-script-linux of job build-linux-x86_64 was not run here: run rehearse again with --with-before-script');
    expect(run.stdout).not.toContain('the same build fails in job');
  });

  test('--with-before-script runs it on this machine first', () => {
    const { run, marker } = rehearse(BEFORE, 'error: could not compile `dioxide`', '--with-before-script');
    expect(run.stderr).toBe('');
    expect(readFileSync(marker, 'utf8')).toBe('ran\n');
    expect(run.stdout).toContain('      the workflow runs this target\'s before-script-linux before maturin; running it here, on this machine:\n      $ echo ran > "$MARKER"\n');
    expect(run.stdout).toContain('the same build fails in job build-linux-x86_64');
  });
});

describe('a build that fails for a reason of this machine', () => {
  test('cargo cannot reach crates.io: the message says so, not that the job fails', () => {
    const { run } = rehearse({}, CARGO_OFFLINE);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('\nThe wheel build failed (');
    expect(run.stdout).toContain('): cargo could not download the crates (no network here?); job build-linux-x86_64 downloads them on GitHub. ' +
      'Run rehearse again with network access, or run "cargo fetch" once while online.\n');
    expect(run.stdout).not.toContain('the same build fails in job');
  });

  test('(negative control) a compile error is the build\'s own: the job would fail the same way', () => {
    const { run } = rehearse({}, 'error[E0425]: cannot find value `x` in this scope');
    expect(run.stdout).toContain(': the same build fails in job build-linux-x86_64.\n');
  });
});
