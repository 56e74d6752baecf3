import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PYPROJECT, STACK_FRAME, synthIn } from './helpers';
import { MaturinProject } from '../../src';
import { describeError } from '../../src/core/errors';

/** `new MaturinProject(options)` as projen's .projenrc.json runner calls it: the user error, if any, and whether it carries a stack. */
function project(options: Record<string, unknown>): { error?: string; stack: boolean } {
  try {
    new MaturinProject({ name: 'my-ext', outdir: mkdtempSync(join(tmpdir(), 'adversarial-project-')), githubRepository: 'o/my-ext', ...options } as any).synth();
    return { stack: false };
  } catch (e) {
    const error = describeError(e);
    if (error === undefined) throw e;
    return { error, stack: STACK_FRAME.test(String((e as Error).stack)) };
  }
}

describe('names: keywords and derived names are checked, and the option the user wrote is named', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['moduleName "class", a Python keyword (the issue)', { moduleName: 'class' },
      'MaturinRelease: moduleName is "class", a Python keyword, which "import" cannot name; choose another, such as "class_"'],
    ['a keyword inside a dotted moduleName', { moduleName: 'dioxide.import' },
      'MaturinRelease: moduleName is "dioxide.import", a Python keyword ("import"), which "import" cannot name; choose another, such as "dioxide.import_"'],
    ['a module name derived from packageName "3d-render" (the issue)', { packageName: '3d-render' },
      'MaturinRelease: moduleName is not set, so it would be "3d_render" (from packageName "3d-render"), which is not a Python import name: it starts with a digit; set moduleName to the import name, such as "py3d_render"'],
  ])('MaturinRelease: %s', (_, options, message) => {
    const run = synthIn({ 'pyproject.toml': PYPROJECT }, options);
    expect(run.error).toBe(message);
    expect(run.stack).toBe(false);
    expect(run.after).toEqual(run.before);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['.projenrc.json name "My Ext!" (the issue): name first, and a fix that works', { name: 'My Ext!' },
      'MaturinRelease: name is "My Ext!", which is also the package\'s name on PyPI (packageName is not set); it must be a valid PyPI project name (letters, digits, ".", "_", "-"; starting and ending with a letter or digit)\n  fix: set name to "my-ext", or keep name and set packageName to "my-ext"'],
    ['packageName "My Ext!" as written', { packageName: 'My Ext!' },
      'MaturinRelease: packageName is "My Ext!"; it must be a valid PyPI project name (letters, digits, ".", "_", "-"; starting and ending with a letter or digit)\n  fix: set packageName to "my-ext"'],
    ['name "3d-render": the module name derived from it', { name: '3d-render' },
      'MaturinRelease: moduleName is not set, so it would be "3d_render" (from name "3d-render"), which is not a Python import name: it starts with a digit; set moduleName to the import name, such as "py3d_render"'],
    ['moduleName "class" in a new project', { moduleName: 'class' },
      'MaturinRelease: moduleName is "class", a Python keyword, which "import" cannot name; choose another, such as "class_"'],
  ])('MaturinProject: %s', (_, options, message) => {
    const run = project(options);
    expect(run.error).toBe(message);
    expect(run.stack).toBe(false);
  });

  test('the suggested fixes synthesize (negative control)', () => {
    expect(project({ name: 'my-ext' }).error).toBeUndefined();
    expect(project({ name: '3d-render', moduleName: 'py3d_render' }).error).toBeUndefined();
    expect(project({ moduleName: 'class_' }).error).toBeUndefined();
    expect(synthIn({ 'pyproject.toml': PYPROJECT.replace('name = "dioxide"', 'name = "3d-render"') }, { packageName: '3d-render', moduleName: 'py3d_render' }).error).toBeUndefined();
  });
});

describe('workflowName in a MaturinProject', () => {
  test('"ci" (the issue): names workflowName and the project\'s own ci.yml, without a stack', () => {
    const run = project({ workflowName: 'ci' });
    expect(run.error).toBe('MaturinRelease: workflowName is "ci", but .github/workflows/ci.yml is this project\'s pull-request workflow (pullRequestWorkflow); choose another name, such as "release"');
    expect(run.stack).toBe(false);
  });

  test('negative control: "ci" without the pull-request workflow, and another name with it, synthesize', () => {
    expect(project({ workflowName: 'ci', pullRequestWorkflow: false }).error).toBeUndefined();
    expect(project({ workflowName: 'publish' }).error).toBeUndefined();
  });
});

describe('maturinSettings, packageDirectory and requires-python', () => {
  test.each<[string, Record<string, string>, Record<string, unknown>, string]>([
    ['maturinSettings.features as a string (the issue)', {}, { maturinSettings: { features: 'pyo3/extension-module' } },
      'MaturinRelease: maturinSettings.features is "pyo3/extension-module"; it must be a list of strings (maturin reads [tool.maturin] features as an array), such as ["pyo3/extension-module"]'],
    ['maturinSettings.features with a number', {}, { maturinSettings: { features: ['simd', 3] } },
      'MaturinRelease: maturinSettings.features is ["simd",3]; it must be a list of strings (maturin reads [tool.maturin] features as an array), such as ["simd"]'],
    ['packageDirectory naming a file (the issue)', { 'CHANGELOG.md': '# Changelog\n' }, { packageDirectory: 'CHANGELOG.md' },
      'MaturinRelease: packageDirectory is "CHANGELOG.md", which is a file; it must be the directory holding the package\'s Cargo.toml and pyproject.toml, such as "bindings/python", or "." for the repository root'],
    ['requires-python that is not a specifier (the issue)', { 'pyproject.toml': PYPROJECT.replace('dynamic', 'requires-python = "garbage!!"\ndynamic') }, {},
      'MaturinRelease: pyproject.toml does not fit the release configuration:\n- pyproject.toml: requires-python = "garbage!!" is not a valid PEP 440 version specifier; write it as e.g. ">=3.9"'],
  ])('%s', (_, files, options, message) => {
    const run = synthIn(files, options);
    expect(run.error).toBe(message);
    expect(run.stack).toBe(false);
    expect(run.after).toEqual(run.before);
  });

  test('negative control: a features list, a package directory, and a valid requires-python synthesize', () => {
    expect(synthIn({}, { maturinSettings: { features: ['pyo3/extension-module'] } }).error).toBeUndefined();
    expect(synthIn({ 'pyproject.toml': PYPROJECT.replace('dynamic', 'requires-python = ">=3.9"\ndynamic') }, {}).error).toBeUndefined();
  });
});
