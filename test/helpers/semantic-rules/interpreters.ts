import { DOCKER_PYTHON_TAGS } from '../../../src/core/facts/docker-python-tags';
import { PYPY_LINES } from '../../../src/core/facts/pypy-releases';
import { PYTHON_VERSIONS_MANIFEST } from '../../../src/core/facts/python-versions-manifest';
import { DOCKER_ARCHITECTURES } from '../../../src/core/interpreters';
import { runnerLabel } from '../../../src/synth/plan/runner-labels';
import type { SemanticRule } from '../workflow-semantics';

/**
 * Semantic checks of a generated workflow against the interpreter facts, independent of the
 * code that generated it: each setup-python (version, architecture) exists for its runner's OS
 * in actions/python-versions' manifest (CPython) or PyPy's versions.json (PyPy), and each `python` container image tag is one Docker
 * publishes for the `--platform` it runs on (docker-library's tags).
 */
export function checkInterpreterFacts(workflow: any): string[] {
  return [...checkSetupPython(workflow), ...checkPythonImages(workflow)];
}

/** The rules as the semantic check runs them (test/helpers/workflow-semantics.ts). */
export const INTERPRETER_RULES: readonly SemanticRule[] = [
  { id: 'setup-python-version', check: (workflow) => checkSetupPython(workflow) },
  { id: 'python-image-tag', check: (workflow) => checkPythonImages(workflow) },
];

/** setup-python's platform key of a runner label: `darwin`, `win32`, `linux-24.04`; undefined for labels it cannot tell. */
function runnerPlatform(label: string): { platform: string; arch: string } | undefined {
  const entry = runnerLabel(label);
  if (!entry) return undefined;
  if (label.startsWith('macos')) return { platform: 'darwin', arch: entry.arch };
  if (label.startsWith('windows')) return { platform: 'win32', arch: entry.arch };
  const ubuntu = /^ubuntu-(\d\d\.\d\d)/.exec(label) ?? (label.startsWith('ubuntu-latest') ? [label, '24.04'] : undefined);
  return ubuntu ? { platform: `linux-${ubuntu[1]}`, arch: entry.arch } : undefined;
}

export function checkSetupPython(workflow: any): string[] {
  const findings: string[] = [];
  for (const [jobId, job] of Object.entries<any>(workflow.jobs ?? {})) {
    const runsOn = typeof job['runs-on'] === 'string' ? job['runs-on'] : undefined;
    const runner = runsOn && !runsOn.includes('${{') ? runnerPlatform(runsOn) : undefined;
    (job.steps ?? []).forEach((step: any, i: number) => {
      if (!String(step.uses ?? '').startsWith('actions/setup-python@')) return;
      const where = `jobs.${jobId}.steps[${i}] (${step.name ?? step.id ?? 'setup-python'})`;
      const version = String(step.with?.['python-version'] ?? '');
      // GraalPy comes from its own releases, not a manifest.
      if (/^graalpy/.test(version)) return;
      // Larger and self-hosted runners: their images are not in the facts (the runner-label rule speaks of labels).
      if (!runner) return;
      if (/^pypy/.test(version)) {
        const finding = checkPypy(version, String(step.with?.architecture ?? runner.arch), runner.platform);
        if (finding) findings.push(`${where}: ${finding} on ${runsOn}`);
        return;
      }
      const match = /^(3\.\d+)(t?)$/.exec(version);
      if (!match) {
        findings.push(`${where}: python-version ${JSON.stringify(version)} is not a "3.X" or "3.Xt" CPython version`);
        return;
      }
      const arch = `${step.with?.architecture ?? runner.arch}${match[2] ? '-freethreaded' : ''}`;
      const builds = PYTHON_VERSIONS_MANIFEST[match[1]]?.[runner.platform];
      const prereleases = step.with?.['allow-prereleases'] === true;
      if (!builds || !(builds.stable.includes(arch) || (prereleases && builds.prerelease.includes(arch)))) {
        const hint = builds?.prerelease.includes(arch) && !prereleases ? ' (only a pre-release, and allow-prereleases is not set)' : '';
        findings.push(`${where}: setup-python has no ${version} for ${runner.platform} ${arch} on ${runsOn}${hint}`);
      }
    });
  }
  return findings;
}

/**
 * setup-python's PyPy installer (src/install-pypy.ts) takes the newest release of the Python version
 * with a file for the platform (`linux`, `darwin`, Windows `win64`) and architecture (Linux arm64 is `aarch64`).
 */
function checkPypy(version: string, arch: string, platform: string): string | undefined {
  const minor = /^pypy3\.(\d+)$/.exec(version)?.[1];
  const line = PYPY_LINES.find((l) => String(l.pythonMinor) === minor);
  if (!line) return `python-version ${JSON.stringify(version)} is not a PyPy version the facts list (${PYPY_LINES.map((l) => `pypy3.${l.pythonMinor}`).join(', ')})`;
  const pypyPlatform = platform === 'darwin' ? 'darwin' : platform === 'win32' ? 'win64' : 'linux';
  const pypyArch = pypyPlatform === 'linux' && arch === 'arm64' ? 'aarch64' : arch;
  return line.files[pypyPlatform].includes(pypyArch) ? undefined
    : `setup-python has no ${version} for ${pypyPlatform} ${pypyArch} (PyPy ${line.lastRelease.version} has ${pypyPlatform} ${line.files[pypyPlatform].join(', ') || 'none'})`;
}

export function checkPythonImages(workflow: any): string[] {
  const findings: string[] = [];
  for (const [jobId, job] of Object.entries<any>(workflow.jobs ?? {})) {
    (job.steps ?? []).forEach((step: any, i: number) => {
      for (const line of String(step.run ?? '').split('\n')) {
        const image = /\bdocker run\b.*?\s(python:(\S+))/.exec(line);
        if (!image) continue;
        const where = `jobs.${jobId}.steps[${i}] (${step.name ?? step.id})`;
        const platform = /--platform[= ](\S+)/.exec(line)?.[1] ?? 'linux/amd64';
        const arches = DOCKER_PYTHON_TAGS[image[2]];
        if (!arches) findings.push(`${where}: Docker publishes no ${image[1]}`);
        else if (!arches.includes(DOCKER_ARCHITECTURES[platform])) findings.push(`${where}: ${image[1]} is not published for ${platform}`);
      }
    });
  }
  return findings;
}
