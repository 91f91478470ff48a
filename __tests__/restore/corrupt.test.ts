import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { recordingLogger } from '../../__fixtures__/context.js';
import { ManualClock } from '../../src/core/clock.js';
import type { RestoreConfig } from '../../src/restore/config.js';
import { DEFAULT_PATTERN, parseBackupPattern } from '../../src/restore/pattern.js';
import { restoreDatabase } from '../../src/restore/restore.js';
import { createDatabase, folderState, runbookLayout, sha256, tempDir } from './fixtures.js';

/** Ways a backup goes bad; each writes the bad file at `file` (a good backup is there at first). */
const CORRUPTIONS: [string, (file: string) => void | Promise<void>, RegExp][] = [
  [
    'truncated to half its pages',
    (file) => truncateSync(file, Math.floor(readFileSync(file).length / 4096 / 2) * 4096),
    /header: truncated: the header counts \d+ pages of 4096 bytes, the file holds \d+/,
  ],
  [
    'truncated mid-page',
    (file) => truncateSync(file, readFileSync(file).length - 1000),
    /header: truncated or padded: \d+ bytes is not a whole number of 4096-byte pages/,
  ],
  [
    'with pages 2 to 6 zeroed',
    (file) => zero(file, 4096, 5 * 4096),
    /integrity: (integrity_check: |SQLite cannot read it: )/,
  ],
  [
    'with its first page zeroed',
    (file) => zero(file, 0, 4096),
    /header: not a SQLite database: its first bytes are all zero/,
  ],
  [
    'of random bytes',
    (file) => writeFileSync(file, randomBytes(64 * 1024)),
    /header: not a SQLite database: it does not start with the SQLite header \(first bytes: /,
  ],
  [
    'that is an HTML error page',
    (file) =>
      writeFileSync(
        file,
        '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>\n',
      ),
    /header: not a SQLite database: it is an HTML page \(an error page saved as the backup\?\)/,
  ],
  ['of zero bytes', (file) => writeFileSync(file, ''), /file: the file is empty \(0 bytes\)/],
  [
    'that is gzip-compressed',
    (file) => writeFileSync(file, gzipSync(readFileSync(file))),
    /it is gzip-compressed: decompress it first/,
  ],
  [
    'missing an expected table',
    (file) => createDatabase(file, { marker: 'no-messages', withoutMessages: true }),
    /tables: missing table messages \(it has sessions\)/,
  ],
];

function zero(file: string, offset: number, length: number): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(length), 0, length, offset);
  closeSync(fd);
}

async function layoutWithBadNewest(corrupt: (file: string) => void | Promise<void>) {
  const root = tempDir('rg-corrupt-');
  const layout = await runbookLayout(root);
  const newest = path.join(layout.backups, 'memory_20240116_020000.db');
  await createDatabase(newest, { marker: 'jan16', rows: 300 });
  await corrupt(newest);
  return { ...layout, newest };
}

function configFor(database: string, backups: string, over: Partial<RestoreConfig> = {}): RestoreConfig {
  return {
    database,
    backupDir: backups,
    pattern: parseBackupPattern(DEFAULT_PATTERN),
    check: 'full',
    expectTables: ['sessions', 'messages'],
    keepPreRestore: true,
    dryRun: false,
    ...over,
  };
}

describe('a bad backup is rejected with the reason, and the live database stays byte for byte as it was', () => {
  it.each(CORRUPTIONS)('a backup %s', async (_name, corrupt, reason) => {
    const { data, backups, live, newest } = await layoutWithBadNewest(corrupt);
    const before = { data: folderState(data), backups: folderState(backups) };
    const result = await restoreDatabase(configFor(live, backups), {
      clock: new ManualClock(),
      log: recordingLogger(),
    });

    expect(result.status).toBe('failed');
    expect(result.swapped).toBe(false);
    const failed = result.verification?.checks.find((check) => !check.ok);
    expect(`${failed?.name}: ${failed?.detail}`).toMatch(reason);
    expect(result.failure).toContain(
      `backup ${newest} was rejected: ${failed?.detail}. The live database was not touched.`,
    );
    expect(result.failure).toContain(
      `The next older backup is ${path.join(backups, 'memory_20240115_020000.db')} (2024-01-15T02:00:00Z): to restore it, set backup to that path`,
    );
    expect({ data: folderState(data), backups: folderState(backups) }).toEqual(before);
  });

  it('a backup whose sha256 is not the expected one', async () => {
    const { data, backups, live } = await runbookLayout(tempDir('rg-corrupt-'));
    const other = sha256(path.join(backups, 'memory_20240115_020000.db'));
    const before = folderState(data);
    const result = await restoreDatabase(configFor(live, backups, { backupSha256: other }), {
      clock: new ManualClock(),
      log: recordingLogger(),
    });
    expect(result.status).toBe('failed');
    expect(result.verification?.checks.at(-1)).toEqual({
      name: 'sha256',
      ok: false,
      detail: `sha256 is ${sha256(path.join(backups, 'memory_20240116_020000.db'))}, expected ${other}`,
    });
    expect(folderState(data)).toEqual(before);
  });

  it('zeroed pages are caught by quick_check too', async () => {
    const { data, backups, live } = await layoutWithBadNewest((file) => zero(file, 4096, 5 * 4096));
    const before = folderState(data);
    const result = await restoreDatabase(configFor(live, backups, { check: 'quick' }), {
      clock: new ManualClock(),
      log: recordingLogger(),
    });
    expect(result.status).toBe('failed');
    expect(result.verification?.reason).toMatch(/^(quick_check: |SQLite cannot read it: )/);
    expect(folderState(data)).toEqual(before);
  });
});
