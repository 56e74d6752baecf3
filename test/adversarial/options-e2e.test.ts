import { readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { STACK_FRAME } from './helpers';
import { Sandbox, createSandbox, exec, projen, seedDirectory, tree } from '../e2e/helpers';

/**
 * Options that no type checker saw, run the way users run them: a .projenrc.js with node,
 * a .projenrc.json by projen, from the packed package. Each mistake is its message, with
 * no stack frame, and the repository stays as it was.
 */
const CARGO = '[package]\nname = "dioxide"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\npyo3 = "0.27"\n';

let sandbox: Sandbox;
beforeAll(() => {
  sandbox = createSandbox();
}, 180_000);
afterAll(() => rmSync(sandbox.work, { recursive: true, force: true }));

function expectOneMessage(run: { status: number | null; stderr: string }, message: string) {
  expect(run.status).not.toBe(0);
  expect(run.stderr).toContain(`ProjenMaturinError: ${message}`);
  expect(run.stderr).not.toMatch(STACK_FRAME);
  expect(run.stderr).not.toContain('fix: undefined');
}

test('.projenrc.js run with node: an unknown key, an object option given a number, and a path over Cargo.toml', () => {
  const dir = seedDirectory(sandbox, 'projenrc-js', true);
  writeFileSync(join(dir, 'Cargo.toml'), CARGO);
  const rc = (options: string) => writeFileSync(join(dir, '.projenrc.js'), "const { Project } = require('projen');\n" +
    "const { MaturinRelease } = require('projen-maturin');\nconst project = new Project({ name: 'dioxide' });\n" +
    `new MaturinRelease(project, { packageName: 'dioxide'${options} });\nproject.synth();\n`);
  rc('');
  expect(exec(sandbox, dir, process.execPath, '.projenrc.js').stderr).toBe('');
  const before = tree(dir);

  for (const [options, message] of [
    [", pythonversions: ['3.12']", 'MaturinRelease: pythonversions is not an option; did you mean "pythonVersions"?'],
    [', timeouts: 5', 'MaturinRelease: timeouts is 5; it must be an object (TimeoutOptions)'],
    [", checklistFile: 'Cargo.toml'", 'MaturinRelease: checklistFile is "Cargo.toml", the repository\'s own Rust package manifest: projen-maturin rewrites checklistFile ' +
      'at every "npx projen" (the setup checklist) and would replace it; choose another path, such as "RELEASING.md"'],
  ]) {
    rc(options);
    expectOneMessage(exec(sandbox, dir, process.execPath, '.projenrc.js'), message);
    const { ['.projenrc.js']: _, ...after } = tree(dir);
    const { ['.projenrc.js']: __, ...expected } = before;
    expect(after).toEqual(expected);
  }
});

test('.projenrc.json run by projen: a JSON number for a version, an unknown key, a checklist over CHANGELOG.md, an invalid name and workflowName "ci"', () => {
  const dir = seedDirectory(sandbox, 'projenrc-json');
  expect(projen(sandbox, dir, 'new', 'maturin', '--from', sandbox.tarballs.self, '--projenrc-json', '--no-projenrc-ts', '--no-git', '--no-post').status).toBe(0);
  const rcFile = join(dir, '.projenrc.json');
  const rc = JSON.parse(readFileSync(rcFile, 'utf8'));
  const before = tree(dir);

  for (const [options, message] of [
    [{ pythonVersions: [3.10] }, 'MaturinRelease: pythonVersions[0] is 3.1 (a number); it must be a string; write it as a string in quotes (a JSON number loses digits: 3.10 is 3.1)'],
    [{ pythonversions: ['3.12'] }, 'MaturinRelease: pythonversions is not an option; did you mean "pythonVersions"?'],
    [{ checklistFile: 'CHANGELOG.md' }, 'MaturinRelease: checklistFile is "CHANGELOG.md", the repository\'s own CHANGELOG.md: projen-maturin rewrites checklistFile ' +
      'at every "npx projen" (the setup checklist) and would replace it; choose another path, such as "RELEASING.md"'],
    // Issue 21: the option the user wrote, with a fix that synthesizes; and the collision with the project's own ci.yml.
    [{ name: 'My Ext!' }, 'MaturinRelease: name is "My Ext!", which is also the package\'s name on PyPI (packageName is not set); it must be a valid PyPI project name ' +
      '(letters, digits, ".", "_", "-"; starting and ending with a letter or digit)\n  fix: set name to "my-ext", or keep name and set packageName to "my-ext"'],
    [{ workflowName: 'ci' }, 'MaturinRelease: workflowName is "ci", but .github/workflows/ci.yml is this project\'s pull-request workflow (pullRequestWorkflow); choose another name, such as "release"'],
  ] as const) {
    writeFileSync(rcFile, JSON.stringify({ ...rc, ...options }, null, 2));
    expectOneMessage(projen(sandbox, dir, '--no-post'), message);
    const { ['.projenrc.json']: _, ...after } = tree(dir);
    const { ['.projenrc.json']: __, ...expected } = before;
    expect(after).toEqual(expected);
  }

  // Negative control: the file as projen new wrote it synthesizes.
  writeFileSync(rcFile, JSON.stringify(rc, null, 2));
  expect(projen(sandbox, dir, '--no-post').status).toBe(0);
});
