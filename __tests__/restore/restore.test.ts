import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../__fixtures__/bundle.js';
import { recordingLogger } from '../../__fixtures__/context.js';
import { ManualClock } from '../../src/core/clock.js';
import type { RestoreConfig } from '../../src/restore/config.js';
import { DEFAULT_PATTERN, parseBackupPattern } from '../../src/restore/pattern.js';
import { restoreDatabase } from '../../src/restore/restore.js';
import { loadSqlite } from '../../src/restore/sqlite.js';
import {
  createDatabase,
  createWalDatabase,
  fingerprint,
  folderState,
  integrityOf,
  markers,
  runbookLayout,
  sha256,
  tempDir,
} from './fixtures.js';

const NOW = Date.UTC(2024, 0, 16, 3, 0, 0);

function configFor(database: string, over: Partial<RestoreConfig> = {}): RestoreConfig {
  return {
    database,
    pattern: parseBackupPattern(DEFAULT_PATTERN),
    check: 'full',
    expectTables: [],
    keepPreRestore: true,
    dryRun: false,
    ...over,
  };
}

const deps = () => ({ clock: new ManualClock(NOW), log: recordingLogger() });

describe('restoreDatabase', () => {
  it('restores the newest backup before `before`, keeping the replaced database; the undo command puts it back', async () => {
    const { data, backups, live } = await runbookLayout(tempDir());
    const oldBytes = readFileSync(live);
    const result = await restoreDatabase(
      configFor(live, {
        backupDir: backups,
        before: new Date('2024-01-16T00:00:00Z'),
        expectTables: ['sessions', 'messages'],
      }),
      deps(),
    );

    expect([result.status, result.failure]).toEqual(['restored', undefined]);
    expect(result.backup?.name).toBe('memory_20240115_020000.db');
    expect(readFileSync(live).equals(readFileSync(path.join(backups, 'memory_20240115_020000.db')))).toBe(
      true,
    );
    expect(result.after).toMatchObject({ ok: true, integrity: 'ok', sha256: sha256(live) });
    expect(await markers(live)).toEqual(['jan15']);

    const kept = path.join(data, 'memory.pre-restore-20240116T030000Z.db');
    expect(result.preRestore).toMatchObject({ path: kept, method: 'hard-link', journals: [] });
    expect(readFileSync(kept).equals(oldBytes)).toBe(true);
    expect(readdirSync(data).sort()).toEqual([
      'backups',
      'memory.db',
      'memory.pre-restore-20240116T030000Z.db',
    ]);

    expect(result.undo).toBe(`rm -f ${live}-wal ${live}-journal ${live}-shm && mv -f ${kept} ${live}`);
    execFileSync('sh', ['-c', result.undo as string]);
    expect(readFileSync(live).equals(oldBytes)).toBe(true);
    expect(await markers(live)).toEqual(['live']);
  });

  it('in a dry run, names the backup and its checks and changes nothing', async () => {
    const root = tempDir();
    const { data, backups, live } = await runbookLayout(root);
    const before = { data: folderState(data), backups: folderState(backups) };
    const result = await restoreDatabase(
      configFor(live, { backupDir: backups, dryRun: true, expectTables: ['sessions'] }),
      deps(),
    );

    expect(result.status).toBe('planned');
    expect(result.backup?.name).toBe('memory_20240116_020000.db');
    expect(result.verification?.checks.map((c) => [c.name, c.ok])).toEqual([
      ['file', true],
      ['header', true],
      ['integrity', true],
      ['tables', true],
      ['sha256', true],
    ]);
    expect(result.wouldKeepAs).toBe(path.join(data, 'memory.pre-restore-20240116T030000Z.db'));
    expect({ data: folderState(data), backups: folderState(backups) }).toEqual(before);
  });

  it('keeps no copy with keep-pre-restore: false, and leaves no temporary file', async () => {
    const { data, backups, live } = await runbookLayout(tempDir());
    const result = await restoreDatabase(
      configFor(live, { backupDir: backups, keepPreRestore: false }),
      deps(),
    );
    expect(result.status).toBe('restored');
    expect(result.preRestore).toBeUndefined();
    expect(result.undo).toBeUndefined();
    expect(readdirSync(data).sort()).toEqual(['backups', 'memory.db']);
  });

  it('restores where there is no database yet, and removes a -wal left without one', async () => {
    const { data, backups } = await runbookLayout(tempDir());
    const fresh = path.join(data, 'new.db');
    writeFileSync(`${fresh}-wal`, 'stale wal of a database that is gone');
    const log = recordingLogger();
    const result = await restoreDatabase(configFor(fresh, { backupDir: backups }), {
      clock: new ManualClock(NOW),
      log,
    });
    expect(result.status).toBe('restored');
    expect(existsSync(`${fresh}-wal`)).toBe(false);
    expect(await markers(fresh)).toEqual(['jan16']);
    expect(result.undo).toBe(`rm -f ${fresh} ${fresh}-wal ${fresh}-journal ${fresh}-shm`);
    expect(log.lines).toContainEqual(expect.stringMatching(/removed new\.db-wal left without a database/));
  });

  it('keeps the WAL commits of a live database in WAL mode in the pre-restore copy, and never applies its -wal to the restored one', async () => {
    const { data, backups, live } = await runbookLayout(tempDir());
    await createWalDatabase(live, { marker: 'checkpointed' }, { marker: 'only-in-wal' });
    expect(statSync(`${live}-wal`).size).toBeGreaterThan(0);
    expect(await markers(live)).toEqual(['checkpointed', 'only-in-wal']);

    const result = await restoreDatabase(configFor(live, { backupDir: backups }), deps());
    expect(result.status).toBe('restored');
    expect(result.swap?.settlement).toEqual({
      kind: 'settled',
      detail: expect.stringMatching(/^checkpointed its \d+\.\d KiB -wal into the database file$/),
    });
    expect(readdirSync(data).sort()).toEqual([
      'backups',
      'memory.db',
      'memory.pre-restore-20240116T030000Z.db',
    ]);
    expect(await markers(live)).toEqual(['jan16']);
    expect(sha256(live)).toBe(sha256(path.join(backups, 'memory_20240116_020000.db')));
    const kept = result.preRestore?.path as string;
    expect(await markers(kept)).toEqual(['checkpointed', 'only-in-wal']);
    expect(await integrityOf(kept)).toBe('ok');
  });

  it('rolls back the hot -journal of an app killed mid-transaction before keeping the old database', async () => {
    const { backups, live } = await runbookLayout(tempDir());
    await createDatabase(live, { marker: 'before-crash', rows: 200 });
    const committed = await fingerprint(live);
    const bytesBefore = sha256(live);
    // An app that dies half-way through a big transaction: pages already written, journal hot.
    const app = spawnSync(
      process.execPath,
      [
        '-e',
        `const D = require(${JSON.stringify(path.join(ROOT, 'node_modules/better-sqlite3'))});
         const db = new D(${JSON.stringify(live)});
         db.pragma('cache_size = 1');
         db.exec('BEGIN');
         db.prepare("UPDATE messages SET body = zeroblob(1000)").run();
         db.prepare("INSERT INTO sessions (marker) VALUES ('half-done')").run();
         process.kill(process.pid, 'SIGKILL');`,
      ],
      { encoding: 'utf8' },
    );
    expect(app.signal).toBe('SIGKILL');
    expect(statSync(`${live}-journal`).size).toBeGreaterThan(0);
    expect(sha256(live)).not.toBe(bytesBefore); // half the transaction is in the file

    const result = await restoreDatabase(configFor(live, { backupDir: backups }), deps());
    expect(result.status).toBe('restored');
    expect(result.swap?.settlement).toEqual({
      kind: 'settled',
      detail: 'rolled back the unfinished transaction of its -journal',
    });
    expect(existsSync(`${live}-journal`)).toBe(false);
    const kept = result.preRestore?.path as string;
    expect(existsSync(`${kept}-journal`)).toBe(false);
    expect(await fingerprint(kept)).toBe(committed);
    expect(await integrityOf(kept)).toBe('ok');
    expect(await markers(live)).toEqual(['jan16']);
  });

  it('refuses while another connection has the WAL database open, and leaves it as it was', async () => {
    const { data, backups, live } = await runbookLayout(tempDir());
    await createWalDatabase(live, { marker: 'checkpointed' }, { marker: 'only-in-wal' });
    const Database = await loadSqlite();
    const app = new Database(live);
    try {
      app.prepare('SELECT count(*) FROM sessions').get();
      const result = await restoreDatabase(configFor(live, { backupDir: backups }), deps());
      expect(result.status).toBe('failed');
      expect(result.failure).toMatch(
        /^the live database .*memory\.db is in use by another process \(.*\)\. Stop the app first .*; the live database was not replaced$/,
      );
      expect(result.swapped).toBe(false);
      expect(app.prepare('SELECT marker FROM sessions ORDER BY id').pluck().all()).toEqual([
        'checkpointed',
        'only-in-wal',
      ]);
      expect(readdirSync(data).filter((n) => n.includes('pre-restore') || n.endsWith('.tmp'))).toEqual([]);
    } finally {
      app.close();
    }
  });

  it('keeps an unreadable live database with its -wal as they were', async () => {
    const { data, backups, live } = await runbookLayout(tempDir());
    writeFileSync(live, Buffer.alloc(8192, 7));
    writeFileSync(`${live}-wal`, Buffer.alloc(4096, 9));
    const result = await restoreDatabase(configFor(live, { backupDir: backups }), deps());
    expect(result.status).toBe('restored');
    expect(result.swap?.settlement.kind).toBe('unreadable');
    const kept = path.join(data, 'memory.pre-restore-20240116T030000Z.db');
    expect(result.preRestore).toMatchObject({ path: kept, journals: [`${kept}-wal`] });
    expect(readFileSync(kept).equals(Buffer.alloc(8192, 7))).toBe(true);
    expect(readFileSync(`${kept}-wal`).equals(Buffer.alloc(4096, 9))).toBe(true);
    expect(existsSync(`${live}-wal`)).toBe(false);
    expect(await markers(live)).toEqual(['jan16']);
    expect(result.undo).toBe(
      `rm -f ${live}-wal ${live}-journal ${live}-shm && mv -f ${kept} ${live} && mv -f ${kept}-wal ${live}-wal`,
    );
  });

  it('swaps the real file behind a symbolic link, keeping the link and the file permissions', async () => {
    const root = tempDir();
    const { backups } = await runbookLayout(root);
    const volume = path.join(root, 'volume');
    mkdirSync(volume);
    const real = path.join(volume, 'memory.db');
    await createDatabase(real, { marker: 'on-volume' });
    chmodSync(real, 0o640);
    const link = path.join(root, 'memory.db');
    symlinkSync(real, link);

    const result = await restoreDatabase(configFor(link, { backupDir: backups }), deps());
    expect(result.status).toBe('restored');
    expect(result.database).toBe(real);
    expect(statSync(link, { throwIfNoEntry: true }).ino).toBe(statSync(real).ino);
    expect(await markers(link)).toEqual(['jan16']);
    expect(statSync(real).mode & 0o777).toBe(0o640);
    expect(result.preRestore?.path).toBe(path.join(volume, 'memory.pre-restore-20240116T030000Z.db'));
  });

  it('names a second pre-restore copy of the same second apart from the first', async () => {
    const { data, backups, live } = await runbookLayout(tempDir());
    const first = await restoreDatabase(configFor(live, { backupDir: backups }), deps());
    const second = await restoreDatabase(configFor(live, { backupDir: backups }), deps());
    expect(first.preRestore?.path).toBe(path.join(data, 'memory.pre-restore-20240116T030000Z.db'));
    expect(second.preRestore?.path).toBe(path.join(data, 'memory.pre-restore-20240116T030000Z-2.db'));
    expect(await markers(first.preRestore?.path as string)).toEqual(['live']);
    expect(await markers(second.preRestore?.path as string)).toEqual(['jan16']);
  });

  it('turns an error while it only reads into a failure that says the database was not touched', async () => {
    const { data, live } = await runbookLayout(tempDir());
    const before = folderState(data);
    const result = await restoreDatabase(configFor(live, { backupDir: path.join(data, 'gone') }), deps());
    expect(result.status).toBe('failed');
    expect(result.failure).toMatch(
      /^the restore stopped: ENOENT: .*gone.*; the live database was not touched$/,
    );
    expect(folderState(data)).toEqual(before);
  });

  it('fails with what it found when no backup qualifies, touching nothing', async () => {
    const { data, backups, live } = await runbookLayout(tempDir());
    const before = folderState(data);
    const result = await restoreDatabase(
      configFor(live, { backupDir: backups, before: new Date('2024-01-01T00:00:00Z') }),
      deps(),
    );
    expect(result.status).toBe('failed');
    expect(result.failure).toMatch(
      /^no backup older than 2024-01-01T00:00:00Z in .* matches '\*_YYYYMMDD_HHMMSS\.db'; found not older than before .*memory_20240116_020000\.db.*not matching the pattern: backup\.log\. Check backup-dir and pattern and before, or name the file with backup; the live database was not touched$/,
    );
    expect(folderState(data)).toEqual(before);
  });
});
