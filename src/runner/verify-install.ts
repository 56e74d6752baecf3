import { spawnSync } from 'child_process';
import { tmpdir } from 'os';
import { readBuiltFiles } from './dist-files';
import { addSummary, requireEnv } from './io';
import { RuntimeConfig } from '../core/contract';
import { ProjenMaturinError } from '../core/errors';
import { IndexFile, InstallTarget, compareWithIndex, installTarget, jsonApiFix, parseIndexRelease, statusOutcome } from '../core/index-files';
import { VERIFY_INSTALL_ATTEMPT_SECONDS, VERIFY_REQUEST_SECONDS, VERIFY_RETRY_SECONDS } from '../core/time-limits';
import { parseReleaseVersion } from '../core/version';

const sleep = (seconds: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, seconds * 1000);

function retryDelays(): number[] {
  const custom = process.env.VERIFY_RETRY_SECONDS;
  if (custom === undefined) return [...VERIFY_RETRY_SECONDS];
  const delays = custom.split(',').filter(Boolean).map(Number);
  // Atomics.wait treats NaN as "forever": never let a typo hang the job.
  if (delays.some((d) => !Number.isFinite(d) || d < 0)) throw new ProjenMaturinError(`VERIFY_RETRY_SECONDS is "${custom}"; it must be comma-separated seconds, e.g. "15,30,60"`);
  return delays;
}

/** A time limit in seconds from the environment (the tests shorten them), or the declared one. */
function limitSeconds(variable: string, declared: number): number {
  const custom = process.env[variable];
  if (custom === undefined || custom === '') return declared;
  const value = Number(custom);
  if (!Number.isFinite(value) || value <= 0) throw new ProjenMaturinError(`${variable} is "${custom}"; it must be a number of seconds greater than 0, e.g. "${declared}"`);
  return value;
}

/** Seconds one request to the JSON API may take, body included. */
const requestTimeout = () => limitSeconds('VERIFY_REQUEST_TIMEOUT_SECONDS', VERIFY_REQUEST_SECONDS);
/** Seconds one install attempt may take: a pip that hangs is stopped and asked again, so the job's time limit holds. */
const installTimeout = () => limitSeconds('VERIFY_INSTALL_ATTEMPT_SECONDS', VERIFY_INSTALL_ATTEMPT_SECONDS);

const attempts = (n: number) => (n === 1 ? '1 attempt' : `${n} attempts`);

/** Why a request got no answer, in words: a time-out, or the network error's code. */
function unanswered(error: unknown, timeoutSeconds: number): { kind: 'timeout' | 'network'; text: string } {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return { kind: 'timeout', text: `did not answer within ${timeoutSeconds} seconds` };
  const cause = e?.cause?.code ? `${e.cause.code}${e.cause.message && !e.cause.message.startsWith(e.cause.code) ? `: ${e.cause.message}` : ''}` : (e?.cause?.message ?? e?.message ?? String(error));
  return { kind: 'network', text: `could not be reached (${cause})` };
}

/**
 * The release's files from the index's JSON API. Busy or failing answers (5xx,
 * 429), a 404 while the index catches up, time-outs and connection errors are
 * asked again on the retry schedule, as pip does; anything else stops at once.
 */
async function fetchIndexFiles(target: InstallTarget, channel: string, delays: number[], timeoutSeconds: number): Promise<IndexFile[]> {
  const url = target.releaseJsonUrl;
  const total = delays.length + 1;
  for (let attempt = 0; ; attempt++) {
    let problem: { kind: 'status' | 'timeout' | 'network'; text: string; status?: number };
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutSeconds * 1000), headers: { accept: 'application/json' } });
      const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      const outcome = statusOutcome(response.status);
      if (outcome === 'ok') return parseIndexRelease(await response.text(), url, channel, response.headers.get('content-type') ?? '');
      await response.body?.cancel();
      if (outcome === 'fail') throw new ProjenMaturinError(`${url} answered ${status}`, jsonApiFix(channel));
      problem = { kind: 'status', text: `answered ${status}`, status: response.status };
    } catch (e) {
      if (e instanceof ProjenMaturinError) throw e;
      problem = unanswered(e, timeoutSeconds);
    }
    if (attempt >= delays.length) {
      if (problem.status === 404) {
        throw new ProjenMaturinError(`${url} answered 404 Not Found (${attempts(total)}): the index's JSON API does not list ${target.requirement}, although pip installed it from ${target.simpleIndex}`,
          `the index may still be catching up: re-run the failed job in a few minutes; if it keeps failing, ${jsonApiFix(channel)}`);
      }
      if (problem.kind === 'status') {
        throw new ProjenMaturinError(`${url} ${problem.text} (${attempts(total)})`, 'the index is busy or failing: re-run the failed job later');
      }
      throw new ProjenMaturinError(`${url} ${problem.text} (${attempts(total)})`,
        `check that the runner can reach ${new URL(url).host}, and ${jsonApiFix(channel)}; then re-run the failed job`);
    }
    process.stdout.write(`${url} ${problem.text}; asking again in ${delays[attempt]} s (attempt ${attempt + 2} of ${total})\n`);
    sleep(delays[attempt]);
  }
}

/** The index's files for the version must be the checked build, byte for byte, and nothing else. */
async function compareIndexFiles(target: InstallTarget, channel: string, built: ReadonlyMap<string, string>, delays: number[]): Promise<void> {
  const onIndex = await fetchIndexFiles(target, channel, delays, requestTimeout());
  const problems = compareWithIndex(built, onIndex);
  if (problems.length > 0) {
    throw new ProjenMaturinError(`the index does not serve the checked build of ${target.requirement}:\n${problems.join('\n')}`,
      'a version that reached an index can never be uploaded again with other files: release a new version (fix forward), and yank this one on the index if it was announced');
  }
  addSummary(`All ${built.size} files on the index match the checked build (sha256).`);
}

/** Runs python; a missing interpreter or a signal is a message, not a stack trace; past `timeoutSeconds` it is stopped and has failed. */
function python(executable: string, args: string[], cwd?: string, timeoutSeconds?: number): number {
  const result = spawnSync(executable, args, { stdio: 'inherit', cwd, timeout: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000 });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT') {
    process.stdout.write(`stopped: it did not finish within ${timeoutSeconds} seconds\n`);
    return 1;
  }
  if (result.error) {
    throw new ProjenMaturinError(`could not run "${executable}" (${(result.error as NodeJS.ErrnoException).code ?? result.error.message})`,
      'the job sets up Python with actions/setup-python; set PYTHON to the interpreter to use');
  }
  return result.status ?? 1;
}

/**
 * `verify-install`: install the published version from its index (retrying while the
 * index catches up), import it, and compare the index's files with the checked build.
 */
export async function verifyInstallCommand(config: RuntimeConfig): Promise<number> {
  const channel = requireEnv('CHANNEL');
  const version = parseReleaseVersion(requireEnv('VERSION'));
  const target = installTarget(config, channel, version);
  const delays = retryDelays();
  requestTimeout();
  const attemptSeconds = installTimeout();
  // The checked build is read first: a broken download fails before anything is installed.
  const distDir = process.env.DIST_DIR;
  const built = distDir ? new Map([...readBuiltFiles(distDir, 'DIST_DIR')].map(([name, file]) => [name, file.sha256])) : undefined;
  const executable = process.env.PYTHON || 'python';
  const { requirement, simpleIndex } = target;
  // The package itself only from the index it was published to (TestPyPI may lack its
  // dependencies, and PyPI may hold a same-numbered file that is not this release).
  // Every value is joined to its option, and "--" ends the options.
  const install = ['-m', 'pip', 'install', '--no-cache-dir', '--no-deps', `--only-binary=${config.packageName}`, `--index-url=${simpleIndex}`, '--', requirement];
  for (let attempt = 0; ; attempt++) {
    process.stdout.write(`installing ${requirement} from ${simpleIndex} (attempt ${attempt + 1} of ${delays.length + 1})\n`);
    if (python(executable, install, undefined, attemptSeconds) === 0) break;
    if (attempt >= delays.length) {
      throw new ProjenMaturinError(`${requirement} could not be installed from ${simpleIndex} (${attempts(delays.length + 1)})`,
        'the index may still be catching up: re-run the failed job in a few minutes; if pip found no matching wheel, compare the wheel tags in the check-dist summary with the runner\'s Python');
    }
    sleep(delays[attempt]);
  }
  if (python(executable, ['-m', 'pip', 'install', '--no-cache-dir', '--', requirement]) !== 0) {
    throw new ProjenMaturinError(`the dependencies of ${requirement} could not be installed from PyPI`, 'read pip\'s output above; re-run the failed job if PyPI was unavailable');
  }
  // A bin package ships a program and no module: installing it is the check.
  if (config.importable !== false) {
    // Import from a directory without the checkout, so the installed wheel is what is imported.
    const imported = python(executable, ['-c', 'import importlib, sys; m = importlib.import_module(sys.argv[1]); print("imported", m.__name__, "from", m.__file__)', target.moduleName], tmpdir());
    if (imported !== 0) throw new ProjenMaturinError(`${requirement} installed but "import ${target.moduleName}" failed`, 'read the traceback above: the wheel lacks the module or a library it loads');
  }
  if (built) await compareIndexFiles(target, channel, built, delays);
  addSummary(`Installed \`${requirement}\` from ${simpleIndex}${config.importable === false ? ' (a program: nothing to import)' : ` and imported \`${target.moduleName}\``}.`);
  return 0;
}
