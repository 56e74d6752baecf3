import { createHash } from 'crypto';
import { explain, eq } from '@renovatebot/pep440';
import { ArchiveReaders, Problem, ZipEntry } from './archives';
import { CoreMetadata, coreMetadataProblems, declaresAtLeast, field, parseCoreMetadata } from './core-metadata';
import { normalizeDistributionName } from './distributions';
import { ReleaseVersion } from './version';
import { zipLayoutProblem } from './zip-layout';

/*
 * What PyPI, pip and the wheel specification require of a wheel before it is uploaded.
 * Sources (read at these commits):
 * - PyPI: pypi/warehouse@6b62157 warehouse/forklift/legacy.py (`_is_valid_dist_file`: ZIP
 *   framing, compression, WHEEL present; `file_upload`: file name, platform tags, name and
 *   version against METADATA, License-File, RECORD present, entry points) and
 *   warehouse/utils/wheel.py (`validate_record`, `validate_entrypoints`).
 * - The binary distribution format (packaging.python.org/specifications/binary-distribution-format,
 *   PEP 427/491): file name and compressed tag sets, WHEEL fields, RECORD hashes and sizes,
 *   the signature files RECORD.jws and RECORD.p7s, which RECORD does not list.
 * - pip: one `.dist-info` directory per wheel (pip/_internal/utils/wheel.py `wheel_dist_info_dir`).
 */

/** A wheel file name, parsed as packaging.utils.parse_wheel_filename does. */
export interface WheelName {
  /** Name and version as written in the file name (they also name the .dist-info directory). */
  readonly name: string;
  readonly version: string;
  readonly build?: string;
  /** Every tag the compressed tag set stands for, e.g. `cp312-cp312-manylinux_2_17_x86_64`. */
  readonly tags: readonly string[];
  readonly platformTags: readonly string[];
}

export function parseWheelName(file: string): WheelName | string {
  if (!file.endsWith('.whl')) return `Invalid wheel filename (extension must be '.whl'): '${file}'`;
  const parts = file.slice(0, -4).split('-');
  if (parts.length !== 5 && parts.length !== 6) return `Invalid wheel filename (wrong number of parts): '${file}'`;
  const [name, version] = parts;
  if (name.includes('__') || !/^[\w.]*$/u.test(name)) return `Invalid project name: '${file}'`;
  if (!explain(version)) return `Invalid wheel filename (invalid version): '${file}'`;
  const build = parts.length === 6 ? parts[2] : undefined;
  if (build !== undefined && !/^\d/.test(build)) return `Invalid build number: ${build} in '${file}'`;
  const [python, abi, platform] = parts.slice(-3).map((set) => set.split('.'));
  if ([...python, ...abi, ...platform].some((tag) => tag === '')) return `Invalid wheel filename (empty tag): '${file}'`;
  return { name, version, build, tags: expandTagSet(parts.slice(-3).join('-')), platformTags: platform };
}

/** `cp39.cp310-abi3-a.b` → every `python-abi-platform` it stands for (PEP 425 compressed tag sets), sorted. */
export function expandTagSet(tagSet: string): string[] {
  const [python, abi, platform] = tagSet.split('-').map((set) => set.split('.'));
  if (platform === undefined) return [tagSet];
  return [...new Set(python.flatMap((p) => abi.flatMap((a) => platform.map((t) => `${p}-${a}-${t}`))))].sort();
}

// warehouse/forklift/legacy.py `_valid_platform_tag` and the lists it uses.
const ALLOWED_PLATFORMS = new Set([
  'any', 'win32', 'win_arm64', 'win_amd64', 'win_ia64', 'manylinux1_x86_64', 'manylinux1_i686', 'manylinux2010_x86_64',
  'manylinux2010_i686', 'manylinux2014_x86_64', 'manylinux2014_i686', 'manylinux2014_aarch64', 'manylinux2014_armv7l',
  'manylinux2014_ppc64', 'manylinux2014_ppc64le', 'manylinux2014_s390x', 'linux_armv6l', 'linux_armv7l',
]);
const MACOSX_ARCHES = new Set(['ppc', 'ppc64', 'i386', 'x86_64', 'arm64', 'intel', 'fat', 'fat3', 'fat64', 'universal', 'universal2']);
const MACOSX_MAJORS = new Set(['11', '12', '13', '14', '15', '26']);
const LINUX_ARCHES = ['x86_64', 'i686', 'aarch64', 'armv7l', 'ppc64le', 's390x', 'riscv64'];
const MANYLINUX_ARCHES = new Set([...LINUX_ARCHES, 'ppc64']);
const MUSLLINUX_ARCHES = new Set(LINUX_ARCHES);

/** Whether PyPI accepts a wheel platform tag (e.g. it refuses plain `linux_x86_64`). */
export function pypiAcceptsPlatformTag(tag: string): boolean {
  if (ALLOWED_PLATFORMS.has(tag)) return true;
  const mac = /^macosx_(\d+)_(\d+)_(.*)/.exec(tag);
  if (mac && MACOSX_ARCHES.has(mac[3]) && (mac[1] === '10' || (MACOSX_MAJORS.has(mac[1]) && mac[2] === '0'))) return true;
  const linux = /^(many|musl)linux_(\d+)_(\d+)_(.*)/.exec(tag);
  if (linux) return (linux[1] === 'musl' ? MUSLLINUX_ARCHES : MANYLINUX_ARCHES).has(linux[4]);
  const ios = /^ios_(\d+)_(\d+)_(.*)_(iphoneos|iphonesimulator)/.exec(tag);
  if (ios && ['arm64', 'x86_64'].includes(ios[3])) return true;
  const android = /^android_(\d+)_(.*)/.exec(tag);
  if (android && ['armeabi_v7a', 'arm64_v8a', 'x86', 'x86_64'].includes(android[2])) return true;
  return /^pyemscripten_(\d+)_(\d+)_wasm32/.test(tag);
}

/** What the checks compare a distribution with. */
export interface ReleaseExpectation {
  readonly packageName: string;
  readonly version: ReleaseVersion;
}

/** Python's csv.reader on one line (the default "excel" dialect RECORD is written in). */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      current += '"';
      i += 1;
    } else if (c === '"' && (quoted || current === '')) {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      fields.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  fields.push(current);
  return fields;
}

// Python's hashlib names (as RECORD writes them) → node's; md5 and sha1 are forbidden by the spec.
const RECORD_HASHES: Record<string, string> = {
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  sha3_256: 'sha3-256',
  sha3_384: 'sha3-384',
  sha3_512: 'sha3-512',
  blake2b: 'blake2b512',
  blake2s: 'blake2s256',
};

const urlsafe = (digest: Buffer) => digest.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A file's size, and its hashes (urlsafe base64, no padding) in the algorithms RECORD uses. */
export interface FileDigests {
  readonly size: number;
  readonly hashes: Readonly<Record<string, string>>;
}

/** The hash algorithms a RECORD names that this check can compute (Python's names). */
export function recordAlgorithms(record: string): string[] {
  const names = record.split(/\r\n|\r|\n/).map((line) => parseCsvLine(line)[1]?.split('=')[0] ?? '');
  // Own keys only: a RECORD is the wheel's text, and "constructor" is in every object.
  return [...new Set(names)].filter((name) => Object.hasOwn(RECORD_HASHES, name));
}

export function digests(data: Buffer, algorithms: readonly string[]): FileDigests {
  return { size: data.length, hashes: Object.fromEntries(algorithms.map((a) => [a, urlsafe(createHash(RECORD_HASHES[a]).update(data).digest())])) };
}

/** RECORD against the archive's files (wheel spec; warehouse/utils/wheel.py `_validate_record`). */
/** `files`: every file in the wheel, with its digests (undefined when it could not be read, reported elsewhere). */
export function recordProblems(record: string, recordPath: string, files: ReadonlyMap<string, FileDigests | undefined>): Problem[] {
  const problems: Problem[] = [];
  const add = (detail: string) => problems.push({ rule: 'RECORD', detail });
  const distInfo = recordPath.slice(0, recordPath.lastIndexOf('/'));
  const signatures = new Set([`${distInfo}/RECORD.jws`, `${distInfo}/RECORD.p7s`]);
  const listed = new Set<string>();
  record.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (line === '') return;
    const row = parseCsvLine(line);
    if (row.length !== 3) {
      add(`line ${index + 1} is not "path,hash,size": ${JSON.stringify(line)}`);
      return;
    }
    const [rawPath, hash, size] = row;
    const path = rawPath.replace(/\\/g, '/');
    if (listed.has(path)) add(`lists ${path} twice`);
    listed.add(path);
    if (path === recordPath) return; // RECORD cannot hold its own hash.
    if (!files.has(path)) {
      add(`lists ${path}, which is not in the wheel`);
      return;
    }
    const data = files.get(path);
    if (!data) return;
    if (hash === '') {
      add(`${path} has no hash`);
    } else {
      const at = hash.indexOf('=');
      const algorithm = at < 0 ? hash : hash.slice(0, at);
      const value = at < 0 ? '' : hash.slice(at + 1);
      const actual = Object.hasOwn(data.hashes, algorithm) ? data.hashes[algorithm] : undefined;
      if (actual === undefined) {
        add(`${path} is hashed with '${algorithm}'; the wheel spec requires sha256 or stronger (sha256, sha384, sha512)`);
      } else {
        if (value !== actual) {
          add(value.replace(/=+$/, '') === actual
            ? `${path}: the hash has '=' padding, which the wheel spec leaves out (urlsafe base64 without padding)`
            : `${path}: RECORD says ${algorithm}=${value}, the file has ${algorithm}=${actual}`);
        }
      }
    }
    if (!/^\d+$/.test(size)) add(`${path} has no size (${JSON.stringify(size)})`);
    else if (Number(size) !== data.size) add(`${path}: RECORD says ${size} bytes, the file has ${data.size}`);
  });
  for (const path of files.keys()) {
    if (!listed.has(path) && !signatures.has(path)) add(`does not list ${path}`);
  }
  return problems;
}

/** entry_points.txt as PyPI reads it (configparser with `=`; script names `[\w.-]+`). */
export function entryPointProblems(text: string): Problem[] {
  const problems: Problem[] = [];
  const add = (detail: string) => problems.push({ rule: 'entry_points.txt', detail });
  const sections = new Set<string>();
  let section: string | undefined;
  let keys = new Set<string>();
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (/^\s*([#;].*)?$/.test(line)) return;
    if (/^\s/.test(line) && section !== undefined) return; // continuation of a value
    const header = /^\[([^\]]*)\]/.exec(line);
    if (header) {
      section = header[1];
      if (sections.has(section)) add(`line ${index + 1}: section [${section}] appears twice`);
      sections.add(section);
      keys = new Set();
      return;
    }
    if (section === undefined) {
      add(`line ${index + 1}: an entry before any [section] header`);
      return;
    }
    const at = line.indexOf('=');
    if (at < 0) {
      add(`line ${index + 1}: not "name = value": ${JSON.stringify(line)}`);
      return;
    }
    const name = line.slice(0, at).trim();
    if (keys.has(name)) add(`line ${index + 1}: '${name}' appears twice in [${section}]`);
    keys.add(name);
    if ((section === 'console_scripts' || section === 'gui_scripts') && !/^[\w.-]+$/u.test(name)) {
      add(`Invalid entry point name '${name}' in '${section}'`);
    }
  });
  return problems;
}

/** WHEEL against the file name (wheel spec: Wheel-Version, Root-Is-Purelib, Tag, Build). */
export function wheelFileProblems(wheel: CoreMetadata, name: WheelName): Problem[] {
  const problems: Problem[] = [];
  const add = (detail: string) => problems.push({ rule: 'WHEEL', detail });
  const wheelVersion = field(wheel, 'wheel-version');
  if (wheelVersion === undefined) add('has no Wheel-Version');
  else if (!/^1\.\d+$/.test(wheelVersion)) add(`Wheel-Version is ${wheelVersion}; installers read 1.x`);
  const purelib = field(wheel, 'root-is-purelib');
  // pip compares it lower-cased (pip/_internal/utils/wheel.py), so `True` installs too.
  if (purelib === undefined) add('has no Root-Is-Purelib');
  else if (!['true', 'false'].includes(purelib.toLowerCase())) add(`Root-Is-Purelib is '${purelib}', not true or false`);
  // maturin 1.8 wrote an abi3 wheel's compressed tag set on one Tag line (seen on PyPI): expand it too.
  const tags = new Set((wheel.fields.get('tag') ?? []).flatMap(expandTagSet));
  const missing = name.tags.filter((tag) => !tags.has(tag));
  const extra = [...tags].filter((tag) => !name.tags.includes(tag)).sort();
  if (missing.length > 0) add(`has no Tag line for ${missing.join(', ')}, which the file name promises`);
  if (extra.length > 0) add(`has Tag ${extra.join(', ')}, which the file name does not have`);
  const build = field(wheel, 'build');
  if (build !== name.build) add(`Build is ${build ?? 'absent'}, the file name's build tag is ${name.build ?? 'absent'}`);
  return problems;
}

function utf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function versionsEqual(a: string, b: string): boolean {
  return explain(a) !== null && explain(b) !== null && eq(a, b);
}

/** Name and Version in core metadata against the file name and the release (warehouse `file_upload`). */
export function nameAndVersionProblems(
  metadata: CoreMetadata, rule: string, fileName: string, fileVersion: string, release: ReleaseExpectation,
): Problem[] {
  const problems: Problem[] = [];
  const name = field(metadata, 'name');
  const version = field(metadata, 'version');
  if (name && normalizeDistributionName(name) !== normalizeDistributionName(fileName)) {
    problems.push({ rule, detail: `Name is ${name}, but the file is named for ${fileName}` });
  }
  if (version && explain(version)) {
    if (!versionsEqual(version, fileVersion)) problems.push({ rule, detail: `Version is ${version}, but the file name says ${fileVersion}` });
    if (!versionsEqual(version, release.version.pep440)) problems.push({ rule, detail: `Version is ${version}, but this release is ${release.version.pep440}` });
  }
  return problems;
}

async function readEntry(entry: ZipEntry, problems: Problem[]): Promise<Buffer | undefined> {
  try {
    return await entry.read();
  } catch (e) {
    problems.push({ rule: 'ZIP archive', detail: `${entry.name} cannot be read: ${(e as Error).message}` });
    return undefined;
  }
}

// warehouse/forklift/legacy.py: a ZIP bomb guard.
const RATIO_MIN_SIZE = 64 * 1024 * 1024;
const RATIO_THRESHOLD = 50;

/** The archive's entries as installers read them, and what PyPI refuses about the archive itself. */
async function archiveProblems(bytes: Buffer, readers: ArchiveReaders, problems: Problem[]): Promise<ZipEntry[] | undefined> {
  const tryRead = async (archive: Buffer) => readers.zip(archive).catch((e: Error) => e);
  let entries = await tryRead(bytes);
  const layout = zipLayoutProblem(bytes, entries instanceof Error ? undefined : entries);
  if (layout) problems.push({ rule: "PyPI's ZIP rules", detail: layout.detail ? `${layout.reason}: ${layout.detail}` : layout.reason });
  else if (entries instanceof Error) problems.push({ rule: 'ZIP archive', detail: `not a readable ZIP archive (${entries.message})` });
  // With bytes appended, the archive before them still says what else is wrong.
  if (entries instanceof Error && layout?.archiveEnd !== undefined) entries = await tryRead(bytes.subarray(0, layout.archiveEnd));
  if (entries instanceof Error) return undefined;

  const unsupported = entries.filter((e) => e.compressionMethod !== 0 && e.compressionMethod !== 8);
  if (unsupported.length > 0) {
    const list = unsupported.map((e) => `${e.name} (method ${e.compressionMethod})`).join(', ');
    problems.push({ rule: 'ZIP archive', detail: `File does not use a supported compression type: ${list}; PyPI takes stored or deflated entries` });
  }
  const expanded = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (expanded > RATIO_MIN_SIZE && expanded / bytes.length > RATIO_THRESHOLD) {
    problems.push({ rule: 'ZIP archive', detail: `File exceeds compression ratio of ${RATIO_THRESHOLD} (${expanded} bytes from ${bytes.length})` });
  }
  return entries;
}

function fileNameProblems(name: WheelName | string, release: ReleaseExpectation): Problem[] {
  if (typeof name === 'string') return [{ rule: 'file name', detail: name }];
  const problems: Problem[] = [];
  const normalized = normalizeDistributionName(release.packageName);
  if (name.name !== normalized) problems.push({ rule: 'file name', detail: `should contain the normalized project name '${normalized}', not '${name.name}'` });
  for (const tag of name.platformTags) {
    if (!pypiAcceptsPlatformTag(tag)) problems.push({ rule: 'file name', detail: `has a platform tag PyPI does not accept: '${tag}'` });
  }
  return problems;
}

/** Every rule a wheel breaks; empty when PyPI and installers would take it. */
export async function wheelProblems(file: string, bytes: Buffer, release: ReleaseExpectation, readers: ArchiveReaders): Promise<Problem[]> {
  const name = parseWheelName(file);
  const problems = fileNameProblems(name, release);
  const entries = await archiveProblems(bytes, readers, problems);
  if (!entries || typeof name === 'string') return problems;

  // PyPI looks for the .dist-info directory named by the file name as written.
  const distInfo = `${name.name}-${name.version}.dist-info`;
  const infoDirs = [...new Set(entries.map((e) => e.name.split('/')[0]).filter((top) => top.endsWith('.dist-info')))].sort();
  if (infoDirs.length > 1) problems.push({ rule: '.dist-info', detail: `multiple .dist-info directories found: ${infoDirs.join(', ')}` });
  const fileEntries = entries.filter((e) => !e.name.endsWith('/'));
  const inDistInfo = (e: ZipEntry) => e.name.startsWith(`${distInfo}/`);
  // The .dist-info files are small and kept; every other file is hashed and let go, one at a time.
  const metadataFiles = new Map<string, Buffer | undefined>();
  for (const entry of fileEntries.filter(inDistInfo)) metadataFiles.set(entry.name, await readEntry(entry, problems));
  const read = (base: string) => metadataFiles.get(`${distInfo}/${base}`);

  const wheel = read('WHEEL');
  const wheelFields = wheel && parseCoreMetadata(wheel);
  if (!wheel) problems.push({ rule: 'WHEEL', detail: `WHEEL not found at ${distInfo}/WHEEL` });
  else if (!wheelFields) problems.push({ rule: 'WHEEL', detail: 'is not UTF-8 text' });
  else problems.push(...wheelFileProblems(wheelFields, name));

  const metadataBytes = read('METADATA');
  const metadata = metadataBytes && parseCoreMetadata(metadataBytes);
  if (!metadataBytes) {
    problems.push({ rule: 'METADATA', detail: `Wheel does not contain the required METADATA file: ${distInfo}/METADATA` });
  } else if (!metadata) {
    problems.push({ rule: 'METADATA', detail: 'is not UTF-8 text' });
  } else {
    problems.push(...coreMetadataProblems(metadata, 'METADATA'));
    problems.push(...nameAndVersionProblems(metadata, 'METADATA', name.name, name.version, release));
    for (const license of declaresAtLeast(metadata, '2.4') ? metadata.fields.get('license-file') ?? [] : []) {
      const path = `${distInfo}/licenses/${license}`;
      if (!fileEntries.some((e) => e.name === path)) {
        problems.push({ rule: 'METADATA', detail: `License-File ${license} does not exist in distribution file ${file} at ${path}` });
      }
    }
  }

  const recordPath = `${distInfo}/RECORD`;
  const record = read('RECORD');
  const recordText = record && utf8(record);
  if (!record) {
    problems.push({ rule: 'RECORD', detail: `Wheel does not contain the required RECORD file: ${recordPath}` });
  } else if (recordText === undefined) {
    problems.push({ rule: 'RECORD', detail: 'is not UTF-8 text' });
  } else {
    const algorithms = recordAlgorithms(recordText);
    const files = new Map<string, FileDigests | undefined>();
    for (const entry of fileEntries) {
      const data = inDistInfo(entry) ? metadataFiles.get(entry.name) : await readEntry(entry, problems);
      files.set(entry.name, data && digests(data, algorithms));
    }
    problems.push(...recordProblems(recordText, recordPath, files));
  }

  const entryPoints = read('entry_points.txt');
  const entryPointsText = entryPoints && utf8(entryPoints);
  if (entryPoints && entryPointsText === undefined) problems.push({ rule: 'entry_points.txt', detail: 'entry_points.txt is not decodable as UTF-8' });
  else if (entryPointsText) problems.push(...entryPointProblems(entryPointsText));
  return problems;
}
