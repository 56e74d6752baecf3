import { ChildProcess, execFileSync, spawn } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { basename, dirname, join } from 'path';
import { compare, satisfies } from 'semver';

/**
 * A local npm registry on 127.0.0.1 serving packed packages, so a README's
 * `npm install …`, `npx …` and `projen new --from <name>` run verbatim: npm
 * resolves names and ranges as it does against the public registry, and nothing
 * can come from anywhere else.
 */
export interface LocalRegistry {
  readonly url: string;
  /** Package names and versions served. */
  readonly packages: readonly string[];
  /** The packages npm asked for, in order. */
  requested(): string[];
  stop(): void;
}

interface Served {
  readonly manifest: Record<string, any>;
  readonly tarball: string;
}

/** The installed copy of `name` that a package in `from` resolves, as Node would find it. */
function installedDir(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

/**
 * Every package `roots` need to install, as installed in this checkout: their
 * dependencies and required peers, except what a package bundles.
 */
function closure(roots: readonly string[]): string[] {
  const dirs = new Map<string, string>();
  const visit = (dir: string) => {
    const pkg = readJson(join(dir, 'package.json'));
    const key = `${pkg.name}@${pkg.version}`;
    if (dirs.has(key)) return;
    dirs.set(key, dir);
    const bundled = new Set<string>(pkg.bundleDependencies ?? pkg.bundledDependencies ?? []);
    const optionalPeers = new Set(Object.entries<any>(pkg.peerDependenciesMeta ?? {}).filter(([, m]) => m.optional).map(([n]) => n));
    const wanted: [string, string, boolean][] = [
      ...Object.entries<string>(pkg.dependencies ?? {}).map(([n, r]): [string, string, boolean] => [n, r, false]),
      ...Object.entries<string>(pkg.optionalDependencies ?? {}).map(([n, r]): [string, string, boolean] => [n, r, true]),
      ...Object.entries<string>(pkg.peerDependencies ?? {}).map(([n, r]): [string, string, boolean] => [n, r, optionalPeers.has(n)]),
    ];
    for (const [name, range, optional] of wanted) {
      if (bundled.has(name)) continue;
      const found = installedDir(name, dir);
      const version = found && readJson(join(found, 'package.json')).version;
      if (!found || !satisfies(version, range, { includePrerelease: true })) {
        if (optional) continue;
        throw new Error(`${key} needs ${name}@${range}, which is not installed here (found ${version ?? 'none'})`);
      }
      visit(found);
    }
  };
  roots.forEach(visit);
  return [...dirs.values()];
}

function integrity(file: string): { integrity: string; shasum: string } {
  const data = readFileSync(file);
  return {
    integrity: `sha512-${createHash('sha512').update(data).digest('base64')}`,
    shasum: createHash('sha1').update(data).digest('hex'),
  };
}

/**
 * Packs `roots` (package directories) and everything they install into `dir`,
 * reusing `packed` tarballs (package directory → tarball) already made, and
 * serves them. Each package's manifest is its own package.json.
 */
export async function startLocalRegistry(
  dir: string, roots: readonly string[], packed: Readonly<Record<string, string>> = {},
): Promise<LocalRegistry> {
  mkdirSync(dir, { recursive: true });
  const packages = closure(roots);
  const toPack = packages.filter((p) => !packed[p]);
  const tarballs: Record<string, string> = { ...packed };
  if (toPack.length > 0) {
    const made = JSON.parse(execFileSync('npm', ['pack', ...toPack, '--json', '--ignore-scripts', '--pack-destination', dir], {
      cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024,
    })) as { filename: string }[];
    toPack.forEach((p, i) => { tarballs[p] = join(dir, made[i].filename); });
  }
  const served: Served[] = packages.map((p) => ({ manifest: readJson(join(p, 'package.json')), tarball: tarballs[p] }));

  // One packument per name: every version, `latest` the highest.
  const byName = new Map<string, Served[]>();
  for (const s of served) byName.set(s.manifest.name, [...(byName.get(s.manifest.name) ?? []), s]);
  const docs: Record<string, unknown> = {};
  const files: Record<string, string> = {};
  for (const [name, versions] of byName) {
    const sorted = versions.map((v) => v.manifest.version as string).sort(compare);
    docs[name] = {
      'name': name,
      'dist-tags': { latest: sorted[sorted.length - 1] },
      'versions': Object.fromEntries(versions.map(({ manifest, tarball }) => {
        files[basename(tarball)] = tarball;
        const { scripts: _, devDependencies: __, ...rest } = manifest;
        return [manifest.version, { ...rest, dist: { tarball: `@REGISTRY@/-/${basename(tarball)}`, ...integrity(tarball) } }];
      })),
    };
  }
  const index = join(dir, 'registry.json');
  writeFileSync(index, JSON.stringify({ docs, files }));
  const log = join(dir, 'requests.log');
  writeFileSync(log, '');

  // In its own process: the commands under test run with spawnSync, which blocks this one.
  const script = `
    const fs = require('fs');
    const http = require('http');
    const { docs, files } = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
    const log = process.argv[2];
    const server = http.createServer((req, res) => {
      const path = decodeURIComponent(req.url.split('?')[0]).replace(/^\\/+/, '');
      fs.appendFileSync(log, path + '\\n');
      const base = 'http://' + req.headers.host;
      if (path.startsWith('-/') && files[path.slice(2)]) {
        res.setHeader('content-type', 'application/octet-stream');
        return fs.createReadStream(files[path.slice(2)]).pipe(res);
      }
      if (docs[path]) {
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify(docs[path]).split('@REGISTRY@').join(base));
      }
      res.statusCode = 404;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ error: 'Not found' }));
    });
    server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
    // Never outlive the tests that started it.
    setTimeout(() => process.exit(0), 20 * 60 * 1000).unref();
  `;
  const child: ChildProcess = spawn(process.execPath, ['-e', script, index, log], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (data) => resolve(String(data).trim()));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the local registry exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    packages: served.map((s) => `${s.manifest.name}@${s.manifest.version}`).sort(),
    requested: () => readFileSync(log, 'utf8').split('\n').filter((p) => p && !p.startsWith('-/')),
    stop: () => child.kill(),
  };
}
