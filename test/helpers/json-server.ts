import { ChildProcess, spawn } from 'child_process';

/**
 * A stand-in for an index's JSON API on 127.0.0.1, in its own process (the
 * steps under test run with spawnSync, which blocks this one). Every request
 * gets `body`; the requested paths are kept for assertions.
 */
export async function startJsonServer(body: unknown): Promise<{ url: string; stop: () => void; process: ChildProcess }> {
  const script = `
    const http = require('http');
    const body = process.argv[1];
    const server = http.createServer((req, res) => { process.stderr.write(req.url + '\\n'); res.setHeader('content-type', 'application/json'); res.end(body); });
    server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
    setTimeout(() => process.exit(0), 60000).unref();
  `;
  const child = spawn(process.execPath, ['-e', script, JSON.stringify(body)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (data) => resolve(String(data).trim()));
    child.once('error', reject);
  });
  return { url: `http://127.0.0.1:${port}/pypi/`, stop: () => child.kill(), process: child };
}
