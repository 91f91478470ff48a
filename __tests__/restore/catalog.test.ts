import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { recordingLogger } from '../../__fixtures__/context.js';
import { findBackup } from '../../src/restore/catalog.js';
import { parseBackupPattern } from '../../src/restore/pattern.js';
import { tempDir } from './fixtures.js';

const pattern = parseBackupPattern('*_YYYYMMDD_HHMMSS.db');

function folderWith(names: string[]): string {
  const dir = tempDir('rg-catalog-');
  for (const name of names) writeFileSync(path.join(dir, name), name);
  return dir;
}

describe('the backup catalog', () => {
  const runbook = [
    'memory_20240114_020000.db',
    'memory_20240116_020000.db',
    'memory_20240115_020000.db',
    'backup.log',
  ];

  it('chooses the newest backup by the time in its name, and ignores backup.log quietly', async () => {
    const dir = folderWith(runbook);
    const log = recordingLogger();
    const catalog = await findBackup({ backupDir: dir, pattern }, log);
    expect(catalog.chosen).toMatchObject({
      name: 'memory_20240116_020000.db',
      path: path.join(dir, 'memory_20240116_020000.db'),
      time: new Date('2024-01-16T02:00:00Z'),
      timeSource: 'name',
    });
    expect(catalog.candidates.map((c) => c.name)).toEqual([
      'memory_20240116_020000.db',
      'memory_20240115_020000.db',
      'memory_20240114_020000.db',
    ]);
    expect(catalog.ignored).toEqual(['backup.log']);
    expect(log.lines).toEqual([]);
  });

  it('chooses the newest backup strictly older than before (one taken at that instant is too late)', async () => {
    const dir = folderWith(runbook);
    const catalog = await findBackup(
      { backupDir: dir, pattern, before: new Date('2024-01-16T02:00:00Z') },
      recordingLogger(),
    );
    expect(catalog.chosen?.name).toBe('memory_20240115_020000.db');
    expect(catalog.notBefore.map((b) => b.name)).toEqual(['memory_20240116_020000.db']);
  });

  it('orders by the parsed UTC time, not by the name', async () => {
    const dir = folderWith(['zeta_20240101_000000.db', 'alpha_20240102_000000.db']);
    const catalog = await findBackup({ backupDir: dir, pattern }, recordingLogger());
    expect(catalog.chosen?.name).toBe('alpha_20240102_000000.db');
  });

  it('skips names whose time is not a real time, with a warning', async () => {
    const dir = folderWith([
      'memory_20240230_020000.db',
      'memory_20240115_250000.db',
      'memory_20240110_020000.db',
    ]);
    const log = recordingLogger();
    const catalog = await findBackup({ backupDir: dir, pattern }, log);
    expect(catalog.chosen?.name).toBe('memory_20240110_020000.db');
    expect(catalog.skipped).toEqual([
      {
        name: 'memory_20240115_250000.db',
        reason: 'its time 2024-01-15 25:00:00 is not a real UTC date and time',
      },
      {
        name: 'memory_20240230_020000.db',
        reason: 'its time 2024-02-30 02:00:00 is not a real UTC date and time',
      },
    ]);
    expect(log.lines).toEqual([
      expect.stringMatching(
        /^warning: restore-db: skipped 'memory_20240115_250000\.db' in .*: its time 2024-01-15 25:00:00/,
      ),
      expect.stringMatching(/^warning: restore-db: skipped 'memory_20240230_020000\.db'/),
    ]);
  });

  it('follows a symbolic link that stays inside the folder, and skips one that points outside it', async () => {
    const outside = folderWith(['secret.db']);
    const dir = folderWith(['memory_20240110_020000.db']);
    symlinkSync(path.join(dir, 'memory_20240110_020000.db'), path.join(dir, 'memory_20240111_020000.db'));
    symlinkSync(path.join(outside, 'secret.db'), path.join(dir, 'memory_20240120_020000.db'));
    symlinkSync('../' + path.basename(outside) + '/secret.db', path.join(dir, 'memory_20240121_020000.db'));
    symlinkSync(path.join(dir, 'gone.db'), path.join(dir, 'memory_20240122_020000.db'));
    const log = recordingLogger();
    const catalog = await findBackup({ backupDir: dir, pattern }, log);
    expect(catalog.chosen?.name).toBe('memory_20240111_020000.db');
    expect(catalog.skipped).toEqual([
      {
        name: 'memory_20240120_020000.db',
        reason: `a symbolic link to ${path.join(outside, 'secret.db')}, outside the backup folder`,
      },
      {
        name: 'memory_20240121_020000.db',
        reason: `a symbolic link to ${path.join(outside, 'secret.db')}, outside the backup folder`,
      },
      { name: 'memory_20240122_020000.db', reason: 'a broken symbolic link' },
    ]);
    expect(log.lines).toHaveLength(3);
  });

  it('skips folders and FIFOs named like backups (a FIFO would block the read forever)', async () => {
    const dir = folderWith(['memory_20240110_020000.db']);
    mkdirSync(path.join(dir, 'memory_20240111_020000.db'));
    execFileSync('mkfifo', [path.join(dir, 'memory_20240112_020000.db')]);
    const catalog = await findBackup({ backupDir: dir, pattern }, recordingLogger());
    expect(catalog.chosen?.name).toBe('memory_20240110_020000.db');
    expect(catalog.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['memory_20240111_020000.db', 'not a regular file'],
      ['memory_20240112_020000.db', 'not a regular file'],
    ]);
  });

  it('never offers the live database itself', async () => {
    const dir = folderWith(['memory_20240110_020000.db', 'memory_20240111_020000.db']);
    const catalog = await findBackup(
      { backupDir: dir, pattern, liveDatabase: path.join(dir, 'memory_20240111_020000.db') },
      recordingLogger(),
    );
    expect(catalog.chosen?.name).toBe('memory_20240110_020000.db');
    expect(catalog.skipped).toEqual([
      { name: 'memory_20240111_020000.db', reason: 'it is the live database' },
    ]);
  });

  it('warns when two backups have the same time, and chooses deterministically', async () => {
    const dir = folderWith(['a_20240110_020000.db', 'b_20240110_020000.db']);
    const log = recordingLogger();
    const catalog = await findBackup({ backupDir: dir, pattern }, log);
    expect(catalog.chosen?.name).toBe('b_20240110_020000.db');
    expect(log.lines).toEqual([
      expect.stringMatching(/'b_20240110_020000\.db' and 'a_20240110_020000\.db' have the same time/),
    ]);
  });

  it('says what it found when nothing qualifies', async () => {
    const dir = folderWith(['memory_20240116_020000.db', 'memory_20240230_020000.db', 'backup.log']);
    const catalog = await findBackup(
      { backupDir: dir, pattern, before: new Date('2024-01-16T00:00:00Z') },
      recordingLogger(),
    );
    expect(catalog.chosen).toBeUndefined();
    expect(catalog.problem).toBe(
      `no backup older than 2024-01-16T00:00:00Z in ${dir} matches '*_YYYYMMDD_HHMMSS.db'; found ` +
        'not older than before (2024-01-16T00:00:00Z): memory_20240116_020000.db (2024-01-16T02:00:00Z); ' +
        'skipped: memory_20240230_020000.db (its time 2024-02-30 02:00:00 is not a real UTC date and time); ' +
        'not matching the pattern: backup.log',
    );
    const empty = await findBackup({ backupDir: tempDir(), pattern }, recordingLogger());
    expect(empty.problem).toMatch(/^no backup in .* matches '\*_YYYYMMDD_HHMMSS\.db'; the folder is empty$/);
  });

  it('takes a named backup as given: its time from the name, or else from its modification time', async () => {
    const dir = folderWith(['memory_20240115_020000.db', 'manual.db']);
    const named = await findBackup(
      { backup: path.join(dir, 'memory_20240115_020000.db'), pattern },
      recordingLogger(),
    );
    expect(named.chosen).toMatchObject({ time: new Date('2024-01-15T02:00:00Z'), timeSource: 'name' });

    utimesSync(
      path.join(dir, 'manual.db'),
      new Date('2024-02-01T10:00:00Z'),
      new Date('2024-02-01T10:00:00Z'),
    );
    const log = recordingLogger();
    const manual = await findBackup({ backup: path.join(dir, 'manual.db'), pattern }, log);
    expect(manual.chosen).toMatchObject({
      name: 'manual.db',
      time: new Date('2024-02-01T10:00:00Z'),
      timeSource: 'modified',
    });
    expect(log.lines).toEqual([
      expect.stringContaining(
        "the time of backup 'manual.db' is taken from its modification time (2024-02-01T10:00:00Z)",
      ),
    ]);
  });
});
