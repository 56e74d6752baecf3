import { spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, dirname, join } from 'path';
import { performance } from 'perf_hooks';
import { Host, detectHost, findInterpreter, interpreterCandidates, interpreterFor } from './host';
import { maturinActionRun } from './maturin-action';
import { readWorkflow } from './workflow-simulation';
import { RuntimeConfig } from '../core/contract';
import { decideRelease, planOutputs } from '../core/decision';
import { ExpectedDistribution, checkDistributions } from '../core/distributions';
import { ProjenMaturinError } from '../core/errors';
import { parseReleaseVersion } from '../core/version';

/**
 * `rehearse [tag]`: this machine's part of a release, as the workflow's dry-run
 * dispatch runs it (or a push of `tag`), without publishing anything. Every
 * command comes from the generated workflow itself: the maturin-action inputs
 * of the build and sdist jobs for this platform, the test job's scripts and the
 * Python versions it sets up.
 */

type Job = { 'runs-on'?: unknown; 'needs'?: unknown; 'steps'?: Step[] };
type Step = { id?: string; name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown> };

const MATURIN_ACTION = 'PyO3/maturin-action';
const SETUP_PYTHON = 'actions/setup-python';
const actionOf = (step: Step) => (typeof step.uses === 'string' ? step.uses.split('@')[0] : undefined);
const needsOf = (job: Job): string[] => (job.needs === undefined ? [] : [job.needs].flat().map(String));
const maturinStep = (job: Job, command: string) => job.steps?.find((s) => actionOf(s) === MATURIN_ACTION && String(s.with?.command ?? 'build') === command);

/** Whether the interpreter `name` (`python3.12`, `python3.14t`, `pypy3.11`) builds an expected wheel, by the tags maturin gives it. */
function buildsWheel(name: string, e: ExpectedDistribution): boolean {
  const match = /^(python|pypy|graalpy)3\.(\d+)(t?)$/.exec(name);
  if (!match || e.kind !== 'wheel') return false;
  const nodot = `3${match[2]}`;
  if (match[1] === 'pypy') return e.pythonTag === `pp${nodot}`;
  if (match[1] === 'graalpy') return e.pythonTag === `graalpy${nodot}`;
  return e.pythonTag === `cp${nodot}` && (match[3] ? e.abiTag === `cp${nodot}t` : e.abiTag !== `cp${nodot}t`);
}

/** The jobs of the workflow this machine stands in for. */
interface HostJobs {
  readonly buildId: string;
  readonly build: Job;
  readonly sdist?: Step;
  /** Python version → the `run:` steps the test job runs with it. */
  readonly tests: { version: string; steps: Step[] }[];
  /** The test jobs, as the progress line names them ("job test-x does", "jobs test-x-3-11, test-x-3-12 do"). */
  readonly testId?: string;
}

/** Whether a build job builds wheels for this machine's platform. */
function buildsFor(job: Job, host: Host): boolean {
  const step = maturinStep(job, 'build');
  if (!step || !host.targets.includes(String(step.with?.target ?? ''))) return false;
  const manylinux = step.with?.manylinux === undefined ? undefined : String(step.with.manylinux);
  // Linux jobs always set the container's level; macOS and Windows jobs never do.
  if (host.os === 'linux') return manylinux !== undefined && manylinux.startsWith('musllinux') === (host.libc === 'musl');
  return manylinux === undefined && String(job['runs-on'] ?? '').startsWith(host.os === 'darwin' ? 'macos' : 'windows');
}

function findHostJobs(jobs: Record<string, Job>, host: Host): HostJobs {
  const entries = Object.entries(jobs);
  const builders = entries.filter(([, job]) => maturinStep(job, 'build'));
  const found = builders.find(([, job]) => buildsFor(job, host));
  if (!found) {
    throw new ProjenMaturinError(
      `the release workflow builds no wheels for this machine (${host.description}); its wheel jobs are ${builders.map(([id]) => id).join(', ') || '(none)'}`,
      'rehearse on a machine of one of those platforms, or dispatch the workflow on GitHub as a dry run',
    );
  }
  const [buildId, build] = found;
  const sdist = entries.map(([, job]) => maturinStep(job, 'sdist')).find(Boolean);
  // This platform's test jobs wait for its build and run where it ran (on Linux and Windows, one job per Python).
  const testJobs = entries.filter(([, job]) => needsOf(job).includes(buildId) && job['runs-on'] === build['runs-on'] && job.steps?.some((s) => actionOf(s) === SETUP_PYTHON));
  const tests: HostJobs['tests'] = [];
  for (const [, job] of testJobs) {
    for (const step of job.steps ?? []) {
      if (actionOf(step) === SETUP_PYTHON) tests.push({ version: String(step.with?.['python-version']), steps: [] });
      else if (step.run && tests.length > 0) tests[tests.length - 1].steps.push(step);
    }
  }
  const ids = testJobs.map(([id]) => id);
  return { buildId, build, sdist, tests, testId: ids.length === 0 ? undefined : ids.length === 1 ? `job ${ids[0]} does` : `jobs ${ids.join(', ')} do` };
}

/** The interpreters a build step names (`python3.12` in a container, setup-python outputs elsewhere), and its arguments without them. */
function interpretersOf(argv: string[]): { names: string[]; rest: string[] } {
  const names: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== '--interpreter' && argv[i] !== '-i') {
      rest.push(argv[i]);
      continue;
    }
    while (i + 1 < argv.length && !argv[i + 1].startsWith('-')) names.push(argv[++i]);
  }
  return { names, rest };
}

/** Removes `--flag value` from argv, returning the value. */
function take(argv: string[], flag: string): string | undefined {
  const at = argv.indexOf(flag);
  if (at < 0) return undefined;
  return argv.splice(at, 2)[1];
}

/** Progress, step by step, with timings. */
class Progress {
  private index = 0;
  private started = 0;
  private readonly begun = performance.now();
  constructor(private readonly out: { write(text: string): unknown }, private readonly total: number) {}

  step(title: string): void {
    this.index++;
    this.started = performance.now();
    this.out.write(`[${this.index}/${this.total}] ${title}\n`);
  }

  line(text: string): void {
    for (const l of text.split('\n')) this.out.write(`      ${l}\n`);
  }

  done(ok: boolean, what = ''): void {
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    this.out.write(`      ${ok ? 'ok' : 'FAILED'}${what ? `: ${what}` : ''} (${seconds} s)\n`);
  }

  elapsed(): string {
    return `${((performance.now() - this.begun) / 1000).toFixed(1)} s`;
  }
}

const tail = (text: string, lines = 25) => text.trimEnd().split('\n').slice(-lines).join('\n');

/** The files of the working tree a checkout would have (tracked and new, not ignored), copied to `dest`. */
function copyWorkingTree(root: string, dest: string): void {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) {
    throw new ProjenMaturinError('rehearse copies the repository with "git ls-files", which failed here', 'run it in the git repository of the project');
  }
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(root, file))) continue;
    mkdirSync(dirname(join(dest, file)), { recursive: true });
    copyFileSync(join(root, file), join(dest, file));
  }
}

function requireMaturin(): string {
  const version = spawnSync('maturin', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    throw new ProjenMaturinError(
      'maturin is not installed: rehearse builds with your own maturin, as the workflow builds with maturin-action\'s',
      'install it with "pipx install maturin" (or "uv tool install maturin", or "pip install maturin" in a virtual environment), then run rehearse again',
    );
  }
  return version.stdout.trim();
}

// What cargo prints when it cannot download crates (offline, no DNS, a proxy): a reason of this machine.
const CARGO_NETWORK = [
  /failed to (?:get|download|query replaced source registry|load source for dependency)\b/,
  /\bfailed to update registry\b/i,
  /could(?:n't| not) resolve host/i,
  /\bspurious network error\b/,
  /\battempting to make an HTTP request, but --offline was specified\b/,
  /\bfailed to fetch\b.*(?:index|crates)/i,
];

/** Why a wheel build failed, as far as its output tells: this machine's network, a before-script not run here, or the build itself. */
function buildFailure(output: string, jobId: string, skippedBeforeScript: boolean): string {
  if (CARGO_NETWORK.some((pattern) => pattern.test(output))) {
    return `cargo could not download the crates (no network here?); job ${jobId} downloads them on GitHub. ` +
      'Run rehearse again with network access, or run "cargo fetch" once while online.';
  }
  if (skippedBeforeScript) {
    return `the before-script-linux of job ${jobId} was not run here: run rehearse again with --with-before-script ` +
      '(it may install what the build needs), or look at the output above.';
  }
  return `the same build fails in job ${jobId}.`;
}

/** How to rehearse. */
export interface RehearseOptions {
  /** Run the build step's before-script-linux on this machine (it is skipped with a warning otherwise). */
  readonly withBeforeScript?: boolean;
}

/** Runs the rehearsal; returns the exit code (0: everything this machine can check passed). */
export function rehearse(
  config: RuntimeConfig, root: string, tag: string | undefined, out: { write(text: string): unknown }, options: RehearseOptions = {},
): number {
  const host = detectHost();
  if (!host) throw new ProjenMaturinError(`rehearse does not know this machine (${process.platform} ${process.arch})`, 'dispatch the workflow on GitHub as a dry run instead');
  const jobs = findHostJobs(readWorkflow(root, config.workflowPath).jobs, host);
  const maturin = requireMaturin();

  const work = mkdtempSync(join(tmpdir(), 'projen-maturin-rehearse-'));
  const dist = join(work, 'dist');
  const problems: string[] = [];
  const progress = new Progress(out, 4 + (jobs.sdist ? 1 : 0) + (jobs.tests.length > 0 ? 1 : 0));
  out.write(`Rehearsing ${tag ? `a push of ${tag}` : 'the dry run'} of ${config.packageName} on this machine (${host.description}), with ${maturin}\n`);

  // 1. The plan job's decision, exactly as the workflow makes it.
  progress.step('Plan: decide version, channel and pre-release');
  const decision = decideRelease(config, root, tag
    ? { event: 'push', refType: 'tag', refName: tag, dryRun: false }
    : { event: 'workflow_dispatch', refType: 'branch', refName: 'HEAD', dryRun: true });
  if (!decision.ok) {
    progress.line(decision.errors.map((e) => `error: ${e}`).join('\n'));
    progress.done(false);
    out.write(`\nThe plan job would stop this release: nothing was built (${progress.elapsed()}).\n`);
    return 1;
  }
  const version = parseReleaseVersion(decision.version);
  const where = decision.channel === 'testpypi' ? 'TestPyPI' : 'PyPI';
  progress.line(`${decision.tag ? `tag ${decision.tag}` : 'the repository\'s next tag (sharedTag)'}: version ${decision.version} (PEP 440 ${decision.pep440}), ${decision.prerelease ? 'a pre-release' : 'not a pre-release'}; a push of it publishes to ${where}`);
  progress.done(true);

  // 2. The wheels of this platform's build job, for the interpreters this machine has.
  progress.step(`Build wheels as job ${jobs.buildId} does`);
  const buildStep = maturinStep(jobs.build, 'build')!;
  const pythonOf = (id: string) => jobs.build.steps?.find((s) => s.id === id && actionOf(s) === SETUP_PYTHON)?.with?.['python-version'];
  // Elsewhere than Linux the interpreters are setup-python outputs: name them as a container would.
  const args = String(buildStep.with?.args ?? '').replace(/\$\{\{\s*steps\.([\w-]+)\.outputs\.python-path\s*\}\}/g, (whole, id: string) => {
    const python = pythonOf(id);
    if (python === undefined) throw new Error(`the build step's ${whole} names no setup-python step of job ${jobs.buildId}`);
    return interpreterFor(String(python)) ?? `(setup-python ${python})`;
  });
  const run = maturinActionRun({ ...buildStep.with, args }, host.os);
  const { names, rest } = interpretersOf(run.argv);
  const found: string[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const path = findInterpreter(name);
    if (path) found.push(path);
    else missing.push(name);
    progress.line(path ? `${name}: ${path}` : `${name}: not found (looked for ${interpreterCandidates(name).places}); its wheels are not built here`);
  }
  if (names.length > 0 && found.length === 0) {
    progress.done(false);
    throw new ProjenMaturinError(`none of the interpreters job ${jobs.buildId} builds with (${names.join(', ')}) is on this machine`, `install one (e.g. with pyenv) or put ${names[0]} on PATH`);
  }
  take(rest, '--out');
  const level = take(rest, '--manylinux');
  if (run.container) {
    progress.line(`the workflow builds these in a ${level ? `manylinux ${level}` : 'manylinux'} container; here they are built on this machine, so their manylinux tag follows its C library`);
  }
  if (run.maturinVersion && `maturin ${run.maturinVersion.replace(/^v/, '')}` !== maturin) {
    progress.line(`the workflow builds with maturin ${run.maturinVersion.replace(/^v/, '')}; here: ${maturin}`);
  }
  const cwd = join(root, run.workingDirectory ?? '.');
  const skippedBeforeScript = run.beforeScript !== undefined && !options.withBeforeScript;
  if (run.beforeScript !== undefined) {
    if (skippedBeforeScript) {
      progress.line(`warning: the workflow runs this target's before-script-linux before maturin (${run.beforeScript.trim().split('\n').join('; ')}); ` +
        'not run here: add --with-before-script to run it on this machine');
    } else {
      progress.line('the workflow runs this target\'s before-script-linux before maturin; running it here, on this machine:');
      progress.line(run.beforeScript.trim().split('\n').map((l) => `$ ${l}`).join('\n'));
      // As maturin-action runs it: bash -c in the working directory.
      const before = spawnSync('bash', ['-c', run.beforeScript], { cwd, encoding: 'utf8' });
      if (before.status !== 0) {
        progress.line(tail(`${before.stdout}${before.stderr}`));
        progress.done(false);
        out.write(`\nThe before-script failed on this machine (${progress.elapsed()}): job ${jobs.buildId} runs it ${run.container ? 'in its manylinux container' : 'on its runner'}, which may have what it needs.\n`);
        return 1;
      }
    }
  }
  const buildArgv = [...rest, '--out', dist, ...(found.length > 0 ? ['--interpreter', ...found] : [])];
  progress.line(`$ maturin ${buildArgv.join(' ')}`);
  const built = spawnSync('maturin', buildArgv, { cwd, encoding: 'utf8' });
  if (built.status !== 0) {
    const output = `${built.stdout}${built.stderr}`;
    progress.line(tail(output));
    progress.done(false);
    out.write(`\nThe wheel build failed (${progress.elapsed()}): ${buildFailure(output, jobs.buildId, skippedBeforeScript)}\n`);
    return 1;
  }
  const wheels = existsSync(dist) ? readdirSync(dist).filter((f) => f.endsWith('.whl')).sort() : [];
  progress.done(true, wheels.join(', '));

  // 3. The sdist, as the sdist job builds it.
  if (jobs.sdist) {
    progress.step('Build the sdist as the workflow does');
    const sdistRun = maturinActionRun(jobs.sdist.with ?? {}, host.os);
    const sdistArgv = [...sdistRun.argv];
    take(sdistArgv, '--out');
    sdistArgv.push('--out', dist);
    progress.line(`$ maturin ${sdistArgv.join(' ')}`);
    const sdist = spawnSync('maturin', sdistArgv, { cwd: join(root, sdistRun.workingDirectory ?? '.'), encoding: 'utf8' });
    if (sdist.status !== 0) {
      progress.line(tail(`${sdist.stdout}${sdist.stderr}`));
      problems.push('the sdist build failed');
    }
    progress.done(sdist.status === 0, readdirSync(dist).filter((f) => f.endsWith('.tar.gz')).join(', '));
  }

  // 4. This machine's part of the promised wheel set: its platform, the interpreters found, the sdist.
  progress.step('Check this machine\'s part of the promised wheel set');
  const mine = (e: ExpectedDistribution) => e.kind === 'sdist' ? jobs.sdist !== undefined : new RegExp(e.platformTag ?? '^$').test(host.platformTag);
  const here = config.expectedDistributions.filter(mine);
  const notBuilt = (e: ExpectedDistribution) => missing.find((name) => buildsWheel(name, e));
  const expected = here.filter((e) => !notBuilt(e));
  for (const e of here.filter(notBuilt)) progress.line(`not checked here: ${e.description} (no local ${notBuilt(e)})`);
  const check = checkDistributions(readdirSync(dist), expected, config.packageName, version);
  for (const { expected: e, file } of check.matched) progress.line(`${file}: ${e.description}`);
  const setProblems = [...check.missing.map((e) => `missing: ${e.description}`), ...check.unexpected.map((f) => `unexpected: ${f}`)];
  for (const p of setProblems) progress.line(p);
  problems.push(...setProblems.map((p) => `wheel set: ${p}`));
  progress.done(setProblems.length === 0, `${check.matched.length} of ${expected.length} promised files`);

  // 5. The test job's scripts, each Python in a fresh venv, in a copy of the repository.
  if (jobs.tests.length > 0) {
    progress.step(`Test as ${jobs.testId}: install the wheel in a fresh venv and run the tests`);
    const checkout = join(work, 'checkout');
    copyWorkingTree(root, checkout);
    mkdirSync(join(checkout, 'dist'), { recursive: true });
    for (const file of readdirSync(dist)) copyFileSync(join(dist, file), join(checkout, 'dist', file));
    const outputs = planOutputs(decision);
    let passed = 0;
    for (const { version: setupVersion, steps } of jobs.tests) {
      const name = interpreterFor(setupVersion);
      const path = name && findInterpreter(name);
      if (!name || !path) {
        progress.line(name ? `${name}: not found (looked for ${interpreterCandidates(name).places}); not tested here` : `Python ${setupVersion}: rehearse does not look for this kind of interpreter; not tested here`);
        continue;
      }
      const venv = join(work, `venv-${name}`);
      const created = spawnSync(path, ['-m', 'venv', venv], { encoding: 'utf8' });
      if (created.status !== 0) {
        progress.line(`${name}: could not create a venv:\n${tail(created.stderr)}`);
        problems.push(`tests with ${name}: no venv`);
        continue;
      }
      for (const step of steps) {
        const env: NodeJS.ProcessEnv = { ...process.env, VIRTUAL_ENV: venv, PATH: `${join(venv, 'bin')}${delimiter}${process.env.PATH ?? ''}` };
        delete env.PYTHONHOME;
        for (const [key, value] of Object.entries(step.env ?? {})) {
          env[key] = String(value).replace(/\$\{\{\s*needs\.[\w-]+\.outputs\.([\w-]+)\s*\}\}/g, (whole, output: string) => {
            const resolved = (outputs as Record<string, string>)[output];
            if (resolved === undefined) throw new Error(`rehearse has no value for ${whole} in the test job's ${key}`);
            return resolved;
          });
        }
        const script = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', String(step.run)], { cwd: checkout, env, encoding: 'utf8' });
        const output = `${script.stdout}${script.stderr}`;
        if (script.status === 0) {
          passed++;
          // The test runner's closing line (pytest's "3 passed in 0.01s").
          progress.line(`${name}: ${tail(script.stdout, 1).replace(/^=+\s*|\s*=+$/g, '')}`);
        } else {
          progress.line(`${name}: FAILED\n${tail(output)}`);
          problems.push(`tests with ${name} failed`);
        }
      }
    }
    progress.done(problems.every((p) => !p.startsWith('tests')), `${passed} test runs passed`);
  }

  // 6. The notes the GitHub Release would get.
  progress.step(`Release notes (${config.changelogFile})`);
  progress.line(decision.notes.trimEnd().split('\n').map((l) => `| ${l}`).join('\n'));
  progress.done(true);

  if (problems.length > 0) {
    out.write(`\nRehearsal found ${problems.length} problem${problems.length === 1 ? '' : 's'} (${progress.elapsed()}; files in ${dist}):\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 1;
  }
  out.write(`\nRehearsal passed (${progress.elapsed()}): this machine's part of ${decision.tag || `${config.packageName} ${decision.version}`} builds, matches the promised wheel set and passes its tests. Files in ${dist}\n`);
  return 0;
}
