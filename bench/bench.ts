/**
 * Benchmark (a script, not a test): run with `npm run bench`.
 *
 * (a) Synthesis time of a consumer project with MaturinRelease vs the same
 *     project without it: the median of several interleaved runs of the synth
 *     command `npx projen` runs for a .projenrc.ts (ts-node), as a ratio.
 * (b) The time and cost model's figures for three reference configurations.
 * (c) The real-build end-to-end test (test/e2e/linux-leg.test.ts) from a cold
 *     cargo target directory: wall and CPU time, and each case's time.
 * (d) `projen-maturin rehearse` against the same maturin build, sdist, venv and
 *     test script run by hand: medians of interleaved runs, as a ratio.
 */
import { spawnSync } from 'child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { loadavg, tmpdir } from 'os';
import { delimiter, join, resolve } from 'path';
import { SEED_DOCUMENT_ESTIMATE } from '../src/core/estimate-report';
import { resolveConfig } from '../src/synth/config';
import { MaturinReleaseOptions, WheelPlatform } from '../src/synth/options';
import { estimateRelease, estimateSeedStyle } from '../src/synth/plan/cost-model';
import { buildReleasePlan } from '../src/synth/plan/release-plan';
import { RealFixtureName, realFixtureRepo } from '../test/helpers/real-fixture';
import { FIXTURE_PYTHONS, interpreterDir, maintainerEnv, requireToolchain } from '../test/helpers/toolchain';

const REPO = resolve(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

function consumer(withComponent: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), `bench-${withComponent ? 'with' : 'without'}-`));
  cpSync(join(REPO, 'examples', 'dioxide'), dir, { recursive: true });
  rmSync(join(dir, 'demo.sh'));
  let rc = readFileSync(join(dir, '.projenrc.ts'), 'utf8');
  if (!withComponent) rc = rc.replace(/\nnew MaturinRelease\([\s\S]*?\n\}\);\n/, '\n').replace("import { MaturinRelease, WheelPlatform } from 'projen-maturin';\n", '');
  writeFileSync(join(dir, '.projenrc.ts'), rc);
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(REPO, join(dir, 'node_modules', 'projen-maturin'));
  for (const dep of ['projen', 'constructs']) symlinkSync(join(REPO, 'node_modules', dep), join(dir, 'node_modules', dep));
  spawnSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

function synthMs(dir: string): number {
  const start = process.hrtime.bigint();
  const run = spawnSync(join(REPO, 'node_modules', '.bin', 'ts-node'), ['--transpile-only', '--compiler-options', '{"module":"commonjs"}', '.projenrc.ts'], { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`synth failed in ${dir}: ${run.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function synthBenchmark(): void {
  const withDir = consumer(true);
  const withoutDir = consumer(false);
  synthMs(withDir); // warm-up: the first run writes sample files and warms the disk cache
  synthMs(withoutDir);
  const withTimes: number[] = [];
  const withoutTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    withoutTimes.push(synthMs(withoutDir));
    withTimes.push(synthMs(withDir));
  }
  const ratio = median(withTimes) / median(withoutTimes);
  console.log(`## (a) Synthesis time, ${RUNS} interleaved runs each (median)\n`);
  console.log('| project | median | min | max |\n| --- | --- | --- | --- |');
  for (const [name, times] of [['without MaturinRelease', withoutTimes], ['with MaturinRelease', withTimes]] as const) {
    console.log(`| ${name} | ${median(times).toFixed(0)} ms | ${Math.min(...times).toFixed(0)} ms | ${Math.max(...times).toFixed(0)} ms |`);
  }
  console.log(`\nratio with/without: ${ratio.toFixed(3)} (+${((ratio - 1) * 100).toFixed(1)}%; target: at most +10%) ${ratio <= 1.1 ? 'MET' : 'MISSED'}\n`);
}

function modelBenchmark(): void {
  const configs: Record<string, Partial<MaturinReleaseOptions>> = {
    'seed 3×3 (Linux x86_64, macOS arm64, Windows x64 × Python 3.11-3.13)': {
      platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.MACOS_ARM64, WheelPlatform.WINDOWS_X64],
    },
    'abi3 (same 3 platforms, one cp311-abi3 wheel each)': {
      platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.MACOS_ARM64, WheelPlatform.WINDOWS_X64], abi3: true,
    },
    // universal2 replaces the two macOS platforms, so it cannot be configured together with them.
    [`every platform but universal2 (${Object.values(WheelPlatform).length - 1} platforms × Python 3.11-3.13)`]: {
      platforms: Object.values(WheelPlatform).filter((p) => p !== WheelPlatform.MACOS_UNIVERSAL2),
    },
  };
  console.log('## (b) Time and cost model (default assumptions)\n');
  console.log('| config | jobs | critical path | runner-min | billed | seed layout, same coverage: billed | ratio |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  let targets = '';
  for (const [name, options] of Object.entries(configs)) {
    const plan = buildReleasePlan(resolveConfig({ packageName: 'dioxide', ...options }));
    const ours = estimateRelease(plan);
    const seed = estimateSeedStyle(plan);
    const jobs = Object.values(ours.jobsPerKind).reduce((a, b) => a + b, 0);
    console.log(`| ${name} | ${jobs} | ${ours.criticalPathMinutes} min | ${ours.runnerMinutes} | ${ours.billedMinutes} | ${seed.billedMinutes} | ${(ours.billedMinutes / seed.billedMinutes).toFixed(2)} |`);
    if (name.startsWith('seed')) {
      const third = SEED_DOCUMENT_ESTIMATE.billedMinutes / 3;
      const mark = (met: boolean) => (met ? 'MET' : 'MISSED');
      targets = `seed config targets: critical path ${ours.criticalPathMinutes} min (target ≤ 15: ${mark(ours.criticalPathMinutes <= 15)}); ` +
        `billed ${ours.billedMinutes} vs the seed document's ${SEED_DOCUMENT_ESTIMATE.billedMinutes} (target ≤ ${third}: ${mark(ours.billedMinutes <= third)}) ` +
        `and vs the seed layout under the same assumptions ${seed.billedMinutes} (target ≤ ${(seed.billedMinutes / 3).toFixed(0)}: ${mark(ours.billedMinutes <= seed.billedMinutes / 3)})`;
    }
  }
  console.log(`\n${targets}\n`);
}

/** Wall seconds and the CPU seconds (user + system) of a command and its children, run with bash. */
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
  console.log('## (c) The Linux x86_64 leg with real maturin builds (test/e2e/linux-leg.test.ts), cold cargo target directory\n');
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
  console.log(`## (d) rehearse vs the same commands by hand, ${runs} interleaved runs each (median)\n`);
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

console.log(`# projen-maturin benchmark, ${new Date().toISOString().slice(0, 10)}, node ${process.version}\n`);
synthBenchmark();
modelBenchmark();
e2eBenchmark();
rehearseBenchmark();
