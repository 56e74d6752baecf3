// Two packages from one repository, each with its own release: the Python
// extension `acme` (py-acme/, tags py-1.2.3, notes from its own CHANGELOG) and
// the command-line tool `acme-cli` (crates/acme-cli/, a maturin `bin` package,
// tags cli-v1.2.3, released by hand from Actions with GitHub's generated notes).
// Each gets its own workflow, settings file, tags, concurrency group and PyPI
// environments; the release tools, the projen tasks and RELEASING.md are shared.
import { Project } from 'projen';
import { ProjenrcTs } from 'projen/lib/typescript';
import { MaturinRelease, ReleaseNotes, ReleaseTrigger } from 'projen-maturin';

const project = new Project({ name: 'acme' });
// `npx projen` runs this file again after a change.
new ProjenrcTs(project);

new MaturinRelease(project, {
  packageName: 'acme',
  packageDirectory: 'py-acme',
  githubRepository: 'acme-org/acme',
  workflowName: 'release-python',
  tagPattern: 'py-*.*.*',
  changelogFile: 'py-acme/CHANGELOG.md',
  releaseNotes: ReleaseNotes.CHANGELOG,
  publishing: { pypiEnvironment: 'pypi-acme', testPypiEnvironment: 'testpypi-acme' },
});

new MaturinRelease(project, {
  packageName: 'acme-cli',
  packageDirectory: 'crates/acme-cli',
  githubRepository: 'acme-org/acme',
  workflowName: 'release-cli',
  tagPattern: 'cli-v*.*.*',
  releaseNotes: ReleaseNotes.GITHUB,
  releaseTrigger: ReleaseTrigger.DISPATCH,
  testCommand: 'pytest tests/ -v',
  publishing: { pypiEnvironment: 'pypi-acme-cli', testPypiEnvironment: 'testpypi-acme-cli' },
});

project.synth();
