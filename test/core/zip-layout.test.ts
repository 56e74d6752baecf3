import { execFileSync } from 'child_process';
import { zipLayoutProblem } from '../../src/core/zip-layout';
import { archiveReaders } from '../../src/runner/archives';

/**
 * Archives written by CPython's zipfile (the writer most wheel tools resemble), some of them
 * arranged the ways PyPI's ZIP rules refuse. `body` runs with `z` an open ZipFile on `out`.
 */
function pythonZip(body: string, { pipe = false } = {}): Buffer {
  const script = `
import io, sys, zipfile, warnings
warnings.simplefilter("ignore")
out = sys.stdout.buffer if ${pipe ? 'True' : 'False'} else io.BytesIO()
z = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
${body}
z.close()
if not ${pipe ? 'True' : 'False'}:
    sys.stdout.buffer.write(out.getvalue())
`;
  // A pipe cannot seek back, so zipfile writes data descriptors after each entry.
  return execFileSync('python3', ['-c', script], { maxBuffer: 16 * 1024 * 1024 });
}

const ENTRIES = 'z.writestr("pkg/__init__.py", "VALUE = 1\\n" * 20)\nz.writestr("pkg-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\\n")';

async function verdict(bytes: Buffer) {
  let central;
  try {
    central = await archiveReaders.zip(bytes);
  } catch {
    central = undefined;
  }
  return zipLayoutProblem(bytes, central);
}

describe("PyPI's ZIP framing rules", () => {
  test('an archive as zipfile writes it passes, with or without an archive comment', async () => {
    expect(await verdict(pythonZip(ENTRIES))).toBeUndefined();
    expect(await verdict(pythonZip(`${ENTRIES}\nz.comment = b"built by a test"`))).toBeUndefined();
  });

  test('ZIP64 size fields in a local header pass when they agree with the central directory', async () => {
    const bytes = pythonZip('with z.open("pkg/big.py", "w", force_zip64=True) as f:\n    f.write(b"x = 1\\n")');
    expect(bytes.readUInt32LE(18)).toBe(0xffffffff); // the local header defers its sizes to the ZIP64 extra field
    expect(await verdict(bytes)).toBeUndefined();
    // Negative control: the ZIP64 compressed size (after id, length and uncompressed size) made one larger.
    const extra = 30 + bytes.readUInt16LE(26);
    bytes.writeUInt32LE(bytes.readUInt32LE(extra + 12) + 1, extra + 12);
    expect((await verdict(bytes))?.reason).toBe('Mis-matched data size');
  });

  test('a byte after the end of the central directory is trailing data', async () => {
    const archive = pythonZip(ENTRIES);
    const bytes = Buffer.concat([archive, Buffer.from('x')]);
    expect(await verdict(bytes)).toEqual({ reason: 'Trailing data', detail: '1 byte after the end of the central directory', archiveEnd: archive.length });
  });

  test('a second archive appended is trailing data', async () => {
    const bytes = Buffer.concat([pythonZip(ENTRIES), pythonZip('z.writestr("pkg/evil.py", "x")')]);
    expect((await verdict(bytes))?.reason).toBe('Trailing data');
  });

  test('an archive hidden in the archive comment is refused: readers would list other files', async () => {
    const inner = pythonZip('z.writestr("pkg/evil.py", "x")').toString('latin1');
    const bytes = pythonZip(`${ENTRIES}\nz.comment = ${JSON.stringify(inner)}.encode("latin1")`);
    expect((await verdict(bytes))?.reason).toBe('Second end record');
  });

  test('bytes before the first entry are no ZIP record', async () => {
    const bytes = Buffer.concat([Buffer.from('#!/bin/sh\n'), pythonZip(ENTRIES)]);
    expect(await verdict(bytes)).toEqual({
      reason: 'Unknown record signature',
      detail: 'at byte 0: bytes that belong to no ZIP record (data before, between or after the entries)',
    });
  });

  test('bytes between two entries are no ZIP record', async () => {
    const bytes = pythonZip(`${ENTRIES.split('\n')[0]}\nz.fp.write(b"hidden!!")\nz.start_dir = z.fp.tell()\n${ENTRIES.split('\n')[1]}`);
    expect((await verdict(bytes))?.reason).toBe('Unknown record signature');
  });

  test('entries written in streaming mode (data descriptors) are refused', async () => {
    expect(await verdict(pythonZip(ENTRIES, { pipe: true }))).toEqual({ reason: 'ZIP contains a data descriptor', detail: '"pkg/__init__.py"' });
  });

  test('a name written twice is refused', async () => {
    // Same size both times, or the size check (PyPI's next one) answers first.
    const bytes = pythonZip(`${ENTRIES}\nz.writestr("pkg/__init__.py", "VALUE = 2\\n" * 20)`);
    expect(await verdict(bytes)).toEqual({ reason: 'Duplicate filename in local headers', detail: '"pkg/__init__.py"' });
  });

  test('a local header whose size disagrees with the central directory is refused', async () => {
    const bytes = pythonZip(ENTRIES);
    bytes.writeUInt32LE(bytes.readUInt32LE(18) + 1, 18); // the first local header's compressed size
    expect(await verdict(bytes)).toEqual({
      reason: 'Mis-matched data size',
      detail: `"pkg/__init__.py": ${bytes.readUInt32LE(18)} bytes in its local header, ${bytes.readUInt32LE(18) - 1} in the central directory`,
    });
  });

  test('a comment on an entry is refused', async () => {
    const bytes = pythonZip('info = zipfile.ZipInfo("pkg/__init__.py")\ninfo.comment = b"hi"\nz.writestr(info, "x")');
    expect(await verdict(bytes)).toEqual({ reason: 'Comment in central directory' });
  });

  test('a control character in a name is refused', async () => {
    expect((await verdict(pythonZip('z.writestr("pkg/a\\x01.py", "x")')))?.reason).toBe('Invalid character in filename');
  });

  test('an end record that miscounts the entries is refused', async () => {
    const bytes = pythonZip(ENTRIES);
    const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    bytes.writeUInt16LE(3, end + 8);
    bytes.writeUInt16LE(3, end + 10);
    expect((await verdict(bytes))?.reason).toBe('Mismatched central directory records');
  });

  test('without the central directory (an archive the library cannot read) the framing is still judged', () => {
    const archive = pythonZip(ENTRIES);
    expect(zipLayoutProblem(Buffer.concat([archive, Buffer.from('xyz')]))).toEqual({
      reason: 'Trailing data', detail: '3 bytes after the end of the central directory', archiveEnd: archive.length,
    });
    expect(zipLayoutProblem(Buffer.from('not a zip at all'))?.reason).toBe('Unknown record signature');
  });
});
