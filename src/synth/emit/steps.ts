import { ACTIONS, actionRef } from './actions';
import { shellQuote } from '../../core/shell';
import { ResolvedConfig } from '../config';
import { ActionPinning } from '../options';
import { PlatformSpec } from '../plan/targets';

/** A workflow step, with GitHub's own key names. */
export type Step = Record<string, unknown>;

export function checkoutStep(pinning: ActionPinning): Step {
  return { name: 'Check out', uses: actionRef(ACTIONS.checkout, pinning), with: { 'persist-credentials': false } };
}

export function setupPythonStep(pinning: ActionPinning, version: string, extra: Record<string, unknown> = {}, id?: string): Step {
  return {
    ...(id ? { id } : {}),
    name: `Set up Python ${version}`,
    uses: actionRef(ACTIONS.setupPython, pinning),
    with: { 'python-version': version, ...extra },
  };
}

/** setup-python's architecture for a platform's runner. */
export function pythonArchitecture(platform: PlatformSpec): string {
  return platform.maturinTarget === 'aarch64' ? 'arm64' : 'x64';
}

/** maturin-action building wheels for `interpreters` (names or paths) on one platform. */
export function maturinBuildStep(config: ResolvedConfig, platform: PlatformSpec, interpreters: string[], name: string): Step {
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
  return { name, uses: actionRef(ACTIONS.maturin, config.actionPinning), with: inputs };
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
