#!/usr/bin/env node
/*
 * A stand-in for the GitHub CLI's `gh release` commands, backed by a state
 * directory (FAKE_GH_STATE) instead of GitHub. It behaves like GitHub with the
 * repository's "immutable releases" setting on or off:
 * - `release view/list --json` print the field names of cli/cli
 *   (pkg/cmd/release/shared/fetch.go, pkg/cmd/release/list): assets carry
 *   "digest": "sha256:<hex>" computed from the uploaded bytes (null with noDigests);
 * - uploads to a published immutable release fail with GitHub's 422 message;
 * - a deleted immutable release's tag name can never be used again;
 * - flags are parsed like pflag: unknown flags fail, "--" ends the flags.
 * `api` serves the git refs and tag objects of the repository (`tagCommits`
 * maps each tag to its commit), as `gh api` does: 404s on stderr, JSON on stdout.
 * `--generate-notes` writes notes as GitHub would generate them, starting at
 * `--notes-start-tag` when given.
 * Every call is appended to calls.jsonl; `publishBeforeUpload` publishes a
 * draft when its first file arrives; `failUploads` lists upload numbers
 * (1-based, counted over all runs) that fail with HTTP 502 and leave an
 * unfinished ("open") asset behind, as an interrupted upload does.
 */
const { createHash } = require('crypto');
const fs = require('fs');
const path = require('path');

const stateDir = process.env.FAKE_GH_STATE;
const stateFile = path.join(stateDir, 'state.json');
const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
const args = process.argv.slice(2);
fs.appendFileSync(path.join(stateDir, 'calls.jsonl'), `${JSON.stringify(args)}\n`);

const save = () => fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
function fail(message, code = 1) {
  save();
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
const api = `https://api.github.com/repos/${state.repo}`;

if (!process.env.GH_TOKEN) fail('gh: To use GitHub CLI in a GitHub Actions workflow, set the GH_TOKEN environment variable. Example:\n  env:\n    GH_TOKEN: ${{ github.token }}', 4);

function parse(rest, valueFlags, boolFlags) {
  const flags = {};
  const positional = [];
  let ended = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (ended) positional.push(a);
    else if (a === '--') ended = true;
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      let value = eq === -1 ? undefined : a.slice(eq + 1);
      if (valueFlags.includes(name)) {
        if (value === undefined) {
          if (i + 1 >= rest.length) fail(`flag needs an argument: --${name}`);
          value = rest[++i];
        }
      } else if (boolFlags.includes(name)) {
        value = value ?? 'true';
        if (value !== 'true' && value !== 'false') fail(`invalid argument "${value}" for "--${name}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
      } else {
        fail(`unknown flag: --${name}`);
      }
      flags[name] = value;
    } else if (a.startsWith('-') && a.length > 1) {
      fail(`unknown shorthand flag: '${a[1]}' in ${a}`);
    } else {
      positional.push(a);
    }
  }
  return { flags, positional };
}

const find = (tag) => state.releases.find((r) => r.tagName === tag);
const htmlUrl = (r) => `https://github.com/${state.repo}/releases/tag/${r.isDraft ? `untagged-${r.id}` : r.tagName}`;
const assetDir = (r) => path.join(stateDir, 'assets', String(r.id));

function assetJson(r, a) {
  return {
    apiUrl: `${api}/releases/assets/${a.id}`,
    contentType: 'application/octet-stream',
    createdAt: '2026-01-01T00:00:00Z',
    digest: a.digest,
    downloadCount: 0,
    id: `RA_${a.id}`,
    label: '',
    name: a.name,
    size: a.size,
    state: a.state,
    updatedAt: '2026-01-01T00:00:00Z',
    url: `https://github.com/${state.repo}/releases/download/${r.tagName}/${a.name}`,
  };
}

const VIEW_FIELDS = {
  apiUrl: (r) => `${api}/releases/${r.id}`,
  assets: (r) => r.assets.map((a) => assetJson(r, a)),
  body: (r) => r.body,
  createdAt: () => '2026-01-01T00:00:00Z',
  databaseId: (r) => r.id,
  id: (r) => `RE_${r.id}`,
  isDraft: (r) => r.isDraft,
  isImmutable: (r) => r.isImmutable,
  isPrerelease: (r) => r.isPrerelease,
  name: (r) => r.name,
  publishedAt: (r) => (r.isDraft ? null : '2026-01-01T00:00:00Z'),
  tagName: (r) => r.tagName,
  url: htmlUrl,
};
const LIST_FIELDS = {
  createdAt: () => '2026-01-01T00:00:00Z',
  isDraft: (r) => r.isDraft,
  isImmutable: (r) => r.isImmutable,
  isLatest: (r) => r.isLatest,
  isPrerelease: (r) => r.isPrerelease,
  name: (r) => r.name,
  publishedAt: () => '2026-01-01T00:00:00Z',
  tagName: (r) => r.tagName,
};

function exportJson(r, spec, fields) {
  const out = {};
  for (const f of spec.split(',')) {
    if (!(f in fields)) fail(`Unknown JSON field: "${f}"\nAvailable fields:\n  ${Object.keys(fields).join('\n  ')}`);
    out[f] = fields[f](r);
  }
  return out;
}

function publish(r, latestFlag) {
  r.isDraft = false;
  r.isImmutable = Boolean(state.immutable);
  if (!state.tags.includes(r.tagName)) state.tags.push(r.tagName);
  // GitHub makes a newly published release Latest unless make_latest is false; never a pre-release.
  if (latestFlag !== 'false' && !r.isPrerelease) {
    for (const other of state.releases) other.isLatest = false;
    r.isLatest = true;
  }
}

function upload(r, file, clobber) {
  const name = path.basename(file);
  // Someone presses "Publish release" while the files are being attached.
  if (state.publishBeforeUpload && r.isDraft) publish(r, undefined);
  const uploadUrl = `https://uploads.github.com/repos/${state.repo}/releases/${r.id}/assets?label=&name=${encodeURIComponent(name)}`;
  if (!r.isDraft && r.isImmutable) fail(`HTTP 422: Cannot upload assets to an immutable release. (${uploadUrl})`);
  const existing = r.assets.find((a) => a.name === name);
  if (existing && !clobber) fail(`asset under the same name already exists: [${name}]`);
  state.uploads += 1;
  const bytes = fs.readFileSync(file);
  r.assets = r.assets.filter((a) => a.name !== name);
  if ((state.failUploads || []).includes(state.uploads)) {
    r.assets.push({ id: state.nextId++, name, size: 0, digest: null, state: 'open' });
    fail(`HTTP 502: Bad Gateway (${uploadUrl})`);
  }
  fs.mkdirSync(assetDir(r), { recursive: true });
  fs.writeFileSync(path.join(assetDir(r), name), bytes);
  const digest = state.noDigests ? null : `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  r.assets.push({ id: state.nextId++, name, size: bytes.length, digest, state: 'uploaded' });
}

function applyDetails(r, flags) {
  if (flags.title !== undefined) r.name = flags.title;
  if (flags['notes-file'] !== undefined) r.body = fs.readFileSync(flags['notes-file'], 'utf8');
  if (flags.notes !== undefined) r.body = flags.notes;
  // GitHub appends its generated notes to any given ones.
  if (flags['generate-notes'] === 'true') r.body += `## What's Changed\n* Changes since ${flags['notes-start-tag'] ?? 'the previous release'}\n`;
  if (flags.prerelease !== undefined) r.isPrerelease = flags.prerelease === 'true';
}

/** `gh api [--method M] [-f k=v]… -- PATH`, for the git refs and tag objects `create-tag` uses. */
function apiCall(rest) {
  let method = 'GET';
  const fields = {};
  const positional = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--') positional.push(...rest.slice(i + 1)), (i = rest.length);
    else if (a.startsWith('--method=')) method = a.slice('--method='.length);
    else if (a === '--method' || a === '-X') method = rest[++i];
    else if (a === '-f' || a === '--raw-field') {
      const [k, ...v] = rest[++i].split('=');
      fields[k] = v.join('=');
    } else if (a.startsWith('-')) fail(`unknown flag: ${a}`);
    else positional.push(a);
  }
  const path = positional[0] ?? '';
  const prefix = `repos/${state.repo}/git/`;
  if (!path.startsWith(prefix)) fail(`gh: Not Found (HTTP 404)\n{"message":"Not Found","status":"404"}`);
  const rest2 = path.slice(prefix.length);
  state.tagCommits = state.tagCommits || {};
  state.tagObjects = state.tagObjects || {};
  const notFound = () => fail('gh: Not Found (HTTP 404)');
  if (method === 'GET' && rest2.startsWith('ref/tags/')) {
    const tag = rest2.slice('ref/tags/'.length).split('/').map(decodeURIComponent).join('/');
    if (!state.tags.includes(tag)) notFound();
    const object = Object.entries(state.tagObjects).find(([, o]) => o.tag === tag && o.ref);
    const out = object ? { ref: `refs/tags/${tag}`, object: { sha: object[0], type: 'tag' } } : { ref: `refs/tags/${tag}`, object: { sha: state.tagCommits[tag] ?? '0'.repeat(40), type: 'commit' } };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else if (method === 'GET' && rest2.startsWith('tags/')) {
    const object = state.tagObjects[rest2.slice('tags/'.length)];
    if (!object) notFound();
    process.stdout.write(`${JSON.stringify({ sha: rest2.slice(5), tag: object.tag, object: { sha: object.commit, type: 'commit' } })}\n`);
  } else if (method === 'POST' && rest2 === 'tags') {
    if (!/^[0-9a-f]{40}$/.test(fields.object ?? '')) fail('gh: Validation Failed (HTTP 422)');
    const sha = createHash('sha1').update(`${fields.tag}:${fields.object}:${Object.keys(state.tagObjects).length}`).digest('hex');
    state.tagObjects[sha] = { tag: fields.tag, commit: fields.object, message: fields.message };
    process.stdout.write(`${JSON.stringify({ sha, tag: fields.tag })}\n`);
  } else if (method === 'POST' && rest2 === 'refs') {
    const tag = (fields.ref ?? '').replace(/^refs\/tags\//, '');
    if (state.tags.includes(tag)) fail('gh: Reference already exists (HTTP 422)');
    const object = state.tagObjects[fields.sha];
    if (!object) fail('gh: Object does not exist (HTTP 422)');
    object.ref = true;
    state.tags.push(tag);
    state.tagCommits[tag] = object.commit;
    process.stdout.write(`${JSON.stringify({ ref: fields.ref, object: { sha: fields.sha, type: 'tag' } })}\n`);
  } else {
    notFound();
  }
}

const [group, command, ...rest] = args;
if (group === 'api') {
  apiCall(args.slice(1));
  save();
  process.exit(0);
}
if (group !== 'release') fail(`unknown command "${group}" for "gh"`);
switch (command) {
  case 'view': {
    const { flags, positional } = parse(rest, ['json', 'repo'], ['web']);
    const r = find(positional[0]);
    if (!r) fail('release not found');
    process.stdout.write(flags.json ? `${JSON.stringify(exportJson(r, flags.json, VIEW_FIELDS))}\n` : `${r.name}\n${r.body}\n`);
    break;
  }
  case 'list': {
    const { flags } = parse(rest, ['json', 'limit', 'repo', 'order'], ['exclude-drafts', 'exclude-pre-releases']);
    const releases = state.releases.slice().reverse().slice(0, Number(flags.limit ?? 30));
    process.stdout.write(`${JSON.stringify(releases.map((r) => exportJson(r, flags.json ?? 'tagName', LIST_FIELDS)))}\n`);
    break;
  }
  case 'create': {
    const { flags, positional } = parse(rest, ['title', 'notes-file', 'notes', 'notes-start-tag', 'target', 'repo'], ['draft', 'prerelease', 'latest', 'verify-tag', 'generate-notes']);
    const [tag, ...files] = positional;
    if (!tag) fail('could not create: no tag name provided');
    if (state.burnedTags.includes(tag)) {
      fail(`HTTP 422: Validation Failed (${api}/releases)\nRelease.tag_name was used by an immutable release`);
    }
    if (flags['verify-tag'] === 'true' && !state.tags.includes(tag)) fail(`tag ${tag} doesn't exist in the repo ${state.repo}, aborting due to --verify-tag flag`);
    if (state.releases.some((r) => r.tagName === tag && !r.isDraft)) fail(`a release with the same tag name already exists: ${tag}`);
    const r = { id: state.nextId++, tagName: tag, name: tag, body: '', isDraft: true, isPrerelease: false, isImmutable: false, isLatest: false, assets: [] };
    applyDetails(r, flags);
    state.releases.push(r);
    // gh creates a release with files as a draft, uploads them, then publishes it.
    for (const file of files) upload(r, file, false);
    if (flags.draft !== 'true') publish(r, flags.latest);
    process.stdout.write(`${htmlUrl(r)}\n`);
    break;
  }
  case 'upload': {
    const { flags, positional } = parse(rest, ['repo'], ['clobber']);
    const [tag, ...files] = positional;
    const r = find(tag);
    if (!r) fail('release not found');
    for (const file of files) upload(r, file, flags.clobber === 'true');
    break;
  }
  case 'edit': {
    const { flags, positional } = parse(rest, ['title', 'notes-file', 'notes', 'tag', 'target', 'repo'], ['draft', 'prerelease', 'latest', 'verify-tag']);
    const r = find(positional[0]);
    if (!r) fail('release not found');
    // The text of this 422 is not documented; the status is (an immutable release cannot become a draft again).
    if (!r.isDraft && r.isImmutable && flags.draft === 'true') fail(`HTTP 422: Validation Failed (${api}/releases/${r.id})\nRelease.draft cannot be changed on an immutable release`);
    applyDetails(r, flags);
    if (r.isDraft && flags.draft === 'false') publish(r, flags.latest);
    else if (!r.isDraft && flags.latest !== undefined && !r.isPrerelease) {
      for (const other of state.releases) other.isLatest = other === r ? flags.latest === 'true' : (flags.latest === 'true' ? false : other.isLatest);
    }
    process.stdout.write(`${htmlUrl(r)}\n`);
    break;
  }
  case 'delete': {
    const { positional } = parse(rest, ['repo'], ['yes', 'cleanup-tag']);
    const r = find(positional[0]);
    if (!r) fail('release not found');
    state.releases = state.releases.filter((x) => x !== r);
    if (r.isImmutable) state.burnedTags.push(r.tagName);
    break;
  }
  case 'download': {
    const { flags, positional } = parse(rest, ['pattern', 'dir', 'repo'], ['clobber', 'skip-existing']);
    const r = find(positional[0]);
    if (!r) fail('release not found');
    const glob = new RegExp(`^${(flags.pattern ?? '*').replace(/\\(.)|([.+^${}()|])|(\*)|(\?)/g, (_, esc, lit, star, q) =>
      esc ? esc.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : lit ? `\\${lit}` : star ? '.*' : q ? '.' : '')}$`);
    const matched = r.assets.filter((a) => glob.test(a.name));
    if (matched.length === 0) fail('no assets match the file pattern');
    const dir = flags.dir ?? '.';
    fs.mkdirSync(dir, { recursive: true });
    for (const a of matched) fs.copyFileSync(path.join(assetDir(r), a.name), path.join(dir, a.name));
    break;
  }
  default:
    fail(`unknown command "${command}" for "gh release"`);
}
save();
