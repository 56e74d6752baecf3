import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { parseInterpreter } from '../../src/core/interpreters';
import { DEFAULTS } from '../../src/synth/defaults';
import { PLATFORMS } from '../../src/synth/plan/targets';
import { adoptAndRelease, git, render, shapeRepository, sorted } from '../helpers/adopt';
import { cli } from '../helpers/cli';

// The bundle the CLI runs (it inlines GitHub's expression engine, which is ESM-only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ADOPT_DEFAULTS, BUILDABLE_SPECS, adopt, whyNotBuildable } = require('../../assets/cli-adopt.cjs') as typeof import('../../src/cli/commands/adopt');

const FIXTURES = join(__dirname, '..', 'fixtures');
const GENERATE_CI = join(FIXTURES, 'adopt', 'generate-ci');
const CRATES: Record<string, string> = {
  tinyext: join(FIXTURES, 'tinyext'),
  tinyabi3: join(FIXTURES, 'tinyabi3'),
  tinybin: join(FIXTURES, 'tinybin'),
  tinycffi: join(FIXTURES, 'adopt', 'tinycffi'),
};

/** A git repository holding a fixture crate and `workflows` (name → text) under .github/workflows/. */
function repository(crate: string, workflows: Record<string, string>, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'adopt-'));
  cpSync(CRATES[crate], dir, { recursive: true });
  for (const [file, text] of Object.entries({ ...Object.fromEntries(Object.entries(workflows).map(([n, t]) => [`.github/workflows/${n}`, t])), ...extra })) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'existing repository');
  return dir;
}


const CP39 = 'cp39 cp310 cp311 cp312 cp313 cp314';
/**
 * What `--find-interpreter` builds on each target of maturin generate-ci's matrix (tinyext: pyo3 0.17,
 * requires-python >=3.9), from the platform facts: in pypa's manylinux images (x86_64, i686) CPython
 * 3.9–3.14 and PyPy 3.11; cross-compiling (maturin-action's rust-cross images: the other Linux targets,
 * all musllinux ones) maturin's bundled configurations, PyPy 3.9–3.11 among them (the release builds
 * them the same way); on macOS and Windows the runner image's Pythons plus setup-python's.
 */
const IMAGE = `${CP39} pp311`;
const CROSS = `${CP39} pp39 pp310 pp311`;
const FOUND: Record<string, string> = {
  'linux-x86_64': IMAGE,
  'linux-aarch64': CROSS,
  'linux-i686': IMAGE,
  'linux-armv7': CROSS,
  'linux-ppc64le': CROSS,
  'linux-s390x': CROSS,
  'musllinux-x86_64': CROSS,
  'musllinux-aarch64': CROSS,
  'musllinux-i686': CROSS,
  'musllinux-armv7': CROSS,
  // setup-python's 3.9 and the macOS 26 Arm64 image's 3.11–3.14: no 3.10.
  'macos-arm64': 'cp39 cp311 cp312 cp313 cp314',
  'macos-x86_64': CP39,
  // setup-python's 3.13 and Windows Server 2025's x64 Pythons (3.10–3.14); it has no x86 ones.
  'windows-x64': 'cp310 cp311 cp312 cp313 cp314',
  'windows-x86': 'cp313',
  'windows-arm64': 'cp312 cp313 cp314',
};
/** With --zig maturin-action builds on the runner: x86_64 finds setup-python's 3.9 and Ubuntu 22.04's 3.10; i686 cross-compiles. */
const FOUND_ZIG: Record<string, string> = { ...FOUND, 'linux-x86_64': 'cp39 cp310', 'linux-i686': CROSS };
const GENERATE_CI_TARGETS = Object.keys(FOUND);
const each = (tags: string) => Object.fromEntries(GENERATE_CI_TARGETS.map((t) => [t, tags]));
/** The misses of `--platform all`: the Emscripten and Android builds (the lines of their build steps). */
const androidAndPyodide = (emscripten: number, android: number) => [
  { target: 'wasm32-unknown-emscripten', tags: ['*'], reason: `Pyodide (Emscripten) wheels: PyPI does not take them, and the generated release has no Emscripten target (.github/workflows/CI.yml:${emscripten})` },
  { target: 'aarch64-linux-android', tags: ['*'], reason: `the generated release has no Android target (.github/workflows/CI.yml:${android})` },
  { target: 'x86_64-linux-android', tags: ['*'], reason: `the generated release has no Android target (.github/workflows/CI.yml:${android})` },
];
type Misses = ReturnType<typeof androidAndPyodide>;
/** `maturin generate-ci github` output (maturin 1.15.0; see test/fixtures/adopt/README.md): crate, release tag, adopted wheel set, misses. */
const GENERATED: [string, string, string, Record<string, string>, Misses][] = [
  ['pyo3', 'tinyext', 'v1.2.0-rc.1', FOUND, []],
  ['pyo3-pytest', 'tinyext', 'v1.2.0-rc.1', FOUND, []],
  ['pyo3-zig', 'tinyext', 'v1.2.0-rc.1', FOUND_ZIG, []],
  ['pyo3-all', 'tinyext', 'v1.2.0-rc.1', FOUND, androidAndPyodide(171, 195)],
  ['pyo3-all-pytest-zig', 'tinyext', 'v1.2.0-rc.1', FOUND_ZIG, androidAndPyodide(248, 283)],
  ['abi3', 'tinyabi3', 'v0.4.0', each('cp39-abi3 cp314t'), []],
  ['cffi', 'tinycffi', 'v0.3.0', each('py3-none'), []],
  ['cffi-pytest', 'tinycffi', 'v0.3.0', each('py3-none'), []],
  ['bin', 'tinybin', 'v2.0.0-beta.3', each('py3-none'), []],
  // maturin writes no Emscripten or Android build for bin bindings.
  ['bin-all-zig', 'tinybin', 'v2.0.0-beta.3', each('py3-none'), []],
];

/** A wheel set with each target's tags in one order, to compare sets built in different orders. */
const normal = (set: Record<string, string>) => sorted(Object.fromEntries(Object.entries(set).map(([t, tags]) => [t, tags.split(' ').sort().join(' ')])));

describe.each(GENERATED)('maturin generate-ci github: %s', (name, crate, tag, found, misses) => {
  test('adopt, synthesize, preflight ok; every wheel the release can build is kept, each miss named', () => {
    const workflow = readFileSync(join(GENERATE_CI, `${name}.yml`), 'utf8');
    const dir = repository(crate, { 'CI.yml': workflow });
    const { adoption, stdout } = adoptAndRelease(dir, tag);
    const existing = { ...found };
    for (const miss of misses) existing[miss.target] = existing[miss.target] ? `${existing[miss.target]} ${miss.tags.join(' ')}` : miss.tags.join(' ');
    expect(normal(render(adoption.existing))).toEqual(normal(existing));
    expect(sorted(render(adoption.adopted))).toEqual(sorted(found));
    expect(adoption.misses).toEqual(misses);
    const wheels = Object.values(found).join(' ').split(' ').length;
    expect(adoption.difference).toMatchObject({ same: wheels, added: 0, missing: misses.length });
    expect(stdout).toContain(`${wheels} the same, 0 added, ${misses.length} missing`);
    // The existing workflow stays byte for byte; the generated one is beside it.
    expect(readFileSync(join(dir, '.github/workflows/CI.yml'), 'utf8')).toBe(workflow);
    expect(existsSync(join(dir, '.github/workflows/release.yml'))).toBe(true);
  });
});

test('the wheel set of a generate-ci workflow: its targets, their interpreters and publishing, with the line each came from', () => {
  const dir = repository('tinyext', { 'CI.yml': readFileSync(join(GENERATE_CI, 'pyo3-zig.yml'), 'utf8') });
  const { projenrc } = adopt(dir);
  expect(projenrc).toContain("  pythonVersions: ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14', 'pypy3.9', 'pypy3.10', 'pypy3.11'], // from .github/workflows/CI.yml:48\n");
  expect(projenrc).toContain('    WheelPlatform.MUSLLINUX_ARMV7, // .github/workflows/CI.yml:75\n');
  expect(projenrc).toContain("    'linux-x86_64': {\n      pythonVersions: ['3.9', '3.10'], // from .github/workflows/CI.yml:48\n"
    + "      maturinArgs: ['--zig'], // from .github/workflows/CI.yml:48\n");
  expect(projenrc).toContain("    pypiTokenSecret: 'PYPI_API_TOKEN', // from .github/workflows/CI.yml:184\n");
  expect(projenrc).toContain('// Not carried over from the existing workflows:\n// - .github/workflows/CI.yml:14: the existing workflow runs for any tag; the generated release only for tags matching "v*.*.*"\n');
});

test('--find-interpreter is resolved with the facts of the image or runner the build runs on, and says which', () => {
  const workflow = readFileSync(join(GENERATE_CI, 'pyo3.yml'), 'utf8');
  const { resolutions, projenrc } = adopt(repository('tinyext', { 'CI.yml': workflow }));
  const line = (target: string) => resolutions.find((r) => r.startsWith(`${target}: `));
  expect(line('linux-x86_64')).toBe('linux-x86_64: --find-interpreter in the manylinux2014_x86_64 image finds cp39–cp314, pp311 (requires-python >=3.9) (pypa/manylinux @ ad3c453962dd) (.github/workflows/CI.yml:48)');
  expect(line('linux-aarch64')).toBe('linux-aarch64: --find-interpreter in the ghcr.io/rust-cross/manylinux2014-cross:aarch64 image, cross-compiling for aarch64-unknown-linux-gnu '
    + '(maturin\'s bundled configurations) finds cp39–cp314, pp39, pp310, pp311 (requires-python >=3.9) (PyO3/maturin @ 9ad2a8c02993) (.github/workflows/CI.yml:48)');
  expect(line('macos-arm64')).toBe('macos-arm64: --find-interpreter on the runner (the macOS 26 Arm64 arm64 runner image has 3.11, 3.12, 3.13, 3.14; setup-python installs 3.9) '
    + 'finds cp39, cp311–cp314 (requires-python >=3.9) (actions/runner-images @ 749514466b4f) (.github/workflows/CI.yml:138)');
  // The written configuration says it too.
  expect(projenrc).toContain(`// - ${line('linux-x86_64')}\n`);

  // Negative control: the same build on an Arm runner runs in pypa's aarch64 image, not cross-compiling.
  const arm = adopt(repository('tinyext', { 'CI.yml': workflow.replace(/- runner: ubuntu-22\.04\n(\s+)target: aarch64/, '- runner: ubuntu-24.04-arm\n$1target: aarch64') }));
  expect(arm.resolutions.find((r) => r.startsWith('linux-aarch64: '))).toBe(
    'linux-aarch64: --find-interpreter in the manylinux2014_aarch64 image finds cp39–cp314, pp311 (requires-python >=3.9) (pypa/manylinux @ ad3c453962dd) (.github/workflows/CI.yml:48)');
  expect(render(arm.adopted)['linux-aarch64']).toBe(IMAGE);
});

test('on pyo3 0.27 or later --find-interpreter finds no PyPy before 3.11 when cross-compiling (pyo3-ffi\'s metadata, which maturin reads)', () => {
  const workflow = readFileSync(join(GENERATE_CI, 'pyo3.yml'), 'utf8');
  const lock = readFileSync(join(CRATES.tinyext, 'Cargo.lock'), 'utf8');
  expect(lock).toContain('name = "pyo3"\nversion = "0.17.3"\n');
  const { resolutions, existing } = adopt(repository('tinyext', { 'CI.yml': workflow }, { 'Cargo.lock': lock.replace('name = "pyo3"\nversion = "0.17.3"\n', 'name = "pyo3"\nversion = "0.27.1"\n') }));
  expect(resolutions.find((r) => r.startsWith('linux-aarch64: '))).toContain(' finds cp39–cp314, cp314t, pp311 (requires-python >=3.9) ');
  expect(render(existing)['musllinux-armv7']).toBe(`${CP39} cp314t pp311`);
  // Negative control: pyo3 0.17 (the fixture's own lock) finds PyPy 3.9 and 3.10 there too (the test above).
});

test('on pyo3 0.27 or later an explicit -i pypy3.10 is a miss with the reason, and the adopted release synthesizes', () => {
  const workflow = readFileSync(join(GENERATE_CI, 'pyo3.yml'), 'utf8').replace(/--find-interpreter/g, '--interpreter 3.12 pypy3.10');
  const lock = readFileSync(join(CRATES.tinyext, 'Cargo.lock'), 'utf8').replace('name = "pyo3"\nversion = "0.17.3"\n', 'name = "pyo3"\nversion = "0.27.1"\n');
  const { adoption } = adoptAndRelease(repository('tinyext', { 'CI.yml': workflow }, { 'Cargo.lock': lock }), 'v1.2.0-rc.1');
  const pyo3Misses = adoption.misses.filter((m) => m.reason.startsWith('PyO3 '));
  expect(pyo3Misses.map((m) => m.target)).toContain('linux-x86_64');
  expect(pyo3Misses[0]).toMatchObject({ tags: ['pp310'], reason: expect.stringMatching(/^PyO3 0\.27 builds PyPy 3\.11 and later \(PyO3 0\.27\.0, 2025-10-19, dropped the older ones\) \(\.github\/workflows\/CI\.yml:\d+\)$/) });
  expect(render(adoption.adopted)['linux-x86_64']).toBe('cp312');
});

test('an abi3 crate built with --find-interpreter publishes one abi3 wheel per target, even where no interpreter reaches its floor', () => {
  const workflow = readFileSync(join(GENERATE_CI, 'pyo3.yml'), 'utf8');
  const { existing, resolutions } = adopt(repository('tinyabi3', { 'CI.yml': workflow }));
  expect(render(existing)).toEqual(each('cp39-abi3'));
  expect(resolutions.find((r) => r.startsWith('windows-x86: '))).toContain('finds cp313 ');
  // Windows Server 2025 has no x86 Python: with setup-python's 3.8 alone, maturin builds the abi3 wheel without an interpreter.
  const old = adopt(repository('tinyabi3', { 'CI.yml': workflow.replace('python-version: "3.13"', 'python-version: "3.8"') }));
  expect(old.resolutions.find((r) => r.startsWith('windows-x86: '))).toContain('finds no CPython from 3.9 on, and builds the abi3 wheel without one ');
  expect(render(old.existing)['windows-x86']).toBe('cp39-abi3');
});

test('the defaults adopt leaves out are the options\' defaults', () => {
  expect(ADOPT_DEFAULTS).toEqual({
    pythonVersions: DEFAULTS.pythonVersions,
    platforms: DEFAULTS.platforms,
    manylinux: DEFAULTS.manylinux,
    musllinux: DEFAULTS.musllinux,
    tagPattern: DEFAULTS.tagPattern,
    workflowName: DEFAULTS.workflowName,
    changelogFile: DEFAULTS.changelogFile,
    pypiEnvironment: DEFAULTS.publishing.pypiEnvironment,
    testPypiEnvironment: DEFAULTS.publishing.testPypiEnvironment,
    pypiTokenSecret: DEFAULTS.publishing.pypiTokenSecret,
    testPypiTokenSecret: DEFAULTS.publishing.testPypiTokenSecret,
    maturinVersion: DEFAULTS.maturinVersion,
    testSources: DEFAULTS.testSources,
  });
});

test('the interpreters adopt configures per target are those the release builds there', () => {
  for (const [id, platform] of Object.entries(PLATFORMS)) {
    for (const spec of BUILDABLE_SPECS) {
      expect([id, spec, whyNotBuildable(spec, id) === undefined]).toEqual([id, spec, platform.unsupported(parseInterpreter(spec)!) === undefined]);
    }
  }
});

test('the generate-ci fixtures are maturin\'s own output, as the README records', () => {
  const readme = readFileSync(join(FIXTURES, 'adopt', 'README.md'), 'utf8');
  for (const file of readdirSync(GENERATE_CI)) {
    const text = readFileSync(join(GENERATE_CI, file), 'utf8');
    expect(text.split('\n')[0]).toBe('# This file is autogenerated by maturin v1.15.0');
    expect(readme).toContain(`\`${file}\``);
  }
});


const CP = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `cp3${from + i}`).join(' ');

/** Release workflows of public projects (test/fixtures/adopt/shapes/README.md): tag, existing wheel set, adopted, misses. */
const SHAPES: [string, string, Record<string, string>, Record<string, string>, Misses][] = [
  ['nh3', 'v0.3.6', (() => {
    const set: Record<string, string> = {};
    for (const t of ['linux-x86_64', 'linux-i686', 'musllinux-x86_64', 'musllinux-aarch64', 'musllinux-i686', 'musllinux-armv7', 'macos-universal2', 'windows-x64', 'windows-x86', 'windows-arm64']) set[t] = 'cp38-abi3 cp314t';
    for (const t of ['linux-aarch64', 'linux-armv7', 'linux-ppc64le', 'linux-s390x', 'linux-riscv64']) set[t] = 'cp38-abi3';
    return set;
  })(), { 'powerpc64-unknown-linux-gnu': 'cp38-abi3' }, [
    { target: 'powerpc64-unknown-linux-gnu', tags: ['cp38-abi3'], reason: 'the generated release has no target for powerpc64-unknown-linux-gnu (.github/workflows/CI.yml:171, .github/workflows/CI.yml:179)' },
  ]],
  ['rtoml', 'v0.13.0', {
    ...Object.fromEntries(['linux-x86_64', 'linux-aarch64', 'linux-i686', 'linux-armv7', 'linux-ppc64le', 'linux-s390x', 'musllinux-x86_64', 'musllinux-aarch64',
      'macos-arm64', 'macos-x86_64', 'windows-x64', 'windows-x86'].map((t) => [t, CP(10, 14)])),
    'windows-arm64': CP(11, 14),
  }, {}, []],
  ['jiter', 'v0.16.0', {
    ...Object.fromEntries(['linux-i686', 'linux-armv7', 'linux-ppc64le', 'linux-s390x', 'linux-riscv64', 'musllinux-x86_64', 'musllinux-aarch64', 'windows-x64', 'windows-x86']
      .map((t) => [t, `${CP(9, 14)} cp314t`])),
    'linux-x86_64': `${CP(9, 14)} cp314t graalpy311 graalpy312`,
    'linux-aarch64': `${CP(9, 14)} cp314t graalpy311 graalpy312`,
    'macos-arm64': `${CP(9, 14)} cp314t graalpy311 graalpy312`,
    'macos-x86_64': `${CP(9, 14)} graalpy311`,
    'windows-arm64': `${CP(11, 14)} cp314t`,
  }, { 'macos-x86_64': 'graalpy312', 'wasm32-unknown-emscripten': 'cp314' }, [
    { target: 'macos-x86_64', tags: ['graalpy312'], reason: 'the generated release builds no GraalPy 3.12 wheels for macos-x86_64 (.github/workflows/ci.yml:400)' },
    { target: 'wasm32-unknown-emscripten', tags: ['cp314'], reason: 'Pyodide (Emscripten) wheels: PyPI does not take them, and the generated release has no Emscripten target (.github/workflows/ci.yml:500)' },
  ]],
  ['pydantic-core', 'v2.41.5', {
    'linux-x86_64': `${CP(9, 14)} cp314t pp310 pp311 graalpy311 graalpy312`,
    'linux-aarch64': `${CP(9, 14)} cp314t graalpy311 graalpy312`,
    ...Object.fromEntries(['linux-i686', 'windows-x64', 'musllinux-x86_64', 'musllinux-aarch64', 'musllinux-armv7'].map((t) => [t, `${CP(9, 14)} cp314t pp310 pp311`])),
    ...Object.fromEntries(['linux-armv7', 'linux-ppc64le', 'linux-s390x', 'windows-x86'].map((t) => [t, `${CP(9, 14)} cp314t`])),
    'macos-arm64': `${CP(9, 14)} cp314t pp310 pp311 graalpy311 graalpy312`,
    'macos-x86_64': `${CP(9, 14)} cp314t pp310 pp311 graalpy311`,
    'windows-arm64': `${CP(11, 14)} cp314t`,
  }, { 'macos-x86_64': 'graalpy312' }, [
    { target: 'macos-x86_64', tags: ['graalpy312'], reason: 'the generated release builds no GraalPy 3.12 wheels for macos-x86_64 (.github/workflows/ci.yml:505)' },
  ]],
  // universal2 beside thin arm64 wheels: both kept, as orjson publishes them (synthesis warns).
  ['orjson', 'v3.11.8', {
    ...Object.fromEntries(['linux-x86_64', 'linux-aarch64', 'linux-i686', 'linux-armv7', 'linux-ppc64le', 'linux-s390x', 'musllinux-x86_64', 'musllinux-aarch64', 'musllinux-i686',
      'musllinux-armv7', 'macos-universal2', 'windows-x64', 'windows-x86'].map((t) => [t, CP(10, 14)])),
    'macos-arm64': CP(11, 14),
    'windows-arm64': CP(11, 14),
  }, {}, []],
];

describe.each(SHAPES)('the release workflow of %s', (name, tag, adopted, missing, misses) => {
  test('adopt, synthesize, preflight ok; the wheel sets and every miss exactly', () => {
    const dir = shapeRepository(name);
    const { adoption } = adoptAndRelease(dir, tag);
    expect(sorted(render(adoption.adopted))).toEqual(sorted(adopted));
    const existing = { ...adopted };
    for (const [target, tags] of Object.entries(missing)) existing[target] = existing[target] ? `${existing[target]} ${tags}` : tags;
    expect(normal(render(adoption.existing))).toEqual(normal(existing));
    expect(adoption.misses).toEqual(misses);
    const count = (set: Record<string, string>) => Object.values(set).join(' ').split(' ').filter(Boolean).length;
    expect(adoption.difference).toMatchObject({ same: count(adopted), added: 0, missing: count(missing) });
  });
});

test('universal2 and thin macOS wheels published together are both kept, with a warning, and the release synthesizes with both', () => {
  const dir = shapeRepository('orjson');
  const { adoption } = adoptAndRelease(dir, 'v3.11.8');
  expect(adoption.projenrc).toMatch(/WheelPlatform\.MACOS_ARM64, .*\n(.*\n)*?.*WheelPlatform\.MACOS_UNIVERSAL2, /);
  expect(adoption.warnings).toContainEqual(expect.stringMatching(/^the existing workflows publish macos-universal2 wheels beside macos-arm64 ones \(.*\); the generated release keeps both/));
  expect(JSON.parse(readFileSync(join(dir, '.github/maturin-release/config.json'), 'utf8')).expectedDistributions
    .filter((e: { description: string }) => / wheel for macOS/.test(e.description)).map((e: { description: string }) => e.description.replace(/^.* wheel for /, '')))
    .toEqual(expect.arrayContaining([expect.stringMatching(/arm64/), expect.stringMatching(/universal2/)]));
  // Negative control: nh3 publishes universal2 alone: no such warning, no thin macOS target.
  const nh3 = adopt(shapeRepository('nh3'));
  expect(nh3.warnings.join('\n')).not.toContain('macos-universal2');
  expect([...nh3.adopted.keys()].filter((t) => t.startsWith('macos-'))).toEqual(['macos-universal2']);
});

test('a repository whose release.yml is its own gets python-release.yml, and an existing .projenrc.ts is never replaced', () => {
  const workflow = readFileSync(join(GENERATE_CI, 'bin.yml'), 'utf8');
  const dir = repository('tinybin', { 'release.yml': workflow });
  const { adoption, stdout } = adoptAndRelease(dir, 'v2.0.0-beta.3');
  expect(adoption.workflowName).toBe('python-release');
  expect(adoption.projenrc).toContain("  workflowName: 'python-release', // .github/workflows/release.yml exists\n");
  expect(stdout).toContain('its release workflow will be .github/workflows/python-release.yml (.github/workflows/release.yml is yours and stays as it is).');
  expect(readFileSync(join(dir, '.github/workflows/release.yml'), 'utf8')).toBe(workflow);
  const again = cli(dir, 'adopt');
  expect(again.status).toBe(1);
  expect(again.stderr).toContain('.projenrc.ts already exists');
  expect(cli(dir, 'adopt', '--dry-run').status).toBe(0);
});
