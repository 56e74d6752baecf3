import { github } from 'projen';
import { ACTIONS } from './actions';
import { Step, StepFactory, UV_INSTALL, concurrentTestScript, installAndTestScript, pythonArchitecture, pythonVariable, rustToolchainInput } from './steps';
import { PLAN_OUTPUTS } from '../../core/contract';
import { Interpreter, testImage } from '../../core/interpreters';
import { repoPath } from '../../core/package-layout';
import { DEFAULT_WORKFLOW_NAME, RELEASE_CONFIG_PATH, RELEASE_TOOLS_PATH } from '../../core/paths';
import { ResolvedConfig } from '../config';
import { Bindings, ReleaseTrigger, TestInstaller } from '../options';
import {
  BuildJob, CheckJob, GithubReleaseJob, JobBase, PlanJob, PublishJob, ReleaseJob, SdistJob, TagJob, TestJob, VerifyJob, planOutput, unhandledKind,
} from '../plan/jobs';
import { ReleasePlan } from '../plan/release-plan';

/**
 * Says what a failed attestation most often means: GitHub stores attestations only for
 * public repositories, and for private or internal ones on GitHub Enterprise Cloud.
 */
const ATTEST_FAILED_SCRIPT = [
  'why="Build provenance could not be attested, so nothing was published."',
  'why="$why If the error above says the feature is not available (for example \\"Feature not available for user-owned private repositories\\"):' +
    ' GitHub stores attestations only for public repositories, and for private or internal ones on GitHub Enterprise Cloud' +
    ' (this repository is ${VISIBILITY:-of unknown visibility}).' +
    ' Make the repository public, or set publishing.attestations to false in .projenrc, run npx projen and commit, then delete the tag and push it again on that commit."',
  'why="$why Any other error (for example from Sigstore or the network): re-run the failed jobs."',
  'echo "::error title=Build provenance attestation failed::$why"',
  "printf '## Build provenance attestation failed\\n\\n%s\\n' \"$why\" >> \"$GITHUB_STEP_SUMMARY\"",
].join('\n');

/** A workflow job, in projen's typed workflow model. */
export type Job = github.workflows.Job;

/** A release tools command; a workflow other than the default one names its own settings file. */
const tool = (config: Pick<ResolvedConfig, 'configPath'>, command: string) =>
  `node ${RELEASE_TOOLS_PATH}${config.configPath === RELEASE_CONFIG_PATH ? '' : ` --config=${config.configPath}`} ${command}`;
const { JobPermission } = github.workflows;

/** The settings of the release workflow besides its jobs, with GitHub's key names. */
export interface WorkflowSettings {
  readonly 'name': string;
  readonly 'run-name'?: string;
  readonly 'on': Record<string, unknown>;
  readonly 'permissions': Record<string, string>;
  readonly 'concurrency': Record<string, unknown>;
  readonly 'defaults': Record<string, unknown>;
}

/** Turns each planned job into a workflow job; every job kind has exactly one emitter. */
class ReleaseJobEmitter {
  private readonly steps: StepFactory;

  constructor(private readonly plan: ReleasePlan) {
    this.steps = new StepFactory(plan.config.actionPinning, plan.config.actions);
  }

  public emit(job: ReleaseJob): Job {
    switch (job.kind) {
      case 'plan': return this.planJob(job);
      case 'build': return this.buildJob(job);
      case 'sdist': return this.sdistJob(job);
      case 'check': return this.checkJob(job);
      case 'test': return this.testJob(job);
      case 'publish': return this.publishJob(job);
      case 'verify': return this.verifyJob(job);
      case 'tag': return this.tagJob(job);
      case 'github-release': return this.githubReleaseJob(job);
      default: return unhandledKind(job);
    }
  }

  /** What the plan says about every job: name, needs, runner, time limit, permissions, condition. */
  private base(job: JobBase, steps: Step[], extra: Partial<Job> = {}): Job {
    // Every job states its token scopes: contents read, raised only where the plan says.
    const permissions: Record<string, github.workflows.JobPermission> = {
      contents: job.writes.includes('contents') ? JobPermission.WRITE : JobPermission.READ,
    };
    for (const scope of job.writes) if (scope !== 'contents') permissions[scope === 'id-token' ? 'idToken' : scope] = JobPermission.WRITE;
    return {
      name: job.title,
      needs: job.needs.length > 0 ? [...job.needs] : undefined,
      if: job.condition,
      runsOn: [job.runner],
      timeoutMinutes: job.timeoutMinutes,
      permissions,
      ...extra,
      steps,
    };
  }

  private downloadDist(): Step {
    return {
      id: 'download',
      name: 'Download the checked distributions',
      uses: this.steps.uses(ACTIONS.downloadArtifact),
      with: { name: this.plan.distArtifact, path: 'dist' },
    };
  }

  private planJob(job: PlanJob): Job {
    const dispatch = this.plan.config.releaseTrigger === ReleaseTrigger.DISPATCH;
    return this.base(job, [
      this.steps.checkout(),
      {
        id: 'plan',
        name: 'Decide version, channel and pre-release',
        // A release started by hand names its version; the plan checks (read-only) that its tag is not taken.
        env: { DRY_RUN: '${{ inputs.dry-run }}', ...(dispatch ? { RELEASE_VERSION: '${{ inputs.version }}', GH_TOKEN: '${{ github.token }}' } : {}) },
        run: tool(this.plan.config, 'plan'),
      },
    ], {
      outputs: Object.fromEntries(PLAN_OUTPUTS.map((o) => [o, { stepId: 'plan', outputName: o }])),
    });
  }

  private buildJob(job: BuildJob): Job {
    const { config } = this.plan;
    const { platform, target } = job;
    const steps: Step[] = [this.steps.checkout()];
    const setUp = new Map<string, string>();
    const interpreterArg = (interpreter: Interpreter): string => {
      // manylinux images name every interpreter `python3.X`, `python3.Xt`, `pypy3.X` on PATH
      // (and maturin falls back to its own configuration for the rest, e.g. GraalPy).
      if (platform.linuxContainer) return interpreter.executable;
      // Exact interpreters from setup-python: Windows has no `python3.X` executables,
      // and the runner's own Pythons must never leak into the wheel set.
      let ref = setUp.get(interpreter.spec);
      if (!ref) {
        const step = this.steps.setupPython(interpreter, { 'architecture': pythonArchitecture(platform), 'update-environment': false });
        steps.push(step);
        ref = `\${{ steps.${step.id}.outputs.python-path }}`;
        setUp.set(interpreter.spec, ref);
        if (config.bindings === Bindings.CFFI) {
          // maturin imports cffi to generate the bindings (the Linux images have it).
          steps.push({ id: `cffi-${step.id}`, name: `Install cffi for ${interpreter.title}`, env: { PYTHON: ref }, run: '"$PYTHON" -m pip install cffi' });
        }
      }
      return ref;
    };
    job.invocations.forEach((invocation, n) => {
      const args = invocation.interpreters.map(interpreterArg);
      const specs = invocation.interpreters.map((i) => i.spec);
      const name = specs.length > 0 ? `Build wheels for Python ${specs.join(', ')}${invocation.features ? ' (abi3)' : ''}` : 'Build the wheel';
      steps.push(this.steps.maturinBuild(config, target, args, name, n === 0 ? 'build' : `build-${n + 1}`, invocation.features));
    });
    // maturin runs in the package directory, so `--out dist` is there.
    steps.push(this.steps.upload(job.artifact, repoPath(config.packageDirectory, 'dist/*.whl')));
    return this.base(job, steps);
  }

  private sdistJob(job: SdistJob): Job {
    const { config } = this.plan;
    const inPackage = config.packageDirectory === '.' ? {} : { 'working-directory': config.packageDirectory };
    return this.base(job, [
      this.steps.checkout(),
      {
        id: 'build',
        name: 'Build sdist',
        uses: this.steps.uses(ACTIONS.maturin),
        with: { 'command': 'sdist', 'maturin-version': `v${config.maturinVersion}`, 'args': '--out dist', ...rustToolchainInput(config), 'sccache': 'false', ...inPackage },
      },
      this.steps.upload(job.artifact, repoPath(config.packageDirectory, 'dist/*.tar.gz')),
    ]);
  }

  private checkJob(job: CheckJob): Job {
    return this.base(job, [
      this.steps.checkout(),
      {
        id: 'download',
        name: 'Download wheels and sdist',
        uses: this.steps.uses(ACTIONS.downloadArtifact),
        with: { 'pattern': this.plan.buildArtifactPattern, 'path': 'dist', 'merge-multiple': true },
      },
      {
        id: 'check',
        name: 'Compare dist/ with the promised wheel set',
        env: { VERSION: planOutput('version') },
        run: tool(this.plan.config, 'check-dist dist'),
      },
      this.steps.upload(this.plan.distArtifact, 'dist/'),
    ]);
  }

  /** The wheels of the builds a test job waits for: its own target's, not the checked set (check-dist runs beside the tests). */
  private downloadBuilds(job: TestJob): Step[] {
    return job.artifacts.map((artifact, n) => ({
      id: job.artifacts.length === 1 ? 'download' : `download-${n + 1}`,
      name: `Download ${artifact}`,
      uses: this.steps.uses(ACTIONS.downloadArtifact),
      with: { name: artifact, path: 'dist' },
    }));
  }

  private testJob(job: TestJob): Job {
    const { config } = this.plan;
    const steps: Step[] = [this.steps.checkout(), ...this.downloadBuilds(job)];
    const mode = job.target.test;
    const env = { PACKAGE: config.packageName, VERSION: planOutput('pep440') };
    if (mode.kind === 'container' && mode.emulated) {
      steps.push({
        id: 'qemu',
        name: 'Set up QEMU',
        uses: this.steps.uses(ACTIONS.setupQemu),
        with: { platforms: mode.dockerPlatform.replace(/^linux\//, '').replace(/\/.*$/, '') },
      });
    }
    const uv = config.testInstaller === TestInstaller.UV && mode.kind === 'native';
    if (uv) steps.push(this.steps.setupUv());
    if (job.concurrent) {
      // Each version in its own virtual environment, all at once; the logs are printed one after another.
      const pythons: Record<string, string> = {};
      for (const interpreter of job.interpreters) {
        const setup = this.steps.setupPython(interpreter, { 'architecture': pythonArchitecture(job.platform), 'update-environment': false });
        steps.push(setup);
        pythons[pythonVariable(interpreter)] = `\${{ steps.${setup.id}.outputs.python-path }}`;
      }
      steps.push({
        id: 'test',
        name: `Install the wheel and run the tests on ${job.interpreters.map((i) => i.title).join(', ')}, at the same time`,
        env: { ...env, ...pythons },
        run: concurrentTestScript(config, job.interpreters.map((i) => ({ title: i.title, variable: pythonVariable(i) })), uv),
      });
      return this.base(job, steps);
    }
    for (const interpreter of job.interpreters) {
      const suffix = interpreter.spec.replace(/\./g, '-');
      if (mode.kind === 'native') {
        steps.push(this.steps.setupPython(interpreter, { architecture: pythonArchitecture(job.platform) }));
        steps.push({
          id: `test-${suffix}`,
          name: `Install the wheel and run the tests on ${interpreter.title}`,
          env,
          run: installAndTestScript(config, true, { workspace: '$GITHUB_WORKSPACE', install: uv ? UV_INSTALL : undefined, uv }),
        });
      } else {
        const name = `tests-${suffix}`;
        const image = testImage(interpreter, mode.libc, mode.dockerPlatform)!;
        steps.push({
          id: `test-${suffix}`,
          name: `Install the wheel and run the tests on ${interpreter.title} (${image}, ${mode.dockerPlatform}${mode.emulated ? ', emulated' : ''})`,
          env,
          run: [
            `docker run --detach --name ${name} --platform ${mode.dockerPlatform} --volume "$PWD:/io" --workdir /io ${image} sleep infinity`,
            `trap 'docker rm --force ${name} >/dev/null' EXIT`,
            installAndTestScript(config, true, { container: name, workspace: '/io' }),
          ].join('\n'),
        });
      }
    }
    return this.base(job, steps);
  }

  private publishJob(job: PublishJob): Job {
    const { index } = job;
    const publishWith: Record<string, unknown> = { 'skip-existing': true, 'print-hash': true };
    if (index.channel !== 'pypi') publishWith['repository-url'] = index.uploadUrl;
    if (index.tokenSecret !== undefined) {
      publishWith.password = `\${{ secrets.${index.tokenSecret} }}`;
      // PEP 740 attestations need trusted publishing.
      publishWith.attestations = false;
    }
    const steps: Step[] = [this.downloadDist()];
    if (job.attest) {
      // SLSA build provenance for every file (no predicate inputs: the action's provenance mode).
      steps.push({ id: 'attest', name: 'Attest build provenance', uses: this.steps.uses(ACTIONS.attest), with: { 'subject-path': 'dist/*' } });
      steps.push({
        id: 'attest-failed',
        name: 'Explain a failed attestation',
        if: "failure() && steps.attest.outcome == 'failure'",
        env: { VISIBILITY: '${{ github.event.repository.visibility }}' },
        run: ATTEST_FAILED_SCRIPT,
      });
    }
    steps.push({ id: 'publish', name: `Publish to ${index.title}`, uses: this.steps.uses(ACTIONS.pypiPublish), with: publishWith });
    return this.base(job, steps, index.environment === undefined ? {} : {
      environment: { name: index.environment, url: `${index.projectUrl}${planOutput('pep440')}/` },
    });
  }

  private verifyJob(job: VerifyJob): Job {
    return this.base(job, [
      this.steps.checkout(),
      this.downloadDist(),
      this.steps.setupPython(job.interpreter, { architecture: pythonArchitecture(job.platform) }),
      {
        id: 'verify',
        name: 'Install from the index, import, and compare the index\'s files with the checked build',
        env: { CHANNEL: planOutput('channel'), VERSION: planOutput('pep440'), DIST_DIR: 'dist' },
        run: tool(this.plan.config, 'verify-install'),
      },
    ]);
  }

  private tagJob(job: TagJob): Job {
    return this.base(job, [
      this.steps.checkout(),
      {
        id: 'tag',
        name: 'Tag the commit the release was built from',
        env: { GH_TOKEN: '${{ github.token }}', TAG: planOutput('tag'), VERSION: planOutput('version'), TAG_SHA: '${{ github.sha }}' },
        run: tool(this.plan.config, 'create-tag'),
      },
    ]);
  }

  private githubReleaseJob(job: GithubReleaseJob): Job {
    const steps: Step[] = [this.steps.checkout()];
    if (job.attach) steps.push(this.downloadDist());
    steps.push({
      id: 'release',
      name: 'Create or update the GitHub Release',
      env: {
        GH_TOKEN: '${{ github.token }}',
        TAG: planOutput('tag'),
        VERSION: planOutput('version'),
        PRERELEASE: planOutput('prerelease'),
        RELEASE_DRAFT: String(job.draft),
        RELEASE_ASSETS: job.attach ? 'dist' : '',
      },
      run: tool(this.plan.config, 'github-release'),
    });
    return this.base(job, steps);
  }
}

/** The release workflow's jobs, one per planned job, in plan order. */
export function emitReleaseJobs(plan: ReleasePlan): Record<string, Job> {
  const emitter = new ReleaseJobEmitter(plan);
  return Object.fromEntries(plan.jobs.map((job) => [job.id, emitter.emit(job)]));
}

/** Triggers, run name, permissions, concurrency and defaults of the release workflow. */
export function releaseWorkflowSettings(plan: ReleasePlan): WorkflowSettings {
  const { config } = plan;
  const dispatch = config.releaseTrigger === ReleaseTrigger.DISPATCH;
  const dryRun = {
    description: dispatch
      ? 'Rehearse: plan, build and test; never publishes or tags. Turn it off to release the version.'
      : 'Rehearse: plan, build and test the current version; never publishes. Releases come from tag pushes.',
    type: 'boolean',
    required: true,
    default: true,
  };
  const on = dispatch
    ? {
      workflow_dispatch: {
        inputs: {
          'version': {
            description: `The version to release, as in the version source (e.g. 1.2.3); tagged ${config.tag.prefix}<version> after publishing. Empty in a dry run: the current version.`,
            type: 'string',
            required: false,
            default: '',
          },
          'dry-run': dryRun,
        },
      },
    }
    : { push: { tags: [config.tag.pattern] }, workflow_dispatch: { inputs: { 'dry-run': dryRun } } };
  return {
    // Several release workflows in one repository are told apart by their package.
    'name': config.workflowName === DEFAULT_WORKFLOW_NAME ? 'Release' : `Release ${config.packageName}`,
    'run-name': dispatch
      ? 'Release ${{ inputs.version || github.ref_name }}${{ inputs.dry-run && \' (dry run)\' || \'\' }}'
      : 'Release ${{ github.ref_name }}${{ github.event_name == \'workflow_dispatch\' && \' (dry run)\' || \'\' }}',
    'on': on,
    'permissions': { contents: 'read' },
    // One run per release at a time, never cancelled while publishing. Dry runs have groups of their own:
    // GitHub cancels a pending run when another queues in its group, so a dry run must never queue
    // behind (or replace) a release. A release is keyed by its tag, or by the version it was started with.
    'concurrency': {
      'group': dispatch
        ? `${config.workflowName}-\${{ inputs.dry-run && 'dry-run-' || '' }}\${{ inputs.version || github.ref }}`
        : `${config.workflowName}-\${{ github.event_name == 'workflow_dispatch' && 'dry-run-' || '' }}\${{ github.ref }}`,
      'cancel-in-progress': false,
    },
    'defaults': { run: { shell: 'bash' } },
  };
}
