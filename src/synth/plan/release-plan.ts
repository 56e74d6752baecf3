import { Interpreter, cpythonTag } from './interpreters';
import { ResolvedConfig, ResolvedTarget } from '../config';
import { Bindings, PublishingMode, ReleaseTrigger } from '../options';
import {
  BuildJob, CheckJob, GithubReleaseJob, IndexPlan, JobKind, JobOfKind, MaturinInvocation, PublishJob, ReleaseJob, SdistJob, TagJob, TestJob,
  VerifyJob,
} from './jobs';
import { platformTagPattern } from './targets';
import { ExpectedDistribution } from '../../core/distributions';

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

/**
 * The maturin calls of one target's build, and the wheels each must produce:
 * one wheel per interpreter; with abi3, one abi3 wheel from the lowest CPython
 * plus version-specific wheels for free-threaded, PyPy and GraalPy (a separate
 * call, as maturin's own CI does); one `py3-none` wheel for cffi, UniFFI and bin.
 */
function buildsOf(config: ResolvedConfig, target: ResolvedTarget): { invocations: MaturinInvocation[]; expected: ExpectedDistribution[] } {
  const platformTag = platformTagPattern(target.platform, target.level);
  const label = target.platform.wheelPlatformLabel;
  const wheel = (pythonTag: string, abiTag: string, what: string): ExpectedDistribution =>
    ({ kind: 'wheel', description: `${what} wheel for ${label}`, pythonTag, abiTag, platformTag });
  const perInterpreter = (interpreters: readonly Interpreter[]) =>
    interpreters.map((i) => wheel(i.pythonTag, i.abiTag, i.pythonTag === i.abiTag ? i.pythonTag : `${i.pythonTag}-${i.abiTag}`));

  if (config.bindings !== Bindings.PYO3) {
    // cffi runs one interpreter to generate its bindings; bin and UniFFI need none.
    const cpython = target.interpreters.filter((i) => i.kind === 'cpython');
    const interpreters = config.bindings === Bindings.CFFI ? [cpython[0] ?? target.interpreters[0]] : [];
    return { invocations: [{ interpreters }], expected: [wheel('py3', 'none', 'py3-none')] };
  }
  if (config.abi3MinimumPython) {
    const floorTag = cpythonTag(config.abi3MinimumPython);
    const lowest = target.interpreters.find((i) => i.kind === 'cpython')!;
    const others = target.interpreters.filter((i) => i.kind !== 'cpython');
    return {
      invocations: [{ interpreters: [lowest] }, ...(others.length > 0 ? [{ interpreters: others }] : [])],
      expected: [wheel(floorTag, 'abi3', `${floorTag}-abi3`), ...perInterpreter(others)],
    };
  }
  return { invocations: [{ interpreters: target.interpreters }], expected: perInterpreter(target.interpreters) };
}

function indexes(config: ResolvedConfig): IndexPlan[] {
  const token = config.publishing.mode === PublishingMode.TOKEN;
  const pypi: IndexPlan = {
    channel: 'pypi',
    title: 'PyPI',
    environment: config.publishing.pypiEnvironment,
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
    environment: config.publishing.testPypiEnvironment,
    uploadUrl: 'https://test.pypi.org/legacy/',
    simpleIndexUrl: 'https://test.pypi.org/simple/',
    jsonApiUrl: 'https://test.pypi.org/pypi/',
    projectUrl: `https://test.pypi.org/project/${config.packageName}/`,
    tokenSecret: token ? config.publishing.testPypiTokenSecret : undefined,
  }, pypi];
}

/**
 * The release plan: which jobs exist, in which order and with which needs, what
 * each builds or tests, which files the release must contain and where it can be
 * published. Pure: config in, plan out.
 */
export function buildReleasePlan(config: ResolvedConfig): ReleasePlan {
  const { runners, timeouts } = config;
  const utility = { runner: runners.utility, os: 'linux' as const, writes: [] };
  const jobs: ReleaseJob[] = [];
  const add = <J extends ReleaseJob>(job: J): J => {
    jobs.push(job);
    return job;
  };

  const plan = add({ ...utility, id: 'plan', kind: 'plan', title: 'Plan the release', needs: [], timeoutMinutes: timeouts.plan });
  const builds = config.targets.map((target) => {
    const { platform } = target;
    const { invocations, expected } = buildsOf(config, target);
    return add<BuildJob>({
      id: `build-${platform.id}`,
      kind: 'build',
      title: `Build wheels (${platform.title})`,
      needs: [plan.id],
      runner: target.runner,
      os: platform.os,
      timeoutMinutes: timeouts.wheelBuild,
      writes: [],
      platform,
      target,
      invocations,
      interpreters: invocations.flatMap((inv) => inv.interpreters.map((i) => i.spec)),
      artifact: `dist-wheels-${platform.id}`,
      expected,
    });
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
  const tests = builds.filter((build) => build.target.testInterpreters.length > 0).map((build) => add<TestJob>({
    id: `test-${build.platform.id}`,
    kind: 'test',
    title: `Test wheels (${build.platform.title})`,
    needs: [plan.id, check.id],
    runner: build.runner,
    os: build.platform.os,
    timeoutMinutes: timeouts.test,
    writes: [],
    platform: build.platform,
    target: build.target,
    interpreters: build.target.testInterpreters,
    pythonVersions: build.target.testInterpreters.map((i) => i.spec),
  }));

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

  // Verify on a runner that has a wheel and setup-python, so pip never falls back to building the sdist.
  const verifyOn = tests.find((t) => t.target.platform.test.kind === 'native');
  const verify = config.publishing.verifyInstall && verifyOn ? add<VerifyJob>({
    id: 'verify',
    kind: 'verify',
    title: 'Install the published release',
    needs: [plan.id, ...publishes.map((p) => p.id)],
    condition: afterPublish(),
    runner: verifyOn.runner,
    os: verifyOn.os,
    timeoutMinutes: timeouts.verify,
    writes: [],
    interpreter: verifyOn.interpreters[verifyOn.interpreters.length - 1],
    pythonVersion: verifyOn.interpreters[verifyOn.interpreters.length - 1].spec,
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
    add<GithubReleaseJob>({
      ...utility,
      id: 'github-release',
      kind: 'github-release',
      title: 'GitHub Release',
      needs: [plan.id, ...publishes.map((p) => p.id), ...(verify ? [verify.id] : []), ...(tag ? [tag.id] : [])],
      condition: afterPublish([...verified, ...(tag ? [`needs.${tag.id}.result == 'success'`] : [])]),
      timeoutMinutes: timeouts.githubRelease,
      writes: ['contents'],
      attach: config.githubRelease.attachDistributions,
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
