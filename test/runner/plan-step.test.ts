import { createHash } from 'crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Project } from 'projen';
import { JobPermission } from 'projen/lib/github/workflows-model';
import { parse } from 'yaml';
import { MaturinRelease, WheelPlatform } from '../../src';
import { ReleaseNotes, ReleaseTrigger } from '../../src/synth/options';
import { fakeGitHub } from '../helpers/fake-gh';
import { CHANGELOG, fixtureRepo } from '../helpers/fixture-repo';
import { runStep, tagPush } from '../helpers/runner';

/** The plan job's run step, exactly as generated. */
const planStep = (workflow: any) => workflow.jobs.plan.steps.find((s: any) => s.id === 'plan');
const PUSH = { 'inputs.dry-run': '' };

describe('the plan step, run as a runner runs it', () => {
  test.each([
    ['v0.0.1-alpha', '0.0.1-alpha', '0.0.1a0', 'testpypi', 'true'],
    ['v0.1.0-beta.2', '0.1.0-beta.2', '0.1.0b2', 'testpypi', 'true'],
    ['v1.0.0-rc.1', '1.0.0-rc.1', '1.0.0rc1', 'testpypi', 'true'],
    ['v1.0.0', '1.0.0', '1.0.0', 'pypi', 'false'],
  ])('tag %s → version %s (%s) on %s, pre-release %s', (tag, version, pep440, channel, prerelease) => {
    const repo = fixtureRepo({}, version);
    const run = runStep(planStep(repo.workflow), repo.dir, tagPush(tag), PUSH);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.outputs).toEqual({ tag, version, pep440, channel, prerelease, publish: 'true' });
    expect(run.summary).toContain(`## Release ${tag}`);
  });

  test('a tag equal by PEP 440 matches: v0.0.2a1 against Cargo 0.0.2-alpha.1', () => {
    const repo = fixtureRepo({}, '0.0.2-alpha.1');
    repo.write('CHANGELOG.md', `${CHANGELOG}\n## [0.0.2a1]\n- x\n`);
    const run = runStep(planStep(repo.workflow), repo.dir, tagPush('v0.0.2a1'), PUSH);
    expect(run.status).toBe(0);
    expect(run.outputs.pep440).toBe('0.0.2a1');
  });

  test('the summary names the targets published without tests; a fully tested release says nothing of it', () => {
    const repo = fixtureRepo({ platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.LINUX_RISCV64], targets: { 'linux-riscv64': { test: false } } }, '1.0.0');
    const run = runStep(planStep(repo.workflow), repo.dir, tagPush('v1.0.0'), PUSH);
    expect(run.status).toBe(0);
    expect(run.summary).toContain('**Published untested:**\n- Linux riscv64: cp311, cp312, cp313 (targets\\["linux-riscv64"\\].test is false)');
    // A tested target's wheels that no test installs are listed too.
    const partly = fixtureRepo({ pythonVersions: ['3.9', '3.12', '3.14t'], platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.MUSLLINUX_X86_64] }, '1.0.0');
    expect(runStep(planStep(partly.workflow), partly.dir, tagPush('v1.0.0'), PUSH).summary).toContain(
      '**Published untested:**\n- musllinux x86\\_64: cp39, cp314-cp314t (its tests run in Docker\'s official \\`python\\` image, which has none of these Pythons for linux/amd64)');
    const tested = fixtureRepo({}, '1.0.0');
    expect(runStep(planStep(tested.workflow), tested.dir, tagPush('v1.0.0'), PUSH).summary).not.toContain('untested');
  });

  test('with TestPyPI off, a pre-release goes to PyPI', () => {
    const repo = fixtureRepo({ publishing: { testPypi: false } }, '1.0.0-rc.1');
    expect(runStep(planStep(repo.workflow), repo.dir, tagPush('v1.0.0-rc.1'), PUSH).outputs.channel).toBe('pypi');
  });

  test.each([
    ['release-1.0.0', /does not match the release tag pattern "v\*\.\*\.\*"/],
    ['v1.0', /does not match the release tag pattern/],
    ['v1.0.0-foo', /"1.0.0-foo" is not a PEP 440 version/],
    ['v1.0.1', /tag "v1.0.1" is version 1.0.1, but Cargo.toml says 1.0.0/],
  ])('tag %s stops the release with a message', (tag, message) => {
    const repo = fixtureRepo({}, '1.0.0');
    const run = runStep(planStep(repo.workflow), repo.dir, tagPush(tag), PUSH);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^::error::/);
    expect(run.stderr).toMatch(message);
    expect(run.outputs).toEqual({});
  });

  test.each([
    ['v1.0.0$(touch pwned)'],
    ['v1.0.0;touch pwned'],
    ['v1.0.0`touch pwned`'],
    [`v1.0.0-${'9'.repeat(300)}`],
  ])('hostile tag %j is rejected and never executed', (tag) => {
    const repo = fixtureRepo({}, '1.0.0');
    const run = runStep(planStep(repo.workflow), repo.dir, tagPush(tag), PUSH);
    expect(run.status).toBe(1);
    expect(existsSync(`${repo.dir}/pwned`)).toBe(false);
    expect(run.stderr.length).toBeLessThan(1000);
  });

  test('a missing CHANGELOG section stops the release, naming version and file', () => {
    const repo = fixtureRepo({}, '2.0.0');
    const run = runStep(planStep(repo.workflow), repo.dir, tagPush('v2.0.0'), PUSH);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('CHANGELOG.md has no section for version 2.0.0');
  });

  test('a branch push is not a release', () => {
    const repo = fixtureRepo();
    const run = runStep(planStep(repo.workflow), repo.dir, { GITHUB_EVENT_NAME: 'push', GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' }, PUSH);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('this push is to the branch "main"');
  });

  test('a manual dry run plans the current version and never publishes', () => {
    const repo = fixtureRepo({}, '1.0.0-rc.1');
    const dispatch = { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' };
    const run = runStep(planStep(repo.workflow), repo.dir, dispatch, { 'inputs.dry-run': 'true' });
    expect(run.status).toBe(0);
    expect(run.outputs).toEqual({ tag: 'v1.0.0-rc.1', version: '1.0.0-rc.1', pep440: '1.0.0rc1', channel: 'testpypi', prerelease: 'true', publish: 'false' });
    const unreachable = fixtureRepo({ versionSource: 'pyproject' as any }, '1.0.0', {
      'pyproject.toml': '[build-system]\nbuild-backend = "maturin"\n[project]\nname = "dioxide"\nversion = "1.0"\n',
    });
    const never = runStep(planStep(unreachable.workflow), unreachable.dir, dispatch, { 'inputs.dry-run': 'true' });
    expect(never.status).toBe(1);
    expect(never.stderr).toContain('would be tagged "v1.0", which does not match the release tag pattern "v*.*.*"');
    const real = runStep(planStep(repo.workflow), repo.dir, dispatch, { 'inputs.dry-run': 'false' });
    expect(real.status).toBe(1);
    expect(real.stderr).toContain('a manual run is always a dry run');
  });
});

describe('a release started by hand (releaseTrigger DISPATCH), run as a runner runs it', () => {
  const DISPATCH = { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main', GITHUB_REPOSITORY: 'octo/dioxide' };
  const inputs = (version: string, dryRun: boolean) => ({ 'inputs.dry-run': String(dryRun), 'inputs.version': version, 'github.token': 'ghs_x' });
  const setup = (cargoVersion = '1.0.0', tags: string[] = []) => {
    const repo = fixtureRepo({ releaseTrigger: ReleaseTrigger.DISPATCH }, cargoVersion);
    const github = fakeGitHub({ tags, tagCommits: Object.fromEntries(tags.map((t) => [t, 'a'.repeat(40)])) });
    const run = (version: string, dryRun: boolean, github2 = github) =>
      runStep(planStep(repo.workflow), repo.dir, DISPATCH, inputs(version, dryRun), { PATH: `${github2.bin}:${process.env.PATH}` });
    return { repo, github, run };
  };

  test('the version input releases that version: publish, with the tag it will create', () => {
    const { run, github } = setup('1.0.0-rc.1');
    const result = run('1.0.0-rc.1', false);
    expect(result.stderr).toBe('');
    expect(result.outputs).toEqual({ tag: 'v1.0.0-rc.1', version: '1.0.0-rc.1', pep440: '1.0.0rc1', channel: 'testpypi', prerelease: 'true', publish: 'true' });
    expect(result.summary).toContain('| tag | created on this commit after publishing |');
    // It asked GitHub whether the tag is taken.
    expect(github.calls()).toEqual([['api', '--method=GET', '--', 'repos/octo/dioxide/git/ref/tags/v1.0.0-rc.1']]);
    // The tag prefix may be typed too.
    expect(run('v1.0.0-rc.1', false).outputs.tag).toBe('v1.0.0-rc.1');
  });

  test('a dry run without a version rehearses the current one and asks GitHub nothing', () => {
    const { run, github } = setup('1.0.0');
    const result = run('', true);
    expect(result.status).toBe(0);
    expect(result.outputs).toMatchObject({ tag: 'v1.0.0', version: '1.0.0', publish: 'false' });
    expect(github.calls()).toEqual([]);
  });

  test.each([
    ['no version', '', [], 'a release needs the version to release: run the workflow again with version set to the one in Cargo.toml (1.0.0)'],
    ['another version than Cargo.toml', '1.0.1', [], 'the version to release is 1.0.1, but Cargo.toml says 1.0.0: bump the version source to 1.0.1 and commit it, or run the workflow with version 1.0.0'],
    ['a version whose tag exists', '1.0.0', ['v1.0.0'], `the tag v1.0.0 already exists (on commit ${'a'.repeat(40)}): version 1.0.0 was released already`],
    ['not a version', '1.0.0;touch pwned', [], '"1.0.0;touch pwned" is not a PEP 440 version'],
  ])('%s stops the release', (_, version, tags, message) => {
    const { run, repo } = setup('1.0.0', tags);
    const result = run(version, false);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.outputs).toEqual({});
    expect(existsSync(`${repo.dir}/pwned`)).toBe(false);
  });

  test('a tag push does not start it', () => {
    const { repo } = setup('1.0.0');
    const result = runStep(planStep(repo.workflow), repo.dir, tagPush('v1.0.0'), inputs('', false));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('this workflow releases from a manual run with the version to release');
  });
});

describe('the release notes source', () => {
  test('GitHub notes: no CHANGELOG section needed; the summary says where the notes come from', () => {
    const repo = fixtureRepo({ releaseNotes: ReleaseNotes.GITHUB }, '2.0.0');
    const run = runStep(planStep(repo.workflow), repo.dir, tagPush('v2.0.0'), PUSH);
    expect(run.stderr).toBe('');
    expect(run.summary).toContain('| release notes | generated by GitHub when the release is created, from the pull requests merged since the previous release |');
    // The negative control: the same tag in changelog mode stops (see "a missing CHANGELOG section" above).
    const strict = fixtureRepo({ releaseNotes: ReleaseNotes.GITHUB, requireChangelogSection: true }, '2.0.0');
    expect(runStep(planStep(strict.workflow), strict.dir, tagPush('v2.0.0'), PUSH).stderr).toContain('CHANGELOG.md has no section for version 2.0.0');
  });

  test('a notes file per version: its text, or a stop naming it', () => {
    const repo = fixtureRepo({ releaseNotes: ReleaseNotes.FILE, releaseNotesFile: 'docs/releases/{version}.md' }, '2.0.0');
    const missing = runStep(planStep(repo.workflow), repo.dir, tagPush('v2.0.0'), PUSH);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('docs/releases/2.0.0.md does not exist: the release notes of 2.0.0 come from it');
    repo.write('docs/releases/2.0.0.md', '\nTwo point oh.\r\n\r\n');
    const run = runStep(planStep(repo.workflow), repo.dir, tagPush('v2.0.0'), PUSH);
    expect(run.status).toBe(0);
    expect(run.summary).toContain('| release notes | docs/releases/2.0.0.md |');
    expect(run.summary).toContain('### Release notes\n\nTwo point oh.\n');
  });
});

describe('the plan step refuses generated files that do not belong together', () => {
  const WORKFLOW = '.github/workflows/release.yml';
  const TOOLS = '.github/maturin-release/release-tools.cjs';
  const CONFIG = '.github/maturin-release/config.json';
  const FIX = 'fix: run "npx projen" in the repository root and commit the result; then delete the tag and push it again on that commit (nothing was built or published)';
  const read = (repo: { dir: string }, file: string) => readFileSync(join(repo.dir, file), 'utf8');
  const plan = (repo: { dir: string; workflow: any }) => runStep(planStep(repo.workflow), repo.dir, tagPush('v1.0.0'), PUSH);

  test('untouched files pass: config.json records the sha256 of each file as written', () => {
    const repo = fixtureRepo();
    const record = JSON.parse(read(repo, CONFIG)).generatedFiles;
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(record.sha256[WORKFLOW]).toBe(sha(read(repo, WORKFLOW)));
    expect(record.sha256[TOOLS]).toBe(sha(read(repo, TOOLS)));
    expect(read(repo, WORKFLOW)).toMatch(/^# ~~ Generated by projen[^\n]*\n# Release pipeline generated by projen-maturin/);
    const run = plan(repo);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  test('a hand-edited release.yml stops the release with the fix', () => {
    const repo = fixtureRepo();
    repo.write(WORKFLOW, read(repo, WORKFLOW).replace('timeout-minutes: 45', 'timeout-minutes: 90'));
    const run = plan(repo);
    expect(run.status).toBe(1);
    expect(run.outputs).toEqual({});
    const message = run.stderr.replace(/^::error::/, '').replace(/%0A/g, '\n');
    expect(message).toMatch(new RegExp(`^The generated release files do not belong together:\n${WORKFLOW.replace(/\./g, '\\.')} is not the file projen-maturin \\S+ generated with ${CONFIG.replace(/\./g, '\\.')} \\(sha256 [0-9a-f]{64}, expected [0-9a-f]{64}\\): it was edited by hand, or comes from another "npx projen" run\n`));
    expect(message).toContain(FIX);
    expect(message).toContain('Changes to the workflow belong in .projenrc');
    expect(run.summary).toContain('## Release stopped');
    expect(run.summary).toContain('release.yml is not the file');
  });

  test('release tools from another projen-maturin version stop the release, naming both versions', () => {
    const repo = fixtureRepo();
    const version = JSON.parse(read(repo, CONFIG)).generatedFiles.projenMaturinVersion;
    const tools = read(repo, TOOLS);
    // The bundle carries the version it was built as (package.json, inlined).
    const other = tools.replace(`version: ${JSON.stringify(version)},`, 'version: "9.9.9",');
    expect(other).not.toBe(tools);
    repo.write(TOOLS, other);
    const run = plan(repo);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${TOOLS} is from projen-maturin 9.9.9, but ${CONFIG} was written by projen-maturin ${version}`);
    expect(run.stderr).toContain(`${TOOLS} is not the file projen-maturin ${version} generated with ${CONFIG}`);
    expect(run.stderr).toContain(FIX);
  });

  test('a config.json written by another version stops the release', () => {
    const repo = fixtureRepo();
    const config = JSON.parse(read(repo, CONFIG));
    config.generatedFiles.projenMaturinVersion = '0.0.1-other';
    repo.write(CONFIG, JSON.stringify(config, undefined, 2));
    const run = plan(repo);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/release-tools\.cjs is from projen-maturin \S+, but \.github\/maturin-release\/config\.json was written by projen-maturin 0\.0\.1-other/);
  });

  test('a hand-edited config.json stops the release; its layout alone does not', () => {
    const repo = fixtureRepo();
    const config = JSON.parse(read(repo, CONFIG));
    repo.write(CONFIG, JSON.stringify(config));
    expect(plan(repo).status).toBe(0);
    repo.write(CONFIG, JSON.stringify({ ...config, tagPattern: 'v*' }, undefined, 2));
    const run = plan(repo);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${CONFIG} is not the file projen-maturin`);
  });

  test('a config.json without the record (an older projen-maturin) stops the release', () => {
    const repo = fixtureRepo();
    const { generatedFiles: _, ...config } = JSON.parse(read(repo, CONFIG));
    repo.write(CONFIG, JSON.stringify(config, undefined, 2));
    const run = plan(repo);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${CONFIG} does not record which projen-maturin generated it and the files beside it`);
  });

  test('a checkout with CRLF line endings is the same file', () => {
    const repo = fixtureRepo();
    for (const file of [WORKFLOW, TOOLS]) repo.write(file, read(repo, file).replace(/\n/g, '\r\n'));
    expect(plan(repo).status).toBe(0);
  });

  test('a missing workflow is named', () => {
    const repo = fixtureRepo();
    rmSync(join(repo.dir, WORKFLOW));
    const run = plan(repo);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${WORKFLOW} is missing (or cannot be read), though ${CONFIG} was generated with it`);
  });

  test('changes made through projen (an added job, a patched step) belong together', () => {
    const dir = fixtureRepo().dir;
    const project = new Project({ name: 'dioxide', outdir: dir });
    const release = new MaturinRelease(project, { packageName: 'dioxide' });
    release.workflow.addJob('announce', {
      needs: ['github-release'],
      runsOn: ['ubuntu-24.04'],
      timeoutMinutes: 5,
      permissions: { contents: JobPermission.READ },
      steps: [{ name: 'Say', run: 'echo released' }],
    });
    project.tryFindObjectFile(WORKFLOW)!.addOverride('jobs.plan.timeout-minutes', 7);
    project.synth();
    const workflow = parse(readFileSync(join(dir, WORKFLOW), 'utf8'));
    expect(workflow.jobs.announce).toBeDefined();
    expect(workflow.jobs.plan['timeout-minutes']).toBe(7);
    const run = runStep(planStep(workflow), dir, tagPush('v1.0.0'), PUSH);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('the plan step refuses attestations GitHub cannot store, before anything is built', () => {
  const event = (repository: object) => {
    const file = join(mkdtempSync(join(tmpdir(), 'event-')), 'event.json');
    writeFileSync(file, JSON.stringify({ repository }));
    return file;
  };
  const owned = (type: string, visibility: string) => event({ full_name: 'octo/dioxide', visibility, owner: { type } });
  const plan = (options: object, env: Record<string, string>, tag = 'v1.0.0') => {
    const repo = fixtureRepo(options);
    return runStep(planStep(repo.workflow), repo.dir, { ...tagPush(tag), ...env }, PUSH);
  };

  test('a private repository owned by a user account stops the release with the fix', () => {
    const run = plan({}, { GITHUB_EVENT_PATH: owned('User', 'private'), GITHUB_SERVER_URL: 'https://github.com' });
    expect(run.status).toBe(1);
    expect(run.outputs).toEqual({});
    expect(run.stderr).toContain('publishing.attestations is on, but octo/dioxide is a private repository owned by a user account: ' +
      'GitHub stores build provenance attestations only for public repositories, and for private or internal ones on GitHub Enterprise Cloud');
    expect(run.stderr).toContain('fix: make the repository public, or set publishing.attestations to false in .projenrc');
    expect(run.summary).toContain('## Release stopped');
  });

  test('GitHub Enterprise Server stops the release', () => {
    const run = plan({}, { GITHUB_SERVER_URL: 'https://git.example.com' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('this run is on GitHub Enterprise Server (https://git.example.com), which does not support artifact attestations');
  });

  test.each([
    ['a public repository', {}, { GITHUB_EVENT_PATH: owned('User', 'public'), GITHUB_SERVER_URL: 'https://github.com' }, 'v1.0.0'],
    ['an organisation\'s private repository (it may be on Enterprise Cloud)', {}, { GITHUB_EVENT_PATH: owned('Organization', 'private') }, 'v1.0.0'],
    ['GitHub Enterprise Cloud with data residency', {}, { GITHUB_EVENT_PATH: owned('Organization', 'internal'), GITHUB_SERVER_URL: 'https://octo.ghe.com' }, 'v1.0.0'],
    ['attestations off', { publishing: { attestations: false } }, { GITHUB_EVENT_PATH: owned('User', 'private') }, 'v1.0.0'],
    ['an event file the runner did not write', {}, { GITHUB_EVENT_PATH: '/nonexistent/event.json' }, 'v1.0.0'],
  ])('%s passes', (_, options, env, tag) => {
    const run = plan(options, env, tag);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  test('a dry run publishes nothing, so it is not stopped', () => {
    const repo = fixtureRepo({}, '1.0.0');
    const dispatch = { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main', GITHUB_EVENT_PATH: owned('User', 'private') };
    const run = runStep(planStep(repo.workflow), repo.dir, dispatch, { 'inputs.dry-run': 'true' });
    expect(run.status).toBe(0);
    expect(run.outputs.publish).toBe('false');
  });
});

describe('several packages: each plan step reads its own settings file', () => {
  test('the drift check and the decision use the file the step names; editing the other package\'s file does not stop it', () => {
    const repo = fixtureRepo({}, '1.0.0', {
      'cli/Cargo.toml': '[package]\nname = "dioxide-cli"\nversion = "0.3.0"\n[[bin]]\nname = "dioxide"\npath = "main.rs"\n',
      'cli/pyproject.toml': '[build-system]\nrequires = ["maturin>=1.7,<2"]\nbuild-backend = "maturin"\n[project]\nname = "dioxide-cli"\ndynamic = ["version"]\n[tool.maturin]\nbindings = "bin"\n',
    });
    const project = new Project({ name: 'dioxide', outdir: repo.dir });
    new MaturinRelease(project, { packageName: 'dioxide' });
    const cli = new MaturinRelease(project, {
      packageName: 'dioxide-cli',
      packageDirectory: 'cli',
      workflowName: 'release-cli',
      tagPattern: 'cli-v*.*.*',
      releaseNotes: ReleaseNotes.GITHUB,
      publishing: { pypiEnvironment: 'pypi-cli', testPypiEnvironment: 'testpypi-cli' },
    });
    project.synth();
    const workflow = parse(readFileSync(join(repo.dir, cli.workflowPath), 'utf8'));
    const run = () => runStep(planStep(workflow), repo.dir, tagPush('cli-v0.3.0'), PUSH);
    expect(run().outputs).toMatchObject({ tag: 'cli-v0.3.0', version: '0.3.0', publish: 'true' });
    // The default package's settings are another file: changing it does not concern this release.
    writeFileSync(join(repo.dir, '.github/maturin-release/config.json'), '{}\n');
    expect(run().status).toBe(0);
    // Its own settings file is checked.
    const own = join(repo.dir, '.github/maturin-release/release-cli.config.json');
    writeFileSync(own, readFileSync(own, 'utf8').replace('"cli-v*.*.*"', '"cli-v*"'));
    const drifted = run();
    expect(drifted.status).toBe(1);
    expect(drifted.stderr).toContain('.github/maturin-release/release-cli.config.json is not the file projen-maturin');
  });
});
