import { ChildProcess, spawn } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** The channels of a release, each served as its own index. */
export type IndexChannel = 'pypi' | 'testpypi';

/**
 * A stand-in for PyPI and TestPyPI on 127.0.0.1: a PEP 503 simple index and the
 * JSON API (`/pypi/<name>/<version>/json`, with sha256 digests) per channel,
 * over the files in one directory per channel. It runs in its own process, since
 * the steps under test run with spawnSync, which blocks this one.
 */
export interface PackageIndex {
  /** `{ simple, json }` of a channel, as config.json names an index. */
  endpoints(channel: IndexChannel): { simple: string; json: string };
  /** Adds files to a channel, as an upload would; with `skipExisting`, a file already there is kept. Returns what it added. */
  upload(channel: IndexChannel, files: string[], skipExisting: boolean): string[];
  /** The files a channel serves. */
  files(channel: IndexChannel): string[];
  /** The paths requested so far, in order. */
  requests(): string[];
  stop(): void;
}

const SERVER = `
const { createHash } = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');
const root = process.argv[1];
const normalize = (name) => name.toLowerCase().replace(/[-_.]+/g, '-');
// name and version of a wheel (PEP 427) or an sdist (PEP 625) file name
const parse = (file) => {
  const wheel = /^([^-]+)-([^-]+)-.+\\.whl$/.exec(file);
  const sdist = /^(.+)-([^-]+)\\.tar\\.gz$/.exec(file);
  const m = wheel || sdist;
  return m ? { name: normalize(m[1]), version: m[2], packagetype: wheel ? 'bdist_wheel' : 'sdist' } : undefined;
};
const sha256 = (file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const server = http.createServer((req, res) => {
  process.stderr.write(req.url + '\\n');
  const url = decodeURIComponent(req.url.split('?')[0]);
  const send = (status, type, body) => { res.writeHead(status, { 'content-type': type }); res.end(body); };
  const m = /^\\/(pypi|testpypi)\\/(simple|files|pypi)\\/(.*)$/.exec(url);
  if (!m) return send(404, 'text/plain', 'not found');
  const [, channel, kind, rest] = m;
  const dir = path.join(root, channel);
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  if (kind === 'files') {
    return files.includes(rest) ? send(200, 'application/octet-stream', fs.readFileSync(path.join(dir, rest))) : send(404, 'text/plain', 'no such file');
  }
  if (kind === 'simple') {
    const project = normalize(rest.replace(/\\/$/, ''));
    const own = files.filter((f) => parse(f) && parse(f).name === project);
    if (own.length === 0) return send(404, 'text/html', 'no such project');
    const links = own.map((f) => '<a href="../../files/' + encodeURIComponent(f) + '#sha256=' + sha256(path.join(dir, f)) + '">' + f + '</a><br>');
    return send(200, 'text/html', '<!DOCTYPE html><html><body>' + links.join('\\n') + '</body></html>');
  }
  const json = /^([^/]+)\\/([^/]+)\\/json$/.exec(rest);
  if (!json) return send(404, 'application/json', '{}');
  const [, name, version] = json;
  const own = files.filter((f) => parse(f) && parse(f).name === normalize(name) && parse(f).version === version);
  if (own.length === 0) return send(404, 'application/json', '{"message": "Not Found"}');
  const urls = own.map((f) => ({
    filename: f,
    packagetype: parse(f).packagetype,
    url: 'http://' + req.headers.host + '/' + channel + '/files/' + encodeURIComponent(f),
    digests: { sha256: sha256(path.join(dir, f)) },
  }));
  send(200, 'application/json', JSON.stringify({ info: { name, version }, urls }));
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
// Never outlive the test run.
setTimeout(() => process.exit(0), 30 * 60 * 1000).unref();
`;

/** Starts an empty index for both channels. */
export async function startPackageIndex(): Promise<PackageIndex> {
  const root = mkdtempSync(join(tmpdir(), 'package-index-'));
  const child: ChildProcess = spawn(process.execPath, ['-e', SERVER, root], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  child.stderr!.on('data', (data) => log.push(...String(data).split('\n').filter(Boolean)));
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (data) => resolve(String(data).trim()));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the package index stand-in exited with ${code}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const dir = (channel: IndexChannel) => join(root, channel);
  return {
    endpoints: (channel) => ({ simple: `${base}/${channel}/simple/`, json: `${base}/${channel}/pypi/` }),
    upload(channel, files, skipExisting) {
      mkdirSync(dir(channel), { recursive: true });
      const added: string[] = [];
      for (const file of files) {
        const name = file.split('/').pop()!;
        const target = join(dir(channel), name);
        if (existsSync(target)) {
          if (skipExisting) continue;
          throw new Error(`${name} already exists on ${channel} (PyPI answers 400 File already exists)`);
        }
        copyFileSync(file, target);
        added.push(name);
      }
      return added;
    },
    files: (channel) => (existsSync(dir(channel)) ? readdirSync(dir(channel)).sort() : []),
    requests: () => [...log],
    stop: () => child.kill(),
  };
}
