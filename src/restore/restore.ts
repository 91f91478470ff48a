/**
 * The SQLite restore, start to end: choose the backup, verify it without touching anything, then
 * (unless it is a dry run) swap it in atomically and check the restored database once more. Returns
 * a result object whatever happens; `restoreOutputs` and `restoreSummary` turn it into the action's
 * outputs and summary, and the guard calls the same functions.
 */
import type { Logger } from '../core/action.js';
import type { Clock } from '../core/clock.js';
import { describeThrown } from '../core/errors.js';
import { findBackup, type BackupCatalog, type BackupFile } from './catalog.js';
import { resolveLiveDatabase, type RestoreConfig } from './config.js';
import { exists, humanBytes, shellQuote, sizeOf } from './files.js';
import {
  inspectLiveDatabase,
  JOURNAL_SUFFIXES,
  preRestoreName,
  RestoreFailure,
  swapIn,
  type KeptDatabase,
  type LiveDatabase,
  type SwapResult,
  type SwapStep,
} from './swap.js';
import { isoSeconds } from './time.js';
import { verifyDatabaseFile, type DatabaseVerification } from './verify.js';

export type RestoreStatus = 'restored' | 'planned' | 'failed';

export interface RestoreDeps {
  clock: Clock;
  log: Logger;
  /** Called at each point of the swap (SWAP_STEPS), for fault-injection tests. */
  onStep?: (step: SwapStep) => void;
}

export interface RestoreResult {
  status: RestoreStatus;
  dryRun: boolean;
  /** The live database, symbolic links resolved. */
  database: string;
  catalog?: BackupCatalog;
  /** The backup chosen (restored, or that would be in a dry run). */
  backup?: BackupFile;
  /** The backup's checks. */
  verification?: DatabaseVerification;
  /** The live database as it was found. */
  live?: LiveDatabase;
  swap?: SwapResult;
  /** Whether the backup is in place at the live path (even when a later check failed). */
  swapped: boolean;
  /** The restored database's checks. */
  after?: DatabaseVerification;
  /** Where the replaced database was kept. */
  preRestore?: KeptDatabase;
  /** In a dry run: the name the live database would be kept under. */
  wouldKeepAs?: string;
  /** A shell command that puts the replaced database back (with the app stopped). */
  undo?: string;
  failure?: string;
  warnings: string[];
  /** Where the time went: each phase that ran, in order, with its milliseconds. */
  phases: { phase: RestorePhase; ms: number }[];
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

export type RestorePhase = 'choose' | 'verify' | 'copy' | 'swap' | 'check';

export async function restoreDatabase(config: RestoreConfig, deps: RestoreDeps): Promise<RestoreResult> {
  const started = deps.clock.now();
  const warnings: string[] = [];
  const log = collectingWarnings(deps.log, warnings);
  const database = await resolveLiveDatabase(config.database);
  const result: RestoreResult = {
    status: 'failed',
    dryRun: config.dryRun,
    database,
    swapped: false,
    warnings,
    phases: [],
    startedAt: new Date(started).toISOString(),
    finishedAt: '',
    durationMs: 0,
  };
  let phaseStart = started;
  const phaseDone = (phase: RestorePhase) => {
    const now = deps.clock.now();
    result.phases.push({ phase, ms: now - phaseStart });
    phaseStart = now;
  };
  const finish = (status: RestoreStatus, failure?: string): RestoreResult => {
    result.status = status;
    if (failure) result.failure = failure;
    result.finishedAt = new Date(deps.clock.now()).toISOString();
    result.durationMs = deps.clock.now() - started;
    return result;
  };

  // Everything but the swap only reads; the swap reports its own failures (RestoreFailure).
  const run = async (): Promise<RestoreResult> => {
    const catalog = await findBackup(
      {
        backup: config.backup,
        backupDir: config.backupDir,
        pattern: config.pattern,
        before: config.before,
        liveDatabase: database,
      },
      log,
    );
    result.catalog = catalog;
    phaseDone('choose');
    if (!catalog.chosen) {
      return finish(
        'failed',
        `${catalog.problem}. Check backup-dir and pattern${config.before ? ' and before' : ''}, or name the file with backup; the live database was not touched`,
      );
    }
    const backup = catalog.chosen;
    result.backup = backup;
    for (const suffix of ['-wal', '-journal']) {
      const size = (await sizeOf(`${backup.path}${suffix}`)) ?? 0;
      if (size > 0) {
        log.warning(
          `restore-db: ${backup.name} has a ${humanBytes(size)} ${suffix} beside it: what it holds is not part of the backup file, and is not restored (a backup should be made with sqlite3 .backup or VACUUM INTO)`,
        );
      }
    }
    log.info(`restore-db: verifying ${backup.path} (${isoSeconds(backup.time)})`);

    const verification = await verifyDatabaseFile(backup.path, {
      check: config.check,
      expectTables: config.expectTables,
      expectedSha256: config.backupSha256,
    });
    result.verification = verification;
    phaseDone('verify');
    result.live = await inspectLiveDatabase(database);
    if (!verification.ok) {
      const next = catalog.candidates[1];
      const hint = next
        ? `The next older backup is ${next.path} (${isoSeconds(next.time)}): to restore it, set backup to that path`
        : 'Fetch a good backup and run again';
      return finish(
        'failed',
        `backup ${backup.path} was rejected: ${verification.reason}. The live database was not touched. ${hint}`,
      );
    }
    for (const check of verification.checks) log.info(`restore-db: ✓ ${check.name}: ${check.detail}`);

    if (config.dryRun) {
      if (result.live.exists && config.keepPreRestore)
        result.wouldKeepAs = await freePreRestoreName(database, new Date(deps.clock.now()));
      log.info(`restore-db: dry run: would restore ${backup.path} over ${database}; nothing was changed`);
      return finish('planned');
    }

    let reached: SwapStep | undefined;
    try {
      result.swap = await swapIn({
        database,
        source: backup.path,
        sha256: verification.sha256 as string,
        keepPreRestore: config.keepPreRestore,
        now: new Date(deps.clock.now()),
        log,
        onStep: (step) => {
          reached = step;
          if (step === 'copy-verified') phaseDone('copy');
          deps.onStep?.(step);
        },
      });
    } catch (error) {
      const where =
        reached === 'renamed'
          ? 'the restored database is in place, but its folder could not be synced to disk'
          : 'the live database was not replaced';
      const message =
        error instanceof RestoreFailure
          ? error.message
          : `the restore stopped: ${describeThrown(error)}; ${where}`;
      result.swapped = reached === 'renamed';
      return finish('failed', message);
    }
    phaseDone('swap');
    result.swapped = true;
    result.preRestore = result.swap.preRestore;
    result.undo = undoCommand(database, result.live, result.preRestore);
    if (result.swap.settlement.kind !== 'not-needed') {
      log.info(`restore-db: the replaced database: ${result.swap.settlement.detail}`);
    }
    log.info(
      `restore-db: restored ${backup.path} to ${database}${result.preRestore ? `; the replaced database is kept as ${result.preRestore.path}` : ''}`,
    );

    result.after = await verifyDatabaseFile(database, {
      check: config.check,
      expectTables: config.expectTables,
      expectedSha256: verification.sha256,
    });
    phaseDone('check');
    const reappeared: string[] = [];
    for (const suffix of JOURNAL_SUFFIXES) if (await exists(`${database}${suffix}`)) reappeared.push(suffix);
    if (reappeared.length) {
      log.warning(
        `restore-db: ${reappeared.join(', ')} appeared beside the restored database while it was being checked: is the app still running? It would keep writing to the old database (${result.preRestore?.path ?? 'no longer on disk'})`,
      );
    }
    if (!result.after.ok) {
      return finish(
        'failed',
        `the restored database failed its check after the swap: ${result.after.reason}. ${
          result.undo ? `To put the replaced database back (app stopped): ${result.undo}` : ''
        }`.trim(),
      );
    }
    return finish('restored');
  };

  try {
    return await run();
  } catch (error) {
    const state = result.swapped
      ? `the restored database is in place${result.undo ? `; to put the replaced one back (app stopped): ${result.undo}` : ''}`
      : 'the live database was not touched';
    return finish('failed', `the restore stopped: ${describeThrown(error)}; ${state}`);
  }
}

/** The first pre-restore name not yet taken (what the swap would use). */
async function freePreRestoreName(database: string, now: Date): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const name = preRestoreName(database, now, attempt);
    if (!(await exists(name))) return name;
  }
}

/**
 * The shell command that undoes the restore, for a stopped app: the restored database's journals
 * go first (they must never be replayed into the old one), then the kept database moves back.
 */
export function undoCommand(database: string, live: LiveDatabase, kept?: KeptDatabase): string | undefined {
  const q = shellQuote;
  const journals = JOURNAL_SUFFIXES.map((suffix) => q(`${database}${suffix}`)).join(' ');
  if (!live.exists) return `rm -f ${q(database)} ${journals}`;
  if (!kept) return undefined;
  const moves = [`mv -f ${q(kept.path)} ${q(database)}`];
  for (const journal of kept.journals) {
    moves.push(`mv -f ${q(journal)} ${q(`${database}${journal.slice(kept.path.length)}`)}`);
  }
  return [`rm -f ${journals}`, ...moves].join(' && ');
}

function collectingWarnings(log: Logger, warnings: string[]): Logger {
  return {
    ...log,
    info: (message) => log.info(message),
    debug: (message) => log.debug(message),
    error: (message) => log.error(message),
    warning: (message) => {
      warnings.push(message.replace(/^restore-db: /, ''));
      log.warning(message);
    },
  };
}
