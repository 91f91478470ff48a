/**
 * The rollback flow, written once for every provider (INTERFACE.md "rollback-*"):
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
 */
import type { Logger } from '../core/action.js';
import type { Clock, Sleep } from '../core/clock.js';
import { describeThrown, ProviderError } from '../core/errors.js';
import type {
  Deployment,
  ProviderSnapshot,
  RollbackHandle,
  RollbackProgress,
  RollbackProvider,
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

/**
 * Fills `restores` where the provider could not: a deployment that runs the same artifact as an
 * older one restored it. Returns a new snapshot; the input is not changed.
 */
export function annotateRollbacks(snapshot: ProviderSnapshot): ProviderSnapshot {
  const oldestFirst = [...snapshot.deployments].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const annotated = new Map<string, Deployment>();
  for (const [index, deployment] of oldestFirst.entries()) {
    let restores = deployment.restores;
    if (!restores && deployment.artifact) {
      const original = oldestFirst
        .slice(0, index)
        .reverse()
        .find((older) => older.artifact === deployment.artifact && older.id !== deployment.id);
      restores = original?.id;
    }
    annotated.set(deployment.id, restores ? { ...deployment, restores } : deployment);
  }
  const deployments = snapshot.deployments.map((d) => annotated.get(d.id) as Deployment);
  const live = snapshot.live ? (annotated.get(snapshot.live.id) ?? snapshot.live) : undefined;
  return { ...snapshot, deployments, live };
}

/** The deployment a deployment stands for: itself, or the one it (transitively) restored. */
export function effectiveId(deployment: Deployment, snapshot: ProviderSnapshot): string {
  const byId = new Map(snapshot.deployments.map((d) => [d.id, d]));
  let current = deployment;
  const seen = new Set<string>();
  while (current.restores && !seen.has(current.id)) {
    seen.add(current.id);
    const restored = byId.get(current.restores);
    if (!restored) return current.restores;
    current = restored;
  }
  return current.id;
}

/** Why a deployment cannot be a rollback target, or undefined when it can. */
export function ineligibility(deployment: Deployment): string | undefined {
  if (deployment.state === 'in-progress') return 'it is still in progress';
  if (!deployment.wasLive) return `it was never live (${deployment.status})`;
  if (!deployment.canRollback)
    return deployment.ineligibleReason ?? 'the provider no longer keeps its artifact';
  return undefined;
}

type Assessment =
  | { kind: 'wait'; pending: Deployment }
  | { kind: 'already-live'; to: Deployment; why: string }
  | { kind: 'rollback'; to: Deployment }
  | { kind: 'fail'; message: string; hint: string };

/** What to do with this snapshot: the heart of the flow, pure. */
export function assess(
  snapshot: ProviderSnapshot,
  target: string | undefined,
  findTarget: (t: string) => Deployment | undefined,
): Assessment {
  const { live, deployments } = snapshot;
  const pending = deployments.find(
    (d) => d.state === 'in-progress' && (!live || d.createdAt > live.createdAt) && d.id !== live?.id,
  );
  if (pending) return { kind: 'wait', pending };
  if (!live) {
    return {
      kind: 'fail',
      message: `nothing is live: ${describeDeployments(deployments)}`,
      hint: 'Deploy a known good version by hand, or give `target` once one is live',
    };
  }
  const liveStandsFor = effectiveId(live, snapshot);

  if (target) {
    const chosen = findTarget(target);
    if (!chosen) {
      return {
        kind: 'fail',
        message: `the target '${target}' is not among the deployments: ${describeDeployments(deployments)}`,
        hint: 'Check the id (or leave `target` empty to use the last known good deployment)',
      };
    }
    if (effectiveId(chosen, snapshot) === liveStandsFor) {
      return {
        kind: 'already-live',
        to: chosen,
        why: `the live deployment ${live.label} already runs ${chosen.label}`,
      };
    }
    const why = ineligibility(chosen);
    if (why) {
      return {
        kind: 'fail',
        message: `the target ${chosen.label} cannot be rolled back to: ${why}`,
        hint: 'Choose a deployment that was live and whose artifact the provider still keeps',
      };
    }
    return { kind: 'rollback', to: chosen };
  }

  // The live deployment is itself a rollback: it already is the last known good. Going further back
  // takes an explicit target, so one bad verdict can never walk the history backwards. (A redeploy of
  // the same artifact is not a rollback where the provider marks rollbacks: it runs the bad code again.)
  if (live.restores && (live.isRollback || !snapshot.rollbacksMarked)) {
    const restored = deployments.find((d) => d.id === live.restores);
    return {
      kind: 'already-live',
      to: restored ?? live,
      why: `the live deployment ${live.label} is a rollback to ${restored?.label ?? live.restores}; going further back needs an explicit target`,
    };
  }
  const candidate = deployments
    .filter((d) => d.createdAt < live.createdAt && effectiveId(d, snapshot) !== liveStandsFor)
    .find((d) => ineligibility(d) === undefined);
  if (!candidate) {
    return {
      kind: 'fail',
      message: `no known good deployment older than the live one (${live.label}): ${describeDeployments(
        deployments.filter((d) => d.id !== live.id),
      )}`,
      hint: 'Roll forward with a fix, or give `target` explicitly',
    };
  }
  return { kind: 'rollback', to: candidate };
}

/** 'found 3: dep-c (live), dep-b (superseded), dep-a (failed: never live)'. */
export function describeDeployments(deployments: Deployment[], max = 8): string {
  if (deployments.length === 0) return 'found no deployments';
  const shown = deployments.slice(0, max).map((d) => {
    const why = d.state === 'live' ? undefined : ineligibility(d);
    return `${d.label} (${d.state}${why ? `: ${why}` : ''})`;
  });
  const more = deployments.length > max ? `, and ${deployments.length - max} more` : '';
  return `found ${deployments.length}: ${shown.join(', ')}${more}`;
}

export async function runRollback(
  provider: RollbackProvider,
  options: RollbackOptions,
  deps: FlowDeps,
): Promise<RollbackResult> {
  const started = deps.clock.now();
  const deadline = started + options.timeoutMs;
  const context = { deadline };
  const result: RollbackResult = {
    provider: provider.name,
    providerTitle: provider.title,
    status: 'failed',
    message: '',
    requests: 0,
    notes: [],
    events: [],
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
    deployments: [],
    outputs: {},
  };
  const event = (message: string) => {
    result.events.push({ atMs: deps.clock.now() - started, message });
    deps.log.info(`${provider.title}: ${message}`);
  };
  const finish = (status: RollbackStatus, message: string, hint?: string): RollbackResult => {
    Object.assign(result, { status, message, hint, durationMs: deps.clock.now() - started });
    return result;
  };
  const read = async (): Promise<ProviderSnapshot> => {
    const snapshot = annotateRollbacks(await provider.read());
    if (snapshot.details) result.details = { ...result.details, ...snapshot.details };
    return snapshot;
  };
  const targetFinder = (snapshot: ProviderSnapshot) => (target: string) =>
    provider.findTarget?.(snapshot, target) ?? snapshot.deployments.find((d) => d.id === target);

  try {
    const first = await read();
    result.deployments = first.deployments;
    result.from = first.live;
    event(`live: ${first.live?.label ?? 'nothing'}; ${describeDeployments(first.deployments, 5)}`);
    let assessment = assess(first, options.target, targetFinder(first));

    if (options.dryRun && assessment.kind === 'wait') {
      result.plan = [];
      return finish(
        'planned',
        `Dry run: a newer deployment ${assessment.pending.label} is in progress, so a real run would send no rollback request and wait for it.`,
      );
    }
    if (assessment.kind === 'rollback') {
      result.to = assessment.to;
      if (options.dryRun) {
        result.plan = [
          ...provider.plannedCalls(assessment.to, first),
          ...(provider.plannedAfterCalls?.(assessment.to) ?? []),
        ];
        event(`dry run: would roll back from ${first.live?.label} to ${assessment.to.label}`);
        return finish(
          'planned',
          `Dry run: would roll back from ${first.live?.label} to ${assessment.to.label}; nothing was changed.`,
        );
      }
      // Someone may have acted since the first read: decide again on fresh state, right before the request.
      const second = await read();
      const again = assess(second, options.target, targetFinder(second));
      if (again.kind === 'rollback' && again.to.id !== assessment.to.id) {
        event(`the deployments changed while deciding; the target is now ${again.to.label}`);
      }
      result.from = second.live;
      assessment = again;
      if (assessment.kind === 'rollback') {
        return await rollBackAndWait(assessment.to, second);
      }
    }

    switch (assessment.kind) {
      case 'fail':
        return finish('failed', `Cannot roll back: ${assessment.message}.`, assessment.hint);
      case 'already-live':
        result.to = assessment.to;
        event(`already live: ${assessment.why}`);
        return finish('already-live', `Nothing to do: ${assessment.why}. No rollback request was sent.`);
      case 'wait':
        return await waitForOther(assessment.pending);
    }
  } catch (error) {
    event(`error: ${describeThrown(error)}`);
    return finish(
      'failed',
      `${provider.title} API error: ${describeThrown(error)}`,
      error instanceof ProviderError
        ? undefined
        : 'Run again; if it keeps failing, roll back from the dashboard',
    );
  }
  // Unreachable: every assessment returns above.
  return finish('failed', 'internal error: no decision was made');

  async function rollBackAndWait(target: Deployment, snapshot: ProviderSnapshot): Promise<RollbackResult> {
    result.to = target;
    event(`rolling back from ${snapshot.live?.label} to ${target.label}`);
    result.requests = 1;
    let handle: RollbackHandle;
    try {
      handle = await provider.requestRollback(target, snapshot, context);
    } catch (error) {
      event(`the rollback request failed: ${describeThrown(error)}`);
      // A 4xx answer is a definite refusal whose message says why; only a request whose fate is
      // unknown (timeout, reset, 5xx) may still have been carried out.
      const refused = error instanceof ProviderError && error.status !== undefined && error.status < 500;
      return finish(
        'failed',
        `The rollback request to ${provider.title} failed: ${describeThrown(error)}`,
        refused
          ? undefined
          : 'Check the provider dashboard before running again: a request that timed out may still have been carried out',
      );
    }
    result.deploymentId = handle.deploymentId;
    event(`rollback requested${handle.deploymentId ? `: new deployment ${handle.deploymentId}` : ''}`);
    if (!options.wait) {
      await afterRequest(target);
      return finish(
        'rolled-back',
        `Rollback to ${target.label} requested; not waiting for it to go live (wait: false).`,
      );
    }
    const outcome = await follow(() => provider.pollRollback(handle, context));
    result.deploymentId = outcome.deploymentId ?? result.deploymentId;
    if (outcome.state === 'live') {
      await afterRequest(target);
      return finish(
        'rolled-back',
        `Rolled back from ${snapshot.live?.label} to ${target.label}; it is live.`,
      );
    }
    if (outcome.state === 'timed-out') {
      return finish(
        'timed-out',
        `The rollback to ${target.label} was not live within ${Math.round(options.timeoutMs / 1000)} s (last status: ${outcome.status}).`,
        'It may still go live: watch it on the provider dashboard, and do not start another rollback until it has finished',
      );
    }
    return finish(
      'failed',
      `The rollback to ${target.label} ended ${outcome.state} (${outcome.status}${outcome.detail ? `: ${outcome.detail}` : ''}).`,
      'The previous deployment is probably still serving: check the provider dashboard and its logs',
    );
  }

  async function waitForOther(pending: Deployment): Promise<RollbackResult> {
    event(
      `a newer deployment ${pending.label} is in progress (another run's rollback, or a deploy): no rollback request; waiting for it`,
    );
    const outcome = options.wait
      ? await follow(() => provider.pollDeployment(pending.id, context))
      : { state: 'in-progress' as const, status: pending.status };
    result.waitedFor = {
      deployment: pending,
      became: outcome.state === 'in-progress' ? 'timed-out' : outcome.state,
    };
    if (outcome.state === 'in-progress' || outcome.state === 'timed-out') {
      return finish(
        'timed-out',
        `A newer deployment ${pending.label} was still in progress${options.wait ? ` after ${Math.round(options.timeoutMs / 1000)} s` : ''}; no rollback request was sent.`,
        'Let it finish, then run again if the service is still unhealthy',
      );
    }
    const after = await read();
    const assessment = assess(after, options.target, targetFinder(after));
    if (assessment.kind === 'already-live') {
      result.to = assessment.to;
      return finish(
        'already-live',
        `The deployment ${pending.label} that was in progress ended ${outcome.state} and ${assessment.why}. No rollback request was sent.`,
      );
    }
    return finish(
      'failed',
      `The deployment ${pending.label} that was in progress ended ${outcome.state}; live now: ${after.live?.label ?? 'nothing'}. No rollback request was sent by this run.`,
      'Look at what is live now; run again to roll back from it if it is unhealthy',
    );
  }

  /** Polls until live, failed, canceled or the deadline; provider hiccups are retried until then. */
  async function follow(
    poll: () => Promise<RollbackProgress>,
  ): Promise<RollbackProgress | (Omit<RollbackProgress, 'state'> & { state: 'timed-out' })> {
    let delay = POLL_FIRST_MS;
    let last: RollbackProgress = { state: 'in-progress', status: 'unknown' };
    for (;;) {
      try {
        last = await poll();
        if (last.outputs) Object.assign(result.outputs, last.outputs);
        if (last.details) result.details = { ...result.details, ...last.details };
        if (last.deploymentId) result.deploymentId = last.deploymentId;
      } catch (error) {
        if (!(error instanceof ProviderError) || !error.retryable) throw error;
        event(`polling failed, will retry: ${error.message}`);
      }
      if (last.state !== 'in-progress') {
        event(`${last.deploymentId ?? 'deployment'} is ${last.state} (${last.status})`);
        return last;
      }
      const left = deadline - deps.clock.now();
      if (left <= 0) return { ...last, state: 'timed-out' };
      await deps.sleep(Math.min(delay, left));
      delay = Math.min(POLL_MAX_MS, Math.round(delay * 1.5));
    }
  }

  async function afterRequest(target: Deployment): Promise<void> {
    if (!provider.afterRollbackRequested) return;
    try {
      result.notes.push(...(await provider.afterRollbackRequested(target)));
    } catch (error) {
      const note = `Warning: ${describeThrown(error)}`;
      result.notes.push(note);
      deps.log.warning(`${provider.title}: ${note}`);
    }
  }
}
