/**
 * restore-db on a database of at least 1 GiB: the shipped bundle (dist/restore-db/index.js, run as
 * the runner runs it) against the baseline of the runbook's manual restore, `cp` and then
 * `PRAGMA integrity_check` on the copy (and the same with the copy synced to disk, which restore-db
 * does and `cp` does not). Prints the time of each and the peak memory (RSS) of the
 * restore process, and fails when the restore's peak RSS is above 256 MiB, far below the database's
 * size (it must stream, never hold the file in memory).
 *
 *   npm run bench restore-db [-- --size-mib 1100 --runs 3]
 *
 * The files live in a temporary folder under the OS temp dir (set BENCH_DIR to choose another
 * disk) and are removed at the end.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSqlite } from '../src/restore/sqlite.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = path.join(ROOT, 'dist/restore-db/index.js');
const MIB = 1024 * 1024;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const sizeMib = option('size-mib', 1100);
const runs = option('runs', 3);
const work = mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'rg-bench-restore-'));

/** A database of about `mib` MiB: 1 MiB blobs (overflow pages, as big payloads are) and small rows. */
async function buildDatabase(file: string, mib: number, marker: string): Promise<void> {
  const Database = await loadSqlite();
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec('CREATE TABLE sessions (id INTEGER PRIMARY KEY, marker TEXT NOT NULL)');
  db.exec('CREATE TABLE messages (id INTEGER PRIMARY KEY, session INTEGER NOT NULL, body TEXT NOT NULL)');
  db.exec('CREATE TABLE attachments (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  db.exec('CREATE INDEX messages_by_session ON messages (session)');
  db.prepare('INSERT INTO sessions (marker) VALUES (?)').run(marker);
  const message = db.prepare('INSERT INTO messages (session, body) VALUES (?, ?)');
  const attachment = db.prepare('INSERT INTO attachments (body) VALUES (?)');
  const blob = Buffer.alloc(MIB);
  db.transaction(() => {
    for (let i = 0; i < 50_000; i++) message.run(i % 500, `message ${i} of session ${i % 500}`);
  })();
  for (let chunk = 0; chunk < mib; chunk += 64) {
    db.transaction(() => {
      for (let i = chunk; i < Math.min(mib, chunk + 64); i++) {
        blob.fill(i % 251);
        blob.writeUInt32BE(i, 0);
        attachment.run(blob);
      }
    })();
  }
  db.close();
}

interface Timed {
  seconds: number;
  maxRssMib?: number;
  stdout: string;
}

/** Runs a command; its peak RSS from GNU time when the machine has it. */
function timed(command: string, args: string[], env?: NodeJS.ProcessEnv): Timed {
  const gnuTime = '/usr/bin/time';
  const withTime = spawnSync(gnuTime, ['--version'], { encoding: 'utf8' }).status === 0;
  const started = performance.now();
  const result = withTime
    ? spawnSync(gnuTime, ['-f', 'maxrss_kib=%M', command, ...args], { env, encoding: 'utf8' })
    : spawnSync(command, args, { env, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  const rss = /maxrss_kib=(\d+)/.exec(result.stderr ?? '');
  return { seconds, maxRssMib: rss ? Number(rss[1]) / 1024 : undefined, stdout: result.stdout };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function hasSqliteCli(): boolean {
  return spawnSync('sqlite3', ['-version'], { encoding: 'utf8' }).status === 0;
}

/**
 * The runbook's restore: cp, then integrity_check on the copy (sqlite3 CLI, or SQLite in Node);
 * with `durable`, also `sync` the copy to disk as restore-db does before it swaps.
 */
function baseline(backup: string, target: string, durable: boolean): Timed {
  rmSync(target, { force: true });
  const copy = timed('cp', [backup, target]);
  if (durable) copy.seconds += timed('sync', [target]).seconds;
  const check = hasSqliteCli()
    ? timed('sqlite3', [target, 'PRAGMA integrity_check;'])
    : timed(process.execPath, [
        '-e',
        `const D=require(${JSON.stringify(path.join(ROOT, 'node_modules/better-sqlite3'))});` +
          `console.log(new D(${JSON.stringify(target)},{readonly:true}).pragma('integrity_check',{simple:true}))`,
      ]);
  if (check.stdout.trim() !== 'ok') throw new Error(`baseline integrity_check: ${check.stdout}`);
  return {
    seconds: copy.seconds + check.seconds,
    maxRssMib: Math.max(copy.maxRssMib ?? 0, check.maxRssMib ?? 0) || undefined,
    stdout: '',
  };
}

/** The phases each restore run reports (choose, verify, copy, swap, check), in ms, by check mode. */
const phaseTimes: Record<string, number[]> = {};

function restore(live: string, backups: string, check: 'full' | 'quick'): Timed & { outputs: string } {
  const temp = mkdtempSync(path.join(work, 'runner-'));
  const output = path.join(temp, 'github_output');
  writeFileSync(output, '');
  const env = {
    PATH: process.env.PATH ?? '',
    GITHUB_OUTPUT: output,
    RUNNER_TEMP: temp,
    INPUT_DATABASE: live,
    'INPUT_BACKUP-DIR': backups,
    INPUT_CHECK: check,
    'INPUT_EXPECT-TABLES': 'sessions,messages,attachments',
  };
  const run = timed(process.execPath, [BUNDLE], env);
  const outputs = readFileSync(output, 'utf8');
  if (!/^restored$/m.test(outputs) || !/^ok$/m.test(outputs))
    throw new Error(`restore failed:\n${run.stdout}`);
  const reports = path.join(temp, 'rollback-guard');
  for (const name of readdirSync(reports)) {
    const report = JSON.parse(readFileSync(path.join(reports, name), 'utf8')) as {
      sqlite: { phases: { phase: string; ms: number }[] };
    };
    for (const { phase, ms } of report.sqlite.phases) (phaseTimes[`${check} ${phase}`] ??= []).push(ms);
  }
  // Keep the disk from filling up: drop the pre-restore copy each run makes.
  for (const name of readdirSync(path.dirname(live))) {
    if (name.includes('.pre-restore-')) rmSync(path.join(path.dirname(live), name));
  }
  return { ...run, outputs };
}

const fmt = (value: number | undefined, digits = 1) => (value === undefined ? 'n/a' : value.toFixed(digits));

try {
  const data = path.join(work, 'data');
  const backups = path.join(data, 'backups');
  mkdirSync(backups, { recursive: true });
  const backup = path.join(backups, 'memory_20240115_020000.db');
  const live = path.join(data, 'memory.db');

  const started = performance.now();
  await buildDatabase(backup, sizeMib, 'backup');
  const size = statSync(backup).size;
  console.log(
    `built a ${(size / MIB).toFixed(0)} MiB database in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  writeFileSync(path.join(backups, 'backup.log'), 'backup ok\n');

  // The variants take turns, and each starts with nothing left to write back from the one before
  // (a `sync` first, untimed): otherwise whichever runs after a big copy pays for its writeback.
  const variants: [string, () => Timed][] = [
    ['baseline: cp + integrity_check', () => baseline(backup, live, false)],
    ['baseline, durable: cp + sync + integrity_check', () => baseline(backup, live, true)],
    ['restore-db (check: full)', () => restore(live, backups, 'full')],
    ['restore-db (check: quick)', () => restore(live, backups, 'quick')],
  ];
  const rows = variants.map(([label]) => ({ label, seconds: [] as number[], rss: [] as number[] }));
  for (let run = 0; run < runs; run++) {
    variants.forEach(([, once], index) => {
      spawnSync('sync');
      const result = once();
      rows[index]?.seconds.push(result.seconds);
      if (result.maxRssMib !== undefined) rows[index]?.rss.push(result.maxRssMib);
    });
  }

  console.log(
    `\n${os.cpus().length} CPU ${os.cpus()[0]?.model ?? ''}, Node ${process.version}, ${(size / MIB).toFixed(0)} MiB database, median of ${runs} runs taking turns, page cache warm, nothing left to write back at the start of each\n`,
  );
  console.log('| Run | Time (s) | Peak RSS (MiB) |');
  console.log('| --- | ---: | ---: |');
  for (const { label, seconds, rss } of rows) {
    console.log(
      `| ${label} | ${fmt(median(seconds))} | ${fmt(rss.length ? Math.max(...rss) : undefined, 0)} |`,
    );
  }

  console.log('\nWhere restore-db spends its time (median ms):\n');
  console.log(
    '| check | choose | verify (integrity_check ∥ sha256) | copy (+ fsync, sha256 read back) | swap | check restored |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const check of ['full', 'quick']) {
    const cells = ['choose', 'verify', 'copy', 'swap', 'check'].map((phase) => {
      const times = phaseTimes[`${check} ${phase}`];
      return times?.length ? String(Math.round(median(times))) : 'n/a';
    });
    console.log(`| ${check} | ${cells.join(' | ')} |`);
  }

  const restoreRss = rows.filter(({ label }) => label.startsWith('restore-db')).flatMap(({ rss }) => rss);
  // Node itself takes ~50 MiB and SQLite's page cache up to 16 MiB: the bound is fixed, far below 1 GiB.
  const limit = 256;
  if (restoreRss.length && Math.max(...restoreRss) > limit) {
    console.error(
      `\nrestore-db peak RSS ${fmt(Math.max(...restoreRss), 0)} MiB is above ${fmt(limit, 0)} MiB: it must not hold the database in memory`,
    );
    process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
