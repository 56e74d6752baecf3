import { spawnSync } from 'child_process';
import { readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { addSummary, requireEnv, sha256File } from './io';
import { RuntimeConfig } from '../core/contract';
import { ProjenMaturinError } from '../core/errors';
import { IndexFile, compareWithIndex } from '../core/index-files';
import { parseReleaseVersion } from '../core/version';

const sleep = (seconds: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, seconds * 1000);

function retryDelays(): number[] {
  const custom = process.env.VERIFY_RETRY_SECONDS;
  if (custom === undefined) return [15, 30, 60, 60, 90, 120, 120];
  const delays = custom.split(',').filter(Boolean).map(Number);
  // Atomics.wait treats NaN as "forever": never let a typo hang the job.
  if (delays.some((d) => !Number.isFinite(d) || d < 0)) throw new ProjenMaturinError(`VERIFY_RETRY_SECONDS is "${custom}"; it must be comma-separated seconds, e.g. "15,30,60"`);
  return delays;
}

/** The index's files for the version must be the checked build, byte for byte. */
async function compareIndexFiles(jsonApi: string, packageName: string, version: string, distDir: string): Promise<void> {
  const url = `${jsonApi}${encodeURIComponent(packageName)}/${encodeURIComponent(version)}/json`;
  const response = await fetch(url);
  if (!response.ok) throw new ProjenMaturinError(`${url} answered ${response.status}`);
  const body = await response.json() as { urls?: IndexFile[] };
  const built = new Map(readdirSync(distDir).sort().map((f) => [f, sha256File(join(distDir, f))]));
  const problems = compareWithIndex(built, body.urls ?? []);
  if (problems.length > 0) throw new ProjenMaturinError(`the index does not serve the checked build of ${packageName} ${version}:\n${problems.join('\n')}`);
  addSummary(`All ${built.size} files on the index match the checked build (sha256).`);
}

/**
 * `verify-install`: install the published version from its index (retrying while the
 * index catches up), import it, and compare the index's files with the checked build.
 */
export async function verifyInstallCommand(config: RuntimeConfig): Promise<number> {
  const channel = requireEnv('CHANNEL') as keyof RuntimeConfig['indexes'];
  const version = parseReleaseVersion(requireEnv('VERSION'));
  const endpoints = config.indexes[channel];
  if (!endpoints) throw new ProjenMaturinError(`CHANNEL is "${channel}", which this release does not publish to`);
  const index = endpoints.simple;
  const python = process.env.PYTHON ?? 'python';
  const requirement = `${config.packageName}==${version.pep440}`;
  // The package itself only from the index it was published to (TestPyPI may lack its
  // dependencies, and PyPI may hold a same-numbered file that is not this release).
  const install = ['-m', 'pip', 'install', '--no-cache-dir', '--no-deps', '--only-binary', config.packageName, '--index-url', index, requirement];
  const delays = retryDelays();
  for (let attempt = 0; ; attempt++) {
    process.stdout.write(`installing ${requirement} from ${index} (attempt ${attempt + 1} of ${delays.length + 1})\n`);
    if (spawnSync(python, install, { stdio: 'inherit' }).status === 0) break;
    if (attempt >= delays.length) throw new ProjenMaturinError(`${requirement} could not be installed from ${index}`);
    sleep(delays[attempt]);
  }
  if (spawnSync(python, ['-m', 'pip', 'install', '--no-cache-dir', requirement], { stdio: 'inherit' }).status !== 0) {
    throw new ProjenMaturinError(`the dependencies of ${requirement} could not be installed from PyPI`);
  }
  // Import from a directory without the checkout, so the installed wheel is what is imported.
  const check = spawnSync(python, ['-c', 'import importlib, sys; m = importlib.import_module(sys.argv[1]); print("imported", m.__name__, "from", m.__file__)', config.moduleName],
    { stdio: 'inherit', cwd: tmpdir() });
  if (check.status !== 0) throw new ProjenMaturinError(`${requirement} installed but "import ${config.moduleName}" failed`);
  const distDir = process.env.DIST_DIR;
  if (distDir) await compareIndexFiles(endpoints.json, config.packageName, version.pep440, distDir);
  addSummary(`Installed \`${requirement}\` from ${index} and imported \`${config.moduleName}\`.`);
  return 0;
}
