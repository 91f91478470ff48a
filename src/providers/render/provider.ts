/**
 * Render's side of a rollback (the flow itself is flow.ts): which deploys exist and which is live,
 * which were live before and can be rolled back to, the `POST /services/{id}/rollback`, polling the
 * deploy it creates, and turning auto-deploy off once the rollback is live (an API rollback, unlike
 * one from the dashboard, leaves it on, so the next push would deploy over it).
 *
 * Known good on Render: a deploy that is `deactivated` and has `finishedAt` — it finished and was
 * later replaced. Render's docs do not say that `deactivated` implies "was live"; we assume a deploy
 * only gets `finishedAt` once it reached an end state, so a deactivated one without it (replaced
 * before it ever finished) never served and is not a candidate.
 */
import type { Logger } from '../../core/action.js';
import type { Clock } from '../../core/clock.js';
import type { HttpClient } from '../../core/http.js';
import type { Secrets } from '../../core/secrets.js';
import type {
  Deployment,
  DeploymentState,
  ProviderSnapshot,
  RollbackHandle,
  RollbackProgress,
  RollbackProvider,
  RollbackRequestContext,
} from '../types.js';
import { renderSummarySection, type AutoDeployStep, type RenderServiceFacts } from './summary.js';
import {
  autoDeployOn,
  DEFAULT_MAX_DEPLOYS,
  RenderClient,
  type DeployHistory,
  type RenderDeploy,
  type RenderService,
} from './client.js';

const IN_PROGRESS = new Set([
  'created',
  'queued',
  'build_in_progress',
  'update_in_progress',
  'pre_deploy_in_progress',
]);
const FAILED = new Set(['build_failed', 'update_failed', 'pre_deploy_failed']);
/** Statuses a deploy only reaches after its build succeeded, so it left a build artifact behind. */
const BUILT = new Set([
  'update_in_progress',
  'pre_deploy_in_progress',
  'pre_deploy_failed',
  'update_failed',
  'live',
  'deactivated',
]);

/**
 * Render keeps the artifacts of the last 2 (Free), 5 (Hobby), 15 (Pro) or 30 (Scale, Enterprise)
 * builds, and the API does not say which plan a service is on or which builds are kept. A deploy
 * with at least this many builds after it is gone on every plan; anything newer may or may not be.
 */
export const MAX_RETAINED_BUILDS = 30;

export function deployState(status: string | undefined): DeploymentState {
  if (status === 'live') return 'live';
  if (status === 'deactivated') return 'superseded';
  if (status === 'canceled') return 'canceled';
  if (status !== undefined && IN_PROGRESS.has(status)) return 'in-progress';
  if (status !== undefined && FAILED.has(status)) return 'failed';
  return 'unknown';
}

/** Live now, or replaced after it finished (see the module comment for the assumption). */
export function deployWasLive(deploy: RenderDeploy): boolean {
  return deploy.status === 'live' || (deploy.status === 'deactivated' && deploy.finishedAt !== undefined);
}

/** What a deploy runs: the image digest (or ref) for image-backed services, else the commit. */
export function deployArtifact(deploy: RenderDeploy): string | undefined {
  if (deploy.image?.sha) return `image ${deploy.image.sha}`;
  if (deploy.image?.ref) return `image ${deploy.image.ref}`;
  if (deploy.commit?.id) return `commit ${deploy.commit.id}`;
  return undefined;
}

function shortArtifact(deploy: RenderDeploy): string | undefined {
  if (deploy.image?.ref) return `image ${deploy.image.ref}`;
  if (deploy.image?.sha) return `image ${deploy.image.sha.replace(/^sha256:/, '').slice(0, 12)}`;
  if (deploy.commit?.id) return `commit ${deploy.commit.id.slice(0, 7)}`;
  return undefined;
}

const ms = (text: string): number => Date.parse(text);

/**
 * Render's deploys as the flow's deployments, newest first. Pure: the guard and the tests call it
 * with deploys read elsewhere.
 */
export function renderSnapshot(
  deploys: RenderDeploy[],
  history?: Omit<DeployHistory, 'deploys'>,
): ProviderSnapshot {
  const ordered = deploys
    .map((deploy, index) => ({ deploy, index }))
    .sort((a, b) => ms(b.deploy.createdAt) - ms(a.deploy.createdAt) || a.index - b.index)
    .map(({ deploy }) => deploy);

  let newerBuilds = 0;
  const deployments = ordered.map((deploy): Deployment => {
    const isRollback = deploy.trigger === 'rollback';
    const expired = newerBuilds >= MAX_RETAINED_BUILDS;
    // A rollback reuses the artifact of the deploy it restores: it makes no new build.
    if (!isRollback && deploy.status !== undefined && BUILT.has(deploy.status)) newerBuilds += 1;
    const artifact = deployArtifact(deploy);
    const what = shortArtifact(deploy);
    return {
      id: deploy.id,
      label: `${deploy.id}${what || isRollback ? ` (${[isRollback ? 'rollback' : '', what].filter(Boolean).join(', ')})` : ''}`,
      // One format for every timestamp, so the flow may compare them as text.
      createdAt: new Date(deploy.createdAt).toISOString(),
      state: deployState(deploy.status),
      status: deploy.status ?? 'missing',
      wasLive: deployWasLive(deploy),
      canRollback: !expired,
      ineligibleReason: expired
        ? `at least ${MAX_RETAINED_BUILDS} newer builds: Render keeps at most the last ${MAX_RETAINED_BUILDS} (Scale, Enterprise; 15 on Pro, 5 on Hobby, 2 on Free)`
        : undefined,
      artifact,
      commit: deploy.commit?.id,
      isRollback,
    };
  });

  // A rollback deploy stands for the newest older deploy that ran the same artifact. When that one
  // is not in the history read (or the artifact is unknown), it still is a rollback: it must not be
  // rolled back again on its own, so it is marked as restoring an older deploy we cannot name.
  for (const [index, deployment] of deployments.entries()) {
    if (!deployment.isRollback) continue;
    const restored = deployment.artifact
      ? deployments.slice(index + 1).find((older) => older.artifact === deployment.artifact)
      : undefined;
    deployment.restores =
      restored?.id ?? `an older deploy${deployment.artifact ? ` of ${deployment.artifact}` : ''}`;
  }

  return {
    deployments,
    live: deployments.find((d) => d.state === 'live'),
    rollbacksMarked: true,
    details: history
      ? {
          renderHistory: {
            deploysRead: deployments.length,
            pages: history.pages,
            truncated: history.truncated,
          },
        }
      : undefined,
  };
}

/** Where a deploy stands, for the flow. `ours`: the rollback this run asked for. */
export function deployProgress(deploy: RenderDeploy, whose: 'ours' | 'theirs'): RollbackProgress {
  const status = deploy.status ?? 'missing';
  const base = { deploymentId: deploy.id, status };
  switch (deployState(deploy.status)) {
    case 'live':
      return { ...base, state: 'live' };
    case 'in-progress':
      return { ...base, state: 'in-progress' };
    case 'failed':
      return {
        ...base,
        state: 'failed',
        detail: `see the deploy's logs in the Render Dashboard${whose === 'ours' && status === 'update_failed' ? '; the old build did not start or pass its health check' : ''}`,
      };
    case 'canceled':
      return { ...base, state: 'canceled', detail: 'canceled from the dashboard or by a newer deploy' };
    case 'superseded':
      // Someone else's deploy that went live did what it was going to do; our rollback being replaced
      // means the service no longer runs what we rolled back to.
      return whose === 'theirs' && deployWasLive(deploy)
        ? { ...base, state: 'live', detail: 'it went live and has since been replaced' }
        : {
            ...base,
            state: 'failed',
            detail: 'it was replaced by a newer deploy (a push with auto-deploy on?): check what is live now',
          };
    default:
      return {
        ...base,
        state: 'in-progress',
        detail: `Render reports the status '${status}', which this version does not know: not treated as success`,
      };
  }
}

export interface RenderProviderOptions {
  client: RenderClient;
  /** Turn auto-deploy off once the rollback is live (the `disable-auto-deploy` input). */
  disableAutoDeploy: boolean;
  clock: Clock;
  log?: Logger;
  /** How many deploys a read covers (default 100). */
  maxDeploys?: number;
  /** Deploys per page (default and most 100). */
  pageSize?: number;
}

export class RenderProvider implements RollbackProvider {
  readonly name = 'render' as const;
  readonly title = 'Render';
  /** The service as first read: its auto-deploy setting and disk, for plans and the report. */
  private service?: RenderService;
  private readonly warned = new Set<string>();
  /** What the run did about auto-deploy, once the rollback was live. */
  private autoDeployStep?: AutoDeployStep;

  constructor(private readonly options: RenderProviderOptions) {}

  async read(): Promise<ProviderSnapshot> {
    // The service first: a wrong id or key fails here with a message about the service.
    this.service ??= await this.options.client.getService();
    const history = await this.options.client.listDeploys({
      max: this.options.maxDeploys ?? DEFAULT_MAX_DEPLOYS,
      pageSize: this.options.pageSize,
    });
    const snapshot = renderSnapshot(history.deploys, history);
    return { ...snapshot, details: { ...snapshot.details, renderService: serviceFacts(this.service) } };
  }

  plannedCalls(target: Deployment): string[] {
    return [`${this.options.client.describe('POST', '/rollback')} {"deployId":"${target.id}"}`];
  }

  plannedAfterCalls(): string[] {
    if (!this.options.disableAutoDeploy) return [];
    const on = this.service ? autoDeployOn(this.service) : undefined;
    if (on === false) return [];
    return [
      `${this.options.client.describe('PATCH', '')} {"autoDeploy":"no"}${on === undefined ? ' (if auto-deploy is on)' : ''}`,
    ];
  }

  async requestRollback(
    target: Deployment,
    _snapshot: ProviderSnapshot,
    context: RollbackRequestContext,
  ): Promise<RollbackHandle> {
    const requestedAt = this.options.clock.now();
    const deploy = await this.options.client.rollback(target.id, context.deadline);
    return { deploymentId: deploy.id, requestedAt, data: { status: deploy.status } };
  }

  async pollRollback(handle: RollbackHandle, context: RollbackRequestContext): Promise<RollbackProgress> {
    // Render answers the rollback with the new deploy, so the id is always there.
    return this.poll(handle.deploymentId as string, 'ours', context);
  }

  async pollDeployment(id: string, context: RollbackRequestContext): Promise<RollbackProgress> {
    return this.poll(id, 'theirs', context);
  }

  /**
   * Once the rollback is live: turn auto-deploy off (or say that it stays on), and say what a
   * Render rollback does not bring back. A failure here is a warning, not a failed rollback.
   */
  async afterRollbackRequested(): Promise<string[]> {
    try {
      return await this.settleAutoDeploy();
    } catch (error) {
      this.autoDeployStep = { action: 'failed' };
      throw error;
    }
  }

  /** The step summary's Render section (service, auto-deploy, disk, history read). */
  summarySection(details: Record<string, unknown> | undefined): string | undefined {
    return renderSummarySection(details, this.autoDeployStep, this.options.disableAutoDeploy);
  }

  private async settleAutoDeploy(): Promise<string[]> {
    const notes: string[] = [];
    const service = await this.options.client.getService();
    this.service = service;
    const on = autoDeployOn(service);
    const before = on ? 'on' : 'unknown';
    const branch = service.branch ? ` to ${service.branch}` : '';
    if (on === false) {
      this.autoDeployStep = { action: 'already-off' };
      notes.push(
        this.options.disableAutoDeploy
          ? 'Auto-deploy was already off; left as it is.'
          : 'Auto-deploy is off.',
      );
    } else if (!this.options.disableAutoDeploy) {
      this.autoDeployStep = { action: 'left-on', before };
      notes.push(
        `Auto-deploy is ${on ? 'on' : 'in an unknown state'} and was left as it is (disable-auto-deploy: false): the next push${branch} will deploy over this rollback.`,
      );
    } else {
      const updated = await this.options.client.setAutoDeploy('no');
      this.service = updated;
      const off = autoDeployOn(updated) === false;
      this.autoDeployStep = off ? { action: 'turned-off', before } : { action: 'still-on' };
      notes.push(
        off
          ? `Auto-deploy was ${on ? 'on' : 'in an unknown state'}; turned it off so the next push${branch} does not undo the rollback. Turn it back on in the service's Settings once a fix is deployed.`
          : "Warning: asked Render to turn auto-deploy off, but the service still reports it on: turn it off in the service's Settings, or the next push will undo the rollback.",
      );
    }
    if (service.serviceDetails?.disk) {
      notes.push(
        `The service has a persistent disk (${service.serviceDetails.disk.mountPath ?? service.serviceDetails.disk.name ?? 'mounted'}): its data was not rolled back (use restore-db for a SQLite file on it), and Render deploys services with a disk without zero downtime.`,
      );
    }
    notes.push(
      "Only the build was rolled back: the service's current settings stay as they are, and disks and databases keep their data.",
    );
    return notes;
  }

  private async poll(
    id: string,
    whose: 'ours' | 'theirs',
    context: RollbackRequestContext,
  ): Promise<RollbackProgress> {
    const progress = deployProgress(await this.options.client.getDeploy(id, context.deadline), whose);
    if (progress.state === 'in-progress' && progress.detail && !this.warned.has(progress.status)) {
      this.warned.add(progress.status);
      this.options.log?.warning(`Render: deploy ${id}: ${progress.detail}`);
    }
    return progress;
  }
}

/** What the report (and the summary section) says about the service. */
function serviceFacts(service: RenderService): RenderServiceFacts {
  const on = autoDeployOn(service);
  return {
    id: service.id,
    name: service.name,
    type: service.type,
    autoDeploy: on === undefined ? 'unknown' : on ? 'on' : 'off',
    branch: service.branch,
    disk: service.serviceDetails?.disk ? true : false,
    suspended: service.suspended,
    dashboardUrl: service.dashboardUrl,
  };
}

export interface RenderProviderConfig {
  http: HttpClient;
  apiKey: string;
  serviceId: string;
  apiUrl?: string | URL;
  disableAutoDeploy: boolean;
  clock: Clock;
  log?: Logger;
  secrets?: Secrets;
  maxDeploys?: number;
  pageSize?: number;
}

/** The Render provider for the rollback flow, from plain settings (the action and the guard). */
export function createRenderProvider(config: RenderProviderConfig): RenderProvider {
  const client = new RenderClient({
    http: config.http,
    apiKey: config.apiKey,
    serviceId: config.serviceId,
    apiUrl: config.apiUrl,
    secrets: config.secrets,
  });
  return new RenderProvider({
    client,
    disableAutoDeploy: config.disableAutoDeploy,
    clock: config.clock,
    log: config.log,
    maxDeploys: config.maxDeploys,
    pageSize: config.pageSize,
  });
}
