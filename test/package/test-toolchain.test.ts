import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, dirname, join } from 'path';
import { parse } from 'yaml';
import { DEFAULTS } from '../../src/synth/defaults';
import { checkWorkflowSecurity } from '../../src/synth/security/workflow-rules';
import { CRATES_IO, FIXTURE_PYTHONS } from '../helpers/toolchain';
import { checkActionInputs, validateWorkflows } from '../helpers/validators';

/**
 * The package's own workflows run the whole test suite on GitHub's ubuntu-latest, which has no
 * pyenv CPythons, no pyo3 0.17 package and no maturin: each job that runs the tests sets them up
 * first with actions/setup-python and .ci/toolchain.sh (the script .ci/run uses here).
 */
const ROOT = join(__dirname, '..', '..');
const WORKFLOWS = join(ROOT, '.github', 'workflows');
const texts: Record<string, string> = Object.fromEntries(readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml'))
  .map((f) => [f.replace(/\.yml$/, ''), readFileSync(join(WORKFLOWS, f), 'utf8')]));
const workflows: Record<string, any> = Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, parse(text)]));
const tasks = JSON.parse(readFileSync(join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;
const SCRIPT = 'bash .ci/toolchain.sh';

/** Whether projen task `name` runs the jest suite (spawns `test`, directly or through other tasks). */
function runsTests(name: string): boolean {
  return name === 'test' || (tasks[name]?.steps ?? []).some((step: any) => step.spawn && runsTests(step.spawn));
}

/** Indexes of a job's steps that run the test suite (`npx projen build`, `npx projen release`, …). */
const testSteps = (job: any): number[] => (job.steps ?? []).flatMap((step: any, i: number) => {
  const task = /^npx projen (\S+)$/.exec(String(step.run ?? '').trim())?.[1];
  return task && runsTests(task) ? [i] : [];
});

/** What a job lacks, before each step that runs the tests, of what requireToolchain() needs. */
function toolchainProblems(job: any): string[] {
  return testSteps(job).flatMap((i) => {
    const before: any[] = job.steps.slice(0, i);
    const at = `before "${job.steps[i].run}"`;
    const python = before.findIndex((step) => String(step.uses).startsWith('actions/setup-python@'));
    const versions = python < 0 ? [] : String(before[python].with?.['python-version'] ?? '').split('\n').map((v) => v.trim());
    const missing = FIXTURE_PYTHONS.filter((version) => !versions.includes(version));
    const script = before.findIndex((step) => String(step.run ?? '').trim() === SCRIPT);
    return [
      ...(missing.length ? [`${at}: actions/setup-python sets up no CPython ${missing.join(', ')}`] : []),
      ...(script < 0 ? [`${at}: ${SCRIPT} does not run`] : []),
      ...(script >= 0 && script < python ? [`${at}: ${SCRIPT} runs before actions/setup-python`] : []),
      ...(script >= 0 && before[script].env?.PROJEN_MATURIN_TEST_CARGO_REGISTRY !== CRATES_IO
        ? [`${at}: ${SCRIPT} runs without PROJEN_MATURIN_TEST_CARGO_REGISTRY=${CRATES_IO} (ubuntu-latest has no pyo3 0.17 package)`] : []),
    ];
  });
}

/** The jobs that run the test suite, as "workflow/job". */
const testJobs = Object.entries(workflows).flatMap(([name, workflow]) =>
  Object.entries<any>(workflow.jobs).filter(([, job]) => testSteps(job).length > 0).map(([id]) => `${name}/${id}`));
const jobOf = (at: string) => { const [name, id] = at.split('/'); return workflows[name].jobs[id]; };
/** Indexes of the toolchain steps of a job. */
const toolchainSteps = (job: any): number[] => job.steps.flatMap((step: any, i: number) =>
  String(step.uses).startsWith('actions/setup-python@') || String(step.run ?? '').trim() === SCRIPT ? [i] : []);

describe('the jobs that run the test suite set up the real-build toolchain first', () => {
  test('they are build.yml\'s build and release.yml\'s release (projen build and projen release run the tests; upgrade does not)', () => {
    expect(testJobs).toEqual(['build/build', 'release/release']);
  });

  test.each(testJobs)('%s: CPython 3.9 to 3.13, then the toolchain script with pyo3 from crates.io', (at) => {
    expect(toolchainProblems(jobOf(at))).toEqual([]);
  });

  test('negative controls: without the steps, with a CPython left out, or without crates.io, the check says what is missing', () => {
    const job = jobOf('release/release');
    const without = { ...job, steps: job.steps.filter((_: any, i: number) => !toolchainSteps(job).includes(i)) };
    expect(toolchainProblems(without)).toEqual([
      'before "npx projen release": actions/setup-python sets up no CPython 3.9, 3.10, 3.11, 3.12, 3.13',
      'before "npx projen release": bash .ci/toolchain.sh does not run',
    ]);
    const edited = (edit: (step: any) => any) =>
      ({ ...job, steps: job.steps.map((step: any, i: number) => toolchainSteps(job).includes(i) ? edit(step) : step) });
    expect(toolchainProblems(edited((step) => step.uses ? { ...step, with: { 'python-version': '3.9\n3.10\n3.11\n3.12' } } : step)))
      .toEqual(['before "npx projen release": actions/setup-python sets up no CPython 3.13']);
    expect(toolchainProblems(edited((step) => step.run ? { ...step, env: undefined } : step)))
      .toEqual(['before "npx projen release": bash .ci/toolchain.sh runs without PROJEN_MATURIN_TEST_CARGO_REGISTRY=crates.io (ubuntu-latest has no pyo3 0.17 package)']);
  });
});

describe('the toolchain steps pass the checks the generated workflows pass', () => {
  const where = (at: string) => toolchainSteps(jobOf(at)).map((i) => `jobs.${at.split('/')[1]}.steps[${i}]`);
  // release.yml under the rules of a release workflow, build.yml under those of CI.
  const report = validateWorkflows({ build: texts.build, release: texts.release }, { build: 'sha', release: 'sha' }, ['build']);

  test('GitHub\'s workflow parser and actionlint: nothing in either workflow', () => {
    expect({ parser: report.parser, actionlint: report.actionlint })
      .toEqual({ parser: { build: [], release: [] }, actionlint: { build: [], release: [] } });
  });

  test.each(testJobs)('%s: shellcheck, our security rules (SHA pinning) and setup-python\'s action.yml find nothing in them', (at) => {
    const [name] = at.split('/');
    const mine = where(at);
    expect(mine).toHaveLength(2);
    const inSteps = (findings: any[]) => findings.filter((f) => mine.some((w) => String(f.where ?? f).startsWith(w)));
    expect(inSteps(report.shellcheck[name])).toEqual([]);
    expect(inSteps(report.security[name])).toEqual([]);
    expect(inSteps(checkActionInputs(workflows[name]))).toEqual([]);
  });

  test('negative controls: a tag-pinned setup-python, an input its action.yml lacks, and an unquoted variable are found there', () => {
    const job = jobOf('build/build');
    const [python, script] = toolchainSteps(job);
    const steps = [...job.steps];
    steps[python] = { ...steps[python], uses: 'actions/setup-python@v7.0.0', with: { 'python-versions': '3.9' } };
    steps[script] = { ...steps[script], run: 'bash .ci/toolchain.sh $GITHUB_WORKSPACE' };
    const broken = { ...workflows.build, jobs: { build: { ...job, steps } } };
    const at = (i: number) => `jobs.build.steps[${i}]`;
    expect(checkWorkflowSecurity(broken, JSON.stringify(broken), { pinning: 'sha', release: false }).filter((f: any) => f.where === at(python)))
      .toEqual([expect.objectContaining({ rule: 'pinned-action' })]);
    expect(checkActionInputs(broken)).toEqual(expect.arrayContaining([expect.stringContaining(`${at(python)} (actions/setup-python@v7.0.0): input "python-versions" is not in its action.yml`)]));
    const text = JSON.stringify(broken);
    expect(validateWorkflows({ build: text }, { build: 'sha' }, ['build']).shellcheck.build).toEqual(expect.arrayContaining([{ where: at(script), code: 'SC2086', message: expect.any(String) }]));
  });

  test('.ci/toolchain.sh itself: shellcheck finds nothing', () => {
    const run = spawnSync('shellcheck', ['-x', '--severity=style', '.ci/toolchain.sh'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  });
});

/**
 * .ci/toolchain.sh run as the workflow step runs it, on a machine laid out as ubuntu-latest after
 * actions/setup-python: no pyenv, each CPython's directory on PATH. Stand-ins for the CPythons, cargo
 * and a venv that already has maturin and pytest (pip itself is not what is checked here).
 */
describe('.ci/toolchain.sh on a runner without pyenv', () => {
  const work = mkdtempSync(join(tmpdir(), 'runner-'));
  const executable = (path: string, text: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `#!/bin/sh\n${text}\n`, { mode: 0o755 });
  };
  // setup-python's layout: /opt/hostedtoolcache/Python/3.X.Y/x64/bin/python3.X, the last version first on PATH.
  const toolcache = (versions: string[]) => versions.map((version) => {
    const bin = join(work, 'hostedtoolcache', `${version}.0`, 'x64', 'bin');
    executable(join(bin, `python${version}`), 'exit 0');
    return bin;
  }).reverse();
  const venv = join(work, 'venv');
  executable(join(venv, 'bin', 'maturin'), `echo "maturin ${DEFAULTS.maturinVersion}"`);
  executable(join(venv, 'bin', 'python'), '[ "$*" = "-m pytest --version" ]');
  executable(join(venv, 'bin', 'pytest'), 'exit 0');
  executable(join(work, 'cargo-bin', 'cargo'), 'exit 0');
  const noPyenv = join(work, 'no-pyenv');
  mkdirSync(noPyenv);

  function runScript(versions: string[]) {
    const githubEnv = mkdtempSync(join(work, 'github-env-'));
    const path = [...toolcache(versions), join(work, 'cargo-bin'), dirname(process.execPath), '/usr/bin', '/bin'].join(delimiter);
    const env = { PATH: path, HOME: work, PYENV_ROOT: noPyenv, GITHUB_ENV: join(githubEnv, 'env'), PROJEN_MATURIN_TEST_VENV: venv, PROJEN_MATURIN_TEST_CARGO_REGISTRY: CRATES_IO };
    const run = spawnSync('bash', [join(ROOT, '.ci', 'toolchain.sh')], { cwd: work, encoding: 'utf8', env });
    const exported = existsSync(env.GITHUB_ENV) ? readFileSync(env.GITHUB_ENV, 'utf8') : '';
    return { ...run, env, exported };
  }

  test('hands the venv and crates.io to the later steps, and requireToolchain() then finds everything', () => {
    const run = runScript(FIXTURE_PYTHONS);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.exported).toBe(`PROJEN_MATURIN_TEST_VENV=${venv}\nPROJEN_MATURIN_TEST_CARGO_REGISTRY=crates.io\n`);
    expect(run.stdout).toContain(`real builds: maturin ${DEFAULTS.maturinVersion}, crates from crates.io, ${join(work, 'hostedtoolcache', '3.9.0', 'x64', 'bin', 'python3.9')} `);

    // The test step's environment: the job's (PATH, no pyenv) plus what the script exported.
    const exported = Object.fromEntries(run.exported.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2)));
    const probe = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e',
      'const t = require("./test/helpers/toolchain").requireToolchain(); console.log(JSON.stringify({ pythons: t.pythons, registry: t.registry, config: require("fs").readFileSync(t.cargoHome + "/config.toml", "utf8") }))'],
    { cwd: ROOT, encoding: 'utf8', env: { ...run.env, ...exported, GITHUB_ENV: '', TS_NODE_COMPILER_OPTIONS: '{"module":"commonjs"}', PROJEN_MATURIN_TEST_BUILD_DIR: mkdtempSync(join(work, 'build-')) } });
    expect(probe.stderr).toBe('');
    expect(JSON.parse(probe.stdout)).toEqual({
      pythons: Object.fromEntries(FIXTURE_PYTHONS.map((v) => [v, join(work, 'hostedtoolcache', `${v}.0`, 'x64', 'bin', `python${v}`)])),
      registry: 'crates.io',
      config: '',
    });
  });

  test('negative control: without CPython 3.10 it stops, names it, and exports nothing', () => {
    const run = runScript(FIXTURE_PYTHONS.filter((v) => v !== '3.10'));
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`error: CPython 3.10 is neither installed under ${noPyenv}/versions nor on PATH as python3.10 (the real-build tests use 3.9 to 3.13)\n`);
    expect(run.exported).toBe('');
  });
});
