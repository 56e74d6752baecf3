import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { Project, ProjectOptions, SampleFile } from 'projen';
import { GitHub } from 'projen/lib/github';
import { ProjenrcTs } from 'projen/lib/typescript';
import { checkPyo3Interpreters } from './checks/cargo-wiring';
import { PACKAGE_NAME, importName, optionError } from './config';
import { PROJECT_DEFAULTS } from './defaults';
import { changelogSkeleton } from './emit/changelog';
import { emitCiWorkflow } from './emit/ci-workflow';
import { GeneratedWorkflow } from './emit/workflow-file';
import { MaturinRelease } from './maturin-release';
import { checkOptionTypes, pickOptions, showOption } from './option-schema';
import { MaturinReleaseCommonOptions } from './options';
import { abi3Feature } from '../core/interpreters';
import { PYO3_VERSION, SampleContext, cargoToml, initPy, libRs, nativeStub, readme, testPy } from './project/samples';

/** Options of `MaturinProject`. */
export interface MaturinProjectOptions extends ProjectOptions, MaturinReleaseCommonOptions {
  /**
   * The distribution name on PyPI.
   * @default - the project name
   */
  readonly packageName?: string;

  /**
   * The first version, written into the sample Cargo.toml.
   * @default "0.1.0"
   */
  readonly initialVersion?: string;

  /**
   * One line about the package, for the sample files.
   * @default "A Rust extension for Python, built with maturin."
   */
  readonly description?: string;

  /**
   * The license, as an SPDX expression: `[project] license` in pyproject.toml and `license` in the
   * sample Cargo.toml.
   * @default "MIT"
   */
  readonly license?: string;

  /**
   * Use `.projenrc.ts` (run with ts-node) for the project definition. Ignored with `projenrcJson`.
   * @default false
   * @pjnew true
   */
  readonly projenrcTs?: boolean;

  /**
   * Add a pull-request workflow: `cargo fmt --all --check`, `cargo clippy --all-targets -- -D warnings` and `cargo test`,
   * then the Linux wheel built and the Python tests run against it.
   * @default true
   */
  readonly pullRequestWorkflow?: boolean;
}

/**
 * A new Rust + Python package built with maturin and PyO3: Cargo.toml, a PyO3
 * module, a Python package with type information, tests, a managed
 * pyproject.toml, a pull-request workflow and the `MaturinRelease` pipeline.
 * Sample files are written once and then belong to the project.
 *
 * @pjid maturin
 */
export class MaturinProject extends Project {
  /** The release pipeline. */
  public readonly release: MaturinRelease;

  constructor(options: MaturinProjectOptions) {
    super(checkedProjectOptions(options));
    if (!this.parent && (options.projenrcTs ?? PROJECT_DEFAULTS.projenrcTs) && !options.projenrcJson) {
      const rc = new ProjenrcTs(this);
      // On a project without package.json, ProjenrcTs runs `npx -p ts-node`, whose unpinned
      // typescript peer resolves to a release ts-node cannot drive: pin both.
      this.defaultTask?.reset();
      this.defaultTask?.addSteps({
        execArgs: ['ts-node', '--project', rc.tsconfig.fileName, rc.filePath],
        shell: ['npx', '-y', '-p', 'ts-node@^10.9.2', '-p', 'typescript@~5.9.0', '-c'],
      });
    }

    // The samples (Cargo.toml, pyproject.toml, python/, tests/) are written at the root.
    if (options.packageDirectory !== undefined && options.packageDirectory.replace(/^\.\/?|\/$/g, '') !== '') {
      throw optionError(`packageDirectory is "${options.packageDirectory}", but a new MaturinProject keeps its package at the repository root; ` +
        'packageDirectory is for MaturinRelease in an existing repository whose package lives in a subdirectory');
    }
    const packageName = distributionName(options);
    const moduleName = importName(options.moduleName, packageName, options.packageName === undefined ? 'name' : 'packageName', true);
    const pullRequestWorkflow = options.pullRequestWorkflow ?? PROJECT_DEFAULTS.pullRequestWorkflow;
    // Case too: on macOS and Windows, CI.yml and ci.yml are one file.
    if (pullRequestWorkflow && typeof options.workflowName === 'string' && options.workflowName.toLowerCase() === 'ci') {
      throw optionError(`workflowName is ${showOption(options.workflowName)}, but .github/workflows/ci.yml is this project's pull-request workflow (pullRequestWorkflow); choose another name, such as "release"`);
    }
    const initialVersion = options.initialVersion ?? PROJECT_DEFAULTS.initialVersion;
    // Loaded here, not at the top: semver costs ~20 ms to load, which every synthesis
    // importing this package would pay even without a MaturinProject.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { valid: validSemver } = require('semver') as typeof import('semver');
    if (!validSemver(initialVersion)) {
      throw optionError(`initialVersion is "${initialVersion}"; Cargo.toml needs a SemVer version such as "0.1.0" or "1.0.0-rc.1"`);
    }
    // A new project's first release is its initial version: start the changelog with it.
    new SampleFile(this, options.changelogFile ?? 'CHANGELOG.md', {
      contents: changelogSkeleton(packageName, options.githubRepository, ['### Added', '', `- ${packageName}: a first version.`]),
    });
    this.release = new MaturinRelease(this, {
      ...pickOptions<MaturinReleaseCommonOptions>(options as unknown as Record<string, unknown>, 'projen-maturin.MaturinReleaseCommonOptions'),
      packageName,
      moduleName,
      maturinSettings: options.maturinSettings ?? {
        'python-source': 'python',
        'module-name': `${moduleName}._${moduleName}`,
      },
    });
    const config = this.release._config;
    // The sample crate is written with this pyo3: the check MaturinRelease makes against an existing Cargo.toml.
    if (!existsSync(join(this.outdir, 'Cargo.toml'))) {
      const [major, minor] = PYO3_VERSION.split('.').map(Number);
      const problems = checkPyo3Interpreters({ version: [major, minor], file: 'the Cargo.toml MaturinProject writes' }, config);
      if (problems.length > 0) throw optionError(problems.join('\n'));
    }

    const ctx: SampleContext = {
      packageName,
      moduleName,
      version: initialVersion,
      // Beside below-floor wheels, the workflow enables the abi3 feature for the abi3 build only.
      abi3Feature: config.abi3MinimumPython && config.abi3Features.length === 0 ? abi3Feature(config.abi3MinimumPython) : undefined,
      description: options.description ?? PROJECT_DEFAULTS.description,
      license: options.license ?? PROJECT_DEFAULTS.license,
    };
    // The sample README.md is the long description PyPI shows and `twine check --strict` (and check-dist)
    // asks for. readme first: MaturinRelease sets it too once README.md exists, and the order must not change.
    this.release._nameReadme('README.md');
    this.release.pyproject?.addOverride('project.description', ctx.description);
    this.release.pyproject?.addOverride('project.license', ctx.license);
    new SampleFile(this, 'Cargo.toml', { contents: cargoToml(ctx) });
    new SampleFile(this, 'src/lib.rs', { contents: libRs(ctx) });
    new SampleFile(this, `python/${moduleName}/__init__.py`, { contents: initPy(ctx) });
    new SampleFile(this, `python/${moduleName}/_${moduleName}.pyi`, { contents: nativeStub() });
    // PEP 561: the package ships type information.
    new SampleFile(this, `python/${moduleName}/py.typed`, { contents: '\n' });
    new SampleFile(this, `tests/test_${moduleName}.py`, { contents: testPy(ctx) });
    new SampleFile(this, 'README.md', { contents: readme(ctx) });

    this.gitignore.exclude('/target/', '/dist/', '__pycache__/', '*.so', '*.pyd', '.venv/', '.pytest_cache/');

    if (pullRequestWorkflow) {
      const ci = emitCiWorkflow(config);
      new GeneratedWorkflow(GitHub.of(this)!, {
        fileName: 'ci.yml',
        settings: ci.settings,
        jobs: ci.jobs,
        note: 'Pull-request checks generated by projen-maturin (MaturinProject): Rust formatting, lints and tests; the Linux wheel built and the Python tests run.',
        rules: { pinning: config.actionPinning, release: false },
        actions: config.actions,
      });
    }
  }
}

/**
 * The distribution name: `packageName`, or the project's `name`. Checked here, before the
 * module name derived from it, so the message names the option the user wrote and its fix works.
 */
function distributionName(options: MaturinProjectOptions): string {
  const written = options.packageName ?? options.name;
  if (PACKAGE_NAME.test(written)) return written;
  // PyPI's normalisation (PEP 503) of what was written: runs of other characters become one "-".
  const suggestion = written.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || 'my-package';
  const rule = 'a valid PyPI project name (letters, digits, ".", "_", "-"; starting and ending with a letter or digit)';
  if (options.packageName !== undefined) throw optionError(`packageName is ${showOption(written)}; it must be ${rule}`, `set packageName to "${suggestion}"`);
  throw optionError(`name is ${showOption(written)}, which is also the package's name on PyPI (packageName is not set); it must be ${rule}`,
    `set name to "${suggestion}", or keep name and set packageName to "${suggestion}"`);
}

/** The project's options, after every key and type was checked (projen's own options included). */
function checkedProjectOptions(options: MaturinProjectOptions): MaturinProjectOptions {
  const problems = [...checkOptionTypes(options, 'projen-maturin.MaturinProjectOptions'), ...droppedJsonOptions(options)];
  if (problems.length > 0) throw optionError(problems.map((p) => (p.path ? `${p.path} ${p.message}` : p.message)).join('\n'));
  return options;
}

/**
 * Keys of .projenrc.json that projen dropped before they reached us: its JSON runner passes only
 * the names the project type declares, so a mistyped one would be ignored without a word.
 */
function droppedJsonOptions(options: MaturinProjectOptions): ReturnType<typeof checkOptionTypes> {
  if (!options.projenrcJson) return [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(options.outdir ?? '.', options.projenrcJsonOptions?.filename ?? '.projenrc.json'), 'utf8'));
  } catch {
    return []; // not written yet (projen new), or projen itself reports it
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return [];
  const dropped = Object.entries(json).filter(([key]) => key !== 'type' && !(key in options));
  return checkOptionTypes(Object.fromEntries(dropped), 'projen-maturin.MaturinProjectOptions');
}
