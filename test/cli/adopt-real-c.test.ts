import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { adoptAndRelease, git, render, shapeRepository } from '../helpers/adopt';

// The bundle the CLI runs (it inlines GitHub's expression engine, which is ESM-only).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { adopt } = require('../../assets/cli-adopt.cjs') as typeof import('../../src/cli/commands/adopt');

// General fixes found adopting public maturin repositories (adopt-real-c's list), each with a small
// repository of its own: tinyext (test/fixtures/tinyext) and the workflows given.

/** tinyext in `packageDir` of a fresh repository, with the given files (path → text) and Cargo.toml lines added. */
function repository(files: Record<string, string>, { packageDir = '.', cargo = [] as string[], remote = '' } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'adopt-c-'));
  const pkg = join(dir, packageDir);
  cpSync(join(__dirname, '..', 'fixtures', 'tinyext'), pkg, { recursive: true });
  if (cargo.length > 0) writeFileSync(join(pkg, 'Cargo.toml'), `${readFileSync(join(pkg, 'Cargo.toml'), 'utf8')}${cargo.join('\n')}\n`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(dir, 'init', '-q');
  if (remote) git(dir, 'remote', 'add', 'origin', remote);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'existing repository');
  return dir;
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const TAG_TRIGGER = ['on:', '  push:', '    tags: ["v*"]'];
const PUBLISH_JOB = [
  '  publish:', '    needs: [build]', '    runs-on: ubuntu-latest', '    environment: pypi', '    permissions:', '      id-token: write', '    steps:',
  '      - uses: actions/download-artifact@v4', '      - uses: pypa/gh-action-pypi-publish@release/v1',
];

describe('pyxirr: a build that turns abi3 on with a feature beside version-specific builds of the same CPython versions', () => {
  // pyxirr's ci.yaml: `-i 3.7 … 3.14` and, in the same job, `--features extension,abi` (abi = pyo3/abi3-py37).
  const workflow = (floor: string) => lines(...TAG_TRIGGER, 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4',
    '      - uses: PyO3/maturin-action@v1', '        with:', '          manylinux: auto', `          args: --release --strip --interpreter ${floor} 3.10 3.11 3.12`,
    '      - uses: PyO3/maturin-action@v1', '        with:', '          manylinux: auto', '          args: --features abi --release --strip',
    '      - uses: actions/upload-artifact@v4', '        with:', '          path: target/wheels', ...PUBLISH_JOB);

  test('several version-specific wheels from the floor on: kept, and the abi3 wheel named as the miss', () => {
    const dir = repository({ '.github/workflows/ci.yml': workflow('3.9') }, { cargo: ['', '[features]', 'abi = ["pyo3/abi3-py39"]'] });
    const { adoption } = adoptAndRelease(dir, 'v1.2.0-rc.1');
    expect(render(adoption.existing)).toEqual({ 'linux-x86_64': 'cp39 cp310 cp311 cp312 cp39-abi3' });
    expect(render(adoption.adopted)).toEqual({ 'linux-x86_64': 'cp39 cp310 cp311 cp312' });
    expect(adoption.misses).toEqual([{
      target: 'linux-x86_64',
      tags: ['cp39-abi3'],
      reason: 'the existing workflows publish this abi3 wheel (.github/workflows/ci.yml:16) beside version-specific wheels of CPython 3.9, 3.10, 3.11, 3.12; '
        + 'the generated release builds one kind per CPython version, and abi3MinimumPython 3.9 would replace those 4 wheels with this one: it keeps the version-specific wheels',
    }]);
    expect(adoption.projenrc).not.toContain('abi3');
  });

  test('an abi3 floor abi3MinimumPython does not take (3.6): left out and named, and the configuration synthesizes', () => {
    const dir = repository({ '.github/workflows/ci.yml': workflow('3.9') }, { cargo: ['', '[features]', 'abi = ["pyo3/abi3-py36"]'] });
    const { adoption } = adoptAndRelease(dir, 'v1.2.0-rc.1');
    expect(render(adoption.adopted)).toEqual({ 'linux-x86_64': 'cp39 cp310 cp311 cp312' });
    expect(adoption.misses.map((m) => [m.tags.join(' '), m.reason.split(':')[0]])).toEqual([['cp36-abi3', 'the abi3 floor 3.6 (.github/workflows/ci.yml']]);
    expect(adoption.misses[0].reason).toContain('is not one abi3MinimumPython takes (3.7, 3.8, 3.9');
    expect(adoption.projenrc).not.toContain('abi3MinimumPython');
  });
});

test('lancedb: a package in python/ of a Cargo workspace, built without --out, its wheels uploaded from the workspace\'s target/wheels', () => {
  const dir = repository({
    'Cargo.toml': lines('[workspace]', 'members = ["python"]'),
    '.github/workflows/pypi-publish.yml': lines(...TAG_TRIGGER, 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4',
      '      - uses: PyO3/maturin-action@v1', '        with:', '          working-directory: python', '          manylinux: "2_28"', '          args: --release -i 3.12',
      '      - uses: actions/upload-artifact@v4', '        with:', '          path: target/wheels/*.whl', ...PUBLISH_JOB),
  }, { packageDir: 'python' });
  const { adoption } = adoptAndRelease(dir, 'v1.2.0-rc.1');
  expect(render(adoption.existing)).toEqual({ 'linux-x86_64': 'cp312' });
  expect(render(adoption.adopted)).toEqual({ 'linux-x86_64': 'cp312' });
  expect(adoption.packageDirectory).toBe('python');
});

test('outlines-core: the publishing workflow calls the repository\'s own build workflow by its full name (owner/name/.github/workflows/x.yml@main)', () => {
  const build = lines('on:', '  workflow_call:', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4',
    '      - uses: PyO3/maturin-action@v1', '        with:', '          args: --release --out dist -i 3.11 3.12',
    '      - uses: actions/upload-artifact@v4', '        with:', '          path: dist');
  const publish = (caller: string) => lines(...TAG_TRIGGER, 'jobs:', '  build:', `    uses: ${caller}`, ...PUBLISH_JOB);
  const dir = repository({ '.github/workflows/build_wheels.yml': build, '.github/workflows/publish.yml': publish('acme/tinyext/.github/workflows/build_wheels.yml@main') },
    { remote: 'https://github.com/acme/tinyext.git' });
  const { adoption } = adoptAndRelease(dir, 'v1.2.0-rc.1');
  expect(render(adoption.existing)).toEqual({ 'linux-x86_64': 'cp311 cp312' });
  expect(render(adoption.adopted)).toEqual({ 'linux-x86_64': 'cp311 cp312' });
  expect(adoption.leftOut.join('\n')).not.toContain('reusable workflow');
  // Another repository's workflow of the same path is not this one's: not followed, and said so.
  const other = repository({ '.github/workflows/build_wheels.yml': build, '.github/workflows/publish.yml': publish('someone/else/.github/workflows/build_wheels.yml@main') },
    { remote: 'https://github.com/acme/tinyext.git' });
  const notFollowed = adopt(other);
  expect(render(notFollowed.existing)).toEqual({});
  expect(notFollowed.leftOut).toContain(
    '.github/workflows/publish.yml:6: job "build" calls the reusable workflow someone/else/.github/workflows/build_wheels.yml@main, which adopt does not follow');
});


test('prqlc: pyo3 (abi3-py37) as a platform-specific dependency, requires-python >=3.9, a composite action that picks its build by runner.os', () => {
  const cargo = readFileSync(join(__dirname, '..', 'fixtures', 'tinyext', 'Cargo.toml'), 'utf8')
    .replace('[dependencies]\npyo3 = { version = "0.17", features = ["extension-module"] }', '[target.\'cfg(not(target_family="wasm"))\'.dependencies]\npyo3 = { version = "0.17", features = ["extension-module", "abi3-py37"] }');
  expect(cargo).toContain('abi3-py37');
  const step = (os: string, args: string) => ['    - uses: PyO3/maturin-action@v1', `      if: runner.os == '${os}' && inputs.target != 'source'`, '      with:', `        args: ${args}`];
  const dir = repository({
    'Cargo.toml': cargo,
    '.github/actions/build-python/action.yaml': lines('name: build-wheel', 'inputs:', '  target:', '    required: true', 'runs:', '  using: composite', '  steps:',
      ...step('Linux', '--profile=release -o target/python'), ...step('Windows', '--profile=release -o target/python'),
      ...step('macOS', '--profile=release -o target/python --target universal2-apple-darwin'),
      '    - uses: actions/upload-artifact@v4', '      with:', '        path: target/python'),
    '.github/workflows/release.yml': lines(...TAG_TRIGGER, 'jobs:', '  build:', '    runs-on: ${{ matrix.os }}', '    strategy:', '      matrix:', '        os: [ubuntu-24.04, windows-latest]',
      '    steps:', '      - uses: actions/checkout@v4', '      - uses: ./.github/actions/build-python', '        with:', '          target: x86_64', ...PUBLISH_JOB),
  });
  const { adoption } = adoptAndRelease(dir, 'v1.2.0-rc.1');
  const set = { 'linux-x86_64': 'cp37-abi3', 'windows-x64': 'cp37-abi3' };
  expect(render(adoption.existing)).toEqual(set);
  expect(render(adoption.adopted)).toEqual(set);
  expect(adoption.misses).toEqual([]);
  // The oldest CPython requires-python (>=3.9) admits builds the abi3 wheel.
  expect(adoption.projenrc).toContain("  pythonVersions: ['3.9'],");
});

describe('release workflows of public projects (test/fixtures/adopt/shapes): adopt, synthesize, preflight ok, the wheel sets and every miss exactly', () => {
  test('pyxirr: version-specific and abi3-py37 builds of the same CPython versions, ppc64 and Emscripten builds, `find … | xargs -l maturin upload` with a token', () => {
    const dir = shapeRepository('pyxirr');
    const { adoption } = adoptAndRelease(dir, 'v0.10.8');
    const targets = ['linux-x86_64', 'linux-aarch64', 'linux-armv7', 'linux-ppc64le', 'linux-s390x', 'musllinux-x86_64', 'musllinux-aarch64', 'musllinux-i686', 'musllinux-armv7',
      'macos-arm64', 'macos-x86_64', 'windows-x64'];
    const kept = 'cp38 cp39 cp310 cp311 cp312 cp313 cp314';
    expect(render(adoption.adopted)).toEqual(Object.fromEntries(targets.map((t) => [t, kept])));
    // Sorted: the order of the tags follows the order of the builds.
    const sortedTags = (set: Record<string, string>) => Object.fromEntries(Object.entries(set).map(([t, tags]) => [t, tags.split(' ').sort().join(' ')]));
    expect(sortedTags(render(adoption.existing))).toEqual(sortedTags({
      ...Object.fromEntries(targets.map((t) => [t, `cp37 ${kept} cp37-abi3`])),
      'powerpc64-unknown-linux-gnu': `cp37 ${kept} cp37-abi3`,
      'wasm32-unknown-emscripten': 'cp312 cp313',
    }));
    const line = (t: string) => (t === 'linux-x86_64' ? 43 : t.startsWith('linux-') ? 72 : t.startsWith('musllinux-') ? 102 : t.startsWith('macos-') ? 159 : 131);
    const abi3 = 'the existing workflows publish this abi3 wheel (.github/workflows/ci.yaml:49) beside version-specific wheels of CPython 3.7, 3.8, 3.9, 3.10, 3.11, 3.12, 3.13, 3.14; '
      + 'the generated release builds one kind per CPython version, and abi3MinimumPython 3.7 would replace those 8 wheels with this one: it keeps the version-specific wheels';
    const byTarget = (m: { target: string }) => m.target;
    expect([...adoption.misses].sort((a, b) => byTarget(a).localeCompare(byTarget(b)) || a.tags.join().localeCompare(b.tags.join()))).toEqual([
      ...targets.flatMap((t) => [
        { target: t, tags: ['cp37'], reason: `the generated release builds CPython 3.8 and later (.github/workflows/ci.yaml:${line(t)})` },
        { target: t, tags: ['cp37-abi3'], reason: abi3 },
      ]),
      { target: 'powerpc64-unknown-linux-gnu', tags: ['cp37', 'cp37-abi3', ...kept.split(' ')], reason: 'the generated release has no target for powerpc64-unknown-linux-gnu (.github/workflows/ci.yaml:67, .github/workflows/ci.yaml:73)' },
      { target: 'wasm32-unknown-emscripten', tags: ['cp312', 'cp313'], reason: 'Pyodide (Emscripten) wheels: PyPI does not take them, and the generated release has no Emscripten target (.github/workflows/ci.yaml:188)' },
    ].sort((a, b) => byTarget(a).localeCompare(byTarget(b)) || a.tags.join().localeCompare(b.tags.join())));
    expect(adoption.projenrc).toContain("    mode: PublishingMode.TOKEN, // from .github/workflows/ci.yaml:230\n    pypiTokenSecret: 'PYPI_PASSWORD', // from .github/workflows/ci.yaml:230\n");
    expect(adoption.projenrc).not.toContain('abi3');
  });

  test('prql: a multi-language release.yaml on published releases, the Python wheels built by a composite action chosen by runner.os, pyo3 abi3-py37 as a platform-specific workspace dependency', () => {
    const dir = shapeRepository('prql');
    git(dir, 'tag', '0.13.14');
    const { adoption } = adoptAndRelease(dir, '0.13.15');
    const set = { 'linux-x86_64': 'cp37-abi3', 'linux-aarch64': 'cp37-abi3', 'macos-universal2': 'cp37-abi3', 'windows-x64': 'cp37-abi3' };
    expect(render(adoption.existing)).toEqual(set);
    expect(render(adoption.adopted)).toEqual(set);
    expect(adoption.misses).toEqual([]);
    expect(adoption.packageDirectory).toBe('prqlc/bindings/prqlc-python');
    expect(adoption.projenrc).toContain("  pythonVersions: ['3.9'], // from .github/actions/build-python/action.yaml:38\n");
    expect(adoption.projenrc).toContain("  tagPattern: '*.*.*', // the repository's tags\n");
    expect(adoption.projenrc).not.toContain('releaseTrigger');
  });
});

test('prql: the workflow that publishes on a GitHub Release is the release, not a dispatch-only workflow that calls it (nightly.yaml calls release.yaml)', () => {
  const dir = repository({
    '.github/workflows/release.yml': lines('on:', '  release:', '    types: [released]', '  workflow_call:', '  workflow_dispatch:', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:',
      '      - uses: actions/checkout@v4', '      - uses: PyO3/maturin-action@v1', '        with:', '          args: --release --out dist -i 3.12', '      - uses: actions/upload-artifact@v4', '        with:', '          path: dist',
      ...PUBLISH_JOB.map((l) => (l === '    runs-on: ubuntu-latest' ? "    if: github.event_name == 'release'\n    runs-on: ubuntu-latest" : l))),
    '.github/workflows/nightly.yml': lines('on:', '  workflow_dispatch:', 'jobs:', '  release:', '    uses: ./.github/workflows/release.yml'),
  });
  const { adoption } = adoptAndRelease(dir, 'v1.2.0-rc.1');
  expect(render(adoption.adopted)).toEqual({ 'linux-x86_64': 'cp312' });
  expect(adoption.projenrc).not.toContain('releaseTrigger');
  expect(adoption.leftOut).toContain('.github/workflows/release.yml:2: releases start from a published GitHub Release; the generated workflow starts from the tag push (publishing a release in GitHub\'s UI pushes its tag first), then creates the GitHub Release itself');
});
