import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { adoptAndRelease, git, render, shapeRepository, sorted } from '../helpers/adopt';
import { cli } from '../helpers/cli';

// Shapes seen adopting real repositories (issue 19's hidden set, list A): see test/fixtures/adopt/README.md.

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { adopt } = require('../../assets/cli-adopt.cjs') as typeof import('../../src/cli/commands/adopt');

const TINYEXT = join(__dirname, '..', 'fixtures', 'tinyext');

/** A git repository holding the tinyext crate (or nothing) and `files` (path → text), with `tags`. */
function repository(files: Record<string, string>, options: { crate?: boolean; tags?: string[] } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'adopt-real-a-'));
  if (options.crate !== false) cpSync(TINYEXT, dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'existing repository');
  for (const tag of options.tags ?? []) git(dir, 'tag', tag);
  return dir;
}

const CP = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `cp3${from + i}`).join(' ');
describe('the release workflow of rpds (crate-py/rpds)', () => {
  test('adopt, synthesize, preflight ok: a quoted --interpreter list is the list maturin builds, every miss named', () => {
    const dir = shapeRepository('rpds');
    const { adoption } = adoptAndRelease(dir, 'v2026.6.3');
    // The pre-releases 3.15 and 3.15t are kept (allowPythonPrereleases).
    const linux = `${CP(11, 15)} cp314t cp315t pp311`;
    const adopted = {
      ...Object.fromEntries(['linux-x86_64', 'linux-aarch64', 'linux-i686', 'linux-armv7', 'linux-ppc64le', 'linux-s390x', 'linux-riscv64',
        'musllinux-x86_64', 'musllinux-aarch64', 'musllinux-i686', 'macos-arm64', 'macos-x86_64'].map((t) => [t, linux])),
      'windows-x64': `${CP(11, 15)} cp314t cp315t`,
      'windows-x86': `${CP(11, 15)} cp314t cp315t`,
    };
    expect(sorted(render(adoption.adopted))).toEqual(sorted(adopted));
    const normal = (set: Record<string, string>) => sorted(Object.fromEntries(Object.entries(set).map(([t, tags]) => [t, tags.split(' ').sort().join(' ')])));
    expect(normal(render(adoption.existing))).toEqual(normal({ ...adopted, 'windows-arm64': '*' }));
    expect(adoption.projenrc).toContain('  allowPythonPrereleases: true,');
    expect(adoption.misses).toEqual([{
      target: 'windows-arm64',
      tags: ['*'],
      reason: '.github/workflows/CI.yml:252: maturin\'s arguments are computed in the run (${{steps.cp312.outputs.python-path}} ${{steps.cp313.outputs.python-path}} '
        + '${{steps.cp314.outputs.python-path}} ${{steps.cp315.outputs.python-path}}): which wheels it builds cannot be told',
    }]);
    expect(adoption.difference).toMatchObject({ same: 110, added: 0, missing: 1 });
  });
});

const ON_TAG = 'on:\n  push:\n    tags: ["v*"]\n';
const UPLOAD = '      - uses: actions/upload-artifact@v4\n        with:\n          name: wheels-${{ matrix.target }}\n          path: dist\n';
const PUBLISH = `  publish:
    needs: [build]
    runs-on: ubuntu-latest
    environment: pypi
    permissions:
      id-token: write
    steps:
      - uses: actions/download-artifact@v4
      - uses: pypa/gh-action-pypi-publish@release/v1
`;

test('a release workflow that calls local reusable workflows: their builds (inputs substituted) and publishing are the release\'s', () => {
  const dir = repository({
    '.github/workflows/release.yml': `${ON_TAG}jobs:
  build:
    uses: ./.github/workflows/build.yml
    with:
      mode: release
  publish:
    needs: [build]
    uses: ./.github/workflows/publish.yml
    permissions:
      id-token: write
`,
    '.github/workflows/build.yml': `on:
  workflow_call:
    inputs:
      mode: { type: string, required: true }
      interpreters: { type: string, default: "3.12 3.13" }
jobs:
  linux:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        target: [x86_64, aarch64]
    steps:
      - uses: PyO3/maturin-action@v1
        with:
          target: \${{ matrix.target }}
          args: --release --out dist -i \${{ inputs.interpreters }}
${UPLOAD}  debug-only:
    if: inputs.mode == 'debug'
    runs-on: macos-latest
    steps:
      - uses: PyO3/maturin-action@v1
        with:
          args: --out dist -i 3.12
${UPLOAD}`,
    '.github/workflows/publish.yml': `on: workflow_call\njobs:\n${PUBLISH.replace('    needs: [build]\n', '')}`,
  });
  const { adoption } = adoptAndRelease(dir, 'v1.2.0-rc.1');
  expect(render(adoption.existing)).toEqual({ 'linux-x86_64': 'cp312 cp313', 'linux-aarch64': 'cp312 cp313' });
  expect(adoption.difference).toMatchObject({ same: 4, added: 0, missing: 0 });
  expect(adoption.leftOut.join('\n')).not.toContain('reusable workflow');
  expect(adoption.projenrc).toContain('    WheelPlatform.LINUX_X86_64, // .github/workflows/build.yml:13\n');
});

test('a reusable workflow outside the repository stays a named note', () => {
  const dir = repository({ '.github/workflows/docs.yml': `${ON_TAG}jobs:\n  docs:\n    uses: someone/else/.github/workflows/docs.yml@v1\n` });
  expect(adopt(dir).leftOut).toContain('.github/workflows/docs.yml:6: job "docs" calls the reusable workflow someone/else/.github/workflows/docs.yml@v1, which adopt does not follow');
});

const buildJob = (step: string, extra = '') => `${ON_TAG}jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        target: [x86_64]
    steps:
${step}${UPLOAD}${extra}${PUBLISH}`;

test('arguments known only in the run: an option\'s value is left out with its option and named; arguments that are all computed leave the wheels unknown, named', () => {
  const dir = repository({
    '.github/workflows/release.yml': buildJob(`      - uses: PyO3/maturin-action@v1
        with:
          target: \${{ matrix.target }}
          args: --release --out dist -i 3.12 --profile \${{ github.event.inputs.profile || 'dist' }} --strip
      - uses: PyO3/maturin-action@v1
        with:
          target: aarch64
          args: \${{ steps.args.outputs.args }}
`),
  });
  const { adoption } = adoptAndRelease(dir, 'v1.2.0-rc.1');
  expect(adoption.projenrc).toContain("maturinArgs: ['--strip'],");
  expect(adoption.projenrc.split('// Not carried over')[0]).not.toContain('${{');
  expect(adoption.leftOut).toContain('.github/workflows/release.yml:14: --profile ${{github.event.inputs.profile||dist}} is computed in the run: not carried over; set maturinArgs if the build needs it');
  expect(adoption.misses).toEqual([{
    target: 'linux-aarch64',
    tags: ['*'],
    reason: '.github/workflows/release.yml:18: maturin\'s arguments are computed in the run (${{steps.args.outputs.args}}): which wheels it builds cannot be told',
  }]);
});

test('a Linux input known only in the run (before-script-linux reading ${{ }}) is left out and named, and the configuration synthesizes', () => {
  const dir = repository({
    '.github/workflows/release.yml': buildJob(`      - uses: PyO3/maturin-action@v1
        with:
          target: \${{ matrix.target }}
          args: --release --out dist -i 3.12
          before-script-linux: rustup target add \${{ matrix.target }}-unknown-linux-gnu && echo \${{ env.EXTRA }}
`),
  });
  const { adoption } = adoptAndRelease(dir, 'v1.2.0-rc.1');
  expect(adoption.projenrc.split('// Not carried over')[0]).not.toContain('beforeScriptLinux');
  expect(adoption.leftOut).toContain('.github/workflows/release.yml:11: beforeScriptLinux of linux-x86_64 reads ${{ env.EXTRA }}, known only in the run: not carried over; set targets["linux-x86_64"].beforeScriptLinux without it');
});

test('maturin run as a pinned tool (uvx maturin@1.13.3) with --compatibility levels per C library; a job whose wheels leave it by no step publishes nothing', () => {
  const dir = repository({
    '.github/workflows/release.yml': buildJob(`      - run: |
          uvx maturin@1.13.3 build --release -o dist -i 3.12 \\
            --target x86_64-unknown-linux-musl --compatibility pypi --compatibility manylinux2014 musllinux_1_1
`, `  check:
    runs-on: macos-latest
    steps:
      - run: uvx maturin build --release -i 3.12
`),
  });
  const { adoption } = adoptAndRelease(dir, 'v1.2.0-rc.1');
  expect(render(adoption.existing)).toEqual({ 'musllinux-x86_64': 'cp312' });
  expect(adoption.projenrc).toContain("musllinux: '1_1',");
  expect(adoption.projenrc).toContain("maturinArgs: ['--compatibility', 'pypi'],");
});

test('a musl target built with manylinux: auto is a musllinux wheel at the default level', () => {
  const dir = repository({
    '.github/workflows/release.yml': buildJob(`      - uses: PyO3/maturin-action@v1
        with:
          target: \${{ matrix.target }}-unknown-linux-musl
          manylinux: auto
          args: --release --out dist -i 3.12
`),
  });
  const { adoption } = adoptAndRelease(dir, 'v1.2.0-rc.1');
  expect(render(adoption.existing)).toEqual({ 'musllinux-x86_64': 'cp312' });
  expect(adoption.projenrc).not.toContain('musllinux:');
});

test('several maturin packages built: adopt asks which, and the builds of the others are not the adopted package\'s wheels', () => {
  const other = { 'other/pyproject.toml': '[build-system]\nrequires = ["maturin>=1,<2"]\nbuild-backend = "maturin"\n\n[project]\nname = "other"\n', 'other/Cargo.toml': '[package]\nname = "other"\nversion = "0.1.0"\n' };
  const dir = repository({
    ...other,
    '.github/workflows/release.yml': buildJob(`      - uses: PyO3/maturin-action@v1
        with:
          target: \${{ matrix.target }}
          args: --release --out dist -i 3.12
      - uses: PyO3/maturin-action@v1
        with:
          target: aarch64
          args: --release --out dist -i 3.13 -m other/Cargo.toml
`),
  });
  // Both packages are built: adopt asks which; with --package the other's builds are not this one's wheels.
  const run = cli(dir, 'adopt', '--dry-run');
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('the workflows build several maturin packages: ., other');
  const adoption = adopt(dir, '.');
  expect(adoption.packageDirectory).toBe('.');
  expect(render(adoption.existing)).toEqual({ 'linux-x86_64': 'cp312' });
  expect(render(adopt(dir, 'other').existing)).toEqual({ 'linux-aarch64': 'py3-none' });
  // Two packages in subdirectories, named by -m and --manifest-path.
  const both = repository({
    ...other,
    'second/pyproject.toml': other['other/pyproject.toml'].replace('"other"', '"second"'),
    'second/Cargo.toml': other['other/Cargo.toml'].replace('"other"', '"second"'),
    '.github/workflows/release.yml': buildJob(`      - uses: PyO3/maturin-action@v1
        with:
          args: --out dist -i 3.12 -m other/Cargo.toml
      - uses: PyO3/maturin-action@v1
        with:
          args: --out dist -i 3.12 --manifest-path second/Cargo.toml
`),
  }, { crate: false });
  const again = cli(both, 'adopt', '--dry-run');
  expect(again.status).toBe(2);
  expect(again.stderr).toContain('the workflows build several maturin packages: other, second');
  expect(again.stderr).toContain('add --package DIR, e.g. projen-maturin adopt --package other');
});

test('no maturin release (cibuildwheel, setuptools-rust): one clear error, and no .projenrc.ts', () => {
  const dir = repository({
    'pyproject.toml': '[build-system]\nrequires = ["setuptools", "setuptools-rust"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "tinyext"\n',
    '.github/workflows/wheels.yml': `${ON_TAG}jobs:\n  wheels:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: pypa/cibuildwheel@v3.1.4\n${UPLOAD}`,
  });
  const run = cli(dir, 'adopt');
  expect(run.status).toBe(1);
  expect(run.stderr).toBe('projen-maturin: no workflow builds wheels with maturin, so there is no maturin release to adopt: '
    + '.github/workflows/wheels.yml:8: pypa/cibuildwheel builds them; pyproject.toml builds with "setuptools.build_meta"\n'
    + '  fix: to release with projen-maturin, first move the build to maturin (build-backend = "maturin" in pyproject.toml, see https://www.maturin.rs/tutorial), '
    + 'then run adopt again: it writes the release for the package\'s crate\n');
});

test('a release started by hand (workflow_dispatch, as cargo-dist writes) takes the tag pattern of the repository\'s own tags (0.26.0, not v0.26.0)', () => {
  const dir = repository({
    '.github/workflows/release.yml': buildJob(`      - uses: PyO3/maturin-action@v1
        with:
          target: \${{ matrix.target }}
          args: --release --out dist -i 3.12
`).replace(ON_TAG, 'on:\n  workflow_dispatch:\n'),
  }, { tags: ['0.0.9'] });
  const { adoption } = adoptAndRelease(dir, '1.2.0-rc.1');
  expect(adoption.projenrc).toContain("  tagPattern: '*.*.*', // the repository's tags\n");
});
