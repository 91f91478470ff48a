import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { memoryHost, testDeps } from '../../__fixtures__/context.js';
import { runBundle } from '../../__fixtures__/bundle.js';
import { restoreDbAction } from '../../src/actions/restore-db/main.js';
import { executeAction } from '../../src/core/action.js';
import { ManualClock } from '../../src/core/clock.js';
import {
  createWalDatabase,
  folderState,
  integrityOf,
  markers,
  runbookLayout,
  sha256,
  tempDir,
} from './fixtures.js';

const run = (inputs: Record<string, string>, clock = new ManualClock(Date.UTC(2024, 0, 16, 3, 0, 0))) => {
  const host = memoryHost({ RUNNER_TEMP: tempDir() });
  return executeAction(restoreDbAction, inputs, host, testDeps(clock)).then((outcome) => ({ outcome, host }));
};

describe('the restore-db action: configuration errors, all at once and before anything changes', () => {
  it('needs a database or a Qdrant URL', async () => {
    const { outcome, host } = await run({});
    expect(outcome.exitCode).toBe(1);
    expect(host.log.lines).toEqual([
      "error: restore-db: input 'database' is required unless qdrant-url is given; expected the path of the live SQLite database",
    ]);
  });

  it('names every bad input together', async () => {
    const { outcome, host } = await run({
      database: '/tmp/x.db',
      backup: '/tmp/a.db',
      'backup-dir': '/tmp',
      before: 'yesterday',
      pattern: 'backups/*.db',
      check: 'thorough',
      'backup-sha256': 'abc',
      'qdrant-url': 'ftp://qdrant',
      'qdrant-priority': 'first',
    });
    expect(outcome.exitCode).toBe(1);
    expect(host.log.lines).toEqual([
      expect.stringMatching(
        /^error: restore-db: input 'pattern' 'backups\/\*\.db' contains a path separator/,
      ),
      "error: restore-db: input 'before' 'yesterday' is not an ISO 8601 time such as '2024-01-15T02:00:00Z'",
      "error: restore-db: input 'check' 'thorough' is not one of full, quick",
      "error: restore-db: input 'backup-sha256' 'abc' is not a sha256 as 64 hexadecimal characters",
      "error: restore-db: input 'qdrant-url' 'ftp://qdrant' is not an http(s) URL",
      "error: restore-db: input 'qdrant-priority' 'first' is not one of snapshot, replica, no_sync",
    ]);
    expect(host.outputs).toEqual({});
  });

  it('checks how the inputs go together', async () => {
    const { host } = await run({
      database: '/tmp/x.db',
      backup: '/tmp/a.db',
      'backup-dir': '/tmp',
      before: '2024-01-16T00:00:00Z',
      'qdrant-url': 'http://localhost:6333',
    });
    expect(host.log.lines).toEqual([
      "error: restore-db: input 'backup' and backup-dir were both given; expected one of them",
      "error: restore-db: input 'before' chooses among the backups in backup-dir; it cannot be used with backup",
      "error: restore-db: input 'qdrant-collection' is required with qdrant-url",
      "error: restore-db: input 'qdrant-snapshot' is required with qdrant-url",
    ]);
    const sqliteOnly = await run({
      'qdrant-url': 'http://q:6333',
      'qdrant-collection': 'c',
      'qdrant-snapshot': 'file:///s',
      'backup-dir': '/tmp',
    });
    expect(sqliteOnly.host.log.lines).toEqual([
      "error: restore-db: input 'backup-dir' only applies to a SQLite restore; give database too",
    ]);
    const noBackup = await run({ database: '/tmp/x.db', 'qdrant-api-key': 'k3y-value' });
    expect(noBackup.host.log.lines).toEqual([
      "error: restore-db: input 'backup' or backup-dir is required with database; expected a backup file (backup) or a folder of backups (backup-dir)",
      "error: restore-db: input 'qdrant-api-key' only applies to a Qdrant recovery; give qdrant-url too",
    ]);
  });

  it('reports paths the runner cannot reach as configuration errors naming the inputs', async () => {
    const root = tempDir();
    const { data, live } = await runbookLayout(root);
    const before = folderState(data);
    const { outcome, host } = await run({
      database: path.join(root, 'nowhere', 'memory.db'),
      'backup-dir': path.join(root, 'missing'),
    });
    expect(outcome.exitCode).toBe(1);
    expect(host.log.lines).toEqual([
      `error: restore-db: input 'database' '${path.join(root, 'nowhere', 'memory.db')}': its folder ${path.join(root, 'nowhere')} does not exist; expected the path of the live database on a disk this runner can reach`,
      `error: restore-db: input 'backup-dir' '${path.join(root, 'missing')}' does not exist; expected the folder of the backups`,
    ]);
    const itself = await run({ database: live, backup: live });
    expect(itself.host.log.lines).toEqual([
      `error: restore-db: input 'backup' '${live}' is the live database itself`,
    ]);
    expect(folderState(data)).toEqual(before);
  });
});

describe('the restore-db action', () => {
  it('summarises the backup, its age, the checks, the sizes, the kept database and the undo command', async () => {
    const { data, backups, live } = await runbookLayout(tempDir());
    const { outcome, host } = await run({
      database: live,
      'backup-dir': backups,
      'expect-tables': 'sessions, messages',
    });
    expect(outcome.exitCode).toBe(0);
    const kept = path.join(data, 'memory.pre-restore-20240116T030000Z.db');
    expect(host.outputs).toMatchObject({
      status: 'restored',
      'restored-from': path.join(backups, 'memory_20240116_020000.db'),
      'backup-time': '2024-01-16T02:00:00Z',
      sha256: sha256(live),
      integrity: 'ok',
      'pre-restore': kept,
      'qdrant-status': '',
    });
    const summary = host.summaries.join('');
    expect(summary).toContain('## rollback-guard · restore-db');
    expect(summary).toContain('| Backup time | 2024-01-16T02:00:00Z (1 h old) |');
    expect(summary).toMatch(/\| Size \| \d+\\\.\d KiB \(\d+ pages of 4096 bytes\) \|/);
    expect(summary).toContain(`- [x] Backup integrity: integrity\\_check: ok`);
    expect(summary).toContain(`- [x] Restored sha256: ${sha256(live)} (as expected)`);
    expect(summary).toContain(`| Replaced database kept as | \`${kept}\` (`);
    expect(summary).toContain(`\`rm -f ${live}-wal ${live}-journal ${live}-shm && mv -f ${kept} ${live}\``);
    expect(summary).toContain('The app must be stopped while its database is restored');
    expect(summary).toMatch(/memory\\_20240115\\_020000\.db \| 2024-01-15T02:00:00Z \| older \|/);
    expect(summary).toContain('Not matching the pattern (ignored): `backup.log`');
  });

  it('exits 1 with status failed and the reason when the backup is rejected', async () => {
    const { backups, live } = await runbookLayout(tempDir());
    const { outcome, host } = await run({
      database: live,
      'backup-dir': backups,
      'expect-tables': 'sessions, users',
    });
    expect(outcome.exitCode).toBe(1);
    expect(host.outputs).toMatchObject({
      status: 'failed',
      'restored-from': '',
      'pre-restore': '',
      integrity: 'ok',
    });
    expect(outcome.failure).toMatch(
      /^restore-db: SQLite: backup .*memory_20240116_020000\.db was rejected: missing table users \(it has messages, sessions\)\. The live database was not touched\./,
    );
    expect(host.summaries.join('')).toContain('❌ **failed**');
  });
});

describe('dist/restore-db/index.js, run as the runner runs it', () => {
  it('restores the last backup before `before` (the acceptance run of issue 5)', async () => {
    const { data, backups, live } = await runbookLayout(tempDir());
    const bundle = await runBundle('dist/restore-db/index.js', {
      database: live,
      'backup-dir': backups,
      before: '2024-01-16T00:00:00Z',
      'expect-tables': 'sessions,messages',
    });
    expect(bundle.exitCode).toBe(0);
    const chosen = path.join(backups, 'memory_20240115_020000.db');
    expect(bundle.outputs).toMatchObject({
      status: 'restored',
      'restored-from': chosen,
      'backup-time': '2024-01-15T02:00:00Z',
      sha256: sha256(chosen),
      integrity: 'ok',
    });
    expect(bundle.outputs['pre-restore']).toMatch(/^.*\/data\/memory\.pre-restore-\d{8}T\d{6}Z\.db$/);
    expect(await markers(bundle.outputs['pre-restore'] as string)).toEqual(['live']);
    expect(await integrityOf(live)).toBe('ok');
    expect(await markers(live)).toEqual(['jan15']);
    expect(Number(bundle.outputs['duration-ms'])).toBeGreaterThanOrEqual(0);
    expect(bundle.report).toMatchObject({
      action: 'restore-db',
      status: 'restored',
      sqlite: { backup: { name: 'memory_20240115_020000.db' } },
    });
    expect(bundle.summary).toContain('✅ **restored**');
    expect(readdirSync(data).sort()).toEqual([
      'backups',
      'memory.db',
      path.basename(bundle.outputs['pre-restore'] as string),
    ]);
  });

  it('checks a WAL-mode backup in place without creating a -wal or -shm beside it, and a dry run changes nothing', async () => {
    const { data, backups, live } = await runbookLayout(tempDir());
    await createWalDatabase(
      path.join(backups, 'memory_20240117_020000.db'),
      { marker: 'jan17' },
      { marker: 'jan17-wal' },
    );
    // A backup is its main file: the -wal beside it (which a careless copy may leave) is not part of it.
    const before = { data: folderState(data), backups: folderState(backups) };
    const bundle = await runBundle('dist/restore-db/index.js', {
      database: live,
      'backup-dir': backups,
      'dry-run': 'true',
    });
    expect(bundle.exitCode).toBe(0);
    expect(bundle.outputs).toMatchObject({
      status: 'planned',
      'restored-from': path.join(backups, 'memory_20240117_020000.db'),
      integrity: 'ok',
      'pre-restore': '',
    });
    expect(bundle.summary).toContain('⚠️ **planned**');
    expect({ data: folderState(data), backups: folderState(backups) }).toEqual(before);
    expect(existsSync(path.join(backups, 'memory_20240117_020000.db-shm'))).toBe(false);
    expect(readFileSync(live).length).toBeGreaterThan(0);
  });
});
