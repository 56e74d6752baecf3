import { ACTIONS, ActionRelease, actionRef } from './actions';
import { Step, checkoutStep, installAndTestScript, maturinBuildStep, pythonArchitecture, setupPythonStep } from './steps';
import { RELEASE_TOOLS_PATH } from '../../core/paths';
import { BuildJobPlan, IndexPlan, ReleasePlan, TestJobPlan } from '../plan/release-plan';

/** A workflow job, with GitHub's own key names. */
export type Job = Record<string, unknown>;

/** Names of the plan job's outputs; every later decision reads these. */
export const PLAN_OUTPUTS = ['tag', 'version', 'pep440', 'channel', 'prerelease', 'publish'] as const;

const planOutput = (output: (typeof PLAN_OUTPUTS)[number]) => `\${{ needs.plan.outputs.${output} }}`;
const tool = (command: string) => `node ${RELEASE_TOOLS_PATH} ${command}`;

class WorkflowEmitter {
  constructor(private readonly plan: ReleasePlan) {}

  private uses(action: ActionRelease): string {
    return actionRef(action, this.plan.config.actionPinning);
  }

  private checkout(): Step {
    return checkoutStep(this.plan.config.actionPinning);
  }

  private downloadDist(): Step {
    return {
      name: 'Download the checked distributions',
      uses: this.uses(ACTIONS.downloadArtifact),
      with: { name: this.plan.distArtifact, path: 'dist' },
    };
  }

  private setupPython(version: string, extra: Record<string, unknown> = {}, id?: string): Step {
    return setupPythonStep(this.plan.config.actionPinning, version, extra, id);
  }

  private planJob(): Job {
    const { config } = this.plan;
    return {
      'name': 'Plan the release',
      'runs-on': config.runners.utility,
      'timeout-minutes': config.timeouts.plan,
      'outputs': Object.fromEntries(PLAN_OUTPUTS.map((o) => [o, `\${{ steps.plan.outputs.${o} }}`])),
      'steps': [
        this.checkout(),
        {
          id: 'plan',
          name: 'Decide version, channel and pre-release',
          env: { DRY_RUN: '${{ inputs.dry-run }}' },
          run: tool('plan'),
        },
      ],
    };
  }

  private buildJob(build: BuildJobPlan): Job {
    const { config } = this.plan;
    const platform = build.platform;
    const steps: Step[] = [this.checkout()];
    let interpreterArgs: string[];
    if (platform.linuxContainer) {
      // manylinux/musllinux images name every CPython `pythonX.Y` on PATH.
      interpreterArgs = build.interpreters.map((v) => `python${v}`);
    } else {
      // Exact interpreters from setup-python: Windows has no `pythonX.Y` executables,
      // and the runner's own Pythons must never leak into the wheel set.
      interpreterArgs = build.interpreters.map((v) => {
        const id = `python-${v.replace('.', '-')}`;
        steps.push(this.setupPython(v, { 'architecture': pythonArchitecture(platform), 'update-environment': false }, id));
        return `\${{ steps.${id}.outputs.python-path }}`;
      });
    }
    steps.push(maturinBuildStep(config, platform, interpreterArgs, `Build wheels for Python ${build.interpreters.join(', ')}`));
    steps.push(this.upload(build.artifact, 'dist/*.whl'));
    return {
      'name': `Build wheels (${platform.title})`,
      'needs': 'plan',
      'runs-on': build.runner,
      'timeout-minutes': config.timeouts.wheelBuild,
      steps,
    };
  }

  private upload(name: string, path: string): Step {
    return {
      name: `Upload ${name}`,
      uses: this.uses(ACTIONS.uploadArtifact),
      // overwrite: a re-run of the job replaces its own artifact instead of failing on the name.
      with: { name, path, 'if-no-files-found': 'error', 'retention-days': 30, 'overwrite': true },
    };
  }

  private sdistJob(id: string, artifact: string): [string, Job] {
    const { config } = this.plan;
    return [id, {
      'name': 'Build the source distribution',
      'needs': 'plan',
      'runs-on': config.runners.utility,
      'timeout-minutes': config.timeouts.wheelBuild,
      'steps': [
        this.checkout(),
        { name: 'Build sdist', uses: this.uses(ACTIONS.maturin), with: { 'command': 'sdist', 'args': '--out dist', 'rust-toolchain': config.rustToolchain, 'sccache': 'false' } },
        this.upload(artifact, 'dist/*.tar.gz'),
      ],
    }];
  }

  private checkJob(): Job {
    const { config } = this.plan;
    const producers = [...this.plan.builds.map((b) => b.id), ...(this.plan.sdist ? [this.plan.sdist.id] : [])];
    return {
      'name': 'Check the wheel set',
      'needs': ['plan', ...producers],
      'runs-on': config.runners.utility,
      'timeout-minutes': config.timeouts.check,
      'steps': [
        this.checkout(),
        {
          name: 'Download wheels and sdist',
          uses: this.uses(ACTIONS.downloadArtifact),
          with: { 'pattern': this.plan.buildArtifactPattern, 'path': 'dist', 'merge-multiple': true },
        },
        {
          name: 'Compare dist/ with the promised wheel set',
          env: { VERSION: planOutput('version') },
          run: tool('check-dist dist'),
        },
        this.upload(this.plan.distArtifact, 'dist/'),
      ],
    };
  }

  private testJob(test: TestJobPlan): Job {
    const { config } = this.plan;
    const steps: Step[] = [this.checkout(), this.downloadDist()];
    for (const version of test.pythonVersions) {
      steps.push(this.setupPython(version, { architecture: pythonArchitecture(test.platform) }));
      steps.push({
        name: `Install the wheel and run the tests on Python ${version}`,
        env: { PACKAGE: config.packageName, VERSION: planOutput('pep440') },
        run: installAndTestScript(config, true),
      });
    }
    return {
      'name': `Test wheels (${test.platform.title})`,
      'needs': ['plan', this.plan.checkJobId],
      'runs-on': test.runner,
      'timeout-minutes': config.timeouts.test,
      steps,
    };
  }

  private publishJob(index: IndexPlan, gate: string[]): Job {
    const { config } = this.plan;
    const trusted = index.tokenSecret === undefined;
    const permissions: Record<string, string> = { contents: 'read' };
    if (trusted || this.plan.attest) permissions['id-token'] = 'write';
    if (this.plan.attest) permissions.attestations = 'write';
    const publishWith: Record<string, unknown> = { 'skip-existing': true, 'print-hash': true };
    if (index.channel !== 'pypi') publishWith['repository-url'] = index.uploadUrl;
    if (!trusted) {
      publishWith.password = `\${{ secrets.${index.tokenSecret} }}`;
      // PEP 740 attestations need trusted publishing.
      publishWith.attestations = false;
    }
    const steps: Step[] = [this.downloadDist()];
    if (this.plan.attest) {
      steps.push({ name: 'Attest build provenance', uses: this.uses(ACTIONS.attestBuildProvenance), with: { 'subject-path': 'dist/*' } });
    }
    steps.push({ name: `Publish to ${index.title}`, uses: this.uses(ACTIONS.pypiPublish), with: publishWith });
    return {
      'name': `Publish to ${index.title}`,
      'needs': gate,
      'if': `needs.plan.outputs.publish == 'true' && needs.plan.outputs.channel == '${index.channel}'`,
      'runs-on': config.runners.utility,
      'timeout-minutes': config.timeouts.publish,
      'environment': { name: index.environment, url: `${index.projectUrl}${planOutput('pep440')}/` },
      permissions,
      steps,
    };
  }

  /** `if:` for a job after the publish jobs, exactly one of which ran. */
  private afterPublish(extra: string[] = []): string {
    const published = this.plan.indexes.map((i) => `needs.${i.jobId}.result == 'success'`).join(' || ');
    return ['!cancelled()', "needs.plan.outputs.publish == 'true'", `(${published})`, ...extra].join(' && ');
  }

  private verifyJob(verify: NonNullable<ReleasePlan['verify']>): Job {
    const { config } = this.plan;
    return {
      'name': 'Install the published release',
      'needs': ['plan', ...this.plan.indexes.map((i) => i.jobId)],
      'if': this.afterPublish(),
      'runs-on': verify.runner,
      'timeout-minutes': config.timeouts.verify,
      'steps': [
        this.checkout(),
        this.downloadDist(),
        this.setupPython(verify.pythonVersion),
        {
          name: 'Install from the index, import, and compare the index\'s files with the checked build',
          env: { CHANNEL: planOutput('channel'), VERSION: planOutput('pep440'), DIST_DIR: 'dist' },
          run: tool('verify-install'),
        },
      ],
    };
  }

  private githubReleaseJob(release: NonNullable<ReleasePlan['githubRelease']>): Job {
    const { config } = this.plan;
    const needs = ['plan', ...this.plan.indexes.map((i) => i.jobId), ...(this.plan.verify ? [this.plan.verify.id] : [])];
    const steps: Step[] = [this.checkout()];
    if (release.attach) steps.push(this.downloadDist());
    steps.push({
      name: 'Create or update the GitHub Release',
      env: {
        GH_TOKEN: '${{ github.token }}',
        TAG: planOutput('tag'),
        VERSION: planOutput('version'),
        PRERELEASE: planOutput('prerelease'),
        RELEASE_DRAFT: String(release.draft),
        RELEASE_ASSETS: release.attach ? 'dist' : '',
      },
      run: tool('github-release'),
    });
    return {
      'name': 'GitHub Release',
      needs,
      'if': this.afterPublish(this.plan.verify ? [`needs.${this.plan.verify.id}.result == 'success'`] : []),
      'runs-on': config.runners.utility,
      'timeout-minutes': config.timeouts.githubRelease,
      'permissions': { contents: 'write' },
      steps,
    };
  }

  emit(): Record<string, unknown> {
    const { config } = this.plan;
    const jobs: Record<string, Job> = { plan: this.planJob() };
    for (const build of this.plan.builds) jobs[build.id] = this.buildJob(build);
    if (this.plan.sdist) {
      const [id, job] = this.sdistJob(this.plan.sdist.id, this.plan.sdist.artifact);
      jobs[id] = job;
    }
    jobs[this.plan.checkJobId] = this.checkJob();
    for (const test of this.plan.tests) jobs[test.id] = this.testJob(test);
    // Nothing is published unless every test job passed.
    const gate = ['plan', this.plan.checkJobId, ...this.plan.tests.map((t) => t.id)];
    for (const index of this.plan.indexes) jobs[index.jobId] = this.publishJob(index, gate);
    if (this.plan.verify) jobs[this.plan.verify.id] = this.verifyJob(this.plan.verify);
    if (this.plan.githubRelease) jobs[this.plan.githubRelease.id] = this.githubReleaseJob(this.plan.githubRelease);

    return {
      'name': 'Release',
      'run-name': 'Release ${{ github.ref_name }}${{ github.event_name == \'workflow_dispatch\' && \' (dry run)\' || \'\' }}',
      'on': {
        push: { tags: [config.tag.pattern] },
        workflow_dispatch: {
          inputs: {
            'dry-run': {
              description: 'Rehearse: plan, build and test the current version; never publishes. Releases come from tag pushes.',
              type: 'boolean',
              required: true,
              default: true,
            },
          },
        },
      },
      'permissions': { contents: 'read' },
      // One release per ref at a time, and never cancel one that is publishing.
      'concurrency': { 'group': '${{ github.workflow }}-${{ github.ref }}', 'cancel-in-progress': false },
      'defaults': { run: { shell: 'bash' } },
      jobs,
    };
  }
}

/** The release workflow for a plan, as a plain object with GitHub's key names. */
export function emitReleaseWorkflow(plan: ReleasePlan): Record<string, unknown> {
  return new WorkflowEmitter(plan).emit();
}
