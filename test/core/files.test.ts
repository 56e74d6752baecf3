import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ProjenMaturinError, describeError } from '../../src/core/errors';
import { decodeUtf8, fileError, readTextFile } from '../../src/core/files';

const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return describeError(e) ?? `bug: ${e}`;
  }
  return 'no error';
};
const notUtf8 = (offset: number) => `f.md is not UTF-8: the bytes at offset ${offset} are not a UTF-8 character\n` +
  '  fix: save f.md as UTF-8 (e.g. iconv -f latin1 -t utf-8), then run the command again';

describe('decodeUtf8', () => {
  test.each([
    ['ASCII', Buffer.from('abc\r\n'), 'abc\r\n'],
    ['a byte order mark, kept', Buffer.from([0xef, 0xbb, 0xbf, 0x61]), '\uFEFFa'],
    ['U+FFFD written in the file', Buffer.from('a\uFFFDb'), 'a\uFFFDb'],
    ['four-byte characters', Buffer.from('🦀 crab'), '🦀 crab'],
  ])('decodes %s exactly', (_, bytes, text) => {
    expect(decodeUtf8(bytes, 'f.md')).toBe(text);
    expect(Buffer.from(decodeUtf8(bytes, 'f.md'), 'utf8')).toEqual(bytes);
  });

  test.each([
    ['Latin-1 é', Buffer.from([0x61, 0x62, 0xe9, 0x0a]), 2],
    ['a lone continuation byte', Buffer.from([0x80]), 0],
    ['an overlong encoding', Buffer.concat([Buffer.from('ok '), Buffer.from([0xc0, 0xaf])]), 3],
    ['a surrogate encoded in UTF-8', Buffer.concat([Buffer.from('é'), Buffer.from([0xed, 0xa0, 0x80])]), 2],
    ['bad bytes after a real U+FFFD', Buffer.concat([Buffer.from('\uFFFD!'), Buffer.from([0xff])]), 4],
    ['a character cut off at the end', Buffer.from([0x61, 0xf0, 0x9f, 0xa6]), 1],
  ])('refuses %s at its byte offset', (_, bytes, offset) => {
    expect(message(() => decodeUtf8(bytes, 'f.md'))).toBe(notUtf8(offset));
  });
});

describe('readTextFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'files-'));
  mkdirSync(join(dir, 'CHANGELOG.md'));
  writeFileSync(join(dir, 'Cargo.toml'), 'x = 1\n');

  test('reads a file, and a missing one is undefined', () => {
    expect(readTextFile(dir, 'Cargo.toml')).toBe('x = 1\n');
    expect(readTextFile(dir, 'missing.toml')).toBeUndefined();
  });

  test('a directory or a path through a file is an error that names it', () => {
    expect(message(() => readTextFile(dir, 'CHANGELOG.md'))).toBe('CHANGELOG.md is a directory, not a file\n  fix: remove or rename the directory CHANGELOG.md');
    expect(message(() => readTextFile(dir, 'Cargo.toml/x'))).toBe('Cargo.toml/x cannot be read: a parent of it is a file, not a directory');
  });
});

describe('fileError', () => {
  test('names the file for the write side, and keeps unknown codes', () => {
    expect(describeError(fileError('Cargo.lock', Object.assign(new Error('x'), { code: 'EROFS' }), 'write'))).toBe('Cargo.lock cannot be written (EROFS)');
    expect(describeError(fileError('Cargo.lock', Object.assign(new Error('x'), { code: 'EACCES' }), 'write')))
      .toBe('Cargo.lock cannot be written: permission denied\n  fix: check the permissions of Cargo.lock and its directory (ls -l)');
  });

  test('an error without a code is a bug, rethrown as it is', () => {
    const bug = new TypeError('boom');
    expect(() => fileError('Cargo.lock', bug)).toThrow(bug);
    expect(fileError('x', Object.assign(new Error('x'), { code: 'ENOENT' }))).toBeInstanceOf(ProjenMaturinError);
  });
});
