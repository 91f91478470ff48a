/**
 * What the guard says: its outputs, its step summary (the outcome and why, the key facts, the
 * timeline against the runbook's targets, the checklist, then each step's own summary), and the
 * incident issue it opens.
 */
import { humanDuration } from '../core/parse.js';
import {
  bulletList,
  checklist,
  code,
  heading,
  link,
  sections,
  table,
  verdictLine,
  type Cell,
} from '../core/summary.js';
import { decisionOutputs } from '../policy/decide.js';
import { decisionSummary } from '../policy/summary.js';
import { detectSummary } from '../probe/detect-summary.js';
import { verifySummary } from '../probe/verify-summary.js';
import { rollbackSummary } from '../providers/outputs.js';
import { dataRestoreSummary } from '../restore/summary.js';
import { rollbackChecklist } from './checklist.js';
import type { RepoContext } from './github.js';
import type { GuardOutcome, GuardResult } from './result.js';
import { ganttChart, targetsTable } from './timeline.js';

export function guardOutputs(result: GuardResult): Record<string, string> {
  return {
    outcome: result.outcome,
    verdict: result.detect?.verdict ?? '',
    ...(result.decision
      ? decisionOutputs(result.decision)
      : {
          action: '',
          'code-rollback': '',
          'data-rollback': '',
          priority: '',
          severity: '',
          'max-downtime': '',
          reason: '',
        }),
    from: result.rollback?.from?.id ?? '',
    to: result.rollback?.to?.id ?? '',
    deployment: result.rollback?.deploymentId ?? '',
    timeline: JSON.stringify(result.timeline),
    incident: result.records?.incidentUrl ?? '',
  };
}

const OUTCOME_OK: Record<GuardOutcome, boolean | 'neutral'> = {
  passed: true,
  'rolled-back': true,
  'rolled-back-still-down': false,
  inconclusive: 'neutral',
  failed: false,
  planned: 'neutral',
};

function lockLine(result: GuardResult): string {
  const lock = result.lock;
  if (lock.kind === 'none-dry-run') return 'Lock: none (a dry run takes no lock).';
  if (lock.kind === 'provider-state-only') {
    return 'Lock: none (no GitHub token or repository) — only the provider state (a rollback already live or in progress) guarded against a second rollback.';
  }
  if (lock.acquired === undefined) return 'Lock: not needed (nothing to roll back).';
  if (lock.acquired)
    return `Lock: held ${lock.ref ? `\`${lock.ref}\`` : ''} while acting${lock.brokeStale ? ' (a stale lock of another run was broken)' : ''}.`;
  return `Lock: held by another run (${lock.heldBy?.description ?? 'unknown'}); this run sent no rollback request${lock.waited ? ` and waited: ${lock.waited}` : ''}.`;
}

function keyFacts(result: GuardResult): Cell[][] {
  const rollback = result.rollback;

  return [
    ['Provider', `${result.providerTitle}${result.service ? ` · ${result.service}` : ''}`],
    ['Mode', result.mode + (result.dryRun ? ' (dry run)' : '')],
    [
      'Detected',
      result.detect
        ? `${result.detect.verdict}${result.detect.reason ? ` (${result.detect.reason})` : ''}`
        : 'skipped (mode rollback)',
    ],
    ['Decision', result.decision ? `${result.decision.action} at ${result.decision.priority}` : undefined],
    ['Was live', rollback?.from?.label],
    [
      'Live now',
      rollback?.status === 'rolled-back' || rollback?.status === 'already-live'
        ? rollback.to?.label
        : undefined,
    ],
    [
      'Database',
      result.restore?.sqlite?.backup
        ? `${result.restore.status}: ${result.restore.sqlite.backup.name}`
        : undefined,
    ],
    ['Verified', result.verify ? (result.verify.healthy ? 'healthy' : 'not healthy') : undefined],
    [
      'Incident',
      result.records?.incidentUrl
        ? link(`#${result.records.incidentNumber}`, result.records.incidentUrl)
        : undefined,
    ],
    [
      'Run took',
      result.timeline.totalRunMs === undefined ? undefined : humanDuration(result.timeline.totalRunMs),
    ],
  ];
}

export function guardSummary(result: GuardResult, now: number): string {
  const rollbackPart = result.rollback
    ? sections(rollbackSummary(result.rollback, `rollback-${result.provider}`), result.rollbackSection ?? '')
    : undefined;
  return sections(
    heading(2, 'rollback-guard'),
    verdictLine(OUTCOME_OK[result.outcome], result.outcome, result.message),
    table(['', ''], keyFacts(result)),
    heading(3, 'Timeline against the runbook targets'),
    targetsTable(result.timeline),
    ganttChart(result.timeline),
    heading(3, 'Rollback checklist'),
    checklist(rollbackChecklist(result)),
    bulletList([
      lockLine(result),
      ...result.notes,
      ...(result.records?.warnings ?? []).map((w) => `Warning: ${w}`),
    ]),
    result.detect && detectSummary(result.detect),
    result.decision && result.facts && decisionSummary(result.decision, result.facts, undefined),
    rollbackPart,
    result.restore && dataRestoreSummary(result.restore, now),
    result.verify && verifySummary(result.verify),
  );
}

export function incidentTitle(result: GuardResult): string {
  const service = result.service || result.providerTitle;
  const priority = result.decision ? ` (${result.decision.priority})` : '';
  const what: Record<GuardOutcome, string> = {
    passed: 'healthy',
    'rolled-back': 'rolled back',
    'rolled-back-still-down': 'rolled back, still down',
    inconclusive: 'inconclusive',
    failed: 'rollback failed',
    planned: 'rollback planned',
  };
  return `Incident: ${service} on ${result.providerTitle} ${what[result.outcome]}${priority}`;
}

/** A link comparing the good commit with the bad one, when both are known. */
export function compareLink(result: GuardResult, repo: RepoContext): string | undefined {
  const good = result.rollback?.to?.commit;
  const bad = result.rollback?.from?.commit;
  if (!good || !bad || good === bad) return undefined;
  return `${repo.serverUrl}/${repo.owner}/${repo.repo}/compare/${good}...${bad}`;
}

export function incidentBody(result: GuardResult, repo: RepoContext): string {
  const compare = compareLink(result, repo);
  const rollback = result.rollback;
  return sections(
    verdictLine(OUTCOME_OK[result.outcome], result.outcome, result.message),
    table(['', ''], keyFacts(result)),
    result.decision ? `**Decision:** ${result.decision.reason}` : undefined,
    rollback
      ? table(
          ['', 'Deployment', 'Commit', 'Created'],
          [
            [
              'Before (bad)',
              rollback.from?.label,
              rollback.from?.commit ? code(rollback.from.commit) : undefined,
              rollback.from?.createdAt,
            ],
            [
              'After (known good)',
              rollback.to?.label,
              rollback.to?.commit ? code(rollback.to.commit) : undefined,
              rollback.to?.createdAt,
            ],
          ],
        )
      : undefined,
    compare ? `**What changed:** ${compare}` : undefined,
    heading(3, 'Timeline against the runbook targets'),
    targetsTable(result.timeline),
    heading(3, 'Rollback checklist'),
    checklist(rollbackChecklist(result)),
    result.notes.length ? bulletList(result.notes) : undefined,
    repo.runUrl ? `Run: ${repo.runUrl}` : undefined,
    '_Opened by rollback-guard. Next: notify users, find the root cause, schedule the post-mortem._',
  );
}
