/** What a guard run returns: its outcome and message, and what each step found and did. */
import type { Decision, DecideFacts } from '../policy/decide.js';
import type { DetectResult } from '../probe/detect.js';
import type { VerifyResult } from '../probe/verify.js';
import type { RollbackResult } from '../providers/flow.js';
import type { DataRestoreResult } from '../restore/data.js';
import type { LockHolder } from './lock.js';
import type { GuardPlan } from './plan.js';
import type { GuardRecords } from './records.js';
import type { TimelineJson } from './timeline.js';

export const GUARD_OUTCOMES = [
  'passed',
  'rolled-back',
  'rolled-back-still-down',
  'inconclusive',
  'failed',
  'planned',
] as const;
export type GuardOutcome = (typeof GUARD_OUTCOMES)[number];

export interface LockReport {
  /** How double rollbacks were prevented in this run. */
  kind: 'git-ref' | 'provider-state-only' | 'none-dry-run';
  acquired?: boolean;
  brokeStale?: LockHolder;
  /** Another run that held the lock. */
  heldBy?: LockHolder;
  waited?: 'released' | 'timed-out';
  ref?: string;
}

export interface GuardResult {
  outcome: GuardOutcome;
  /** One or two sentences: what happened and why. */
  message: string;
  provider: GuardPlan['provider'];
  providerTitle: string;
  service: string;
  mode: GuardPlan['mode'];
  dryRun: boolean;
  detect?: DetectResult;
  facts?: DecideFacts;
  decision?: Decision;
  lock: LockReport;
  rollback?: RollbackResult;
  /** The provider's own summary section for the rollback. */
  rollbackSection?: string;
  restore?: DataRestoreResult;
  verify?: VerifyResult;
  records?: GuardRecords;
  /** Things the user should know that are not failures. */
  notes: string[];
  timeline: TimelineJson;
}

/** 'Rolled back from X to Y and restored backup Z.' */
export function describeWhatWasDone(result: GuardResult): string {
  const parts: string[] = [];
  const rollback = result.rollback;
  if (rollback?.status === 'rolled-back')
    parts.push(`Rolled back from ${rollback.from?.label ?? '?'} to ${rollback.to?.label ?? '?'}`);
  else if (rollback?.status === 'already-live')
    parts.push(`${rollback.to?.label ?? 'The last known good deployment'} was already live`);
  if (result.restore?.status === 'restored') {
    parts.push(`restored the database from ${result.restore.sqlite?.backup?.name ?? 'the backup'}`);
  }
  return parts.length ? `${parts.join(' and ')}.` : 'Nothing was rolled back.';
}
