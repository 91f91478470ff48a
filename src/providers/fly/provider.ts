/**
 * Fly.io as a rollback provider: releases from GraphQL, machines from the Machines API (state.ts
 * says what is live), and a rollback that moves every machine back to the target release's image
 * (rollout.ts). Fly has no rollback call and creates no release for it: the machines' new versions
 * are the rollback, and the machines' state after it (`machines:v<n>`) is its deployment id.
 */
import type { Logger } from '../../core/action.js';
import type { Clock, Sleep } from '../../core/clock.js';
import { ProviderError } from '../../core/errors.js';
import type { HttpClient } from '../../core/http.js';
import type { Secrets } from '../../core/secrets.js';
import type {
  Deployment,
  ProviderSnapshot,
  RollbackHandle,
  RollbackProgress,
  RollbackProvider,
  RollbackRequestContext,
} from '../types.js';
import { flyAuthorization } from './auth.js';
import { FlyReleasesApi } from './graphql.js';
import { FlyMachinesApi } from './machines.js';
import { machinesToMove, movedCount, rollOut, type RolloutOutcome, type Strategy } from './rollout.js';
import type { FlyLease, FlyRelease } from './schemas.js';
import {
  buildFlyState,
  completedRelease,
  fleetMachines,
  findFlyTarget,
  hasAgingRunningRelease,
  releaseId,
  sameImage,
  shortImage,
  UPDATING_ID,
  type FlyState,
} from './state.js';
import { flySummarySection } from './summary.js';

export interface FlyProviderOptions {
  app: string;
  /** Machines API base, e.g. https://api.machines.dev/v1. */
  apiUrl: string;
  graphqlUrl: string;
  token: string;
  strategy: Strategy;
  /** Wait for each machine to start and pass its checks (the `wait` input). */
  wait: boolean;
  /** The `target` input: the releases are read back far enough to find it. */
  target?: string;
  http: HttpClient;
  clock: Clock;
  sleep: Sleep;
  log: Logger;
  secrets?: Secrets;
  /** For the run id that marks this run's leases. */
  random?: () => number;
  /** The longest a started machine's checks may take to pass (default 5 minutes, like `fly deploy`). */
  healthTimeoutMs?: number;
  /** Releases per GraphQL page (default 50) and pages at most (default 10). */
  pageSize?: number;
  maxPages?: number;
}

export const DEFAULT_HEALTH_TIMEOUT_MS = 5 * 60_000;

export class FlyProvider implements RollbackProvider {
  readonly name = 'fly' as const;
  readonly title = 'Fly.io';
  readonly machines: FlyMachinesApi;
  readonly releases: FlyReleasesApi;
  private last?: FlyState;
  private readonly runId: string;

  constructor(private readonly options: FlyProviderOptions) {
    const authorization = flyAuthorization(options.token);
    const common = { app: options.app, authorization, secrets: options.secrets };
    this.machines = new FlyMachinesApi(options.http, { ...common, url: options.apiUrl });
    this.releases = new FlyReleasesApi(options.http, { ...common, url: options.graphqlUrl });
    const random = options.random ?? Math.random;
    this.runId = Math.floor(random() * 0xffffffff)
      .toString(16)
      .padStart(8, '0');
  }

  async read(): Promise<ProviderSnapshot> {
    return (await this.readState()).snapshot;
  }

  /** Machines, then as many release pages as it takes to know every image they run. */
  async readState(deadline?: number): Promise<FlyState> {
    const machines = await this.machines.list(deadline);
    const images = [...new Set(fleetMachines(machines).map((m) => m.config.image))];
    const { releases, complete } = await this.releases.list({
      pageSize: this.options.pageSize ?? 50,
      maxPages: this.options.maxPages ?? 10,
      deadline,
      enough: (found) => enoughReleases(found, images, this.options.target),
    });
    const now = this.options.clock.now();
    let state = buildFlyState({ app: this.options.app, releases, machines, now });
    // Leases are looked up only when they decide something (one request per machine).
    if (state.mixed || hasAgingRunningRelease(releases, now)) {
      const leases = new Map<string, FlyLease | undefined>();
      for (const machine of state.machines)
        leases.set(machine.id, await this.machines.findLease(machine.id, deadline));
      state = buildFlyState({ app: this.options.app, releases, machines, leases, now });
    }
    if (!complete) {
      (state.snapshot.details?.fly as Record<string, unknown>).releasesRead =
        `the newest ${releases.length} releases (older ones were not needed)`;
    }
    this.last = state;
    return state;
  }

  findTarget(snapshot: ProviderSnapshot, target: string): Deployment | undefined {
    return this.last ? findFlyTarget(this.last, snapshot, target) : undefined;
  }

  plannedCalls(target: Deployment): string[] {
    const moving = this.moving(target);
    const api = this.machines;
    return [
      ...moving.map((m) => `POST ${api.path(m.id, '/lease')}`),
      ...moving.flatMap((m) => [
        `POST ${api.path(m.id)} (config.image → ${shortImage(target.artifact ?? '')}${m.state === 'started' ? '' : ', skip_launch'})`,
        `DELETE ${api.path(m.id, '/lease')}`,
      ]),
    ];
  }

  async requestRollback(
    target: Deployment,
    _snapshot: ProviderSnapshot,
    context: RollbackRequestContext,
  ): Promise<RollbackHandle> {
    const state = this.current();
    if (!target.artifact) {
      throw new ProviderError(`${target.label} has no image to roll back to`, { retryable: false });
    }
    const requestedAt = this.options.clock.now();
    const outcome = await rollOut({
      api: this.machines,
      machines: state.machines,
      targetImage: target.artifact,
      targetLabel: target.id,
      strategy: this.options.strategy,
      wait: this.options.wait,
      deadline: context.deadline,
      healthTimeoutMs: this.options.healthTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS,
      runId: this.runId,
      clock: this.options.clock,
      sleep: this.options.sleep,
      log: this.options.log,
    });
    const clean = !outcome.failure && !outcome.timedOut;
    return {
      requestedAt,
      // What the next read will call the machines' state (wait: false reports it at once).
      deploymentId: clean ? expectedLiveId(state, target.artifact, this.options.clock.now()) : undefined,
      data: outcome,
    };
  }

  async pollRollback(handle: RollbackHandle, context: RollbackRequestContext): Promise<RollbackProgress> {
    const outcome = handle.data as RolloutOutcome;
    const state = await this.readState(context.deadline);
    const details = { ...state.snapshot.details, rollout: outcome };
    const outputs = { machines: String(movedCount(outcome)) };
    const where = whereThingsStand(state, outcome.targetImage);
    if (outcome.failure) return { state: 'failed', status: outcome.failure, detail: where, details, outputs };
    const waiting = outcome.machines.find((m) => m.result === 'timed-out');
    if (outcome.timedOut) {
      return {
        state: 'in-progress',
        status: `machine ${waiting?.id ?? '?'} ${waiting?.detail ?? ''}`.trim(),
        detail: where,
        details,
        outputs,
      };
    }
    const stragglers = state.machines.filter((m) => !sameImage(m.config.image, outcome.targetImage));
    if (stragglers.length > 0) {
      return {
        state: 'failed',
        status: `after the rollback, ${stragglers.map((m) => m.id).join(', ')} still run${stragglers.length === 1 ? 's' : ''} another image`,
        detail: where,
        details,
        outputs,
      };
    }
    return {
      state: 'live',
      status: `all ${state.machines.length} machine(s) run ${shortImage(outcome.targetImage)}`,
      deploymentId: state.snapshot.live?.id,
      details,
      outputs,
    };
  }

  async pollDeployment(id: string, context: RollbackRequestContext): Promise<RollbackProgress> {
    const state = await this.readState(context.deadline);
    const details = state.snapshot.details;
    if (id === UPDATING_ID) {
      if (state.leased.length > 0) {
        return {
          state: 'in-progress',
          status: `machines leased: ${state.leased.map((l) => l.machine).join(', ')}`,
          deploymentId: id,
          details,
        };
      }
      if (!state.mixed)
        return {
          state: 'live',
          status: `all machines run ${shortImage(state.liveImage ?? '')}`,
          deploymentId: id,
          details,
        };
      return {
        state: 'failed',
        status: 'the update stopped with the machines on different images',
        detail: whereThingsStand(state, state.liveImage ?? ''),
        deploymentId: id,
        details,
      };
    }
    const deployment = state.snapshot.deployments.find((d) => d.id === id);
    if (!deployment)
      return { state: 'failed', status: `release ${id} is no longer listed`, deploymentId: id, details };
    const progress: Record<Deployment['state'], RollbackProgress['state']> = {
      live: 'live',
      superseded: 'live',
      'in-progress': 'in-progress',
      failed: 'failed',
      canceled: 'canceled',
      inactive: 'failed',
      unknown: 'failed',
    };
    return { state: progress[deployment.state], status: deployment.status, deploymentId: id, details };
  }

  /** The machines section of the step summary. */
  summarySection(details: Record<string, unknown> | undefined): string | undefined {
    return flySummarySection(details);
  }

  private current(): FlyState {
    if (!this.last)
      throw new ProviderError('internal error: the Fly app was not read before acting', { retryable: false });
    return this.last;
  }

  private moving(target: Deployment) {
    return target.artifact ? machinesToMove(this.current().machines, target.artifact) : [];
  }
}

/** Whether these releases are enough to judge: every running image's release and a known good one older. */
function enoughReleases(releases: FlyRelease[], images: string[], target: string | undefined): boolean {
  const found = images.map((image) => releases.find((r) => sameImage(r.imageRef, image)));
  if (found.some((r) => r === undefined)) return false;
  const oldest = Math.min(...found.map((r) => (r as FlyRelease).version));
  const olderGood = releases.some((r) => r.version < oldest && completedRelease(r));
  if (!olderGood) return false;
  if (!target) return true;
  const version = /^v?(\d+)$/i.exec(target.trim())?.[1];
  return releases.some(
    (r) =>
      r.id === target.trim() ||
      (version !== undefined && r.version === Number(version)) ||
      sameImage(r.imageRef, target.trim()),
  );
}

/** The id the machines' state will have once every machine runs `image`. */
function expectedLiveId(state: FlyState, image: string, now: number): string | undefined {
  const moved = state.machines.map((m) => ({ ...m, config: { ...m.config, image } }));
  return buildFlyState({ app: state.app, releases: state.releases, machines: moved, now }).snapshot.live?.id;
}

/** 'on v2's image: a, b; on other images: c (v3)'. */
function whereThingsStand(state: FlyState, targetImage: string): string {
  const on = state.machines.filter((m) => sameImage(m.config.image, targetImage)).map((m) => m.id);
  const off = state.groups
    .filter((g) => !sameImage(g.image, targetImage))
    .flatMap((g) =>
      g.machines.map((m) => `${m.id} (${g.release ? releaseId(g.release.version) : shortImage(g.image)})`),
    );
  return `on ${shortImage(targetImage)}: ${on.join(', ') || 'none'}; on other images: ${off.join(', ') || 'none'}`;
}
