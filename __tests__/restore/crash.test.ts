/**
 * The crash test: a child process restoring a database of a few MB is killed with SIGKILL at every
 * step of the swap (deterministically, through the library's step hook), and the shipped bundle is
 * killed at a spread of moments after its copy starts. Afterwards the live path must always hold a
 * database that passes integrity_check and is exactly the old one (with the commits that were only
 * in its -wal) or the new one: never a mix, never the new one with the old -wal replayed into it.
 *
 * What it cannot show: power loss. A killed process loses nothing the kernel already has; the
 * fsyncs (copy, folder after keeping and after the rename) are what protects against power loss.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../__fixtures__/bundle.js';
import { SWAP_STEPS, type SwapStep } from '../../src/restore/swap.js';
import { createDatabase, createWalDatabase, fingerprint, integrityOf, tempDir } from './fixtures.js';

const ROWS_4K = { rowBytes: 4000 };
const CHILD = path.join(ROOT, '__tests__/restore/crash-child.ts');
const HOOKS = path.join(ROOT, 'bench/ts-hooks.mjs');

interface Scenario {
  name: string;
  template: string;
  old: string;
  new: string;
}

async function scenario(name: string, makeLive: (file: string) => Promise<void>): Promise<Scenario> {
  const template = tempDir('rg-crash-template-');
  mkdirSync(path.join(template, 'backups'));
  const backup = path.join(template, 'backups', 'memory_20240116_020000.db');
  await createDatabase(backup, { marker: 'new', rows: 1000, ...ROWS_4K });
  const live = path.join(template, 'memory.db');
  await makeLive(live);
  return { name, template, old: await fingerprint(live), new: await fingerprint(backup) };
}

function copyOf(s: Scenario): { dir: string; live: string; backups: string } {
  const dir = tempDir('rg-crash-');
  cpSync(s.template, dir, { recursive: true });
  return { dir, live: path.join(dir, 'memory.db'), backups: path.join(dir, 'backups') };
}

function exitOf(
  child: ReturnType<typeof spawn>,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  let out = '';
  child.stdout?.on('data', (chunk) => (out += chunk));
  child.stderr?.on('data', (chunk) => (out += chunk));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out })));
}

function runChild(live: string, backups: string, crashAt?: SwapStep) {
  const args = [
    '--experimental-transform-types',
    '--disable-warning=ExperimentalWarning',
    '--import',
    HOOKS,
    CHILD,
    JSON.stringify({ database: live, backupDir: backups, crashAt }),
  ];
  return exitOf(spawn(process.execPath, args, { cwd: ROOT }));
}

const JOURNALS = ['-wal', '-shm', '-journal'];

/** The live path holds a valid database, the old or the new one; returns which. */
async function liveState(s: Scenario, live: string): Promise<'old' | 'new'> {
  expect(existsSync(live)).toBe(true);
  expect(await integrityOf(live)).toBe('ok');
  const content = await fingerprint(live);
  expect([s.old, s.new]).toContain(content);
  return content === s.old ? 'old' : 'new';
}

/** A few at a time: each run is its own process. */
async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size)
    results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}

let scenarios: Scenario[];

beforeAll(async () => {
  scenarios = [
    await scenario('a live database with a rollback journal', (file) =>
      createDatabase(file, { marker: 'old', rows: 700, ...ROWS_4K }),
    ),
    await scenario('a live database in WAL mode with un-checkpointed commits', (file) =>
      createWalDatabase(
        file,
        { marker: 'old', rows: 500, ...ROWS_4K },
        { marker: 'old-in-wal', rows: 200, ...ROWS_4K },
      ),
    ),
  ];
});

describe('a restore killed with SIGKILL', () => {
  it('at every step of the swap leaves the old or the new database, each complete', async () => {
    const cases = scenarios.flatMap((s) => SWAP_STEPS.map((step) => ({ s, step })));
    const outcomes = await inBatches(cases, 4, async ({ s, step }) => {
      const { dir, live, backups } = copyOf(s);
      const exit = await runChild(live, backups, step);
      expect([s.name, step, exit.signal]).toEqual([s.name, step, 'SIGKILL']);
      const state = await liveState(s, live);
      const swapped = SWAP_STEPS.indexOf(step) >= SWAP_STEPS.indexOf('renamed');
      expect([s.name, step, state]).toEqual([s.name, step, swapped ? 'new' : 'old']);
      if (SWAP_STEPS.indexOf(step) >= SWAP_STEPS.indexOf('journals-removed')) {
        expect(JOURNALS.filter((suffix) => existsSync(`${live}${suffix}`))).toEqual([]);
      }
      const kept = readdirSync(dir).filter((name) => name.startsWith('memory.pre-restore-'));
      if (SWAP_STEPS.indexOf(step) >= SWAP_STEPS.indexOf('pre-restore-kept')) {
        expect(kept).toHaveLength(1);
        expect(await fingerprint(path.join(dir, kept[0] as string))).toBe(s.old);
      }
      return state;
    });
    expect(outcomes.filter((state) => state === 'old')).toHaveLength(2 * SWAP_STEPS.indexOf('renamed'));
  });

  it('and run again, restores the new database and removes the copy the killed run left', async () => {
    const s = scenarios[1] as Scenario;
    const { dir, live, backups } = copyOf(s);
    expect((await runChild(live, backups, 'copied')).signal).toBe('SIGKILL');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toHaveLength(1);
    const exit = await runChild(live, backups);
    expect(JSON.parse(exit.out)).toEqual({ status: 'restored' });
    expect(await liveState(s, live)).toBe('new');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('at a spread of moments while the shipped bundle copies and swaps leaves the old or the new database', async () => {
    const s = scenarios[1] as Scenario;
    const delays = [0, 1, 2, 3, 5, 8, 12, 17, 25, 35, 50, 80];
    const states = await inBatches(delays, 4, async (delay) => {
      const { dir, live, backups } = copyOf(s);
      const output = path.join(dir, 'github_output');
      writeFileSync(output, '');
      const child = spawn(process.execPath, [path.join(ROOT, 'dist/restore-db/index.js')], {
        env: {
          PATH: process.env.PATH ?? '',
          GITHUB_OUTPUT: output,
          RUNNER_TEMP: dir,
          INPUT_DATABASE: live,
          'INPUT_BACKUP-DIR': backups,
        },
      });
      // The swap starts with the temporary copy beside the live database: kill `delay` ms after it appears.
      const watcher = watch(dir, (_event, name) => {
        if (name?.startsWith('.memory.db.restore-')) {
          watcher.close();
          setTimeout(() => child.kill('SIGKILL'), delay);
        }
      });
      const exit = await exitOf(child);
      watcher.close();
      expect(exit.signal === 'SIGKILL' || exit.code === 0).toBe(true);
      return liveState(s, live);
    });
    expect(states).toHaveLength(delays.length);
  });
});
