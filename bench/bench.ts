/**
 * Benchmark (a script, not a test): run with `npm run bench`. Every timing is a
 * ratio of medians of interleaved runs, so a busy machine slows both sides alike.
 *
 * (a) Synthesis time of a consumer project with MaturinRelease vs the same project
 *     without it, for a `.projenrc.ts` (ts-node, as `npx projen` runs it) and a
 *     plain `.projenrc.js` (node).
 * (b) Each CLI command vs `node -e 0`, and each `npx projen release:*` task vs a
 *     no-op projen task, in that consumer.
 * (c) The time and cost model's figures for reference configurations: the layout
 *     before this version (tests after check-dist, one test job per platform) and now.
 * (d) With BENCH_SUITE=1: the wall time of `npm test`, and of jest without the real builds.
 * (e) The real-build end-to-end test (test/e2e/linux-leg.test.ts) from a cold
 *     cargo target directory: wall and CPU time, and each case's time.
 * (f) `projen-maturin rehearse` against the same maturin build, sdist, venv and
 *     test script run by hand: medians of interleaved runs, as a ratio.
 */
import { execFileSync, spawnSync } from 'child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { cpus, loadavg, tmpdir } from 'os';
import { delimiter, join, resolve } from 'path';
import { Estimate, dollars } from '../src/core/estimate-report';
import { resolveConfig } from '../src/synth/config';
import { BuildStrategy, MaturinReleaseOptions, WheelPlatform } from '../src/synth/options';
import { DEFAULT_COST_ASSUMPTIONS, estimateRelease } from '../src/synth/plan/cost-model';
import { ReleaseJob, TestJob } from '../src/synth/plan/jobs';
import { ReleasePlan, buildReleasePlan } from '../src/synth/plan/release-plan';
import { RealFixtureName, realFixtureRepo } from '../test/helpers/real-fixture';
import { FIXTURE_PYTHONS, interpreterDir, maintainerEnv, requireToolchain } from '../test/helpers/toolchain';

const REPO = resolve(__dirname, '..');
/** The projen-maturin checkout the consumer projects use (BENCH_PACKAGE=/path/to/other/checkout measures another version). */
const PACKAGE = resolve(process.env.BENCH_PACKAGE ?? REPO);
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mark = (met: boolean) => (met ? 'MET' : 'MISSED');

type Flavour = 'ts' | 'js';

/** examples/dioxide in a temp dir, with or without the component, with projen-maturin linked in as installed. */
function consumer(withComponent: boolean, flavour: Flavour): string {
  const dir = mkdtempSync(join(tmpdir(), `bench-${flavour}-${withComponent ? 'with' : 'without'}-`));
  cpSync(join(REPO, 'examples', 'dioxide'), dir, { recursive: true });
  rmSync(join(dir, 'demo.sh'));
  let rc = readFileSync(join(dir, '.projenrc.ts'), 'utf8')
    // A task that does nothing, to compare the release tasks with.
    .replace('\nproject.synth();', "\nproject.addTask('bench:noop', { exec: 'true' });\nproject.synth();");
  // Something to release, for prepare.
  const changelog = join(dir, 'CHANGELOG.md');
  writeFileSync(changelog, readFileSync(changelog, 'utf8').replace('## [Unreleased]\n', '## [Unreleased]\n\n### Added\n- Faster tools\n'));
  if (!withComponent) rc = rc.replace(/\nnew MaturinRelease\([\s\S]*?\n\}\);\n/, '\n').replace("import { MaturinRelease, WheelPlatform } from 'projen-maturin';\n", '');
  if (flavour === 'js') {
    rmSync(join(dir, '.projenrc.ts'));
    rc = rc.replace(/^import \{ (.*) \} from '(.*)';$/gm, "const { $1 } = require('$2');");
  }
  writeFileSync(join(dir, flavour === 'ts' ? '.projenrc.ts' : '.projenrc.js'), rc);
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(PACKAGE, join(dir, 'node_modules', 'projen-maturin'));
  for (const dep of ['projen', 'constructs']) symlinkSync(join(REPO, 'node_modules', dep), join(dir, 'node_modules', dep));
  mkdirSync(join(dir, 'node_modules', '.bin'));
  symlinkSync(join(REPO, 'node_modules', 'projen', 'bin', 'projen'), join(dir, 'node_modules', '.bin', 'projen'));
  // What npm installs as the package's bin (a version of the package whose tasks run npx projen-maturin needs it).
  writeFileSync(join(dir, 'node_modules', '.bin', 'projen-maturin'), `#!/bin/sh\nexec node ${join(PACKAGE, 'assets', 'cli.cjs')} "$@"\n`, { mode: 0o755 });
  spawnSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

/** CPU time (user + system) of the last command `timeMs` ran, from GNU time. */
let lastCpuMs = NaN;
const TIME_FILE = join(mkdtempSync(join(tmpdir(), 'bench-time-')), 'cpu');

/** Wall time of a command in ms; its CPU time goes to `lastCpuMs` (less disturbed by other load on the machine). */
function timeMs(cmd: string, args: string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', TIME_FILE, cmd, ...args], { cwd, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}: ${run.stderr}`);
  const [user, sys] = readFileSync(TIME_FILE, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  lastCpuMs = (user + sys) * 1000;
  return wall;
}

const synthCommand = (flavour: Flavour): [string, string[]] => (flavour === 'ts'
  ? [join(REPO, 'node_modules', '.bin', 'ts-node'), ['--transpile-only', '--compiler-options', '{"module":"commonjs"}', '.projenrc.ts']]
  : [process.execPath, ['.projenrc.js']]);

/** Interleaved runs of named commands; the median wall time of each (and in `cpu`, the median CPU time). */
function compare(commands: Record<string, () => number>, runs = RUNS, cpu: Record<string, number> = {}): Record<string, number> {
  for (const run of Object.values(commands)) run(); // warm-up: disk cache, first-run writes
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  const cpuTimes: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, run] of Object.entries(commands)) {
      times[name].push(run());
      cpuTimes[name].push(lastCpuMs);
    }
  }
  for (const [k, v] of Object.entries(cpuTimes)) cpu[k] = median(v);
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

function synthBenchmark(): Record<Flavour, number> {
  console.log(`## (a) Synthesis time, ${RUNS} interleaved runs each (median)\n`);
  console.log('| .projenrc | without MaturinRelease | with MaturinRelease | ratio (wall) | target ≤ 1.10 | CPU without | CPU with | ratio (CPU) |\n| --- | --- | --- | --- | --- | --- | --- | --- |');
  const ratios = {} as Record<Flavour, number>;
  for (const flavour of ['js', 'ts'] as const) {
    const dirs = { without: consumer(false, flavour), with: consumer(true, flavour) };
    const [cmd, args] = synthCommand(flavour);
    const cpu: Record<string, number> = {};
    const m = compare({ without: () => timeMs(cmd, args, dirs.without), with: () => timeMs(cmd, args, dirs.with) }, RUNS, cpu);
    ratios[flavour] = m.with / m.without;
    console.log(`| ${flavour === 'ts' ? '.projenrc.ts (ts-node)' : '.projenrc.js (node)'} | ${m.without.toFixed(0)} ms | ${m.with.toFixed(0)} ms | ${ratios[flavour].toFixed(3)} | ${mark(ratios[flavour] <= 1.1)} ` +
      `| ${cpu.without.toFixed(0)} ms | ${cpu.with.toFixed(0)} ms | ${(cpu.with / cpu.without).toFixed(3)} |`);
  }
  console.log('');
  return ratios;
}

function cliBenchmark(): void {
  const dir = consumer(true, 'js');
  const [cmd, args] = synthCommand('js');
  timeMs(cmd, args, dir);
  const git = (...a: string[]) => execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@example.com', ...a], { cwd: dir, stdio: 'pipe' });
  git('add', '-A');
  git('commit', '-qm', 'bench');
  const cli = join(dir, 'node_modules', 'projen-maturin', 'assets', 'cli.cjs');
  const node = (...a: string[]) => () => timeMs(process.execPath, a, dir);
  const commands: Record<string, () => number> = {
    'node -e 0': node('-e', '0'),
    '--version': node(cli, '--version'),
    'plan': node(cli, 'plan'),
    'notes v0.0.1-alpha': node(cli, 'notes', 'v0.0.1-alpha'),
    'preflight v0.0.1-alpha': node(cli, 'preflight', 'v0.0.1-alpha'),
    'prepare 0.1.0 --dry-run': node(cli, 'prepare', '0.1.0', '--dry-run'),
  };
  const cpu: Record<string, number> = {};
  const m = compare(commands, RUNS, cpu);
  console.log(`## (b) Tools, ${RUNS} interleaved runs each (median)\n`);
  console.log('| CLI command (node assets/cli.cjs …) | median | ratio to node -e 0 | target ≤ 1.3 | CPU | CPU ratio |\n| --- | --- | --- | --- | --- | --- |');
  for (const [name, ms] of Object.entries(m)) {
    const ratio = ms / m['node -e 0'];
    console.log(`| ${name} | ${ms.toFixed(0)} ms | ${ratio.toFixed(2)} | ${name === 'node -e 0' ? '' : mark(ratio <= 1.3)} | ${cpu[name].toFixed(0)} ms | ${(cpu[name] / cpu['node -e 0']).toFixed(2)} |`);
  }
  const npx = (...a: string[]) => () => timeMs('npx', ['projen', ...a], dir);
  const taskCpu: Record<string, number> = {};
  const tasks = compare({
    'bench:noop': npx('bench:noop'),
    'release:plan': npx('release:plan'),
    'release:notes v0.0.1-alpha': npx('release:notes', 'v0.0.1-alpha'),
    'release:preflight v0.0.1-alpha': npx('release:preflight', 'v0.0.1-alpha'),
    'release:prepare 0.1.0 --dry-run': npx('release:prepare', '0.1.0', '--dry-run'),
  }, Math.max(5, Math.ceil(RUNS / 2)), taskCpu);
  console.log('\n| projen task (npx projen …) | median | ratio to a no-op task | target ≤ 1.2 | CPU | CPU ratio |\n| --- | --- | --- | --- | --- | --- |');
  for (const [name, ms] of Object.entries(tasks)) {
    const ratio = ms / tasks['bench:noop'];
    console.log(`| ${name} | ${ms.toFixed(0)} ms | ${ratio.toFixed(2)} | ${name === 'bench:noop' ? '' : mark(ratio <= 1.2)} | ${taskCpu[name].toFixed(0)} ms | ${(taskCpu[name] / taskCpu['bench:noop']).toFixed(2)} |`);
  }
  console.log('');
}

/**
 * The plan as the previous version laid it out: every test job waits for check-dist
 * (and so for every build), one test job per platform with its versions one after another.
 */
function previousLayout(plan: ReleasePlan): ReleasePlan {
  const jobs: ReleaseJob[] = [];
  const merged = new Map<string, TestJob>();
  for (const job of plan.jobs) {
    if (job.kind !== 'test') {
      jobs.push(job);
      continue;
    }
    const id = `test-${job.platform.id}`;
    const seen = merged.get(id);
    const test: TestJob = {
      ...job,
      id,
      needs: ['plan', 'check-dist'],
      concurrent: false,
      interpreters: job.target.testInterpreters,
      pythonVersions: job.target.testInterpreters.map((i) => i.spec),
    };
    if (!seen) {
      merged.set(id, test);
      jobs.push(test);
    }
  }
  const testIds = [...merged.keys()];
  return {
    ...plan,
    jobs: jobs.map((j) => (j.kind === 'publish' ? { ...j, needs: ['plan', 'check-dist', ...testIds] } : j)),
  };
}

function modelBenchmark(): void {
  const seed = [WheelPlatform.LINUX_X86_64, WheelPlatform.MACOS_ARM64, WheelPlatform.WINDOWS_X64];
  const all = Object.values(WheelPlatform).filter((p) => p !== WheelPlatform.MACOS_UNIVERSAL2);
  const configs: Record<string, Partial<MaturinReleaseOptions>> = {
    'seed 3×3 (Linux x86_64, macOS arm64, Windows x64 × Python 3.11-3.13)': { platforms: seed },
    'abi3 (same 3 platforms, one cp311-abi3 wheel each)': { platforms: seed, abi3: true },
    [`full platform set (${all.length} targets × Python 3.11-3.13, emulated tests included)`]: { platforms: all },
  };
  const row = (layout: string, e: Estimate) =>
    `| ${layout} | ${Object.values(e.jobsPerKind).reduce((x, y) => x + y, 0)} | ${e.criticalPathMinutes} min | ${e.runnerMinutes} | ${e.billedMinutes} | ${dollars(e.privateCostUsd)} |`;
  console.log('## (c) Time and cost model (default assumptions, private repository; a public one pays $0 on these standard runners)\n');
  for (const [name, options] of Object.entries(configs)) {
    console.log(`### ${name}\n`);
    console.log('| layout | jobs | wall time | runner-min | billed min | cost |\n| --- | --- | --- | --- | --- | --- |');
    const a = DEFAULT_COST_ASSUMPTIONS;
    const perPlatform = buildReleasePlan(resolveConfig({ packageName: 'dioxide', ...options }));
    const before = estimateRelease(previousLayout(perPlatform), a);
    const after = estimateRelease(perPlatform, a);
    console.log(row('before: tests after check-dist, one test job per platform', before));
    console.log(row('now: per platform (default)', after));
    const auto = buildReleasePlan(resolveConfig({ packageName: 'dioxide', ...options, buildStrategy: BuildStrategy.AUTO }));
    console.log(row('now: auto, default budget (no extra cost)', estimateRelease(auto, a)));
    const split = buildReleasePlan(resolveConfig({ packageName: 'dioxide', ...options, buildStrategy: BuildStrategy.PER_INTERPRETER }));
    console.log(row('now: per platform × Python', estimateRelease(split, a)));
    console.log('');
  }
}

/** The test files that compile fixture crates with maturin (real builds). */
const REAL_BUILD_TESTS = ['test/e2e/linux-leg.test.ts', 'test/cli/rehearse.test.ts'];

function suiteBenchmark(): void {
  if (process.env.BENCH_SUITE !== '1') {
    console.log('## (d) Test suite\n\nSkipped (set BENCH_SUITE=1 to time `npm test`).\n');
    return;
  }
  const env = { ...process.env, CI: 'true' };
  const all = timed('npm test', REPO, env);
  // The target is for the suite without the real builds, whose time is maturin's and cargo's.
  const fast = timed(`npx jest --ci --coverage=false --testPathIgnorePatterns ${REAL_BUILD_TESTS.join(' ')}`, REPO, env);
  const status = (run: { status: number | null }) => (run.status === 0 ? 'passed' : 'FAILED');
  console.log('## (d) Test suite\n');
  console.log(`\`npm test\` (bundle, jsii, all tests, eslint): ${all.wall.toFixed(0)} s (${status(all)})`);
  console.log(`jest without the real builds (${REAL_BUILD_TESTS.join(', ')}): ${fast.wall.toFixed(0)} s (${status(fast)}; target ≤ 180 s: ${mark(fast.wall <= 180)})\n`);
}

console.log(`# projen-maturin benchmark, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}${PACKAGE === REPO ? '' : `, package ${PACKAGE}`}\n`);
function timed(script: string, cwd: string, env: NodeJS.ProcessEnv): { wall: number; cpu: number; status: number | null; output: string } {
  const start = process.hrtime.bigint();
  // `times` prints the shell's children's CPU time last: "XmY.YYYs XmY.YYYs".
  const run = spawnSync('bash', ['-c', `${script}\nstatus=$?\ntimes >&3\nexit $status`], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const last = String(run.output[3]).trim().split('\n').pop() ?? '';
  const cpu = [...last.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
  return { wall, cpu, status: run.status, output: `${run.stdout}${run.stderr}` };
}

const load = () => loadavg().map((l) => l.toFixed(1)).join(', ');

function e2eBenchmark(): void {
  const report = join(mkdtempSync(join(tmpdir(), 'bench-e2e-')), 'jest.json');
  // A fresh build directory (made by the test run's global setup): pyo3 compiles from scratch.
  const env = { ...process.env };
  delete env.PROJEN_MATURIN_TEST_BUILD_DIR;
  const before = load();
  const run = timed(`npx jest test/e2e/linux-leg.test.ts --coverage=false --json --outputFile=${report}`, REPO, env);
  if (run.status !== 0) throw new Error(`the real-build e2e test failed:\n${run.output}`);
  const cases = JSON.parse(readFileSync(report, 'utf8')).testResults[0].assertionResults as { fullName: string; duration: number; status: string }[];
  console.log('## (e) The Linux x86_64 leg with real maturin builds (test/e2e/linux-leg.test.ts), cold cargo target directory\n');
  console.log(`wall ${run.wall.toFixed(1)} s, CPU (user + system, all processes) ${run.cpu.toFixed(1)} s; load average before: ${before}, after: ${load()}\n`);
  console.log('| case | time |\n| --- | --- |');
  for (const c of cases) console.log(`| ${c.fullName.replace(/^the Linux x86_64 leg of the generated release, run with real maturin builds /, '')} | ${(c.duration / 1000).toFixed(1)} s |`);
  console.log('');
}

interface Measured { wall: number; cpu: number }

/** rehearse and the same commands by hand, interleaved, on two copies of one fixture repository. */
function rehearseVsHand(fixture: RealFixtureName, options: Partial<MaturinReleaseOptions>, version: string, runs: number): Record<'rehearse' | 'hand', Measured[]> {
  const toolchain = requireToolchain();
  const env = maintainerEnv(toolchain);
  const rehearsed = realFixtureRepo(fixture, options).dir;
  const { dir: byHand, workflow } = realFixtureRepo(fixture, options);
  const cli = `${process.execPath} ${join(REPO, 'assets', 'cli.cjs')} rehearse`;

  // The warm-up rehearsal compiles the dependencies and says which maturin command line and Python it uses.
  const warm = timed(cli, rehearsed, env);
  if (warm.status !== 0) throw new Error(`rehearse failed:\n${warm.output}`);
  const maturinArgs = /^ {6}\$ maturin build (.*) --out \S+ (--interpreter .*)$/m.exec(warm.output)!;
  // The test job: its Python and the script it runs with it.
  const testJob = Object.values<any>(workflow.jobs).find((j) => j.steps.some((s: any) => s.run?.includes('--find-links dist')));
  const testScript = testJob.steps.find((s: any) => s.run?.includes('--find-links dist')).run as string;
  const testPython = String(testJob.steps.find((s: any) => s.uses?.startsWith('actions/setup-python')).with['python-version']);
  const python = join(interpreterDir(toolchain, FIXTURE_PYTHONS), `python${testPython}`);
  // By hand: the same maturin build and sdist into dist/, a venv, the test job's script.
  const handScript = [
    'set -e',
    'rm -rf dist venv',
    `maturin build ${maturinArgs[1]} --out dist ${maturinArgs[2]} >/dev/null 2>&1`,
    'maturin sdist --out dist >/dev/null 2>&1',
    `${python} -m venv venv`,
    `export PATH="$PWD/venv/bin${delimiter}$PATH" PACKAGE=${fixture} VERSION=${version}`,
    `(${testScript}) >/dev/null 2>&1`,
  ].join('\n');
  timed(handScript, byHand, env);

  const rehearse: Measured[] = [];
  const hand: Measured[] = [];
  for (let i = 0; i < runs; i++) {
    const r = timed(cli, rehearsed, env);
    const h = timed(handScript, byHand, env);
    if (r.status !== 0 || h.status !== 0) throw new Error(`a run failed:\n${r.output}\n${h.output}`);
    rehearse.push(r);
    hand.push(h);
  }
  return { rehearse, hand };
}

function rehearseBenchmark(): void {
  const runs = Number(process.env.BENCH_REHEARSE_RUNS ?? 5);
  process.env.PROJEN_MATURIN_TEST_BUILD_DIR = mkdtempSync(join(tmpdir(), 'bench-real-builds-'));
  const linux = { platforms: [WheelPlatform.LINUX_X86_64] };
  const cases: [string, RealFixtureName, Partial<MaturinReleaseOptions>, string][] = [
    ['tinyabi3: one abi3 wheel (CPython 3.9), the sdist, tests in a 3.11 venv', 'tinyabi3', { ...linux, abi3: true, pythonVersions: ['3.9'], testPythonVersions: ['3.11'] }, '0.4.0'],
    ['tinyext: wheels for CPython 3.9, 3.10, 3.11 in one maturin call, the sdist, tests in a 3.11 venv', 'tinyext', { ...linux, pythonVersions: ['3.9', '3.10', '3.11'], testPythonVersions: ['3.11'] }, '1.2.0rc1'],
  ];
  console.log(`## (f) rehearse vs the same commands by hand, ${runs} interleaved runs each (median)\n`);
  console.log('By hand: the maturin build command line rehearse prints, `maturin sdist`, a venv, and the test job\'s script (pip installs, pytest).');
  console.log('The ratio is of CPU time (user + system of every process): this machine is shared, and wall time follows the other load.');
  console.log('pyo3 recompiles for each interpreter of a build (its build script depends on the interpreter), so tinyext compiles three times every run.\n');
  console.log('| case | by hand: CPU | rehearse: CPU | ratio | by hand: wall | rehearse: wall |\n| --- | --- | --- | --- | --- | --- |');
  const verdicts: string[] = [];
  for (const [name, fixture, options, version] of cases) {
    const { rehearse, hand } = rehearseVsHand(fixture, options, version, runs);
    const cpu = (xs: Measured[]) => median(xs.map((x) => x.cpu));
    const wall = (xs: Measured[]) => median(xs.map((x) => x.wall));
    const ratio = cpu(rehearse) / cpu(hand);
    console.log(`| ${name} | ${cpu(hand).toFixed(2)} s | ${cpu(rehearse).toFixed(2)} s | ${ratio.toFixed(3)} | ${wall(hand).toFixed(1)} s | ${wall(rehearse).toFixed(1)} s |`);
    verdicts.push(`${fixture}: +${((ratio - 1) * 100).toFixed(1)}% ${ratio <= 1.1 ? 'MET' : 'MISSED'}`);
  }
  console.log(`\nrehearse's overhead (target: at most +10% CPU time): ${verdicts.join('; ')}; load average: ${load()}\n`);
}

// BENCH_ONLY=synth|tools|model|suite|e2e|rehearse runs one part.
const only = process.env.BENCH_ONLY;
if (!only || only === 'synth') synthBenchmark();
if (!only || only === 'tools') cliBenchmark();
if (!only || only === 'model') modelBenchmark();
if (!only || only === 'suite') suiteBenchmark();
if (!only || only === 'e2e') e2eBenchmark();
if (!only || only === 'rehearse') rehearseBenchmark();
