import { estimateRelease } from './cost-model';
import { Interpreter, cpythonTag } from '../../core/interpreters';
import { ResolvedConfig, ResolvedTarget } from '../config';
import { Bindings, BuildStrategy, PublishingMode, ReleaseTrigger, WheelPlatform } from '../options';
import {
  BuildJob, CheckJob, GithubReleaseJob, IndexPlan, JobKind, JobOfKind, MaturinInvocation, PublishJob, ReleaseJob, SdistJob, TagJob, TestJob,
  VerifyJob,
} from './jobs';
import { platformTagPattern } from './targets';
import { ExpectedDistribution } from '../../core/distributions';
import { githubReleaseTimeoutMinutes, verifyTimeoutMinutes } from '../../core/time-limits';

/** The release: its jobs (the one job graph the workflow, the estimate and the checklist walk) and what it promises. */
export interface ReleasePlan {
  readonly config: ResolvedConfig;
  /** Every job, in the order the workflow lists them; `needs` only name earlier jobs. */
  readonly jobs: readonly ReleaseJob[];
  /** Pattern matching every build job's artifact (and not `distArtifact`). */
  readonly buildArtifactPattern: 'dist-*';
  /** Artifact holding the checked set of distributions that is tested, published and attached. */
  readonly distArtifact: 'dist';
  /** Every file the release must contain, no more, no less. */
  readonly expected: readonly ExpectedDistribution[];
  /** Indexes in use: TestPyPI (when pre-releases go there) and PyPI. */
  readonly indexes: readonly IndexPlan[];
}

/** The jobs of one kind, in workflow order. */
export function jobsOf<K extends JobKind>(plan: ReleasePlan, kind: K): JobOfKind<K>[] {
  return plan.jobs.filter((job): job is JobOfKind<K> => job.kind === kind);
}

/** The one job of a kind, when the plan has it. */
export function jobOf<K extends JobKind>(plan: ReleasePlan, kind: K): JobOfKind<K> | undefined {
  return jobsOf(plan, kind)[0];
}

/** Part of a target's build that can run as its own job: one maturin call and the wheels it makes. */
interface BuildUnit {
  /** Job id and artifact suffix when the target is split per interpreter. */
  readonly suffix: string;
  readonly invocation: MaturinInvocation;
  readonly expected: readonly ExpectedDistribution[];
  /** Test interpreters that install this unit's wheel. */
  readonly serves: (interpreter: Interpreter) => boolean;
}

/** "3.14t" → "3-14t", for job ids. */
export const specSuffix = (spec: string) => spec.replace(/\./g, '-');

/**
 * The maturin calls of one target's build, and the wheels each must produce:
 * one wheel per interpreter; with abi3, one abi3 wheel from the lowest CPython
 * plus version-specific wheels for free-threaded, PyPy and GraalPy (a separate
 * call, as maturin's own CI does); one `py3-none` wheel for cffi, UniFFI and bin.
 */
function unitsOf(config: ResolvedConfig, target: ResolvedTarget): BuildUnit[] {
  const platformTag = platformTagPattern(target.platform, target.level);
  const label = target.platform.wheelPlatformLabel;
  const wheel = (pythonTag: string, abiTag: string, what: string): ExpectedDistribution =>
    ({ kind: 'wheel', description: `${what} wheel for ${label}`, pythonTag, abiTag, platformTag });
  const own = (i: Interpreter): BuildUnit => ({
    suffix: specSuffix(i.spec),
    invocation: { interpreters: [i] },
    expected: [wheel(i.pythonTag, i.abiTag, i.pythonTag === i.abiTag ? i.pythonTag : `${i.pythonTag}-${i.abiTag}`)],
    serves: (t) => t.spec === i.spec,
  });

  if (config.bindings !== Bindings.PYO3) {
    // cffi runs one interpreter to generate its bindings; bin and UniFFI need none.
    const cpython = target.interpreters.filter((i) => i.kind === 'cpython');
    const interpreters = config.bindings === Bindings.CFFI ? [cpython[0] ?? target.interpreters[0]] : [];
    return [{ suffix: 'py3', invocation: { interpreters }, expected: [wheel('py3', 'none', 'py3-none')], serves: () => true }];
  }
  if (config.abi3MinimumPython) {
    const floorTag = cpythonTag(config.abi3MinimumPython);
    const floor = Number(config.abi3MinimumPython.split('.')[1]);
    const abi3 = (i: Interpreter) => i.kind === 'cpython' && i.minor >= floor;
    const lowest = target.interpreters.find(abi3)!;
    // CPython below the floor gets version-specific wheels, like free-threaded, PyPy and GraalPy.
    const others = target.interpreters.filter((i) => !abi3(i));
    const features = config.abi3Features.length > 0 ? { features: config.abi3Features } : {};
    return [
      { suffix: 'abi3', invocation: { interpreters: [lowest], ...features }, expected: [wheel(floorTag, 'abi3', `${floorTag}-abi3`)], serves: abi3 },
      ...others.map(own),
    ];
  }
  return target.interpreters.map(own);
}

/** One build job per target: every unit's interpreters in as few maturin calls as the wheels allow. */
function mergedUnits(config: ResolvedConfig, units: readonly BuildUnit[]): MaturinInvocation[] {
  if (!config.abi3MinimumPython) return [{ interpreters: units.flatMap((u) => u.invocation.interpreters) }];
  const [abi3, ...others] = units;
  return [abi3.invocation, ...(others.length > 0 ? [{ interpreters: others.flatMap((u) => u.invocation.interpreters) }] : [])];
}

function indexes(config: ResolvedConfig): IndexPlan[] {
  const token = config.publishing.mode === PublishingMode.TOKEN;
  const pypi: IndexPlan = {
    channel: 'pypi',
    title: 'PyPI',
    environment: config.publishing.environments ? config.publishing.pypiEnvironment : undefined,
    uploadUrl: 'https://upload.pypi.org/legacy/',
    simpleIndexUrl: 'https://pypi.org/simple/',
    jsonApiUrl: 'https://pypi.org/pypi/',
    projectUrl: `https://pypi.org/project/${config.packageName}/`,
    tokenSecret: token ? config.publishing.pypiTokenSecret : undefined,
  };
  if (!config.publishing.testPypi) return [pypi];
  return [{
    channel: 'testpypi',
    title: 'TestPyPI',
    environment: config.publishing.environments ? config.publishing.testPypiEnvironment : undefined,
    uploadUrl: 'https://test.pypi.org/legacy/',
    simpleIndexUrl: 'https://test.pypi.org/simple/',
    jsonApiUrl: 'https://test.pypi.org/pypi/',
    projectUrl: `https://test.pypi.org/project/${config.packageName}/`,
    tokenSecret: token ? config.publishing.testPypiTokenSecret : undefined,
  }, pypi];
}

/**
 * Tests run split per interpreter where minutes are cheap (Linux, Windows: one job
 * per Python, each starting when its own wheel is built, for a few cents more per
 * release than one job); on macOS, where minutes cost ten times as much, in one job
 * with the versions tested at the same time on the runner's cores.
 */
function testLayout(target: ResolvedTarget): 'split' | 'concurrent' | 'single' {
  if (target.testInterpreters.length <= 1) return 'single';
  return target.platform.os === 'macos' && target.test.kind === 'native' ? 'concurrent' : 'split';
}

/**
 * How much an interpreter stands for what most users install (lower is better): stable
 * CPython with the GIL, newest first (with abi3 it installs the abi3 wheel); then
 * free-threaded, PyPy, GraalPy; pre-releases last.
 */
function verifyRank(i: Interpreter): number[] {
  return [i.prerelease ? 1 : 0, ['cpython', 'free-threaded', 'pypy', 'graalpy'].indexOf(i.kind), -i.minor];
}
const OS_ORDER = ['linux', 'windows', 'macos'];

/**
 * Where `verify` installs the release from the index: on a target whose wheels run on its
 * own runner with setup-python (so pip never falls back to building the sdist), tested or
 * not, with the best-ranked interpreter the target has a wheel for; of equal ones, the
 * cheapest runner (Linux, then Windows, then macOS; workflow order within each).
 */
function verifyTarget(config: ResolvedConfig): { target: ResolvedTarget; interpreter: Interpreter } | undefined {
  const compare = (a: number[], b: number[]) => a.reduce((d, x, n) => d || x - b[n], 0);
  let best: { target: ResolvedTarget; interpreter: Interpreter; rank: number[] } | undefined;
  for (const target of config.targets) {
    if (target.test.kind !== 'native') continue;
    for (const interpreter of target.interpreters) {
      const rank = [...verifyRank(interpreter), OS_ORDER.indexOf(target.platform.os)];
      if (!best || compare(rank, best.rank) < 0) best = { target, interpreter, rank };
    }
  }
  return best && { target: best.target, interpreter: best.interpreter };
}

/**
 * The release plan: which jobs exist, in which order and with which needs, what
 * each builds or tests, which files the release must contain and where it can be
 * published. Pure: config in, plan out. With `BuildStrategy.AUTO`, the targets to
 * split per interpreter are chosen with the cost model.
 */
export function buildReleasePlan(config: ResolvedConfig): ReleasePlan {
  switch (config.buildStrategy) {
    case BuildStrategy.PER_INTERPRETER: return planWithSplit(config, new Set(config.targets.map((t) => t.platform.id)));
    case BuildStrategy.AUTO: return autoSplit(config);
    default: return planWithSplit(config, new Set());
  }
}

/**
 * Splits targets per interpreter, longest build-and-test first, while the estimated
 * billed minutes stay within the budget (by default: what one build job per target
 * bills, so the release is faster at no extra cost); keeps the split with the shortest
 * estimated wall time, and of equal ones the cheapest.
 */
function autoSplit(config: ResolvedConfig): ReleasePlan {
  const a = config.costAssumptions;
  const perPlatform = planWithSplit(config, new Set());
  const base = estimateRelease(perPlatform, a);
  const budget = config.buildBudgetMinutes ?? base.billedMinutes;
  const minutes = new Map(base.jobs.map((j) => [j.id, j.minutes]));
  const pathOf = (platform: WheelPlatform) => Math.max(0, ...perPlatform.jobs
    .filter((j) => (j.kind === 'build' || j.kind === 'test') && j.platform.id === platform)
    .map((j) => (j.kind === 'test' ? j.needs.reduce((m, n) => Math.max(m, minutes.get(n) ?? 0), 0) : 0) + (minutes.get(j.id) ?? 0)));
  const order = config.targets.filter((t) => unitsOf(config, t).length > 1).map((t) => t.platform.id).sort((x, y) => pathOf(y) - pathOf(x));
  let best = { plan: perPlatform, estimate: base };
  const split = new Set<WheelPlatform>();
  for (const platform of order) {
    split.add(platform);
    const plan = planWithSplit(config, new Set(split));
    const estimate = estimateRelease(plan, a);
    if (estimate.billedMinutes > budget) break;
    if (estimate.criticalPathMinutes < best.estimate.criticalPathMinutes) best = { plan, estimate };
  }
  return best.plan;
}

function planWithSplit(config: ResolvedConfig, split: ReadonlySet<WheelPlatform>): ReleasePlan {
  const { runners, timeouts } = config;
  const utility = { runner: runners.utility, os: 'linux' as const, writes: [] };
  const jobs: ReleaseJob[] = [];
  const add = <J extends ReleaseJob>(job: J): J => {
    jobs.push(job);
    return job;
  };

  const plan = add({ ...utility, id: 'plan', kind: 'plan', title: 'Plan the release', needs: [], timeoutMinutes: timeouts.plan });
  const builds = config.targets.flatMap((target) => {
    const { platform } = target;
    const units = unitsOf(config, target);
    const build = (id: string, title: string, invocations: MaturinInvocation[], parts: readonly BuildUnit[]) => add<BuildJob>({
      id: `build-${id}`,
      kind: 'build',
      title,
      needs: [plan.id],
      runner: target.runner,
      os: platform.os,
      timeoutMinutes: timeouts.wheelBuild,
      writes: [],
      platform,
      target,
      invocations,
      interpreters: invocations.flatMap((inv) => inv.interpreters.map((i) => i.spec)),
      artifact: `dist-wheels-${id}`,
      expected: parts.flatMap((u) => u.expected),
      serves: target.testInterpreters.filter((i) => parts.some((u) => u.serves(i))).map((i) => i.spec),
    });
    if (units.length > 1 && split.has(platform.id)) {
      return units.map((unit) => build(`${platform.id}-${unit.suffix}`,
        `Build wheels (${platform.title}, ${unit.suffix === 'abi3' ? 'abi3' : `Python ${unit.invocation.interpreters.map((i) => i.spec).join(', ')}`})`,
        [unit.invocation], [unit]));
    }
    return [build(platform.id, `Build wheels (${platform.title})`, mergedUnits(config, units), units)];
  });
  const sdist = config.sdist ? add<SdistJob>({
    ...utility,
    id: 'build-sdist',
    kind: 'sdist',
    title: 'Build the source distribution',
    needs: [plan.id],
    timeoutMinutes: timeouts.wheelBuild,
    artifact: 'dist-sdist',
    expected: { kind: 'sdist', description: 'source distribution (sdist)' },
  }) : undefined;
  const producers = [...builds, ...(sdist ? [sdist] : [])];
  const check = add<CheckJob>({
    ...utility,
    id: 'check-dist',
    kind: 'check',
    title: 'Check the wheel set',
    needs: [plan.id, ...producers.map((j) => j.id)],
    timeoutMinutes: timeouts.check,
  });
  // Each test starts when its own wheels are built; check-dist runs beside the tests and gates publishing.
  const tests = config.targets.filter((target) => target.testInterpreters.length > 0).flatMap((target) => {
    const { platform } = target;
    const layout = testLayout(target);
    const test = (id: string, title: string, interpreters: readonly Interpreter[]) => {
      const sources = builds.filter((b) => b.platform.id === platform.id && interpreters.some((i) => b.serves.includes(i.spec)));
      return add<TestJob>({
        id: `test-${id}`,
        kind: 'test',
        title,
        needs: [plan.id, ...sources.map((b) => b.id)],
        runner: target.runner,
        os: platform.os,
        timeoutMinutes: timeouts.test,
        writes: [],
        platform,
        target,
        interpreters,
        pythonVersions: interpreters.map((i) => i.spec),
        artifacts: sources.map((b) => b.artifact),
        concurrent: layout === 'concurrent',
      });
    };
    if (layout === 'split') {
      return target.testInterpreters.map((i) => test(`${platform.id}-${specSuffix(i.spec)}`, `Test wheels (${platform.title}, ${i.title})`, [i]));
    }
    return [test(platform.id, `Test wheels (${platform.title})`, target.testInterpreters)];
  });

  // Nothing is published unless every test job passed; the plan picks the one index.
  const indexList = indexes(config);
  const attest = config.publishing.attestations;
  const publishes = indexList.map((index) => add<PublishJob>({
    ...utility,
    id: `publish-${index.channel}`,
    kind: 'publish',
    title: `Publish to ${index.title}`,
    needs: [plan.id, check.id, ...tests.map((t) => t.id)],
    condition: `needs.plan.outputs.publish == 'true' && needs.plan.outputs.channel == '${index.channel}'`,
    timeoutMinutes: timeouts.publish,
    writes: [...(index.tokenSecret === undefined || attest ? ['id-token' as const] : []), ...(attest ? ['attestations' as const] : [])],
    index,
    attest,
  }));
  // Jobs after publishing run when exactly one of the publish jobs succeeded.
  const published = `(${publishes.map((p) => `needs.${p.id}.result == 'success'`).join(' || ')})`;
  const afterPublish = (extra: string[] = []) => ['!cancelled()', "needs.plan.outputs.publish == 'true'", published, ...extra].join(' && ');

  const verifyOn = verifyTarget(config);
  const verify = config.publishing.verifyInstall && verifyOn ? add<VerifyJob>({
    id: 'verify',
    kind: 'verify',
    title: 'Install the published release',
    needs: [plan.id, ...publishes.map((p) => p.id)],
    condition: afterPublish(),
    runner: verifyOn.target.runner,
    os: verifyOn.target.platform.os,
    timeoutMinutes: timeouts.verify ?? verifyTimeoutMinutes(),
    writes: [],
    platform: verifyOn.target.platform,
    interpreter: verifyOn.interpreter,
    pythonVersion: verifyOn.interpreter.spec,
  }) : undefined;
  const verified = verify ? [`needs.${verify.id}.result == 'success'`] : [];
  // A release started by hand is tagged once what was published is verified.
  const tag = config.releaseTrigger === ReleaseTrigger.DISPATCH ? add<TagJob>({
    ...utility,
    id: 'tag',
    kind: 'tag',
    title: 'Tag the release',
    needs: [plan.id, ...publishes.map((p) => p.id), ...(verify ? [verify.id] : [])],
    condition: afterPublish(verified),
    timeoutMinutes: timeouts.plan,
    writes: ['contents'],
  }) : undefined;
  if (config.githubRelease.enabled) {
    const attach = config.githubRelease.attachDistributions;
    const uploads = attach ? producers.reduce((n, p) => n + (p.kind === 'sdist' ? 1 : p.expected.length), 0) : 0;
    add<GithubReleaseJob>({
      ...utility,
      id: 'github-release',
      kind: 'github-release',
      title: 'GitHub Release',
      needs: [plan.id, ...publishes.map((p) => p.id), ...(verify ? [verify.id] : []), ...(tag ? [tag.id] : [])],
      condition: afterPublish([...verified, ...(tag ? [`needs.${tag.id}.result == 'success'`] : [])]),
      timeoutMinutes: timeouts.githubRelease ?? githubReleaseTimeoutMinutes(uploads),
      writes: ['contents'],
      attach,
      draft: config.githubRelease.draft,
    });
  }

  return {
    config,
    jobs,
    buildArtifactPattern: 'dist-*',
    distArtifact: 'dist',
    expected: producers.flatMap((p) => (p.kind === 'sdist' ? [p.expected] : p.expected)),
    indexes: indexList,
  };
}
