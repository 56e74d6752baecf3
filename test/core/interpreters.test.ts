import { writeFileSync } from 'fs';
import { join } from 'path';
import { MaturinRelease } from '../../src';
import { checkDistributions } from '../../src/core/distributions';
import { PYTHON_RELEASES } from '../../src/core/facts/python-releases';
import { PYTHON_VERSIONS_MANIFEST } from '../../src/core/facts/python-versions-manifest';
import {
  CPYTHON_MINORS, PRERELEASE_MINORS, cpythonCatalogue, interpreterLifecycleWarnings, parseInterpreter, testImage,
} from '../../src/core/interpreters';
import { parseReleaseVersion } from '../../src/core/version';
import { resolveConfig } from '../../src/synth/config';
import { MaturinReleaseOptions, WheelPlatform } from '../../src/synth/options';
import { buildReleasePlan } from '../../src/synth/plan/release-plan';
import { synthesisClock } from '../../src/synth/plan/runner-labels';
import { untestedWheels } from '../../src/synth/plan/untested';
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

/** The promised wheel set against file names real projects publish. */
function promise(options: Partial<MaturinReleaseOptions>, files: string[], name: string, version: string) {
  const plan = buildReleasePlan(resolveConfig({ packageName: name, ...options } as MaturinReleaseOptions));
  return checkDistributions(files, plan.expected, name, parseReleaseVersion(version));
}

describe('PyPy on every Linux target maturin has a configuration for, and inside universal2', () => {
  test('pydantic-core 2.41.5\'s musllinux PyPy wheels are promised and checked (maturin builds them from its bundled configuration)', () => {
    const arches = ['x86_64', 'aarch64', 'armv7l'];
    const wheels = arches.flatMap((a) => [`pydantic_core-2.41.5-cp313-cp313-musllinux_1_1_${a}.whl`, `pydantic_core-2.41.5-pp311-pypy311_pp73-musllinux_1_1_${a}.whl`]);
    const options = {
      platforms: [WheelPlatform.MUSLLINUX_X86_64, WheelPlatform.MUSLLINUX_AARCH64, WheelPlatform.MUSLLINUX_ARMV7],
      pythonVersions: ['3.13', 'pypy3.11'],
      musllinux: '1_1',
      sdist: false,
    };
    const result = promise(options, wheels, 'pydantic-core', '2.41.5');
    expect(result.missing).toEqual([]);
    expect(result.unexpected).toEqual([]);
    // Negative control: a missing PyPy wheel is named.
    expect(promise(options, wheels.filter((w) => !w.includes('pp311-pypy311_pp73-musllinux_1_1_armv7l')), 'pydantic-core', '2.41.5').missing.map((e) => e.description))
      .toEqual(['pp311-pypy311_pp73 wheel for musllinux armv7l']);
  });

  test('manylinux armv7, ppc64le, s390x, riscv64 and universal2 build PyPy when pythonVersions has it; Windows x86 and arm64 leave it out, saying why', () => {
    const config = resolveConfig({
      packageName: 'dioxide',
      pythonVersions: ['3.12', 'pypy3.11'],
      platforms: [WheelPlatform.LINUX_ARMV7, WheelPlatform.LINUX_PPC64LE, WheelPlatform.LINUX_S390X, WheelPlatform.LINUX_RISCV64,
        WheelPlatform.MACOS_UNIVERSAL2, WheelPlatform.WINDOWS_X64, WheelPlatform.WINDOWS_X86, WheelPlatform.WINDOWS_ARM64],
      manylinux: 'auto',
    });
    expect(Object.fromEntries(config.targets.map((t) => [t.platform.id, t.interpreters.map((i) => i.spec)]))).toEqual({
      'linux-armv7': ['3.12', 'pypy3.11'],
      'linux-ppc64le': ['3.12', 'pypy3.11'],
      'linux-s390x': ['3.12', 'pypy3.11'],
      'linux-riscv64': ['3.12', 'pypy3.11'],
      'macos-universal2': ['3.12', 'pypy3.11'],
      'windows-x64': ['3.12', 'pypy3.11'],
      'windows-x86': ['3.12'],
      'windows-arm64': ['3.12'],
    });
    expect(config.targets.find((t) => t.platform.id === 'windows-x86')!.leftOut.map((l) => l.reason)).toEqual(['maturin builds PyPy wheels for Windows amd64 only']);
  });
});

describe('PyPy 3.9: built from maturin\'s bundled configuration on Linux and with setup-python\'s PyPy 7.3.16 on macOS and Windows x64', () => {
  afterEach(() => jest.restoreAllMocks());

  test('pypy3.9 gives pp39-pypy39_pp73 wheels on every Linux target, macOS and Windows x64; Windows x86 and arm64 leave it out, saying why', () => {
    expect(parseInterpreter('pypy3.9')).toMatchObject({ kind: 'pypy', pythonTag: 'pp39', abiTag: 'pypy39_pp73', executable: 'pypy3.9', setupPython: 'pypy3.9' });
    const config = resolveConfig({
      packageName: 'dioxide',
      pythonVersions: ['3.12', 'pypy3.9'],
      platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.LINUX_I686, WheelPlatform.LINUX_ARMV7, WheelPlatform.MUSLLINUX_AARCH64,
        WheelPlatform.MACOS_ARM64, WheelPlatform.MACOS_X86_64, WheelPlatform.WINDOWS_X64, WheelPlatform.WINDOWS_X86, WheelPlatform.WINDOWS_ARM64],
    });
    expect(Object.fromEntries(config.targets.map((t) => [t.platform.id, t.interpreters.map((i) => i.spec)]))).toEqual({
      'linux-x86_64': ['3.12', 'pypy3.9'],
      'linux-i686': ['3.12', 'pypy3.9'],
      'linux-armv7': ['3.12', 'pypy3.9'],
      'musllinux-aarch64': ['3.12', 'pypy3.9'],
      'macos-arm64': ['3.12', 'pypy3.9'],
      'macos-x86_64': ['3.12', 'pypy3.9'],
      'windows-x64': ['3.12', 'pypy3.9'],
      'windows-x86': ['3.12'],
      'windows-arm64': ['3.12'],
    });
    const plan = buildReleasePlan(config);
    expect(plan.expected.filter((e) => e.pythonTag === 'pp39').map((e) => e.description)).toHaveLength(7);
  });

  test('where it cannot be built, asking for it is refused with the reason (negative control)', () => {
    expect(() => resolveConfig({ packageName: 'dioxide', platforms: [WheelPlatform.WINDOWS_ARM64], targets: { 'windows-arm64': { pythonVersions: ['3.12', 'pypy3.9'] } } }))
      .toThrow('MaturinRelease: targets["windows-arm64"].pythonVersions includes "pypy3.9", which Windows arm64 cannot build: maturin builds PyPy wheels for Windows amd64 only');
    expect(() => resolveConfig({ packageName: 'dioxide', pythonVersions: ['pypy3.8'] }))
      .toThrow('MaturinRelease: pythonVersions[0] is "pypy3.8": not an interpreter this product builds; allowed values: "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15", "3.14t", "3.15t", "pypy3.9", "pypy3.10", "pypy3.11", "graalpy3.11", "graalpy3.12"');
  });

  test('its wheels are tested where setup-python has PyPy 3.9 (Linux x64 runners, macOS) and listed as untested in the python-image containers', () => {
    const config = resolveConfig({ packageName: 'dioxide', pythonVersions: ['3.12', 'pypy3.9'], platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.LINUX_I686, WheelPlatform.MACOS_ARM64] });
    expect(Object.fromEntries(config.targets.map((t) => [t.platform.id, t.testInterpreters.map((i) => i.spec)])))
      .toEqual({ 'linux-x86_64': ['3.12', 'pypy3.9'], 'linux-i686': ['3.12'], 'macos-arm64': ['3.12', 'pypy3.9'] });
    expect(untestedWheels(buildReleasePlan(config))).toEqual([
      { target: 'Linux i686', wheels: ['pp39-pypy39_pp73'], reason: 'its tests run in Docker\'s official `python` image, which has none of these Pythons for linux/386' },
    ]);
  });

  test('a crate on pyo3 0.27 or later cannot build it (PyO3 0.27.0 dropped PyPy 3.9 and 3.10): refused, naming the file; pyo3 0.26 builds it', () => {
    const crate = (pyo3: string, lock?: string, options: Partial<MaturinReleaseOptions> = { pythonVersions: ['3.12', 'pypy3.9'] }) => () => {
      const project = newProject();
      writeFileSync(join(project.outdir, 'Cargo.toml'), `[package]\nname = "dioxide"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\npyo3 = ${pyo3}\n`);
      if (lock) writeFileSync(join(project.outdir, 'Cargo.lock'), `version = 4\n\n[[package]]\nname = "pyo3"\nversion = "${lock}"\n`);
      new MaturinRelease(project, { packageName: 'dioxide', ...options } as MaturinReleaseOptions);
    };
    expect(crate('"0.29"')).toThrow('MaturinRelease: pythonVersions includes "pypy3.9", but the crate builds with pyo3 0.29 (Cargo.toml): PyO3 0.29 builds PyPy 3.11 and later '
      + '(PyO3 0.27.0, 2025-10-19, dropped the older ones); remove "pypy3.9" from pythonVersions, or build with pyo3 older than 0.27');
    // Cargo.lock decides over the requirement; a target's own list is named as the option.
    expect(crate('{ version = "0.26", features = ["extension-module"] }', '0.27.1', { pythonVersions: ['3.12'], platforms: [WheelPlatform.LINUX_X86_64], targets: { 'linux-x86_64': { pythonVersions: ['3.12', 'pypy3.10'] } } }))
      .toThrow('MaturinRelease: targets["linux-x86_64"].pythonVersions includes "pypy3.10", but the crate builds with pyo3 0.27 (Cargo.lock): PyO3 0.27 builds PyPy 3.11 and later');
    // Negative controls: pyo3 0.26 builds PyPy 3.9; pypy3.11 on pyo3 0.29 is fine.
    expect(crate('"0.26"')).not.toThrow();
    expect(crate('"0.29"', undefined, { pythonVersions: ['3.12', 'pypy3.11'] })).not.toThrow();
  });

  test('a warning names the PyPy release that dropped 3.9 (and 3.10); none before that day, none for 3.11', () => {
    const pypy = ['pypy3.9', 'pypy3.10', 'pypy3.11'].map((s) => parseInterpreter(s)!);
    expect(interpreterLifecycleWarnings(pypy, TODAY)).toEqual([
      'pypy3.9 is built, but PyPy stopped releasing PyPy 3.9 with PyPy 7.3.17 (2024-08-28; its last release is 7.3.16, 2024-04-24) and gets no more fixes; remove it from pythonVersions when your users have moved on',
      'pypy3.10 is built, but PyPy stopped releasing PyPy 3.10 with PyPy 7.3.20 (2025-07-04; its last release is 7.3.19, 2025-02-26) and gets no more fixes; remove it from pythonVersions when your users have moved on',
    ]);
    expect(interpreterLifecycleWarnings(pypy, '2024-08-27')).toEqual([]);
    jest.spyOn(synthesisClock, 'today').mockReturnValue(TODAY);
    const project = newProject();
    const warn = jest.spyOn(project.logger, 'warn').mockImplementation(() => undefined);
    new MaturinRelease(project, { packageName: 'dioxide', pythonVersions: ['3.12', 'pypy3.9'] } as MaturinReleaseOptions);
    expect(warn.mock.calls.map((c) => c[0])).toEqual([expect.stringMatching(/^MaturinRelease: pypy3\.9 is built, but PyPy stopped releasing PyPy 3\.9 with PyPy 7\.3\.17 \(2024-08-28/)]);
  });
});

describe('GraalPy where GraalPy has releases', () => {
  test('graalpy3.12 (GraalPy 25.0) is refused on macOS x86_64 with the fix: no Intel macOS build since 25.0.2', () => {
    expect(() => resolveConfig({ packageName: 'dioxide', platforms: [WheelPlatform.MACOS_X86_64], targets: { 'macos-x86_64': { pythonVersions: ['graalpy3.12'] } } }))
      .toThrow('MaturinRelease: targets["macos-x86_64"].pythonVersions includes "graalpy3.12", which macOS x86_64 cannot build: GraalPy 25.0 has no Intel macOS build ' +
        '(dropped in 25.0.2; setup-python would install 25.0.1, which GraalPy no longer supports); build GraalPy wheels on macos-arm64');
  });

  test('in pythonVersions, it is left out of macOS x86_64 and universal2 and built on macOS arm64; GraalPy 24.2 still had Intel builds', () => {
    const config = resolveConfig({ packageName: 'dioxide', pythonVersions: ['3.12', 'graalpy3.11', 'graalpy3.12'], platforms: [WheelPlatform.MACOS_ARM64, WheelPlatform.MACOS_X86_64] });
    expect(config.targets.map((t) => t.interpreters.map((i) => i.spec))).toEqual([['3.12', 'graalpy3.11', 'graalpy3.12'], ['3.12', 'graalpy3.11']]);
    const universal = resolveConfig({ packageName: 'dioxide', pythonVersions: ['3.12', 'graalpy3.12'], platforms: [WheelPlatform.MACOS_UNIVERSAL2, WheelPlatform.LINUX_X86_64] });
    expect(universal.targets.find((t) => t.platform.id === 'macos-universal2')!.leftOut.map((l) => l.reason)).toEqual([
      'GraalPy 25.0 has no Intel macOS build (dropped in 25.0.2), so the x86_64 half of a universal2 wheel would run nowhere; build it on macos-arm64',
    ]);
  });
});

describe('an abi3 wheel plus version-specific wheels below its floor (cp311-abi3 and cp310)', () => {
  const options = { abi3: true, abi3MinimumPython: '3.11', pythonVersions: ['3.10', '3.11', '3.13'], platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.WINDOWS_X64], sdist: false };

  test('the promise is one cp311-abi3 wheel and one cp310-cp310 wheel per platform', () => {
    const wheels = ['linux_x86_64', 'win_amd64'].flatMap((p) => [p === 'linux_x86_64' ? 'manylinux_2_17_x86_64.manylinux2014_x86_64' : p])
      .flatMap((tag) => [`dioxide-1.0.0-cp311-abi3-${tag}.whl`, `dioxide-1.0.0-cp310-cp310-${tag}.whl`]);
    const result = promise(options, wheels, 'dioxide', '1.0.0');
    expect(result.missing).toEqual([]);
    expect(result.unexpected).toEqual([]);
    // Negative control: without the cp310 wheel, check-dist names it.
    expect(promise(options, wheels.filter((w) => !w.includes('cp310-cp310-win')), 'dioxide', '1.0.0').missing.map((e) => e.description)).toEqual(['cp310 wheel for Windows amd64']);
  });

  test('the workflow enables pyo3\'s abi3 feature for the abi3 build alone, and builds 3.10 in its own call without it', () => {
    const { workflow } = synthRelease({ packageName: 'dioxide', ...options } as MaturinReleaseOptions);
    const builds = (workflow.jobs['build-linux-x86_64'].steps as any[]).filter((s) => String(s.uses).startsWith('PyO3/maturin-action'));
    expect(builds.map((s) => [s.name, s.with.args])).toEqual([
      ['Build wheels for Python 3.11 (abi3)', '--release --out dist --interpreter python3.11 --features pyo3/abi3-py311'],
      ['Build wheels for Python 3.10', '--release --out dist --interpreter python3.10'],
    ]);
    const config = resolveConfig({ packageName: 'dioxide', ...options } as MaturinReleaseOptions);
    // cp310 with 3.10; the abi3 wheel with its floor and the newest final CPython.
    expect(config.targets[0].testInterpreters.map((i) => i.spec)).toEqual(['3.10', '3.11', '3.14']);
  });

  test('without versions below the floor, nothing changes: the abi3 feature stays in Cargo.toml', () => {
    expect(resolveConfig({ packageName: 'dioxide', abi3: true, abi3MinimumPython: '3.10', pythonVersions: ['3.10', '3.13'] }).abi3Features).toEqual([]);
  });

  test('Cargo.toml enabling the abi3 feature for every build is refused with the fix (the below-floor wheel would not import)', () => {
    expect(() => resolveConfig({ packageName: 'dioxide', pythonVersions: ['3.10', '3.11'] }, { abi3Feature: '3.11' }))
      .toThrow('MaturinRelease: Cargo.toml enables pyo3 feature "abi3-py311" for every build, but pythonVersions includes "3.10", below the cp311-abi3 floor: ' +
        'its version-specific wheel would be built against the stable ABI of 3.11 and fail to import; remove the abi3 feature from pyo3 in Cargo.toml and set abi3MinimumPython: "3.11" ' +
        '(the workflow then enables pyo3/abi3-py311 for the abi3 build only), or remove the versions below 3.11 from pythonVersions');
  });

  test('a floor above every configured CPython is refused', () => {
    expect(() => resolveConfig({ packageName: 'dioxide', abi3: true, abi3MinimumPython: '3.12', pythonVersions: ['3.10', '3.11'] }))
      .toThrow('MaturinRelease: abi3MinimumPython is "3.12", but pythonVersions has no CPython 3.12 or later to build the cp312-abi3 wheel with; add one such as "3.12", or lower abi3MinimumPython to 3.11 or below');
  });
});

describe('universal2 beside thin macOS wheels (orjson publishes both)', () => {
  afterEach(() => jest.restoreAllMocks());
  const options = { pythonVersions: ['3.12'], platforms: [WheelPlatform.MACOS_ARM64, WheelPlatform.MACOS_X86_64, WheelPlatform.MACOS_UNIVERSAL2], sdist: false };
  const wheels = [
    'orjson-3.11.0-cp312-cp312-macosx_11_0_arm64.whl',
    'orjson-3.11.0-cp312-cp312-macosx_10_12_x86_64.whl',
    'orjson-3.11.0-cp312-cp312-macosx_10_12_x86_64.macosx_11_0_arm64.macosx_10_12_universal2.whl',
  ];

  test('is synthesized with a warning on the size trade-off', () => {
    jest.spyOn(synthesisClock, 'today').mockReturnValue(TODAY);
    const project = newProject();
    const warn = jest.spyOn(project.logger, 'warn').mockImplementation(() => undefined);
    new MaturinRelease(project, { packageName: 'orjson', ...options } as MaturinReleaseOptions);
    expect(warn.mock.calls.map((c) => c[0])).toEqual(['MaturinRelease: platforms has "macos-universal2" beside "macos-arm64", "macos-x86_64": ' +
      'maturin\'s universal2 wheel also carries the thin wheels\' tags (macosx_10_12_x86_64, macosx_11_0_arm64), so pip and uv install either one on those Macs, ' +
      'whichever they meet first; both work, but the universal2 wheel is about twice the size. Keep both only to offer one file that runs on both (e.g. for universal2 app bundles)']);
  });

  test('the promised set is the three wheels, each matched to its own target though the universal2 wheel carries the thin tags', () => {
    const result = promise(options, wheels, 'orjson', '3.11.0');
    expect(result.missing).toEqual([]);
    expect(result.unexpected).toEqual([]);
    expect(result.matched.map((m) => [m.expected.description, m.file.split('-').pop()])).toEqual(expect.arrayContaining([
      ['cp312 wheel for macOS universal2', 'macosx_10_12_x86_64.macosx_11_0_arm64.macosx_10_12_universal2.whl'],
      ['cp312 wheel for macOS arm64', 'macosx_11_0_arm64.whl'],
    ]));
    // Negative control: without the thin arm64 wheel, the universal2 wheel does not stand in for it.
    const short = promise(options, wheels.filter((w) => !w.endsWith('-macosx_11_0_arm64.whl')), 'orjson', '3.11.0');
    expect(short.missing.map((e) => e.description)).toHaveLength(1);
    expect(short.unexpected).toEqual([]);
  });
});
