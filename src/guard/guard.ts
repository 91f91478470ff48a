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
import { runDetect } from '../probe/detect.js';
import { runVerify } from '../probe/verify.js';
import { runRollback } from '../providers/flow.js';
import { restoreData } from '../restore/data.js';
import { githubClient } from './github.js';
import { RollbackLock, type LockHolder } from './lock.js';
import type { GuardPlan } from './plan.js';
import { writeRecords } from './records.js';
import { describeWhatWasDone, type GuardOutcome, type GuardResult } from './result.js';
import { Timeline } from './timeline.js';

/** A step either ends the run with its result, or lets it go on (undefined). */
type Step = Promise<GuardResult | undefined>;

export async function runGuard(plan: GuardPlan, context: ActionContext): Promise<GuardResult> {
  return new GuardRun(plan, context).run();
}

/** One run of the chain: the steps in order, each reading and adding to the result. */
class GuardRun {
  private readonly timeline: Timeline;
  private readonly result: GuardResult;
  private readonly probeDeps: Pick<ActionContext, 'fetch' | 'clock' | 'sleep'>;
  private lock?: RollbackLock;
  /** Another run held the lock and left the service on its last known good deployment. */
  private rolledBackByOther = false;

  constructor(
    private readonly plan: GuardPlan,
    private readonly context: ActionContext,
  ) {
    this.timeline = new Timeline(context.clock);
    this.probeDeps = { fetch: context.fetch, clock: context.clock, sleep: context.sleep };
    this.result = {
      outcome: 'failed',
      message: '',
      provider: plan.provider,
      providerTitle: plan.providerTitle,
      service: plan.service,
      mode: plan.mode,
      dryRun: plan.dryRun,
      lock: { kind: plan.dryRun ? 'none-dry-run' : plan.github ? 'git-ref' : 'provider-state-only' },
      notes: [],
      timeline: this.timeline.toJSON(),
    };
  }

  async run(): Promise<GuardResult> {
    try {
      return (
        (await this.detect()) ??
        (await this.decide()) ??
        (await this.takeLock()) ??
        (await this.rollBack()) ??
        (await this.restore()) ??
        this.endDryRun() ??
        (await this.verify())
      );
    } catch (error) {
      this.context.log.error(`guard: ${describeThrown(error)}`);
      return this.end('failed', `The guard stopped on an error: ${describeThrown(error)}`);
    } finally {
      await this.recordAndRelease();
    }
  }

  private end(outcome: GuardOutcome, message: string): GuardResult {
    this.result.outcome = outcome;
    this.result.message = message;
    return this.result;
  }

  /** The decision; only read by the steps after `decide`, which ends the run without one. */
  private get decision(): Decision {
    if (!this.result.decision) throw new Error('the guard acted before deciding');
    return this.result.decision;
  }

  /** The decision asks for the data back and a database was given. */
  private get restorePlanned(): boolean {
    return this.decision.dataRollback && this.plan.restore !== undefined;
  }

  /** Detection: watch, or take the operator's word for it. */
  private async detect(): Step {
    const { plan, timeline } = this;
    if (plan.mode !== 'watch') {
      timeline.skip('detect', 'mode rollback: an operator decided');
      timeline.mark('detected');
      return undefined;
    }
    const detect = await timeline.phase(
      'detect',
      () => runDetect(plan.detect, this.probeDeps, this.context.log),
      (d) => d.verdict,
    );
    this.result.detect = detect;
    if (detect.verdict === 'healthy')
      return this.end('passed', `Healthy: ${detect.explanation} Nothing was done.`);
    if (detect.verdict === 'inconclusive') {
      return this.end(
        'inconclusive',
        `Inconclusive: ${detect.explanation} Nothing was done: an inconclusive watch never rolls back.`,
      );
    }
    timeline.mark('detected', detect.detectedAt ? Date.parse(detect.detectedAt) : this.context.clock.now());
    return undefined;
  }

  private async decide(): Step {
    const { plan, result } = this;
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
    const decision = await this.timeline.phase(
      'decide',
      async () => decide(facts, plan.decide.matrix),
      (d) => d.action,
    );
    result.decision = decision;
    this.timeline.mark('decided');
    this.context.log.info(`guard: ${decision.reason}`);
    if (!decision.codeRollback && !decision.dataRollback) {
      return this.end(
        'failed',
        `${plan.mode === 'watch' ? 'The service is unhealthy' : 'A rollback was asked for'}, but the decision is "${decision.action}": ${decision.reason} Nothing was rolled back: act by hand.`,
      );
    }
    if (decision.dataRollback && !plan.restore) {
      result.notes.push(
        'The decision asks for a data rollback, but no `database` was given: restore the data by hand.',
      );
    }
    return undefined;
  }

  /** The lock: one acting run per service. Without a GitHub token (or in a dry run) there is none. */
  private async takeLock(): Step {
    const { plan, context } = this;
    if (!plan.github || plan.dryRun) return undefined;
    const github = githubClient(plan.github.token, plan.github.repo, context.fetch);
    const lock = new RollbackLock(github, plan.github.repo, plan.provider, plan.service, {
      clock: context.clock,
      sleep: context.sleep,
      log: context.log,
    });
    this.lock = lock;
    this.result.lock.ref = lock.ref;
    const taken = await this.timeline.phase(
      'lock',
      () => lock.acquire(),
      (a) => (a.acquired ? 'acquired' : 'held by another run'),
    );
    this.result.lock.acquired = taken.acquired;
    if (taken.acquired) {
      this.result.lock.brokeStale = taken.brokeStale;
      return undefined;
    }
    return this.waitForOtherRun(lock, taken.holder);
  }

  /** Another run holds the lock: wait for it, then read (never change) what it left. */
  private async waitForOtherRun(lock: RollbackLock, holder: LockHolder): Step {
    const { plan, context, result } = this;
    result.lock.heldBy = holder;
    context.log.warning(
      `guard: another run is acting on this service (${holder.description}); waiting for its result instead of rolling back`,
    );
    result.lock.waited = await lock.waitForRelease(context.clock.now() + plan.rollback.options.timeoutMs);
    if (result.lock.waited === 'timed-out') {
      return this.end(
        'failed',
        `Another run (${holder.description}) held the lock for longer than the rollback timeout; this run sent no rollback request.`,
      );
    }
    // What did that run leave? Read only: a dry run of the same rollback.
    const provider = plan.rollback.createProvider(context);
    const state = await runRollback(provider, { ...plan.rollback.options, dryRun: true }, context);
    if (state.status !== 'already-live') {
      return this.end(
        'failed',
        `Another run (${holder.description}) held the lock, and afterwards the service is not on its last known good deployment (${state.message}) This run sent no rollback request: run again.`,
      );
    }
    this.rolledBackByOther = true;
    result.rollback = state;
    result.notes.push(`Another run (${holder.description}) rolled back; this run only verified.`);
    return undefined;
  }

  /** Execution, first the code rollback. */
  private async rollBack(): Step {
    const { plan, context, result, timeline } = this;
    if (!this.decision.codeRollback) {
      timeline.skip('rollback', `the decision is "${this.decision.action}": no code rollback`);
      return undefined;
    }
    if (this.rolledBackByOther) return undefined;
    timeline.mark('executing');
    const provider = plan.rollback.createProvider(context);
    const rollback = await timeline.phase(
      'rollback',
      () => runRollback(provider, plan.rollback.options, context),
      (r) => r.status,
    );
    result.rollback = rollback;
    result.rollbackSection = provider.summarySection?.(rollback.details);
    if (rollback.status !== 'failed' && rollback.status !== 'timed-out') return undefined;
    if (this.restorePlanned) timeline.skip('restore', 'the code rollback failed');
    return this.end(
      'failed',
      `The rollback ${rollback.status === 'timed-out' ? 'timed out' : 'failed'}: ${rollback.message}${rollback.hint ? ` ${rollback.hint}.` : ''}`,
    );
  }

  /** Execution, then the data: the verified, atomic, reversible restore of restore-db. */
  private async restore(): Step {
    const { plan, context, result, timeline } = this;
    if (!this.restorePlanned || !plan.restore) {
      if (this.decision.dataRollback) timeline.skip('restore', 'no database given');
      return undefined;
    }
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
    const deps = { clock: context.clock, log: context.log, http: context.http, secrets: context.secrets };
    const restore = await timeline.phase(
      'restore',
      () => restoreData({ sqlite }, deps),
      (r) => r.status,
    );
    result.restore = restore;
    if (restore.status !== 'failed') return undefined;
    return this.end(
      'failed',
      `The data restore failed: ${restore.failure ?? 'see the restore section'}. The live database is as it was (restore-db changes nothing unless every check passes).`,
    );
  }

  /** A dry run ends before verifying: nothing was changed, so there is nothing to verify. */
  private endDryRun(): GuardResult | undefined {
    if (!this.plan.dryRun) return undefined;
    const decision = this.decision;
    this.timeline.skip('verify', 'dry run');
    const to = this.result.rollback?.to?.label;
    return this.end(
      'planned',
      `Dry run: ${decision.reason} A real run would ${decision.codeRollback ? `roll back to ${to ?? 'the last known good deployment'}` : 'not roll back the code'}${this.restorePlanned ? ' and restore the database' : ''}, then verify. Nothing was changed.`,
    );
  }

  private async verify(): Promise<GuardResult> {
    const verify = await this.timeline.phase(
      'verify',
      () => runVerify(this.plan.verify, this.probeDeps, this.context.log),
      (v) => (v.healthy ? 'healthy' : 'unhealthy'),
    );
    this.result.verify = verify;
    this.timeline.mark('verified');
    const what = describeWhatWasDone(this.result);
    if (verify.healthy)
      return this.end('rolled-back', `${what} The service is verified healthy: ${verify.explanation}`);
    return this.end(
      'rolled-back-still-down',
      `${what} But the service is still not healthy: ${verify.explanation} Roll forward with a fix, or roll back further with an explicit target.`,
    );
  }

  /** The records of a run that acted or should have (never of a dry run), then the lock back. */
  private async recordAndRelease(): Promise<void> {
    const { plan, result, timeline } = this;
    const acted = (result.rollback?.requests ?? 0) > 0 || result.restore?.status === 'restored';
    const incidentWorthy =
      !plan.dryRun &&
      result.decision !== undefined &&
      (acted || ['failed', 'rolled-back', 'rolled-back-still-down'].includes(result.outcome));
    const github = plan.github;
    if (github && incidentWorthy && (github.recordIncident || acted)) {
      timeline.finish();
      result.timeline = timeline.toJSON();
      const client = githubClient(github.token, github.repo, this.context.fetch);
      result.records = await timeline.phase('record', () =>
        writeRecords(github, result, client, this.context.log),
      );
    }
    await this.lock?.release();
    timeline.finish();
    result.timeline = timeline.toJSON();
  }
}
