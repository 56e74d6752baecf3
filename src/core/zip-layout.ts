/**
 * PyPI's ZIP framing rules ("ZIP archive not accepted: …", enforced on upload since 2025).
 *
 * Source: pypi/warehouse, warehouse/utils/zipfiles.py `_validate_zipfile` (called from
 * warehouse/forklift/legacy.py `_is_valid_dist_file`), read at commit 6b62157. PyPI parses
 * each archive twice – once through the central directory (as pip and installers do) and
 * once by walking the local file headers from the first byte (as streaming unzippers do) –
 * and refuses any archive on which the two could disagree. The central-directory side comes
 * from the ZIP library (`ZipEntry`); this module is the walk. It reads only record headers,
 * in the order PyPI does, and returns PyPI's own reason so the message matches what an
 * upload would answer. Record layouts: APPNOTE.TXT 4.3.7 (local file header), 4.3.12
 * (central directory header), 4.3.14–4.3.16 (ZIP64 end records and end of central directory).
 */

const SIG_CENTRAL_DIRECTORY = 0x02014b50;
const SIG_LOCAL_FILE = 0x04034b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const ZIP64_EXTRA = 0x0001;
const UNICODE_PATH_EXTRA = 0x7075;
const ZIP32_MAX = 0xffffffff;

/** What the central directory (read by the library) says about one entry. */
export interface CentralEntrySizes {
  readonly nameRaw: Uint8Array;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
}

/** PyPI's reason, and where it was found (for the message). */
export interface ZipLayoutProblem {
  readonly reason: string;
  readonly detail?: string;
  /** For trailing data: where the archive proper ends, so its contents can still be checked. */
  readonly archiveEnd?: number;
}

class Refused extends Error {
  constructor(readonly reason: string, readonly detail?: string) {
    super(reason);
  }
}

const MALFORMED = 'Malformed zip file';

function hasUnprintable(bytes: Uint8Array): boolean {
  return bytes.some((b) => b < 0x20 || b === 0x7f);
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const key = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
/** A name for messages, whatever its bytes (invalid UTF-8 shows as U+FFFD). */
const shown = (bytes: Uint8Array) => JSON.stringify(new TextDecoder().decode(bytes));

/** Reads records front to back; a read past the end is "Malformed zip file", as in PyPI's `_read_check`. */
class Cursor {
  offset = 0;
  constructor(private readonly bytes: Buffer) {}

  take(length: number): Buffer {
    if (this.offset + length > this.bytes.length) throw new Refused(MALFORMED, 'a record runs past the end of the file');
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  /** Moves on without reading (PyPI seeks, which may pass the end; the next read then fails). */
  skip(length: number): void {
    this.offset += length;
  }

  get atEnd(): boolean {
    return this.offset === this.bytes.length;
  }

  get length(): number {
    return this.bytes.length;
  }
}

function u64(buffer: Buffer, at: number): number {
  const value = buffer.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Refused(MALFORMED, 'a ZIP64 size or offset is impossibly large');
  return Number(value);
}

/** `_handle_local_file_header`: returns the entry's name bytes. */
function localFileHeader(cursor: Cursor, central: ReadonlyMap<string, CentralEntrySizes> | undefined): Uint8Array {
  const header = cursor.take(26);
  const flags = header.readUInt16LE(2);
  const method = header.readUInt16LE(4);
  let compressedSize = header.readUInt32LE(14);
  let fileSize = header.readUInt32LE(18);
  const name = cursor.take(header.readUInt16LE(22));
  let extra = cursor.take(header.readUInt16LE(24));
  if (hasUnprintable(name)) throw new Refused('Invalid character in filename', shown(name));

  const seen = new Set<number>();
  while (extra.length > 0) {
    if (extra.length < 4) throw new Refused(MALFORMED, 'a truncated extra field in a local file header');
    const id = extra.readUInt16LE(0);
    const size = extra.readUInt16LE(2);
    if (size + 4 > extra.length) throw new Refused(MALFORMED, 'an extra field longer than its header says');
    if (seen.has(id) && (id === ZIP64_EXTRA || id === UNICODE_PATH_EXTRA)) throw new Refused('Invalid duplicate extra in local file');
    seen.add(id);
    if (id === ZIP64_EXTRA) {
      if (![0, 8, 16, 24, 28].includes(size)) throw new Refused(MALFORMED, 'a ZIP64 extra field of an invalid length');
      if (size === 0) {
        if (compressedSize === ZIP32_MAX || fileSize === ZIP32_MAX) throw new Refused(MALFORMED, 'a ZIP64 size placeholder without a ZIP64 size');
      } else if (size === 8) {
        // Only the uncompressed size: valid only for stored (uncompressed) data.
        if (method !== 0) throw new Refused(MALFORMED, 'a compressed entry whose ZIP64 extra lacks the compressed size');
        const uncompressed = u64(extra, 4);
        compressedSize = uncompressed;
        if (fileSize === ZIP32_MAX) fileSize = uncompressed;
      } else {
        if (fileSize === ZIP32_MAX) fileSize = u64(extra, 4);
        compressedSize = u64(extra, 12);
      }
    } else if (id === UNICODE_PATH_EXTRA) {
      const unicodeName = extra.subarray(9, 4 + size);
      if (hasUnprintable(unicodeName)) throw new Refused('Invalid character in filename');
      if (decodeUtf8(unicodeName) === undefined) throw new Refused('Filename not valid UTF-8');
    }
    extra = extra.subarray(size + 4);
  }

  // General purpose flag bit 3: sizes and CRC follow the data (streaming mode).
  if (Math.floor(flags / 8) % 2 === 1) throw new Refused('ZIP contains a data descriptor', shown(name));
  if (decodeUtf8(name) === undefined) throw new Refused('Filename not unicode', shown(name));
  if (central) {
    const listed = central.get(key(name));
    if (!listed) throw new Refused('Filename not in central directory', shown(name));
    if (listed.compressedSize !== compressedSize) {
      throw new Refused('Mis-matched data size', `${shown(name)}: ${compressedSize} bytes in its local header, ${listed.compressedSize} in the central directory`);
    }
    if (listed.uncompressedSize !== fileSize) {
      throw new Refused('Mis-matched file size', `${shown(name)}: ${fileSize} bytes in its local header, ${listed.uncompressedSize} in the central directory`);
    }
  }
  cursor.skip(compressedSize);
  return name;
}

/** `_handle_central_directory_header`: returns the entry's name bytes and the record's length. */
function centralDirectoryHeader(cursor: Cursor): { name: Uint8Array; length: number } {
  const header = cursor.take(42);
  const nameLength = header.readUInt16LE(24);
  const extraLength = header.readUInt16LE(26);
  if (header.readUInt16LE(28) !== 0) throw new Refused('Comment in central directory');
  const name = cursor.take(nameLength);
  cursor.take(extraLength);
  if (hasUnprintable(name)) throw new Refused('Invalid character in filename', shown(name));
  return { name, length: 46 + nameLength + extraLength };
}

interface CentralDirectoryEnd {
  readonly records: number;
  readonly size: number;
  readonly offset: number;
}

/** `_handle_eocd`. */
function endOfCentralDirectory(cursor: Cursor): CentralDirectoryEnd {
  const record = cursor.take(18);
  const recordsOnDisk = record.readUInt16LE(4);
  const records = record.readUInt16LE(6);
  if (recordsOnDisk !== records) throw new Refused(MALFORMED, 'the end record counts entries on this disk and in total differently');
  cursor.skip(record.readUInt16LE(16));
  return { records, size: record.readUInt32LE(8), offset: record.readUInt32LE(12) };
}

/** `_handle_eocd64`. */
function zip64EndOfCentralDirectory(cursor: Cursor): CentralDirectoryEnd {
  const record = cursor.take(52);
  const recordSize = u64(record, 0);
  const recordsOnDisk = u64(record, 20);
  const records = u64(record, 28);
  if (recordsOnDisk !== records) throw new Refused(MALFORMED, 'the ZIP64 end record counts entries on this disk and in total differently');
  if (recordSize !== 44) throw new Refused('ZIP64 extensible data not allowed');
  return { records, size: u64(record, 36), offset: u64(record, 44) };
}

/**
 * PyPI's verdict on the framing of a ZIP archive: undefined when PyPI would accept it.
 * `central` is the central directory as the ZIP library read it; without it (the library could
 * not read the archive) only the framing is checked, which still names e.g. trailing data.
 */
export function zipLayoutProblem(bytes: Buffer, central?: readonly CentralEntrySizes[]): ZipLayoutProblem | undefined {
  const byName = central && new Map(central.map((entry) => [key(entry.nameRaw), entry]));
  const cursor = new Cursor(bytes);
  const localNames = new Set<string>();
  const centralNames = new Set<string>();
  let zip64EndAt: number | undefined;
  let zip64Locator: number | undefined;
  let centralRecords = 0;
  let centralOffset: number | undefined;
  let centralSize = 0;
  let declared: CentralDirectoryEnd | undefined;
  let endAt = 0;
  try {
    for (;;) {
      const at = cursor.offset;
      const signature = cursor.take(4).readUInt32LE(0);
      // After a ZIP64 end record, the plain end record may only follow its locator.
      if (signature === SIG_EOCD && zip64EndAt !== undefined && zip64Locator === undefined) {
        throw new Refused(MALFORMED, 'a ZIP64 end record without its locator');
      }
      if (signature === SIG_CENTRAL_DIRECTORY) {
        centralOffset ??= at;
        centralRecords += 1;
        const { name, length } = centralDirectoryHeader(cursor);
        centralSize += length;
        const id = key(name);
        if (centralNames.has(id)) throw new Refused('Duplicate filename in central directory', shown(name));
        if (!localNames.has(id)) throw new Refused('Missing filename in local headers', shown(name));
        centralNames.add(id);
      } else if (signature === SIG_LOCAL_FILE) {
        const id = key(localFileHeader(cursor, byName));
        if (localNames.has(id)) throw new Refused('Duplicate filename in local headers', shown(Buffer.from(id, 'latin1')));
        localNames.add(id);
      } else if (signature === SIG_EOCD) {
        endAt = at;
        centralOffset ??= at;
        // With ZIP64, the ZIP64 end record's values count; the plain record only has to parse.
        const end = endOfCentralDirectory(cursor);
        if (!(zip64Locator !== undefined && declared !== undefined)) declared = end;
        if (declared.records !== centralRecords) {
          throw new Refused('Mismatched central directory records', `the end record says ${declared.records}, the central directory has ${centralRecords}`);
        }
        if (declared.offset !== centralOffset) throw new Refused('Mismatched central directory offset');
        if (declared.size !== centralSize) throw new Refused('Mismatched central directory size');
        break;
      } else if (signature === SIG_EOCD64) {
        zip64EndAt = at;
        declared = zip64EndOfCentralDirectory(cursor);
      } else if (signature === SIG_EOCD64_LOCATOR) {
        zip64Locator = u64(cursor.take(16), 4);
      } else {
        throw new Refused('Unknown record signature', `at byte ${at}: bytes that belong to no ZIP record (data before, between or after the entries)`);
      }
    }
  } catch (e) {
    if (e instanceof Refused) return { reason: e.reason, detail: e.detail };
    throw e;
  }
  // Defensive in PyPI too: every name seen once on each side.
  if (centralNames.size !== localNames.size) return { reason: 'Mis-matched local headers and central directory' };
  if (cursor.offset !== cursor.length) {
    const extra = cursor.length - cursor.offset;
    return cursor.offset < cursor.length
      ? { reason: 'Trailing data', detail: `${extra} byte${extra === 1 ? '' : 's'} after the end of the central directory`, archiveEnd: cursor.offset }
      : { reason: 'Trailing data', detail: 'the archive comment runs past the end of the file' };
  }
  // Readers take the last end record in the file (yauzl, and CPython's zipfile, which pip and
  // PyPI use): one hidden in the archive comment would make them read another central directory
  // than this walk did. PyPI refuses that case as "Filename not in central directory"
  // (tests/unit/utils/test_zipfiles.py, reject/zipinzip.zip); name it for what it is.
  const endSignature = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
  if (bytes.indexOf(endSignature, endAt + 1) !== -1) {
    return { reason: 'Second end record', detail: 'the archive comment holds another end of central directory record (an archive inside the comment), so readers disagree on the contents' };
  }
  return undefined;
}
