/**
 * The guard: the runbook end to end, in one process, with the same library code as the single
 * actions — detect → decide → (lock) → rollback → restore → verify → records — and a timeline
 * measured against the runbook's targets.
 *
 * What keeps it from making things worse:
 * - an inconclusive watch never rolls back; a healthy one does nothing;
 * - at most one rollback request per run (the flow's guarantee), and no rollback at all while another
 *   run holds the lock: that run's result is waited for and verified instead;
 * - a failed rollback stops the run before the data is touched;
 * - the restore is the verified, atomic, reversible one of restore-db.
 */
import type { ActionContext } from '../core/action.js';
import { describeThrown } from '../core/errors.js';
import { decide, type Decision, type DecideFacts } from '../policy/decide.js';
import { runDetect, type DetectResult } from '../probe/detect.js';
import { runVerify, type VerifyResult } from '../probe/verify.js';
import { runRollback, type RollbackResult } from '../providers/flow.js';
import type { RollbackProvider } from '../providers/types.js';
import { restoreData, type DataRestoreResult } from '../restore/data.js';
import type { GuardPlan } from './config.js';
import { githubClient } from './github.js';
import { RollbackLock, type LockHolder } from './lock.js';
import { writeRecords, type GuardRecords } from './records.js';
import { Timeline, type TimelineJson } from './timeline.js';

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

export async function runGuard(plan: GuardPlan, context: ActionContext): Promise<GuardResult> {
  const { clock, log } = context;
  const timeline = new Timeline(clock);
  const result: GuardResult = {
    outcome: 'failed',
    message: '',
    provider: plan.provider,
    providerTitle: plan.providerTitle,
    service: plan.service,
    mode: plan.mode,
    dryRun: plan.dryRun,
    lock: { kind: plan.dryRun ? 'none-dry-run' : plan.github ? 'git-ref' : 'provider-state-only' },
    notes: [],
    timeline: timeline.toJSON(),
  };
  const end = (outcome: GuardOutcome, message: string): GuardResult => {
    result.outcome = outcome;
    result.message = message;
    return result;
  };
  const probeDeps = { fetch: context.fetch, clock, sleep: context.sleep };
  let lock: RollbackLock | undefined;
  let provider: RollbackProvider | undefined;

  try {
    // Detection: watch, or take the operator's word for it.
    if (plan.mode === 'watch') {
      const detect = await timeline.phase(
        'detect',
        () => runDetect(plan.detect, probeDeps, log),
        (d) => d.verdict,
      );
      result.detect = detect;
      if (detect.verdict === 'healthy')
        return end('passed', `Healthy: ${detect.explanation} Nothing was done.`);
      if (detect.verdict === 'inconclusive') {
        return end(
          'inconclusive',
          `Inconclusive: ${detect.explanation} Nothing was done: an inconclusive watch never rolls back.`,
        );
      }
      timeline.mark('detected', detect.detectedAt ? Date.parse(detect.detectedAt) : clock.now());
    } else {
      timeline.skip('detect', 'mode rollback: an operator decided');
      timeline.mark('detected');
    }

    // Decision.
    const facts: DecideFacts = {
      issueType:
        plan.decide.issueType ??
        (result.detect && result.detect.issueType !== 'none' ? result.detect.issueType : 'critical-bug'),
      affectingUsers: plan.decide.affectingUsers,
      errorRate: result.detect?.errorRate,
      errorRateThreshold: 0.1,
      dataLoss: plan.decide.dataLoss,
      deploymentCaused: true,
      dataCompromised: false,
    };
    result.facts = facts;
    const decision = await timeline.phase(
      'decide',
      async () => decide(facts, plan.decide.matrix),
      (d) => d.action,
    );
    result.decision = decision;
    timeline.mark('decided');
    log.info(`guard: ${decision.reason}`);
    if (!decision.codeRollback && !decision.dataRollback) {
      return end(
        'failed',
        `${plan.mode === 'watch' ? 'The service is unhealthy' : 'A rollback was asked for'}, but the decision is "${decision.action}": ${decision.reason} Nothing was rolled back: act by hand.`,
      );
    }
    const restorePlanned = decision.dataRollback && plan.restore !== undefined;
    if (decision.dataRollback && !plan.restore) {
      result.notes.push(
        'The decision asks for a data rollback, but no `database` was given: restore the data by hand.',
      );
    }

    // The lock: one acting run per service.
    let rolledBackByOther = false;
    if (plan.github && !plan.dryRun) {
      const github = githubClient(plan.github.token, plan.github.repo, context.fetch);
      lock = new RollbackLock(github, plan.github.repo, plan.provider, plan.service, {
        clock,
        sleep: context.sleep,
        log,
      });
      result.lock.ref = lock.ref;
      const taken = await timeline.phase(
        'lock',
        () => lock!.acquire(),
        (a) => (a.acquired ? 'acquired' : 'held by another run'),
      );
      result.lock.acquired = taken.acquired;
      if (taken.acquired) {
        result.lock.brokeStale = taken.brokeStale;
      } else {
        result.lock.heldBy = taken.holder;
        log.warning(
          `guard: another run is acting on this service (${taken.holder.description}); waiting for its result instead of rolling back`,
        );
        result.lock.waited = await lock.waitForRelease(clock.now() + plan.rollback.options.timeoutMs);
        if (result.lock.waited === 'timed-out') {
          return end(
            'failed',
            `Another run (${taken.holder.description}) held the lock for longer than the rollback timeout; this run sent no rollback request.`,
          );
        }
        // What did that run leave? Read only: a dry run of the same rollback.
        provider = plan.rollback.createProvider(context);
        const state = await runRollback(provider, { ...plan.rollback.options, dryRun: true }, context);
        if (state.status !== 'already-live') {
          return end(
            'failed',
            `Another run (${taken.holder.description}) held the lock, and afterwards the service is not on its last known good deployment (${state.message}) This run sent no rollback request: run again.`,
          );
        }
        rolledBackByOther = true;
        result.rollback = state;
        result.notes.push(`Another run (${taken.holder.description}) rolled back; this run only verified.`);
      }
    }

    // Execution: the code rollback, then the data.
    if (decision.codeRollback && !rolledBackByOther) {
      timeline.mark('executing');
      provider = plan.rollback.createProvider(context);
      const rollbackProvider = provider;
      const rollback = await timeline.phase(
        'rollback',
        () => runRollback(rollbackProvider, plan.rollback.options, context),
        (r) => r.status,
      );
      result.rollback = rollback;
      result.rollbackSection = provider.summarySection?.(rollback.details);
      if (rollback.status === 'failed' || rollback.status === 'timed-out') {
        if (restorePlanned) timeline.skip('restore', 'the code rollback failed');
        return end(
          'failed',
          `The rollback ${rollback.status === 'timed-out' ? 'timed out' : 'failed'}: ${rollback.message}${rollback.hint ? ` ${rollback.hint}.` : ''}`,
        );
      }
    } else if (!decision.codeRollback) {
      timeline.skip('rollback', `the decision is "${decision.action}": no code rollback`);
    }

    if (restorePlanned && plan.restore) {
      timeline.mark('executing');
      const sqlite = { ...plan.restore };
      const bad = result.rollback?.from;
      if (!sqlite.before && bad && !sqlite.backup) {
        // Backups taken after the bad deployment may hold what it broke.
        sqlite.before = new Date(bad.createdAt);
        result.notes.push(
          `Restored the newest backup taken before the bad deployment ${bad.label} was created (${bad.createdAt}).`,
        );
      }
      const restore = await timeline.phase(
        'restore',
        () => restoreData({ sqlite }, { clock, log, http: context.http, secrets: context.secrets }),
        (r) => r.status,
      );
      result.restore = restore;
      if (restore.status === 'failed') {
        return end(
          'failed',
          `The data restore failed: ${restore.failure ?? 'see the restore section'}. The live database is as it was (restore-db changes nothing unless every check passes).`,
        );
      }
    } else if (decision.dataRollback) {
      timeline.skip('restore', 'no database given');
    }

    if (plan.dryRun) {
      timeline.skip('verify', 'dry run');
      const to = result.rollback?.to?.label;
      return end(
        'planned',
        `Dry run: ${decision.reason} A real run would ${decision.codeRollback ? `roll back to ${to ?? 'the last known good deployment'}` : 'not roll back the code'}${restorePlanned ? ' and restore the database' : ''}, then verify. Nothing was changed.`,
      );
    }

    // Verification.
    const verify = await timeline.phase(
      'verify',
      () => runVerify(plan.verify, probeDeps, log),
      (v) => (v.healthy ? 'healthy' : 'unhealthy'),
    );
    result.verify = verify;
    timeline.mark('verified');
    const what = describeWhatWasDone(result);
    if (verify.healthy)
      return end('rolled-back', `${what} The service is verified healthy: ${verify.explanation}`);
    return end(
      'rolled-back-still-down',
      `${what} But the service is still not healthy: ${verify.explanation} Roll forward with a fix, or roll back further with an explicit target.`,
    );
  } catch (error) {
    log.error(`guard: ${describeThrown(error)}`);
    return end('failed', `The guard stopped on an error: ${describeThrown(error)}`);
  } finally {
    await recordAndRelease();
  }

  async function recordAndRelease(): Promise<void> {
    const acted = (result.rollback?.requests ?? 0) > 0 || result.restore?.status === 'restored';
    const incidentWorthy =
      !plan.dryRun &&
      result.decision !== undefined &&
      (acted || ['failed', 'rolled-back', 'rolled-back-still-down'].includes(result.outcome));
    if (plan.github && incidentWorthy && (plan.github.recordIncident || acted)) {
      timeline.finish();
      result.timeline = timeline.toJSON();
      result.records = await timeline.phase('record', () =>
        writeRecords(
          plan.github!,
          result,
          githubClient(plan.github!.token, plan.github!.repo, context.fetch),
          log,
        ),
      );
    }
    await lock?.release();
    timeline.finish();
    result.timeline = timeline.toJSON();
  }
}

/** 'Rolled back from X to Y and restored backup Z.' */
function describeWhatWasDone(result: GuardResult): string {
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
