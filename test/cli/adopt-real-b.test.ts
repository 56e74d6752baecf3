import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { MANYLINUX_VALUES, MUSLLINUX_VALUES } from '../../src/synth/plan/targets';
import { adoptAndRelease, git, render, shapeRepository, sorted, synthesize, synthesizedWheelSet } from '../helpers/adopt';
import { cli } from '../helpers/cli';

// The bundle the CLI runs (it inlines GitHub's expression engine, which is ESM-only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ADOPT_LEVELS, adopt, whyNotBuildable } = require('../../assets/cli-adopt.cjs') as typeof import('../../src/cli/commands/adopt');

// Shapes of public maturin repositories adopted as they are (test/fixtures/adopt/README.md), and the
// general fixes they needed, each with a small workflow of its own.

const CP = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `cp3${from + i}`).join(' ');
const normal = (set: Record<string, string>) => sorted(Object.fromEntries(Object.entries(set).map(([t, tags]) => [t, tags.split(' ').sort().join(' ')])));
const each = (targets: string[], tags: string) => Object.fromEntries(targets.map((t) => [t, tags]));

describe('release workflows of public projects: adopt, synthesize, preflight ok, the wheel sets and every miss exactly', () => {
  test('granian: interpreters from `matrix.interpreter || env.PY_ALL`, CPython 3.15 pre-releases, allocator features per cell', () => {
    const dir = shapeRepository('granian');
    const { adoption } = adoptAndRelease(dir, 'v2.8.1');
    const all = `${CP(10, 15)} cp314t cp315t pp311`;
    const adopted = {
      ...each(['linux-x86_64', 'linux-aarch64', 'musllinux-x86_64', 'musllinux-aarch64', 'musllinux-armv7', 'macos-arm64', 'macos-x86_64', 'windows-x64'], all),
      ...each(['linux-i686', 'linux-armv7'], `${CP(10, 15)} cp314t cp315t`),
    };
    expect(normal(render(adoption.existing))).toEqual(normal(adopted));
    expect(normal(render(adoption.adopted))).toEqual(normal(adopted));
    expect(adoption.misses).toEqual([]);
    expect(adoption.projenrc).toContain('  allowPythonPrereleases: true, // from .github/workflows/release.yml:130\n');
    // `--features jemalloc` stays one argument of its target, never split into a global `--features`.
    expect(adoption.projenrc).toContain("    'linux-x86_64': {\n      dockerOptions: '-e CI', // from .github/workflows/release.yml:126\n      maturinArgs: ['--features', 'jemalloc'],");
    expect(adoption.projenrc).not.toContain("  maturinArgs: ['--features'],");
    expect(adoption.leftOut).toContain('.github/workflows/release.yml:130: the builds of linux-x86_64 pass different maturin arguments ("--features jemalloc", "--features mimalloc"): '
      + 'the generated release builds every linux-x86_64 wheel with "--features jemalloc"');
  });

  test('blake3: `--interpreter \'3.8 … 3.14\'` (maturin-action splits the quoted list), a release-published trigger with tags "1.0.9"', () => {
    const dir = shapeRepository('blake3');
    git(dir, 'tag', '1.0.8');
    git(dir, 'tag', '1.0.9');
    const { adoption } = adoptAndRelease(dir, '1.0.9');
    const targets = ['linux-x86_64', 'linux-aarch64', 'linux-i686', 'linux-armv7', 'linux-ppc64le', 'linux-s390x', 'linux-riscv64', 'musllinux-x86_64', 'musllinux-aarch64',
      'macos-arm64', 'macos-x86_64', 'windows-x64', 'windows-x86'];
    const set = each(targets, `${CP(8, 14)} cp314t`);
    expect(normal(render(adoption.existing))).toEqual(normal(set));
    expect(normal(render(adoption.adopted))).toEqual(normal(set));
    expect(adoption.misses).toEqual([]);
    expect(adoption.projenrc).toContain("  tagPattern: '*.*.*', // the repository's tags\n");
  });

  test('css-inline: messense/maturin-action (the action\'s former name), a package in bindings/python, universal2 beside Intel macOS kept, manylinux 2_24 (no such option value) left out and named', () => {
    const dir = shapeRepository('css-inline');
    const { adoption } = adoptAndRelease(dir, 'python-v0.21.1');
    const adopted = {
      'linux-x86_64': 'cp310-abi3 pp311',
      'linux-aarch64': 'cp310-abi3 pp311',
      'macos-x86_64': 'cp310-abi3 pp311',
      ...each(['linux-i686', 'linux-armv7', 'musllinux-x86_64', 'musllinux-aarch64', 'musllinux-armv7', 'macos-universal2', 'windows-x64', 'windows-x86'], 'cp310-abi3'),
    };
    expect(normal(render(adoption.adopted))).toEqual(normal(adopted));
    expect(normal(render(adoption.existing))).toEqual(normal(adopted));
    expect(adoption.misses).toEqual([]);
    expect(adoption.packageDirectory).toBe('bindings/python');
    expect(adoption.projenrc).not.toContain("manylinux: '2_24'");
    expect(adoption.leftOut).toContain('.github/workflows/python-release.yml:161: manylinux "2_24" is not a level the generated release builds (auto, 2014, 2_17, 2_28, 2_31, 2_34): '
      + 'linux-aarch64 builds at the level of the manylinux/musllinux option instead');
  });
});

/** tinyext (test/fixtures/tinyext) in a fresh repository with one release workflow (and Cargo.toml lines added). */
function tinyext(workflow: string, cargo: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'adopt-b-'));
  cpSync(join(__dirname, '..', 'fixtures', 'tinyext'), dir, { recursive: true });
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  writeFileSync(join(dir, '.github/workflows/release.yml'), workflow);
  if (cargo.length > 0) writeFileSync(join(dir, 'Cargo.toml'), `${readFileSync(join(dir, 'Cargo.toml'), 'utf8')}${cargo.join('\n')}\n`);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'existing repository');
  return dir;
}

/**
 * A tag-triggered workflow whose one job builds on Linux x86_64 with maturin-action `with` (lines of YAML),
 * then uploads and publishes the wheels (unless maturin publishes them itself).
 */
const workflow = (build: string[], publishStep = true) => [
  'on:', '  push:', '    tags: ["v*"]',
  'jobs:', '  release:', '    runs-on: ubuntu-latest', '    permissions:', '      id-token: write', '    steps:', '      - uses: actions/checkout@v4',
  '      - uses: PyO3/maturin-action@v1', '        with:', ...build.map((l) => `          ${l}`),
  ...(publishStep ? ['      - uses: actions/upload-artifact@v4', '        with:', '          path: dist', '      - uses: pypa/gh-action-pypi-publish@release/v1'] : []), '',
].join('\n');

test('an argument synthesis would refuse (not one word bash leaves as it is) is left out and named, and the configuration synthesizes', () => {
  const dir = tinyext(workflow(['target: x86_64', 'args: --release --out dist -i 3.12 --config \'build.rustflags=["-C","x"]\' --locked']));
  const { adoption } = adoptAndRelease(dir, 'v1.2.0-rc.1');
  expect(adoption.projenrc).toContain("  maturinArgs: ['--locked'],");
  expect(adoption.leftOut).toContain('.github/workflows/release.yml:14: the maturin argument "--config build.rustflags=["-C","x"]" is not one word bash leaves as it is: not carried over');
});

test('`maturin publish` builds the sdist unless --no-sdist, which (a publish option) is not carried into maturinArgs', () => {
  const without = tinyext(workflow(['command: publish', 'args: --release --no-sdist --skip-existing -i 3.12'], false));
  const a = adoptAndRelease(without, 'v1.2.0-rc.1').adoption;
  expect(a.projenrc).not.toContain('--no-sdist');
  expect(a.projenrc).toContain('  sdist: false, // no sdist build in the existing workflows\n');
  const withSdist = tinyext(workflow(['command: publish', 'args: --release -i 3.12'], false));
  expect(adoptAndRelease(withSdist, 'v1.2.0-rc.1').adoption.projenrc).not.toContain('sdist: false');
});

test('a musl Rust target without a manylinux input builds at the default musllinux level, not "auto" (which musllinux does not take)', () => {
  const dir = tinyext(workflow(['target: x86_64-unknown-linux-musl', 'args: --release --out dist -i 3.12']));
  const { adoption } = adoptAndRelease(dir, 'v1.2.0-rc.1');
  expect(render(adoption.adopted)).toEqual({ 'musllinux-x86_64': 'cp312' });
  expect(adoption.projenrc).not.toContain('musllinux:');
});

test('the manylinux and musllinux levels adopt writes are those the options take', () => {
  expect(ADOPT_LEVELS).toEqual({ manylinux: MANYLINUX_VALUES, musllinux: MUSLLINUX_VALUES });
});

test('the shape fixtures are the files the README names', () => {
  const readme = readFileSync(join(__dirname, '..', 'fixtures', 'adopt', 'README.md'), 'utf8');
  for (const shape of ['granian', 'blake3', 'css-inline']) expect(readme).toContain(`\`shapes/${shape}\``);
});

describe('a build that turns abi3 on with a feature, beside builds of version-specific wheels (obstore, opendal): abi3MinimumPython', () => {
  // Two maturin-action steps in one job: the abi3 build, then the version-specific one.
  const steps = (abi3Args: string, otherArgs: string) => workflow(['target: x86_64', `args: ${abi3Args}`])
    .replace('      - uses: actions/upload-artifact', `      - uses: PyO3/maturin-action@v1\n        with:\n          target: x86_64\n          args: ${otherArgs}\n      - uses: actions/upload-artifact`);
  test.each([
    ['separate --features words (obstore)', '--release --out dist --features abi3-py311 -i 3.11', '--release --out dist -i 3.10 -i 3.14t', ['abi3-py311 = ["pyo3/abi3-py311"]'], undefined],
    ['one --features= list with other features (opendal)', '--release -o dist -i python3.11 --features=pyo3/extension-module,fast,abi3', '--release -o dist -i python3.10 --features=pyo3/extension-module,fast',
      ['abi3 = ["pyo3/abi3-py311"]', 'fast = []'], "['--features=pyo3/extension-module,fast']"],
  ])('%s', (_, abi3Args, otherArgs, features, maturinArgs) => {
    const dir = tinyext(steps(abi3Args, otherArgs), ['', '[features]', ...features]);
    const { adoption } = adoptAndRelease(dir, 'v1.2.0-rc.1');
    const set = { 'linux-x86_64': otherArgs.includes('3.14t') ? 'cp310 cp311-abi3 cp314t' : 'cp310 cp311-abi3' };
    expect(normal(render(adoption.existing))).toEqual(normal(set));
    expect(normal(render(adoption.adopted))).toEqual(normal(set));
    expect(adoption.projenrc).toContain("  abi3: true, // from .github/workflows/release.yml:14\n  abi3MinimumPython: '3.11', // from .github/workflows/release.yml:14\n");
    if (maturinArgs) expect(adoption.projenrc).toContain(`  maturinArgs: ${maturinArgs},`);
    else expect(adoption.projenrc).not.toContain('maturinArgs');
  });
});

test('one matrix building several packages (arro3): adopt --package takes that package\'s builds only and names the others', () => {
  const dir = mkdtempSync(join(tmpdir(), 'adopt-b-'));
  for (const name of ['core', 'io']) {
    cpSync(join(__dirname, '..', 'fixtures', 'tinyext'), join(dir, name), { recursive: true });
    for (const file of ['pyproject.toml', 'Cargo.toml']) writeFileSync(join(dir, name, file), readFileSync(join(dir, name, file), 'utf8').replace(/tinyext/g, `tiny-${name}`));
  }
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  // The io build passes 3.13 too: taking it for core's would add a wheel core never published.
  writeFileSync(join(dir, '.github/workflows/release.yml'), workflow(['target: x86_64', 'args: --release --out dist -i 3.12 ${{ matrix.module == \'io\' && \'-i 3.13\' || \'\' }} --manifest-path ${{ matrix.module }}/Cargo.toml'])
    .replace('    runs-on: ubuntu-latest', '    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        module: [core, io]'));
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'existing repository');
  const adoption = adopt(dir, 'core');
  expect(render(adoption.existing)).toEqual({ 'linux-x86_64': 'cp312' });
  expect(adoption.leftOut).toContain('.github/workflows/release.yml:14: the builds of io are other packages of this repository, not adopted here: '
    + 'run "projen-maturin adopt --package DIR" for each (one configuration per package)');
  expect(cli(dir, 'adopt', '--package', 'core').status).toBe(0);
  synthesize(dir);
  expect(synthesizedWheelSet(dir, adoption.workflowName)).toEqual({ 'linux-x86_64': 'cp312' });
});

test('a 3.13t wheel is named as a miss for what the generated release builds', () => {
  expect(whyNotBuildable('3.13t', 'linux-x86_64')).toBe('the generated release builds free-threaded wheels from 3.14t on');
});

test('distributions another tool builds in the release workflow (pendulum\'s `poetry build` of a pure-Python wheel) are named', () => {
  const dir = tinyext(workflow(['target: x86_64', 'args: --release --out dist -i 3.12']).replace('      - uses: actions/upload-artifact', '      - run: poetry build -f wheel\n      - uses: actions/upload-artifact'));
  const { adoption } = adoptAndRelease(dir, 'v1.2.0-rc.1');
  expect(adoption.leftOut).toContain('.github/workflows/release.yml:15: "poetry build" builds distributions without maturin; the generated release does not build them (not in the wheel set below)');
});

test('a pyproject.toml that declares no version (py-dissimilar): adopt says to add dynamic = ["version"]; the release synthesizes, as maturin 1 builds it', () => {
  const dir = tinyext(workflow(['target: x86_64', 'args: --release --out dist -i 3.12']));
  writeFileSync(join(dir, 'pyproject.toml'), readFileSync(join(dir, 'pyproject.toml'), 'utf8').replace('dynamic = ["version"]\n', ''));
  git(dir, 'commit', '-qam', 'no version');
  const run = cli(dir, 'adopt');
  expect(run.stdout).toContain('pyproject.toml [project] has neither version nor dynamic = ["version"]: maturin 1 takes Cargo.toml\'s version with a warning, '
    + 'and maturin 2 refuses it: add dynamic = ["version"] to [project]');
  synthesize(dir);
  expect(existsSync(join(dir, '.github/workflows/release.yml'))).toBe(true);
});

test('a matrix computed at run time is named only for a job that builds or publishes (opendal\'s test matrices are not)', () => {
  const dir = tinyext(workflow(['target: x86_64', 'args: --release --out dist -i 3.12']));
  const job = (steps: string) => ['on: push', 'jobs:', '  t:', '    runs-on: ubuntu-latest', '    strategy:', '      matrix:', '        cases: ${{ fromJson(inputs.cases) }}', '    steps:', steps, ''].join('\n');
  writeFileSync(join(dir, '.github/workflows/tests.yml'), job('      - run: cargo test'));
  writeFileSync(join(dir, '.github/workflows/wheels.yml'), job('      - uses: PyO3/maturin-action@v1'));
  const { leftOut } = adopt(dir);
  expect(leftOut.filter((l) => l.includes('computed at run time'))).toEqual([
    '.github/workflows/wheels.yml:7: the matrix of job "t" is computed at run time ({"cases":"${{ fromJson(inputs.cases) }}"}); its cells cannot be read',
  ]);
});
