/**
 * What an archive library hands to the upload checks. The checks are pure logic; the
 * libraries that read ZIP and tar files live with the tools that bundle them (the release
 * tools inline them), and are passed in as `ArchiveReaders`.
 */

/** One entry of a ZIP archive, as its central directory describes it. */
export interface ZipEntry {
  /** The name decoded as the library decodes it (UTF-8 when flagged, else CP437). */
  readonly name: string;
  /** The name's bytes as stored. */
  readonly nameRaw: Uint8Array;
  readonly compressionMethod: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** The decompressed content; rejects when it cannot be decompressed. */
  read(): Promise<Buffer>;
}

/** One member of a tar archive. */
export interface TarMember {
  readonly name: string;
  /** `file`, `directory`, `symlink`, …; `unknown` for a type the reader does not know (e.g. GNU sparse). */
  readonly type: string;
  readonly size: number;
  /** Extended (pax) header keys of the member, e.g. `GNU.sparse.map`. */
  readonly paxKeys: readonly string[];
  /** The content, for members the caller asked for. */
  readonly data?: Buffer;
}

export interface ArchiveReaders {
  /** The central directory's entries, in order; rejects when the library cannot read the archive. */
  zip(bytes: Buffer): Promise<ZipEntry[]>;
  /** The members of a gzip-compressed tar, with the content of those `wanted` selects; rejects when unreadable. */
  tarGz(bytes: Buffer, wanted: (name: string) => boolean): Promise<TarMember[]>;
}

/** One broken rule: which rule, and what about it. */
export interface Problem {
  /** The rule, as users read it in messages (e.g. "RECORD", "PyPI's ZIP rules"). */
  readonly rule: string;
  readonly detail: string;
  /** PyPI accepts the file anyway (twine check --strict's findings): reported, never refused. */
  readonly warning?: boolean;
}
