import { chmodSync, mkdirSync, mkdtempSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { NOBODY, assertReachable, assetsForAnyUser, cliWith } from './cli';

/**
 * Tests that run the bundles as another user (uid 65534) work from a checkout that user
 * cannot enter (a fresh clone under a 0700 directory), and say so when a path is out of reach.
 */
describe('running the bundles as another user', () => {
  test('a directory under a 0700 parent: the message names the closed directory and the fix', () => {
    const closed = mkdtempSync(join(tmpdir(), 'closed-'));
    chmodSync(closed, 0o700);
    const inside = join(closed, 'repo');
    mkdirSync(inside, { mode: 0o755 });
    expect(() => assertReachable(inside, NOBODY)).toThrow(
      `uid 65534 cannot read ${inside}: ${closed} is closed to it (mode 700); make its parents world-readable (chmod o+x ${closed})`);
  });

  test('negative control: the same directory under a 0755 parent is reachable', () => {
    const open = mkdtempSync(join(tmpdir(), 'open-'));
    chmodSync(open, 0o755);
    const inside = join(open, 'repo');
    mkdirSync(inside, { mode: 0o755 });
    expect(() => assertReachable(inside, NOBODY)).not.toThrow();
  });

  test('the bundles are copied to a directory every user can enter, with the package.json the CLI reads its version from', () => {
    const assets = assetsForAnyUser();
    expect(statSync(assets).mode % 0o1000).toBe(0o755);
    expect(statSync(join(assets, 'cli.cjs')).isFile()).toBe(true);
    expect(statSync(join(assets, 'release-tools.cjs')).isFile()).toBe(true);
    expect(statSync(join(assets, '..', 'package.json')).isFile()).toBe(true);
  });

  test('uid 65534 (when the tests run as root) runs the CLI from the copy and reads its version', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'nobody-'));
    chmodSync(cwd, 0o755);
    const run = cliWith({ cwd, ...(process.getuid?.() === 0 ? NOBODY : {}) }, '--version');
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
