import { Readable } from 'stream';
import { gunzipSync } from 'zlib';
import { extract } from 'tar-stream';
import { fromBufferPromise } from 'yauzl';
import { ArchiveReaders, TarMember, ZipEntry } from '../core/archives';

/*
 * The archive libraries behind check-dist, inlined into the release tools by esbuild.
 * yauzl reads ZIP files the way pip and installers do – through the central directory – and is
 * strict where it matters here: the end record must reach exactly to the end of the file, entry
 * names must be relative paths without `..`, and stored sizes are verified while reading. (fflate
 * and JSZip expose no header fields; adm-zip tolerates malformed archives.) tar-stream is a tar
 * parser and nothing else: header checksums, ustar prefixes, pax and GNU long names.
 */

async function collect(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readZip(bytes: Buffer): Promise<ZipEntry[]> {
  // autoClose off: entries are read after listing, and a buffer holds no file descriptor.
  const zip = await fromBufferPromise(bytes, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true });
  const entries: ZipEntry[] = [];
  for await (const entry of zip.eachEntry()) {
    entries.push({
      name: entry.fileName,
      nameRaw: entry.fileNameRaw,
      compressionMethod: entry.compressionMethod,
      compressedSize: entry.compressedSize,
      uncompressedSize: entry.uncompressedSize,
      read: async () => collect(await zip.openReadStreamPromise(entry)),
    });
  }
  return entries;
}

async function readTarGz(bytes: Buffer, wanted: (name: string) => boolean): Promise<TarMember[]> {
  const tar = gunzipSync(bytes);
  const members: TarMember[] = [];
  const reader = extract();
  Readable.from([tar]).pipe(reader);
  for await (const entry of reader) {
    const { name, type, size, pax } = entry.header;
    const data = wanted(name) ? await collect(entry) : (entry.resume(), undefined);
    members.push({ name, type: type ?? 'unknown', size: size ?? 0, paxKeys: Object.keys(pax ?? {}), data });
  }
  return members;
}

export const archiveReaders: ArchiveReaders = { zip: readZip, tarGz: readTarGz };
