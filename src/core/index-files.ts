import { Channel } from './channel';
import { RuntimeConfig } from './contract';
import { ProjenMaturinError, escapeControls, quote } from './errors';
import { RELEASE_CONFIG_PATH } from './paths';
import { ReleaseVersion } from './version';

/** A file of a release as the index's JSON API lists it. */
export interface IndexFile {
  readonly filename: string;
  readonly digests: { readonly sha256?: string };
}

/**
 * Differences between the checked build and what the index serves for the
 * version: a file missing there, one with other bytes (e.g. "Re-run all jobs"
 * rebuilt the wheels after a first upload, and skip-existing kept the old ones),
 * or one the index serves that this build did not make (an earlier upload of
 * the same version), which pip may choose and nothing has tested.
 */
export function compareWithIndex(built: ReadonlyMap<string, string>, onIndex: readonly IndexFile[]): string[] {
  const problems: string[] = [];
  for (const [file, sha256] of [...built.entries()].sort()) {
    const published = onIndex.find((f) => f.filename === file);
    if (!published) {problems.push(`${file} is not on the index`);} else if (published.digests.sha256 !== sha256) {
      problems.push(`${file} on the index (sha256 ${published.digests.sha256}) is not the checked build (sha256 ${sha256})`);
    }
  }
  for (const file of onIndex.map((f) => f.filename).filter((f) => !built.has(f)).sort()) {
    // A name from the index's answer: shown as is only when it is a plain file name.
    problems.push(`${/^[\w.+!~-]{1,200}$/.test(file) ? file : quote(file)} is on the index but not in the checked build`);
  }
  return problems;
}

/** What to do with an HTTP status from the JSON API: use it, ask again later, or stop. */
export function statusOutcome(status: number): 'ok' | 'retry' | 'fail' {
  if (status >= 200 && status < 300) return 'ok';
  // As pip retries: the server is busy or failing. A 404 right after an
  // install succeeded is the index's cache not having caught up yet.
  if (status === 404 || status === 408 || status === 429 || status >= 500) return 'retry';
  return 'fail';
}

/** What to check when the JSON API answers something unusable. */
export const jsonApiFix = (channel: string) =>
  `check that "indexes.${channel}.json" in ${RELEASE_CONFIG_PATH} is the index's JSON API (https://pypi.org/pypi/ or https://test.pypi.org/pypi/), ` +
  'not its simple index or web site; run "npx projen" to regenerate it';

/** Text for messages: one line, at most `max` characters. */
function excerpt(text: string, max = 80): string {
  const line = escapeControls(text.replace(/\s+/g, ' ').trim());
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/**
 * The files of a release from the body of `<json api>/<name>/<version>/json`,
 * or a message naming the URL and what is wrong with the answer.
 */
export function parseIndexRelease(body: string, url: string, channel: string, contentType = ''): IndexFile[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    const what = body.trim() === '' ? 'an empty body' : `a body that is not JSON (content-type "${excerpt(contentType) || 'none'}", starting "${excerpt(body)}")`;
    throw new ProjenMaturinError(`${url} answered with ${what}`, jsonApiFix(channel));
  }
  const urls = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as { urls?: unknown }).urls : undefined;
  const wrongShape = (found: string) => new ProjenMaturinError(
    `${url} answered JSON that is not a release's file list: ${found}; expected {"urls": [{"filename": …, "digests": {"sha256": …}}, …]}`,
    jsonApiFix(channel));
  if (!Array.isArray(urls)) throw wrongShape(urls === undefined ? 'it has no "urls" list' : `"urls" is ${JSON.stringify(urls)?.slice(0, 40)}`);
  return urls.map((entry: unknown, i) => {
    const file = entry as { filename?: unknown; digests?: { sha256?: unknown } } | null;
    if (!file || typeof file !== 'object' || typeof file.filename !== 'string' || file.filename === '') {
      throw wrongShape(`urls[${i}] has no "filename"`);
    }
    const sha256 = file.digests && typeof file.digests === 'object' ? file.digests.sha256 : undefined;
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) throw wrongShape(`urls[${i}] (${excerpt(file.filename)}) has no "digests.sha256"`);
    return { filename: file.filename, digests: { sha256 } };
  });
}

// PEP 508 names and Python import names: nothing else reaches pip's or python's command line.
const DISTRIBUTION_NAME = /^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$/;
const IMPORT_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Where and what the install check installs, from validated values only. */
export interface InstallTarget {
  /** `name==version`, e.g. `dioxide==1.0.0rc1`. */
  readonly requirement: string;
  readonly moduleName: string;
  readonly simpleIndex: string;
  readonly jsonApi: string;
  /** The JSON API's page for this release. */
  readonly releaseJsonUrl: string;
}

function httpUrl(value: unknown, key: string): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !String(value).endsWith('/')) {
    throw new ProjenMaturinError(`"${key}" in ${RELEASE_CONFIG_PATH} is ${JSON.stringify(value)}: it must be an http(s) URL ending in "/"`,
      'run "npx projen" to regenerate the file, and commit it');
  }
  return String(value);
}

/** The install check's inputs, validated: a hand-edited config.json cannot put options on pip's command line. */
export function installTarget(config: RuntimeConfig, channel: string, version: ReleaseVersion): InstallTarget {
  const indexes = config.indexes ?? {};
  // Own keys only: "constructor" or "__proto__" would find Object.prototype's.
  if (!Object.hasOwn(indexes, channel)) {
    const known = Object.keys(indexes);
    throw new ProjenMaturinError(`CHANNEL is ${quote(channel)}, which this release does not publish to${known.length ? `; allowed values: ${known.map((k) => quote(k)).join(', ')}` : ' (no index is configured)'}`);
  }
  const endpoints = indexes[channel as Channel]!;
  if (typeof config.packageName !== 'string' || !DISTRIBUTION_NAME.test(config.packageName)) {
    throw new ProjenMaturinError(`"packageName" in ${RELEASE_CONFIG_PATH} is ${JSON.stringify(config.packageName)}, which is not a valid distribution name`,
      'run "npx projen" to regenerate the file, and commit it');
  }
  if (typeof config.moduleName !== 'string' || !IMPORT_NAME.test(config.moduleName)) {
    throw new ProjenMaturinError(`"moduleName" in ${RELEASE_CONFIG_PATH} is ${JSON.stringify(config.moduleName)}, which is not a Python import name`,
      'run "npx projen" to regenerate the file, and commit it');
  }
  const simpleIndex = httpUrl(endpoints.simple, `indexes.${channel}.simple`);
  const jsonApi = httpUrl(endpoints.json, `indexes.${channel}.json`);
  return {
    requirement: `${config.packageName}==${version.pep440}`,
    moduleName: config.moduleName,
    simpleIndex,
    jsonApi,
    releaseJsonUrl: `${jsonApi}${encodeURIComponent(config.packageName)}/${encodeURIComponent(version.pep440)}/json`,
  };
}
