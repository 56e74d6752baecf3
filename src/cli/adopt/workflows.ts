import { spawnSync } from 'child_process';
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { LineCounter, parseDocument } from 'yaml';
import { runtimeArgs } from './wheel-set';

// string-argv is an ES module with a CommonJS build: the bundle and the tests load it with require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseArgsStringToArgv: stringArgv } = require('string-argv') as typeof import('string-argv', { with: { 'resolution-mode': 'import' } });

// @actions/expressions is ESM-only; this module runs only inside the esbuild bundle, which turns it into CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const expressions = require('@actions/expressions') as typeof import('@actions/expressions', { with: { 'resolution-mode': 'import' } });

export const WORKFLOW_DIR = '.github/workflows';

type Json = any;

/** One `maturin build` or `maturin publish` of one matrix cell, as the workflow runs it. */
export interface BuildSite {
  /** `file:line` of the step. */
  readonly where: string;
  readonly file: string;
  readonly job: string;
  /** `runs-on`, with the matrix substituted. */
  readonly runsOn: string;
  readonly os: 'linux' | 'darwin' | 'win32' | 'unknown';
  /** maturin's command line after `maturin`, the command first (args split as maturin-action splits them). */
  readonly argv: readonly string[];
  /** `file:line` of the arguments (the step's `args:` or its run line). */
  readonly argsWhere: string;
  /** maturin-action's `target` input (an alias or a Rust triple). */
  readonly target?: string;
  /** maturin-action's `manylinux` input. */
  readonly manylinux?: string;
  readonly container?: string;
  readonly dockerOptions?: string;
  readonly beforeScriptLinux?: string;
  readonly rustToolchain?: string;
  /** maturin-action's `maturin-version`; undefined when unpinned. */
  readonly maturinVersion?: string;
  readonly workingDirectory?: string;
  /** The step's environment with the job's and workflow's (values with expressions left out). */
  readonly env: Readonly<Record<string, string>>;
  /** Variables of the build whose value is an expression (known only in a run): not carried over. */
  readonly runtimeEnv: readonly string[];
  /** setup-python's versions in the same job, in order. */
  readonly setupPython: readonly string[];
  /** Ran through PyO3/maturin-action (else a `run:` line). */
  readonly action: boolean;
}

/** A step that uploads to an index. */
export interface PublishSite {
  readonly where: string;
  readonly file: string;
  readonly job: string;
  readonly tool: string;
  readonly index: 'pypi' | 'testpypi';
  /** The secret holding the token, when one is used. */
  readonly tokenSecret?: string;
  /** The job may request an OIDC token (trusted publishing). */
  readonly idToken: boolean;
  readonly environment?: string;
  /** `file:line` of the job's `environment:`. */
  readonly environmentWhere?: string;
}

/** A step that creates a GitHub Release. */
export interface ReleaseSite {
  readonly where: string;
  readonly attachFiles: boolean;
  readonly generateNotes: boolean;
  readonly bodyPath?: string;
}

/** What starts a workflow. */
export interface Triggers {
  readonly file: string;
  readonly tags: readonly string[];
  readonly tagsWhere?: string;
  readonly releasePublished: boolean;
  readonly dispatch: boolean;
  readonly where: string;
}

/** Everything adopt reads from the workflows. */
export interface WorkflowFacts {
  readonly files: readonly string[];
  readonly builds: BuildSite[];
  readonly sdists: string[];
  readonly publishes: PublishSite[];
  readonly releases: ReleaseSite[];
  readonly attestations: string[];
  readonly triggers: Triggers[];
  /** `file:line` and what, for maturin installs without a version. */
  readonly unpinnedMaturin: string[];
  /** Things read but not understood, `file:line: what`. */
  readonly notes: string[];
  /** Distributions built by something other than maturin (`poetry build`, `pyodide build`…), `file:line` and the command. */
  readonly otherBuilds: { readonly where: string; readonly file: string; readonly command: string }[];
  /** `file:line: tool` of wheel builds by other tools than maturin (cibuildwheel). */
  readonly otherBuilders: string[];
}

const isObject = (v: unknown): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);
const deepEqual = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The cells of a `strategy.matrix`, as GitHub expands it: the product of its
 * keys, minus `exclude` (entries match on the keys they name), then each
 * `include` entry added to every cell whose original values it does not
 * contradict, or appended as a cell of its own when it matches none.
 * Undefined when the matrix is an expression (e.g. `fromJSON(...)`).
 */
export function expandMatrix(matrix: unknown): Record<string, Json>[] | undefined {
  if (matrix === undefined) return [{}];
  if (!isObject(matrix)) return undefined;
  const keys = Object.keys(matrix).filter((k) => k !== 'include' && k !== 'exclude');
  let cells: Record<string, Json>[] = [{}];
  for (const key of keys) {
    const values = matrix[key];
    if (!Array.isArray(values)) return undefined;
    cells = cells.flatMap((cell) => values.map((value) => ({ ...cell, [key]: value })));
  }
  if (keys.length === 0) cells = [];
  const exclude = Array.isArray(matrix.exclude) ? matrix.exclude : [];
  cells = cells.filter((cell) => !exclude.some((e: Json) => isObject(e) && Object.entries(e).every(([k, v]) => deepEqual(cell[k], v))));
  const include = Array.isArray(matrix.include) ? matrix.include : [];
  const originals = cells.length;
  for (const entry of include) {
    if (!isObject(entry)) continue;
    let matched = false;
    for (let i = 0; i < originals; i++) {
      const cell = cells[i];
      if (Object.entries(entry).every(([k, v]) => !keys.includes(k) || deepEqual(cell[k], v))) {
        cells[i] = { ...cell, ...Object.fromEntries(Object.entries(entry).filter(([k]) => !keys.includes(k))) };
        matched = true;
      }
    }
    if (!matched) cells.push({ ...entry });
  }
  return cells;
}

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;

/**
 * An expression's value for a matrix cell and the variables the workflow and job set to plain
 * values (and, in a called workflow, its inputs), by GitHub's own expression engine; undefined
 * when it reads anything else (secrets, github, steps: unknown before a run).
 */
function evaluateForCell(source: string, cell: Record<string, Json>, env: Record<string, string> = {}, inputs?: Record<string, Json>):
string | undefined {
  // A variable set at run time (or by a step) is unknown, not empty.
  if ([...source.matchAll(/\benv\.([A-Za-z_][A-Za-z0-9_]*)/g)].some((m) => !(m[1] in env))) return undefined;
  try {
    const lexed = new expressions.Lexer(source.trim()).lex();
    const tree = new expressions.Parser(lexed.tokens, inputs ? ['matrix', 'env', 'inputs'] : ['matrix', 'env'], []).parse();
    const data = JSON.parse(JSON.stringify({ matrix: cell, env, ...(inputs ? { inputs } : {}) }), expressions.data.reviver);
    return new expressions.Evaluator(tree, data, new Map()).evaluate().coerceString();
  } catch {
    return undefined;
  }
}

/**
 * `value` with every `${{ … }}` that reads only `matrix` and `env` replaced by its value for the cell
 * (`${{ matrix.target }}`, `${{ matrix.interpreter || env.PY_ALL }}`), and those that read the
 * `inputs` of a called workflow; a whole-string `${{ matrix.platform }}` keeps its type. Other
 * expressions stay as written.
 */
export function substituteMatrix(value: Json, cell: Record<string, Json>, env: Record<string, string> = {}, inputs?: Record<string, Json>): Json {
  if (typeof value === 'string') {
    const path = /^\$\{\{\s*matrix((?:\.[A-Za-z0-9_-]+)+)\s*\}\}$/.exec(value)?.[1];
    if (path) {
      const found = path.slice(1).split('.').reduce((v: Json, k) => (isObject(v) ? v[k] : undefined), cell);
      return found === undefined ? '' : found;
    }
    return value.replace(EXPRESSION, (whole, source) => (/\b(matrix|env)\b/.test(source) || (inputs && /\binputs\b/.test(source))
      ? evaluateForCell(source, cell, env, inputs) ?? whole : whole));
  }
  if (Array.isArray(value)) return value.map((v) => substituteMatrix(v, cell, env, inputs));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteMatrix(v, cell, env, inputs)]));
  return value;
}

/** The operating system of a `runs-on` label. */
export function osOfRunner(runsOn: string): BuildSite['os'] {
  if (/ubuntu|linux/i.test(runsOn)) return 'linux';
  if (/macos|darwin|osx/i.test(runsOn)) return 'darwin';
  if (/windows|win/i.test(runsOn)) return 'win32';
  return 'unknown';
}

const normalPath = (path: string) => path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/[*?[].*$/, '').replace(/\/+$/, '');

/** Whether an upload of `path` takes the wheels of `build` (its `--out`, else target/wheels, in its working directory). */
function uploadsOutput(path: string, build: BuildSite): boolean {
  // Arguments computed in the run may name any output directory: such a build stays (its wheels named unknown).
  if (runtimeArgs(build.argv).whole.length > 0) return true;
  const i = build.argv.findIndex((a) => a === '--out' || a === '-o');
  const given = i >= 0 ? build.argv[i + 1] : build.argv.find((a) => /^(--out|-o)=/.test(a))?.replace(/^(--out|-o)=/, '');
  const out = given ?? 'target/wheels';
  const base = build.workingDirectory && !out.startsWith('/') ? normalPath(build.workingDirectory) : '';
  // Without --out the wheels go to the Cargo target directory, the workspace's: it may be any directory above
  // the working directory (lancedb builds in python/ and uploads target/wheels from the root).
  const bases = given === undefined && base !== '' ? base.split('/').map((_, n, parts) => parts.slice(0, parts.length - n).join('/')).concat('') : [base];
  const uploaded = normalPath(path);
  return bases.some((b) => {
    const dir = normalPath(b === '' ? out : `${b}/${out}`);
    return uploaded === '' || dir === uploaded || dir.startsWith(`${uploaded}/`) || uploaded.startsWith(`${dir}/`);
  });
}

/** Shell lines of a `run:` script, `\` continuations joined, each with its line offset. */
function shellLines(script: string): { text: string; offset: number }[] {
  const lines = script.split('\n');
  const joined: { text: string; offset: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let text = lines[i];
    while (/\\\s*$/.test(text) && i + 1 < lines.length) text = text.replace(/\\\s*$/, ' ') + lines[++i];
    joined.push({ text: text.trim(), offset: start });
  }
  return joined;
}

const SECRET = /\$\{\{\s*secrets\.([A-Za-z0-9_]+)\s*\}\}/;

/**
 * Arguments split as maturin-action and the shell split them, each expression still unknown
 * before a run (`${{ steps.args.outputs.args }}`) kept as one token without spaces or quotes.
 */
export function splitArgs(text: string): string[] {
  return stringArgv(text.replace(EXPRESSION, (_, inner: string) => `\${{${inner.replace(/[\s'"]+/g, '')}}}`));
}

/** Reads every workflow in `.github/workflows/` of the repository at `root`. */
export function readWorkflows(root: string): WorkflowFacts {
  let names: string[];
  try {
    names = readdirSync(join(root, WORKFLOW_DIR)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    names = [];
  }
  const facts: WorkflowFacts = {
    files: [],
    builds: [],
    sdists: [],
    publishes: [],
    releases: [],
    attestations: [],
    triggers: [],
    unpinnedMaturin: [],
    notes: [],
    otherBuilders: [],
    otherBuilds: [],
  };
  // A workflow run only by other workflows (`on: workflow_call`) is read where it is called, with its inputs.
  const called = new Set(names.flatMap((name) => localCalls(root, `${WORKFLOW_DIR}/${name}`)));
  for (const name of names) {
    const file = `${WORKFLOW_DIR}/${name}`;
    if (!called.has(file) || !onlyCalled(root, file)) readWorkflow(root, file, facts);
  }
  return facts;
}

/**
 * The workflow file a job's `uses:` calls in this repository: `./.github/workflows/x.yml`, or any
 * `.github/workflows/` path without `@ref` (GitHub takes a reference without `@ref` only from this repository),
 * or `owner/name/.github/workflows/x.yml@ref` when owner/name is this repository (`root`'s Cargo.toml,
 * pyproject.toml or git remote names it: outlines-core calls its own workflow so).
 */
export function localWorkflow(uses: string, root?: string): string | undefined {
  const own = /^([\w.-]+\/[\w.-]+)\/\.github\/workflows\/([^/@]+\.ya?ml)@[^/]+$/.exec(uses.trim());
  if (own && root !== undefined && namesRepository(root, own[1])) return `${WORKFLOW_DIR}/${own[2]}`;
  if (uses.includes('@')) return undefined;
  const m = /(?:^|\/)\.github\/workflows\/([^/]+\.ya?ml)$/.exec(uses.trim());
  return m ? `${WORKFLOW_DIR}/${m[1]}` : undefined;
}

/** Whether the repository at `root` is GitHub's `owner/name`, as its Cargo.toml, pyproject.toml or git remote says. */
function namesRepository(root: string, slug: string): boolean {
  const read = (name: string) => (existsSync(join(root, name)) ? readFileSync(join(root, name), 'utf8') : '');
  const remotes = spawnSync('git', ['remote', '-v'], { cwd: root, encoding: 'utf8' }).stdout ?? '';
  const text = [read('Cargo.toml'), read('pyproject.toml'), remotes].join('\n').toLowerCase();
  return [`github.com/${slug}`, `github.com:${slug}`].some((u) => new RegExp(`${u.toLowerCase().replace(/[.]/g, '\\.')}(\\.git)?(?![\\w.-])`).test(text));
}

function parseQuietly(root: string, file: string): Json {
  try {
    return parseDocument(readFileSync(join(root, file), 'utf8'), { uniqueKeys: false }).toJS({ maxAliasCount: 1000 });
  } catch {
    return undefined;
  }
}

/** The local workflows the jobs of `file` call. */
function localCalls(root: string, file: string): string[] {
  const workflow = parseQuietly(root, file);
  if (!isObject(workflow) || !isObject(workflow.jobs)) return [];
  return Object.values(workflow.jobs).flatMap((job: Json) => (isObject(job) && typeof job.uses === 'string' ? [localWorkflow(job.uses, root)].filter((f): f is string => f !== undefined) : []));
}

/** Whether `file` runs only when another workflow calls it. */
function onlyCalled(root: string, file: string): boolean {
  const workflow = parseQuietly(root, file);
  const on = isObject(workflow) ? workflow.on ?? workflow.true : undefined;
  const events = typeof on === 'string' ? [on] : Array.isArray(on) ? on : isObject(on) ? Object.keys(on) : [];
  return events.length > 0 && events.every((e: string) => e === 'workflow_call');
}

/** A workflow read where another calls it: the caller's file stands for it in the facts, its inputs are known. */
interface Call {
  readonly as: string;
  readonly inputs: Record<string, Json>;
  /** The calling job's `permissions:` (a called workflow's jobs get at most these). */
  readonly permissions: Json;
  readonly depth: number;
}

/** A YAML file of the repository with the line of each node, for `file:line` references. */
interface Source {
  readonly file: string;
  readonly value: Json;
  /** `file:line` of the node at `path`. */
  at(path: (string | number)[]): string;
  /** `file:line` of line `offset` of the `run:` script at `path`. */
  runLine(path: (string | number)[], offset: number): string;
}

function readSource(root: string, file: string, facts: WorkflowFacts): Source | undefined {
  const text = readFileSync(join(root, file), 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  if (doc.errors.length > 0) {
    facts.notes.push(`${file}: not valid YAML (${doc.errors[0].message.split('\n')[0]}); not read`);
    return undefined;
  }
  const range = (path: (string | number)[]) => (doc.getIn(path, true) as { range?: [number, number, number] } | undefined)?.range;
  return {
    file,
    value: doc.toJS({ maxAliasCount: 1000 }),
    at: (path) => {
      const offset = range(path)?.[0];
      return offset === undefined ? file : `${file}:${lineCounter.linePos(offset).line}`;
    },
    runLine: (path, offset) => {
      const start = range(path)?.[0];
      if (start === undefined) return file;
      // A block scalar (`run: |`) starts on the line after the key.
      const block = /^[|>]/.test(text.slice(start, start + 1));
      return `${file}:${lineCounter.linePos(start).line + offset + (block ? 1 : 0)}`;
    },
  };
}

/** `runner.os` in an `if:` condition as the value it has on a runner of `os` (prqlc's composite action picks its build so). */
function withRunnerOs(condition: string, os: BuildSite['os']): string {
  const name = { linux: 'Linux', darwin: 'macOS', win32: 'Windows', unknown: undefined }[os];
  return name === undefined ? condition : condition.replace(/\brunner\.os\b/g, `'${name}'`);
}

/** The steps of a local composite action (`uses: ./.github/actions/x`), its inputs substituted. */
function compositeSteps(root: string, uses: string, inputs: Record<string, Json>, facts: WorkflowFacts, os: BuildSite['os']):
{ source: Source; steps: Json[] } | undefined {
  const dir = uses.replace(/^\.\//, '').replace(/\/$/, '');
  const file = ['action.yml', 'action.yaml'].map((n) => `${dir}/${n}`).find((f) => existsSync(join(root, f)));
  if (!file) return undefined;
  const source = readSource(root, file, facts);
  const action = source?.value;
  if (!source || !isObject(action) || !isObject(action.runs) || action.runs.using !== 'composite' || !Array.isArray(action.runs.steps)) return undefined;
  const declared: Record<string, Json> = isObject(action.inputs) ? action.inputs : {};
  const values = Object.fromEntries(Object.entries(declared).map(([k, d]) => [k, inputs[k] ?? (isObject(d) ? d.default : undefined) ?? '']));
  const substitute = (v: Json): Json => (typeof v === 'string'
    ? v.replace(/\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\}/g, (whole, name) => (name in values ? String(values[name]) : whole))
    : Array.isArray(v) ? v.map(substitute) : isObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x)])) : v);
  // A step whose `if:` reads only the inputs and is false never runs (`if: inputs.manylinux != ''`).
  const skips = (step: Json) => (isObject(step) && typeof step.if === 'string'
    ? evaluateForCell(`!(${withRunnerOs(step.if.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1'), os)})`, {}, {}, values) : undefined);
  // Kept in place (null), so each step's index is still its line in the file; an `if:` decided here is not read again
  // (the calling workflow's own `inputs` are other values).
  return {
    source,
    steps: action.runs.steps.map((step: Json) => {
      const skip = skips(step);
      if (skip === 'true') return null;
      return substitute(skip === 'false' ? Object.fromEntries(Object.entries(step).filter(([k]) => k !== 'if')) : step);
    }),
  };
}

function readWorkflow(root: string, workflowPath: string, facts: WorkflowFacts, call?: Call): void {
  const source = readSource(root, workflowPath, facts);
  const workflow = source?.value;
  if (!source || !isObject(workflow) || !isObject(workflow.jobs)) return;
  if (!facts.files.includes(workflowPath)) (facts.files as string[]).push(workflowPath);
  // The builds and uploads of a called workflow belong to the workflow that calls it (its triggers, its release).
  const file = call?.as ?? workflowPath;
  const callInputs = call?.inputs;
  const at = source.at;
  // `on:` is read as the key "on" (YAML 1.2: not a boolean).
  const on = workflow.on ?? workflow.true;
  const events = typeof on === 'string' ? { [on]: null } : Array.isArray(on) ? Object.fromEntries(on.map((e: string) => [e, null])) : isObject(on) ? on : {};
  // `on: push` without filters runs for every tag too.
  const pushTags = isObject(events.push) ? events.push.tags : 'push' in events && !isObject(events.push) ? '*' : undefined;
  const release = events.release;
  if (!call) {
    facts.triggers.push({
      file,
      tags: Array.isArray(pushTags) ? pushTags.map(String) : typeof pushTags === 'string' ? [pushTags] : [],
      tagsWhere: pushTags === undefined ? undefined : at(['on', 'push', 'tags']),
      releasePublished: 'release' in events && (!isObject(release) || !Array.isArray(release.types) || release.types.some((t: string) => ['published', 'released', 'created'].includes(t))),
      dispatch: 'workflow_dispatch' in events,
      where: at(['on']),
    });
  }
  const workflowEnv = isObject(workflow.env) ? workflow.env : {};

  for (const [jobId, rawJob] of Object.entries(workflow.jobs as Record<string, Json>)) {
    if (!isObject(rawJob)) continue;
    // A job whose `if:` reads only the inputs of a called workflow and is false runs in no release.
    const jobIf = typeof rawJob.if === 'string' ? rawJob.if.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1') : undefined;
    if (callInputs && jobIf !== undefined && /\binputs\b/.test(jobIf) && !/\bmatrix\b/.test(jobIf) && evaluateForCell(`!(${jobIf})`, {}, {}, callInputs) === 'true') continue;
    if (typeof rawJob.uses === 'string') {
      const called = localWorkflow(rawJob.uses, root);
      const calledWorkflow = called && existsSync(join(root, called)) ? parseQuietly(root, called) : undefined;
      if (!called || !isObject(calledWorkflow) || (call?.depth ?? 0) >= 3) {
        facts.notes.push(`${at(['jobs', jobId])}: job "${jobId}" calls the reusable workflow ${rawJob.uses}, which adopt does not follow${called ? ' (not found in the repository)' : ''}`);
        continue;
      }
      // The called workflow's inputs: the job's `with:` (inputs of this workflow substituted), else their defaults.
      const callOn = calledWorkflow.on ?? calledWorkflow.true;
      const declared = isObject(callOn) && isObject(callOn.workflow_call) && isObject(callOn.workflow_call.inputs) ? callOn.workflow_call.inputs : {};
      const given = isObject(rawJob.with) ? substituteMatrix(rawJob.with, {}, {}, callInputs ?? {}) : {};
      const values = Object.fromEntries(Object.entries(declared).map(([k, d]) => [k, given[k] ?? (isObject(d) ? d.default : undefined) ?? '']));
      const permissions = rawJob.permissions ?? workflow.permissions ?? call?.permissions;
      readWorkflow(root, called, facts, { as: file, inputs: values, permissions, depth: (call?.depth ?? 0) + 1 });
      continue;
    }
    const cells = expandMatrix(callInputs ? substituteMatrix(rawJob.strategy?.matrix, {}, {}, callInputs) : rawJob.strategy?.matrix);
    if (cells === undefined) {
      // Only a job that builds or publishes with maturin (or a local action) is worth naming: test matrices are not.
      if (!/maturin|pypi-publish|twine|uv publish|"uses":"\.\//i.test(JSON.stringify(rawJob.steps ?? []))) continue;
      facts.notes.push(`${at(['jobs', jobId, 'strategy', 'matrix'])}: the matrix of job "${jobId}" is computed at run time (${JSON.stringify(rawJob.strategy?.matrix).slice(0, 60)}); its cells cannot be read`);
      continue;
    }
    const permissions = rawJob.permissions ?? workflow.permissions ?? call?.permissions;
    const idToken = permissions === 'write-all' || (isObject(permissions) && permissions['id-token'] === 'write');
    const seen = new Set<string>();
    // Publish and release steps are read once per job (the first cell): whether the job has any.
    const publishesBeforeJob = facts.publishes.length;
    const releasesBeforeJob = facts.releases.length;
    cells.forEach((cell) => {
      // The `env` context of the job's steps: the workflow's and the job's variables with plain values.
      const plain = (vars: Json) => Object.fromEntries(Object.entries(isObject(vars) ? vars : {}).map(([k, v]) => [k, String(v)]).filter(([, v]) => !v.includes('${{')));
      const envContext = { ...plain(workflowEnv), ...plain(substituteMatrix(rawJob.env, cell, plain(workflowEnv), callInputs)) };
      const job = substituteMatrix(rawJob, cell, envContext, callInputs) as Record<string, Json>;
      const runsOn = Array.isArray(job['runs-on']) ? job['runs-on'].join(',') : String(job['runs-on'] ?? '');
      const os = osOfRunner(runsOn);
      const jobEnv = { ...workflowEnv, ...(isObject(job.env) ? job.env : {}) };
      const environment = typeof job.environment === 'string' ? job.environment : isObject(job.environment) ? job.environment.name : undefined;
      const setupPython: string[] = [];
      const steps: Json[] = Array.isArray(job.steps) ? job.steps : [];
      // Steps that do not depend on the matrix are read once per job, not once per cell.
      const once = (key: string) => {
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      };
      const firstBuild = facts.builds.length;
      let uploads = 0;
      let skippedUploads = 0;
      const uploadPaths: string[] = [];
      const copiedWheels: string[] = [];
      const handle = (step: Json, src: Source, stepPath: (string | number)[]): void => {
        if (!isObject(step)) return;
        // A step whose `if:` reads only the matrix runs in some cells only (e.g. `matrix.target == 'x86_64'`).
        const condition = typeof step.if === 'string' ? withRunnerOs(step.if.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1'), os) : undefined;
        const known = condition !== undefined && (/\bmatrix\b/.test(condition) || /\brunner\.os\b/.test(String(step.if)) || (callInputs !== undefined && /\binputs\b/.test(condition)));
        // `if: ${{ … matrix … }}` was already evaluated with the job: false, "" (`${{ matrix.pypy }}` unset) or "false" skip.
        const evaluated = step.if === false || step.if === 0 || (typeof step.if === 'string' && ['', 'false', '0'].includes(step.if.trim()));
        const skipped = evaluated || (known && evaluateForCell(`!(${condition})`, cell, envContext, callInputs) === 'true');
        if (typeof step.uses === 'string' && /^actions\/upload-artifact@/i.test(step.uses)) {
          if (skipped) skippedUploads++;
          else uploads++;
          if (!skipped && isObject(step.with)) uploadPaths.push(...String(step.with.path ?? '').split('\n').map((p) => p.trim()).filter(Boolean));
        }
        if (skipped) return;
        const where = src.at(stepPath);
        const uses = typeof step.uses === 'string' ? step.uses : '';
        const inputs: Record<string, Json> = isObject(step.with) ? step.with : {};
        const env = Object.fromEntries(Object.entries({ ...jobEnv, ...(isObject(step.env) ? step.env : {}) })
          .map(([k, v]) => [k, String(v)]));
        // What a build carries over: its step's and job's own variables (the workflow's are for every job, not the build).
        const ownEnv = Object.entries({ ...(isObject(job.env) ? job.env : {}), ...(isObject(step.env) ? step.env : {}) })
          .map(([k, v]) => [k, String(v)]);
        const plainEnv = Object.fromEntries(ownEnv.filter(([, v]) => !v.includes('${{')));
        const runtimeEnv = ownEnv.filter(([, v]) => v.includes('${{')).map(([k]) => k);
        const action = uses.split('@')[0].toLowerCase();
        if (action === 'actions/setup-python') {
          const version = inputs['python-version'];
          if (version !== undefined) setupPython.push(...String(version).split(/\s+/).filter(Boolean));
        } else if (action === 'pyo3/maturin-action' || action === 'messense/maturin-action') {
          // messense/maturin-action is the action's former name (GitHub redirects it).
          const command = String(inputs.command ?? 'build');
          // maturin-action joins its split `args` with spaces into the command it runs, which splits them again: quotes group nothing.
          const argv = [command, ...splitArgs(splitArgs(String(inputs.args ?? '')).join(' '))];
          const version = inputs['maturin-version'];
          if ((version === undefined || version === 'latest') && once(`pin ${where}`)) {
            facts.unpinnedMaturin.push(`${where}: PyO3/maturin-action without maturin-version installs the newest maturin`);
          }
          // `maturin publish` builds and uploads the sdist too, unless told not to.
          if (command === 'sdist' || argv.includes('--sdist') || (command === 'publish' && !argv.includes('--no-sdist'))) {
            if (once(`sdist ${where}`)) facts.sdists.push(where);
          }
          if (command === 'build' || command === 'publish') {
            facts.builds.push({
              where,
              file,
              job: jobId,
              runsOn,
              os,
              argv,
              argsWhere: inputs.args === undefined ? where : src.at([...stepPath, 'with', 'args']),
              target: inputs.target === undefined || inputs.target === '' ? undefined : String(inputs.target),
              manylinux: inputs.manylinux === undefined || inputs.manylinux === '' ? undefined : String(inputs.manylinux),
              container: inputs.container === undefined ? undefined : String(inputs.container),
              dockerOptions: inputs['docker-options'] === undefined ? undefined : String(inputs['docker-options']),
              beforeScriptLinux: inputs['before-script-linux'] === undefined ? undefined : String(inputs['before-script-linux']),
              rustToolchain: inputs['rust-toolchain'] === undefined || inputs['rust-toolchain'] === '' || String(inputs['rust-toolchain']).includes('${{') ? undefined : String(inputs['rust-toolchain']),
              maturinVersion: version === undefined || version === 'latest' ? undefined : String(version),
              workingDirectory: inputs['working-directory'] === undefined ? undefined : String(inputs['working-directory']),
              env: plainEnv,
              runtimeEnv,
              setupPython: [...setupPython],
              action: true,
            });
          }
          if (command === 'publish' || command === 'upload') {
            const token = SECRET.exec(env.MATURIN_PYPI_TOKEN ?? String(inputs.token ?? ''))?.[1];
            const url = `${env.MATURIN_REPOSITORY_URL ?? ''} ${env.MATURIN_REPOSITORY ?? ''} ${inputs.args ?? ''}`;
            facts.publishes.push({ where, file, job: jobId, tool: `maturin ${command}`, index: /test\.?pypi/i.test(url) ? 'testpypi' : 'pypi', tokenSecret: token, idToken, environment, environmentWhere: environment ? at(['jobs', jobId, 'environment']) : undefined });
          }
        } else if (action === 'pypa/gh-action-pypi-publish') {
          if (once(`publish ${where}`)) {
            const token = SECRET.exec(String(inputs.password ?? ''))?.[1];
            facts.publishes.push({ where, file, job: jobId, tool: 'pypa/gh-action-pypi-publish', index: /test\.pypi/i.test(String(inputs['repository-url'] ?? inputs.repository_url ?? '')) ? 'testpypi' : 'pypi', tokenSecret: token, idToken, environment, environmentWhere: environment ? at(['jobs', jobId, 'environment']) : undefined });
          }
        } else if (action === 'softprops/action-gh-release' || action === 'ncipollo/release-action') {
          if (once(`release ${where}`)) {
            facts.releases.push({
              where,
              attachFiles: inputs.files !== undefined || inputs.artifacts !== undefined,
              generateNotes: String(inputs.generate_release_notes ?? inputs.generateReleaseNotes ?? '') === 'true',
              bodyPath: inputs.body_path === undefined && inputs.bodyFile === undefined ? undefined : String(inputs.body_path ?? inputs.bodyFile),
            });
          }
        } else if (uses.startsWith('./')) {
          const composite = compositeSteps(root, uses, inputs, facts, os);
          if (composite) composite.steps.forEach((inner, i) => inner && handle({ ...inner, env: { ...(isObject(step.env) ? step.env : {}), ...(isObject(inner.env) ? inner.env : {}) } }, composite.source, ['runs', 'steps', i]));
          else if (once(`composite ${where}`)) facts.notes.push(`${where}: the action ${uses} is not a composite action in the repository; adopt does not follow it`);
        } else if (action === 'pypa/cibuildwheel') {
          if (once(`other ${where}`)) facts.otherBuilders.push(`${where}: ${uses.split('@')[0]}`);
        } else if (action === 'actions/attest-build-provenance' || action === 'actions/attest') {
          if (once(`attest ${where}`)) facts.attestations.push(where);
        } else if (typeof step.run === 'string') {
          const runLine = (offset: number) => src.runLine([...stepPath, 'run'], offset);
          const container = typeof job.container === 'string' ? job.container : job.container?.image;
          const environmentWhere = environment ? at(['jobs', jobId, 'environment']) : undefined;
          const context = {
            copiedWheels,
            where,
            file,
            jobId,
            runsOn,
            os,
            env,
            plainEnv,
            runtimeEnv,
            setupPython,
            idToken,
            environment,
            container,
            environmentWhere,
            runLine,
          };
          readRunStep(step.run, context, facts, once);
        }
      };
      steps.forEach((step, index) => handle(step, source, ['jobs', jobId, 'steps', index]));
      // A cell that uploads nothing (its upload step's `if:` is false, e.g. `matrix.python.publish`) publishes nothing.
      if (uploads === 0 && skippedUploads > 0) facts.builds.splice(firstBuild);
      // A job whose wheels leave it by no step (no artifact upload, publish or GitHub Release) publishes nothing (a check build).
      const leaves = uploads > 0 || facts.publishes.length > publishesBeforeJob || facts.releases.length > releasesBeforeJob;
      if (!leaves) facts.builds.splice(firstBuild);
      // A build whose wheels no upload of its job takes (maturin build without --out, a PGO training build) publishes nothing.
      if (uploadPaths.length > 0) {
        const kept = facts.builds.slice(firstBuild)
          .filter((b) => uploadPaths.some((path) => uploadsOutput(path, b) || copiedWheels.some((d) => normalPath(d) === normalPath(path))));
        facts.builds.splice(firstBuild, facts.builds.length - firstBuild, ...kept);
      }
    });
  }
}

interface RunContext {
  /** Where the script copies built wheels to (upload paths may name these instead of maturin's output). */
  readonly copiedWheels: string[];
  readonly where: string;
  readonly file: string;
  readonly jobId: string;
  readonly runsOn: string;
  readonly os: BuildSite['os'];
  readonly env: Record<string, string>;
  readonly plainEnv: Record<string, string>;
  readonly runtimeEnv: string[];
  readonly setupPython: string[];
  readonly idToken: boolean;
  readonly environment?: string;
  readonly environmentWhere?: string;
  readonly container?: string;
  runLine(offset: number): string;
}

/**
 * The manylinux or musllinux level `--compatibility`/`--manylinux` give (each takes several values):
 * the one for the target's C library; `pypi` is a check, not a level.
 */
export function linuxCompatibility(argv: readonly string[], target: string | undefined): string | undefined {
  const levels: string[] = [];
  argv.forEach((arg, i) => {
    if (arg !== '--compatibility' && arg !== '--manylinux') {
      if (/^--(compatibility|manylinux)=/.test(arg)) levels.push(arg.slice(arg.indexOf('=') + 1));
      return;
    }
    for (let j = i + 1; j < argv.length && !argv[j].startsWith('-'); j++) levels.push(argv[j]);
  });
  const linux = levels.filter((l) => l !== 'pypi');
  const musl = /-musl/.test(target ?? '');
  return linux.find((l) => /^musllinux/.test(l) === musl) ?? linux[0];
}

/** maturin, uv, twine and gh commands of a `run:` script. */
function readRunStep(script: string, c: RunContext, facts: WorkflowFacts, once: (key: string) => boolean): void {
  // Shell variables the script sets to plain values (`export TARGET="x86_64-unknown-linux-gnu"`), for the lines after.
  const variables = new Map<string, string>();
  for (const { text: raw, offset } of shellLines(script)) {
    const where = c.runLine(offset);
    // `$VAR`, `${VAR}` and PowerShell's `$env:VAR`: the script's own variables, else the step's environment.
    const lookup = (name: string) => variables.get(name) ?? c.plainEnv[name];
    const text = raw.replace(/\$env:([A-Za-z_][A-Za-z0-9_]*)|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, a, b, d) => lookup(a ?? b ?? d) ?? whole);
    const assignment = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=("([^"$`]*)"|'([^']*)'|([^\s"'$`;&|]*))$/.exec(text);
    if (assignment) variables.set(assignment[1], assignment[3] ?? assignment[4] ?? assignment[5] ?? '');
    // Wheels copied out of maturin's output (`cp target/wheels/*.whl dist`) are uploaded from there.
    const copy = /^(?:cp|mv)\s+(?:-\S+\s+)*(\S*(?:\.whl|wheels)\S*)\s+(\S+)$/.exec(text);
    if (copy) c.copiedWheels.push(copy[2]);
    const wordsOf = (command: string) => {
      try {
        return splitArgs(command);
      } catch {
        return [];
      }
    };
    // The command of the line, or the one of its commands or pipeline stages that runs maturin
    // (pyxirr: `find . -name 'pyxirr*' | xargs -l maturin upload …`).
    const commands = text.split(/\s(?:;|&&|\|\||\|)\s/).map(wordsOf);
    const words = commands.find((w) => w.some((x, i) => /^maturin(\.exe|[@=]=?[\w.]+)?$/.test(x) && ['build', 'publish', 'upload', 'sdist'].includes(w[i + 1]))) ?? commands[0];
    // `maturin`, `maturin.exe`, and `uvx maturin@1.13.3` / `maturin==1.13.3` (a pinned tool run).
    const maturinAt = words.findIndex((w, i) => /^maturin(\.exe|[@=]=?[\w.]+)?$/.test(w) && ['build', 'publish', 'upload', 'sdist'].includes(words[i + 1]));
    if (/\b(pip|uv pip|pipx) install\b.*\bmaturin\b/.test(text) && !/maturin[=<>~!]=?\s*\d/.test(text) && once(`pin ${where}`)) {
      facts.unpinnedMaturin.push(`${where}: "${text.slice(0, 80)}" installs the newest maturin`);
    }
    if (maturinAt >= 0) {
      // `--target="${TARGET}"`: the shell drops the quotes around an option's value.
      const argv = words.slice(maturinAt + 1).map((w) => w.replace(/^(--?[\w-]+=)(["'])(.*)\2$/, '$1$3'));
      const command = argv[0];
      if (command === 'sdist' || argv.includes('--sdist') || (command === 'publish' && !argv.includes('--no-sdist'))) {
        if (once(`sdist ${where}`)) facts.sdists.push(where);
      }
      if (command === 'build' || command === 'publish') {
        const value = (flag: string) => {
          const i = argv.indexOf(flag);
          return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
        };
        facts.builds.push({
          where,
          file: c.file,
          job: c.jobId,
          runsOn: c.runsOn,
          os: c.os,
          argv,
          argsWhere: where,
          target: value('--target'),
          manylinux: linuxCompatibility(argv, value('--target')),
          container: c.container,
          env: c.plainEnv,
          runtimeEnv: c.runtimeEnv,
          setupPython: [...c.setupPython],
          action: false,
        });
      }
      if ((command === 'publish' || command === 'upload') && once(`publish ${where}`)) {
        const token = SECRET.exec(c.env.MATURIN_PYPI_TOKEN ?? c.env.MATURIN_PASSWORD ?? '')?.[1];
        const url = `${c.env.MATURIN_REPOSITORY_URL ?? ''} ${c.env.MATURIN_REPOSITORY ?? ''} ${text}`;
        facts.publishes.push({ where, file: c.file, job: c.jobId, tool: `maturin ${command}`, index: /test\.?pypi/i.test(url) ? 'testpypi' : 'pypi', tokenSecret: token, idToken: c.idToken, environment: c.environment, environmentWhere: c.environmentWhere });
      }
    } else if (/\bcargo run\b.*\s--\s+(build|publish)\b/.test(text) && once(`self ${where}`)) {
      // maturin building itself: the repository's own maturin, whose arguments adopt does not take for maturin's.
      facts.notes.push(`${where}: "${text.slice(0, 60)}…" builds with the repository's own binary (cargo run --): not read; its wheels are not in the existing wheel set`);
    } else if (/^(python3? -m |pipx run |uvx )?cibuildwheel\b/.test(text) && once(`other ${where}`)) {
      facts.otherBuilders.push(`${where}: cibuildwheel`);
    } else if (/^(poetry build|pyodide build|uv build|hatch build|pdm build|python3? -m build|pip3? wheel)\b/.test(text) && once(`other ${where}`)) {
      facts.otherBuilds.push({ where, file: c.file, command: text.split(/\s+/).slice(0, text.startsWith('python') ? 3 : 2).join(' ') });
    } else if (/\buv publish\b/.test(text) && once(`publish ${where}`)) {
      const token = SECRET.exec(c.env.UV_PUBLISH_TOKEN ?? c.env.UV_PUBLISH_PASSWORD ?? '')?.[1] ?? /--token\s+\S*secrets\.([A-Za-z0-9_]+)/.exec(text)?.[1];
      const url = `${c.env.UV_PUBLISH_URL ?? ''} ${text}`;
      facts.publishes.push({ where, file: c.file, job: c.jobId, tool: 'uv publish', index: /test\.?pypi/i.test(url) ? 'testpypi' : 'pypi', tokenSecret: token, idToken: c.idToken, environment: c.environment, environmentWhere: c.environmentWhere });
    } else if (/\btwine upload\b/.test(text) && once(`publish ${where}`)) {
      const token = SECRET.exec(c.env.TWINE_PASSWORD ?? '')?.[1];
      const url = `${c.env.TWINE_REPOSITORY_URL ?? ''} ${c.env.TWINE_REPOSITORY ?? ''} ${text}`;
      facts.publishes.push({ where, file: c.file, job: c.jobId, tool: 'twine upload', index: /test\.?pypi/i.test(url) ? 'testpypi' : 'pypi', tokenSecret: token, idToken: c.idToken, environment: c.environment, environmentWhere: c.environmentWhere });
    } else if (/\bgh release (create|upload)\b/.test(text) && once(`release ${where}`)) {
      facts.releases.push({ where, attachFiles: /\bgh release upload\b/.test(text) || /\bgh release create\b\s+\S+\s+[^-\s]/.test(text), generateNotes: /--generate-notes/.test(text), bodyPath: /--notes-file[\s=](\S+)/.exec(text)?.[1] });
    }
  }
}
