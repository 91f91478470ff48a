/**
 * The rollback flow, written once for every provider (the README's "rollback-*" sections):
 *
 * 1. Read the deployments. If one newer than the live one is still in progress (another run's
 *    rollback, or a deploy), send nothing: wait for it and report what it became.
 * 2. Pick the target: the `target` input (it must exist and be eligible), or the last known good
 *    deployment — the newest one older than the live one that was itself live and can still be
 *    rolled back to. A deployment created by a rollback counts as the one it restored, so right
 *    after a rollback the live deployment already is the last known good: `already-live`, and
 *    rollbacks never cascade on their own.
 * 3. Dry run: print the plan and stop.
 * 4. Read again right before the request (someone may have acted meanwhile), then send the one
 *    rollback request of this run.
 * 5. Wait until it is live, polling with backoff, up to the timeout. Canceled or failed is `failed`;
 *    running out of time is `timed-out`.
 *
 * What to do with a snapshot is decided without I/O in assess.ts; each step here is a method of one
 * run (`RollbackRun`) that returns the result when it ends the run, or what the next step needs.
 */
import type { Logger } from '../core/action.js';
import type { Clock, Sleep } from '../core/clock.js';
import { describeThrown, ProviderError, unexpectedErrorStack } from '../core/errors.js';
import { annotateRollbacks, assess, describeDeployments, type Assessment } from './assess.js';
import type {
  Deployment,
  ProviderSnapshot,
  RollbackHandle,
  RollbackProgress,
  RollbackProvider,
  RollbackRequestContext,
} from './types.js';

export const ROLLBACK_STATUSES = ['rolled-back', 'already-live', 'planned', 'failed', 'timed-out'] as const;
export type RollbackStatus = (typeof ROLLBACK_STATUSES)[number];

export interface RollbackOptions {
  /** The `target` input: a deployment id (Fly: also a version or an image ref). */
  target?: string;
  wait: boolean;
  timeoutMs: number;
  dryRun: boolean;
}

export interface FlowDeps {
  clock: Clock;
  sleep: Sleep;
  log: Logger;
}

export interface RollbackEvent {
  /** Milliseconds since the flow started. */
  atMs: number;
  message: string;
}

export interface RollbackResult {
  provider: RollbackProvider['name'];
  providerTitle: string;
  status: RollbackStatus;
  /** One or two sentences: what happened and why. */
  message: string;
  /** What to do next, when it did not work. */
  hint?: string;
  /** The deployment live before. */
  from?: Deployment;
  /** The known good deployment rolled back to (or that is already live). */
  to?: Deployment;
  /** The deployment the provider created for the rollback. */
  deploymentId?: string;
  /** Someone else's deployment this run waited for instead of rolling back. */
  waitedFor?: { deployment: Deployment; became: RollbackProgress['state'] | 'timed-out' };
  /** Rollback requests sent by this run: 0 or 1. */
  requests: number;
  /** The mutating calls the rollback makes (filled for dry runs). */
  plan?: string[];
  /** Things the user should know (auto-deploy turned off, what does not roll back). */
  notes: string[];
  events: RollbackEvent[];
  startedAt: string;
  durationMs: number;
  /** The deployments as read before acting, newest first. */
  deployments: Deployment[];
  /** Provider-specific outputs (Fly: machines). */
  outputs: Record<string, string>;
  details?: Record<string, unknown>;
}

/** Polling starts at this interval and grows by half each time, up to the cap. */
const POLL_FIRST_MS = 2_000;
const POLL_MAX_MS = 15_000;

/** A step's answer: go on with what the next step needs, or stop with the run's result. */
type Step<T> = { goOn: T } | { stop: RollbackResult };

/** What polling ended with: the provider's progress, or the deadline. */
type Followed = RollbackProgress | (Omit<RollbackProgress, 'state'> & { state: 'timed-out' });

export async function runRollback(
  provider: RollbackProvider,
  options: RollbackOptions,
  deps: FlowDeps,
): Promise<RollbackResult> {
  const run = new RollbackRun(provider, options, deps);
  try {
    return await run.execute();
  } catch (error) {
    return run.apiError(error);
  }
}

/** One run of the flow: the result it fills in, and its steps. */
class RollbackRun {
  private readonly started: number;
  private readonly context: RollbackRequestContext;
  private readonly result: RollbackResult;

  constructor(
    private readonly provider: RollbackProvider,
    private readonly options: RollbackOptions,
    private readonly deps: FlowDeps,
  ) {
    this.started = deps.clock.now();
    this.context = { deadline: this.started + options.timeoutMs };
    this.result = {
      provider: provider.name,
      providerTitle: provider.title,
      status: 'failed',
      message: '',
      requests: 0,
      notes: [],
      events: [],
      startedAt: new Date(this.started).toISOString(),
      durationMs: 0,
      deployments: [],
      outputs: {},
    };
  }

  async execute(): Promise<RollbackResult> {
    // 1 and 2: read the deployments and decide.
    const first = await this.read();
    this.result.deployments = first.deployments;
    this.result.from = first.live;
    this.event(`live: ${first.live?.label ?? 'nothing'}; ${describeDeployments(first.deployments, 5)}`);
    const assessment = this.assess(first);
    if (assessment.kind === 'rollback') this.result.to = assessment.to;
    // 3. Dry run: the plan, and stop.
    const planned = this.options.dryRun ? this.plan(assessment, first) : undefined;
    if (planned) return planned;
    // 4. Decide again on fresh state right before the request, then act.
    if (assessment.kind !== 'rollback') return this.act(assessment, first);
    const latest = await this.decideAgain(assessment.to);
    return this.act(latest.assessment, latest.snapshot);
  }

  /** The result of an error no step turned into a result (a provider that failed to answer). */
  apiError(error: unknown): RollbackResult {
    this.event(`error: ${describeThrown(error)}`);
    this.logUnexpected(error);
    return this.finish(
      'failed',
      `${this.provider.title} API error: ${describeThrown(error)}`,
      error instanceof ProviderError
        ? undefined
        : 'Run again; if it keeps failing, roll back from the dashboard',
    );
  }

  /** 3. A dry run's result, or undefined when a real run would not act either (the result is the same). */
  private plan(assessment: Assessment, snapshot: ProviderSnapshot): RollbackResult | undefined {
    if (assessment.kind === 'wait') {
      this.result.plan = [];
      return this.finish(
        'planned',
        `Dry run: a newer deployment ${assessment.pending.label} is in progress, so a real run would send no rollback request and wait for it.`,
      );
    }
    if (assessment.kind !== 'rollback') return undefined;
    this.result.plan = [
      ...this.provider.plannedCalls(assessment.to, snapshot),
      ...(this.provider.plannedAfterCalls?.(assessment.to) ?? []),
    ];
    const move = `from ${snapshot.live?.label} to ${assessment.to.label}`;
    this.event(`dry run: would roll back ${move}`);
    return this.finish('planned', `Dry run: would roll back ${move}; nothing was changed.`);
  }

  /** 4. Someone may have acted since the first read: the decision on fresh state. */
  private async decideAgain(
    target: Deployment,
  ): Promise<{ assessment: Assessment; snapshot: ProviderSnapshot }> {
    const snapshot = await this.read();
    const assessment = this.assess(snapshot);
    if (assessment.kind === 'rollback' && assessment.to.id !== target.id) {
      this.event(`the deployments changed while deciding; the target is now ${assessment.to.label}`);
    }
    this.result.from = snapshot.live;
    return { assessment, snapshot };
  }

  private async act(assessment: Assessment, snapshot: ProviderSnapshot): Promise<RollbackResult> {
    switch (assessment.kind) {
      case 'rollback':
        return this.rollBackAndWait(assessment.to, snapshot);
      case 'fail':
        return this.finish('failed', `Cannot roll back: ${assessment.message}.`, assessment.hint);
      case 'already-live':
        this.result.to = assessment.to;
        this.event(`already live: ${assessment.why}`);
        return this.finish('already-live', `Nothing to do: ${assessment.why}. No rollback request was sent.`);
      case 'wait':
        return this.waitForOther(assessment.pending);
    }
  }

  /** 4 and 5: the one rollback request, then waiting until it is live. */
  private async rollBackAndWait(target: Deployment, snapshot: ProviderSnapshot): Promise<RollbackResult> {
    this.result.to = target;
    this.event(`rolling back from ${snapshot.live?.label} to ${target.label}`);
    const sent = await this.sendRollback(target, snapshot);
    if ('stop' in sent) return sent.stop;
    const handle = sent.goOn;
    if (!this.options.wait) {
      await this.afterRequest(target);
      return this.finish(
        'rolled-back',
        `Rollback to ${target.label} requested; not waiting for it to go live (wait: false).`,
      );
    }
    const outcome = await this.follow(() => this.provider.pollRollback(handle, this.context));
    this.result.deploymentId = outcome.deploymentId ?? this.result.deploymentId;
    if (outcome.state === 'live') {
      await this.afterRequest(target);
      return this.finish(
        'rolled-back',
        `Rolled back from ${snapshot.live?.label} to ${target.label}; it is live.`,
      );
    }
    if (outcome.state === 'timed-out') {
      return this.finish(
        'timed-out',
        `The rollback to ${target.label} was not live within ${this.timeoutSeconds()} s (last status: ${outcome.status}).`,
        'It may still go live: watch it on the provider dashboard, and do not start another rollback until it has finished',
      );
    }
    return this.finish(
      'failed',
      `The rollback to ${target.label} ended ${outcome.state} (${outcome.status}${outcome.detail ? `: ${outcome.detail}` : ''}).`,
      'The previous deployment is probably still serving: check the provider dashboard and its logs',
    );
  }

  /** The one rollback request of this run; a failed request ends the run. */
  private async sendRollback(target: Deployment, snapshot: ProviderSnapshot): Promise<Step<RollbackHandle>> {
    this.result.requests = 1;
    let handle: RollbackHandle;
    try {
      handle = await this.provider.requestRollback(target, snapshot, this.context);
    } catch (error) {
      this.event(`the rollback request failed: ${describeThrown(error)}`);
      this.logUnexpected(error);
      // A 4xx answer is a definite refusal whose message says why; only a request whose fate is
      // unknown (timeout, reset, 5xx) may still have been carried out.
      const refused = error instanceof ProviderError && error.status !== undefined && error.status < 500;
      return {
        stop: this.finish(
          'failed',
          `The rollback request to ${this.provider.title} failed: ${describeThrown(error)}`,
          refused
            ? undefined
            : 'Check the provider dashboard before running again: a request that timed out may still have been carried out',
        ),
      };
    }
    this.result.deploymentId = handle.deploymentId;
    this.event(`rollback requested${handle.deploymentId ? `: new deployment ${handle.deploymentId}` : ''}`);
    return { goOn: handle };
  }

  /** 1. Someone else's deployment in progress: no request; wait for it and say what it became. */
  private async waitForOther(pending: Deployment): Promise<RollbackResult> {
    this.event(
      `a newer deployment ${pending.label} is in progress (another run's rollback, or a deploy): no rollback request; waiting for it`,
    );
    const outcome: Followed = this.options.wait
      ? await this.follow(() => this.provider.pollDeployment(pending.id, this.context))
      : { state: 'in-progress', status: pending.status };
    this.result.waitedFor = {
      deployment: pending,
      became: outcome.state === 'in-progress' ? 'timed-out' : outcome.state,
    };
    if (outcome.state === 'in-progress' || outcome.state === 'timed-out') {
      return this.finish(
        'timed-out',
        `A newer deployment ${pending.label} was still in progress${this.options.wait ? ` after ${this.timeoutSeconds()} s` : ''}; no rollback request was sent.`,
        'Let it finish, then run again if the service is still unhealthy',
      );
    }
    const after = await this.read();
    const assessment = this.assess(after);
    if (assessment.kind === 'already-live') {
      this.result.to = assessment.to;
      return this.finish(
        'already-live',
        `The deployment ${pending.label} that was in progress ended ${outcome.state} and ${assessment.why}. No rollback request was sent.`,
      );
    }
    return this.finish(
      'failed',
      `The deployment ${pending.label} that was in progress ended ${outcome.state}; live now: ${after.live?.label ?? 'nothing'}. No rollback request was sent by this run.`,
      'Look at what is live now; run again to roll back from it if it is unhealthy',
    );
  }

  /** 5. Polls until live, failed, canceled or the deadline; provider hiccups are retried until then. */
  private async follow(poll: () => Promise<RollbackProgress>): Promise<Followed> {
    let delay = POLL_FIRST_MS;
    let last: RollbackProgress = { state: 'in-progress', status: 'unknown' };
    for (;;) {
      try {
        last = await poll();
        this.record(last);
      } catch (error) {
        if (!(error instanceof ProviderError) || !error.retryable) throw error;
        this.event(`polling failed, will retry: ${error.message}`);
      }
      if (last.state !== 'in-progress') {
        this.event(`${last.deploymentId ?? 'deployment'} is ${last.state} (${last.status})`);
        return last;
      }
      const left = this.context.deadline - this.deps.clock.now();
      if (left <= 0) return { ...last, state: 'timed-out' };
      await this.deps.sleep(Math.min(delay, left));
      delay = Math.min(POLL_MAX_MS, Math.round(delay * 1.5));
    }
  }

  /** What a poll said that the result keeps: outputs, details, the deployment followed. */
  private record(progress: RollbackProgress): void {
    if (progress.outputs) Object.assign(this.result.outputs, progress.outputs);
    if (progress.details) this.result.details = { ...this.result.details, ...progress.details };
    if (progress.deploymentId) this.result.deploymentId = progress.deploymentId;
  }

  /** The provider's follow-up once the rollback is accepted; its failure is a note, not a failure. */
  private async afterRequest(target: Deployment): Promise<void> {
    if (!this.provider.afterRollbackRequested) return;
    try {
      this.result.notes.push(...(await this.provider.afterRollbackRequested(target)));
    } catch (error) {
      const note = `Warning: ${describeThrown(error)}`;
      this.result.notes.push(note);
      this.deps.log.warning(`${this.provider.title}: ${note}`);
    }
  }

  private async read(): Promise<ProviderSnapshot> {
    const snapshot = annotateRollbacks(await this.provider.read());
    if (snapshot.details) this.result.details = { ...this.result.details, ...snapshot.details };
    return snapshot;
  }

  private assess(snapshot: ProviderSnapshot): Assessment {
    const findTarget = (target: string) =>
      this.provider.findTarget?.(snapshot, target) ?? snapshot.deployments.find((d) => d.id === target);
    return assess(snapshot, this.options.target, findTarget);
  }

  private event(message: string): void {
    this.result.events.push({ atMs: this.deps.clock.now() - this.started, message });
    this.deps.log.info(`${this.provider.title}: ${message}`);
  }

  private finish(status: RollbackStatus, message: string, hint?: string): RollbackResult {
    Object.assign(this.result, { status, message, hint, durationMs: this.deps.clock.now() - this.started });
    return this.result;
  }

  private timeoutSeconds(): number {
    return Math.round(this.options.timeoutMs / 1000);
  }

  /** An error no code expected (a bug) keeps its stack, in the debug log. */
  private logUnexpected(error: unknown): void {
    const stack = unexpectedErrorStack(error);
    if (stack) this.deps.log.debug(`${this.provider.title}: ${stack}`);
  }
}
