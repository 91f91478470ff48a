/**
 * The step summary of a data restore: which backup, its time and age, every check and what it found,
 * the sizes, where the replaced database was kept and the exact command that undoes the restore;
 * then the Qdrant recovery. File names, paths and provider messages are outside text: escaped.
 */
import { humanDuration } from '../core/parse.js';
import {
  bulletList,
  checklist,
  code,
  details,
  heading,
  raw,
  sections,
  table,
  verdictLine,
  type Cell,
} from '../core/summary.js';
import type { DataRestoreResult } from './data.js';
import { humanBytes } from './files.js';
import type { QdrantResult } from './qdrant.js';
import type { RestoreResult } from './restore.js';
import { humanAge, isoSeconds } from './time.js';
import type { LiveDatabase } from './swap.js';
import type { CheckOutcome } from './verify.js';

const APP_STOPPED_NOTE =
  'The app must be stopped while its database is restored (the runbook\'s "Stop Application" step): an app that keeps the file open goes on reading and writing the replaced database, and what it writes is lost to the restored one. Start it again after this step.';

export function dataRestoreSummary(result: DataRestoreResult, now: number): string {
  const verdict =
    result.status === 'restored'
      ? verdictLine(true, 'restored')
      : result.status === 'planned'
        ? verdictLine('neutral', 'planned', 'dry run: nothing was changed')
        : verdictLine(false, 'failed', result.failure);
  return sections(
    heading(2, 'rollback-guard · restore-db'),
    verdict,
    result.sqlite && restoreSummary(result.sqlite, now),
    result.qdrant && qdrantSummary(result.qdrant),
  );
}

/** The SQLite part (a level-3 section), for the action's summary and the guard's. */
export function restoreSummary(result: RestoreResult, now: number): string {
  const backup = result.backup;
  const verification = result.verification;
  const line =
    result.status === 'restored'
      ? verdictLine(true, 'restored', backup ? `${backup.name} → ${result.database}` : undefined)
      : result.status === 'planned'
        ? verdictLine(
            'neutral',
            'planned',
            `would restore ${backup?.name} over ${result.database}; nothing was changed`,
          )
        : verdictLine(false, 'failed', result.failure);

  const rows: Cell[][] = [['Live database', code(result.database)]];
  if (result.live) rows.push(['Before', describeLive(result.live)]);
  if (backup) {
    rows.push(['Backup', code(backup.path)]);
    rows.push([
      'Backup time',
      `${isoSeconds(backup.time)} (${humanAge(now - backup.time.getTime())} old${backup.timeSource === 'modified' ? ', from the file modification time' : ''})`,
    ]);
  }
  if (verification?.header) {
    rows.push([
      'Size',
      `${humanBytes(verification.sizeBytes)} (${verification.header.pageCount} pages of ${verification.header.pageSize} bytes)`,
    ]);
  } else if (verification) {
    rows.push(['Size', humanBytes(verification.sizeBytes)]);
  }
  if (verification?.sha256) rows.push(['sha256', code(verification.sha256)]);
  if (result.preRestore) {
    rows.push([
      'Replaced database kept as',
      raw(
        `${code(result.preRestore.path).text} (${humanBytes(result.preRestore.sizeBytes)}, ${result.preRestore.method === 'hard-link' ? 'hard link' : 'copy'})`,
      ),
    ]);
  } else if (result.wouldKeepAs) {
    rows.push(['Would keep the live database as', code(result.wouldKeepAs)]);
  } else if (result.swapped && result.live?.exists) {
    rows.push(['Replaced database', 'not kept (keep-pre-restore: false)']);
  }
  rows.push(['Duration', humanDuration(result.durationMs)]);

  const undo = result.undo
    ? [
        `**Undo** (with the app stopped): run this step again with ${code(`backup: ${result.preRestore?.path ?? ''}`).text}, which verifies it and keeps the current database too, or run on the host:`,
        code(result.undo).text,
      ].join('\n\n')
    : undefined;

  return sections(
    heading(3, 'SQLite'),
    line,
    table(['SQLite restore', ''], rows),
    checksList(result),
    undo,
    result.status !== 'failed' || result.swapped ? `⚠️ ${APP_STOPPED_NOTE}` : undefined,
    result.warnings.length ? `**Warnings**\n\n${bulletList(result.warnings)}` : undefined,
    result.catalog?.folder ? catalogDetails(result) : undefined,
  );
}

function checksList(result: RestoreResult): string | undefined {
  const items: { label: Cell; done: boolean }[] = [];
  const add = (prefix: string, checks: CheckOutcome[]) => {
    for (const check of checks)
      items.push({ label: `${prefix} ${check.name}: ${check.detail}`, done: check.ok });
  };
  if (result.verification) add('Backup', result.verification.checks);
  if (result.swap) {
    items.push({ label: 'Copy: fsynced, sha256 equal to the verified backup', done: true });
    const settled = result.swap.settlement;
    if (settled.kind !== 'not-needed') {
      items.push({
        label: `Replaced database: ${settled.kind === 'unreadable' ? `SQLite cannot read it (${settled.detail}); kept as it was` : settled.detail}`,
        done: settled.kind === 'settled',
      });
    }
    if (result.swap.removedJournals.length) {
      items.push({
        label: `Old journals removed before the swap: ${result.swap.removedJournals.map((f) => f.slice(result.database.length)).join(', ')}`,
        done: true,
      });
    }
  }
  // The restored file's size and header are the backup's; its integrity and sha256 are what matter.
  if (result.after)
    add(
      'Restored',
      result.after.checks.filter((c) => !c.ok || !['file', 'header'].includes(c.name)),
    );
  return items.length ? `**Checks**\n\n${checklist(items)}` : undefined;
}

function catalogDetails(result: RestoreResult): string {
  const catalog = result.catalog;
  if (!catalog) return '';
  const rows: Cell[][] = [];
  for (const candidate of catalog.candidates) {
    const chosen = candidate === result.backup;
    const verdict = !chosen
      ? 'older'
      : result.verification && !result.verification.ok
        ? `rejected: ${result.verification.reason}`
        : result.status === 'planned'
          ? 'would be restored'
          : result.swapped
            ? 'restored'
            : 'chosen';
    rows.push([candidate.name, isoSeconds(candidate.time), verdict]);
  }
  for (const later of catalog.notBefore)
    rows.push([later.name, isoSeconds(later.time), 'not older than before']);
  for (const skipped of catalog.skipped) rows.push([skipped.name, '', `skipped: ${skipped.reason}`]);
  const body = [
    table(['Backup', 'Time (UTC)', 'Verdict'], rows),
    catalog.ignored.length
      ? `Not matching the pattern (ignored): ${catalog.ignored.map((name) => code(name).text).join(', ')}`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return details(
    `Backups in ${catalog.folder} (${catalog.candidates.length + catalog.notBefore.length} found)`,
    body,
  );
}

function describeLive(live: LiveDatabase): string {
  if (!live.exists) return 'no database at this path';
  const journals = live.journals
    .filter((j) => j.sizeBytes > 0 || j.suffix === '-shm')
    .map((j) => `${j.suffix} ${humanBytes(j.sizeBytes)}`);
  return `${humanBytes(live.sizeBytes ?? 0)}${journals.length ? `, with ${journals.join(', ')}` : ''}`;
}

/** The Qdrant part (a level-3 section). */
export function qdrantSummary(result: QdrantResult): string {
  const line =
    result.status === 'recovered'
      ? verdictLine(true, 'recovered', `collection ${result.collection}`)
      : result.status === 'planned'
        ? verdictLine(
            'neutral',
            'planned',
            `would recover collection ${result.collection}; nothing was changed`,
          )
        : result.status === 'skipped'
          ? verdictLine('neutral', 'skipped', result.failure)
          : verdictLine(false, 'failed', result.failure);
  const state = (value: QdrantResult['before']) =>
    value === undefined
      ? undefined
      : value === 'missing'
        ? 'does not exist'
        : `${value.status}, ${value.points ?? 'unknown'} points`;
  return sections(
    heading(3, 'Qdrant'),
    line,
    table(
      ['Qdrant recovery', ''],
      [
        ['Collection', code(result.collection)],
        ['Snapshot', code(result.snapshot)],
        ['Priority', result.priority],
        ['Before', state(result.before)],
        ['After', state(result.after)],
        ['Duration', humanDuration(result.durationMs)],
      ],
    ),
  );
}
