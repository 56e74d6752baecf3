import { parse } from 'yaml';
import { MaturinReleaseOptions, WheelPlatform } from '../../src/synth/options';
import { synthRelease } from '../helpers/synth';
import { SEMANTIC_RULES, checkWorkflowSemantics, stepsUsing } from '../helpers/workflow-semantics';

/**
 * Negative controls of the semantic rules: a correct generated workflow, then the same
 * workflow changed the way issue 18's reproductions were wrong, and the finding that names it.
 */
const workflow = (options: Partial<MaturinReleaseOptions>) => parse(synthRelease({ packageName: 'dioxide', ...options } as MaturinReleaseOptions).yaml);
const build = (w: any, job: string) => stepsUsing(w, 'PyO3/maturin-action').find((s) => s.jobId === job)!.step;

test('every rule has an id and is run', () => {
  expect(SEMANTIC_RULES.map((r) => r.id)).toEqual(['runner-label', 'maturin-image', 'python-architecture', 'docker-platform', 'container-env', 'rust-toolchain',
    'setup-python-version', 'python-image-tag']);
});

describe('maturin-image: each (target, manylinux, runner architecture) has an image in maturin-action\'s table', () => {
  const w = workflow({ platforms: [WheelPlatform.LINUX_X86_64, WheelPlatform.LINUX_ARMV7] });
  test('the generated workflow passes', () => expect(checkWorkflowSemantics(w)).toEqual([]));
  test('armv7 at manylinux 2_34 (item 1)', () => {
    build(w, 'build-linux-armv7').with.manylinux = '2_34';
    expect(checkWorkflowSemantics(w)).toEqual([
      expect.stringMatching(/^maturin-image: jobs.build-linux-armv7.steps\[1\] \(PyO3\/maturin-action@\w+\): maturin-action v1.51.0 has no image for armv7-unknown-linux-gnueabihf at manylinux "2_34" on an x64 runner \(ubuntu-24.04\); it would build in quay.io\/pypa\/manylinux_2_34_x86_64:latest$/),
    ]);
  });
  test('...unless the step names its container', () => {
    build(w, 'build-linux-armv7').with.container = 'ghcr.io/acme/armv7:2_34';
    expect(checkWorkflowSemantics(w)).toEqual([]);
  });
  test('x86_64 at manylinux 2_31 (item 1), and x86_64 without a level on Linux', () => {
    const again = workflow({ platforms: [WheelPlatform.LINUX_X86_64] });
    build(again, 'build-linux-x86_64').with.manylinux = '2_31';
    expect(checkWorkflowSemantics(again)).toEqual([expect.stringContaining('no image for x86_64-unknown-linux-gnu at manylinux "2_31" on an x64 runner')]);
    delete build(again, 'build-linux-x86_64').with.manylinux;
    expect(checkWorkflowSemantics(again)).toEqual([expect.stringContaining('no manylinux level on a Linux runner')]);
  });
});

describe('runner-label and python-architecture: each runner exists and has the architecture its jobs need (item 2)', () => {
  test('linux-aarch64 tested with arm64 Python on an x64 runner', () => {
    const w = workflow({ platforms: [WheelPlatform.LINUX_AARCH64], pythonVersions: ['3.12'] });
    expect(checkWorkflowSemantics(w)).toEqual([]);
    w.jobs['test-linux-aarch64']['runs-on'] = 'ubuntu-24.04';
    expect(checkWorkflowSemantics(w)).toEqual([expect.stringMatching(/^python-architecture: jobs.test-linux-aarch64.steps\[\d\] \(actions\/setup-python@\w+\): asks for arm64 Python on "ubuntu-24.04", an x64 runner$/)]);
  });
  test('a label GitHub does not host, and a retired one', () => {
    const w = workflow({ platforms: [WheelPlatform.LINUX_X86_64], pythonVersions: ['3.12'] });
    w.jobs.plan['runs-on'] = 'ubuntu-24.04-large-typo';
    w.jobs['check-dist']['runs-on'] = 'ubuntu-20.04';
    expect(checkWorkflowSemantics(w)).toEqual([
      'runner-label: jobs.plan: runs-on "ubuntu-24.04-large-typo" is not a GitHub-hosted runner label (runner-images README at 74951446)',
      'runner-label: jobs.check-dist: runs-on "ubuntu-20.04", which GitHub retired on 2025-04-15',
    ]);
  });
});

describe('docker-platform: a container of another architecture runs after QEMU is set up for it (item 2)', () => {
  test('the musllinux aarch64 test moved to an x64 runner without QEMU', () => {
    const w = workflow({ platforms: [WheelPlatform.MUSLLINUX_AARCH64], pythonVersions: ['3.12'] });
    expect(checkWorkflowSemantics(w)).toEqual([]);
    w.jobs['test-musllinux-aarch64']['runs-on'] = 'ubuntu-24.04';
    expect(checkWorkflowSemantics(w)).toEqual([expect.stringMatching(/^docker-platform: jobs.test-musllinux-aarch64.steps\[\d\] .*: runs a linux\/arm64 container on "ubuntu-24.04", an x64 runner, with no QEMU set up for arm64 before it$/)]);
  });
  test('the same test generated for an x64 runner sets QEMU up', () => {
    expect(checkWorkflowSemantics(workflow({ platforms: [WheelPlatform.MUSLLINUX_AARCH64], pythonVersions: ['3.12'], targets: { 'musllinux-aarch64': { runner: 'ubuntu-24.04' } } }))).toEqual([]);
  });
});

describe('container-env: each variable of a Linux build reaches the container (item 5)', () => {
  const env = { OPENSSL_DIR: '/usr/local/ssl', RUSTFLAGS: '-C target-cpu=native' };
  test('a variable outside the action\'s prefixes without -e in docker-options', () => {
    const w = workflow({ platforms: [WheelPlatform.LINUX_X86_64], targets: { 'linux-x86_64': { env } } });
    expect(checkWorkflowSemantics(w)).toEqual([]);
    delete build(w, 'build-linux-x86_64').with['docker-options'];
    expect(checkWorkflowSemantics(w)).toEqual([expect.stringMatching(/^container-env: .*: env OPENSSL_DIR does not reach the build container \(maturin-action v1.51.0 passes names starting with ACTIONS_, CARGO_, .*, except CARGO_HOME\); add "-e OPENSSL_DIR" to docker-options$/)]);
    build(w, 'build-linux-x86_64').with['docker-options'] = '--env=OPENSSL_DIR';
    expect(checkWorkflowSemantics(w)).toEqual([]);
  });
  test('CARGO_HOME is never passed by the action', () => {
    const w = workflow({ platforms: [WheelPlatform.LINUX_X86_64] });
    build(w, 'build-linux-x86_64').env = { CARGO_HOME: '/cargo' };
    expect(checkWorkflowSemantics(w)).toEqual([expect.stringContaining('env CARGO_HOME does not reach the build container')]);
  });
});

describe('rust-toolchain: the repository\'s toolchain decides unless one is configured (item 4)', () => {
  test('rust-toolchain: stable on every step, as before', () => {
    const w = workflow({ platforms: [WheelPlatform.LINUX_X86_64] });
    for (const { step } of stepsUsing(w, 'PyO3/maturin-action')) step.with['rust-toolchain'] = 'stable';
    expect(checkWorkflowSemantics(w)).toEqual([
      expect.stringMatching(/^rust-toolchain: jobs.build-linux-x86_64.*: rust-toolchain "stable" overrides the repository's rust-toolchain.toml \(rustup override set\), but the configuration sets none$/),
      expect.stringMatching(/^rust-toolchain: jobs.build-sdist/),
    ]);
  });
  test('a configured toolchain passes', () => {
    expect(checkWorkflowSemantics(workflow({ platforms: [WheelPlatform.LINUX_X86_64], rustToolchain: '1.83.0' }), { rustToolchain: '1.83.0' })).toEqual([]);
  });
});
