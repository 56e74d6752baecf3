import { execFileSync, spawnSync } from 'child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { basename, delimiter, dirname, join } from 'path';
import { performance } from 'perf_hooks';
import { parse } from 'yaml';
import { FakeRelease, fakeGitHub } from './fake-gh';
import { IndexChannel, PackageIndex } from './package-index';
import { runStep } from './runner';
import { FIXTURE_PYTHONS, Toolchain, buildEnv, interpreterDir, pipEnv } from './toolchain';
import { maturinActionRun } from '../../src/cli/maturin-action';
import { RELEASE_CONFIG_PATH } from '../../src/core/paths';

/**
 * Runs a generated release workflow's jobs on this machine, as GitHub's runner
 * would for a push of a tag: jobs in `needs` order, each in a fresh workspace;
 * `run:` steps with bash and their `env:` resolved from the run's contexts;
 * `uses:` steps through local stand-ins chosen by the action's repository.
 * Nothing here knows the job ids or step names of the emitter: the workflow's own
 * `if:` conditions of jobs and steps decide what runs, evaluated by GitHub's
 * expression engine with the run's real results (a failed step still lets the
 * job's failure-handling steps run, then the run stops); an action without a
 * stand-in, or an input a stand-in does not understand, stops the run as an
 * error of the test.
 */

export interface StepRecord {
  readonly job: string;
  readonly step: string;
  /** The action's repository, or "run". */
  readonly kind: string;
  readonly ok: boolean;
  readonly seconds: number;
  /** stdout and stderr (for a failed step, what says why). */
  readonly output: string;
  /** What a `run:` step wrote to the job summary. */
  readonly summary: string;
}

export interface LegResult {
  /** Every step that ran, in order. */
  readonly steps: StepRecord[];
  /** Jobs that ran, in order. */
  readonly jobs: string[];
  /** Jobs whose `if:` was false, or whose needs did not all succeed. */
  readonly skipped: string[];
  /** The step the run stopped at, if it stopped. */
  readonly failed?: StepRecord;
  /** Artifact name → its files. */
  readonly artifacts: Record<string, string[]>;
  /** Where artifacts are kept (name/file). */
  readonly artifactDir: string;
  /** Each call of the fake `gh` (test/helpers/gh-stand-in.cjs), as its arguments. */
  readonly gh: string[][];
  /** The GitHub Release of the tag, as the fake GitHub holds it at the end. */
  readonly release?: FakeRelease;
}

export interface LegOptions {
  /** A git repository with the release tag. */
  readonly repo: string;
  readonly tag: string;
  readonly toolchain: Toolchain;
  readonly index: PackageIndex;
  /** CPython versions the stand-in manylinux container has on PATH (leave one out to stand for an image without it). */
  readonly containerPythons?: readonly string[];
}

type Context = { github: Record<string, string>; inputs: Record<string, string>; needs: Record<string, unknown>; steps: Record<string, unknown> };

const EXPRESSION = /\$\{\{\s*(.*?)\s*\}\}/g;
const STATUS_FUNCTION = /\b(success|failure|cancelled|always)\s*\(/;

/** Whether an `if:` holds, by GitHub's expression engine (test/helpers/expression.mjs). */
function holds(condition: string, context: object, status: { success: boolean; failure: boolean }): boolean {
  const input = JSON.stringify({ expression: condition, context, status: { ...status, cancelled: false } });
  return execFileSync(process.execPath, [join(__dirname, 'expression.mjs'), input], { encoding: 'utf8' }) === 'true';
}
const PATH_EXPRESSION = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/;

/** `${{ a.b.c }}` from the contexts; `inputs.*` of a push is empty, as on GitHub. Anything else stops the test. */
function resolve(value: unknown, context: Context, where: string): string {
  return String(value).replace(EXPRESSION, (_, expr: string) => {
    if (!PATH_EXPRESSION.test(expr)) throw new Error(`the local runner cannot evaluate \${{ ${expr} }} (${where})`);
    const found = expr.split('.').reduce<any>((at, key) => (at === undefined || at === null ? undefined : at[key]), context);
    if (found === undefined) {
      if (expr.startsWith('inputs.')) return '';
      throw new Error(`the local runner has no value for \${{ ${expr} }} (${where})`);
    }
    return String(found);
  });
}

const resolveAll = (values: Record<string, unknown> | undefined, context: Context, where: string) =>
  Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, resolve(v, context, `${where} ${k}`)]));

/** Jobs in `needs` order, keeping the file's order among jobs that are ready together. */
function jobOrder(jobs: Record<string, any>): string[] {
  const ids = Object.keys(jobs);
  const needs = (id: string): string[] => (jobs[id].needs === undefined ? [] : [jobs[id].needs].flat());
  const order: string[] = [];
  while (order.length < ids.length) {
    const next = ids.find((id) => !order.includes(id) && needs(id).every((n) => order.includes(n)));
    if (!next) throw new Error(`the workflow's needs form a cycle or name a missing job: ${ids.filter((id) => !order.includes(id)).join(', ')}`);
    order.push(next);
  }
  return order;
}

/** Files a `path:` of upload-artifact or `subject-path:` names: a directory (`dist/`) or `dir/*.ext`. */
function matchFiles(workspace: string, pattern: string): string[] {
  const full = join(workspace, pattern);
  if (pattern.endsWith('/')) return existsSync(full) ? readdirSync(full).sort().map((f) => join(full, f)) : [];
  const dir = dirname(full);
  const name = basename(full);
  if (/[[\]{}?]/.test(name) || /\*/.test(dirname(pattern))) throw new Error(`the local runner does not match path patterns like "${pattern}"`);
  const regex = new RegExp(`^${name.split('*').map((part) => part.replace(/[.+^$()|\\]/g, '\\$&')).join('[^/]*')}$`);
  return existsSync(dir) ? readdirSync(dir).filter((f) => regex.test(f) && statSync(join(dir, f)).isFile()).sort().map((f) => join(dir, f)) : [];
}

function only(inputs: Record<string, string>, allowed: string[], action: string): void {
  const unknown = Object.keys(inputs).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw new Error(`the local stand-in for ${action} does not handle the inputs ${unknown.join(', ')}`);
}

interface JobState {
  readonly id: string;
  readonly workspace: string;
  /** setup-python stand-ins that put themselves on PATH. */
  readonly path: string[];
  readonly steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }>;
}

interface StepOutcome { ok: boolean; output: string; outputs?: Record<string, string>; summary?: string }

/** Runs the release workflow of `options.repo` for a push of `options.tag`, stopping at the first failed step. */
export function runReleaseLeg(options: LegOptions): LegResult {
  const { repo, tag, toolchain, index } = options;
  const config = JSON.parse(readFileSync(join(repo, RELEASE_CONFIG_PATH), 'utf8'));
  const workflow = parse(readFileSync(join(repo, config.workflowPath), 'utf8'));
  const leg = mkdtempSync(join(tmpdir(), 'release-leg-'));
  const artifactDir = join(leg, 'artifacts');
  mkdirSync(artifactDir);
  // GitHub: the tag is pushed, no release exists yet, immutable releases on.
  const gh = fakeGitHub({ tags: [tag] });
  const localMaturin = execFileSync(join(toolchain.maturinBin, 'maturin'), ['--version'], { encoding: 'utf8' }).trim();
  const github = { ref: `refs/tags/${tag}`, ref_name: tag, ref_type: 'tag', event_name: 'push', token: 'ghs_local_stand_in', workflow: String(workflow.name) };

  const results: Record<string, { result: string; outputs: Record<string, string> }> = {};
  const steps: StepRecord[] = [];
  const jobs: string[] = [];
  const skipped: string[] = [];

  const standIns: Record<string, (inputs: Record<string, string>, job: JobState) => StepOutcome> = {
    'actions/checkout': (inputs, job) => {
      only(inputs, ['persist-credentials'], 'actions/checkout');
      execFileSync('git', ['clone', '--quiet', '--branch', tag, repo, job.workspace], { stdio: 'pipe' });
      return { ok: true, output: `checked out ${tag}` };
    },
    'actions/setup-python': (inputs, job) => {
      only(inputs, ['python-version', 'architecture', 'update-environment'], 'actions/setup-python');
      const version = inputs['python-version'];
      const python = toolchain.pythons[version];
      if (!python) return { ok: false, output: `The version '${version}' with architecture 'x64' was not found for this operating system.` };
      if (inputs.architecture && inputs.architecture !== 'x64') throw new Error(`setup-python architecture ${inputs.architecture} on an x64 machine`);
      // A fresh venv: setup-python's interpreter has a clean site-packages, and the pyenv one must stay clean.
      const venv = mkdtempSync(join(tmpdir(), `python-${version}-`));
      execFileSync(python, ['-m', 'venv', venv], { stdio: 'pipe' });
      if (inputs['update-environment'] !== 'false') job.path.unshift(join(venv, 'bin'));
      return { ok: true, output: `Python ${version} at ${venv}`, outputs: { 'python-version': version, 'python-path': join(venv, 'bin', 'python') } };
    },
    'PyO3/maturin-action': (inputs, job) => {
      const run = maturinActionRun(inputs, 'linux');
      const wanted = run.maturinVersion && `maturin ${run.maturinVersion.replace(/^v/, '')}`;
      if (wanted && wanted !== localMaturin) {
        return { ok: false, output: `maturin-action would install ${wanted}, but the local stand-in is ${localMaturin}: install ${wanted} into PROJEN_MATURIN_TEST_VENV` };
      }
      // The manylinux container is this machine: its CPythons stand in for the image's /opt/python/*
      // (maturin then tags the wheels for this machine's glibc; see test/fixtures/README.md).
      const pythons = run.container ? [interpreterDir(toolchain, options.containerPythons ?? FIXTURE_PYTHONS)] : [];
      const result = spawnSync('maturin', run.argv, {
        cwd: job.workspace,
        encoding: 'utf8',
        env: {
          HOME: process.env.HOME,
          ...buildEnv(toolchain, pythons),
          CARGO_INCREMENTAL: '0',
          ...(run.rustToolchain ? { RUSTUP_TOOLCHAIN: run.rustToolchain } : {}),
        },
      });
      return { ok: result.status === 0, output: `$ maturin ${run.argv.join(' ')}\n${result.stdout}${result.stderr}` };
    },
    'actions/upload-artifact': (inputs, job) => {
      only(inputs, ['name', 'path', 'if-no-files-found', 'retention-days', 'overwrite'], 'actions/upload-artifact');
      const files = matchFiles(job.workspace, inputs.path);
      if (files.length === 0 && inputs['if-no-files-found'] === 'error') {
        return { ok: false, output: `No files were found with the provided path: ${inputs.path}. No artifacts will be uploaded.` };
      }
      const target = join(artifactDir, inputs.name);
      if (existsSync(target)) {
        if (inputs.overwrite !== 'true') return { ok: false, output: `an artifact named ${inputs.name} already exists` };
        rmSync(target, { recursive: true });
      }
      mkdirSync(target);
      for (const file of files) copyFileSync(file, join(target, basename(file)));
      return { ok: true, output: `uploaded ${inputs.name}: ${files.map((f) => basename(f)).join(', ')}` };
    },
    'actions/download-artifact': (inputs, job) => {
      only(inputs, ['name', 'pattern', 'path', 'merge-multiple'], 'actions/download-artifact');
      const into = join(job.workspace, inputs.path);
      const names = inputs.name
        ? [inputs.name]
        : readdirSync(artifactDir).filter((n) => new RegExp(`^${inputs.pattern.replace(/[.+^$()|\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(n));
      const missing = names.filter((n) => !existsSync(join(artifactDir, n)));
      if (names.length === 0 || missing.length > 0) return { ok: false, output: `Artifact not found: ${missing.join(', ') || inputs.pattern}` };
      for (const name of names) {
        // Several artifacts go to a folder each unless merge-multiple.
        const dest = inputs.name || inputs['merge-multiple'] === 'true' ? into : join(into, name);
        cpSync(join(artifactDir, name), dest, { recursive: true });
      }
      return { ok: true, output: `downloaded ${names.join(', ')} into ${inputs.path}` };
    },
    'actions/attest': (inputs, job) => {
      only(inputs, ['subject-path'], 'actions/attest');
      const files = matchFiles(job.workspace, inputs['subject-path']);
      return files.length > 0 ? { ok: true, output: `would attest ${files.length} files` } : { ok: false, output: `no files match ${inputs['subject-path']}` };
    },
    'pypa/gh-action-pypi-publish': (inputs, job) => {
      only(inputs, ['skip-existing', 'print-hash', 'repository-url', 'password', 'attestations', 'packages-dir'], 'pypa/gh-action-pypi-publish');
      const channel: IndexChannel = (inputs['repository-url'] ?? '').includes('test.pypi.org') ? 'testpypi' : 'pypi';
      const dir = join(job.workspace, inputs['packages-dir'] ?? 'dist');
      const added = index.upload(channel, readdirSync(dir).map((f) => join(dir, f)), inputs['skip-existing'] === 'true');
      return { ok: true, output: `uploaded to ${channel}: ${added.join(', ')}` };
    },
  };

  for (const id of jobOrder(workflow.jobs)) {
    const job = workflow.jobs[id];
    const needs: string[] = job.needs === undefined ? [] : [job.needs].flat();
    const needsContext = Object.fromEntries(needs.map((n) => [n, results[n]]));
    const needsSucceeded = needs.every((n) => results[n].result === 'success');
    // Without a status function GitHub adds success(): every needed job succeeded.
    const runs = (job.if !== undefined && STATUS_FUNCTION.test(String(job.if)) ? true : needsSucceeded)
      && (job.if === undefined || holds(String(job.if), { github, inputs: {}, needs: needsContext }, { success: needsSucceeded, failure: false }));
    if (!runs) {
      skipped.push(id);
      results[id] = { result: 'skipped', outputs: {} };
      continue;
    }
    jobs.push(id);
    const state: JobState = { id, workspace: mkdtempSync(join(tmpdir(), `job-${id}-`)), path: [], steps: {} };
    const context = (): Context => ({ github, inputs: {}, needs: needsContext, steps: state.steps });
    let failed: StepRecord | undefined;
    for (const step of job.steps ?? []) {
      const name = String(step.name ?? step.uses ?? step.run);
      const where = `job ${id}, step "${name}"`;
      // After a failed step only steps that ask for it (failure(), always()) run.
      const condition = step.if === undefined ? undefined : String(step.if);
      const stepRuns = (condition !== undefined && STATUS_FUNCTION.test(condition) ? true : !failed)
        && (condition === undefined || holds(condition, context(), { success: !failed, failure: !!failed }));
      if (!stepRuns) {
        if (step.id) state.steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
        continue;
      }
      const started = performance.now();
      let outcome: StepOutcome;
      let kind: string;
      if (step.uses) {
        kind = String(step.uses).split('@')[0];
        const standIn = standIns[kind];
        if (!standIn) throw new Error(`no local stand-in for ${kind} (${where})`);
        outcome = standIn(resolveAll(step.with, context(), where), state);
      } else {
        kind = 'run';
        const ctx = context();
        // `${{ }}` appear only in env: (a run: script never holds one; the security rules make sure).
        const table = Object.fromEntries(Object.values(step.env ?? {}).flatMap((v) => [...String(v).matchAll(EXPRESSION)])
          .map((m) => [m[1].trim(), resolve(m[0], ctx, where)]));
        const run = runStep(step, state.workspace, { GITHUB_EVENT_NAME: 'push', GITHUB_REF: github.ref, GITHUB_REF_NAME: tag, GITHUB_REF_TYPE: 'tag' }, table, {
          PATH: [...state.path, gh.bin, process.env.PATH ?? ''].join(delimiter),
          ...pipEnv(toolchain),
        });
        outcome = { ok: run.status === 0, output: `${run.stdout}${run.stderr}`, outputs: run.outputs, summary: run.summary };
      }
      const result = outcome.ok ? 'success' : 'failure';
      if (step.id) state.steps[step.id] = { outputs: outcome.outputs ?? {}, outcome: result, conclusion: result };
      const record: StepRecord = { job: id, step: name, kind, ok: outcome.ok, seconds: (performance.now() - started) / 1000, output: outcome.output, summary: outcome.summary ?? '' };
      steps.push(record);
      failed ??= outcome.ok ? undefined : record;
    }
    // A failed job fails the run: what would run after it (jobs with always()) is not this leg's concern.
    if (failed) return finish(failed);
    results[id] = { result: 'success', outputs: resolveAll(job.outputs, context(), `job ${id} outputs`) };
  }
  return finish();

  function finish(failed?: StepRecord): LegResult {
    const artifacts = Object.fromEntries(readdirSync(artifactDir).sort().map((n) => [n, readdirSync(join(artifactDir, n)).sort()]));
    return {
      steps,
      jobs,
      skipped,
      failed,
      artifacts,
      artifactDir,
      gh: gh.calls(),
      release: gh.state().releases.find((r) => r.tagName === tag),
    };
  }
}
