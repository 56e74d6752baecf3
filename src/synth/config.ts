import { validRange } from '@renovatebot/pep440';
import { Requirement, RequirementsSyntaxError, parsePipRequirementsLine } from 'pip-requirements-js';
import { DEFAULTS } from './defaults';
import { ActionCatalog, ActionRelease, DEFAULT_ACTION_CATALOG } from './emit/actions';
import { GITHUB_REPOSITORY } from './github-repository';
import { checkOptionTypes, showOption } from './option-schema';
import {
  ActionPinning, Bindings, BuildStrategy, MaturinReleaseOptions, PublishingMode, PyprojectMode, ReleaseNotes, ReleaseTrigger, TargetOptions,
  TestInstaller, VersionSource,
  WheelPlatform,
} from './options';
import { RUNNER_ARCHES, RunnerArch, buildImage, levelsWithImage, linuxBuildPlace, runnerArch } from './plan/build-images';
import { DEFAULT_COST_ASSUMPTIONS } from './plan/cost-model';
import {
  ABI3_MINORS, INTERPRETERS, INTERPRETER_SPECS, Interpreter, abi3Feature, compareInterpreters, cpythonTag, parseInterpreter, testImage,
  whyNotInterpreter,
} from '../core/interpreters';
import { ALL_PLATFORMS, MANYLINUX_VALUES, MUSLLINUX_VALUES, PLATFORMS, PlatformSpec, TestMode } from './plan/targets';
import { ProjenMaturinError } from '../core/errors';
import { CostAssumptionValues } from '../core/estimate-report';
import { MATURIN_ACTION } from '../core/facts/maturin-action';
import { repoPath } from '../core/package-layout';
import { runtimeConfigPath } from '../core/paths';
import { VERSION_PLACEHOLDER } from '../core/release-notes';
import { TagPattern, parseTagPattern } from '../core/tag-pattern';

/** One wheel target with its settings resolved. */
export interface ResolvedTarget {
  readonly platform: PlatformSpec;
  /** Runner of its build and test jobs. */
  readonly runner: string;
  /** The runner's architecture; undefined for a label GitHub does not host. */
  readonly runnerArch?: RunnerArch;
  /** How its wheels are tested on that runner (emulated where the runner has another architecture). */
  readonly test: TestMode;
  /** manylinux or musllinux level of its wheels; empty for macOS and Windows. */
  readonly level: string;
  /** Interpreters it builds wheels for. */
  readonly interpreters: readonly Interpreter[];
  /** Interpreters of `pythonVersions` this target cannot build, and why. */
  readonly leftOut: readonly { readonly interpreter: Interpreter; readonly reason: string }[];
  /** Interpreters its wheels are tested with; empty when it is not tested. */
  readonly testInterpreters: readonly Interpreter[];
  /** Why its wheels are not tested, when they are not. */
  readonly untested?: string;
  readonly maturinArgs: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly beforeScriptLinux?: string;
  readonly container?: string;
  readonly dockerOptions?: string;
}

/** Options with every default applied and every rule checked. */
export interface ResolvedConfig {
  readonly packageName: string;
  readonly moduleName: string;
  /** `pythonVersions` as written, in canonical order. */
  readonly pythonVersions: readonly string[];
  readonly interpreters: readonly Interpreter[];
  /** abi3: the Python version of the `cpXY-abi3` tag; undefined without abi3. */
  readonly abi3MinimumPython?: string;
  /**
   * Cargo features the abi3 build alone enables (`pyo3/abi3-py311`): set when CPython versions below
   * the floor get version-specific wheels, which must be built without pyo3's abi3 feature.
   */
  readonly abi3Features: readonly string[];
  /** What synthesis warns about in this configuration (logged, never an error). */
  readonly warnings: readonly string[];
  readonly bindings: Bindings;
  readonly platforms: readonly WheelPlatform[];
  readonly targets: readonly ResolvedTarget[];
  readonly manylinux: string;
  readonly musllinux: string;
  readonly maturinVersion: string;
  readonly sdist: boolean;
  readonly tag: TagPattern;
  readonly versionSource: VersionSource;
  /** The tag is the repository's: it starts the release, the version comes from `versionSource` (`sharedTag`). */
  readonly sharedTag: boolean;
  /** pyproject.toml may build with another backend while maturin builds the wheels (`otherBuildBackend`). */
  readonly otherBuildBackend: boolean;
  readonly testCommand: string;
  readonly testRequirements: readonly string[];
  readonly testExtras: readonly string[];
  readonly testDependencyGroups: readonly string[];
  readonly testInstaller: TestInstaller;
  readonly testSources: readonly string[];
  /** `testSources` relative to the repository root (they are written relative to `packageDirectory`). */
  readonly testSourcePaths: readonly string[];
  /** `testConfigFiles` relative to the repository root, without those `testSources` already copies. */
  readonly testConfigPaths: readonly string[];
  readonly testPythonVersions: readonly string[];
  readonly runTests: boolean;
  readonly publishing: {
    readonly mode: PublishingMode;
    readonly testPypi: boolean;
    /** Whether the publish jobs run in GitHub environments (`publishing.environments`). */
    readonly environments: boolean;
    readonly pypiEnvironment: string;
    readonly testPypiEnvironment: string;
    readonly pypiTokenSecret: string;
    readonly testPypiTokenSecret: string;
    readonly attestations: boolean;
    readonly verifyInstall: boolean;
    readonly maxFileSizeMb: number;
  };
  readonly githubRelease: { readonly enabled: boolean; readonly attachDistributions: boolean; readonly draft: boolean };
  readonly runners: { readonly platforms: Readonly<Record<WheelPlatform, string>>; readonly utility: string };
  readonly timeouts: {
    readonly plan: number;
    readonly wheelBuild: number;
    readonly check: number;
    readonly test: number;
    readonly publish: number;
    /** Undefined: derived from the plan (the check's worst case). */
    readonly verify?: number;
    /** Undefined: derived from the plan (the files it uploads). */
    readonly githubRelease?: number;
  };
  readonly workflowName: string;
  /** The release tools' settings file of this workflow (`.github/maturin-release/…`). */
  readonly configPath: string;
  readonly changelogFile: string;
  readonly releaseNotes: ReleaseNotes;
  /** `ReleaseNotes.FILE`: the notes file, `{version}` standing for the version. */
  readonly releaseNotesFile?: string;
  /** Whether a release needs a section for its version in `changelogFile`. */
  readonly changelogRequired: boolean;
  /** The package directory relative to the repository root, normalised; `.` for the root. */
  readonly packageDirectory: string;
  readonly releaseTrigger: ReleaseTrigger;
  readonly actionPinning: ActionPinning;
  /** The action releases to pin, by repository: projen-maturin's, with `actionPins` on top. */
  readonly actions: ActionCatalog;
  /** The `rust-toolchain` given to maturin-action; undefined: the repository's rust-toolchain.toml decides. */
  readonly rustToolchain?: string;
  /** Undefined: decided from the repository (see `MaturinRelease`). */
  readonly pyproject?: PyprojectMode;
  readonly maturinSettings?: Readonly<Record<string, unknown>>;
  /** "owner/name"; undefined: read from the git remote. */
  readonly githubRepository?: string;
  readonly checklistFile: string;
  readonly costAssumptions: CostAssumptionValues;
  readonly buildStrategy: BuildStrategy;
  /** AUTO only: the billed-minutes budget; undefined means that of one build job per target. */
  readonly buildBudgetMinutes?: number;
}

/** What synthesis found in the repository that fills in unset options. */
export interface RepositoryFacts {
  /** The bindings pyproject.toml or Cargo.toml declare. */
  readonly bindings?: Bindings;
  /** The pyo3 abi3 feature the crate enables (`abi3-py38` → "3.8"; `abi3` alone → ""); undefined when none. */
  readonly abi3Feature?: string;
  /** Whether a repository path exists (or projen generates it); without it, the repository counts as new and empty. */
  readonly exists?: (path: string) => boolean;
  /** The package directory has neither a Cargo.toml nor a pyproject.toml of the user's (projen's own do not count). */
  readonly newRepository?: boolean;
}

const list = (values: readonly string[]) => values.map((v) => `"${v}"`).join(', ');
const show = showOption;

/**
 * The Pythons an abi3 target is tested with unless told otherwise: its one abi3 wheel with
 * the oldest and the newest CPython that can run it there, and every version-specific wheel
 * (free-threaded, PyPy, GraalPy, CPython below the floor) with its own interpreter.
 */
function abi3TestDefault(candidates: readonly Interpreter[], floorMinor: number): Interpreter[] {
  const abi3 = (i: Interpreter) => i.kind === 'cpython' && i.minor >= floorMinor;
  const cpython = candidates.filter(abi3);
  const ends = new Set([cpython[0], cpython[cpython.length - 1]]);
  return candidates.filter((i) => !abi3(i) || ends.has(i));
}

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
export const PACKAGE_NAME = /^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$/;
const MODULE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
// GitHub environment and secret names.
const ENVIRONMENT_NAME = /^[A-Za-z0-9_.-]{1,255}$/;
const SECRET_NAME = /^(?!GITHUB_)[A-Za-z_][A-Za-z0-9_]*$/i;
// A runner label: letters, digits, dots, dashes, underscores.
const RUNNER_LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const WORKFLOW_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
// A repository-relative path without traversal.
const RELATIVE_PATH = /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\0\n\r]+$/;

// Python's hard keywords (keyword.kwlist): "import class" is a syntax error, so no module can be named so.
const PYTHON_KEYWORDS = ['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield'];

/**
 * The import name: `moduleName` as given, or the one derived from the distribution name
 * (`from`, the option that gave it) with "-" and "." as "_"; either must be importable.
 * `topLevel`: a new project's module is `<name>._<name>`, so no dots.
 */
export function importName(given: string | undefined, distribution: string, from: string, topLevel = false): string {
  const pattern = topLevel ? /^[A-Za-z_][A-Za-z0-9_]*$/ : MODULE_NAME;
  if (given === undefined) {
    const derived = topLevel ? distribution.replace(/[-.]/g, '_').toLowerCase() : distribution.replace(/[-.]/g, '_');
    const why = !pattern.test(derived) ? (/^\d/.test(derived) ? 'it starts with a digit' : 'it has characters other than letters, digits and "_"')
      : PYTHON_KEYWORDS.includes(derived) ? 'it is a Python keyword' : undefined;
    if (why) {
      const suggestion = `py${derived.replace(/\W/g, '_')}`;
      fail(`moduleName is not set, so it would be ${show(derived)} (from ${from} ${show(distribution)}), which is not a Python import name: ${why}; set moduleName to the import name, such as ${show(suggestion)}`);
    }
    return derived;
  }
  // A new project's module is <name>._<name>.
  if (topLevel && typeof given === 'string' && !pattern.test(given)) {
    fail(`moduleName is ${show(given)}; a new project needs a top-level Python identifier such as ${show(given.replace(/\W/g, '_').replace(/^(\d)/, '_$1'))}`);
  }
  const moduleName = name('moduleName', given, pattern, 'a Python import name such as "dioxide" or "dioxide.core"', '');
  const keyword = moduleName.split('.').find((part) => PYTHON_KEYWORDS.includes(part));
  if (keyword !== undefined) {
    const suggestion = moduleName.split('.').map((part) => (part === keyword ? `${part}_` : part)).join('.');
    fail(`moduleName is ${show(moduleName)}, a Python keyword${keyword === moduleName ? '' : ` (${show(keyword)})`}, which "import" cannot name; choose another, such as ${show(suggestion)}`);
  }
  return moduleName;
}

function minutes(option: string, value: number | undefined, fallback: number): number;
/** Without a fallback: undefined when unset (the plan derives the limit). */
function minutes(option: string, value: number | undefined): number | undefined;
function minutes(option: string, value: number | undefined, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > 360) {
    fail(`${option} is ${show(value)}; allowed values: a whole number of minutes from 1 to 360`);
  }
  return value;
}

function megabytes(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    fail(`${option} is ${show(value)}; it must be a number of MB greater than 0, such as 100 (PyPI's default limit per file)`);
  }
  return value;
}

function name(option: string, value: string | undefined, pattern: RegExp, what: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !pattern.test(value)) fail(`${option} is ${show(value)}; it must be ${what}`);
  return value;
}

function costAssumptions(value: Record<string, unknown> | undefined): CostAssumptionValues {
  const resolved: Record<string, number | boolean> = { ...DEFAULT_COST_ASSUMPTIONS };
  for (const [key, given] of Object.entries(value ?? {})) {
    if (!(key in DEFAULT_COST_ASSUMPTIONS)) fail(`costAssumptions has unknown key ${show(key)}; allowed keys: ${list(Object.keys(DEFAULT_COST_ASSUMPTIONS))}`);
    if (key === 'publicRepository') {
      resolved[key] = flag(`costAssumptions.${key}`, given as boolean, false);
      continue;
    }
    if (typeof given !== 'number' || !(given >= 0) || given > 600) fail(`costAssumptions.${key} is ${show(given)}; it must be a number from 0 to 600`);
    if (key.startsWith('maxConcurrent') && !(Number.isInteger(given) && given >= 1)) fail(`costAssumptions.${key} is ${show(given)}; it must be a whole number of jobs from 1 to 600`);
    resolved[key] = given;
  }
  return resolved as unknown as CostAssumptionValues;
}

function buildBudget(value: number | undefined, strategy: BuildStrategy): number | undefined {
  if (value === undefined) return undefined;
  if (strategy !== BuildStrategy.AUTO) fail(`buildBudgetMinutes is set, but buildStrategy is ${show(strategy)}; the budget applies to BuildStrategy.AUTO only`);
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) fail(`buildBudgetMinutes is ${show(value)}; it must be a positive number of billed minutes`);
  return value;
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
  // maturin reads features as an array (a string fails every build job): refused, not rewritten, so pyproject.toml says what the option says.
  const features = value?.features;
  if (features !== undefined && (!Array.isArray(features) || features.some((f) => typeof f !== 'string'))) {
    const example = typeof features === 'string' ? features.split(/[\s,]+/).filter(Boolean) : ['simd'];
    fail(`maturinSettings.features is ${show(features)}; it must be a list of strings (maturin reads [tool.maturin] features as an array), such as ${JSON.stringify(example)}`);
  }
  return value;
}

/** Refuses `${{ … }}` in a value that reaches the workflow: GitHub would evaluate it before anything runs. */
function noExpression(option: string, value: string): string {
  if (value.includes('${{')) {
    fail(`${option} is ${show(value)}; it must not contain \${{ … }}: GitHub would evaluate it in the workflow (a template injection). Read values from environment variables instead`);
  }
  return value;
}

function stringList(option: string, value: readonly string[] | undefined, fallback: readonly string[], pattern: RegExp, what: string): string[] {
  const values = value ?? fallback;
  if (!Array.isArray(values)) fail(`${option} is ${show(value)}; it must be a list of ${what}`);
  values.forEach((v, i) => {
    if (typeof v !== 'string' || !pattern.test(v)) fail(`${option}[${i}] is ${show(v)}; it must be ${what}`);
    noExpression(`${option}[${i}]`, v);
  });
  const duplicate = values.find((v, i) => values.indexOf(v) !== i);
  if (duplicate !== undefined) fail(`${option} lists ${show(duplicate)} twice; each may appear once`);
  return [...values];
}

const REQUIREMENT_EXAMPLE = 'write one requirement per item, such as "pytest>=8" or "hypothesis[numpy]>=6; python_version >= \\"3.10\\""';

/**
 * One PEP 508 requirement, as pip takes it after "--" in the test jobs: parsed by
 * pip-requirements-js (a PEP 508 grammar), its version specifiers by @renovatebot/pep440.
 * pip-requirements-js parses requirements.txt lines, so what such a line has beyond PEP 508
 * (options, comments) is refused here first.
 */
function requirement(option: string, value: unknown): void {
  if (typeof value !== 'string') fail(`${option} is ${show(value)}; it must be a string, a PEP 508 requirement such as "pytest>=8"`);
  noExpression(option, value);
  if (/[\r\n]/.test(value)) fail(`${option} is ${show(value)}, more than one line; it must be a PEP 508 requirement: ${REQUIREMENT_EXAMPLE}`);
  if (value.trim().startsWith('-')) {
    fail(`${option} is ${show(value)}, a pip option; it must be a PEP 508 requirement: ${REQUIREMENT_EXAMPLE} (an index or other pip setting goes in pip's own configuration, e.g. PIP_INDEX_URL)`);
  }
  let parsed: Requirement;
  try {
    parsed = parsePipRequirementsLine(value)!;
  } catch (e) {
    if (!(e instanceof RequirementsSyntaxError)) throw e;
    const at = /col (\d+)/.exec(e.message)?.[1];
    fail(`${option} is ${show(value)}, which is not a PEP 508 requirement${at ? ` (it goes wrong at character ${at})` : ''}; ${REQUIREMENT_EXAMPLE}`);
  }
  // A "#" outside the markers' quoted strings starts a requirements.txt comment: PEP 508 has none.
  if (parsed === null || (parsed.type === 'ProjectName' && value.replace(/"[^"]*"|'[^']*'/g, '').includes('#'))) {
    fail(`${option} is ${show(value)}, which is not a PEP 508 requirement; ${REQUIREMENT_EXAMPLE}`);
  }
  if (parsed.type === 'ProjectName') {
    for (const spec of parsed.versionSpec ?? []) {
      if (!validRange(`${spec.operator}${spec.version}`)) fail(`${option} is ${show(value)}: ${show(spec.version)} is not a PEP 440 version; ${REQUIREMENT_EXAMPLE}`);
    }
  }
}

/** Interpreters of a list option, validated and in canonical order. */
function interpreterList(option: string, values: readonly string[] | undefined, allowPrereleases: boolean, allowEmpty = false): Interpreter[] {
  if (!Array.isArray(values) || (values.length === 0 && !allowEmpty)) {
    fail(`${option} is ${show(values)}; it needs at least one of ${list(INTERPRETER_SPECS)}`);
  }
  const interpreters = values.map((spec, i) => {
    const interpreter = parseInterpreter(spec);
    if (!interpreter) fail(`${option}[${i}] is ${show(spec)}: ${whyNotInterpreter(spec)}; allowed values: ${list(INTERPRETER_SPECS)}`);
    if (interpreter.prerelease && !allowPrereleases) {
      fail(`${option}[${i}] is ${show(spec)}, a CPython pre-release; set allowPythonPrereleases: true to build and test it (setup-python installs the release candidate until the final release)`);
    }
    return interpreter;
  });
  const duplicate = values.find((v, i) => values.indexOf(v) !== i);
  if (duplicate !== undefined) fail(`${option} lists ${show(duplicate)} twice; each interpreter may appear once`);
  return interpreters.sort(compareInterpreters);
}

/**
 * One word bash reads back unchanged (the characters `shellQuote` leaves unquoted). maturin-action
 * (v1.51.0, src/index.ts) splits `args` with string-argv, then writes `maturin ${args.join(' ')}` into
 * the bash script of the Linux build container (and joins them for @actions/exec on other runners):
 * quotes are gone by then, so any other character would split, expand or run as shell.
 */
const MATURIN_ARG = /^[A-Za-z0-9_./:@%+,-][A-Za-z0-9_./=:@%+,-]*$/;
/** Arguments the workflow sets itself; a second value would contradict the plan. */
const RESERVED_MATURIN_ARGS = ['--out', '-o', '--interpreter', '-i', '--find-interpreter', '--target', '--manylinux', '--release', '-r', '--sdist'];

function maturinArgs(option: string, value: readonly string[] | undefined, fallback: readonly string[]): string[] {
  const args = stringList(option, value, fallback, /^/, 'command-line arguments of "maturin build", such as "--locked" (one argument per item)');
  args.forEach((arg, i) => {
    if (!MATURIN_ARG.test(arg)) {
      fail(`${option}[${i}] is ${show(arg)}; it must be one word bash leaves as it is (letters, digits and _ . / : @ % + , - =, not starting with =): ` +
        'maturin-action pastes each item unquoted into a bash script, so spaces split it and ; $ ` \' " | & < > ( ) * ? [ ] { } ~ # \\ run or expand; give each word its own item');
    }
    const flagName = arg.split('=')[0];
    if (RESERVED_MATURIN_ARGS.includes(flagName)) {
      fail(`${option}[${i}] is ${show(arg)}, which the workflow sets itself for each target; use pythonVersions, platforms and manylinux instead`);
    }
  });
  return args;
}

function environment(option: string, value: Record<string, unknown> | undefined): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${option} is ${show(value)}; it must map variable names to strings, e.g. { RUSTFLAGS: "-C target-cpu=x86-64-v2" }`);
  const env: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) || /^GITHUB_/i.test(key)) fail(`${option} has variable ${show(key)}; names are letters, digits and "_", not starting with a digit or GITHUB_`);
    if (typeof v !== 'string') fail(`${option}.${key} is ${show(v)}; it must be a string`);
    env[key] = noExpression(`${option}.${key}`, v);
  }
  return env;
}

/**
 * The target's level: its own `manylinux`, or the glibc/musl default, checked against the build
 * images maturin-action has for the target on its runner's architecture (on a label of unknown
 * architecture, on either), unless the target names its own container.
 */
function targetLevel(option: string, platform: PlatformSpec, own: string | undefined, defaults: { manylinux: string; musllinux: string },
  runner: { label: string; option: string; arch?: RunnerArch }, container: string | undefined, args: readonly string[]): string {
  if (!platform.linuxContainer) {
    if (own !== undefined) fail(`${option} is ${show(own)}, but ${platform.id} is not a Linux target; remove it`);
    return '';
  }
  const musl = platform.linuxContainer === 'musllinux';
  const level = oneOf(option, own, musl ? MUSLLINUX_VALUES : MANYLINUX_VALUES, musl ? defaults.musllinux : defaults.manylinux);
  const arches = runner.arch ? [runner.arch] : RUNNER_ARCHES;
  if (linuxBuildPlace(platform, container, args) !== 'table' || arches.some((arch) => buildImage(platform, level, arch) !== undefined)) return level;
  const setBy = own !== undefined ? option : musl ? 'musllinux' : 'manylinux';
  const on = runner.arch ? `on an ${runner.arch} runner (${runner.option} is "${runner.label}")` : 'on any runner';
  const allowed = [...new Set(arches.flatMap((arch) => levelsWithImage(platform, arch)))];
  const action = `maturin-action ${MATURIN_ACTION.source.version}`;
  fail(`${setBy} is ${show(level)}, but ${action} has no ${platform.title} build image for ${platform.linuxContainer} ${level} ${on}, `
    + `so it would build in another target's image or on the runner; set ${option} to one of ${list(allowed)}, or set ${option.replace(/manylinux$/, 'container')} to an image of your own`);
}

/**
 * How a Linux target's wheels are tested on its runner: natively where the runner has the
 * wheel's architecture, otherwise in a container of that architecture under QEMU.
 */
function targetTestMode(platform: PlatformSpec, arch: RunnerArch | undefined): TestMode {
  if (platform.os !== 'linux' || arch === undefined) return platform.test;
  const dockerPlatform = platform.test.kind === 'container' ? platform.test.dockerPlatform : DOCKER_PLATFORMS[platform.wheelArch];
  const native = NATIVE_DOCKER_PLATFORMS[arch].includes(dockerPlatform);
  if (platform.test.kind === 'native' && native) return platform.test;
  const libc = platform.test.kind === 'container' ? platform.test.libc : 'glibc';
  return { kind: 'container', libc, dockerPlatform, emulated: !native };
}

/** `docker run --platform` of the wheels tested natively on their own runners. */
const DOCKER_PLATFORMS: Record<string, string> = { x86_64: 'linux/amd64', aarch64: 'linux/arm64' };
/** The container platforms a runner's CPU runs without QEMU. */
const NATIVE_DOCKER_PLATFORMS: Record<RunnerArch, readonly string[]> = { x64: ['linux/amd64', 'linux/386'], arm64: ['linux/arm64'] };

// A package directory: path segments of letters, digits, ".", "_", "-".
const DIRECTORY = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/?$/;

function packageDirectory(value: string | undefined): string {
  if (value === undefined) return DEFAULTS.packageDirectory;
  const what = 'a directory inside the repository, such as "bindings/python" (letters, digits, ".", "_", "-", separated by "/")';
  if (typeof value !== 'string' || !DIRECTORY.test(value)) fail(`packageDirectory is ${show(value)}; it must be ${what}`);
  const normal = repoPath(value);
  if (normal === '..' || normal.startsWith('../')) fail(`packageDirectory is ${show(value)}, which is outside the repository; it must be ${what}`);
  return normal;
}

/** Where the notes come from, and which file they need. */
function releaseNotes(options: MaturinReleaseOptions, changelogFile: string, facts: RepositoryFacts, directory: string) {
  const exists = facts.exists;
  // A repository with a changelog, or a new one, takes the notes from the changelog; an existing one without, from GitHub.
  const fresh = exists === undefined || (facts.newRepository ?? (!exists(repoPath(directory, 'Cargo.toml')) && !exists(repoPath(directory, 'pyproject.toml'))));
  const fallback = fresh || exists!(changelogFile) ? ReleaseNotes.CHANGELOG : ReleaseNotes.GITHUB;
  const source = oneOf('releaseNotes', options.releaseNotes, Object.values(ReleaseNotes), fallback);
  let file: string | undefined;
  if (source === ReleaseNotes.FILE) {
    if (options.releaseNotesFile === undefined) fail('releaseNotes is "file", but releaseNotesFile is not set: name the file of the notes, e.g. "docs/releases/{version}.md"');
    file = noExpression('releaseNotesFile', name('releaseNotesFile', options.releaseNotesFile, RELATIVE_PATH,
      `a path inside the repository, such as "docs/releases/${VERSION_PLACEHOLDER}.md"`, ''));
  } else if (options.releaseNotesFile !== undefined) {
    fail(`releaseNotesFile is ${show(options.releaseNotesFile)}, but releaseNotes is ${show(source)}; set releaseNotes: ReleaseNotes.FILE, or remove releaseNotesFile`);
  }
  const requireSection = flag('requireChangelogSection', options.requireChangelogSection, DEFAULTS.requireChangelogSection);
  if (source === ReleaseNotes.CHANGELOG && options.requireChangelogSection === false) {
    fail('requireChangelogSection is false, but releaseNotes is "changelog": the notes are the section, so every release needs one; remove requireChangelogSection, or take the notes from elsewhere (releaseNotes)');
  }
  return { source, file, changelogRequired: source === ReleaseNotes.CHANGELOG || requireSection };
}

/** Applies defaults and checks every option; throws a `ProjenMaturinError` on the first bad one. */
export function resolveConfig(options: MaturinReleaseOptions, facts: RepositoryFacts = {}, fqn = 'projen-maturin.MaturinReleaseOptions'): ResolvedConfig {
  const typeProblems = checkOptionTypes(options, fqn);
  if (typeProblems.length > 0) {
    fail(typeProblems.map((p) => (p.path ? `${p.path} ${p.message}` : p.message)).join('\n'));
  }
  if (options.packageName === undefined) fail('packageName is required: the distribution name on PyPI');
  const packageName = name('packageName', options.packageName, PACKAGE_NAME,
    'a valid PyPI project name (letters, digits, ".", "_", "-"; starting and ending with a letter or digit)', '');
  const moduleName = importName(options.moduleName, packageName, 'packageName');

  const allowPrereleases = flag('allowPythonPrereleases', options.allowPythonPrereleases, DEFAULTS.allowPythonPrereleases);
  const interpreters = interpreterList('pythonVersions', options.pythonVersions ?? DEFAULTS.pythonVersions, allowPrereleases);
  const cpython = interpreters.filter((i) => i.kind === 'cpython');
  const bindings = oneOf('bindings', options.bindings, Object.values(Bindings), facts.bindings ?? Bindings.PYO3);

  // Unset, abi3 follows what the crate builds: pyo3's abi3 feature, and the floor of `abi3-pyXY`.
  const cargoFloor = facts.abi3Feature && (ABI3_MINORS as readonly number[]).includes(Number(facts.abi3Feature.split('.')[1])) ? facts.abi3Feature : undefined;
  const abi3 = flag('abi3', options.abi3, facts.abi3Feature !== undefined && bindings === Bindings.PYO3 ? true : DEFAULTS.abi3);
  let abi3MinimumPython: string | undefined;
  if (abi3 && bindings !== Bindings.PYO3) {
    fail(`abi3 is enabled, but bindings is ${show(bindings)}: abi3 wheels are a PyO3 feature, and ${bindings} builds py3-none wheels already; remove abi3`);
  }
  if (options.abi3MinimumPython !== undefined) {
    if (!abi3) fail(`abi3MinimumPython is ${show(options.abi3MinimumPython)} but abi3 is not enabled; set abi3: true or remove abi3MinimumPython`);
    const floors = ABI3_MINORS.map((m) => `3.${m}`);
    abi3MinimumPython = oneOf('abi3MinimumPython', options.abi3MinimumPython, floors, '');
  }
  if (abi3) {
    if (cpython.length === 0) {
      fail(`abi3 is enabled, but pythonVersions has no CPython version to build the abi3 wheel with; add one such as "${DEFAULTS.pythonVersions[0]}"`);
    }
    const fromCargo = abi3MinimumPython === undefined && cargoFloor !== undefined;
    abi3MinimumPython ??= cargoFloor ?? cpython[0].version;
    const floorMinor = Number(abi3MinimumPython.split('.')[1]);
    if (floorMinor > cpython[0].minor) {
      // Versions below the floor get version-specific wheels, built without pyo3's abi3 feature: with it
      // (maturin 1.15 still builds and tags them cpXY-cpXY) they fail to import (e.g. undefined symbol PyCMethod_New on 3.8).
      if (fromCargo || facts.abi3Feature !== undefined) {
        const feature = facts.abi3Feature ? abi3Feature(facts.abi3Feature) : 'abi3';
        fail(`Cargo.toml enables pyo3 feature "${feature}" for every build, ` +
          `but pythonVersions includes ${show(cpython[0].spec)}, below the ${cpythonTag(abi3MinimumPython)}-abi3 floor: its version-specific wheel would be built against the stable ABI of ` +
          `${abi3MinimumPython} and fail to import; remove the abi3 feature from pyo3 in Cargo.toml and set abi3MinimumPython: ${show(abi3MinimumPython)} ` +
          `(the workflow then enables pyo3/${abi3Feature(abi3MinimumPython)} for the abi3 build only), or remove the versions below ${abi3MinimumPython} from pythonVersions`);
      }
      if (!cpython.some((i) => i.minor >= floorMinor)) {
        fail(`abi3MinimumPython is ${show(abi3MinimumPython)}, but pythonVersions has no CPython ${abi3MinimumPython} or later to build the ${cpythonTag(abi3MinimumPython)}-abi3 wheel with; ` +
          `add one such as "${abi3MinimumPython}", or lower abi3MinimumPython to ${cpython[cpython.length - 1].version} or below`);
      }
    }
  }

  if (options.platforms !== undefined && (!Array.isArray(options.platforms) || options.platforms.length === 0)) {
    fail(`platforms is ${show(options.platforms)}; it needs at least one of ${list(ALL_PLATFORMS)}`);
  }
  const platforms = [...(options.platforms ?? DEFAULTS.platforms)];
  for (const platform of platforms) {
    if (!ALL_PLATFORMS.includes(platform)) fail(`platforms contains unknown platform ${show(platform)}; allowed values: ${list(ALL_PLATFORMS)}`);
  }
  const duplicatePlatform = platforms.find((p, i) => platforms.indexOf(p) !== i);
  if (duplicatePlatform) fail(`platforms lists ${show(duplicatePlatform)} twice; each platform may appear once`);
  const warnings: string[] = [];
  const thinMacos = platforms.filter((p) => p === WheelPlatform.MACOS_ARM64 || p === WheelPlatform.MACOS_X86_64);
  if (platforms.includes(WheelPlatform.MACOS_UNIVERSAL2) && thinMacos.length > 0) {
    // maturin tags universal2 wheels with the thin tags too (macosx_10_12_x86_64.macosx_11_0_arm64.macosx_10_12_universal2),
    // so for installers they tie with the thin wheels of the same deployment target (packaging's tag order).
    warnings.push(`platforms has "macos-universal2" beside ${list(thinMacos)}: maturin's universal2 wheel also carries the thin wheels' tags ` +
      '(macosx_10_12_x86_64, macosx_11_0_arm64), so pip and uv install either one on those Macs, whichever they meet first; both work, ' +
      'but the universal2 wheel is about twice the size. Keep both only to offer one file that runs on both (e.g. for universal2 app bundles)');
  }
  platforms.sort((a, b) => ALL_PLATFORMS.indexOf(a) - ALL_PLATFORMS.indexOf(b));

  let tag: TagPattern;
  try {
    tag = parseTagPattern(options.tagPattern ?? DEFAULTS.tagPattern);
  } catch (e) {
    if (e instanceof ProjenMaturinError) fail(e.message);
    throw e;
  }

  const runTests = flag('runTests', options.runTests, DEFAULTS.runTests);
  const testInterpreters = options.testPythonVersions === undefined ? interpreters
    : interpreterList('testPythonVersions', options.testPythonVersions, allowPrereleases);
  const testCommand = options.testCommand ?? DEFAULTS.testCommand;
  if (typeof testCommand !== 'string' || testCommand.trim() === '') fail(`testCommand is ${show(options.testCommand)}; it must be a non-empty shell command`);
  // The command is pasted into a run: script; a GitHub expression there would be a template injection.
  if (testCommand.includes('${{')) {
    fail(`testCommand is ${show(testCommand)}; it must not contain \${{ … }}: GitHub would paste the value into the script before bash runs it. Read values from environment variables instead`);
  }
  const testRequirements = options.testRequirements ?? [...DEFAULTS.testRequirements];
  if (!Array.isArray(testRequirements)) fail(`testRequirements is ${show(options.testRequirements)}; it must be a list of PEP 508 requirements such as "pytest>=8"`);
  testRequirements.forEach((r, i) => requirement(`testRequirements[${i}]`, r));
  const testExtras = stringList('testExtras', options.testExtras, DEFAULTS.testExtras, /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/, 'extra names such as "test"');
  const testDependencyGroups = stringList('testDependencyGroups', options.testDependencyGroups, DEFAULTS.testDependencyGroups,
    /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/, 'dependency group names such as "test"');
  const directory = packageDirectory(options.packageDirectory);
  const testSources = stringList('testSources', options.testSources, DEFAULTS.testSources, /^(?!\/)[^\0\n\r]+$/, 'paths relative to packageDirectory, such as "tests"');
  const insideRepository = (option: string) => (source: string, i: number) => {
    const path = repoPath(directory, source);
    if (path === '..' || path.startsWith('../')) fail(`${option}[${i}] is ${show(source)}, which is outside the repository; it must be a path relative to packageDirectory (${show(directory)}), such as "tests"`);
    return path;
  };
  const testSourcePaths = testSources.map(insideRepository('testSources'));
  const testConfigFiles = stringList('testConfigFiles', options.testConfigFiles, DEFAULTS.testConfigFiles, /^(?!\/)[^\0\n\r]+$/,
    'paths relative to packageDirectory, such as "pytest.ini"');
  const testConfigPaths = testConfigFiles.map(insideRepository('testConfigFiles')).filter((path) => !testSourcePaths.includes(path));

  const runnerOptions = options.runners ?? {};
  const legacyRunners = runnerOptions.platforms ?? {};
  for (const key of Object.keys(legacyRunners)) {
    if (!ALL_PLATFORMS.includes(key as WheelPlatform)) fail(`runners.platforms has unknown platform key ${show(key)}; allowed keys: ${list(ALL_PLATFORMS)}`);
  }
  const targetOptions = (options.targets ?? {}) as Record<string, TargetOptions>;
  for (const key of Object.keys(targetOptions)) {
    if (!ALL_PLATFORMS.includes(key as WheelPlatform)) fail(`targets has unknown platform key ${show(key)}; allowed keys: ${list(ALL_PLATFORMS)}`);
    if (!platforms.includes(key as WheelPlatform)) fail(`targets has settings for ${show(key)}, which platforms does not include; add it to platforms or remove its settings`);
  }
  const manylinux = oneOf('manylinux', options.manylinux, MANYLINUX_VALUES, DEFAULTS.manylinux);
  const musllinux = oneOf('musllinux', options.musllinux, MUSLLINUX_VALUES, DEFAULTS.musllinux);
  const globalArgs = maturinArgs('maturinArgs', options.maturinArgs, DEFAULTS.maturinArgs);
  const platformRunners = {} as Record<WheelPlatform, string>;
  const runnerLabel = 'a runner label such as "ubuntu-24.04"';
  for (const platform of ALL_PLATFORMS) {
    platformRunners[platform] = legacyRunners[platform] === undefined ? PLATFORMS[platform].defaultRunner
      : name(`runners.platforms["${platform}"]`, legacyRunners[platform], RUNNER_LABEL, runnerLabel, '');
  }

  // Which interpreters can install a target's wheels: the ones built for, or any CPython at or
  // above the abi3 floor, or any Python at all for py3-none wheels.
  const installs = (target: { interpreters: readonly Interpreter[] }, i: Interpreter) => bindings !== Bindings.PYO3
    || target.interpreters.some((b) => b.spec === i.spec)
    || (abi3MinimumPython !== undefined && i.kind === 'cpython' && i.minor >= Number(abi3MinimumPython.split('.')[1]));

  const targets = platforms.map((id): ResolvedTarget => {
    const platform = PLATFORMS[id];
    const own = targetOptions[id] ?? {};
    const at = `targets["${id}"]`;
    if (own.runner !== undefined && legacyRunners[id] !== undefined) {
      fail(`${at}.runner and runners.platforms["${id}"] are both set; keep ${at}.runner`);
    }
    const runner = own.runner === undefined ? platformRunners[id] : name(`${at}.runner`, own.runner, RUNNER_LABEL, runnerLabel, '');
    platformRunners[id] = runner;
    const runnerOption = legacyRunners[id] !== undefined ? `runners.platforms["${id}"]` : `${at}.runner`;
    const arch = runnerArch(runner);
    // macOS and Windows wheels are built with, and tested on, the runner's own Python of the wheel's architecture;
    // arm64 macOS images run x64 Python under Rosetta 2 (runner-images installs it: images/macos/scripts/build/install-rosetta.sh).
    const pythonArch: RunnerArch | undefined = platform.os === 'linux' ? undefined : platform.pythonArchitecture === 'arm64' ? 'arm64' : 'x64';
    const rosetta = platform.os === 'macos' && pythonArch === 'x64' && arch === 'arm64';
    if (arch !== undefined && pythonArch !== undefined && arch !== pythonArch && !rosetta) {
      fail(`${runnerOption} is "${runner}", an ${arch} runner, but ${platform.title} wheels are built and tested with ${pythonArch} Python on their runner; `
        + `set ${runnerOption} to an ${pythonArch} runner such as "${platform.defaultRunner}", or remove it`);
    }
    const testMode = targetTestMode(platform, arch);

    let built: Interpreter[];
    const leftOut: { interpreter: Interpreter; reason: string }[] = [];
    if (own.pythonVersions !== undefined) {
      built = interpreterList(`${at}.pythonVersions`, own.pythonVersions, allowPrereleases);
      built.forEach((interpreter) => {
        const why = platform.unsupported(interpreter);
        if (why) fail(`${at}.pythonVersions includes ${show(interpreter.spec)}, which ${platform.title} cannot build: ${why}`);
      });
    } else {
      built = interpreters.filter((interpreter) => {
        const why = platform.unsupported(interpreter);
        if (why) leftOut.push({ interpreter, reason: why });
        return !why;
      });
    }
    if (abi3 && !built.some((i) => i.kind === 'cpython' && i.minor >= Number(abi3MinimumPython!.split('.')[1]))) {
      fail(`${platform.title} has no CPython version ${abi3MinimumPython} or later to build the abi3 wheel with (${leftOut.map((l) => `${l.interpreter.spec}: ${l.reason}`).join('; ') || 'none configured'}); set ${at}.pythonVersions or remove "${id}" from platforms`);
    }
    if (built.length === 0) {
      fail(`${platform.title} can build none of pythonVersions (${leftOut.map((l) => `${l.interpreter.spec}: ${l.reason}`).join('; ')}); set ${at}.pythonVersions or remove "${id}" from platforms`);
    }

    // Containers run the official python images: the CPython versions Docker publishes for the platform.
    const test = testMode;
    const runsInTestContainer = (i: Interpreter) => test.kind !== 'container' || testImage(i, test.libc, test.dockerPlatform) !== undefined;
    const containerPythons = () => (test.kind !== 'container' ? '' : `Docker's python image has CPython ${INTERPRETERS
      .filter((i) => (!i.prerelease || allowPrereleases) && testImage(i, test.libc, test.dockerPlatform)).map((i) => i.spec).join(', ')} for ${test.dockerPlatform}`);
    const testEnabled = flag(`${at}.test`, own.test, DEFAULTS.target.test);
    let tested: Interpreter[];
    if (own.testPythonVersions !== undefined) {
      tested = interpreterList(`${at}.testPythonVersions`, own.testPythonVersions, allowPrereleases, true);
      for (const interpreter of tested) {
        if (!installs({ interpreters: built }, interpreter)) fail(`${at}.testPythonVersions includes ${show(interpreter.spec)}, for which ${platform.title} builds no wheel`);
        if (!runsInTestContainer(interpreter) || platform.unsupported(interpreter)) {
          fail(`${at}.testPythonVersions includes ${show(interpreter.spec)}, which the ${platform.title} tests cannot run (${platform.unsupported(interpreter) ?? `its test container runs the official python image: ${containerPythons()}`})`);
        }
      }
    } else {
      const abi3Default = abi3 && options.testPythonVersions === undefined;
      const floor = abi3Default ? Number(abi3MinimumPython!.split('.')[1]) : 0;
      // The abi3 wheel runs on every final CPython from its floor: test it with the newer ones the target can run
      // too, not only those pythonVersions names (pythonVersions: ["3.8"] in a container that has 3.10 and later).
      const oldest = Math.max(floor, testInterpreters.find((i) => i.kind === 'cpython')?.minor ?? floor);
      const stable = abi3Default ? INTERPRETERS
        .filter((i) => i.kind === 'cpython' && !i.prerelease && i.minor >= oldest && !testInterpreters.some((t) => t.spec === i.spec)) : [];
      tested = [...testInterpreters, ...stable].sort(compareInterpreters)
        .filter((i) => installs({ interpreters: built }, i) && runsInTestContainer(i) && !platform.unsupported(i));
      if (abi3Default) tested = abi3TestDefault(tested, floor);
    }
    const untested = !runTests ? 'runTests is false'
      : !testEnabled ? `${at}.test is false`
        : tested.length === 0 ? (testMode.kind === 'container'
          ? `none of testPythonVersions runs in its test container (${containerPythons()})`
          : 'none of testPythonVersions can install its wheels') : undefined;

    const linuxOnly = (option: string, value: string | undefined) => {
      if (value === undefined) return undefined;
      if (!platform.linuxContainer) fail(`${at}.${option} is set, but ${id} is not a Linux target built in a container; remove it`);
      if (typeof value !== 'string' || value.trim() === '') fail(`${at}.${option} is ${show(value)}; it must be a non-empty string`);
      return noExpression(`${at}.${option}`, value);
    };
    const container = linuxOnly('container', own.container);
    const targetArgs = [...globalArgs, ...maturinArgs(`${at}.maturinArgs`, own.maturinArgs, DEFAULTS.target.maturinArgs)];
    const env = environment(`${at}.env`, own.env as Record<string, unknown> | undefined);
    const dropped = platform.linuxContainer && linuxBuildPlace(platform, container, targetArgs) !== 'runner' ? Object.keys(env).filter((key) => MATURIN_ACTION.dockerEnvForbidden.includes(key)) : [];
    if (dropped.length > 0) {
      fail(`${at}.env sets ${dropped.map((key) => show(key)).join(', ')}, which maturin-action never passes into its Linux build container (the container keeps its own); remove it`);
    }
    const beforeScriptLinux = linuxOnly('beforeScriptLinux', own.beforeScriptLinux);
    // A script by design (maturin-action inlines its lines into the container's bash script, before
    // the maturin command): shell syntax is the point. What it must not do is run into the lines after it.
    if (beforeScriptLinux?.includes('\r')) {
      fail(`${at}.beforeScriptLinux is ${show(beforeScriptLinux)}; it has Windows line endings ("\\r"), which bash would keep as part of each command; write it with "\\n" line endings`);
    }
    if (beforeScriptLinux !== undefined && /\\\s*$/.test(beforeScriptLinux)) {
      fail(`${at}.beforeScriptLinux is ${show(beforeScriptLinux)}; its last line ends in "\\", which would join it to the line maturin-action adds after it; end the script with a complete command`);
    }
    return {
      platform,
      runner,
      runnerArch: arch,
      test: testMode,
      level: targetLevel(`${at}.manylinux`, platform, own.manylinux, { manylinux, musllinux }, { label: runner, option: runnerOption, arch }, container, targetArgs),
      interpreters: built,
      leftOut,
      testInterpreters: untested ? [] : tested,
      untested,
      maturinArgs: targetArgs,
      env,
      beforeScriptLinux,
      container,
      dockerOptions: linuxOnly('dockerOptions', own.dockerOptions),
    };
  });

  // Every interpreter asked for must be built somewhere, and every test interpreter tested somewhere.
  for (const interpreter of interpreters) {
    if (!targets.some((t) => t.interpreters.some((i) => i.spec === interpreter.spec))) {
      const reasons = targets.flatMap((t) => t.leftOut.filter((l) => l.interpreter.spec === interpreter.spec).map((l) => `${t.platform.title}: ${l.reason}`));
      fail(`pythonVersions includes ${show(interpreter.spec)}, which none of the platforms can build (${reasons.join('; ')}); add a platform that can, or remove it`);
    }
  }
  if (options.testPythonVersions !== undefined) {
    const candidates = INTERPRETERS.filter((i) => !i.prerelease || allowPrereleases);
    const allowed = candidates.filter((i) => targets.some((t) => installs(t, i))).map((i) => i.spec);
    for (const interpreter of testInterpreters) {
      if (!allowed.includes(interpreter.spec)) fail(`testPythonVersions contains ${show(interpreter.spec)}, for which no wheel is built; allowed values: ${list(allowed)}`);
    }
  }

  const publishing = options.publishing ?? {};
  const mode = oneOf('publishing.mode', publishing.mode, [PublishingMode.TRUSTED, PublishingMode.TOKEN], DEFAULTS.publishing.mode);
  const envName = 'a GitHub environment name (letters, digits, ".", "_", "-")';
  const secretName = 'a GitHub secret name (letters, digits, "_"; not starting with a digit or GITHUB_)';
  const resolvedPublishing = {
    mode,
    testPypi: flag('publishing.testPypi', publishing.testPypi, DEFAULTS.publishing.testPypi),
    environments: flag('publishing.environments', publishing.environments, DEFAULTS.publishing.environments),
    pypiEnvironment: name('publishing.pypiEnvironment', publishing.pypiEnvironment, ENVIRONMENT_NAME, envName, DEFAULTS.publishing.pypiEnvironment),
    testPypiEnvironment: name('publishing.testPypiEnvironment', publishing.testPypiEnvironment, ENVIRONMENT_NAME, envName, DEFAULTS.publishing.testPypiEnvironment),
    pypiTokenSecret: name('publishing.pypiTokenSecret', publishing.pypiTokenSecret, SECRET_NAME, secretName, DEFAULTS.publishing.pypiTokenSecret),
    testPypiTokenSecret: name('publishing.testPypiTokenSecret', publishing.testPypiTokenSecret, SECRET_NAME, secretName, DEFAULTS.publishing.testPypiTokenSecret),
    attestations: flag('publishing.attestations', publishing.attestations, DEFAULTS.publishing.attestations),
    verifyInstall: flag('publishing.verifyInstall', publishing.verifyInstall, DEFAULTS.publishing.verifyInstall),
    maxFileSizeMb: megabytes('publishing.maxFileSizeMb', publishing.maxFileSizeMb, DEFAULTS.publishing.maxFileSizeMb),
  };
  const { environments, testPypi, pypiEnvironment, testPypiEnvironment } = resolvedPublishing;
  if (environments && testPypi && pypiEnvironment === testPypiEnvironment) {
    fail(`publishing.testPypiEnvironment is ${show(resolvedPublishing.testPypiEnvironment)}, the same as publishing.pypiEnvironment; ` +
      'each index needs its own environment so PyPI and TestPyPI credentials and protection rules stay apart');
  }
  if (!resolvedPublishing.environments) {
    const named = (['pypiEnvironment', 'testPypiEnvironment'] as const).filter((key) => publishing[key] !== undefined);
    if (named.length > 0) {
      fail(`publishing.${named[0]} is ${show(publishing[named[0]])}, but publishing.environments is false, so the publish jobs run in no environment; remove ${named.map((k) => `publishing.${k}`).join(' and ')}, or set publishing.environments to true`);
    }
    warnings.push('publishing.environments is false: the publish jobs run in no GitHub environment, so nothing but the release tag gates an upload. ' +
      `An environment would add ${mode === PublishingMode.TOKEN ? 'environment secrets only its jobs can read (a repository secret is readable by every job of every workflow, on every branch), ' : ''}` +
      'deployment branch and tag rules (only release tags may publish) and required reviewers (a maintainer approves each upload)' +
      `${mode === PublishingMode.TRUSTED ? '; the trusted publisher on (Test)PyPI must then name no environment' : ''}`);
  }
  if (mode === PublishingMode.TRUSTED && (publishing.pypiTokenSecret !== undefined || publishing.testPypiTokenSecret !== undefined)) {
    fail('publishing.pypiTokenSecret/testPypiTokenSecret are set, but publishing.mode is "trusted", which uses no token; set mode: PublishingMode.TOKEN or remove them');
  }

  const releaseTrigger = oneOf('releaseTrigger', options.releaseTrigger, Object.values(ReleaseTrigger), DEFAULTS.releaseTrigger);
  const sharedTag = flag('sharedTag', options.sharedTag, DEFAULTS.sharedTag);
  if (sharedTag && releaseTrigger === ReleaseTrigger.DISPATCH) {
    fail('sharedTag is true, but releaseTrigger is "dispatch", which creates a tag of the package version after publishing, while a shared tag is the repository\'s; ' +
      'push the repository\'s tag to release (remove releaseTrigger), or remove sharedTag to tag the package version');
  }
  if (sharedTag && (options.githubRelease?.enabled ?? DEFAULTS.githubRelease.enabled)) {
    fail(`sharedTag is true, but githubRelease.enabled is ${options.githubRelease?.enabled === undefined ? 'unset (true by default)' : 'true'}: the GitHub Release of a shared tag is the repository's, ` +
      'for all its languages, and this package would overwrite its title and notes; set githubRelease: { enabled: false } (the repository\'s own release process makes that Release)');
  }
  const testInstaller = oneOf('testInstaller', options.testInstaller, [TestInstaller.PIP, TestInstaller.UV], DEFAULTS.testInstaller);
  const buildStrategy = oneOf('buildStrategy', options.buildStrategy, [BuildStrategy.PER_PLATFORM, BuildStrategy.PER_INTERPRETER, BuildStrategy.AUTO], DEFAULTS.buildStrategy);
  const release = options.githubRelease ?? {};
  const timeouts = options.timeouts ?? {};
  const workflowName = name('workflowName', options.workflowName, WORKFLOW_NAME, 'a file name without extension, such as "release" (letters, digits, "_", "-")', DEFAULTS.workflowName);
  const changelogFile = name('changelogFile', options.changelogFile, RELATIVE_PATH, 'a path inside the repository, such as "CHANGELOG.md"', DEFAULTS.changelogFile);
  const notes = releaseNotes(options, changelogFile, facts, directory);
  return {
    packageName,
    moduleName,
    pythonVersions: interpreters.map((i) => i.spec),
    interpreters,
    abi3MinimumPython,
    warnings,
    abi3Features: abi3MinimumPython !== undefined && [...interpreters, ...targets.flatMap((t) => t.interpreters)]
      .some((i) => i.kind === 'cpython' && i.minor < Number(abi3MinimumPython!.split('.')[1])) ? [`pyo3/${abi3Feature(abi3MinimumPython)}`] : [],
    bindings,
    platforms,
    targets,
    manylinux,
    musllinux,
    maturinVersion: name('maturinVersion', options.maturinVersion, /^\d+\.\d+\.\d+(?:-[A-Za-z0-9.]+)?$/, 'a maturin release such as "1.15.0"', DEFAULTS.maturinVersion),
    sdist: flag('sdist', options.sdist, DEFAULTS.sdist),
    tag,
    versionSource: oneOf('versionSource', options.versionSource, [VersionSource.CARGO, VersionSource.PYPROJECT], DEFAULTS.versionSource),
    sharedTag,
    otherBuildBackend: flag('otherBuildBackend', options.otherBuildBackend, DEFAULTS.otherBuildBackend),
    testCommand,
    testRequirements,
    testExtras,
    testDependencyGroups,
    testInstaller,
    testSources,
    testSourcePaths,
    testConfigPaths,
    testPythonVersions: testInterpreters.map((i) => i.spec),
    runTests,
    publishing: resolvedPublishing,
    githubRelease: {
      enabled: flag('githubRelease.enabled', release.enabled, DEFAULTS.githubRelease.enabled),
      attachDistributions: flag('githubRelease.attachDistributions', release.attachDistributions, DEFAULTS.githubRelease.attachDistributions),
      draft: flag('githubRelease.draft', release.draft, DEFAULTS.githubRelease.draft),
    },
    runners: {
      platforms: platformRunners,
      utility: name('runners.utility', runnerOptions.utility, RUNNER_LABEL, runnerLabel, DEFAULTS.runners.utility),
    },
    timeouts: {
      plan: minutes('timeouts.plan', timeouts.plan, DEFAULTS.timeouts.plan),
      wheelBuild: minutes('timeouts.wheelBuild', timeouts.wheelBuild, DEFAULTS.timeouts.wheelBuild),
      check: minutes('timeouts.check', timeouts.check, DEFAULTS.timeouts.check),
      test: minutes('timeouts.test', timeouts.test, DEFAULTS.timeouts.test),
      publish: minutes('timeouts.publish', timeouts.publish, DEFAULTS.timeouts.publish),
      verify: minutes('timeouts.verify', timeouts.verify),
      githubRelease: minutes('timeouts.githubRelease', timeouts.githubRelease),
    },
    workflowName,
    configPath: runtimeConfigPath(workflowName),
    changelogFile,
    releaseNotes: notes.source,
    releaseNotesFile: notes.file,
    changelogRequired: notes.changelogRequired,
    packageDirectory: directory,
    releaseTrigger,
    actionPinning: oneOf('actionPinning', options.actionPinning, [ActionPinning.SHA, ActionPinning.TAG], DEFAULTS.actionPinning),
    actions: actionCatalog(options.actionPins as Record<string, unknown> | undefined),
    pyproject: options.pyproject === undefined ? undefined : oneOf('pyproject', options.pyproject, [PyprojectMode.MANAGED, PyprojectMode.EXISTING], PyprojectMode.MANAGED),
    maturinSettings: maturinSettings(options.maturinSettings),
    githubRepository: options.githubRepository === undefined ? undefined
      : name('githubRepository', options.githubRepository, GITHUB_REPOSITORY, 'a GitHub repository as "owner/name"', ''),
    checklistFile: name('checklistFile', options.checklistFile, RELATIVE_PATH, 'a path inside the repository, such as "RELEASING.md"', DEFAULTS.checklistFile),
    costAssumptions: costAssumptions(options.costAssumptions as Record<string, unknown> | undefined),
    buildStrategy,
    buildBudgetMinutes: buildBudget(options.buildBudgetMinutes, buildStrategy),
    rustToolchain: options.rustToolchain === undefined ? undefined
      : name('rustToolchain', options.rustToolchain, /^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a rustup toolchain name such as "stable" or "1.83.0"', ''),
  };
}
