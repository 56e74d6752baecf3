import { ReleaseTrigger, WheelPlatform } from '../../src/synth/options';
import { cli, commitAll } from '../helpers/cli';
import { CHANGELOG, fixtureRepo } from '../helpers/fixture-repo';

describe('npx projen-maturin preflight', () => {
  test.each([
    ['v0.0.1-alpha', '0.0.1-alpha', '0.0.1a0', 'testpypi', true],
    ['v0.1.0-beta.2', '0.1.0-beta.2', '0.1.0b2', 'testpypi', true],
    ['v1.0.0-rc.1', '1.0.0-rc.1', '1.0.0rc1', 'testpypi', true],
    ['v1.0.0', '1.0.0', '1.0.0', 'pypi', false],
  ])('--json for %s', (tag, version, pep440, channel, prerelease) => {
    const repo = fixtureRepo({}, version);
    const run = cli(repo.dir, 'preflight', tag, '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ tag, version, pep440, channel, prerelease, ok: true, errors: [] });
    const publishJob = `publish-${channel}`;
    const ran = report.jobs.release.filter((j: any) => j.runs).map((j: any) => j.id);
    expect(ran).toContain(publishJob);
    expect(ran).not.toContain(channel === 'pypi' ? 'publish-testpypi' : 'publish-pypi');
    expect(ran).toEqual(expect.arrayContaining(['plan', 'check-dist', 'verify', 'github-release']));
    expect(report.jobs.release.find((j: any) => j.id === publishJob).steps).toEqual([
      'Download the checked distributions', 'Attest build provenance', `Publish to ${channel === 'pypi' ? 'PyPI' : 'TestPyPI'}`,
    ]);
  });

  test('--json names the release run by the event that starts it: a tag push, or a manual run for a release started by hand', () => {
    const tagged = JSON.parse(cli(fixtureRepo({}, '1.0.0').dir, 'preflight', 'v1.0.0', '--json').stdout);
    expect(tagged.releaseEvent).toBe('push');
    expect(tagged.jobs.release.filter((j: any) => j.runs).map((j: any) => j.id)).toContain('publish-pypi');
    const repo = fixtureRepo({ releaseTrigger: ReleaseTrigger.DISPATCH }, '1.0.0');
    commitAll(repo.dir);
    const manual = JSON.parse(cli(repo.dir, 'preflight', '1.0.0', '--json').stdout);
    expect(manual.releaseEvent).toBe('workflow_dispatch');
    expect(Object.keys(manual.jobs)).toEqual(['release', 'dryRun']);
    expect(manual.jobs.release.filter((j: any) => j.runs).map((j: any) => j.id)).toEqual(expect.arrayContaining(['publish-pypi', 'tag', 'github-release']));
  });

  test('untested targets are named, with the reason', () => {
    const repo = fixtureRepo({ platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.LINUX_S390X], targets: { 'linux-s390x': { test: false } } }, '1.0.0');
    commitAll(repo.dir);
    const report = JSON.parse(cli(repo.dir, 'preflight', 'v1.0.0', '--json').stdout);
    expect(report.warnings).toEqual(['Linux s390x wheels cp311, cp312, cp313 are published without being tested (targets["linux-s390x"].test is false)']);
    expect(report.jobs.release.map((j: any) => j.id)).not.toContain('test-linux-s390x');
  });

  test('the dry run plans, builds and tests, and never publishes', () => {
    const repo = fixtureRepo({}, '1.0.0');
    const report = JSON.parse(cli(repo.dir, 'preflight', 'v1.0.0', '--json').stdout);
    const ran = report.jobs.dryRun.filter((j: any) => j.runs).map((j: any) => j.id);
    expect(ran[0]).toBe('plan');
    expect(ran).toContain('test-windows-x64-3-13');
    expect(ran.filter((id: string) => /^(publish-|verify|github-release)/.test(id))).toEqual([]);
  });

  test('text output shows version, channel, jobs and the notes', () => {
    const repo = fixtureRepo({}, '1.0.0-rc.1');
    const run = cli(repo.dir, 'preflight', 'v1.0.0-rc.1');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('  PEP 440      1.0.0rc1\n  channel      TestPyPI\n  pre-release  yes');
    expect(run.stdout).toMatch(/\n {4}runs {5}publish-testpypi +Publish to TestPyPI\n {6,}steps: Download the checked distributions → Attest build provenance → Publish to TestPyPI\n/);
    expect(run.stdout).toMatch(/\n {4}skipped {2}publish-pypi +Publish to PyPI\n/);
    // Every job of the workflow, in the workflow's order, under the push of the tag.
    const push = run.stdout.slice(run.stdout.indexOf('On a push of v1.0.0-rc.1'), run.stdout.indexOf('On a manual dry run'));
    const listed = [...push.matchAll(/^ {4}(?:runs|skipped) +([\w-]+) /gm)].map((m) => m[1]);
    expect(listed).toEqual(Object.keys(repo.workflow.jobs));
    expect(push).toContain(`  ${listed.length - 1} of ${listed.length} jobs run:`);
    expect(run.stdout).toContain('  | - Release candidate');
  });

  test('TestPyPI off: the pre-release goes to PyPI', () => {
    const repo = fixtureRepo({ publishing: { testPypi: false } }, '1.0.0-rc.1');
    const report = JSON.parse(cli(repo.dir, 'preflight', 'v1.0.0-rc.1', '--json').stdout);
    expect(report.channel).toBe('pypi');
    expect(report.jobs.release.find((j: any) => j.id === 'publish-pypi').runs).toBe(true);
  });

  test('a mismatched tag fails with the same message as the plan job, and runs nothing', () => {
    const repo = fixtureRepo({}, '1.0.0');
    const run = cli(repo.dir, 'preflight', 'v1.0.1', '--json');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual(expect.arrayContaining([expect.stringContaining('tag "v1.0.1" is version 1.0.1, but Cargo.toml says 1.0.0')]));
    expect(report.jobs.release).toEqual([]);
  });
});

describe('npx projen-maturin notes', () => {
  test('prints the CHANGELOG section of the tag', () => {
    const repo = fixtureRepo({}, '0.0.1-alpha');
    expect(cli(repo.dir, 'notes', 'v0.0.1-alpha').stdout).toBe('### Added\n- Initial alpha release\n');
  });
  test('a missing section names the version and the file', () => {
    const repo = fixtureRepo();
    repo.write('CHANGELOG.md', CHANGELOG.replace('## [1.0.0] - 2026-02-01', '## [0.9.9]'));
    const run = cli(repo.dir, 'notes', 'v1.0.0');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('CHANGELOG.md has no section for version 1.0.0');
  });
});


test('preflight warns when the working tree differs from what the tag will carry', () => {
  const repo = fixtureRepo({}, '1.0.0');
  commitAll(repo.dir);
  repo.write('CHANGELOG.md', `${CHANGELOG}\nedited\n`);
  const report = JSON.parse(cli(repo.dir, 'preflight', 'v1.0.0', '--json').stdout);
  expect(report.warnings).toEqual([expect.stringContaining('uncommitted changes (CHANGELOG.md): this preview reads the working tree')]);
});
