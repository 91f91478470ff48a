/**
 * The demo app's SQLite database, laid out as the runbook's app keeps it: the live `memory.db` and a
 * `backups/` folder of `memory_YYYYMMDD_HHMMSS.db` files beside a `backup.log`. A bad deployment can
 * damage it (a migration that drops a table), and the demo app reports it as an unhealthy component
 * until a good backup is restored.
 */
import { appendFile, copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { loadSqlite, openImmutable } from '../restore/sqlite.js';

export interface DemoDatabase {
  /** The live database. */
  database: string;
  backupDir: string;
  /** The backups made, oldest first. */
  backups: string[];
}

const stamp = (time: Date): string => time.toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);

/**
 * A live database with a few rows, and backups of it taken `backupAgesMs` before `now` (each one a
 * real copy, as the app's backup job would make).
 */
export async function createDemoDatabase(
  folder: string,
  now: number,
  backupAgesMs: number[] = [3 * 3_600_000, 2 * 3_600_000, 3_600_000],
): Promise<DemoDatabase> {
  const Database = await loadSqlite();
  const backupDir = path.join(folder, 'backups');
  await mkdir(backupDir, { recursive: true });
  const database = path.join(folder, 'memory.db');
  const db = new Database(database);
  try {
    db.exec(
      'CREATE TABLE IF NOT EXISTS memories (id INTEGER PRIMARY KEY, session TEXT NOT NULL, content TEXT NOT NULL)',
    );
    const insert = db.prepare('INSERT INTO memories (session, content) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 20; i++) insert.run(`s-${i % 4}`, `remembered fact ${i}`);
    })();
  } finally {
    db.close();
  }
  const backups: string[] = [];
  for (const age of [...backupAgesMs].sort((a, b) => b - a)) {
    const time = new Date(now - age);
    const file = path.join(backupDir, `memory_${stamp(time)}.db`);
    await copyFile(database, file);
    await appendFile(
      path.join(backupDir, 'backup.log'),
      `${time.toISOString()} backup ok ${path.basename(file)}\n`,
    );
    backups.push(file);
  }
  return { database, backupDir, backups };
}

/** What a bad migration does: the memories are gone. */
export async function damageDemoDatabase(database: string): Promise<void> {
  const Database = await loadSqlite();
  const db = new Database(database);
  try {
    db.exec('DROP TABLE IF EXISTS memories');
  } finally {
    db.close();
  }
}

/** Sound: it opens, passes quick_check, and still has its memories. Reads only. */
export async function demoDatabaseHealthy(database: string): Promise<boolean> {
  try {
    const db = await openImmutable(database);
    try {
      const check = db.pragma('quick_check', { simple: true });
      const table = db
        .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'memories'")
        .get() as {
        n: number;
      };
      if (check !== 'ok' || table.n === 0) return false;
      const rows = db.prepare('SELECT count(*) AS n FROM memories').get() as { n: number };
      return rows.n > 0;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}
