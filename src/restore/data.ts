/**
 * A data rollback: the SQLite database, the Qdrant collection, or both, in an order that keeps a
 * failure from leaving half a rollback behind where it can be avoided:
 *  1. Qdrant is asked first, read-only (it answers, the key works), so a wrong URL or key stops the
 *     run before the database is touched;
 *  2. the SQLite restore (verified, atomic, reversible);
 *  3. the Qdrant recovery, only when the SQLite restore succeeded (or there is none).
 */
import type { HttpClient } from '../core/http.js';
import type { Secrets } from '../core/secrets.js';
import type { RestoreConfig } from './config.js';
import {
  preflightQdrant,
  recoverQdrant,
  displayLocation,
  type QdrantConfig,
  type QdrantResult,
} from './qdrant.js';
import { restoreDatabase, type RestoreDeps, type RestoreResult, type RestoreStatus } from './restore.js';
import { isoSeconds } from './time.js';
import { describeThrown } from '../core/errors.js';

export interface DataRestoreConfig {
  sqlite?: RestoreConfig;
  qdrant?: QdrantConfig;
}

export interface DataRestoreDeps extends RestoreDeps {
  http: HttpClient;
  secrets?: Secrets;
}

export interface DataRestoreResult {
  /** restored (everything asked for), planned (dry run) or failed (anything failed). */
  status: RestoreStatus;
  sqlite?: RestoreResult;
  qdrant?: QdrantResult;
  /** Every failure, in one message. */
  failure?: string;
}

export async function restoreData(
  config: DataRestoreConfig,
  deps: DataRestoreDeps,
): Promise<DataRestoreResult> {
  const result: DataRestoreResult = { status: 'failed' };
  const qdrantDeps = { http: deps.http, clock: deps.clock, log: deps.log, secrets: deps.secrets };

  let known: Awaited<ReturnType<typeof preflightQdrant>> | undefined;
  if (config.qdrant) {
    const started = deps.clock.now();
    try {
      known = await preflightQdrant(config.qdrant, qdrantDeps);
    } catch (error) {
      result.qdrant = {
        status: 'failed',
        collection: config.qdrant.collection,
        snapshot: displayLocation(config.qdrant.snapshot),
        priority: config.qdrant.priority,
        failure: describeThrown(error),
        durationMs: deps.clock.now() - started,
      };
      const untouched = config.sqlite
        ? '; nothing was restored, the SQLite database was not touched either'
        : '';
      return { ...result, failure: `Qdrant: ${result.qdrant.failure}${untouched}` };
    }
  }

  if (config.sqlite) result.sqlite = await restoreDatabase(config.sqlite, deps);

  if (config.qdrant) {
    if (result.sqlite?.status === 'failed') {
      result.qdrant = {
        status: 'skipped',
        collection: config.qdrant.collection,
        snapshot: displayLocation(config.qdrant.snapshot),
        priority: config.qdrant.priority,
        before: known,
        failure: 'not attempted, because the SQLite restore failed',
        durationMs: 0,
      };
    } else {
      result.qdrant = await recoverQdrant(config.qdrant, qdrantDeps, known);
    }
  }

  const failures = [
    result.sqlite?.failure && `SQLite: ${result.sqlite.failure}`,
    result.qdrant?.status === 'failed' && `Qdrant: ${result.qdrant.failure}`,
  ].filter((text): text is string => Boolean(text));
  if (failures.length) return { ...result, status: 'failed', failure: failures.join(' · ') };
  const dryRun = config.sqlite?.dryRun ?? config.qdrant?.dryRun ?? false;
  return { ...result, status: dryRun ? 'planned' : 'restored' };
}

/** The restore-db action's outputs (the guard reuses them). */
export function dataRestoreOutputs(result: DataRestoreResult): Record<string, string> {
  const sqlite = result.sqlite;
  const verified = sqlite && (sqlite.status !== 'failed' || sqlite.swapped);
  const checked = sqlite?.after ?? sqlite?.verification;
  return {
    status: result.status,
    'restored-from': verified ? (sqlite.backup?.path ?? '') : '',
    'backup-time': verified && sqlite.backup ? isoSeconds(sqlite.backup.time) : '',
    sha256: verified ? (checked?.sha256 ?? '') : '',
    integrity: checked ? (checked.integrity ?? checked.reason ?? '') : '',
    'pre-restore': sqlite?.preRestore?.path ?? '',
    'duration-ms': String(Math.round((sqlite?.durationMs ?? 0) + (result.qdrant?.durationMs ?? 0))),
    'qdrant-status': result.qdrant?.status ?? '',
    'qdrant-points': result.qdrant?.after?.points?.toString() ?? '',
  };
}
