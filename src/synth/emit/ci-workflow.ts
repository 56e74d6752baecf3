import { github } from 'projen';
import { StepFactory, installAndTestScript } from './steps';
import { Job, WorkflowSettings } from './workflow';
import { ResolvedConfig } from '../config';
import { WheelPlatform } from '../options';
import { PLATFORMS } from '../plan/targets';

/**
 * The pull-request workflow of a new maturin project: build the Linux x86_64
 * wheel for the newest configured Python and run the tests against it.
 */
export function emitCiWorkflow(config: ResolvedConfig): { settings: WorkflowSettings; jobs: Record<string, Job> } {
  const steps = new StepFactory(config.actionPinning, config.actions);
  const python = config.testPythonVersions[config.testPythonVersions.length - 1];
  const interpreter = config.abi3MinimumPython ? [`python${config.abi3MinimumPython}`] : [`python${python}`];
  return {
    settings: {
      name: 'CI',
      on: { pull_request: {}, push: { branches: ['main'] } },
      permissions: { contents: 'read' },
      // A newer push to the same branch or pull request makes the older run moot.
      concurrency: { 'group': '${{ github.workflow }}-${{ github.ref }}', 'cancel-in-progress': true },
      defaults: { run: { shell: 'bash' } },
    },
    jobs: {
      test: {
        name: `Build and test (Linux x86_64, Python ${python})`,
        runsOn: [config.runners.platforms[WheelPlatform.LINUX_X86_64]],
        timeoutMinutes: config.timeouts.wheelBuild,
        permissions: { contents: github.workflows.JobPermission.READ },
        steps: [
          steps.checkout(),
          steps.setupPython(python),
          steps.maturinBuild(config, PLATFORMS[WheelPlatform.LINUX_X86_64], interpreter, 'Build the wheel'),
          {
            id: 'test',
            name: 'Install the wheel and run the tests',
            env: { PACKAGE: config.packageName },
            run: installAndTestScript(config, false),
          },
        ],
      },
    },
  };
}
