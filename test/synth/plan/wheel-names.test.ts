import { checkDistributions } from '../../../src/core/distributions';
import { parseReleaseVersion } from '../../../src/core/version';
import { resolveConfig } from '../../../src/synth/config';
import { Bindings, MaturinReleaseOptions, WheelPlatform } from '../../../src/synth/options';
import { buildReleasePlan } from '../../../src/synth/plan/release-plan';

/**
 * The promised wheel set equals the file names maturin really writes. The names
 * below follow files published on PyPI (pydantic-core 2.41.5, orjson, ruff 0.16.8,
 * uv 0.12.4) and maturin 1.14's tag rules (`python_interpreter/mod.rs` get_tag,
 * `target/platform_tag.rs`: manylinux_2_17 with its manylinux2014 alias, riscv64
 * from 2_31 without an alias, macOS 10.12 for x86_64 and 11.0 for arm64).
 */
function check(options: Partial<MaturinReleaseOptions>, files: string[], name = options.packageName ?? 'pkg', version = '1.0.0') {
  const plan = buildReleasePlan(resolveConfig({ packageName: name, ...options } as MaturinReleaseOptions));
  return checkDistributions(files, plan.expected, name, parseReleaseVersion(version));
}

const linux = (arch: string) => `manylinux_2_17_${arch}.manylinux2014_${arch}`;

describe('the promise is exactly what maturin writes', () => {
  test('a pydantic-core-like matrix: CPython, free-threaded, PyPy and GraalPy (Windows arm64 gets CPython only)', () => {
    const wheels = [
      `pydantic_core-2.41.5-cp314-cp314-${linux('x86_64')}.whl`,
      `pydantic_core-2.41.5-cp314-cp314t-${linux('x86_64')}.whl`,
      `pydantic_core-2.41.5-pp311-pypy311_pp73-${linux('x86_64')}.whl`,
      `pydantic_core-2.41.5-graalpy311-graalpy242_311_native-${linux('x86_64')}.whl`,
      'pydantic_core-2.41.5-cp314-cp314-macosx_11_0_arm64.whl',
      'pydantic_core-2.41.5-cp314-cp314t-macosx_11_0_arm64.whl',
      'pydantic_core-2.41.5-pp311-pypy311_pp73-macosx_11_0_arm64.whl',
      'pydantic_core-2.41.5-graalpy311-graalpy242_311_native-macosx_11_0_arm64.whl',
      'pydantic_core-2.41.5-cp314-cp314-win_arm64.whl',
      'pydantic_core-2.41.5-cp314-cp314t-win_arm64.whl',
      'pydantic_core-2.41.5.tar.gz',
    ];
    const options = {
      platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.MACOS_ARM64, WheelPlatform.WINDOWS_ARM64],
      pythonVersions: ['3.14', '3.14t', 'pypy3.11', 'graalpy3.11'],
    };
    const result = check(options, wheels, 'pydantic-core', '2.41.5');
    expect(result.missing).toEqual([]);
    expect(result.unexpected).toEqual([]);
    // Negative control: a 3.13t wheel is not part of the promise, and a missing GraalPy wheel is named.
    const wrong = check(options, [...wheels.filter((w) => !w.includes('graalpy311-graalpy242_311_native-macosx')),
      `pydantic_core-2.41.5-cp313-cp313t-${linux('x86_64')}.whl`], 'pydantic-core', '2.41.5');
    expect(wrong.missing.map((e) => e.description)).toEqual(['graalpy311-graalpy242_311_native wheel for macOS arm64']);
    expect(wrong.unexpected).toEqual([`pydantic_core-2.41.5-cp313-cp313t-${linux('x86_64')}.whl`]);
  });

  test('a ruff-like bin package: one py3-none wheel per target, riscv64 at manylinux_2_31', () => {
    const tags = [
      linux('x86_64'), linux('aarch64'), linux('i686'), linux('armv7l'), linux('ppc64le'), linux('s390x'), 'manylinux_2_31_riscv64',
      'musllinux_1_2_x86_64', 'musllinux_1_2_aarch64', 'musllinux_1_2_i686', 'musllinux_1_2_armv7l',
      'macosx_11_0_arm64', 'macosx_10_12_x86_64', 'win_amd64', 'win32', 'win_arm64',
    ];
    const platforms = Object.values(WheelPlatform).filter((p) => p !== WheelPlatform.MACOS_UNIVERSAL2);
    const result = check({ bindings: Bindings.BIN, platforms, sdist: false }, tags.map((t) => `ruff-0.16.8-py3-none-${t}.whl`), 'ruff', '0.16.8');
    expect(result.missing).toEqual([]);
    expect(result.unexpected).toEqual([]);
  });

  test('an nh3-like abi3 package with free-threaded wheels beside it, and a universal2 macOS wheel', () => {
    const result = check({
      abi3: true,
      abi3MinimumPython: '3.8',
      pythonVersions: ['3.9', '3.14t'],
      platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.MUSLLINUX_AARCH64, WheelPlatform.MACOS_UNIVERSAL2, WheelPlatform.WINDOWS_X64],
      sdist: false,
    }, [
      `nh3-0.3.2-cp38-abi3-${linux('x86_64')}.whl`,
      `nh3-0.3.2-cp314-cp314t-${linux('x86_64')}.whl`,
      'nh3-0.3.2-cp38-abi3-musllinux_1_2_aarch64.whl',
      'nh3-0.3.2-cp314-cp314t-musllinux_1_2_aarch64.whl',
      'nh3-0.3.2-cp38-abi3-macosx_10_12_x86_64.macosx_11_0_arm64.macosx_10_12_universal2.whl',
      'nh3-0.3.2-cp314-cp314t-macosx_10_12_x86_64.macosx_11_0_arm64.macosx_10_12_universal2.whl',
      'nh3-0.3.2-cp38-abi3-win_amd64.whl',
      'nh3-0.3.2-cp314-cp314t-win_amd64.whl',
    ], 'nh3', '0.3.2');
    expect(result.missing).toEqual([]);
    expect(result.unexpected).toEqual([]);
  });

  test('an explicit manylinux level is exact: a 2_17 wheel does not keep a 2_28 promise', () => {
    const options = { platforms: [WheelPlatform.LINUX_X86_64], pythonVersions: ['3.12'], manylinux: '2_28', sdist: false };
    expect(check(options, ['pkg-1.0.0-cp312-cp312-manylinux_2_28_x86_64.whl']).unexpected).toEqual([]);
    expect(check(options, [`pkg-1.0.0-cp312-cp312-${linux('x86_64')}.whl`]).missing).toHaveLength(1);
  });

  test('cffi and UniFFI wheels are py3-none, whatever the interpreters', () => {
    for (const bindings of [Bindings.CFFI, Bindings.UNIFFI]) {
      const result = check({ bindings, platforms: [WheelPlatform.WINDOWS_X86], pythonVersions: ['3.12', '3.13'], sdist: false }, ['pkg-1.0.0-py3-none-win32.whl']);
      expect([result.missing, result.unexpected]).toEqual([[], []]);
    }
  });
});
