import { ActionCatalog, ActionRelease, DEFAULT_ACTION_CATALOG } from './emit/actions';
import { GITHUB_REPOSITORY } from './github-repository';
import { ActionPinning, MaturinReleaseOptions, PublishingMode, PyprojectMode, VersionSource, WheelPlatform } from './options';
import { CostAssumptionValues } from '../core/estimate-report';
import { DEFAULT_COST_ASSUMPTIONS } from './plan/cost-model';
import { ALL_PLATFORMS, DEFAULT_PLATFORMS, DEFAULT_PYTHON_VERSIONS, MANYLINUX_VALUES, PLATFORMS, SUPPORTED_PYTHON_VERSIONS, cpythonTag } from './plan/targets';
import { ProjenMaturinError } from '../core/errors';
import { TagPattern, parseTagPattern } from '../core/tag-pattern';

/** Options with every default applied and every rule checked. */
export interface ResolvedConfig {
  readonly packageName: string;
  readonly moduleName: string;
  readonly pythonVersions: readonly string[];
  /** abi3: the Python version of the `cpXY-abi3` tag; undefined without abi3. */
  readonly abi3MinimumPython?: string;
  readonly platforms: readonly WheelPlatform[];
  readonly manylinux: string;
  readonly sdist: boolean;
  readonly tag: TagPattern;
  readonly versionSource: VersionSource;
  readonly testCommand: string;
  readonly testRequirements: readonly string[];
  readonly testPythonVersions: readonly string[];
  readonly publishing: {
    readonly mode: PublishingMode;
    readonly testPypi: boolean;
    readonly pypiEnvironment: string;
    readonly testPypiEnvironment: string;
    readonly pypiTokenSecret: string;
    readonly testPypiTokenSecret: string;
    readonly attestations: boolean;
    readonly verifyInstall: boolean;
  };
  readonly githubRelease: { readonly enabled: boolean; readonly attachDistributions: boolean; readonly draft: boolean };
  readonly runners: { readonly platforms: Readonly<Record<WheelPlatform, string>>; readonly utility: string };
  readonly timeouts: {
    readonly plan: number;
    readonly wheelBuild: number;
    readonly check: number;
    readonly test: number;
    readonly publish: number;
    readonly verify: number;
    readonly githubRelease: number;
  };
  readonly workflowName: string;
  readonly changelogFile: string;
  readonly actionPinning: ActionPinning;
  /** The action releases to pin, by repository: projen-maturin's, with `actionPins` on top. */
  readonly actions: ActionCatalog;
  readonly rustToolchain: string;
  /** Undefined: decided from the repository (see `MaturinRelease`). */
  readonly pyproject?: PyprojectMode;
  readonly maturinSettings?: Readonly<Record<string, unknown>>;
  /** "owner/name"; undefined: read from the git remote. */
  readonly githubRepository?: string;
  readonly checklistFile: string;
  readonly costAssumptions: CostAssumptionValues;
}

const list = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');
const show = (value: unknown) => JSON.stringify(value);

/** A configuration mistake found at synthesis: `MaturinRelease: <message>`. */
export function optionError(message: string, fix?: string): ProjenMaturinError {
  return new ProjenMaturinError(`MaturinRelease: ${message}`, fix);
}

function fail(message: string): never {
  throw optionError(message);
}

function oneOf<T extends string>(option: string, value: T | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) fail(`${option} is ${show(value)}; allowed values: ${list(allowed)}`);
  return value;
}

function flag(option: string, value: boolean | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') fail(`${option} is ${show(value)}; allowed values: true, false`);
  return value;
}

// PyPI names: PEP 508 / core metadata "Name".
const PACKAGE_NAME = /^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$/;
const MODULE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
// GitHub environment and secret names.
const ENVIRONMENT_NAME = /^[A-Za-z0-9_.-]{1,255}$/;
const SECRET_NAME = /^(?!GITHUB_)[A-Za-z_][A-Za-z0-9_]*$/i;
// A runner label: letters, digits, dots, dashes, underscores.
const RUNNER_LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const WORKFLOW_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
// A repository-relative path without traversal.
const RELATIVE_PATH = /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\0\n\r]+$/;

function pythonVersions(option: string, values: readonly string[] | undefined, fallback: readonly string[]): string[] {
  const versions = values ?? fallback;
  if (!Array.isArray(versions) || versions.length === 0) {
    fail(`${option} is ${show(values)}; it needs at least one of ${list(SUPPORTED_PYTHON_VERSIONS)}`);
  }
  for (const version of versions) {
    if (!SUPPORTED_PYTHON_VERSIONS.includes(version)) {
      fail(`${option} contains unsupported Python version ${show(version)}; allowed values: ${list(SUPPORTED_PYTHON_VERSIONS)}`);
    }
  }
  const duplicate = versions.find((v, i) => versions.indexOf(v) !== i);
  if (duplicate) fail(`${option} lists Python ${show(duplicate)} twice; each version may appear once`);
  return [...versions].sort((a, b) => SUPPORTED_PYTHON_VERSIONS.indexOf(a) - SUPPORTED_PYTHON_VERSIONS.indexOf(b));
}

function minutes(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > 360) {
    fail(`${option} is ${show(value)}; allowed values: a whole number of minutes from 1 to 360`);
  }
  return value;
}

function name(option: string, value: string | undefined, pattern: RegExp, what: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !pattern.test(value)) fail(`${option} is ${show(value)}; it must be ${what}`);
  return value;
}

function costAssumptions(value: Record<string, unknown> | undefined): CostAssumptionValues {
  const resolved: Record<string, number> = { ...DEFAULT_COST_ASSUMPTIONS };
  for (const [key, minutesValue] of Object.entries(value ?? {})) {
    if (!(key in DEFAULT_COST_ASSUMPTIONS)) fail(`costAssumptions has unknown key ${show(key)}; allowed keys: ${list(Object.keys(DEFAULT_COST_ASSUMPTIONS))}`);
    if (typeof minutesValue !== 'number' || !(minutesValue >= 0) || minutesValue > 600) fail(`costAssumptions.${key} is ${show(minutesValue)}; it must be a number from 0 to 600`);
    resolved[key] = minutesValue;
  }
  return resolved as unknown as CostAssumptionValues;
}

function actionCatalog(pins: Record<string, unknown> | undefined): ActionCatalog {
  if (pins === undefined) return DEFAULT_ACTION_CATALOG;
  if (typeof pins !== 'object' || pins === null || Array.isArray(pins)) {
    fail(`actionPins is ${show(pins)}; it must map "owner/name" to { version, sha }, e.g. { "PyO3/maturin-action": { version: "v1.52.0", sha: "<40 hex digits>" } }`);
  }
  const catalog: Record<string, ActionRelease> = { ...DEFAULT_ACTION_CATALOG };
  for (const [repo, pin] of Object.entries(pins)) {
    if (!GITHUB_REPOSITORY.test(repo)) fail(`actionPins has key ${show(repo)}; keys are action repositories such as "PyO3/maturin-action"`);
    const { version, sha } = (pin ?? {}) as { version?: unknown; sha?: unknown };
    if (typeof version !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(version)) fail(`actionPins["${repo}"].version is ${show(version)}; it must be the release tag, such as "v1.52.0"`);
    if (typeof sha !== 'string' || !/^[0-9a-f]{40}$/.test(sha)) fail(`actionPins["${repo}"].sha is ${show(sha)}; it must be the full 40-character commit SHA of ${version}`);
    catalog[repo] = { repo, version, sha };
  }
  return catalog;
}

function maturinSettings(value: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    fail(`maturinSettings is ${show(value)}; it must be a table of [tool.maturin] settings, such as { features: ["pyo3/extension-module"] }`);
  }
  return value;
}

/** Applies defaults and checks every option; throws `MaturinReleaseOptionError` on the first bad one. */
export function resolveConfig(options: MaturinReleaseOptions): ResolvedConfig {
  if (!options || typeof options !== 'object') fail('options are required, with at least packageName');
  if (options.packageName === undefined) fail('packageName is required: the distribution name on PyPI');
  const packageName = name('packageName', options.packageName, PACKAGE_NAME,
    'a valid PyPI project name (letters, digits, ".", "_", "-"; starting and ending with a letter or digit)', '');
  const moduleName = name('moduleName', options.moduleName, MODULE_NAME,
    'a Python import name such as "dioxide" or "dioxide.core"', packageName.replace(/[-.]/g, '_'));

  const versions = pythonVersions('pythonVersions', options.pythonVersions, DEFAULT_PYTHON_VERSIONS);
  const abi3 = flag('abi3', options.abi3, false);
  let abi3MinimumPython: string | undefined;
  if (options.abi3MinimumPython !== undefined) {
    if (!abi3) fail(`abi3MinimumPython is ${show(options.abi3MinimumPython)} but abi3 is not enabled; set abi3: true or remove abi3MinimumPython`);
    abi3MinimumPython = pythonVersions('abi3MinimumPython', [options.abi3MinimumPython], [])[0];
    if (SUPPORTED_PYTHON_VERSIONS.indexOf(abi3MinimumPython) > SUPPORTED_PYTHON_VERSIONS.indexOf(versions[0])) {
      fail(`abi3MinimumPython is ${show(abi3MinimumPython)}, but pythonVersions includes ${show(versions[0])}, ` +
        `which a ${cpythonTag(abi3MinimumPython)}-abi3 wheel cannot be installed on; allowed values: ${versions[0]} or lower`);
    }
  } else if (abi3) {
    abi3MinimumPython = versions[0];
  }

  if (options.platforms !== undefined && (!Array.isArray(options.platforms) || options.platforms.length === 0)) {
    fail(`platforms is ${show(options.platforms)}; it needs at least one of ${list(ALL_PLATFORMS)}`);
  }
  const platforms = [...(options.platforms ?? DEFAULT_PLATFORMS)];
  for (const platform of platforms) {
    if (!ALL_PLATFORMS.includes(platform)) fail(`platforms contains unknown platform ${show(platform)}; allowed values: ${list(ALL_PLATFORMS)}`);
  }
  const duplicatePlatform = platforms.find((p, i) => platforms.indexOf(p) !== i);
  if (duplicatePlatform) fail(`platforms lists ${show(duplicatePlatform)} twice; each platform may appear once`);
  platforms.sort((a, b) => ALL_PLATFORMS.indexOf(a) - ALL_PLATFORMS.indexOf(b));

  let tag: TagPattern;
  try {
    tag = parseTagPattern(options.tagPattern ?? 'v*.*.*');
  } catch (e) {
    if (e instanceof ProjenMaturinError) fail(e.message);
    throw e;
  }

  const testPythonVersions = pythonVersions('testPythonVersions', options.testPythonVersions, versions);
  const untestable = testPythonVersions.find((v) => abi3MinimumPython
    ? SUPPORTED_PYTHON_VERSIONS.indexOf(v) < SUPPORTED_PYTHON_VERSIONS.indexOf(abi3MinimumPython)
    : !versions.includes(v));
  if (untestable) {
    fail(`testPythonVersions contains ${show(untestable)}, for which no wheel is built; allowed values: ${list(abi3MinimumPython ? SUPPORTED_PYTHON_VERSIONS.filter((v) => SUPPORTED_PYTHON_VERSIONS.indexOf(v) >= SUPPORTED_PYTHON_VERSIONS.indexOf(abi3MinimumPython!)) : versions)}`);
  }

  // setup-python has no arm64 Windows builds before 3.11: check every interpreter a job would set up.
  if (platforms.includes(WheelPlatform.WINDOWS_ARM64)) {
    const used = [...new Set([...(abi3MinimumPython ? [abi3MinimumPython] : versions), ...testPythonVersions])];
    const old = used.filter((v) => SUPPORTED_PYTHON_VERSIONS.indexOf(v) < SUPPORTED_PYTHON_VERSIONS.indexOf('3.11'));
    if (old.length > 0) {
      fail(`platforms includes "windows-arm64", which has no CPython ${old.join(', ')}; pythonVersions, abi3MinimumPython and testPythonVersions must be 3.11 or newer for it`);
    }
  }

  const testCommand = options.testCommand ?? 'pytest tests/ -v';
  if (typeof testCommand !== 'string' || testCommand.trim() === '') fail(`testCommand is ${show(options.testCommand)}; it must be a non-empty shell command`);
  // The command is pasted into a run: script; a GitHub expression there would be a template injection.
  if (testCommand.includes('${{')) {
    fail(`testCommand is ${show(testCommand)}; it must not contain \${{ … }}: GitHub would paste the value into the script before bash runs it. Read values from environment variables instead`);
  }
  const testRequirements = options.testRequirements ?? ['pytest'];
  if (!Array.isArray(testRequirements) || testRequirements.some((r) => typeof r !== 'string' || r.trim() === '' || r.startsWith('-'))) {
    fail(`testRequirements is ${show(options.testRequirements)}; it must be a list of requirement specifiers such as "pytest>=8" (no pip options)`);
  }

  const publishing = options.publishing ?? {};
  const mode = oneOf('publishing.mode', publishing.mode, [PublishingMode.TRUSTED, PublishingMode.TOKEN], PublishingMode.TRUSTED);
  const envName = 'a GitHub environment name (letters, digits, ".", "_", "-")';
  const secretName = 'a GitHub secret name (letters, digits, "_"; not starting with a digit or GITHUB_)';
  const resolvedPublishing = {
    mode,
    testPypi: flag('publishing.testPypi', publishing.testPypi, true),
    pypiEnvironment: name('publishing.pypiEnvironment', publishing.pypiEnvironment, ENVIRONMENT_NAME, envName, 'pypi'),
    testPypiEnvironment: name('publishing.testPypiEnvironment', publishing.testPypiEnvironment, ENVIRONMENT_NAME, envName, 'testpypi'),
    pypiTokenSecret: name('publishing.pypiTokenSecret', publishing.pypiTokenSecret, SECRET_NAME, secretName, 'PYPI_TOKEN'),
    testPypiTokenSecret: name('publishing.testPypiTokenSecret', publishing.testPypiTokenSecret, SECRET_NAME, secretName, 'TEST_PYPI_TOKEN'),
    attestations: flag('publishing.attestations', publishing.attestations, true),
    verifyInstall: flag('publishing.verifyInstall', publishing.verifyInstall, true),
  };
  if (resolvedPublishing.testPypi && resolvedPublishing.pypiEnvironment === resolvedPublishing.testPypiEnvironment) {
    fail(`publishing.testPypiEnvironment is ${show(resolvedPublishing.testPypiEnvironment)}, the same as publishing.pypiEnvironment; ` +
      'each index needs its own environment so PyPI and TestPyPI credentials and protection rules stay apart');
  }
  if (mode === PublishingMode.TRUSTED && (publishing.pypiTokenSecret !== undefined || publishing.testPypiTokenSecret !== undefined)) {
    fail('publishing.pypiTokenSecret/testPypiTokenSecret are set, but publishing.mode is "trusted", which uses no token; set mode: PublishingMode.TOKEN or remove them');
  }

  const release = options.githubRelease ?? {};
  const runnerOptions = options.runners ?? {};
  const platformRunners = {} as Record<WheelPlatform, string>;
  for (const platform of ALL_PLATFORMS) platformRunners[platform] = PLATFORMS[platform].defaultRunner;
  for (const [key, runner] of Object.entries(runnerOptions.platforms ?? {})) {
    if (!ALL_PLATFORMS.includes(key as WheelPlatform)) fail(`runners.platforms has unknown platform key ${show(key)}; allowed keys: ${list(ALL_PLATFORMS)}`);
    platformRunners[key as WheelPlatform] = name(`runners.platforms["${key}"]`, runner, RUNNER_LABEL, 'a runner label such as "ubuntu-24.04"', '');
  }

  const timeouts = options.timeouts ?? {};
  return {
    packageName,
    moduleName,
    pythonVersions: versions,
    abi3MinimumPython,
    platforms,
    manylinux: oneOf('manylinux', options.manylinux, MANYLINUX_VALUES, 'auto'),
    sdist: flag('sdist', options.sdist, true),
    tag,
    versionSource: oneOf('versionSource', options.versionSource, [VersionSource.CARGO, VersionSource.PYPROJECT], VersionSource.CARGO),
    testCommand,
    testRequirements,
    testPythonVersions,
    publishing: resolvedPublishing,
    githubRelease: {
      enabled: flag('githubRelease.enabled', release.enabled, true),
      attachDistributions: flag('githubRelease.attachDistributions', release.attachDistributions, true),
      draft: flag('githubRelease.draft', release.draft, false),
    },
    runners: {
      platforms: platformRunners,
      utility: name('runners.utility', runnerOptions.utility, RUNNER_LABEL, 'a runner label such as "ubuntu-24.04"', 'ubuntu-24.04'),
    },
    timeouts: {
      plan: minutes('timeouts.plan', timeouts.plan, 10),
      wheelBuild: minutes('timeouts.wheelBuild', timeouts.wheelBuild, 45),
      check: minutes('timeouts.check', timeouts.check, 10),
      test: minutes('timeouts.test', timeouts.test, 30),
      publish: minutes('timeouts.publish', timeouts.publish, 15),
      verify: minutes('timeouts.verify', timeouts.verify, 20),
      githubRelease: minutes('timeouts.githubRelease', timeouts.githubRelease, 10),
    },
    workflowName: name('workflowName', options.workflowName, WORKFLOW_NAME, 'a file name without extension, such as "release" (letters, digits, "_", "-")', 'release'),
    changelogFile: name('changelogFile', options.changelogFile, RELATIVE_PATH, 'a path inside the repository, such as "CHANGELOG.md"', 'CHANGELOG.md'),
    actionPinning: oneOf('actionPinning', options.actionPinning, [ActionPinning.SHA, ActionPinning.TAG], ActionPinning.SHA),
    actions: actionCatalog(options.actionPins as Record<string, unknown> | undefined),
    pyproject: options.pyproject === undefined ? undefined : oneOf('pyproject', options.pyproject, [PyprojectMode.MANAGED, PyprojectMode.EXISTING], PyprojectMode.MANAGED),
    maturinSettings: maturinSettings(options.maturinSettings),
    githubRepository: options.githubRepository === undefined ? undefined
      : name('githubRepository', options.githubRepository, GITHUB_REPOSITORY, 'a GitHub repository as "owner/name"', ''),
    checklistFile: name('checklistFile', options.checklistFile, RELATIVE_PATH, 'a path inside the repository, such as "RELEASING.md"', 'RELEASING.md'),
    costAssumptions: costAssumptions(options.costAssumptions as Record<string, unknown> | undefined),
    rustToolchain: name('rustToolchain', options.rustToolchain, /^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a rustup toolchain name such as "stable" or "1.83.0"', 'stable'),
  };
}
