import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative, resolve } from 'path';

/**
 * End-to-end tests install the package the way a user does: from the tarball
 * `npm pack` makes, with npm offline and an empty cache, so nothing can come
 * from the registry or from this checkout's node_modules by accident.
 */
export const ROOT = resolve(__dirname, '..', '..');
/** The directory of a package as installed for `from` (this checkout by default). */
export const packageDir = (name: string, from = ROOT) => dirname(require.resolve(`${name}/package.json`, { paths: [from] }));
const PROJEN = packageDir('projen');

export interface Sandbox {
  readonly work: string;
  readonly env: NodeJS.ProcessEnv;
  readonly tarballs: { self: string; projen: string; constructs: string };
}

function run(cwd: string, env: NodeJS.ProcessEnv, cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Packs this package (as built: lib/, .jsii, assets/), projen and constructs into a temp dir. */
export function createSandbox(): Sandbox {
  const work = mkdtempSync(join(tmpdir(), 'maturin-e2e-'));
  const vendor = join(work, 'vendor');
  mkdirSync(vendor);
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  Object.assign(env, {
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: 'error',
  });
  if (!readFileSync(join(ROOT, '.jsii'), 'utf8').includes('"projen-maturin.MaturinProject"')) {
    throw new Error('.jsii has no MaturinProject: build the package first (npx projen compile)');
  }
  const pack = (dir: string) => {
    const [info] = JSON.parse(run(work, env, 'npm', ['pack', dir, '--json', '--ignore-scripts', '--pack-destination', vendor]));
    return join(vendor, info.filename);
  };
  // constructs as projen itself resolves it, so the peer ranges agree.
  return { work, env, tarballs: { self: pack(ROOT), projen: pack(PROJEN), constructs: pack(packageDir('constructs', PROJEN)) } };
}

/**
 * A directory with projen and constructs installed from their tarballs (so
 * `projen new` does not fetch projen@latest), optionally projen-maturin too.
 */
export function seedDirectory(sandbox: Sandbox, name: string, withSelf = false): string {
  const dir = join(sandbox.work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    // constructs is not a devDependency: `projen new --from` takes the first
    // devDependency other than projen as the module that holds the project type.
    dependencies: { constructs: `file:${sandbox.tarballs.constructs}` },
    devDependencies: { projen: `file:${sandbox.tarballs.projen}`, ...(withSelf ? { 'projen-maturin': `file:${sandbox.tarballs.self}` } : {}) },
  }, null, 2));
  run(dir, sandbox.env, 'npm', ['install', '--no-package-lock']);
  return dir;
}

/** ts-node and typescript, as the user's own devDependencies would provide them. */
export function linkTsNode(dir: string): void {
  for (const name of ['ts-node', 'typescript']) symlinkSync(packageDir(name), join(dir, 'node_modules', name), 'dir');
  symlinkSync('../ts-node/dist/bin.js', join(dir, 'node_modules', '.bin', 'ts-node'));
}

export interface Run { readonly status: number | null; readonly stdout: string; readonly stderr: string }

/** Runs a command in `dir` with the sandbox's offline npm settings. */
export function exec(sandbox: Sandbox, dir: string, cmd: string, ...args: string[]): Run {
  const result = spawnSync(cmd, args, { cwd: dir, env: sandbox.env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `npx projen …` as installed in the directory. */
export const projen = (sandbox: Sandbox, dir: string, ...args: string[]) =>
  exec(sandbox, dir, process.execPath, join(dir, 'node_modules', 'projen', 'bin', 'projen'), ...args);

/** `npx projen-maturin …` as installed in the directory (the package's bin). */
export const projenMaturin = (sandbox: Sandbox, dir: string, ...args: string[]) =>
  exec(sandbox, dir, join(dir, 'node_modules', '.bin', 'projen-maturin'), ...args);

/** Every file under `dir` (outside node_modules and .git) with its content. */
export function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at)) {
      if (entry === 'node_modules' || entry === '.git') continue;
      const path = join(at, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}
