import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Sandbox, createSandbox, linkTsNode, projen, projenMaturin, seedDirectory, tree } from './helpers';
import { commitAll } from '../helpers/cli';

/** What `projen new maturin` must create (besides projen's own bookkeeping). */
const EXPECTED_TREE = [
  '.github/maturin-release/config.json', '.github/maturin-release/release-tools.cjs',
  '.github/workflows/ci.yml', '.github/workflows/release.yml',
  'CHANGELOG.md', 'Cargo.toml', 'README.md', 'RELEASING.md', 'pyproject.toml',
  'src/lib.rs', 'tests/test_my_maturin.py',
  'python/my_maturin/__init__.py', 'python/my_maturin/_my_maturin.pyi', 'python/my_maturin/py.typed',
];

let sandbox: Sandbox;
beforeAll(() => {
  sandbox = createSandbox();
}, 180_000);
afterAll(() => rmSync(sandbox.work, { recursive: true, force: true }));

describe('a new user: npm pack → projen new --from <tarball> → npx projen', () => {
  test('with .projenrc.ts', () => {
    const dir = seedDirectory(sandbox, 'my-maturin');
    const created = projen(sandbox, dir, 'new', 'maturin', '--from', sandbox.tarballs.self, '--no-git', '--no-post');
    expect(created.stderr).not.toMatch(/error/i);
    expect(created.status).toBe(0);
    expect(readFileSync(join(dir, '.projenrc.ts'), 'utf8')).toMatch(/import \{ MaturinProject \} from "projen-maturin";[\s\S]*new MaturinProject\(\{[\s\S]*name: "my-maturin"/);
    const first = tree(dir);
    for (const file of EXPECTED_TREE) expect(Object.keys(first)).toContain(file);

    // A second synthesis changes nothing.
    linkTsNode(dir);
    expect(projen(sandbox, dir, '--no-post').status).toBe(0);
    expect(tree(dir)).toEqual(first);

    // A hand edit of the generated workflow does not survive: projen writes it back.
    const workflow = join(dir, '.github/workflows/release.yml');
    chmodSync(workflow, 0o644);
    writeFileSync(workflow, `${first['.github/workflows/release.yml']}\n# hand edit\n`);
    expect(projen(sandbox, dir, '--no-post').status).toBe(0);
    expect(readFileSync(workflow, 'utf8')).toBe(first['.github/workflows/release.yml']);

    // The first release: prepare the initial version, then preflight its tag.
    commitAll(dir);
    const prepared = projenMaturin(sandbox, dir, 'prepare', '0.1.0');
    expect(prepared.stderr).toBe('');
    expect(prepared.status).toBe(0);
    commitAll(dir);
    // The release tasks run the installed CLI with node, not through a second npx.
    const tasks = JSON.parse(readFileSync(join(dir, '.projen', 'tasks.json'), 'utf8')).tasks;
    expect(tasks['release:preflight'].steps).toEqual([{ exec: 'node node_modules/projen-maturin/assets/cli.cjs preflight', receiveArgs: true }]);
    const preflight = projen(sandbox, dir, 'release:preflight', 'v0.1.0');
    expect(preflight.stderr).not.toMatch(/error|npx/i);
    expect(preflight.status).toBe(0);
    expect(preflight.stdout).toContain('  channel      PyPI');
    expect(preflight.stdout).toContain('  | - my-maturin: a first version.');

    // A bad option fails synthesis with its message, and the generated files stay as they were.
    const rc = join(dir, '.projenrc.ts');
    writeFileSync(rc, readFileSync(rc, 'utf8').replace('name: "my-maturin",', 'name: "my-maturin",\n  pythonVersions: ["3.6"],'));
    const bad = projen(sandbox, dir, '--no-post');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('MaturinRelease: pythonVersions[0] is "3.6": older than 3.8, the oldest CPython this product builds');
    expect(readFileSync(workflow, 'utf8')).toBe(first['.github/workflows/release.yml']);
  });

  test('with .projenrc.json', () => {
    const dir = seedDirectory(sandbox, 'json-maturin');
    const created = projen(sandbox, dir, 'new', 'maturin', '--from', sandbox.tarballs.self, '--projenrc-json', '--no-projenrc-ts', '--no-git', '--no-post');
    expect(created.status).toBe(0);
    const rcFile = join(dir, '.projenrc.json');
    expect(JSON.parse(readFileSync(rcFile, 'utf8'))).toMatchObject({ type: 'projen-maturin.MaturinProject', name: 'json-maturin', projenrcJson: true });
    expect(existsSync(join(dir, 'python/json_maturin/__init__.py'))).toBe(true);

    const first = tree(dir);
    expect(projen(sandbox, dir, '--no-post').status).toBe(0);
    expect(tree(dir)).toEqual(first);

    const rc = JSON.parse(readFileSync(rcFile, 'utf8'));
    writeFileSync(rcFile, JSON.stringify({ ...rc, platforms: [] }));
    const bad = projen(sandbox, dir, '--no-post');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('MaturinRelease: platforms is []; it needs at least one of "linux-x86_64"');
  });
});
