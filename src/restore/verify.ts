/**
 * Verifies a database file without changing anything: it is a regular, non-empty file; its SQLite
 * header is sound and matches its size; SQLite's integrity_check (or quick_check) passes; it has
 * the expected tables; and its sha256 (streamed) is what it should be. Checks run cheapest first and
 * stop at the first failure, whose reason is the verdict. The same checks run on the backup before
 * anything is touched and on the database after the restore.
 */
import { stat } from 'node:fs/promises';
import { describeThrown } from '../core/errors.js';
import { humanBytes, readHead, sha256File } from './files.js';
import { checkHeader, HEADER_SIZE, type SqliteHeader } from './header.js';
import { openImmutable, sqliteErrorCode } from './sqlite.js';

export type CheckName = 'file' | 'header' | 'integrity' | 'tables' | 'sha256';
export type IntegrityMode = 'full' | 'quick';

export interface CheckOutcome {
  name: CheckName;
  ok: boolean;
  /** What was found, in words. */
  detail: string;
}

export interface VerifyOptions {
  check: IntegrityMode;
  /** Tables (or views) that must exist; compared without regard to case, as SQLite does. */
  expectTables: readonly string[];
  /** The sha256 the file must have (lower-case hex). */
  expectedSha256?: string;
}

export interface DatabaseVerification {
  ok: boolean;
  file: string;
  sizeBytes: number;
  /** The checks that ran, in order; after a failure the rest do not run. */
  checks: CheckOutcome[];
  /** The failed check's detail. */
  reason?: string;
  /** 'ok', or the first problem integrity_check/quick_check found. */
  integrity?: string;
  header?: SqliteHeader;
  /** The tables and views the database has. */
  tables?: string[];
  sha256?: string;
}

/** How many problems integrity_check lists at most (the first one is what we report). */
const MAX_PROBLEMS = 10;

export async function verifyDatabaseFile(
  file: string,
  options: VerifyOptions,
): Promise<DatabaseVerification> {
  const result: DatabaseVerification = { ok: false, file, sizeBytes: 0, checks: [] };
  const pass = (name: CheckName, detail: string) => result.checks.push({ name, ok: true, detail });
  const fail = (name: CheckName, detail: string): DatabaseVerification => {
    result.checks.push({ name, ok: false, detail });
    result.reason = detail;
    return result;
  };

  const info = await stat(file);
  result.sizeBytes = info.size;
  if (!info.isFile()) return fail('file', 'not a regular file');
  if (info.size === 0) return fail('file', 'the file is empty (0 bytes)');
  pass('file', humanBytes(info.size));

  const header = checkHeader(await readHead(file, HEADER_SIZE), info.size);
  if (!header.ok) return fail('header', header.reason);
  result.header = header.header;
  pass(
    'header',
    `SQLite 3, ${header.header.pageCount} pages of ${header.header.pageSize} bytes, ${header.header.walMode ? 'WAL mode' : 'rollback journal'}`,
  );

  // The hash reads the file in a worker thread while SQLite checks it here (both read it all).
  const stopHashing = new AbortController();
  const hashing = sha256File(file, stopHashing.signal);
  hashing.catch(() => undefined); // awaited below, or abandoned when a check fails first
  const failEarly = (name: CheckName, detail: string) => {
    stopHashing.abort(new Error('not needed'));
    return fail(name, detail);
  };

  const pragma = options.check === 'full' ? 'integrity_check' : 'quick_check';
  let problems: string[];
  let tables: string[];
  try {
    const db = await openImmutable(file);
    try {
      problems = db.prepare(`PRAGMA ${pragma}(${MAX_PROBLEMS})`).pluck().all() as string[];
      tables = db
        .prepare(`SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY name`)
        .pluck()
        .all() as string[];
    } finally {
      db.close();
    }
  } catch (error) {
    const code = sqliteErrorCode(error);
    result.integrity = describeThrown(error);
    return failEarly(
      'integrity',
      `SQLite cannot read it: ${describeThrown(error)}${code ? ` (${code})` : ''}`,
    );
  }
  if (problems.length !== 1 || problems[0] !== 'ok') {
    result.integrity = problems[0] ?? `${pragma} returned nothing`;
    const more =
      problems.length > 1
        ? ` (and ${problems.length - 1}${problems.length === MAX_PROBLEMS ? '+' : ''} more)`
        : '';
    return failEarly('integrity', `${pragma}: ${result.integrity}${more}`);
  }
  result.integrity = 'ok';
  pass('integrity', `${pragma}: ok`);

  result.tables = tables;
  const have = new Set(tables.map((name) => name.toLowerCase()));
  const missing = options.expectTables.filter((name) => !have.has(name.toLowerCase()));
  if (missing.length) {
    return failEarly(
      'tables',
      `missing table${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (it has ${tables.length ? tables.join(', ') : 'no tables'})`,
    );
  }
  if (options.expectTables.length) pass('tables', `has ${options.expectTables.join(', ')}`);

  result.sha256 = await hashing;
  if (options.expectedSha256 !== undefined && result.sha256 !== options.expectedSha256) {
    return fail('sha256', `sha256 is ${result.sha256}, expected ${options.expectedSha256}`);
  }
  pass('sha256', options.expectedSha256 !== undefined ? `${result.sha256} (as expected)` : result.sha256);
  result.ok = true;
  return result;
}
