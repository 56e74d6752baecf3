import { RUNNER_LABELS } from './runner-labels';
import { MANYLINUX_VALUES, MUSLLINUX_VALUES, PlatformSpec } from './targets';
import { MATURIN_ACTION } from '../../core/facts/maturin-action';
import { RUNNER_IMAGES } from '../../core/facts/runner-images';
import { RunnerArch } from '../../core/facts/types';

export type { RunnerArch };

/** The runner architectures GitHub hosts: maturin-action's container table has a column for each. */
export const RUNNER_ARCHES: readonly RunnerArch[] = ['x64', 'arm64'];

/**
 * The architecture of a GitHub-hosted runner label: from the runner-images README, or for a
 * label it no longer lists, from the lifecycle table. Undefined for labels GitHub does not
 * host (self-hosted, larger runners with custom names).
 */
export function runnerArch(label: string): RunnerArch | undefined {
  return RUNNER_IMAGES.labels.find((l) => l.label === label)?.arch ?? RUNNER_LABELS.find((l) => l.label === label)?.arch;
}

/** The Rust target maturin-action builds for a Linux platform's `target` input. */
export function rustTarget(platform: PlatformSpec): string | undefined {
  if (!platform.linuxContainer) return undefined;
  return MATURIN_ACTION.targetAliases[platform.linuxContainer][platform.maturinTarget] ?? platform.maturinTarget;
}

/** maturin-action's `manylinux` input for a platform's level, without the "manylinux_" prefix the action strips. */
export function manylinuxInput(platform: PlatformSpec, level: string): string {
  return platform.linuxContainer === 'musllinux' ? `musllinux_${level}` : level;
}

/**
 * The image maturin-action builds a Linux platform's wheels in at `level` on a runner of
 * `arch` (its `DEFAULT_CONTAINERS`), or undefined where the table has none: there the
 * action takes another target's image or builds on the runner, and the wheels are wrong.
 */
export function buildImage(platform: PlatformSpec, level: string, arch: RunnerArch): string | undefined {
  const target = rustTarget(platform);
  if (target === undefined) return undefined;
  return MATURIN_ACTION.defaultContainers[arch]?.[target]?.[manylinuxInput(platform, level)];
}

/** The levels of the option's values that have a build image for the platform on a runner of `arch`. */
export function levelsWithImage(platform: PlatformSpec, arch: RunnerArch): string[] {
  const values = platform.linuxContainer === 'musllinux' ? MUSLLINUX_VALUES : MANYLINUX_VALUES;
  return values.filter((level) => buildImage(platform, level, arch) !== undefined);
}

/** Whether a variable set on the maturin-action step reaches its build container without help. */
export function reachesContainer(name: string): boolean {
  return !MATURIN_ACTION.dockerEnvForbidden.includes(name) && MATURIN_ACTION.dockerEnvPrefixes.some((prefix) => name.startsWith(prefix));
}
