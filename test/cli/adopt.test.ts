import { execFileSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { Project } from 'projen';
import { ProjenrcTs } from 'projen/lib/typescript';
import * as api from '../../src';
import { ADOPT_DEFAULTS, Adoption, adopt } from '../../src/cli/adopt/adopt';
import { WheelSet } from '../../src/cli/adopt/wheel-set';
import { DEFAULTS } from '../../src/synth/defaults';
import { PLATFORMS } from '../../src/synth/plan/targets';
import { cli } from '../helpers/cli';

const FIXTURES = join(__dirname, '..', 'fixtures');
const GENERATE_CI = join(FIXTURES, 'adopt', 'generate-ci');
const CRATES: Record<string, string> = {
  tinyext: join(FIXTURES, 'tinyext'),
  tinyabi3: join(FIXTURES, 'tinyabi3'),
  tinybin: join(FIXTURES, 'tinybin'),
  tinycffi: join(FIXTURES, 'adopt', 'tinycffi'),
};

const git = (dir: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, stdio: 'pipe' });

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

/**
 * Runs the written `.projenrc.ts` as ts-node would, in this process against this checkout's
 * projen-maturin: its imports are the only TypeScript in it, and the project is given the
 * repository as its directory.
 */
function synthesize(dir: string): void {
  const text = readFileSync(join(dir, '.projenrc.ts'), 'utf8');
  const body = text.replace(/^import .*$/gm, '').replace(/new Project\(\{ name: ('[^']*') \}\)/, 'new Project({ name: $1, outdir: DIR })');
  expect(body).toContain('outdir: DIR');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const run = new Function('Project', 'ProjenrcTs', 'MaturinRelease', 'PublishingMode', 'ReleaseNotes', 'ReleaseTrigger', 'VersionSource', 'WheelPlatform', 'DIR', body);
  run(Project, ProjenrcTs, api.MaturinRelease, api.PublishingMode, api.ReleaseNotes, api.ReleaseTrigger, api.VersionSource, api.WheelPlatform, dir);
}

/** The wheel set the synthesized release promises (config.json), per target, in adopt's notation. */
function synthesizedWheelSet(dir: string, workflowName = 'release'): Record<string, string> {
  const file = workflowName === 'release' ? 'config.json' : `${workflowName}.config.json`;
  const config = JSON.parse(readFileSync(join(dir, '.github/maturin-release', file), 'utf8'));
  const byLabel = Object.fromEntries(Object.values(PLATFORMS).map((p) => [p.wheelPlatformLabel, p.id as string]));
  const set: Record<string, string[]> = {};
  for (const e of config.expectedDistributions) {
    if (e.kind !== 'wheel') continue;
    const target = byLabel[/ wheel for (.*)$/.exec(e.description)![1]];
    const tag = e.pythonTag === 'py3' ? 'py3-none' : e.abiTag === 'abi3' ? `${e.pythonTag}-abi3` : e.abiTag.endsWith('t') && e.abiTag.startsWith('cp') ? e.abiTag
      : e.pythonTag.startsWith('graalpy') ? e.pythonTag : e.pythonTag;
    (set[target] ??= []).push(tag);
  }
  return Object.fromEntries(Object.entries(set).map(([t, tags]) => [t, tags.join(' ')]));
}

const render = (set: WheelSet) => Object.fromEntries([...set.entries()].map(([t, tags]) => [t, [...tags.keys()].join(' ')]));

/** adopt, then the written .projenrc.ts synthesized, committed, and preflight of `tag` ok. */
function adoptAndRelease(dir: string, tag: string): { adoption: Adoption; stdout: string } {
  const adoption = adopt(dir);
  const run = cli(dir, 'adopt');
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(readFileSync(join(dir, '.projenrc.ts'), 'utf8')).toBe(adoption.projenrc);
  synthesize(dir);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'adopt');
  const preflight = cli(dir, 'preflight', tag, '--json');
  expect(preflight.stderr).toBe('');
  expect(JSON.parse(preflight.stdout)).toMatchObject({ ok: true });
  expect(preflight.status).toBe(0);
  // What adopt says the release publishes is what the synthesized release promises.
  expect(synthesizedWheelSet(dir, adoption.workflowName)).toEqual(render(adoption.adopted));
  return { adoption, stdout: run.stdout };
}

const CP = 'cp39 cp310 cp311 cp312 cp313 cp314';
const PP = 'pp310 pp311';
/** What `--find-interpreter` builds on each target of maturin generate-ci's matrix (requires-python >=3.9). */
const FOUND: Record<string, string> = {
  'linux-x86_64': `${CP} ${PP}`,
  'linux-aarch64': `${CP} ${PP}`,
  'linux-i686': `${CP} ${PP}`,
  'linux-armv7': CP,
  'linux-ppc64le': CP,
  'linux-s390x': CP,
  'musllinux-x86_64': CP,
  'musllinux-aarch64': CP,
  'musllinux-i686': CP,
  'musllinux-armv7': CP,
  'macos-arm64': CP,
  'macos-x86_64': CP,
  'windows-x64': CP,
  'windows-x86': CP,
  'windows-arm64': 'cp311 cp312 cp313 cp314',
};
const GENERATE_CI_TARGETS = Object.keys(FOUND);
const each = (tags: string) => Object.fromEntries(GENERATE_CI_TARGETS.map((t) => [t, tags]));
const sorted = (set: Record<string, string>) => Object.fromEntries(Object.entries(set).sort(([a], [b]) => a.localeCompare(b)));
/** The misses of `--platform all`: the Emscripten and Android builds (the lines of their build steps). */
const androidAndPyodide = (emscripten: number, android: number) => [
  { target: 'wasm32-unknown-emscripten', tags: ['*'], reason: `Pyodide (Emscripten) wheels: PyPI does not take them, and the generated release has no Emscripten target (.github/workflows/CI.yml:${emscripten})` },
  { target: 'aarch64-linux-android', tags: ['*'], reason: `the generated release has no Android target (.github/workflows/CI.yml:${android})` },
  { target: 'x86_64-linux-android', tags: ['*'], reason: `the generated release has no Android target (.github/workflows/CI.yml:${android})` },
];
type Misses = ReturnType<typeof androidAndPyodide>;

/** `maturin generate-ci github` output (maturin 1.15.0; see test/fixtures/adopt/README.md): crate, release tag, existing wheel set, misses. */
const GENERATED: [string, string, string, Record<string, string>, Misses][] = [
  ['pyo3', 'tinyext', 'v1.2.0-rc.1', FOUND, []],
  ['pyo3-pytest', 'tinyext', 'v1.2.0-rc.1', FOUND, []],
  ['pyo3-zig', 'tinyext', 'v1.2.0-rc.1', FOUND, []],
  ['pyo3-all', 'tinyext', 'v1.2.0-rc.1', FOUND, androidAndPyodide(171, 195)],
  ['pyo3-all-pytest-zig', 'tinyext', 'v1.2.0-rc.1', FOUND, androidAndPyodide(248, 283)],
  ['abi3', 'tinyabi3', 'v0.4.0', each('cp39-abi3 cp314t'), []],
  ['cffi', 'tinycffi', 'v0.3.0', each('py3-none'), []],
  ['cffi-pytest', 'tinycffi', 'v0.3.0', each('py3-none'), []],
  ['bin', 'tinybin', 'v2.0.0-beta.3', each('py3-none'), []],
  // maturin writes no Emscripten or Android build for bin bindings.
  ['bin-all-zig', 'tinybin', 'v2.0.0-beta.3', each('py3-none'), []],
];

describe.each(GENERATED)('maturin generate-ci github: %s', (name, crate, tag, found, misses) => {
  test('adopt, synthesize, preflight ok; every wheel on a target the release has is kept, each miss named', () => {
    const workflow = readFileSync(join(GENERATE_CI, `${name}.yml`), 'utf8');
    const dir = repository(crate, { 'CI.yml': workflow });
    const { adoption, stdout } = adoptAndRelease(dir, tag);
    const missingTargets = Object.fromEntries(misses.map((m) => [m.target, m.tags.join(' ')]));
    expect(sorted(render(adoption.existing))).toEqual(sorted({ ...found, ...missingTargets }));
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
  expect(projenrc).toContain("  pythonVersions: ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14'], // from .github/workflows/CI.yml:48\n");
  expect(projenrc).toContain('    WheelPlatform.MUSLLINUX_ARMV7, // .github/workflows/CI.yml:75\n');
  expect(projenrc).toContain("    'linux-x86_64': {\n      pythonVersions: ['3.9', '3.10', '3.11', '3.12', '3.13', '3.14', 'pypy3.10', 'pypy3.11'], // from .github/workflows/CI.yml:48\n"
    + "      maturinArgs: ['--zig'], // from .github/workflows/CI.yml:48\n");
  expect(projenrc).toContain("    pypiTokenSecret: 'PYPI_API_TOKEN', // from .github/workflows/CI.yml:184\n");
  expect(projenrc).toContain('// Not carried over from the existing workflows:\n// - .github/workflows/CI.yml:14: the existing workflow runs for any tag; the generated release only for tags matching "v*.*.*"\n');
});

test('the defaults adopt leaves out are the options\' defaults', () => {
  expect(ADOPT_DEFAULTS).toEqual({
    pythonVersions: DEFAULTS.pythonVersions,
    platforms: DEFAULTS.platforms,
    manylinux: DEFAULTS.manylinux,
    musllinux: DEFAULTS.musllinux,
    tagPattern: DEFAULTS.tagPattern,
    // No option default: without rustToolchain the repository's rust-toolchain.toml decides, and
    // maturin-action's build containers fall back to "stable", which adopt therefore leaves out.
    rustToolchain: 'stable',
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

test('the generate-ci fixtures are maturin\'s own output, as the README records', () => {
  const readme = readFileSync(join(FIXTURES, 'adopt', 'README.md'), 'utf8');
  for (const file of readdirSync(GENERATE_CI)) {
    const text = readFileSync(join(GENERATE_CI, file), 'utf8');
    expect(text.split('\n')[0]).toBe('# This file is autogenerated by maturin v1.15.0');
    expect(readme).toContain(`\`${file}\``);
  }
});
