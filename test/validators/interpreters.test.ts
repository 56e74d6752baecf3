import { MaturinReleaseOptions, WheelPlatform } from '../../src/synth/options';
import { checkInterpreterFacts, checkPythonImages, checkSetupPython } from '../helpers/semantic-rules/interpreters';
import { synthRelease } from '../helpers/synth';

const job = (runsOn: string, steps: any[]) => ({ jobs: { test: { 'runs-on': runsOn, 'steps': steps } } });
const setupPython = (withInputs: Record<string, unknown>) => ({ name: 'Set up Python', uses: 'actions/setup-python@0000000000000000000000000000000000000000', with: withInputs });
const dockerRun = (platform: string, image: string) => ({ name: 'Test', run: `docker run --detach --name t --platform ${platform} --volume "$PWD:/io" --workdir /io ${image} sleep infinity` });

describe('setup-python: each version and architecture exists for the runner\'s OS (actions/python-versions manifest)', () => {
  test('negative controls: no 3.10 for Windows arm64; 3.15 only as a pre-release; no free-threaded 3.12', () => {
    expect(checkSetupPython(job('windows-11-arm', [setupPython({ 'python-version': '3.10', 'architecture': 'arm64' })])))
      .toEqual(['jobs.test.steps[0] (Set up Python): setup-python has no 3.10 for win32 arm64 on windows-11-arm']);
    expect(checkSetupPython(job('ubuntu-24.04', [setupPython({ 'python-version': '3.15' })])))
      .toEqual(['jobs.test.steps[0] (Set up Python): setup-python has no 3.15 for linux-24.04 x64 on ubuntu-24.04 (only a pre-release, and allow-prereleases is not set)']);
    expect(checkSetupPython(job('macos-15', [setupPython({ 'python-version': '3.12t' })])))
      .toEqual(['jobs.test.steps[0] (Set up Python): setup-python has no 3.12t for darwin arm64-freethreaded on macos-15']);
  });

  test('the same steps pass where the builds exist: 3.11 on Windows arm64, 3.15 with allow-prereleases, 3.8 on macOS arm64 and Windows x86', () => {
    expect(checkSetupPython(job('windows-11-arm', [setupPython({ 'python-version': '3.11', 'architecture': 'arm64' })]))).toEqual([]);
    expect(checkSetupPython(job('ubuntu-24.04', [setupPython({ 'python-version': '3.15', 'allow-prereleases': true })]))).toEqual([]);
    expect(checkSetupPython(job('macos-15', [setupPython({ 'python-version': '3.8' })]))).toEqual([]);
    expect(checkSetupPython(job('windows-2025', [setupPython({ 'python-version': '3.8', 'architecture': 'x86' })]))).toEqual([]);
  });
});

describe('setup-python PyPy: each version and architecture has a download in PyPy\'s versions.json', () => {
  test('negative controls: PyPy on Windows arm64 and x86 (no download), pypy3.8 (not in the facts)', () => {
    expect(checkSetupPython(job('windows-11-arm', [setupPython({ 'python-version': 'pypy3.9', 'architecture': 'arm64' })])))
      .toEqual(['jobs.test.steps[0] (Set up Python): setup-python has no pypy3.9 for win64 arm64 (PyPy 7.3.16 has win64 x64) on windows-11-arm']);
    expect(checkSetupPython(job('windows-2025', [setupPython({ 'python-version': 'pypy3.11', 'architecture': 'x86' })])))
      .toEqual(['jobs.test.steps[0] (Set up Python): setup-python has no pypy3.11 for win64 x86 (PyPy 7.3.23 has win64 x64) on windows-2025']);
    expect(checkSetupPython(job('ubuntu-24.04', [setupPython({ 'python-version': 'pypy3.8' })])))
      .toEqual(['jobs.test.steps[0] (Set up Python): python-version "pypy3.8" is not a PyPy version the facts list (pypy3.9, pypy3.10, pypy3.11) on ubuntu-24.04']);
  });

  test('pypy3.9 (PyPy 7.3.16) passes on Linux x64 and arm64, both macOS architectures and Windows x64', () => {
    for (const [runner, architecture] of [['ubuntu-24.04', 'x64'], ['ubuntu-24.04-arm', 'arm64'], ['macos-15', 'arm64'], ['macos-15-intel', 'x64'], ['windows-2025', 'x64']]) {
      expect(checkSetupPython(job(runner, [setupPython({ 'python-version': 'pypy3.9', architecture })]))).toEqual([]);
    }
  });
});

describe('container tests: each python image tag is one Docker publishes for the platform (docker-library tags)', () => {
  test('negative controls: 3.15-slim-trixie before 3.15.0 (issue 18 item 3), 3.9 (no longer published), an architecture without images', () => {
    expect(checkPythonImages(job('ubuntu-24.04', [dockerRun('linux/arm/v7', 'python:3.15-slim-trixie')])))
      .toEqual(['jobs.test.steps[0] (Test): Docker publishes no python:3.15-slim-trixie']);
    expect(checkPythonImages(job('ubuntu-24.04', [dockerRun('linux/386', 'python:3.9-slim-trixie')])))
      .toEqual(['jobs.test.steps[0] (Test): Docker publishes no python:3.9-slim-trixie']);
    expect(checkPythonImages(job('ubuntu-24.04', [dockerRun('linux/mips64le', 'python:3.14-alpine')])))
      .toEqual(['jobs.test.steps[0] (Test): python:3.14-alpine is not published for linux/mips64le']);
  });

  test('the rc tag of the pre-release passes', () => {
    expect(checkPythonImages(job('ubuntu-24.04', [dockerRun('linux/s390x', 'python:3.15-rc-slim-trixie')]))).toEqual([]);
  });
});

test('generated workflows with old, pre-release and free-threaded CPython and PyPy 3.9 on every kind of runner have no finding', () => {
  const platforms = [WheelPlatform.LINUX_X86_64, WheelPlatform.LINUX_AARCH64, WheelPlatform.LINUX_ARMV7, WheelPlatform.MUSLLINUX_AARCH64,
    WheelPlatform.MACOS_ARM64, WheelPlatform.MACOS_X86_64, WheelPlatform.WINDOWS_X86, WheelPlatform.WINDOWS_ARM64];
  const { workflow } = synthRelease({
    packageName: 'dioxide', allowPythonPrereleases: true, platforms, pythonVersions: ['3.8', '3.10', '3.14', '3.15', '3.14t', '3.15t', 'pypy3.9', 'pypy3.11'],
  } as MaturinReleaseOptions);
  expect(checkInterpreterFacts(workflow)).toEqual([]);
  // Not vacuous: the workflow has setup-python steps of CPython and container tests, including the pre-release's.
  const steps = Object.values<any>(workflow.jobs).flatMap((j) => j.steps ?? []);
  expect(steps.filter((s) => /^actions\/setup-python@/.test(s.uses ?? '') && /^3\./.test(s.with['python-version'])).length).toBeGreaterThan(10);
  expect(steps.some((s) => String(s.run ?? '').includes('python:3.15-rc-alpine'))).toBe(true);
  // PyPy 3.9 is set up for the macOS builds and the Linux and macOS tests (the rule reads PyPy's versions.json).
  const pypy39 = Object.values<any>(workflow.jobs).filter((j) => (j.steps ?? []).some((s: any) => s.with?.['python-version'] === 'pypy3.9')).map((j) => j['runs-on']);
  expect(new Set(pypy39)).toEqual(new Set(['ubuntu-24.04', 'ubuntu-24.04-arm', 'macos-15', 'macos-15-intel']));
});
