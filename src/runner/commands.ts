import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { readFileSync, readdirSync, statSync, writeFileSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { addSummary, cell, requireEnv, setOutput } from './io';
import { RuntimeConfig } from '../core/contract';
import { decideRelease, planOutputs, readReleaseNotes } from '../core/decision';
import { checkDistributions } from '../core/distributions';
import { ProjenMaturinError } from '../core/errors';
import { IndexFile, compareWithIndex } from '../core/index-files';
import { parseReleaseVersion } from '../core/version';

/** `plan`: decide the release once and publish the decision as step outputs. */
export function planCommand(config: RuntimeConfig, root: string): number {
  const decision = decideRelease(config, root, {
    event: process.env.GITHUB_EVENT_NAME ?? '',
    refType: process.env.GITHUB_REF_TYPE ?? '',
    refName: process.env.GITHUB_REF_NAME ?? '',
    dryRun: process.env.DRY_RUN === 'true',
  });
  if (!decision.ok) {
    addSummary(['## Release stopped', '', ...decision.errors.map((e) => `- ${cell(e)}`)].join('\n'));
    throw new ProjenMaturinError(decision.errors.join('\n'));
  }
  for (const [name, value] of Object.entries(planOutputs(decision))) setOutput(name, value);
  const where = decision.publish ? (decision.channel === 'testpypi' ? 'TestPyPI' : 'PyPI') : 'nowhere (dry run)';
  addSummary([
    `## Release ${cell(decision.tag)}`,
    '',
    '| | |',
    '|---|---|',
    `| version | ${cell(decision.version)} (PEP 440: ${cell(decision.pep440)}) |`,
    `| pre-release | ${decision.prerelease} |`,
    `| publishes to | ${where} |`,
    '',
    '### Release notes',
    '',
    decision.notes,
  ].join('\n'));
  process.stdout.write(`release ${decision.tag}: version ${decision.pep440}, channel ${decision.channel}, pre-release ${decision.prerelease}, publish ${decision.publish}\n`);
  return 0;
}

/** `check-dist <dir>`: the built files must be exactly the promised set. */
export function checkDistCommand(config: RuntimeConfig, dir: string): number {
  const version = parseReleaseVersion(requireEnv('VERSION'));
  const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile());
  const result = checkDistributions(files, config.expectedDistributions, config.packageName, version);
  const rows = result.matched.map(({ expected, file }) => {
    const sha256 = sha256Of(join(dir, file));
    return `| ${cell(file)} | ${cell(expected.description)} | \`${sha256}\` |`;
  });
  addSummary([`## Distributions (${result.matched.length} of ${config.expectedDistributions.length})`, '', '| file | promised as | sha256 |', '|---|---|---|', ...rows].join('\n'));
  const problems = [
    ...result.missing.map((e) => `missing: ${e.description}`),
    ...result.unexpected.map((f) => `unexpected: ${f}`),
  ];
  if (problems.length > 0) {
    addSummary(['', '### Wheel set check failed', '', ...problems.map((p) => `- ${cell(p)}`)].join('\n'));
    throw new ProjenMaturinError(`dist/ is not the promised wheel set for ${config.packageName} ${version.pep440}:\n${problems.join('\n')}`);
  }
  process.stdout.write(`dist/ holds exactly the ${files.length} promised files\n`);
  return 0;
}

const sleep = (seconds: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, seconds * 1000);

function retryDelays(): number[] {
  const custom = process.env.VERIFY_RETRY_SECONDS;
  if (custom === undefined) return [15, 30, 60, 60, 90, 120, 120];
  const delays = custom.split(',').filter(Boolean).map(Number);
  // Atomics.wait treats NaN as "forever": never let a typo hang the job.
  if (delays.some((d) => !Number.isFinite(d) || d < 0)) throw new ProjenMaturinError(`VERIFY_RETRY_SECONDS is "${custom}"; it must be comma-separated seconds, e.g. "15,30,60"`);
  return delays;
}

function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The index's files for the version must be the checked build, byte for byte. */
async function compareIndexFiles(jsonApi: string, packageName: string, version: string, distDir: string): Promise<void> {
  const url = `${jsonApi}${encodeURIComponent(packageName)}/${encodeURIComponent(version)}/json`;
  const response = await fetch(url);
  if (!response.ok) throw new ProjenMaturinError(`${url} answered ${response.status}`);
  const body = await response.json() as { urls?: IndexFile[] };
  const built = new Map(readdirSync(distDir).sort().map((f) => [f, sha256Of(join(distDir, f))]));
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

function gh(args: string[], quiet = false): number {
  const result = spawnSync('gh', args, { stdio: quiet ? 'ignore' : 'inherit' });
  if (result.error) throw new ProjenMaturinError(`could not run gh: ${result.error.message}`);
  return result.status ?? 1;
}

/** `github-release`: create the release for the tag, or bring an existing one up to date (safe to re-run). */
export function githubReleaseCommand(config: RuntimeConfig, root: string): number {
  const tag = requireEnv('TAG');
  const version = parseReleaseVersion(requireEnv('VERSION'));
  const prerelease = requireEnv('PRERELEASE') === 'true';
  const draft = process.env.RELEASE_DRAFT === 'true';
  const assetsDir = process.env.RELEASE_ASSETS ?? '';
  const notesFile = join(mkdtempSync(join(tmpdir(), 'release-notes-')), 'notes.md');
  writeFileSync(notesFile, readReleaseNotes(config, root, version));
  const assets = assetsDir ? readdirSync(assetsDir).sort().map((f) => join(assetsDir, f)) : [];
  const flags = ['--title', tag, '--notes-file', notesFile, `--prerelease=${prerelease}`, `--draft=${draft}`];
  if (gh(['release', 'view', tag], true) === 0) {
    if (gh(['release', 'edit', tag, ...flags]) !== 0) throw new ProjenMaturinError(`gh release edit ${tag} failed`);
    if (assets.length > 0 && gh(['release', 'upload', tag, '--clobber', ...assets]) !== 0) throw new ProjenMaturinError(`uploading assets to release ${tag} failed`);
    process.stdout.write(`updated the existing release ${tag}\n`);
  } else {
    if (gh(['release', 'create', tag, '--verify-tag', ...flags, ...assets]) !== 0) throw new ProjenMaturinError(`gh release create ${tag} failed`);
    process.stdout.write(`created release ${tag}\n`);
  }
  addSummary(`GitHub Release \`${tag}\` ${prerelease ? '(pre-release) ' : ''}with ${assets.length} files.`);
  return 0;
}
