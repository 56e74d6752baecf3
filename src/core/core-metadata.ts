import { explain, validRange } from '@renovatebot/pep440';
import { Problem } from './archives';

/*
 * Core metadata (a wheel's METADATA, an sdist's PKG-INFO) as an upload sees it. The rules come
 * from three places, read at these commits:
 * - twine check (pypa/twine@f536ac5, twine/commands/check.py and twine/package.py): the file
 *   must parse with no unrecognised or malformed field and validate with
 *   packaging.metadata.Metadata.from_raw; with --strict, a missing long description or
 *   Description-Content-Type is a failure.
 * - packaging.metadata (pypa/packaging@053c884, src/packaging/metadata.py): parse_email and
 *   the per-field validators (`_process_*`), and which metadata version introduced each field.
 * - PyPI (pypi/warehouse@6b62157, warehouse/forklift/metadata.py `_validate_metadata`): the
 *   metadata versions it supports, no local versions, Summary length, URL fields, no direct
 *   references in *-Dist, the Dynamic field list, License vs License-Expression.
 * Not checked here, for want of the data or a Python: reStructuredText rendering, the trove
 * classifier list (only the "Private ::" prefix PyPI is known to refuse), SPDX license
 * identifiers, e-mail address syntax, and the full PEP 508 grammar of requirements.
 */

/** A parsed METADATA/PKG-INFO: header fields (lower-cased names, in order) and the body. */
export interface CoreMetadata {
  readonly fields: ReadonlyMap<string, readonly string[]>;
  readonly body: string;
}

/** The first value of a field. */
export function field(metadata: CoreMetadata, name: string): string | undefined {
  return metadata.fields.get(name.toLowerCase())?.[0];
}

/** Metadata versions PyPI accepts (warehouse/forklift/metadata.py SUPPORTED_METADATA_VERSIONS). */
export const PYPI_METADATA_VERSIONS = ['1.0', '1.1', '1.2', '2.1', '2.2', '2.3', '2.4', '2.5'];

// Each field: may it repeat, and the metadata version that introduced it (packaging.metadata).
const FIELDS: Record<string, { multiple: boolean; added: string }> = {
  'metadata-version': { multiple: false, added: '1.0' },
  'name': { multiple: false, added: '1.0' },
  'version': { multiple: false, added: '1.0' },
  'dynamic': { multiple: true, added: '2.2' },
  'platform': { multiple: true, added: '1.0' },
  'supported-platform': { multiple: true, added: '1.1' },
  'summary': { multiple: false, added: '1.0' },
  'description': { multiple: false, added: '1.0' },
  'description-content-type': { multiple: false, added: '2.1' },
  'keywords': { multiple: false, added: '1.0' },
  'home-page': { multiple: false, added: '1.0' },
  'download-url': { multiple: false, added: '1.1' },
  'author': { multiple: false, added: '1.0' },
  'author-email': { multiple: false, added: '1.0' },
  'maintainer': { multiple: false, added: '1.2' },
  'maintainer-email': { multiple: false, added: '1.2' },
  'license': { multiple: false, added: '1.0' },
  'license-expression': { multiple: false, added: '2.4' },
  'license-file': { multiple: true, added: '2.4' },
  'classifier': { multiple: true, added: '1.1' },
  'requires-dist': { multiple: true, added: '1.2' },
  'requires-python': { multiple: false, added: '1.2' },
  'requires-external': { multiple: true, added: '1.2' },
  'project-url': { multiple: true, added: '1.2' },
  'provides-extra': { multiple: true, added: '2.1' },
  'provides-dist': { multiple: true, added: '1.2' },
  'obsoletes-dist': { multiple: true, added: '1.2' },
  'import-name': { multiple: true, added: '2.5' },
  'import-namespace': { multiple: true, added: '2.5' },
  'requires': { multiple: true, added: '1.1' },
  'provides': { multiple: true, added: '1.1' },
  'obsoletes': { multiple: true, added: '1.1' },
};
const METADATA_VERSION_ORDER = ['1.0', '1.1', '1.2', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6'];

// warehouse/forklift/metadata.py DYNAMIC_FIELDS.
const DYNAMIC_FIELDS = new Set([
  'platform', 'supported-platform', 'summary', 'description', 'description-content-type', 'keywords', 'home-page',
  'download-url', 'author', 'author-email', 'maintainer', 'maintainer-email', 'license', 'license-expression',
  'license-file', 'classifier', 'requires-dist', 'requires-python', 'requires-external', 'project-url',
  'provides-extra', 'provides-dist', 'obsoletes-dist', 'requires', 'provides', 'obsoletes', 'import-name', 'import-namespace',
]);

// packaging.utils: a valid project (or extra) name.
const VALID_NAME = /^([a-z0-9]|[a-z0-9][a-z0-9._-]*[a-z0-9])$/i;

/**
 * Parses RFC 822-style metadata as Python's email parser (compat32) does: `Name: value` lines,
 * continuation lines folded into the previous value, the body after the first empty line
 * (or from the first line that is no header).
 */
export function parseCoreMetadata(bytes: Buffer): CoreMetadata | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const lines = text.split(/\r\n|\r|\n/);
  const fields = new Map<string, string[]>();
  let last: { values: string[]; index: number } | undefined;
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') {
      i += 1;
      break;
    }
    if (/^[ \t]/.test(line) && last) {
      last.values[last.index] += `\n${line}`;
      continue;
    }
    const header = /^([\x21-\x39\x3b-\x7e]+):[ \t]*(.*)$/.exec(line);
    if (!header) break;
    const name = header[1].toLowerCase();
    const values = fields.get(name) ?? [];
    values.push(header[2]);
    fields.set(name, values);
    last = { values, index: values.length - 1 };
  }
  const trimmed = new Map([...fields].map(([name, values]) => [name, values.map((v) => v.trimEnd())]));
  return { fields: trimmed, body: lines.slice(i).join('\n') };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Whether the metadata declares at least `version` (e.g. License-File counts from 2.4). */
export function declaresAtLeast(metadata: CoreMetadata, version: string): boolean {
  const declared = METADATA_VERSION_ORDER.indexOf(field(metadata, 'metadata-version') ?? '');
  return declared >= 0 && declared >= METADATA_VERSION_ORDER.indexOf(version);
}

/** The description: the body, or the Description header (packaging reads either, not both). */
export function description(metadata: CoreMetadata): string | undefined {
  return metadata.body !== '' ? metadata.body : field(metadata, 'description');
}

/**
 * What PyPI and `twine check --strict` refuse in this metadata. `rule` names the file
 * (METADATA or PKG-INFO) in the problems.
 */
export function coreMetadataProblems(metadata: CoreMetadata, rule: string): Problem[] {
  const problems: Problem[] = [];
  const add = (detail: string) => problems.push({ rule, detail });
  const strict = (detail: string) => problems.push({ rule: 'twine check --strict', detail: `${rule}: ${detail}` });

  const declared = field(metadata, 'metadata-version');
  const declaredAge = declared === undefined ? -1 : METADATA_VERSION_ORDER.indexOf(declared);
  for (const [name, values] of metadata.fields) {
    // Own keys only: the field names are the wheel's text.
    const known = Object.hasOwn(FIELDS, name) ? FIELDS[name] : undefined;
    if (!known) {
      add(`unrecognized field: '${name}'`);
      continue;
    }
    if (!known.multiple && values.length > 1) add(`'${name}' appears ${values.length} times; it may appear once`);
    // twine drops License-File below metadata 2.4 rather than refusing it (twine/package.py).
    if (name === 'license-file' && declaredAge >= 0 && declaredAge < METADATA_VERSION_ORDER.indexOf('2.4')) continue;
    if (declaredAge >= 0 && METADATA_VERSION_ORDER.indexOf(known.added) > declaredAge) {
      add(`${name} introduced in metadata version ${known.added}, not ${declared}`);
    }
  }
  if (metadata.body !== '' && metadata.fields.has('description')) add("'description' is both a header and the body; keep one");

  if (declared === undefined) add("'metadata-version' is a required field");
  else if (!PYPI_METADATA_VERSIONS.includes(declared)) add(`Metadata-Version ${declared} is not one PyPI accepts (${PYPI_METADATA_VERSIONS.join(', ')})`);

  const name = field(metadata, 'name');
  if (!name) add("'name' is a required field");
  else if (!VALID_NAME.test(name)) add(`'${name}' is invalid for 'name'`);

  const version = field(metadata, 'version');
  const parsedVersion = version ? explain(version) : undefined;
  if (!version) add("'version' is a required field");
  else if (!parsedVersion) add(`'${version}' is invalid for 'version' (not PEP 440)`);
  else if (parsedVersion.local) add(`The use of local versions in '${version}' is not allowed.`);

  const summary = field(metadata, 'summary');
  if (summary !== undefined && /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/.test(summary)) add("'summary' must be a single line");
  if (summary !== undefined && summary.length > 512) add("'summary' field must be 512 characters or less.");

  const contentType = field(metadata, 'description-content-type');
  if (contentType !== undefined) {
    const problem = contentTypeProblem(contentType);
    if (problem) add(problem);
  }

  for (const value of metadata.fields.get('dynamic') ?? []) {
    const dynamic = value.toLowerCase();
    if (['name', 'version', 'metadata-version'].includes(dynamic)) add(`'${dynamic}' is not allowed as a dynamic field`);
    else if (!DYNAMIC_FIELDS.has(dynamic)) add(`Dynamic field '${dynamic}' is not a valid dynamic field.`);
  }

  for (const extra of metadata.fields.get('provides-extra') ?? []) {
    if (!VALID_NAME.test(extra)) add(`'${extra}' is invalid for 'provides-extra'`);
  }

  const requiresPython = field(metadata, 'requires-python');
  if (requiresPython !== undefined && !validRange(requiresPython)) add(`'${requiresPython}' is invalid for 'requires-python'`);

  for (const dist of ['requires-dist', 'provides-dist', 'obsoletes-dist']) {
    for (const requirement of metadata.fields.get(dist) ?? []) {
      const head = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(@)?/.exec(requirement);
      if (!head || !VALID_NAME.test(head[1])) add(`'${requirement}' is invalid for '${dist}'`);
      else if (head[3]) add(`Can't have direct dependency: '${requirement}' (${dist}); PyPI accepts only requirements on released versions`);
    }
  }

  if (field(metadata, 'license') !== undefined && field(metadata, 'license-expression') !== undefined) {
    add('License is deprecated when License-Expression is present. Only License-Expression should be present.');
  }
  if (declaredAge >= METADATA_VERSION_ORDER.indexOf('2.4')) {
    for (const path of metadata.fields.get('license-file') ?? []) {
      const problem = licensePathProblem(path);
      if (problem) add(`'${path}' is invalid for 'license-file', ${problem}`);
    }
  }

  const labels = new Set<string>();
  for (const pair of metadata.fields.get('project-url') ?? []) {
    const comma = pair.indexOf(',');
    const label = (comma < 0 ? pair : pair.slice(0, comma)).trim();
    const url = comma < 0 ? '' : pair.slice(comma + 1).trim();
    if (labels.has(label)) add(`'project-url' has invalid data: the label '${label}' appears twice`);
    labels.add(label);
    if (!label) add(`'project-url' must have a label: '${pair}'`);
    else if (label.length > 32) add(`'project-url' label '${label}' must be 32 characters or less.`);
    else if (!url) add(`'project-url' '${label}' must have a URL`);
    else if (!isHttpUrl(url)) add(`'project-url' '${url}' is not a valid url`);
  }
  for (const urlField of ['home-page', 'download-url']) {
    const url = field(metadata, urlField);
    if (url !== undefined && !isHttpUrl(url)) add(`'${urlField}' '${url}' is not a valid url`);
  }

  for (const classifier of metadata.fields.get('classifier') ?? []) {
    // trove-classifiers leaves "Private ::" out on purpose, so PyPI refuses the upload.
    if (/^private\s*::/i.test(classifier)) add(`'${classifier}' is not a valid classifier. ("Private ::" classifiers exist to prevent uploads)`);
  }

  // twine check: warnings, which --strict turns into failures.
  // PyPI itself takes such an upload, but shows no description; the fix is one line of pyproject.toml.
  if (contentType === undefined) strict('`long_description_content_type` missing. defaulting to `text/x-rst` (set `readme = "README.md"` in [project])');
  const text = description(metadata);
  if (!text || text.trimEnd() === 'UNKNOWN') strict('`long_description` missing (set `readme = "README.md"` in [project])');
  return problems;
}

/** packaging.metadata `_process_description_content_type`. */
function contentTypeProblem(value: string): string | undefined {
  const [type, ...rest] = value.split(';');
  const mediaType = type.trim().toLowerCase();
  const allowed = ['text/plain', 'text/x-rst', 'text/markdown'];
  if (!allowed.includes(mediaType)) return `'description-content-type' must be one of ${allowed.join(', ')}, not '${value}'`;
  const params = new Map<string, string>();
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq < 0) return `'${value}' is not a valid content type for 'description-content-type'`;
    params.set(param.slice(0, eq).trim().toLowerCase(), param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  const charset = params.get('charset') ?? 'UTF-8';
  if (charset.toLowerCase() !== 'utf-8') return `'description-content-type' can only specify the UTF-8 charset, not '${charset}'`;
  const variant = params.get('variant') ?? 'GFM';
  if (mediaType === 'text/markdown' && !['GFM', 'CommonMark'].includes(variant)) {
    return `valid Markdown variants for 'description-content-type' are GFM, CommonMark, not '${variant}'`;
  }
  return undefined;
}

/** packaging.metadata `_process_license_files`. */
function licensePathProblem(path: string): string | undefined {
  if (path.includes('..')) return 'parent directory indicators are not allowed';
  if (path.includes('*')) return 'paths must be resolved';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.startsWith('\\')) return 'paths must be relative';
  if (path.includes('\\')) return "paths must use '/' delimiter";
  return undefined;
}
