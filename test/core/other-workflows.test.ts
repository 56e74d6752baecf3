import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { describeOtherReleaseWorkflow, otherReleaseWorkflows } from '../../src/core/other-workflows';
import { parseTagPattern } from '../../src/core/tag-pattern';

/** nh3's own CI workflow: github.com/messense/nh3 .github/workflows/CI.yml at 567c411f1b49d2c1b943b8de8a24ada6cf87149a (2026-06-30). */
const NH3_CI = join(__dirname, 'fixtures', 'nh3-CI.yml');
const V = parseTagPattern('v*.*.*');

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'other-workflows-'));
  mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, '.github', 'workflows', name), text);
  return root;
}

const steps = (text: string) => `jobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n${text}`;

describe('other workflows that release on the same tags', () => {
  test("nh3's CI.yml publishes on v* tags with maturin upload: named with its lines and the fix", () => {
    const root = repo({});
    copyFileSync(NH3_CI, join(root, '.github', 'workflows', 'CI.yml'));
    const found = otherReleaseWorkflows(root, V, new Set(['.github/workflows/release.yml']));
    expect(found).toEqual([{
      file: '.github/workflows/CI.yml',
      trigger: 'on.push.tags "v*" (line 7) matches v1.2.3',
      publishes: true,
      steps: ['maturin upload in job release (line 332)'],
    }]);
    expect(describeOtherReleaseWorkflow(found[0])).toBe('.github/workflows/CI.yml also runs for the release tags: its on.push.tags "v*" (line 7) matches v1.2.3, ' +
      'and it publishes: maturin upload in job release (line 332). A release tag would start two publishing workflows, and the second upload of the same version fails; ' +
      'fix: remove the tag trigger or the publishing job from .github/workflows/CI.yml, or delete the workflow if the generated release replaces it');
  });

  test.each([
    ['twine upload', 'on: push\n', '      - run: python -m twine upload dist/*\n', 'twine upload'],
    ['uv publish', 'on:\n  push:\n    tags-ignore: ["docs-*"]\n', '      - run: uv publish\n', 'uv publish'],
    ['gh-action-pypi-publish', 'on: [push, pull_request]\n', '      - uses: pypa/gh-action-pypi-publish@release/v1\n', 'pypa/gh-action-pypi-publish@release/v1'],
    ['maturin-action upload', 'on:\n  push:\n    tags: ["*"]\n', '      - uses: PyO3/maturin-action@v1\n        with:\n          command: upload\n          args: dist/*\n',
      'PyO3/maturin-action@v1 (command: upload)'],
    ['maturin publish', 'on:\n  push:\n    paths: [src/**]\n', '      - run: |\n          pip install maturin\n          maturin publish\n', 'maturin publish'],
  ])('publishing with %s is found', (_, on, body, what) => {
    const root = repo({ 'pypi.yaml': on + steps(body) });
    const found = otherReleaseWorkflows(root, V, new Set());
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: '.github/workflows/pypi.yaml', publishes: true, steps: [expect.stringContaining(`${what} in job release (line `)] });
  });

  test('a workflow that names the release tags and only builds is found as a build', () => {
    const root = repo({ 'wheels.yml': 'on:\n  push:\n    tags:\n      - "v[0-9]+.*"\n' + steps('      - uses: pyo3/maturin-action@v1\n        with:\n          args: --release\n') });
    const [found] = otherReleaseWorkflows(root, V, new Set());
    expect(found).toMatchObject({ publishes: false, steps: ['pyo3/maturin-action@v1 (command: build) in job release (line 9)'] });
    expect(describeOtherReleaseWorkflow(found)).toContain('it builds wheels: pyo3/maturin-action@v1 (command: build) in job release (line 9). A release tag would build them twice; fix: remove the tag trigger from');
  });

  // Negative controls: each would be found if the check ignored that part of the rule.
  test.each([
    ['branches only: never runs for tags', 'on:\n  push:\n    branches: [main]\n', '      - run: maturin upload dist/*\n'],
    ['other tags (another package)', 'on:\n  push:\n    tags: ["cli-v*"]\n', '      - run: maturin upload dist/*\n'],
    ['the release tags excluded', 'on:\n  push:\n    tags: ["*", "!v*"]\n', '      - run: maturin upload dist/*\n'],
    ['every push, building only (CI)', 'on: push\n', '      - uses: pyo3/maturin-action@v1\n'],
    ['a published GitHub Release, not a tag push', 'on:\n  release:\n    types: [published]\n', '      - uses: pypa/gh-action-pypi-publish@release/v1\n'],
    ['tags, but nothing built or published', 'on:\n  push:\n    tags: ["v*"]\n', '      - run: echo docs\n'],
    ['not YAML', 'on: [push\n', '      - run: maturin upload\n'],
  ])('not found: %s', (_, on, body) => {
    expect(otherReleaseWorkflows(repo({ 'other.yml': on + steps(body) }), V, new Set())).toEqual([]);
  });

  test('its own workflow, workflows projen generates, and a repository without workflows give nothing', () => {
    const generated = repo({ 'build.yml': '# ~~ Generated by projen. To modify, edit .projenrc.ts and run "npx projen".\non: push\n' + steps('      - run: maturin upload\n') });
    expect(otherReleaseWorkflows(generated, V, new Set())).toEqual([]);
    const root = repo({ 'release.yml': 'on:\n  push:\n    tags: ["v*.*.*"]\n' + steps('      - uses: pypa/gh-action-pypi-publish@release/v1\n') });
    expect(otherReleaseWorkflows(root, V, new Set(['.github/workflows/release.yml']))).toEqual([]);
    expect(otherReleaseWorkflows(mkdtempSync(join(tmpdir(), 'none-')), V, new Set())).toEqual([]);
  });
});
