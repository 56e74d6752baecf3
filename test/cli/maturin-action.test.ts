import { maturinActionRun } from '../../src/cli/maturin-action';
import { ProjenMaturinError } from '../../src/core/errors';

/** What PyO3/maturin-action v1.51.0 runs for a step's inputs (its innerMain and getRustTarget). */
describe('the maturin command line of a maturin-action step', () => {
  const build = { 'command': 'build', 'args': '--release --out dist --interpreter python3.11 python3.12', 'rust-toolchain': 'stable', 'maturin-version': 'v1.15.0', 'sccache': 'false' };

  test('Linux, manylinux auto: --target resolved from the alias, no --manylinux, in a container', () => {
    expect(maturinActionRun({ ...build, target: 'x86_64', manylinux: 'auto' }, 'linux')).toEqual({
      argv: ['build', '--target', 'x86_64-unknown-linux-gnu', '--release', '--out', 'dist', '--interpreter', 'python3.11', 'python3.12'],
      container: true,
      rustToolchain: 'stable',
      maturinVersion: 'v1.15.0',
      workingDirectory: undefined,
    });
  });

  test('Linux, a manylinux level: passed as --manylinux (prefix dropped); musllinux selects the musl target', () => {
    expect(maturinActionRun({ ...build, target: 'aarch64', manylinux: 'manylinux_2_28' }, 'linux').argv.slice(0, 5))
      .toEqual(['build', '--target', 'aarch64-unknown-linux-gnu', '--manylinux', '2_28']);
    expect(maturinActionRun({ ...build, target: 'x86_64', manylinux: 'musllinux_1_2' }, 'linux').argv.slice(0, 5))
      .toEqual(['build', '--target', 'x86_64-unknown-linux-musl', '--manylinux', 'musllinux_1_2']);
  });

  test('manylinux "off" builds on the runner itself; macOS and Windows never use a container', () => {
    expect(maturinActionRun({ ...build, target: 'x86_64', manylinux: 'off' }, 'linux')).toMatchObject({ container: false, argv: expect.arrayContaining(['--manylinux', 'off']) });
    expect(maturinActionRun({ ...build, target: 'aarch64' }, 'darwin')).toMatchObject({ container: false, argv: expect.arrayContaining(['--target', 'aarch64-apple-darwin']) });
    expect(maturinActionRun({ ...build, target: 'x64' }, 'win32').argv).toContain('x86_64-pc-windows-msvc');
  });

  test('args are split as the action splits them, quotes included; sdist gets no --target', () => {
    expect(maturinActionRun({ command: 'sdist', args: '--out "my dist"', target: 'x86_64' }, 'linux')).toEqual({ argv: ['sdist', '--out', 'my dist'], container: false, rustToolchain: undefined, maturinVersion: undefined, workingDirectory: undefined });
  });

  test('working-directory is where maturin runs (a package in a subdirectory), not an argument', () => {
    const run = maturinActionRun({ ...build, 'target': 'x86_64', 'manylinux': 'auto', 'working-directory': 'bindings/python' }, 'linux');
    expect(run.workingDirectory).toBe('bindings/python');
    expect(run.argv.join(' ')).not.toContain('bindings');
  });

  test('an input that would change the build in a way not modelled is refused, not ignored', () => {
    const run = () => maturinActionRun({ ...build, 'docker-options': '-e FOO=1' }, 'linux');
    expect(run).toThrow(ProjenMaturinError);
    expect(run).toThrow('sets "docker-options", which projen-maturin cannot reproduce locally');
  });

  test('before-script-linux is the script run before maturin on Linux, and nothing elsewhere (maturin-action\'s getBeforeScript)', () => {
    const inputs = { ...build, 'target': 'x86_64', 'before-script-linux': 'yum install -y openssl-devel' };
    expect(maturinActionRun(inputs, 'linux').beforeScript).toBe('yum install -y openssl-devel');
    expect(maturinActionRun(inputs, 'darwin').beforeScript).toBeUndefined();
  });
});
