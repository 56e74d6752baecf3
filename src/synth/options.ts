/**
 * A wheel target: one operating system, CPU architecture and C library.
 * Each one gets its own build job (all Python versions in that job). In
 * `.projenrc.json`, write the value in quotes, e.g. `"linux-x86_64"`.
 */
export enum WheelPlatform {
  /** `"linux-x86_64"`: Linux x86_64, glibc (manylinux), built in a manylinux container and tested on the runner. */
  LINUX_X86_64 = 'linux-x86_64',
  /** `"linux-aarch64"`: Linux aarch64, glibc (manylinux), built and tested natively on an arm64 runner. */
  LINUX_AARCH64 = 'linux-aarch64',
  /** `"linux-i686"`: Linux 32-bit x86, glibc, built in a manylinux i686 container and tested in a 32-bit container. */
  LINUX_I686 = 'linux-i686',
  /** `"linux-armv7"`: Linux armv7 (32-bit Arm, hard float), glibc, cross-compiled and tested under QEMU. */
  LINUX_ARMV7 = 'linux-armv7',
  /** `"linux-ppc64le"`: Linux POWER little-endian, glibc, cross-compiled and tested under QEMU. */
  LINUX_PPC64LE = 'linux-ppc64le',
  /** `"linux-s390x"`: Linux IBM Z, glibc, cross-compiled and tested under QEMU. */
  LINUX_S390X = 'linux-s390x',
  /** `"linux-riscv64"`: Linux RISC-V 64, glibc (manylinux_2_31 and later), cross-compiled and tested under QEMU. */
  LINUX_RISCV64 = 'linux-riscv64',
  /** `"musllinux-x86_64"`: Linux x86_64, musl (as on Alpine), tested in an Alpine container. */
  MUSLLINUX_X86_64 = 'musllinux-x86_64',
  /** `"musllinux-aarch64"`: Linux aarch64, musl, tested in an Alpine container on an arm64 runner. */
  MUSLLINUX_AARCH64 = 'musllinux-aarch64',
  /** `"musllinux-i686"`: Linux 32-bit x86, musl, tested in a 32-bit Alpine container. */
  MUSLLINUX_I686 = 'musllinux-i686',
  /** `"musllinux-armv7"`: Linux armv7, musl, tested in an Alpine container under QEMU. */
  MUSLLINUX_ARMV7 = 'musllinux-armv7',
  /** `"macos-arm64"`: macOS on Apple silicon. */
  MACOS_ARM64 = 'macos-arm64',
  /** `"macos-x86_64"`: macOS on Intel, built and tested on an Intel runner. */
  MACOS_X86_64 = 'macos-x86_64',
  /** `"macos-universal2"`: one macOS wheel for both Apple silicon and Intel (instead of the two above), tested on Apple silicon. */
  MACOS_UNIVERSAL2 = 'macos-universal2',
  /** `"windows-x64"`: Windows x64. */
  WINDOWS_X64 = 'windows-x64',
  /** `"windows-x86"`: Windows 32-bit x86, built and tested with 32-bit Python on an x64 runner. */
  WINDOWS_X86 = 'windows-x86',
  /** `"windows-arm64"`: Windows on Arm64 (CPython 3.11 and later). */
  WINDOWS_ARM64 = 'windows-arm64',
}

/** What the crate builds, as maturin's `bindings` names it. */
export enum Bindings {
  /** `"pyo3"`: a PyO3 extension module: one wheel per interpreter (or one abi3 wheel). */
  PYO3 = 'pyo3',
  /** `"cffi"`: a cffi module: one `py3-none` wheel per target. */
  CFFI = 'cffi',
  /** `"uniffi"`: a UniFFI module: one `py3-none` wheel per target. */
  UNIFFI = 'uniffi',
  /** `"bin"`: a Rust program shipped as a Python package (like ruff): one `py3-none` wheel per target. */
  BIN = 'bin',
}

/** Settings for one wheel target, overriding the ones for all targets. */
export interface TargetOptions {
  /**
   * Runner that builds and tests this target. A Linux target on a runner of another
   * architecture is cross-compiled and tested in a container under QEMU; a macOS or Windows
   * target needs a runner of its own architecture (the README's support table lists them).
   * @default - the target's runner (see `WheelPlatform`)
   */
  readonly runner?: string;

  /**
   * Interpreters to build for on this target, instead of those of `pythonVersions` the target supports.
   * @default - the target's share of `pythonVersions`
   */
  readonly pythonVersions?: string[];

  /**
   * Interpreters to test with on this target.
   * @default - the target's share of `testPythonVersions`
   */
  readonly testPythonVersions?: string[];

  /**
   * Test this target's wheels. False builds and publishes them untested (RELEASING.md and `preflight` say so).
   * @default true
   */
  readonly test?: boolean;

  /**
   * manylinux level (glibc targets: "auto", "2014", "2_17", "2_28", "2_31", "2_34") or musllinux level
   * (musl targets: "1_1", "1_2"). Only the levels maturin-action has a build image for on the
   * target's runner are accepted (the README's support table), unless `container` is set.
   * @default - `manylinux` or `musllinux`
   */
  readonly manylinux?: string;

  /**
   * Build container image (maturin-action's `container`), replacing the one maturin-action picks.
   * @default - maturin-action's image for the target and level
   */
  readonly container?: string;

  /**
   * Extra `docker run` options of the build container (maturin-action's `docker-options`).
   * @default - none
   */
  readonly dockerOptions?: string;

  /**
   * Script run in the Linux build container before maturin (maturin-action's `before-script-linux`),
   * e.g. to install a system library.
   * @default - none
   */
  readonly beforeScriptLinux?: string;

  /**
   * Extra arguments of `maturin build` for this target, after `maturinArgs` (one word per item, as there).
   * @default []
   * @example ["--features", "simd"]
   */
  readonly maturinArgs?: string[];

  /**
   * Environment variables of this target's build step, e.g. `RUSTFLAGS` or `MACOSX_DEPLOYMENT_TARGET`.
   * On Linux they reach the build container: names maturin-action does not pass itself
   * (such as `OPENSSL_DIR` or `PROTOC`) are added to its `docker-options` as `-e NAME`;
   * `CARGO_HOME` is refused there (the container keeps its own).
   * @default {}
   */
  readonly env?: { [name: string]: string };
}

/** How the publish jobs authenticate to (Test)PyPI. */
export enum PublishingMode {
  /** OpenID Connect "trusted publishing": no long-lived secret in the repository. */
  TRUSTED = 'trusted',
  /** An API token stored as a GitHub Actions secret. */
  TOKEN = 'token',
}

/** Where the package version is written; the release tag is checked against it. */
export enum VersionSource {
  /** `[package].version` of Cargo.toml (or `[workspace.package].version`); pyproject.toml declares `dynamic = ["version"]`. */
  CARGO = 'cargo',
  /** A static `[project].version` in pyproject.toml. */
  PYPROJECT = 'pyproject',
}

/** Where the release notes of the GitHub Release come from. */
export enum ReleaseNotes {
  /** The version's section of `changelogFile` (Keep a Changelog). A release without one stops in the plan job. */
  CHANGELOG = 'changelog',
  /** Generated by GitHub from the pull requests merged since the previous release of this package (`gh release create --generate-notes`). */
  GITHUB = 'github',
  /** The file `releaseNotesFile`, where `{version}` stands for the version (e.g. `docs/releases/{version}.md`); a release without it stops in the plan job. */
  FILE = 'file',
  /** No release notes. */
  NONE = 'none',
}

/** What starts a release. */
export enum ReleaseTrigger {
  /** Pushing a tag that matches `tagPattern`. */
  TAG = 'tag',
  /**
   * Running the workflow by hand (Actions → Run workflow) with the version to release and
   * dry-run off. It checks the version, builds, tests and publishes, then creates the tag on
   * the commit it ran on and the GitHub Release. The workflow's token creates the tag.
   */
  DISPATCH = 'dispatch',
}

/** Who owns pyproject.toml. */
export enum PyprojectMode {
  /** projen writes pyproject.toml from this configuration (new projects). */
  MANAGED = 'managed',
  /** pyproject.toml is the user's; synthesis only checks that its wiring agrees with this configuration. */
  EXISTING = 'existing',
}

/** How `uses:` references to actions are written. */
export enum ActionPinning {
  /** A full commit SHA with the release tag as a comment (immune to moved tags). */
  SHA = 'sha',
  /** The release tag (readable, but a tag can be moved by the action's owner). */
  TAG = 'tag',
}

/** One release of an action: its tag and the commit that tag points to. */
/** What installs the wheel and the test requirements in the test jobs. */
export enum TestInstaller {
  /** `python -m pip`, everywhere. */
  PIP = 'pip',
  /**
   * uv (astral-sh/setup-uv, a pinned uv, no cache) on the runners' own Pythons. Tests in
   * containers keep the pip their image has. Faster when the test requirements are many or
   * large; note that uv does not read pip's configuration (`PIP_INDEX_URL`, pip.conf) and takes
   * a package from the first index that has it.
   */
  UV = 'uv',
}

/** How a target's wheels are split into build jobs. */
export enum BuildStrategy {
  /** One build job per target, building every interpreter in turn (fewest billed minutes). */
  PER_PLATFORM = 'per-platform',
  /** One build job per target and interpreter, all in parallel (shortest wall time, more billed minutes). */
  PER_INTERPRETER = 'per-interpreter',
  /**
   * Per target, whichever of the two gives the shortest estimated release within
   * `buildBudgetMinutes` billed minutes: targets on the critical path are split first.
   */
  AUTO = 'auto',
}

export interface ActionPin {
  /**
   * The release tag, written beside the SHA so Dependabot and Renovate can update it.
   * @example "v7.0.2"
   */
  readonly version: string;

  /**
   * The full commit SHA the tag points to (`git rev-parse <tag>^{commit}`).
   */
  readonly sha: string;
}

/** Publishing to TestPyPI and PyPI. */
export interface PublishingOptions {
  /**
   * How the publish jobs authenticate.
   * @default PublishingMode.TRUSTED
   */
  readonly mode?: PublishingMode;

  /**
   * Send pre-releases and dev releases to TestPyPI. When false they go to PyPI
   * (pip ignores pre-releases unless asked), and TestPyPI is never used.
   * @default true
   */
  readonly testPypi?: boolean;

  /**
   * Run the publish jobs in GitHub environments (`pypiEnvironment`, `testPypiEnvironment`).
   * False runs them in none, as many existing workflows do (e.g. `maturin upload` with a
   * repository secret): nothing then gates an upload but the tag, and synthesis says what an
   * environment would add (secrets only its jobs can read, deployment branch and tag rules,
   * required reviewers). With trusted publishing, leave the publisher's environment empty on
   * (Test)PyPI (the field is optional there).
   * @default true
   */
  readonly environments?: boolean;

  /**
   * GitHub environment of the PyPI publish job (name it in PyPI's trusted publisher).
   * @default "pypi"
   */
  readonly pypiEnvironment?: string;

  /**
   * GitHub environment of the TestPyPI publish job.
   * @default "testpypi"
   */
  readonly testPypiEnvironment?: string;

  /**
   * Secret holding the PyPI API token (token mode only).
   * @default "PYPI_TOKEN"
   */
  readonly pypiTokenSecret?: string;

  /**
   * Secret holding the TestPyPI API token (token mode only).
   * @default "TEST_PYPI_TOKEN"
   */
  readonly testPypiTokenSecret?: string;

  /**
   * Create build provenance attestations (`actions/attest`) for every wheel and
   * the sdist in the publish job. GitHub stores them for public repositories, and
   * for private or internal ones only on GitHub Enterprise Cloud: turn this off for
   * a private repository on another plan, or the publish job fails.
   * @default true
   */
  readonly attestations?: boolean;

  /**
   * After publishing, install the exact version from the index it went to on a
   * clean runner and import it.
   * @default true
   */
  readonly verifyInstall?: boolean;

  /**
   * The largest file the index accepts, in MB as PyPI counts them (MiB). The check
   * job refuses a larger wheel or sdist before anything is tested or published.
   * Raise it only after PyPI has raised your project's limit
   * (https://docs.pypi.org/project-management/storage-limits/).
   * @default 100
   */
  readonly maxFileSizeMb?: number;
}

/** The GitHub Release created for each published tag. */
export interface GitHubReleaseOptions {
  /**
   * Create (or update, on a re-run) a GitHub Release for the tag.
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Attach the wheels and the sdist to the release.
   * @default true
   */
  readonly attachDistributions?: boolean;

  /**
   * Create the release as a draft.
   * @default false
   */
  readonly draft?: boolean;
}

/** Job time limits in minutes. A hung job must never hold a release for six hours. */
export interface TimeoutOptions {
  /** The plan job (the release decision). @default 10 */
  readonly plan?: number;
  /** Each wheel or sdist build job. @default 45 */
  readonly wheelBuild?: number;
  /** The wheel-set check. @default 10 */
  readonly check?: number;
  /** Each test job. @default 30 */
  readonly test?: number;
  /** Each publish job. @default 15 */
  readonly publish?: number;
  /**
   * The post-publish install check, including waiting for the index.
   * @default - longer than the check's own worst case: every install attempt and index request retried on its whole schedule (42)
   */
  readonly verify?: number;
  /**
   * The GitHub Release job.
   * @default - 10, plus 1 for every file it uploads (the wheels and sdist, when `githubRelease.attachDistributions`)
   */
  readonly githubRelease?: number;
}

/**
 * Runner images. Keys of `platforms` are `WheelPlatform` values. Synthesis warns about a
 * GitHub-hosted label within six months of the end GitHub announced for it, and stops after
 * it (RELEASING.md lists the dates).
 */
export interface RunnerOptions {
  /**
   * Runner per wheel platform, overriding the defaults
   * (e.g. `{ "macos-x86_64": "macos-15-intel" }`).
   * @default - see `WheelPlatform`: ubuntu-24.04, ubuntu-24.04-arm, macos-15, macos-15-intel, windows-2025, windows-11-arm
   */
  readonly platforms?: { [platform: string]: string };

  /**
   * Runner of the jobs that build nothing (plan, sdist, check, publish, verify, release).
   * @default "ubuntu-24.04"
   */
  readonly utility?: string;
}

/**
 * Assumptions of the release time and cost estimate (see RELEASING.md): minutes, prices in
 * USD per minute, concurrency limits and the repository's visibility. Unset fields keep their
 * defaults, which suit a small PyO3 crate on GitHub's standard runners in a private repository;
 * `npx projen-maturin plan --from-run` suggests values measured from a real release.
 */
export interface CostAssumptions {
  /** Queueing, runner start and checkout, per job. @default 0.5 */
  readonly jobStartup?: number;
  /** Pulling the manylinux image and installing Rust in it. @default 0.5 */
  readonly linuxContainer?: number;
  /** A setup-python step whose version is in the runner image's tool cache. @default 0.1 */
  readonly setupPython?: number;
  /** Compiling for the first interpreter of a build job. @default 2.5 */
  readonly compileFirstInterpreter?: number;
  /** Compiling for each further interpreter in the same job. @default 1 */
  readonly compileAdditionalInterpreter?: number;
  /** Installing and testing one Python version. @default 0.75 */
  readonly testPerPythonVersion?: number;
  /** Building the sdist. @default 0.5 */
  readonly sdist?: number;
  /** The publish job's work (download, attest, upload). @default 1 */
  readonly publish?: number;
  /** The install check, including waiting for the index. @default 1.5 */
  readonly verify?: number;
  /** The plan job's work. @default 0.25 */
  readonly plan?: number;
  /** The wheel-set check's work. @default 0.25 */
  readonly check?: number;
  /** The GitHub Release job's work. @default 0.5 */
  readonly githubRelease?: number;
  /** A setup-python step whose version is not in the runner image's tool cache (downloaded). @default 0.75 */
  readonly setupPythonDownload?: number;
  /** Starting a `python` container for a test (pull and start), per Python version. @default 0.3 */
  readonly testContainer?: number;
  /** Installing and testing one Python version under QEMU emulation (about 8x native). @default 6 */
  readonly testPerPythonVersionEmulated?: number;
  /** Price of a Linux x64 minute in USD (GitHub, 2026-01-01). @default 0.006 */
  readonly priceLinux?: number;
  /** Price of a Linux arm64 minute in USD. @default 0.005 */
  readonly priceLinuxArm64?: number;
  /** Price of a Windows x64 minute in USD. @default 0.01 */
  readonly priceWindows?: number;
  /** Price of a Windows arm64 standard runner minute in USD. @default 0.01 */
  readonly priceWindowsArm64?: number;
  /** Price of a macOS minute in USD. @default 0.062 */
  readonly priceMacos?: number;
  /** Jobs GitHub runs at once for the account (Free 20, Pro 40, Team 60). @default 20 */
  readonly maxConcurrentJobs?: number;
  /** macOS jobs GitHub runs at once (Free, Pro and Team: 5, Enterprise: 50). @default 5 */
  readonly maxConcurrentMacosJobs?: number;
  /**
   * The repository is public: standard GitHub-hosted runners cost nothing, and Linux and
   * Windows runners have 4 cores instead of 2.
   * @default false
   */
  readonly publicRepository?: boolean;
}

/** Options of `MaturinRelease`. */
export interface MaturinReleaseOptions extends MaturinReleaseCommonOptions {
  /**
   * The distribution name on PyPI (`[project].name`).
   */
  readonly packageName: string;
}

/** Release settings shared by `MaturinRelease` and `MaturinProject`. */
export interface MaturinReleaseCommonOptions {
  /**
   * The importable module, used to check an installed release.
   * @default - `packageName` with `-` and `.` replaced by `_`
   */
  readonly moduleName?: string;

  /**
   * Interpreters to build wheels for, on every target that has them: CPython `"3.9"` to `"3.15"`,
   * free-threaded `"3.14t"`/`"3.15t"`, PyPy `"pypy3.9"`/`"pypy3.10"`/`"pypy3.11"`, GraalPy `"graalpy3.11"`/`"graalpy3.12"`.
   * A target leaves out what it cannot build (e.g. Windows arm64 has no CPython before 3.11,
   * Windows x86 and arm64 no PyPy); `targets` overrides the set per target. `"3.15"` and `"3.15t"` need
   * `allowPythonPrereleases`.
   * @default ["3.11", "3.12", "3.13"]
   * @example ["3.10", "3.11", "3.12", "3.13", "3.14", "3.14t", "pypy3.11"]
   */
  readonly pythonVersions?: string[];

  /**
   * Allow interpreters that are still CPython pre-releases (`"3.15"`, `"3.15t"`); setup-python
   * then installs a release candidate until the final release exists.
   * @default false
   */
  readonly allowPythonPrereleases?: boolean;

  /**
   * What the crate builds. Read from `[tool.maturin] bindings` in pyproject.toml and from
   * Cargo.toml when not set; a contradiction with them fails synthesis.
   * @default - from pyproject.toml/Cargo.toml, else Bindings.PYO3
   */
  readonly bindings?: Bindings;

  /**
   * Build one abi3 (stable ABI) wheel per platform instead of one per CPython
   * version. Cargo.toml must enable pyo3's matching `abi3-pyXY` feature. Free-threaded,
   * PyPy and GraalPy interpreters in `pythonVersions` still get wheels of their own.
   * @default false
   */
  readonly abi3?: boolean;

  /**
   * The oldest Python the abi3 wheel supports (its `cpXY-abi3` tag, `"3.8"` to `"3.15"`); it may be
   * older than every built interpreter. CPython versions of `pythonVersions` below it get
   * version-specific wheels: then Cargo.toml must not enable pyo3's abi3 feature, and the workflow
   * enables `pyo3/abi3-pyXY` for the abi3 build only. Only with `abi3`.
   * @default - the lowest CPython of `pythonVersions`
   */
  readonly abi3MinimumPython?: string;

  /**
   * Platforms to build wheels for.
   * @default [LINUX_X86_64, LINUX_AARCH64, MACOS_ARM64, MACOS_X86_64, WINDOWS_X64]
   */
  readonly platforms?: WheelPlatform[];

  /**
   * manylinux compatibility of the glibc Linux wheels (maturin-action's `manylinux` input).
   * One of "auto", "2014", "2_17", "2_28", "2_31", "2_34", where maturin-action has a build image
   * for each target at it (the README's support table).
   * @default "auto"
   */
  readonly manylinux?: string;

  /**
   * musllinux compatibility of the musl Linux wheels: "1_1" or "1_2".
   * @default "1_2"
   */
  readonly musllinux?: string;

  /**
   * Settings per target, keyed by `WheelPlatform` value (e.g. `"windows-arm64"`).
   * @default {}
   * @example { "linux-x86_64": { maturinArgs: ["--features", "simd"] }, "windows-arm64": { test: false } }
   */
  readonly targets?: { [platform: string]: TargetOptions };

  /**
   * The maturin release maturin-action installs (its `maturin-version`). Without a pin it
   * installs whatever is newest.
   * @default "1.15.0"
   */
  readonly maturinVersion?: string;

  /**
   * Extra arguments of every `maturin build`, e.g. `["--locked"]` or `["--compatibility", "pypi"]`:
   * one word per item, of letters, digits and `_ . / : @ % + , - =` (maturin-action pastes them into a bash script unquoted).
   * @default []
   */
  readonly maturinArgs?: string[];

  /**
   * Build and publish a source distribution too.
   * @default true
   */
  readonly sdist?: boolean;

  /**
   * Tag pattern that triggers a release: a literal prefix (not ending in a digit or ".")
   * followed by `*.*.*`, `*.*` or `*`.
   * The same value is the workflow trigger and the rule the tag is parsed with.
   * @default "v*.*.*"
   */
  readonly tagPattern?: string;

  /**
   * Where the version lives: the tag must equal it (by PEP 440) or the release stops.
   * @default VersionSource.CARGO
   */
  readonly versionSource?: VersionSource;

  /**
   * The release tag belongs to the whole repository, not to this package: a multi-language
   * repository whose tag `v0.58.2` also releases a Python binding with its own version, e.g.
   * `0.47.6` (apache/opendal). The tag, which must still match `tagPattern`, only starts the
   * release; the version released is the one in `versionSource`, and the plan job stops when
   * that version is already on the index it would go to (a pre-release of the package version
   * goes to TestPyPI, as always). The CHANGELOG section looked up is the package version's.
   * The tag's GitHub Release is the repository's (its other languages'), not this package's:
   * set `githubRelease: { enabled: false }` with it (synthesis asks for it). `preflight <tag>`
   * takes the repository's tag and shows the package version it releases. Not with
   * `ReleaseTrigger.DISPATCH`, which creates a tag of the package version. Runs are still
   * grouped per tag: two tags pushed together with one package version both pass the index
   * check, and the second fails its install check after uploading nothing new (`skip-existing`).
   * @default false
   */
  readonly sharedTag?: boolean;

  /**
   * Accept a pyproject.toml whose `build-backend` is not maturin while maturin builds the
   * wheels and the sdist (as maturin's own repository does, with setuptools-rust). Synthesis
   * then warns: pip builds a wheel from the sdist with that backend, not with maturin, so an
   * install from the sdist is only as good as that backend's build. Only with an existing
   * pyproject.toml (`PyprojectMode.EXISTING`).
   * @default false
   */
  readonly otherBuildBackend?: boolean;

  /**
   * Command that runs the test suite against the installed wheel.
   * @default "pytest tests/ -v"
   */
  readonly testCommand?: string;

  /**
   * Requirements installed (from PyPI) before the tests run.
   * @default ["pytest"]
   */
  readonly testRequirements?: string[];

  /**
   * Interpreters the wheels are tested with, on each target that has them.
   * @default - all of `pythonVersions`; with `abi3`, per target the oldest CPython of `pythonVersions` and the newest final CPython that can run its abi3 wheel there, plus every free-threaded, PyPy and GraalPy version
   */
  readonly testPythonVersions?: string[];

  /**
   * Test the wheels before publishing. False publishes them untested (some projects test elsewhere).
   * @default true
   */
  readonly runTests?: boolean;

  /**
   * Extras of the package installed with it for the tests, e.g. `["test"]` for `.[test]`.
   * @default []
   */
  readonly testExtras?: string[];

  /**
   * Dependency groups of pyproject.toml (PEP 735) installed for the tests, e.g. `["test"]`:
   * with pip 25.1 or later (the test step upgrades it), or `uv pip install --group` with `TestInstaller.UV`.
   * Synthesis checks each against the package's `[dependency-groups]`.
   * @default []
   */
  readonly testDependencyGroups?: string[];

  /**
   * What installs the wheel and the test requirements: pip, or uv on the runners' own Pythons.
   * @default TestInstaller.PIP
   */
  readonly testInstaller?: TestInstaller;

  /**
   * Files and directories copied into an empty directory where the tests run, so the
   * source tree can never be imported instead of the installed wheel. Relative to
   * `packageDirectory` (`../` may reach other directories of the repository). When set, synthesis
   * checks that each exists (once the package has its Cargo.toml or pyproject.toml).
   * @default ["tests"]
   */
  readonly testSources?: string[];

  /**
   * Test configuration copied next to `testSources` when it exists, so pytest's settings
   * (`[tool.pytest.ini_options]`, `[pytest]`, `[tool:pytest]`: addopts, markers,
   * filterwarnings, asyncio_mode) and the fixtures of a root conftest.py still apply.
   * Relative to `packageDirectory`; a file that does not exist is skipped. `[]` copies none.
   * @default ["pyproject.toml", "pytest.ini", "setup.cfg", "tox.ini", "conftest.py"]
   */
  readonly testConfigFiles?: string[];

  /**
   * Publishing to TestPyPI and PyPI.
   * @default - trusted publishing, pre-releases to TestPyPI, stable to PyPI
   */
  readonly publishing?: PublishingOptions;

  /**
   * The GitHub Release.
   * @default - created with the notes of `releaseNotes` and the distributions attached
   */
  readonly githubRelease?: GitHubReleaseOptions;

  /**
   * Runner images.
   * @default - see `RunnerOptions`
   */
  readonly runners?: RunnerOptions;

  /**
   * Job time limits.
   * @default - see `TimeoutOptions`
   */
  readonly timeouts?: TimeoutOptions;

  /**
   * File name (without `.yml`) of the generated workflow in `.github/workflows/`.
   * @default "release"
   */
  readonly workflowName?: string;

  /**
   * The Keep a Changelog file: where the release notes come from with `ReleaseNotes.CHANGELOG`,
   * and whose Unreleased section `release:prepare` promotes when a section is needed.
   * @default "CHANGELOG.md"
   */
  readonly changelogFile?: string;

  /**
   * Where the release notes come from. A CHANGELOG.md skeleton is created only with
   * `ReleaseNotes.CHANGELOG`, and only when `changelogFile` is missing.
   * @default - ReleaseNotes.CHANGELOG when `changelogFile` exists or the repository has no Cargo.toml yet (a new project), else ReleaseNotes.GITHUB
   */
  readonly releaseNotes?: ReleaseNotes;

  /**
   * With `ReleaseNotes.FILE`: the file holding a release's notes, relative to the repository root;
   * `{version}` stands for the version as tagged (e.g. `"docs/releases/{version}.md"`).
   * @default - none; required with ReleaseNotes.FILE
   */
  readonly releaseNotesFile?: string;

  /**
   * Also require a section for the version in `changelogFile` when the notes come from
   * elsewhere (GitHub, a file, none): the plan job stops a release without one, and
   * `release:prepare` promotes the Unreleased section. Always the case with `ReleaseNotes.CHANGELOG`.
   * @default false
   */
  readonly requireChangelogSection?: boolean;

  /**
   * The package directory, relative to the repository root: where its pyproject.toml is, and
   * the crate maturin builds (Cargo.toml there, or pyproject's `[tool.maturin] manifest-path`),
   * e.g. `"bindings/python"` or `"crates/jiter-python"`. Builds run there, the version is read
   * there (following `version.workspace = true` to the workspace root), and `testSources` are
   * relative to it. A pyproject.toml at the repository root is then not the package's.
   * @default "."
   */
  readonly packageDirectory?: string;

  /**
   * What starts a release: a pushed tag, or a manual run with the version that creates the
   * tag after publishing. Either way a manual run with dry-run on (the default) publishes nothing.
   * @default ReleaseTrigger.TAG
   */
  readonly releaseTrigger?: ReleaseTrigger;

  /**
   * Pin actions by commit SHA (with the tag as a comment) or by tag.
   * @default ActionPinning.SHA
   */
  readonly actionPinning?: ActionPinning;

  /**
   * Pins of actions, by repository, replacing the releases projen-maturin was tested with
   * (e.g. to take a newer `PyO3/maturin-action` before projen-maturin does). Also names the
   * release of an action a step added through `workflow` uses, so the tag is written beside it.
   * @default - the releases listed in projen-maturin's `actions.ts`
   * @example { "PyO3/maturin-action": { version: "v1.52.0", sha: "0123…" } }
   */
  readonly actionPins?: { [action: string]: ActionPin };

  /**
   * Who owns pyproject.toml.
   * @default - EXISTING when the repository has a pyproject.toml that projen does not generate, else MANAGED
   */
  readonly pyproject?: PyprojectMode;

  /**
   * Managed mode: settings for `[tool.maturin]`.
   * @default - `{ features: ["pyo3/extension-module"] }`; a MaturinProject sets `python-source` and `module-name` instead
   * (its pyo3 0.29 crate needs no `extension-module` feature: maturin 1.9.4 and later build the extension module)
   */
  readonly maturinSettings?: { [key: string]: any };

  /**
   * The GitHub repository as "owner/name", for CHANGELOG compare links and the setup checklist.
   * @default - read from the `origin` git remote when it is a GitHub URL
   */
  readonly githubRepository?: string;

  /**
   * The generated setup checklist and release guide.
   * @default "RELEASING.md"
   */
  readonly checklistFile?: string;

  /**
   * How build jobs are cut: one per target, one per target and interpreter, or chosen per
   * target under `buildBudgetMinutes`. Tests start as soon as their own target's build is done.
   * @default BuildStrategy.PER_PLATFORM
   */
  readonly buildStrategy?: BuildStrategy;

  /**
   * `BuildStrategy.AUTO`: the most billed minutes (whole minutes per job, summed) a release may
   * take; targets are split per interpreter, critical path first, while the estimate stays within it.
   * @default - the billed minutes of the one-job-per-target layout (a shorter release at no extra cost)
   */
  readonly buildBudgetMinutes?: number;

  /**
   * Assumptions of the time and cost estimate in the checklist and `release:plan`.
   * @default - see `CostAssumptions`
   */
  readonly costAssumptions?: CostAssumptions;

  /**
   * Rust toolchain maturin-action builds with (its `rust-toolchain` input, applied with
   * `rustup override set`, which beats the repository's rust-toolchain.toml). Leave it unset
   * to build with the toolchain the repository's rust-toolchain.toml (or rust-toolchain) names.
   * @default - the repository's rust-toolchain.toml; "stable" in the Linux build containers when there is none
   */
  readonly rustToolchain?: string;
}
