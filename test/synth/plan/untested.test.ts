import { resolveConfig } from '../../../src/synth/config';
import { MaturinReleaseOptions, WheelPlatform } from '../../../src/synth/options';
import { buildReleasePlan } from '../../../src/synth/plan/release-plan';
import { untestedWheels } from '../../../src/synth/plan/untested';

const untested = (options: Partial<MaturinReleaseOptions>) => untestedWheels(buildReleasePlan(resolveConfig({ packageName: 'dioxide', ...options })));
const CONTAINER = (platform: string) => `its tests run in Docker's official \`python\` image, which has none of these Pythons for ${platform}`;

describe('every wheel that is built and published but never installed by a test is listed, with why', () => {
  test('container targets: older CPython, free-threaded and PyPy wheels go untested', () => {
    expect(untested({
      pythonVersions: ['3.9', '3.13', '3.14t', 'pypy3.11'],
      platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.LINUX_I686, WheelPlatform.MUSLLINUX_X86_64],
    })).toEqual([
      { target: 'Linux i686', wheels: ['cp39', 'cp314-cp314t', 'pp311-pypy311_pp73'], reason: CONTAINER('linux/386') },
      { target: 'musllinux x86_64', wheels: ['cp39', 'cp314-cp314t', 'pp311-pypy311_pp73'], reason: CONTAINER('linux/amd64') },
    ]);
  });

  test('a Python left out of testPythonVersions leaves its wheel untested on every target', () => {
    expect(untested({ pythonVersions: ['3.12', '3.13'], testPythonVersions: ['3.13'], platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.MACOS_ARM64] })).toEqual([
      { target: 'Linux x86_64', wheels: ['cp312'], reason: 'its test Pythons (testPythonVersions) leave out 3.12' },
      { target: 'macOS arm64', wheels: ['cp312'], reason: 'its test Pythons (testPythonVersions) leave out 3.12' },
    ]);
  });

  test('a target that is not tested lists all its wheels', () => {
    expect(untested({ pythonVersions: ['3.12', '3.13'], platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.LINUX_S390X], targets: { 'linux-s390x': { test: false } } }))
      .toEqual([{ target: 'Linux s390x', wheels: ['cp312', 'cp313'], reason: 'targets["linux-s390x"].test is false' }]);
  });

  test('negative control: every wheel installed by a test → nothing listed', () => {
    expect(untested({ pythonVersions: ['3.12', '3.13'], platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.MUSLLINUX_X86_64] })).toEqual([]);
    expect(untested({ abi3: true, abi3MinimumPython: '3.9', platforms: [WheelPlatform.LINUX_I686, WheelPlatform.WINDOWS_ARM64] })).toEqual([]);
  });
});
