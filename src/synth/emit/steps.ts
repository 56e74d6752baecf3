import { github } from 'projen';
import { ActionCatalog, ActionRelease, ACTIONS, UV_VERSION, actionRef } from './actions';
import { Interpreter } from '../../core/interpreters';
import { shellQuote } from '../../core/shell';
import { ResolvedConfig, ResolvedTarget } from '../config';
import { ActionPinning } from '../options';
import { linuxBuildPlace, reachesContainer } from '../plan/build-images';
import { PlatformSpec } from '../plan/targets';

/** A workflow step, in projen's typed workflow model. */
export type Step = github.workflows.JobStep;

/** Builds steps that use the configured action pins. */
export class StepFactory {
  constructor(private readonly pinning: ActionPinning, private readonly catalog: ActionCatalog) {}

  /** The `uses:` value of an action under the configured pinning and pins. */
  public uses(action: ActionRelease): string {
    return actionRef(action, this.pinning, this.catalog);
  }

  public checkout(): Step {
    return { id: 'checkout', name: 'Check out', uses: this.uses(ACTIONS.checkout), with: { 'persist-credentials': false } };
  }

  /** setup-python installing one interpreter; `extra` adds inputs such as `architecture`. */
  public setupPython(interpreter: Interpreter, extra: Record<string, unknown> = {}, id = `python-${interpreter.spec.replace(/\./g, '-')}`): Step {
    return {
      id,
      name: `Set up ${interpreter.title}`,
      uses: this.uses(ACTIONS.setupPython),
      with: {
        'python-version': interpreter.setupPython,
        ...extra,
        // Until the final release is in setup-python's manifest, take the release candidate.
        ...(interpreter.prerelease ? { 'allow-prereleases': true } : {}),
      },
    };
  }

  /**
   * maturin-action building one target's wheels for `interpreters` (names or
   * paths; none for bin and UniFFI), with the target's level, arguments and
   * environment, and the pinned maturin.
   */
  public maturinBuild(config: ResolvedConfig, target: ResolvedTarget, interpreters: string[], name: string, id = 'build', features: readonly string[] = []): Step {
    // `--release` is `--profile release`; maturin refuses both, so a chosen profile replaces it.
    const profile = target.maturinArgs.some((a) => a === '--profile' || a.startsWith('--profile='));
    const args = [...(profile ? [] : ['--release']), '--out', 'dist', ...(interpreters.length > 0 ? ['--interpreter', ...interpreters] : []),
      ...(features.length > 0 ? ['--features', features.join(',')] : []), ...target.maturinArgs];
    const inputs: Record<string, unknown> = {
      'command': 'build',
      'target': target.platform.maturinTarget,
      'maturin-version': `v${config.maturinVersion}`,
      'args': args.map(argvQuote).join(' '),
      ...rustToolchainInput(config),
      // No compiler cache: in a release a poisoned cache would ship in the wheels.
      'sccache': 'false',
    };
    // Always name the level: on arm64 runners maturin-action would otherwise build on the host.
    if (target.platform.linuxContainer === 'manylinux') inputs.manylinux = target.level;
    if (target.platform.linuxContainer === 'musllinux') inputs.manylinux = `musllinux_${target.level}`;
    if (target.container) inputs.container = target.container;
    const dockerOptions = [target.dockerOptions, ...containerEnvOptions(target)].filter(Boolean).join(' ');
    if (dockerOptions) inputs['docker-options'] = dockerOptions;
    if (target.beforeScriptLinux) inputs['before-script-linux'] = target.beforeScriptLinux;
    // maturin runs where the package is, as it would on a maintainer's machine (pyproject.toml, manifest-path).
    if (config.packageDirectory !== '.') inputs['working-directory'] = config.packageDirectory;
    const env = Object.keys(target.env).length > 0 ? { env: { ...target.env } } : {};
    return { id, name, uses: this.uses(ACTIONS.maturin), ...env, with: inputs };
  }

  /** uv for the test installs: a pinned release, and never the Actions cache in a release. */
  public setupUv(): Step {
    return { id: 'uv', name: 'Set up uv', uses: this.uses(ACTIONS.setupUv), with: { 'version': UV_VERSION, 'enable-cache': false } };
  }

  public upload(name: string, path: string): Step {
    return {
      id: 'upload',
      name: `Upload ${name}`,
      uses: this.uses(ACTIONS.uploadArtifact),
      // overwrite: a re-run of the job replaces its own artifact instead of failing on the name.
      with: { name, path, 'if-no-files-found': 'error', 'retention-days': 30, 'overwrite': true },
    };
  }
}

/**
 * maturin-action's `rust-toolchain` input: only when the user chose one. Without it the action
 * takes the channel of the repository's rust-toolchain.toml (or rust-toolchain), searched from
 * the manifest's directory up to the workspace; in its build container it falls back to
 * "stable" (maturin-action v1.51.0 src/index.ts, getRustToolchain and dockerBuild). With it,
 * `rustup override set` beats the repository's file.
 */
export function rustToolchainInput(config: ResolvedConfig): Record<string, string> {
  return config.rustToolchain === undefined ? {} : { 'rust-toolchain': config.rustToolchain };
}

/**
 * `docker run` options that pass the target's variables into its Linux build container:
 * maturin-action passes only names with one of its prefixes (`ALLOWED_ENV_PREFIXES`), and
 * appends `docker-options` to its `docker run`, where `-e NAME` takes the value from the step's env.
 */
export function containerEnvOptions(target: ResolvedTarget): string[] {
  if (!target.platform.linuxContainer || linuxBuildPlace(target.platform, target.container, target.maturinArgs) === 'runner') return [];
  return Object.keys(target.env).filter((name) => !reachesContainer(name)).map((name) => `-e ${name}`);
}

/** setup-python's architecture for a platform's runner. */
export function pythonArchitecture(platform: PlatformSpec): string {
  return platform.pythonArchitecture ?? (platform.maturinTarget === 'aarch64' ? 'arm64' : 'x64');
}

/**
 * One argument as maturin-action splits its `args` (string-argv): plain, or in
 * the quotes it does not contain. Only the interpreter paths setup-python outputs
 * need quotes (native builds, where no bash re-reads them); config validation keeps
 * `maturinArgs` items to words that need none.
 */
export function argvQuote(arg: string): string {
  if (/^[^\s'"]+$/.test(arg)) return arg;
  return arg.includes('"') ? `'${arg}'` : `"${arg}"`;
}

/** How the test commands run: on the runner, or inside a named container through `docker exec`. */
export interface TestPlace {
  /** `docker exec` container name; undefined runs on the runner. */
  readonly container?: string;
  /** Where the checkout is, for dependency groups read from pyproject.toml. */
  readonly workspace: string;
  /** The install command; `python -m pip install` (in the container, if any) when undefined. */
  readonly install?: string;
  /** The directory holding the wheel, relative to the checkout. @default "dist" */
  readonly dist?: string;
}

/** uv's install command on the runner's Python (setup-python's, first on PATH), as Astral documents it for GitHub Actions. */
export const UV_INSTALL = 'uv pip install --system';

/**
 * Installs the package's wheel from `dist/` (never a glob, never the sdist),
 * then its dependencies (with `testExtras`) and the test requirements from the
 * index, then runs the test command in an empty directory holding only
 * `testSources` and the test configuration files that exist, so the source tree
 * cannot be imported instead of the wheel.
 * `$PACKAGE` names the package; `$VERSION`, when pinned, the version.
 */
export function installAndTestScript(config: ResolvedConfig, pinVersion: boolean, place: TestPlace = { workspace: '$GITHUB_WORKSPACE' }): string {
  const exec = place.container ? `docker exec ${place.container} ` : '';
  const python = place.install ?? `${exec}python -m pip install`;
  const extras = config.testExtras.length > 0 ? `[${config.testExtras.join(',')}]` : '';
  const pin = pinVersion ? '==$VERSION' : '';
  const lines = [
    `${python} --only-binary :all: --no-index --no-deps --find-links ${shellQuote(place.dist ?? 'dist')} "$PACKAGE${pin}"`,
    // Braces only before extras: "$PACKAGE[test]" would read as an array element.
    `${python} "${extras ? `\${PACKAGE}${extras}` : '$PACKAGE'}${pin}"`,
  ];
  if (config.testRequirements.length > 0) lines.push(`${python} -- ${config.testRequirements.map(shellQuote).join(' ')}`);
  if (config.testDependencyGroups.length > 0) {
    // pip reads PEP 735 dependency groups from 25.1 on.
    lines.push(`${python} --upgrade 'pip>=25.1'`);
    const pyproject = config.packageDirectory === '.' ? 'pyproject.toml' : `${config.packageDirectory}/pyproject.toml`;
    lines.push(`${python} ${config.testDependencyGroups.map((g) => `--group "${place.workspace}/${pyproject}:${g}"`).join(' ')}`);
  }
  const sources = config.testSourcePaths.map(shellQuote).join(' ');
  // pytest's settings and a root conftest.py, where the project has them.
  const configs = config.testConfigPaths.map(shellQuote).join(' ');
  const copyConfigs = (dir: string) => `for config in ${configs}; do if [ -e "$config" ]; then cp "$config" ${dir}/; fi; done`;
  if (place.container) {
    const copy = [...(sources ? [`cp -R ${sources} /tmp/tests/`] : []), ...(configs ? [copyConfigs('/tmp/tests')] : [])];
    lines.push(
      `docker exec ${place.container} sh -c ${shellQuote(['mkdir -p /tmp/tests', ...copy].join(' && '))}`,
      `docker exec --workdir /tmp/tests ${place.container} sh -c ${shellQuote(config.testCommand)}`,
    );
  } else {
    lines.push(
      'tests_dir="$(mktemp -d)"',
      ...(sources ? [`cp -R ${sources} "$tests_dir/"`] : []),
      ...(configs ? [copyConfigs('"$tests_dir"')] : []),
      'cd "$tests_dir"',
      config.testCommand,
    );
  }
  return lines.join('\n');
}

/** The environment variable a concurrent test step reads an interpreter's path from: "3.14t" → `PYTHON_3_14T`. */
export function pythonVariable(interpreter: Interpreter): string {
  return `PYTHON_${interpreter.spec.replace(/^python/, '').replace(/\W/g, '_').toUpperCase()}`;
}

/**
 * Tests several interpreters at the same time on one (POSIX) runner: each in its own
 * virtual environment created by that interpreter (`$PYTHON_…` names its path), with the
 * same install-and-test commands as one interpreter alone. Each log is printed in a group
 * when all are done; the step fails naming every interpreter whose tests failed.
 */
export function concurrentTestScript(config: ResolvedConfig, interpreters: readonly { title: string; variable: string }[], uv = false): string {
  const place = { workspace: '$GITHUB_WORKSPACE', install: uv ? 'uv pip install --python "$venv/bin/python"' : undefined };
  const body = installAndTestScript(config, true, place).split('\n').map((line) => `  ${line}`);
  const lines = [
    'test_with() {',
    '  venv="$(mktemp -d)/venv"',
    `  ${uv ? 'uv venv --quiet --python "$1" "$venv"' : '"$1" -m venv "$venv"'}`,
    '  export PATH="$venv/bin:$PATH"',
    ...body,
    '}',
    'logs="$(mktemp -d)"',
  ];
  interpreters.forEach(({ variable }, n) => lines.push(`test_with "$${variable}" > "$logs/${n + 1}.log" 2>&1 &`, `pid${n + 1}=$!`));
  lines.push('failed=""');
  interpreters.forEach(({ title }, n) => lines.push(
    `if wait "$pid${n + 1}"; then result=passed; else result=failed; failed="$failed, ${title}"; fi`,
    `echo "::group::${title}: $result"`,
    `cat "$logs/${n + 1}.log"`,
    'echo "::endgroup::"',
  ));
  lines.push('if [ -n "$failed" ]; then', '  echo "::error::the tests failed on ${failed#, }"', '  exit 1', 'fi');
  return lines.join('\n');
}
