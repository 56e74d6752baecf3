import { ChildProcess, spawn } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

/** One answer of the stand-in server. */
export interface ServedResponse {
  readonly status?: number;
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
  readonly contentType?: string;
  /** Never answer (for time limits). */
  readonly hang?: boolean;
  /** Close the connection without an answer. */
  readonly reset?: boolean;
}

export interface IndexServer {
  readonly url: string;
  readonly process: ChildProcess;
  /** The paths requested so far, in order. */
  requests(): string[];
  stop(): void;
}

/**
 * A stand-in for an index's JSON API on 127.0.0.1, in its own process (the
 * steps under test run with spawnSync, which blocks this one). Request n gets
 * responses[n], and every later request the last one.
 */
export async function startIndexServer(responses: readonly ServedResponse[]): Promise<IndexServer> {
  const dir = mkdtempSync(join(tmpdir(), 'index-server-'));
  const log = join(dir, 'requests.log');
  writeFileSync(log, '');
  const script = `
    const fs = require('fs');
    const http = require('http');
    const [responses, log] = [JSON.parse(process.argv[1]), process.argv[2]];
    let n = 0;
    const server = http.createServer((req, res) => {
      fs.appendFileSync(log, req.url + '\\n');
      const r = responses[Math.min(n++, responses.length - 1)];
      if (r.hang) return;
      if (r.reset) return req.socket.destroy();
      res.statusCode = r.status ?? 200;
      res.setHeader('content-type', r.contentType ?? 'application/json');
      res.end(typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? {}));
    });
    server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
    setTimeout(() => process.exit(0), 60000).unref();
  `;
  const child = spawn(process.execPath, ['-e', script, JSON.stringify(responses), log], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (data) => resolve(String(data).trim()));
    child.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${port}/pypi/`,
    requests: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
    stop: () => child.kill(),
    process: child,
  };
}

/** A stand-in JSON API that answers every request with `body`. */
export async function startJsonServer(body: unknown): Promise<IndexServer> {
  return startIndexServer([{ body }]);
}

/** A URL on 127.0.0.1 where nothing listens (connections are refused). */
export async function unusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/pypi/`;
}
