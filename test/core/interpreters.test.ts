import { MaturinRelease } from '../../src';
import { PYTHON_RELEASES } from '../../src/core/facts/python-releases';
import { PYTHON_VERSIONS_MANIFEST } from '../../src/core/facts/python-versions-manifest';
import {
  CPYTHON_MINORS, PRERELEASE_MINORS, cpythonCatalogue, interpreterLifecycleWarnings, parseInterpreter, testImage,
} from '../../src/core/interpreters';
import { resolveConfig } from '../../src/synth/config';
import { MaturinReleaseOptions, WheelPlatform } from '../../src/synth/options';
import { synthesisClock } from '../../src/synth/plan/runner-labels';
import { newProject, synthRelease } from '../helpers/synth';

const TODAY = '2026-12-07';

describe('CPython release status comes from the release managers\' data and setup-python\'s manifest', () => {
  test('with the vendored snapshots: 3.8 to 3.15 are built, 3.15 is the pre-release (its final is recorded as expected, setup-python has only 3.15.0rc1)', () => {
    expect(CPYTHON_MINORS).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    expect(PRERELEASE_MINORS).toEqual([15]);
    expect(parseInterpreter('3.15')!.prerelease).toBe(true);
    expect(parseInterpreter('3.14')!.prerelease).toBe(false);
  });

  test('once 3.15.0 final has happened and 3.16 has pre-release builds, 3.15 is final and 3.16 is the pre-release', () => {
    const releases = PYTHON_RELEASES.map((r) => (r.version === '3.15' ? { ...r, status: 'bugfix' as const, final: { date: '2026-10-01', state: 'actual' as const } } : r));
    const manifest = {
      ...PYTHON_VERSIONS_MANIFEST,
      3.15: { darwin: { stable: ['arm64', 'arm64-freethreaded', 'x64'], prerelease: [] } },
      3.16: { darwin: { stable: [], prerelease: ['arm64', 'arm64-freethreaded'] } },
    };
    const catalogue = cpythonCatalogue({ releases, manifest });
    expect(catalogue.minors).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(catalogue.prereleases).toEqual([16]);
    expect(catalogue.freeThreaded).toEqual([14, 15, 16]);
  });

  test('a final release recorded as happened is still a pre-release while setup-python has only pre-release builds of it', () => {
    const releases = PYTHON_RELEASES.map((r) => (r.version === '3.15' ? { ...r, final: { date: '2026-10-01', state: 'actual' as const } } : r));
    expect(cpythonCatalogue({ releases, manifest: PYTHON_VERSIONS_MANIFEST }).prereleases).toEqual([15]);
  });
});

describe('interpreters past their end of life are built, with a warning that names the date', () => {
  afterEach(() => jest.restoreAllMocks());

  test('cp38 version-specific wheels are accepted', () => {
    const config = resolveConfig({ packageName: 'dioxide', pythonVersions: ['3.8', '3.12'] });
    expect(config.pythonVersions).toEqual(['3.8', '3.12']);
    expect(config.targets.every((t) => t.interpreters.some((i) => i.spec === '3.8'))).toBe(true);
  });

  test('3.7 and older are refused, naming the end of life and the oldest version built', () => {
    expect(() => resolveConfig({ packageName: 'dioxide', pythonVersions: ['3.7'] }))
      .toThrow('MaturinRelease: pythonVersions[0] is "3.7": CPython 3.7 reached its end of life on 2023-06-27; the oldest CPython this product builds is 3.8;');
  });

  test('3.16 is refused as in development until setup-python has builds of it', () => {
    expect(() => resolveConfig({ packageName: 'dioxide', allowPythonPrereleases: true, pythonVersions: ['3.16'] }))
      .toThrow('MaturinRelease: pythonVersions[0] is "3.16": CPython 3.16 is in development (final release scheduled for 2027-10-05), and setup-python has no build of it yet;');
  });

  test('the warnings: CPython by its end-of-life date, GraalPy 24.2 by the release that replaced it; none before the date', () => {
    const interpreters = ['3.8', '3.10', '3.11', 'graalpy3.11', 'graalpy3.12'].map((s) => parseInterpreter(s)!);
    expect(interpreterLifecycleWarnings(interpreters, TODAY)).toEqual([
      '3.8 is built, but CPython 3.8 reached its end of life on 2024-10-07 (PEP 569; https://peps.python.org/api/release-cycle.json) and gets no more security fixes; remove it from pythonVersions when your users have moved on',
      '3.10 is built, but CPython 3.10 reached its end of life on 2026-10-01 (PEP 619; https://peps.python.org/api/release-cycle.json) and gets no more security fixes; remove it from pythonVersions when your users have moved on',
      'graalpy3.11 is built, but GraalPy 24.2 has had no release since 24.2.2 (2025-07-02); GraalPy 25.0 (graalpy3.12) replaced it on 2025-09-05; remove it from pythonVersions when your users have moved on',
    ]);
    expect(interpreterLifecycleWarnings(interpreters, '2024-10-06')).toEqual([]);
  });

  test('synthesis logs them through projen\'s logger and goes on; the defaults are quiet', () => {
    jest.spyOn(synthesisClock, 'today').mockReturnValue(TODAY);
    const project = newProject();
    const warn = jest.spyOn(project.logger, 'warn').mockImplementation(() => undefined);
    new MaturinRelease(project, { packageName: 'dioxide', pythonVersions: ['3.8', '3.12'] } as MaturinReleaseOptions);
    expect(warn.mock.calls.map((c) => c[0])).toEqual([expect.stringMatching(/^MaturinRelease: 3\.8 is built, but CPython 3\.8 reached its end of life on 2024-10-07/)]);
    const quiet = newProject();
    const quietWarn = jest.spyOn(quiet.logger, 'warn').mockImplementation(() => undefined);
    new MaturinRelease(quiet, { packageName: 'dioxide' });
    expect(quietWarn).not.toHaveBeenCalled();
  });
});

describe('container tests run tags Docker publishes', () => {
  const images = (options: Partial<MaturinReleaseOptions>) => {
    const { yaml } = synthRelease({ packageName: 'dioxide', ...options } as MaturinReleaseOptions);
    return [...new Set([...yaml.matchAll(/ (python:[^\s]+) sleep infinity/g)].map((m) => m[1]))].sort();
  };

  test('a CPython pre-release runs in its -rc image (3.15-slim-trixie does not exist before 3.15.0)', () => {
    expect(images({ allowPythonPrereleases: true, pythonVersions: ['3.14', '3.15'], platforms: [WheelPlatform.LINUX_ARMV7, WheelPlatform.MUSLLINUX_X86_64] }))
      .toEqual(['python:3.14-alpine', 'python:3.14-slim-trixie', 'python:3.15-rc-alpine', 'python:3.15-rc-slim-trixie']);
  });

  test('a version Docker no longer publishes is not tested in a container, and the error says which versions are', () => {
    const config = resolveConfig({ packageName: 'dioxide', pythonVersions: ['3.9', '3.12'], platforms: [WheelPlatform.LINUX_I686] });
    expect(config.targets[0].testInterpreters.map((i) => i.spec)).toEqual(['3.12']);
    expect(() => resolveConfig({ packageName: 'dioxide', pythonVersions: ['3.9'], platforms: [WheelPlatform.LINUX_I686], targets: { 'linux-i686': { testPythonVersions: ['3.9'] } } }))
      .toThrow('MaturinRelease: targets["linux-i686"].testPythonVersions includes "3.9", which the Linux i686 tests cannot run (its test container runs the official python image: ' +
        'Docker\'s python image has CPython 3.10, 3.11, 3.12, 3.13, 3.14 for linux/386)');
  });

  test('the tag table is the one docker-library generates: rc tags only for the pre-release', () => {
    expect(testImage(parseInterpreter('3.15')!, 'glibc', 'linux/s390x')).toBe('python:3.15-rc-slim-trixie');
    expect(testImage(parseInterpreter('3.14')!, 'musl', 'linux/riscv64')).toBe('python:3.14-alpine');
    expect(testImage(parseInterpreter('3.9')!, 'glibc', 'linux/amd64')).toBeUndefined();
    expect(testImage(parseInterpreter('pypy3.11')!, 'glibc', 'linux/amd64')).toBeUndefined();
  });
});
