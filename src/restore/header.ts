/**
 * The 100-byte SQLite database header (https://www.sqlite.org/fileformat.html#the_database_header),
 * read before SQLite itself opens a file: it tells a truncated file, an empty one, an HTML error page
 * or a compressed archive saved as `.db` apart from a database, in words a user can act on.
 */

export const HEADER_SIZE = 100;
const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export interface SqliteHeader {
  pageSize: number;
  /** Whole pages in the file. */
  pageCount: number;
  /** The page count the header records, when it is valid (recent SQLite always keeps it valid). */
  headerPageCount?: number;
  /** WAL mode (file format 2) or a rollback journal (1). */
  walMode: boolean;
}

export type HeaderCheck = { ok: true; header: SqliteHeader } | { ok: false; reason: string };

/** Checks the first bytes of a file (at least HEADER_SIZE of them, when the file has that many). */
export function checkHeader(bytes: Buffer, fileSize: number): HeaderCheck {
  if (fileSize === 0) return { ok: false, reason: 'the file is empty (0 bytes)' };
  if (bytes.length < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    return { ok: false, reason: `not a SQLite database: ${describeContent(bytes)}` };
  }
  if (fileSize < HEADER_SIZE) {
    return { ok: false, reason: `truncated: the file has ${fileSize} bytes, less than a SQLite header` };
  }
  const rawPageSize = bytes.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    return {
      ok: false,
      reason: `the header's page size (${rawPageSize}) is not a power of two from 512 to 65536`,
    };
  }
  const writeVersion = bytes[18];
  const readVersion = bytes[19];
  if (![1, 2].includes(writeVersion as number) || ![1, 2].includes(readVersion as number)) {
    return { ok: false, reason: `the header's file format (${writeVersion}/${readVersion}) is not 1 or 2` };
  }
  if (fileSize % pageSize !== 0) {
    return {
      ok: false,
      reason: `truncated or padded: ${fileSize} bytes is not a whole number of ${pageSize}-byte pages`,
    };
  }
  const pageCount = fileSize / pageSize;
  const changeCounter = bytes.readUInt32BE(24);
  const recordedPages = bytes.readUInt32BE(28);
  const validFor = bytes.readUInt32BE(92);
  const headerPageCount = recordedPages > 0 && changeCounter === validFor ? recordedPages : undefined;
  if (headerPageCount !== undefined && headerPageCount > pageCount) {
    return {
      ok: false,
      reason: `truncated: the header counts ${headerPageCount} pages of ${pageSize} bytes, the file holds ${pageCount}`,
    };
  }
  return { ok: true, header: { pageSize, pageCount, headerPageCount, walMode: writeVersion === 2 } };
}

/** What a file that is not a database looks like, from its first bytes. */
export function describeContent(bytes: Buffer): string {
  if (bytes.length === 0) return 'the file is empty';
  if (bytes.every((byte) => byte === 0)) return 'its first bytes are all zero (a zeroed or sparse file)';
  const text = bytes.toString('latin1').trimStart().toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || /<(head|body|title)[\s>]/.test(text)) {
    return 'it is an HTML page (an error page saved as the backup?)';
  }
  if (text.startsWith('<')) return 'it is XML or HTML text';
  if (text.startsWith('{') || text.startsWith('[')) return 'it is JSON text';
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'it is gzip-compressed: decompress it first';
  if (bytes.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd])))
    return 'it is zstd-compressed: decompress it first';
  if (bytes.subarray(0, 3).toString('latin1') === 'BZh') return 'it is bzip2-compressed: decompress it first';
  if (bytes.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004')
    return 'it is a zip archive: extract it first';
  if (text.startsWith('sqlite format')) return 'its header is damaged';
  const hex = [...bytes.subarray(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
  return `it does not start with the SQLite header (first bytes: ${hex})`;
}
