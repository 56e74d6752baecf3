// Shaped like ruff: a Rust program shipped on PyPI as `py3-none-<platform>` wheels,
// one per target (no Python interpreter is built against). The tests run the
// installed program with each test Python.
import { Project } from 'projen';
import { ProjenrcTs } from 'projen/lib/typescript';
import { Bindings, MaturinRelease, WheelPlatform } from 'projen-maturin';

const project = new Project({ name: 'ruff' });
// `npx projen` runs this file again after a change.
new ProjenrcTs(project);

new MaturinRelease(project, {
  packageName: 'ruff',
  githubRepository: 'astral-sh/ruff',
  bindings: Bindings.BIN,
  pythonVersions: ['3.9', '3.14'],
  platforms: Object.values(WheelPlatform).filter((p) => p !== WheelPlatform.MACOS_UNIVERSAL2),
  maturinArgs: ['--locked', '--profile', 'dist', '--compatibility', 'pypi'],
  testRequirements: [],
  testSources: [],
  // A plain `bin` wheel ships the program and no Python module, so `python -m ruff` would fail: run the program.
  testCommand: 'ruff --version',
  targets: {
    'linux-x86_64': { env: { RUSTFLAGS: '-C target-cpu=x86-64-v2' } },
  },
});

project.synth();
