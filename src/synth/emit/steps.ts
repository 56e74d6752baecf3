import { github } from 'projen';
import { ActionCatalog, ActionRelease, ACTIONS, actionRef } from './actions';
import { shellQuote } from '../../core/shell';
import { ResolvedConfig } from '../config';
import { ActionPinning } from '../options';
import { PlatformSpec } from '../plan/targets';

/** A workflow step, in projen's typed workflow model. */
export type Step = github.workflows.JobStep;

/** Builds steps that use the configured action pins. */
export class StepFactory {
  constructor(private readonly pinning: ActionPinning, private readonly catalog: ActionCatalog) {}

  /** The `uses:` value of an action under the configured pinning and pins. */
  public uses(action: ActionRelease): string {
    return actionRef(action, this.pinning, this.catalog);
  }

  public checkout(): Step {
    return { id: 'checkout', name: 'Check out', uses: this.uses(ACTIONS.checkout), with: { 'persist-credentials': false } };
  }

  public setupPython(version: string, extra: Record<string, unknown> = {}, id = `python-${version.replace(/\./g, '-')}`): Step {
    return { id, name: `Set up Python ${version}`, uses: this.uses(ACTIONS.setupPython), with: { 'python-version': version, ...extra } };
  }

  /** maturin-action building wheels for `interpreters` (names or paths) on one platform. */
  public maturinBuild(config: ResolvedConfig, platform: PlatformSpec, interpreters: string[], name: string): Step {
    const inputs: Record<string, unknown> = {
      'command': 'build',
      'target': platform.maturinTarget,
      'args': ['--release', '--out', 'dist', '--interpreter', ...interpreters].join(' '),
      'rust-toolchain': config.rustToolchain,
      // No compiler cache: in a release a poisoned cache would ship in the wheels.
      'sccache': 'false',
    };
    if (platform.linuxContainer === 'manylinux') inputs.manylinux = config.manylinux;
    if (platform.linuxContainer === 'musllinux') inputs.manylinux = 'musllinux_1_2';
    return { id: 'build', name, uses: this.uses(ACTIONS.maturin), with: inputs };
  }

  public upload(name: string, path: string): Step {
    return {
      id: 'upload',
      name: `Upload ${name}`,
      uses: this.uses(ACTIONS.uploadArtifact),
      // overwrite: a re-run of the job replaces its own artifact instead of failing on the name.
      with: { name, path, 'if-no-files-found': 'error', 'retention-days': 30, 'overwrite': true },
    };
  }
}

/** setup-python's architecture for a platform's runner. */
export function pythonArchitecture(platform: PlatformSpec): string {
  return platform.maturinTarget === 'aarch64' ? 'arm64' : 'x64';
}

/**
 * Installs the package's wheel from `dist/` (never a glob, never the sdist),
 * then its dependencies and the test requirements from the index, then runs
 * the tests. `$PACKAGE` names the package; `$VERSION`, when pinned, the version.
 */
export function installAndTestScript(config: ResolvedConfig, pinVersion: boolean): string {
  const requirement = pinVersion ? '"$PACKAGE==$VERSION"' : '"$PACKAGE"';
  const requirements = config.testRequirements.map(shellQuote).join(' ');
  return [
    `python -m pip install --only-binary :all: --no-index --no-deps --find-links dist ${requirement}`,
    `python -m pip install ${requirement}`,
    ...(requirements ? [`python -m pip install ${requirements}`] : []),
    config.testCommand,
  ].join('\n');
}
