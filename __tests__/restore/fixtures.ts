/**
 * Real SQLite files for the restore tests: databases with a marker row, databases whose last
 * commits are still only in their -wal, logical fingerprints read from a scratch copy (so looking at
 * a database never changes it), and byte-level snapshots of folders.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSqlite, type SqliteDatabase } from '../../src/restore/sqlite.js';

export function tempDir(prefix = 'rg-restore-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface DatabaseSpec {
  /** Stored in `sessions`; tells one database from another. */
  marker: string;
  /** Rows of `messages`, each a blob of `rowBytes` bytes. */
  rows?: number;
  rowBytes?: number;
  /** Leave out `messages` (a backup missing an expected table). */
  withoutMessages?: boolean;
}

function fill(db: SqliteDatabase, spec: DatabaseSpec): void {
  db.exec('CREATE TABLE IF NOT EXISTS sessions (id INTEGER PRIMARY KEY, marker TEXT NOT NULL)');
  db.prepare('INSERT INTO sessions (marker) VALUES (?)').run(spec.marker);
  if (spec.withoutMessages) return;
  db.exec('CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO messages (body) VALUES (?)');
  const rowBytes = spec.rowBytes ?? 1000;
  db.transaction(() => {
    for (let i = 0; i < (spec.rows ?? 50); i++) {
      insert.run(Buffer.alloc(rowBytes, `${spec.marker}:${i}:`));
    }
  })();
}

/** A database in rollback-journal mode, closed and complete on its own. */
export async function createDatabase(file: string, spec: DatabaseSpec): Promise<void> {
  const Database = await loadSqlite();
  rmSync(file, { force: true });
  const db = new Database(file);
  try {
    fill(db, spec);
  } finally {
    db.close();
  }
}

/**
 * A WAL-mode database at `file` whose main file holds `committed` and whose `-wal` holds the later
 * commit `pending`, not yet checkpointed: what an app that was stopped (or crashed) leaves behind.
 * It is built in a scratch folder while a reader keeps the WAL alive, then the pair is copied.
 */
export async function createWalDatabase(
  file: string,
  committed: DatabaseSpec,
  pending: DatabaseSpec,
): Promise<void> {
  const Database = await loadSqlite();
  const scratch = tempDir('rg-wal-');
  const source = path.join(scratch, 'db');
  const writer = new Database(source);
  writer.pragma('journal_mode = WAL');
  writer.pragma('wal_autocheckpoint = 0');
  fill(writer, committed);
  writer.pragma('wal_checkpoint(TRUNCATE)');
  fill(writer, pending);
  const reader = new Database(source);
  reader.prepare('SELECT count(*) FROM sessions').get();
  copyFileSync(source, file);
  copyFileSync(`${source}-wal`, `${file}-wal`);
  writer.close();
  reader.close();
  rmSync(scratch, { recursive: true, force: true });
}

/** Copies a database and its journals to a scratch folder and opens the copy there. */
async function openCopy<T>(file: string, read: (db: SqliteDatabase) => T): Promise<T> {
  const Database = await loadSqlite();
  const scratch = tempDir('rg-look-');
  try {
    const copy = path.join(scratch, path.basename(file));
    copyFileSync(file, copy);
    for (const suffix of ['-wal', '-journal']) {
      if (existsSync(`${file}${suffix}`)) copyFileSync(`${file}${suffix}`, `${copy}${suffix}`);
    }
    const db = new Database(copy);
    try {
      return read(db);
    } finally {
      db.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The database's content as SQLite sees it (journals applied), as a hash; never changes the file. */
export async function fingerprint(file: string): Promise<string> {
  return openCopy(file, (db) => {
    const hash = createHash('sha256');
    const tables = db
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
      .pluck()
      .all() as string[];
    for (const table of tables) {
      hash.update(`table ${table}\n`);
      for (const row of db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).raw().iterate() as Iterable<
        unknown[]
      >) {
        hash.update(JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : v))));
      }
    }
    return hash.digest('hex');
  });
}

/** The markers in `sessions`, oldest first (journals applied); never changes the file. */
export async function markers(file: string): Promise<string[]> {
  return openCopy(
    file,
    (db) => db.prepare('SELECT marker FROM sessions ORDER BY id').pluck().all() as string[],
  );
}

/** PRAGMA integrity_check of the database (journals applied); never changes the file. */
export async function integrityOf(file: string): Promise<string> {
  return openCopy(file, (db) => (db.prepare('PRAGMA integrity_check').pluck().all() as string[]).join('; '));
}

/** Every entry of a folder with the sha256 of its bytes (folders as 'folder'). */
export function folderState(dir: string): Record<string, string> {
  const state: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    state[name] = statSync(file).isDirectory() ? 'folder' : sha256(file);
  }
  return state;
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** A folder with the runbook's layout: data/memory.db and data/backups/memory_*.db + backup.log. */
export async function runbookLayout(root: string): Promise<{ data: string; backups: string; live: string }> {
  const data = path.join(root, 'data');
  const backups = path.join(data, 'backups');
  mkdirSync(backups, { recursive: true });
  const live = path.join(data, 'memory.db');
  await createDatabase(live, { marker: 'live' });
  await createDatabase(path.join(backups, 'memory_20240114_020000.db'), { marker: 'jan14' });
  await createDatabase(path.join(backups, 'memory_20240115_020000.db'), { marker: 'jan15' });
  await createDatabase(path.join(backups, 'memory_20240116_020000.db'), { marker: 'jan16' });
  const log = '2024-01-14 02:00:00 backup ok\n2024-01-15 02:00:00 backup ok\n2024-01-16 02:00:00 backup ok\n';
  writeFileSync(path.join(backups, 'backup.log'), log);
  return { data, backups, live };
}
