/**
 * Benchmark (a script, not a test): run with `npm run bench`.
 *
 * (a) Synthesis time of a consumer project with MaturinRelease vs the same
 *     project without it: the median of several interleaved runs of the synth
 *     command `npx projen` runs for a .projenrc.ts (ts-node), as a ratio.
 * (b) The time and cost model's figures for three reference configurations.
 */
import { spawnSync } from 'child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { resolveConfig } from '../src/synth/config';
import { MaturinReleaseOptions, WheelPlatform } from '../src/synth/options';
import { SEED_DOCUMENT_ESTIMATE, estimateRelease, estimateSeedStyle } from '../src/synth/plan/cost-model';
import { buildReleasePlan } from '../src/synth/plan/release-plan';

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
    'full platform set (8 platforms × Python 3.11-3.13)': { platforms: Object.values(WheelPlatform) },
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

console.log(`# projen-maturin benchmark, ${new Date().toISOString().slice(0, 10)}, node ${process.version}\n`);
synthBenchmark();
modelBenchmark();
