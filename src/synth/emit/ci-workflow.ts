import { github } from 'projen';
import { StepFactory, installAndTestScript } from './steps';
import { Job, WorkflowSettings } from './workflow';
import { PROJEN_MATURIN_VERSION } from '../../core/generated-files';
import { repoPath } from '../../core/package-layout';
import { ResolvedConfig, ResolvedTarget } from '../config';
import { Bindings, WheelPlatform } from '../options';
import { buildImage, runnerArch } from '../plan/build-images';
import { PLATFORMS } from '../plan/targets';

/**
 * The pull-request workflow of a new maturin project: the crate's formatting,
 * lints and Rust tests, and the Linux x86_64 wheel for the newest configured
 * Python built and tested.
 */
export function emitCiWorkflow(config: ResolvedConfig): { settings: WorkflowSettings; jobs: Record<string, Job> } {
  const steps = new StepFactory(config.actionPinning, config.actions);
  const cpython = config.interpreters.filter((i) => i.kind === 'cpython');
  const python = cpython[cpython.length - 1] ?? config.interpreters[config.interpreters.length - 1];
  // The abi3 wheel is built with the lowest CPython, as in the release; bin and UniFFI need none.
  const built = config.abi3MinimumPython ? cpython[0] : python;
  const interpreter = config.bindings === Bindings.BIN || config.bindings === Bindings.UNIFFI ? [] : [built.executable];
  const platform = PLATFORMS[WheelPlatform.LINUX_X86_64];
  const runner = config.runners.platforms[WheelPlatform.LINUX_X86_64];
  const arch = runnerArch(runner);
  const target: ResolvedTarget = config.targets.find((t) => t.platform.id === WheelPlatform.LINUX_X86_64) ?? {
    platform,
    runner,
    runnerArch: arch,
    test: platform.test,
    // The release's level where x86_64 has an image for it (manylinux 2_31 is riscv64's), else the lowest.
    level: buildImage(platform, config.manylinux, arch ?? 'x64') ? config.manylinux : 'auto',
    interpreters: [built],
    leftOut: [],
    testInterpreters: [python],
    maturinArgs: [],
    env: {},
  };
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
      // The generated release files must be what `npx projen` produces: the release's plan job refuses them
      // otherwise, so a pull request that edits them (a dependency bot bumping a pin) fails here instead.
      generated: {
        name: 'Generated release files',
        runsOn: [config.runners.utility],
        timeoutMinutes: config.timeouts.check,
        permissions: { contents: github.workflows.JobPermission.READ },
        // The projen-maturin that generated them (this project has no package.json to pin it in).
        steps: [steps.checkout(), { name: 'projen-maturin check', run: `npx --yes projen-maturin@${PROJEN_MATURIN_VERSION} check` }],
      },
      rust: {
        name: `Rust: format, lint and test (${python.title})`,
        runsOn: [target.runner],
        timeoutMinutes: config.timeouts.wheelBuild,
        permissions: { contents: github.workflows.JobPermission.READ },
        steps: [
          steps.checkout(),
          // pyo3 builds against this Python, and `cargo test` links its libpython.
          steps.setupPython(python),
          // The runner's rustup; the components are there on GitHub's images, and added where not.
          { name: 'Add rustfmt and clippy', run: 'rustup component add rustfmt clippy' },
          { name: 'Check formatting', run: 'cargo fmt --all --check' },
          { name: 'Lint', run: 'cargo clippy --all-targets -- -D warnings' },
          { name: 'Rust tests', run: 'cargo test' },
        ],
      },
      test: {
        name: `Build and test (Linux x86_64, ${python.title})`,
        runsOn: [target.runner],
        timeoutMinutes: config.timeouts.wheelBuild,
        permissions: { contents: github.workflows.JobPermission.READ },
        steps: [
          steps.checkout(),
          steps.setupPython(python),
          steps.maturinBuild(config, target, interpreter, 'Build the wheel'),
          {
            id: 'test',
            name: 'Install the wheel and run the tests',
            env: { PACKAGE: config.packageName },
            // The wheel is built where the package is.
            run: installAndTestScript(config, false, { workspace: '$GITHUB_WORKSPACE', dist: repoPath(config.packageDirectory, 'dist') }),
          },
        ],
      },
    },
  };
}
