import { UV_VERSION } from '../../../src/synth/emit/actions';
import { BuildStrategy, MaturinReleaseOptions, PublishingMode, TestInstaller, WheelPlatform } from '../../../src/synth/options';
import { synthRelease } from '../../helpers/synth';

const SEED: MaturinReleaseOptions = { packageName: 'dioxide', testRequirements: ['pytest', 'pytest-cov'] };
const seed = synthRelease(SEED);
const jobs = seed.workflow.jobs;
const steps = (jobId: string): any[] => jobs[jobId].steps;
const needsOf = (jobId: string): string[] => [jobs[jobId].needs].flat();

test('the seed config workflow, for reviewers', () => {
  expect(seed.yaml).toMatchSnapshot();
});

describe('triggers', () => {
  test('the tag pattern is the trigger; a manual run is a dry run', () => {
    expect(seed.workflow.on.push).toEqual({ tags: ['v*.*.*'] });
    expect(seed.workflow.on.workflow_dispatch.inputs['dry-run']).toMatchObject({ type: 'boolean', default: true });
  });
  test('a custom pattern feeds the trigger and the tag parser alike', () => {
    const custom = synthRelease({ ...SEED, tagPattern: 'dioxide-v*' });
    expect(custom.workflow.on.push.tags).toEqual(['dioxide-v*']);
    expect(custom.files['.github/maturin-release/config.json'].tagPattern).toBe('dioxide-v*');
  });
});

describe('job graph', () => {
  test('plan → builds → each test after its own build, check-dist beside them → publish → verify → GitHub Release', () => {
    const linuxTests = (arch: string) => ['3-11', '3-12', '3-13'].map((v) => `test-linux-${arch}-${v}`);
    expect(Object.keys(jobs)).toEqual([
      'plan',
      'build-linux-x86_64', 'build-linux-aarch64', 'build-macos-arm64', 'build-macos-x86_64', 'build-windows-x64', 'build-sdist',
      'check-dist',
      ...linuxTests('x86_64'), ...linuxTests('aarch64'), 'test-macos-arm64', 'test-macos-x86_64',
      'test-windows-x64-3-11', 'test-windows-x64-3-12', 'test-windows-x64-3-13',
      'publish-testpypi', 'publish-pypi', 'verify', 'github-release',
    ]);
    for (const build of Object.keys(jobs).filter((j) => j.startsWith('build-'))) expect(needsOf(build)).toEqual(['plan']);
    expect(needsOf('check-dist')).toEqual(['plan', ...Object.keys(jobs).filter((j) => j.startsWith('build-'))]);
    // A test waits for the build of the wheels it installs, not for every build and the check.
    for (const t of linuxTests('aarch64')) expect(needsOf(t)).toEqual(['plan', 'build-linux-aarch64']);
    expect(needsOf('test-macos-arm64')).toEqual(['plan', 'build-macos-arm64']);
    expect(needsOf('test-windows-x64-3-13')).toEqual(['plan', 'build-windows-x64']);
    // check-dist still gates publishing, and publishing takes its checked set.
    const tests = Object.keys(jobs).filter((j) => j.startsWith('test-'));
    expect(needsOf('publish-pypi')).toEqual(['plan', 'check-dist', ...tests]);
    expect(needsOf('publish-testpypi')).toEqual(['plan', 'check-dist', ...tests]);
    expect(steps('publish-pypi')[0].with).toEqual({ name: 'dist', path: 'dist' });
    expect(needsOf('verify')).toEqual(['plan', 'publish-testpypi', 'publish-pypi']);
    expect(needsOf('github-release')).toEqual(['plan', 'publish-testpypi', 'publish-pypi', 'verify']);
  });

  test('a test installs from its own build\'s artifact; split builds hand each test exactly the builds of its wheels', () => {
    expect(steps('test-windows-x64-3-12').filter((s) => String(s.uses).startsWith('actions/download-artifact')).map((s) => s.with))
      .toEqual([{ name: 'dist-wheels-windows-x64', path: 'dist' }]);
    const split = synthRelease({ ...SEED, buildStrategy: BuildStrategy.PER_INTERPRETER, abi3: true, pythonVersions: ['3.11', '3.12', '3.14t'] }).workflow;
    const w = (id: string) => split.jobs[id];
    expect(Object.keys(split.jobs).filter((j) => j.startsWith('build-linux-x86_64'))).toEqual(['build-linux-x86_64-abi3', 'build-linux-x86_64-3-14t']);
    // The abi3 wheel is tested with the oldest configured CPython and the newest final one.
    expect(w('test-linux-x86_64-3-14').needs).toEqual(['plan', 'build-linux-x86_64-abi3']);
    expect(w('test-linux-x86_64-3-14t').needs).toEqual(['plan', 'build-linux-x86_64-3-14t']);
    expect(w('test-macos-arm64').needs).toEqual(['plan', 'build-macos-arm64-abi3', 'build-macos-arm64-3-14t']);
    expect(w('test-macos-arm64').steps.filter((s: any) => String(s.uses).startsWith('actions/download-artifact')).map((s: any) => s.with.name))
      .toEqual(['dist-wheels-macos-arm64-abi3', 'dist-wheels-macos-arm64-3-14t']);
    // Every split build's artifact still reaches check-dist.
    expect(w('check-dist').steps.find((s: any) => s.id === 'download').with.pattern).toBe('dist-*');
  });

  test('only the plan decides: publish jobs read its outputs, never the ref name', () => {
    expect(jobs['publish-testpypi'].if).toBe("needs.plan.outputs.publish == 'true' && needs.plan.outputs.channel == 'testpypi'");
    expect(jobs['publish-pypi'].if).toBe("needs.plan.outputs.publish == 'true' && needs.plan.outputs.channel == 'pypi'");
    expect(seed.yaml).not.toMatch(/contains\(github\.ref/);
    expect(Object.keys(jobs.plan.outputs)).toEqual(['tag', 'version', 'pep440', 'channel', 'prerelease', 'publish']);
  });

  test('the GitHub Release waits for a verified install', () => {
    expect(jobs['github-release'].if).toContain("needs.verify.result == 'success'");
    expect(jobs['github-release'].if).toMatch(/^!cancelled\(\)/);
  });

  test('TestPyPI off: one publish job, and verify/release depend on it alone', () => {
    const w = synthRelease({ ...SEED, publishing: { testPypi: false } }).workflow;
    expect(Object.keys(w.jobs).filter((j) => j.startsWith('publish-'))).toEqual(['publish-pypi']);
    expect(w.jobs.verify.needs).toEqual(['plan', 'publish-pypi']);
  });

  test("verify sets up the plan's interpreter for its target's architecture", () => {
    const setup = (w: any) => w.jobs.verify.steps.find((s: any) => String(s.uses).startsWith('actions/setup-python')).with;
    expect([jobs.verify['runs-on'], setup(seed.workflow)]).toEqual(['ubuntu-24.04', { 'python-version': '3.13', 'architecture': 'x64' }]);
    const x86 = synthRelease({ ...SEED, platforms: [WheelPlatform.WINDOWS_X86], pythonVersions: ['3.12', '3.13'], runTests: false }).workflow;
    expect([x86.jobs.verify['runs-on'], setup(x86)]).toEqual(['windows-2025', { 'python-version': '3.13', 'architecture': 'x86' }]);
  });

  test('verify and GitHub Release can be turned off', () => {
    const w = synthRelease({ ...SEED, publishing: { verifyInstall: false }, githubRelease: { enabled: false } }).workflow;
    expect(w.jobs.verify).toBeUndefined();
    expect(w.jobs['github-release']).toBeUndefined();
  });
});

describe('builds', () => {
  const maturin = (jobId: string, w = seed.workflow) => w.jobs[jobId].steps.find((s: any) => String(s.uses).startsWith('PyO3/maturin-action')).with;

  test('Linux builds in manylinux with every interpreter named', () => {
    expect(maturin('build-linux-x86_64')).toMatchObject({ target: 'x86_64', manylinux: 'auto', args: '--release --out dist --interpreter python3.11 python3.12 python3.13', sccache: 'false' });
    expect(maturin('build-linux-aarch64')).toMatchObject({ target: 'aarch64', manylinux: 'auto' });
  });

  test('macOS and Windows build with the exact interpreters setup-python installed', () => {
    for (const job of ['build-macos-arm64', 'build-macos-x86_64', 'build-windows-x64']) {
      const setups = steps(job).filter((s) => String(s.uses).startsWith('actions/setup-python'));
      expect(setups.map((s) => s.with['python-version'])).toEqual(['3.11', '3.12', '3.13']);
      expect(maturin(job).args).toBe('--release --out dist --interpreter "${{ steps.python-3-11.outputs.python-path }}" "${{ steps.python-3-12.outputs.python-path }}" "${{ steps.python-3-13.outputs.python-path }}"');
      expect(maturin(job).args).not.toContain('--find-interpreter');
    }
    expect(steps('build-windows-x64').find((s) => s.id === 'python-3-11').with.architecture).toBe('x64');
  });

  test('macOS x86_64 builds on an Intel runner; Windows arm64 with arm64 Pythons', () => {
    expect(jobs['build-macos-x86_64']['runs-on']).toBe('macos-15-intel');
    const w = synthRelease({ ...SEED, platforms: [WheelPlatform.WINDOWS_ARM64] }).workflow;
    expect(w.jobs['build-windows-arm64']['runs-on']).toBe('windows-11-arm');
    expect(w.jobs['build-windows-arm64'].steps[1].with.architecture).toBe('arm64');
  });

  test('musllinux builds in a musllinux container', () => {
    const w = synthRelease({ ...SEED, platforms: [WheelPlatform.MUSLLINUX_AARCH64] }).workflow;
    expect(maturin('build-musllinux-aarch64', w)).toMatchObject({ manylinux: 'musllinux_1_2', target: 'aarch64' });
  });

  test('abi3 builds one wheel with the minimum interpreter', () => {
    const w = synthRelease({ ...SEED, abi3: true }).workflow;
    expect(maturin('build-linux-x86_64', w).args).toBe('--release --out dist --interpreter python3.11');
  });

  test('check-dist compares dist/ with the promised set and hands on exactly that set', () => {
    const check = steps('check-dist');
    expect(check.find((s) => s.run)?.run).toBe('node .github/maturin-release/release-tools.cjs check-dist dist');
    expect(check[check.length - 1].with).toMatchObject({ name: 'dist', path: 'dist/' });
    expect(seed.files['.github/maturin-release/config.json'].expectedDistributions).toHaveLength(16);
  });
});

describe('tests', () => {
  test('each OS installs exactly its wheel by name and version, never a glob, then runs the tests', () => {
    const runs = steps('test-windows-x64-3-11').filter((s) => s.run);
    expect(runs).toHaveLength(1);
    expect(runs[0].run).toBe([
      'python -m pip install --only-binary :all: --no-index --no-deps --find-links dist "$PACKAGE==$VERSION"',
      'python -m pip install "$PACKAGE==$VERSION"',
      'python -m pip install -- pytest pytest-cov',
      // The tests run in an empty directory with only the test sources and the test configuration, never in the checkout.
      'tests_dir="$(mktemp -d)"',
      'cp -R tests "$tests_dir/"',
      'for config in pyproject.toml pytest.ini setup.cfg tox.ini conftest.py; do if [ -e "$config" ]; then cp "$config" "$tests_dir"/; fi; done',
      'cd "$tests_dir"',
      'pytest tests/ -v',
    ].join('\n'));
    expect(runs[0].env).toEqual({ PACKAGE: 'dioxide', VERSION: '${{ needs.plan.outputs.pep440 }}' });
    expect(seed.yaml).not.toMatch(/pip install [^\n]*\*/);
  });

  test('container tests copy the test configuration that exists too; a file already in testSources is copied once; [] copies none', () => {
    const script = (options: Partial<MaturinReleaseOptions>) => synthRelease({ ...SEED, platforms: [WheelPlatform.LINUX_ARMV7], pythonVersions: ['3.12'], ...options })
      .workflow.jobs['test-linux-armv7'].steps.find((s: any) => s.id === 'test-3-12').run;
    expect(script({ testSources: ['tests', 'conftest.py'] })).toContain("docker exec tests-3-12 sh -c 'mkdir -p /tmp/tests && cp -R tests conftest.py /tmp/tests/" +
      ' && for config in pyproject.toml pytest.ini setup.cfg tox.ini; do if [ -e "$config" ]; then cp "$config" /tmp/tests/; fi; done\'');
    expect(script({ testConfigFiles: [] })).toContain("docker exec tests-3-12 sh -c 'mkdir -p /tmp/tests && cp -R tests /tmp/tests/'");
  });

  test('test requirements are shell-quoted', () => {
    const w = synthRelease({ ...SEED, testRequirements: ['pytest>=8', "numpy; python_version >= '3.10'"] }).workflow;
    expect(w.jobs['test-linux-x86_64-3-11'].steps[3].run).toContain('python -m pip install -- \'pytest>=8\' \'numpy; python_version >= \'\\\'\'3.10\'\\\'\'\'');
  });
});

describe('tests with uv', () => {
  const w = synthRelease({ ...SEED, testInstaller: TestInstaller.UV }).workflow;
  test('native jobs set up a pinned uv and install through it; the wheel is still this release\'s, by name and version', () => {
    const linux = w.jobs['test-linux-x86_64-3-12'].steps;
    expect(linux.map((s: any) => s.id)).toEqual(['checkout', 'download', 'uv', 'python-3-12', 'test-3-12']);
    expect(linux[4].run.split('\n').slice(0, 3)).toEqual([
      'uv pip install --system --only-binary :all: --no-index --no-deps --find-links dist "$PACKAGE==$VERSION"',
      'uv pip install --system "$PACKAGE==$VERSION"',
      'uv pip install --system -- pytest pytest-cov',
    ]);
    const mac = w.jobs['test-macos-arm64'].steps.find((s: any) => s.id === 'test').run;
    expect(mac).toContain('uv venv --quiet --python "$1" "$venv"');
    expect(mac).toContain('uv pip install --python "$venv/bin/python" --only-binary :all: --no-index --no-deps --find-links dist "$PACKAGE==$VERSION"');
  });

  test('the pinned uv has `uv pip install --group` (uv 0.6.7, astral-sh/uv#11686)', () => {
    const [major, minor, patch] = UV_VERSION.split('.').map(Number);
    expect(major > 0 || minor > 6 || (minor === 6 && patch >= 7)).toBe(true);
  });

  test('dependency groups install with uv where uv installs, and with pip 25.1 or later in the test containers', () => {
    const grouped = synthRelease({ ...SEED, testInstaller: TestInstaller.UV, testDependencyGroups: ['test'], platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.LINUX_ARMV7] }).workflow;
    const native = grouped.jobs['test-linux-x86_64-3-12'].steps.find((s: any) => s.id === 'test-3-12').run;
    expect(native).toContain('uv pip install --system --group "$GITHUB_WORKSPACE/pyproject.toml:test"');
    expect(native).not.toContain('pip>=25.1');
    const container = grouped.jobs['test-linux-armv7-3-12'].steps.find((s: any) => s.id === 'test-3-12').run;
    expect(container).toContain("docker exec tests-3-12 python -m pip install --upgrade 'pip>=25.1'\ndocker exec tests-3-12 python -m pip install --group \"/io/pyproject.toml:test\"");
  });
});

describe('publishing', () => {
  test('trusted publishing: id-token only on publish jobs, with skip-existing', () => {
    for (const [id, job] of Object.entries<any>(jobs)) {
      const perms = job.permissions ?? {};
      if (id.startsWith('publish-')) {
        expect(perms).toEqual({ 'contents': 'read', 'id-token': 'write', 'attestations': 'write' });
      } else if (id === 'github-release') {
        expect(perms).toEqual({ contents: 'write' });
      } else {
        expect(job.permissions).toEqual({ contents: 'read' });
      }
    }
    const publish = steps('publish-testpypi').find((s) => String(s.uses).startsWith('pypa/'));
    expect(publish.with).toEqual({ 'skip-existing': true, 'print-hash': true, 'repository-url': 'https://test.pypi.org/legacy/' });
    expect(jobs['publish-pypi'].environment).toEqual({ name: 'pypi', url: 'https://pypi.org/project/dioxide/${{ needs.plan.outputs.pep440 }}/' });
  });

  test('provenance: actions/attest on the checked files, then an explanation that runs only when attesting failed', () => {
    for (const id of ['publish-testpypi', 'publish-pypi']) {
      const [download, attest, explain, publish] = steps(id);
      expect(download.id).toBe('download');
      // A non-empty subject-path: without one, actions/attest v4.2 attests whatever the runner lists.
      expect(attest).toMatchObject({ id: 'attest', uses: 'actions/attest@1e69f48acb82d1966a394da916b4c1698aa569d6', with: { 'subject-path': 'dist/*' } });
      expect(explain).toMatchObject({ id: 'attest-failed', if: "failure() && steps.attest.outcome == 'failure'" });
      expect(publish.id).toBe('publish');
    }
    expect(seed.yaml).toContain('uses: actions/attest@1e69f48acb82d1966a394da916b4c1698aa569d6 # v4.2.2');
    expect(seed.yaml).not.toContain('attest-build-provenance');
  });

  test('token mode uses the seed secret names inside the environment, no OIDC without attestations', () => {
    const w = synthRelease({ ...SEED, publishing: { mode: PublishingMode.TOKEN, attestations: false } }).workflow;
    const pub = (id: string) => w.jobs[id].steps.find((s: any) => String(s.uses).startsWith('pypa/')).with;
    expect(pub('publish-pypi').password).toBe('${{ secrets.PYPI_TOKEN }}');
    expect(pub('publish-testpypi').password).toBe('${{ secrets.TEST_PYPI_TOKEN }}');
    expect(pub('publish-pypi').attestations).toBe(false);
    expect(w.jobs['publish-pypi'].permissions).toEqual({ contents: 'read' });
    expect(w.jobs['publish-pypi'].steps.map((s: any) => s.name)).toEqual(['Download the checked distributions', 'Publish to PyPI']);
  });

  test('renamed environments', () => {
    const w = synthRelease({ ...SEED, publishing: { pypiEnvironment: 'release-pypi', testPypiEnvironment: 'release-test' } }).workflow;
    expect(w.jobs['publish-pypi'].environment.name).toBe('release-pypi');
    expect(w.jobs['publish-testpypi'].environment.name).toBe('release-test');
  });
});

describe('everywhere', () => {
  test('no ${{ }} inside any run: script', () => {
    for (const job of Object.values<any>(jobs)) for (const step of job.steps) if (step.run) expect(step.run).not.toContain('${{');
  });
  test('every checkout drops its credentials; every job has a timeout', () => {
    for (const job of Object.values<any>(jobs)) {
      expect(job['timeout-minutes']).toBeGreaterThan(0);
      for (const step of job.steps.filter((s: any) => String(s.uses).startsWith('actions/checkout'))) {
        expect(step.with['persist-credentials']).toBe(false);
      }
    }
  });
  test('actions pinned by SHA with the tag as a comment, or by tag when asked', () => {
    expect(seed.yaml).toMatch(/uses: actions\/checkout@[0-9a-f]{40} # v\d+\.\d+\.\d+\n/);
    const tags = synthRelease({ ...SEED, actionPinning: 'tag' as any }).yaml;
    expect(tags).toMatch(/uses: actions\/checkout@v\d+\.\d+\.\d+\n/);
  });
  test('no caches anywhere', () => {
    expect(seed.yaml).not.toMatch(/actions\/cache|\bcache:|sccache: "?true/);
    // uv's setup keeps its cache off explicitly (its default would turn it on outside tag pushes, e.g. a dry run).
    const uv = synthRelease({ ...SEED, testInstaller: TestInstaller.UV }).yaml;
    expect(uv.match(/cache: .*/g)).toEqual(expect.arrayContaining(['cache: false']));
    expect(uv.replace(/enable-cache: false\n/g, '')).not.toMatch(/actions\/cache|\bcache:|sccache: "?true/);
  });
});
