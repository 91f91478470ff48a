/**
 * The swap: puts a verified backup in place of the live database so that a crash at any moment
 * leaves the live path holding either the old database or the new one, each complete and valid.
 *
 * A SQLite database in WAL mode is two files: `db` and `db-wal` (commits not yet copied back into
 * `db`); `db-shm` is only an index of the WAL, rebuilt from it. In rollback-journal mode, a crash in
 * the middle of a transaction leaves a "hot" `db-journal` that is needed to undo half-written pages.
 * A rename replaces one file atomically, never two, and a stale `-wal` left beside the new database
 * would be replayed into it (SQLite cannot tell that the WAL belongs to another file) and corrupt it.
 * So the old database is first made self-contained, and then only one rename is needed:
 *
 *  1. Copy the backup into a temporary file in the live database's folder (same file system, so the
 *     rename below is atomic), fsync it, and check that its sha256, read back, equals the verified
 *     backup's.
 *     The live database is untouched; a crash leaves only a stray temporary file.
 *  2. Settle the old database: when it has a non-empty `-wal` or `-journal`, open it with SQLite,
 *     which rolls back a hot journal, and run `wal_checkpoint(TRUNCATE)`, which copies every WAL
 *     commit into the main file; closing the last connection then removes `-wal` and `-shm`. SQLite
 *     makes each of these steps crash-safe, and the data the old database holds does not change.
 *     If `-wal`/`-shm` are still there afterwards, another process has the database open: stop.
 *  3. Keep the old database as `<name>.pre-restore-<UTC time><ext>`: a hard link (the live path
 *     never goes missing, and nothing is copied) or, without hard links, a durable copy renamed into
 *     place. fsync the folder, so the kept name is on disk before the live one changes.
 *  4. Remove the old `-wal`, `-shm` and `-journal` (after step 2 they hold nothing the main file
 *     lacks), and fsync the folder: no stale journal can be applied to the new database.
 *  5. Rename the temporary file over the live path (atomic), and fsync the folder.
 *
 * Until step 5 the live path holds the old database, complete on its own from step 2 on; from step
 * 5 it holds the new one, already on disk. When SQLite cannot read the old database at all (the
 * corruption being repaired), step 2 is impossible: its `-wal`/`-journal` are then kept beside the
 * pre-restore copy (as `<pre-restore>-wal`), so nothing of it is lost, and the live path holds that
 * unreadable database until the rename.
 *
 * What no file operation can guarantee: an app that still has the database open keeps reading and
 * writing the old file (now the pre-restore copy) after the rename, and its writes are lost to the
 * restored database. Stop the app first, as the runbook does.
 */
import { randomBytes } from 'node:crypto';
import { chmod, chown, readdir, rename, rm, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../core/action.js';
import { describeThrown } from '../core/errors.js';
import {
  copyDurably,
  errorCode,
  exists,
  fsyncDir,
  humanBytes,
  keepAs,
  readHead,
  sha256File,
  sizeOf,
  type KeepMethod,
} from './files.js';
import { checkHeader, HEADER_SIZE } from './header.js';
import { openLive, sqliteErrorCode } from './sqlite.js';

/** The points the swap passes, in order (a test can stop the process at each one). */
export const SWAP_STEPS = [
  'copied',
  'copy-verified',
  'settled',
  'pre-restore-kept',
  'journals-removed',
  'renamed',
  'synced',
] as const;
export type SwapStep = (typeof SWAP_STEPS)[number];

export const JOURNAL_SUFFIXES = ['-wal', '-journal', '-shm'] as const;
export type JournalSuffix = (typeof JOURNAL_SUFFIXES)[number];

/** A runtime failure of the restore: the live database was not replaced. */
export class RestoreFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreFailure';
  }
}

export interface JournalFile {
  suffix: JournalSuffix;
  sizeBytes: number;
}

/** The live database as found before the restore. */
export interface LiveDatabase {
  path: string;
  exists: boolean;
  sizeBytes?: number;
  /** Its `-wal`, `-journal` and `-shm` files. */
  journals: JournalFile[];
}

export interface KeptDatabase {
  path: string;
  method: KeepMethod;
  sizeBytes: number;
  /** Journal files kept beside it (only when SQLite could not settle the old database). */
  journals: string[];
}

export type Settlement =
  { kind: 'not-needed' } | { kind: 'settled'; detail: string } | { kind: 'unreadable'; detail: string };

export interface SwapOptions {
  /** The live database path, resolved (see resolveLiveDatabase). */
  database: string;
  /** The verified backup. */
  source: string;
  /** Its verified sha256; the copy must have the same. */
  sha256: string;
  keepPreRestore: boolean;
  /** The time the pre-restore copy is named with. */
  now: Date;
  /** How long to wait for the app's locks when settling the old database. */
  busyTimeoutMs?: number;
  log: Logger;
  onStep?: (step: SwapStep) => void;
}

export interface SwapResult {
  live: LiveDatabase;
  settlement: Settlement;
  preRestore?: KeptDatabase;
  /** The journal files of the old database that were removed. */
  removedJournals: string[];
}

export async function inspectLiveDatabase(database: string): Promise<LiveDatabase> {
  const sizeBytes = await sizeOf(database);
  const journals: JournalFile[] = [];
  for (const suffix of JOURNAL_SUFFIXES) {
    const size = await sizeOf(`${database}${suffix}`);
    if (size !== undefined) journals.push({ suffix, sizeBytes: size });
  }
  return { path: database, exists: sizeBytes !== undefined, sizeBytes, journals };
}

/** `memory.db` → `memory.pre-restore-20240115T020000Z.db` (then `-2`, `-3`, ... if taken). */
export function preRestoreName(database: string, now: Date, attempt = 1): string {
  const ext = path.extname(database);
  const stem = database.slice(0, database.length - ext.length);
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `${stem}.pre-restore-${stamp}${attempt > 1 ? `-${attempt}` : ''}${ext}`;
}

export async function swapIn(options: SwapOptions): Promise<SwapResult> {
  const { database, log } = options;
  const step = (name: SwapStep) => options.onStep?.(name);
  const dir = path.dirname(database);
  const live = await inspectLiveDatabase(database);
  await removeLeftoverCopies(database, log);
  await ensureSpace(dir, options.source);

  const tag = randomBytes(4).toString('hex');
  const temp = path.join(dir, tempName(database, tag));
  let preRestore: KeptDatabase | undefined;
  let journalsTouched = false;
  try {
    // 1. The copy, durable and verified, beside the live database.
    await copyDurably(options.source, temp);
    await matchOwnership(temp, live, log);
    step('copied');
    const copied = await sha256File(temp);
    if (copied !== options.sha256) {
      throw new RestoreFailure(
        `the copy of the backup has sha256 ${copied}, not the verified ${options.sha256}: the backup changed while it was being restored. Run again`,
      );
    }
    step('copy-verified');

    // 2. The old database, self-contained.
    const settlement = live.exists ? await settle(live, options) : { kind: 'not-needed' as const };
    step('settled');

    // 3. The old database, kept under its pre-restore name.
    if (live.exists && options.keepPreRestore) {
      preRestore = await keepOldDatabase(database, options.now, settlement, tag);
      await fsyncDir(dir);
    }
    step('pre-restore-kept');

    // 4. No journal of the old database left to be replayed into the new one.
    const removedJournals: string[] = [];
    for (const suffix of JOURNAL_SUFFIXES) {
      const file = `${database}${suffix}`;
      if (await exists(file)) {
        journalsTouched = true;
        await rm(file, { force: true });
        removedJournals.push(file);
      }
    }
    if (!live.exists && removedJournals.length) {
      log.warning(
        `restore-db: removed ${removedJournals.map((f) => path.basename(f)).join(', ')} left without a database beside ${database}`,
      );
    }
    await fsyncDir(dir);
    step('journals-removed');

    // 5. The swap itself.
    await rename(temp, database);
    step('renamed');
    await fsyncDir(dir);
    step('synced');
    return { live, settlement, preRestore, removedJournals };
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    // Until a journal is removed, the pre-restore copy is only a second name of the live database.
    if (preRestore && !journalsTouched) {
      for (const file of [preRestore.path, ...preRestore.journals])
        await rm(file, { force: true }).catch(() => undefined);
    }
    throw error;
  }
}

/** Makes the old database complete on its own (step 2 of the module comment). */
async function settle(live: LiveDatabase, options: SwapOptions): Promise<Settlement> {
  const pending = live.journals.filter((j) => j.suffix !== '-shm' && j.sizeBytes > 0);
  // A -shm alone holds no data, but it is how an open WAL connection shows: settling tells.
  const shm = live.journals.some((j) => j.suffix === '-shm');
  if (pending.length === 0 && !shm) return { kind: 'not-needed' };
  const unreadable = (reason: string): Settlement => {
    const kept = pending.length ? `, with its ${pending.map((j) => j.suffix).join(' and ')}` : '';
    options.log.warning(
      `restore-db: SQLite cannot read the live database (${reason}); it is kept as it is${kept}`,
    );
    return { kind: 'unreadable', detail: reason };
  };
  const inUse = (why: string) =>
    new RestoreFailure(
      `the live database ${live.path} is in use by another process (${why}). Stop the app first (the runbook's "Stop Application" step), then run this again; the live database was not replaced`,
    );

  // SQLite deletes a -wal it cannot make sense of when it closes a database: never let it see the
  // journals of a file that is not a database at all.
  const header = checkHeader(await readHead(live.path, HEADER_SIZE), live.sizeBytes ?? 0);
  if (!header.ok) return unreadable(header.reason);

  let walMode = false;
  let detail: string;
  try {
    const db = await openLive(live.path, options.busyTimeoutMs ?? 5000);
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get(); // rolls back a hot journal
      walMode = db.pragma('journal_mode', { simple: true }) === 'wal';
      if (walMode) {
        const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as {
          busy: number;
          log: number;
          checkpointed: number;
        }[];
        if (result?.busy) throw inUse('its WAL could not be checkpointed while it is being read');
        const wal = live.journals.find((j) => j.suffix === '-wal')?.sizeBytes ?? 0;
        // TRUNCATE reports 0 frames once it has emptied the WAL: say what was there instead.
        detail =
          wal > 0
            ? `checkpointed its ${humanBytes(wal)} -wal into the database file`
            : 'nothing to checkpoint';
      } else {
        detail = pending.length
          ? 'rolled back the unfinished transaction of its -journal'
          : 'nothing to settle';
      }
    } finally {
      db.close();
    }
  } catch (error) {
    if (error instanceof RestoreFailure) throw error;
    const code = sqliteErrorCode(error) ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw inUse(`SQLite reports ${code}`);
    }
    return unreadable(`${describeThrown(error)}${code ? ` (${code})` : ''}`);
  }
  // Closing the last connection removes -wal and -shm; if they stay, another connection is open.
  const walLeft = (await sizeOf(`${live.path}-wal`)) ?? 0;
  if (walLeft > 0 || (walMode && (await exists(`${live.path}-shm`)))) {
    throw inUse('its -wal and -shm stay after a checkpoint, so another connection has it open');
  }
  return { kind: 'settled', detail };
}

async function keepOldDatabase(
  database: string,
  now: Date,
  settlement: Settlement,
  tag: string,
): Promise<KeptDatabase> {
  for (let attempt = 1; attempt <= 100; attempt++) {
    const target = preRestoreName(database, now, attempt);
    let method: KeepMethod;
    try {
      method = await keepAs(database, target, tag);
    } catch (error) {
      if (errorCode(error) === 'EEXIST') continue;
      throw error;
    }
    const kept: KeptDatabase = { path: target, method, sizeBytes: (await sizeOf(target)) ?? 0, journals: [] };
    if (settlement.kind === 'unreadable') {
      // The old database could not be settled: its journals are part of it.
      for (const suffix of ['-wal', '-journal'] as const) {
        if (((await sizeOf(`${database}${suffix}`)) ?? 0) > 0) {
          await keepAs(`${database}${suffix}`, `${target}${suffix}`, tag);
          kept.journals.push(`${target}${suffix}`);
        }
      }
    }
    return kept;
  }
  throw new RestoreFailure(`could not find a free pre-restore name beside ${database}`);
}

/** The temporary copy's name: hidden, beside the live database, and recognisable as ours. */
function tempName(database: string, tag: string): string {
  return `${tempPrefix(database)}${tag}.tmp`;
}

function tempPrefix(database: string): string {
  return `.${path.basename(database)}.restore-`;
}

/** A run that was killed leaves its temporary copy behind (as big as the database): remove it. */
async function removeLeftoverCopies(database: string, log: Logger): Promise<void> {
  const prefix = tempPrefix(database);
  const ours = (name: string) =>
    name.startsWith(prefix) && /^[0-9a-f]{8}\.tmp$/.test(name.slice(prefix.length));
  for (const name of await readdir(path.dirname(database))) {
    if (!ours(name)) continue;
    await rm(path.join(path.dirname(database), name), { force: true });
    log.warning(`restore-db: removed ${name}, the copy of an earlier restore that was interrupted`);
  }
}

/** Fails before anything is written when the folder cannot hold the copy. */
async function ensureSpace(dir: string, source: string): Promise<void> {
  const needed = (await stat(source)).size;
  let available: number;
  try {
    const fs = await statfs(dir);
    available = fs.bavail * fs.bsize;
  } catch {
    return; // not every platform can tell; the copy itself will fail cleanly if the disk is full
  }
  if (available < needed) {
    throw new RestoreFailure(
      `not enough free space in ${dir}: the copy needs ${humanBytes(needed)}, ${humanBytes(available)} is free. Free some space (old pre-restore copies?) and run again`,
    );
  }
}

/** The restored file gets the old database's permissions, and its owner when we may set it. */
async function matchOwnership(temp: string, live: LiveDatabase, log: Logger): Promise<void> {
  if (!live.exists) return;
  const old = await stat(live.path);
  await chmod(temp, old.mode & 0o7777);
  if (process.platform === 'win32') return;
  const mine = await stat(temp);
  if (mine.uid === old.uid && mine.gid === old.gid) return;
  try {
    await chown(temp, old.uid, old.gid);
  } catch {
    log.warning(
      `restore-db: the restored database is owned by uid ${mine.uid}, the old one by uid ${old.uid}; make sure the app can still write it (chown ${old.uid}:${old.gid})`,
    );
  }
}
