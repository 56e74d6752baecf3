import { MATURIN_ACTION } from '../../../src/core/facts/maturin-action';
import { RUNNER_IMAGES } from '../../../src/core/facts/runner-images';
import { reachesContainer, runnerArch } from '../../../src/synth/plan/build-images';
import { labelStatus, runnerLabel, synthesisClock } from '../../../src/synth/plan/runner-labels';
import type { SemanticRule, StepAt } from '../workflow-semantics';
import { runsOn, stepsOf, stepsUsing } from '../workflow-semantics';

// maturin-action splits docker-options with string-argv (an ES module with a CommonJS build).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseArgsStringToArgv: stringArgv } = require('string-argv') as typeof import('string-argv', { with: { 'resolution-mode': 'import' } });

/** The container platforms a runner's CPU runs without QEMU. */
const NATIVE_PLATFORMS: Record<string, readonly string[]> = { x64: ['linux/amd64', 'linux/386'], arm64: ['linux/arm64'] };

/** The OS of a hosted label, from the runner-images README or the label's name. */
function runnerOs(label: string): 'linux' | 'macos' | 'windows' | undefined {
  const listed = RUNNER_IMAGES.labels.find((l) => l.label === label);
  if (listed) return listed.os;
  if (!runnerLabel(label)) return undefined;
  return label.startsWith('ubuntu') ? 'linux' : label.startsWith('windows') ? 'windows' : 'macos';
}

/** maturin-action steps that build in a container on a Linux runner, with what the action makes of their inputs. */
function linuxMaturinBuilds(workflow: any): (StepAt & { label: string; manylinux: string; container?: string })[] {
  return stepsUsing(workflow, 'PyO3/maturin-action').flatMap((at) => {
    const label = runsOn(at.job);
    const inputs = at.step.with ?? {};
    const command = inputs.command ?? 'build';
    if (label === undefined || runnerOs(label) !== 'linux' || !['build', 'publish'].includes(command)) return [];
    // The action strips a "manylinux_" prefix (musllinux_1_2 stays as it is).
    const manylinux = String(inputs.manylinux ?? '').replace(/^manylinux_?/, '');
    return [{ ...at, label, manylinux, container: inputs.container }];
  });
}

/** Every `runs-on` label is one GitHub hosts (runner-images README or the lifecycle table) and not retired. */
const runnerLabelExists: SemanticRule = {
  id: 'runner-label',
  check: (workflow) => {
    const findings: string[] = [];
    for (const [jobId, job] of Object.entries<any>(workflow.jobs ?? {})) {
      const label = runsOn(job);
      if (label === undefined) continue;
      const lifecycle = runnerLabel(label);
      if (!RUNNER_IMAGES.labels.some((l) => l.label === label) && !lifecycle) {
        findings.push(`jobs.${jobId}: runs-on "${label}" is not a GitHub-hosted runner label (runner-images README at ${RUNNER_IMAGES.source.commit!.slice(0, 8)})`);
      } else if (lifecycle && labelStatus(lifecycle, synthesisClock.today()) === 'retired') {
        findings.push(`jobs.${jobId}: runs-on "${label}", which GitHub retired on ${lifecycle.retired}`);
      }
    }
    return findings;
  },
};

/** Each Linux maturin-action build resolves to an image of maturin-action's table for (target, manylinux, runner architecture), or names its container. */
const maturinImage: SemanticRule = {
  id: 'maturin-image',
  check: (workflow) => linuxMaturinBuilds(workflow).flatMap(({ where, step, label, manylinux, container }) => {
    if (container !== undefined && !['on', 'auto', 'true', ''].includes(container)) return [];
    if (manylinux === '' || manylinux === 'off') return [`${where}: no manylinux level on a Linux runner, so maturin-action builds on the runner's own glibc`];
    const arch = runnerArch(label);
    if (arch === undefined) return [];
    const target = String(step.with?.target ?? '');
    const aliases = manylinux.startsWith('musllinux') ? MATURIN_ACTION.targetAliases.musllinux : MATURIN_ACTION.targetAliases.manylinux;
    const triple = aliases[target] ?? (target || MATURIN_ACTION.defaultTarget[arch]);
    if (MATURIN_ACTION.defaultContainers[arch]?.[triple]?.[manylinux]) return [];
    const fallback = MATURIN_ACTION.defaultContainers[arch]?.[MATURIN_ACTION.defaultTarget[arch]]?.[manylinux];
    return [`${where}: maturin-action ${MATURIN_ACTION.source.version} has no image for ${triple} at manylinux "${manylinux}" on an ${arch} runner (${label}); `
      + `it would build ${fallback ? `in ${fallback}` : 'on the runner'}`];
  }),
};

/** setup-python's `architecture` is the runner's (x86 Python runs on x64 Windows). */
const pythonArchitecture: SemanticRule = {
  id: 'python-architecture',
  check: (workflow) => stepsUsing(workflow, 'actions/setup-python').flatMap(({ where, job, step }) => {
    const wanted = step.with?.architecture;
    const label = runsOn(job);
    const arch = label === undefined ? undefined : runnerArch(label);
    if (wanted === undefined || arch === undefined) return [];
    const needs = wanted === 'arm64' ? 'arm64' : 'x64';
    return needs === arch ? [] : [`${where}: asks for ${wanted} Python on "${label}", an ${arch} runner`];
  }),
};

/** A `docker run --platform` of another architecture than the runner's comes after QEMU is set up for it. */
const dockerPlatform: SemanticRule = {
  id: 'docker-platform',
  check: (workflow) => stepsOf(workflow).flatMap(({ where, job, index, step }) => {
    const label = runsOn(job);
    const arch = label === undefined ? undefined : runnerArch(label);
    if (typeof step.run !== 'string' || arch === undefined) return [];
    const qemu = (job.steps as any[]).slice(0, index).filter((s) => typeof s.uses === 'string' && s.uses.split('@')[0] === 'docker/setup-qemu-action');
    const findings: string[] = [];
    for (const [, platform] of step.run.matchAll(/--platform[= ](linux\/[\w/]+)/g)) {
      if (NATIVE_PLATFORMS[arch].includes(platform)) continue;
      const short = platform.replace(/^linux\//, '').replace(/\/.*$/, '');
      const emulated = qemu.some((s) => s.with?.platforms === undefined || String(s.with.platforms).split(',').map((p: string) => p.trim()).some((p: string) => p === 'all' || p === short || p === platform));
      if (!emulated) findings.push(`${where}: runs a ${platform} container on "${label}", an ${arch} runner, with no QEMU set up for ${short} before it`);
    }
    return findings;
  }),
};

/** The names `docker-options` passes with `-e`/`--env`. */
function dockerEnvNames(options: unknown): string[] {
  const args = stringArgv(String(options ?? ''));
  const names: string[] = [];
  args.forEach((arg, i) => {
    const inline = /^(?:-e|--env)=(.+)$/.exec(arg);
    const value = inline ? inline[1] : (arg === '-e' || arg === '--env') ? args[i + 1] : undefined;
    if (value !== undefined) names.push(value.split('=')[0]);
  });
  return names;
}

/** Each variable of a Linux maturin-action step reaches its build container: by the action's prefixes, or by `-e NAME` in docker-options. */
const containerEnv: SemanticRule = {
  id: 'container-env',
  check: (workflow) => linuxMaturinBuilds(workflow).flatMap(({ where, step, manylinux }) => {
    if (manylinux === '' || manylinux === 'off') return [];
    const passed = dockerEnvNames(step.with?.['docker-options']);
    return Object.keys(step.env ?? {}).filter((name) => !reachesContainer(name) && !passed.includes(name)).map((name) =>
      `${where}: env ${name} does not reach the build container (maturin-action ${MATURIN_ACTION.source.version} passes names starting with `
      + `${MATURIN_ACTION.dockerEnvPrefixes.join(', ')}, except ${MATURIN_ACTION.dockerEnvForbidden.join(', ')}); add "-e ${name}" to docker-options`);
  }),
};

/** No maturin-action step overrides the repository's Rust toolchain unless the configuration chose one. */
const rustToolchain: SemanticRule = {
  id: 'rust-toolchain',
  check: (workflow, context) => stepsUsing(workflow, 'PyO3/maturin-action').flatMap(({ where, step }) => {
    const given = step.with?.['rust-toolchain'];
    if (given === undefined || given === context.rustToolchain) return [];
    const configured = context.rustToolchain ? `"${context.rustToolchain}"` : 'none';
    return [`${where}: rust-toolchain "${given}" overrides the repository's rust-toolchain.toml (rustup override set), `
      + `but the configuration sets ${configured}`];
  }),
};

/** The rules about runners, build containers and the build environment. */
export const PLATFORM_RULES: readonly SemanticRule[] = [
  runnerLabelExists, maturinImage, pythonArchitecture, dockerPlatform, containerEnv, rustToolchain,
];
