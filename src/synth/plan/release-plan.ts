import { ResolvedConfig } from '../config';
import { PublishingMode, WheelPlatform } from '../options';
import { PLATFORMS, PlatformSpec, cpythonTag as pythonTag } from './targets';
import { Channel } from '../../core/channel';
import { ExpectedDistribution } from '../../core/distributions';

/** One build job: every configured Python version for one platform. */
export interface BuildJobPlan {
  readonly id: string;
  readonly platform: PlatformSpec;
  readonly runner: string;
  /** Python versions to build for: all of them, or the abi3 minimum alone. */
  readonly interpreters: readonly string[];
  readonly artifact: string;
  readonly expected: readonly ExpectedDistribution[];
}

/** One test job: the platform's wheel installed and tested with each test Python version. */
export interface TestJobPlan {
  readonly id: string;
  readonly platform: PlatformSpec;
  readonly runner: string;
  readonly pythonVersions: readonly string[];
}

/** A package index the workflow can publish to. */
export interface IndexPlan {
  readonly channel: Channel;
  readonly title: string;
  readonly jobId: string;
  readonly environment: string;
  /** Upload endpoint, for gh-action-pypi-publish `repository-url`. */
  readonly uploadUrl: string;
  /** Simple index, for installing from it. */
  readonly simpleIndexUrl: string;
  /** JSON API root, for the files and hashes a release has on the index. */
  readonly jsonApiUrl: string;
  /** Project page prefix (the version is appended). */
  readonly projectUrl: string;
  /** Token mode only: the secret holding the API token. */
  readonly tokenSecret?: string;
}

export interface ReleasePlan {
  readonly config: ResolvedConfig;
  readonly builds: readonly BuildJobPlan[];
  readonly sdist?: { readonly id: string; readonly artifact: string; readonly expected: ExpectedDistribution };
  readonly checkJobId: 'check-dist';
  /** Pattern matching every build job's artifact (and not `distArtifact`). */
  readonly buildArtifactPattern: 'dist-*';
  /** Artifact holding the checked set of distributions that is tested, published and attached. */
  readonly distArtifact: 'dist';
  /** Every file the release must contain, no more, no less. */
  readonly expected: readonly ExpectedDistribution[];
  readonly tests: readonly TestJobPlan[];
  /** Indexes in use: TestPyPI (when pre-releases go there) and PyPI. */
  readonly indexes: readonly IndexPlan[];
  /** Whether each publish job attests build provenance. */
  readonly attest: boolean;
  readonly verify?: { readonly id: string; readonly runner: string; readonly pythonVersion: string };
  readonly githubRelease?: { readonly id: string; readonly attach: boolean; readonly draft: boolean };
}

function expectedWheels(config: ResolvedConfig, platform: PlatformSpec): ExpectedDistribution[] {
  if (config.abi3MinimumPython) {
    const tag = pythonTag(config.abi3MinimumPython);
    return [{
      kind: 'wheel',
      description: `${tag}-abi3 wheel for ${platform.wheelPlatformLabel}`,
      pythonTag: tag,
      abiTag: 'abi3',
      platformTag: platform.wheelPlatformTag,
    }];
  }
  return config.pythonVersions.map((version) => ({
    kind: 'wheel' as const,
    description: `${pythonTag(version)} wheel for ${platform.wheelPlatformLabel}`,
    pythonTag: pythonTag(version),
    abiTag: pythonTag(version),
    platformTag: platform.wheelPlatformTag,
  }));
}

function indexes(config: ResolvedConfig): IndexPlan[] {
  const token = config.publishing.mode === PublishingMode.TOKEN;
  const pypi: IndexPlan = {
    channel: 'pypi',
    title: 'PyPI',
    jobId: 'publish-pypi',
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
    jobId: 'publish-testpypi',
    environment: config.publishing.testPypiEnvironment,
    uploadUrl: 'https://test.pypi.org/legacy/',
    simpleIndexUrl: 'https://test.pypi.org/simple/',
    jsonApiUrl: 'https://test.pypi.org/pypi/',
    projectUrl: `https://test.pypi.org/project/${config.packageName}/`,
    tokenSecret: token ? config.publishing.testPypiTokenSecret : undefined,
  }, pypi];
}

/**
 * The release plan: which jobs exist, what each builds or tests, which files the
 * release must contain and where it can be published. Pure: config in, plan out.
 */
export function buildReleasePlan(config: ResolvedConfig): ReleasePlan {
  const interpreters = config.abi3MinimumPython ? [config.abi3MinimumPython] : config.pythonVersions;
  const builds = config.platforms.map((id: WheelPlatform): BuildJobPlan => {
    const platform = PLATFORMS[id];
    return {
      id: `build-${id}`,
      platform,
      runner: config.runners.platforms[id],
      interpreters,
      artifact: `dist-wheels-${id}`,
      expected: expectedWheels(config, platform),
    };
  });
  const sdist = config.sdist
    ? { id: 'build-sdist', artifact: 'dist-sdist', expected: { kind: 'sdist' as const, description: 'source distribution (sdist)' } }
    : undefined;
  const tests = config.platforms
    .map((id) => PLATFORMS[id])
    .filter((platform) => platform.testable)
    .map((platform): TestJobPlan => ({
      id: `test-${platform.id}`,
      platform,
      runner: config.runners.platforms[platform.id],
      pythonVersions: config.testPythonVersions,
    }));
  // Verify on a runner that has a wheel, so pip never falls back to building the sdist.
  const verifyOn = tests[0];
  return {
    config,
    builds,
    sdist,
    checkJobId: 'check-dist',
    buildArtifactPattern: 'dist-*',
    distArtifact: 'dist',
    expected: [...builds.flatMap((b) => b.expected), ...(sdist ? [sdist.expected] : [])],
    tests,
    indexes: indexes(config),
    attest: config.publishing.attestations,
    verify: config.publishing.verifyInstall && verifyOn
      ? { id: 'verify', runner: verifyOn.runner, pythonVersion: config.testPythonVersions[config.testPythonVersions.length - 1] }
      : undefined,
    githubRelease: config.githubRelease.enabled
      ? { id: 'github-release', attach: config.githubRelease.attachDistributions, draft: config.githubRelease.draft }
      : undefined,
  };
}
