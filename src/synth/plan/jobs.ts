import { OperatingSystem, PlatformSpec } from './targets';
import { Channel } from '../../core/channel';
import { PlanOutput } from '../../core/contract';
import { ExpectedDistribution } from '../../core/distributions';
import { Interpreter } from '../../core/interpreters';
import { ResolvedTarget } from '../config';

/** The kinds of job a release has. A new kind fails to compile until the emitter and the cost model handle it. */
export type JobKind = 'plan' | 'build' | 'sdist' | 'check' | 'test' | 'publish' | 'verify' | 'tag' | 'github-release';

/** A GitHub token scope a job raises to `write` (everything else stays `contents: read`). */
export type WriteScope = 'contents' | 'id-token' | 'attestations';

/** What every job of the release has, whatever it does. */
export interface JobBase {
  /** The job id in the workflow. */
  readonly id: string;
  readonly kind: JobKind;
  /** The job's name, as GitHub shows it. */
  readonly title: string;
  /** Jobs that must finish first. */
  readonly needs: readonly string[];
  readonly runner: string;
  readonly os: OperatingSystem;
  readonly timeoutMinutes: number;
  /** Scopes raised to `write` for this job alone. */
  readonly writes: readonly WriteScope[];
  /** When the job runs (a GitHub expression); always, after its needs, when undefined. */
  readonly condition?: string;
}

/** Decides version, channel and pre-release once, from the tag. */
export interface PlanJob extends JobBase {
  readonly kind: 'plan';
}

/** One `maturin build` call: the interpreters it builds for (none for bin and UniFFI). */
export interface MaturinInvocation {
  readonly interpreters: readonly Interpreter[];
  /** Cargo features of this call alone (`--features`): pyo3's abi3 feature for the abi3 build beside below-floor wheels. */
  readonly features?: readonly string[];
}

/** Builds one target's wheels: for every interpreter, or (split per interpreter) for one. */
export interface BuildJob extends JobBase {
  readonly kind: 'build';
  readonly platform: PlatformSpec;
  readonly target: ResolvedTarget;
  readonly invocations: readonly MaturinInvocation[];
  /** Interpreters maturin builds with, over all calls (the abi3 wheel's one interpreter, not every version it supports). */
  readonly interpreters: readonly string[];
  readonly artifact: string;
  readonly expected: readonly ExpectedDistribution[];
  /** Test interpreters (specs) that install a wheel this job builds. */
  readonly serves: readonly string[];
}

/** Builds the source distribution. */
export interface SdistJob extends JobBase {
  readonly kind: 'sdist';
  readonly artifact: string;
  readonly expected: ExpectedDistribution;
}

/** Compares the built files with the promised set and publishes the checked set as one artifact. */
export interface CheckJob extends JobBase {
  readonly kind: 'check';
}

/**
 * Installs one target's wheel and runs the tests with its test interpreters (all of
 * them, or one when the target's tests are split per interpreter). It waits only for
 * the builds of its own wheels, whose artifacts it installs from.
 */
export interface TestJob extends JobBase {
  readonly kind: 'test';
  readonly platform: PlatformSpec;
  readonly target: ResolvedTarget;
  readonly interpreters: readonly Interpreter[];
  readonly pythonVersions: readonly string[];
  /** Build artifacts holding the wheels it tests. */
  readonly artifacts: readonly string[];
  /** The interpreters' tests run at the same time, each in its own virtual environment. */
  readonly concurrent: boolean;
}

/** A package index the workflow can publish to. */
export interface IndexPlan {
  readonly channel: Channel;
  readonly title: string;
  /** The GitHub environment of its publish job; undefined when `publishing.environments` is false. */
  readonly environment?: string;
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

/** Uploads the checked set to one index, when the plan chose that index. */
export interface PublishJob extends JobBase {
  readonly kind: 'publish';
  readonly index: IndexPlan;
  /** Attest build provenance before uploading. */
  readonly attest: boolean;
}

/** Installs the published version from its index and imports it. */
export interface VerifyJob extends JobBase {
  readonly kind: 'verify';
  /** The target whose wheel it installs, on that target's runner. */
  readonly platform: PlatformSpec;
  readonly interpreter: Interpreter;
  readonly pythonVersion: string;
}

/** A release started by hand: tags the commit it was built from, after publishing. */
export interface TagJob extends JobBase {
  readonly kind: 'tag';
}

/** Creates the GitHub Release. */
export interface GithubReleaseJob extends JobBase {
  readonly kind: 'github-release';
  readonly attach: boolean;
  readonly draft: boolean;
}

export type ReleaseJob = PlanJob | BuildJob | SdistJob | CheckJob | TestJob | PublishJob | VerifyJob | TagJob | GithubReleaseJob;

/** The job of a given kind. */
export type JobOfKind<K extends JobKind> = Extract<ReleaseJob, { kind: K }>;

/** A reference to one of the plan job's outputs, as a workflow expression. */
export const planOutput = (output: PlanOutput) => `\${{ needs.plan.outputs.${output} }}`;

/** Fails to compile when a switch over job kinds misses one. */
export function unhandledKind(job: never): never {
  throw new Error(`unhandled job kind: ${JSON.stringify(job)}`);
}
