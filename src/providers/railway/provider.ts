/**
 * The Railway side of a rollback (the flow itself is flow.ts): read the service's deployments and
 * what is in place, send `deploymentRollback`, and follow the deployment it creates.
 *
 * `deploymentRollback` answers only true or false, so the new deployment is found by listing again:
 * a deployment that was not there before the request (compared by id, not only by time, since the
 * runner's clock and Railway's differ) and was created no earlier than a few minutes before it.
 */
import type { Logger } from '../../core/action.js';
import type { Clock } from '../../core/clock.js';
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
import {
  RailwayClient,
  type DeploymentListScope,
  type RailwayDeployment,
  type RailwayRequestOptions,
  type RailwayTokenType,
} from './client.js';
import { normaliseDeployments, progressOf, readMeta, isRollbackMeta, artifactOf } from './deployments.js';

/** How many deployments are read (newest first): plenty to find the last known good one. */
export const RAILWAY_HISTORY_LIMIT = 50;
/** Deployments per page. */
const PAGE_SIZE = 50;
/** A hard stop for paging when Railway lists oldest first (order is not documented). */
const MAX_PAGES = 10;
/** A whole Railway id (a UUID), as opposed to the short prefix the summary shows. */
const FULL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How far before the request a new deployment's createdAt may be (clock skew). */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface RailwayServiceRef {
  serviceId: string;
  environmentId: string;
}

export interface RailwayProviderOptions extends RailwayServiceRef {
  /** The `target` input, so a target older than the history read can still be found. */
  target?: string;
  /** Deployments to read, newest first (default RAILWAY_HISTORY_LIMIT). */
  historyLimit?: number;
  /** Page size of `deployments` (default 50). */
  pageSize?: number;
}

export interface RailwayProviderDeps {
  clock: Clock;
  log?: Logger;
}

interface RollbackData {
  /** Ids of the deployments that existed before the request. */
  before: string[];
  targetId: string;
  targetArtifact?: string;
}

interface HistoryRead {
  nodes: RailwayDeployment[];
  pages: number;
  /** Railway listed oldest first, or more than the history limit exists. */
  truncated: boolean;
  order: 'newest-first' | 'oldest-first' | 'unknown';
}

export class RailwayProvider implements RollbackProvider {
  readonly name = 'railway' as const;
  readonly title = 'Railway';
  private readonly scope: DeploymentListScope;
  private readonly historyLimit: number;
  private readonly pageSize: number;

  constructor(
    readonly client: RailwayClient,
    private readonly options: RailwayProviderOptions,
    private readonly deps: RailwayProviderDeps,
  ) {
    this.scope = { environmentId: options.environmentId, serviceId: options.serviceId };
    this.historyLimit = options.historyLimit ?? RAILWAY_HISTORY_LIMIT;
    this.pageSize = Math.min(options.pageSize ?? PAGE_SIZE, this.historyLimit);
  }

  async read(): Promise<ProviderSnapshot> {
    const first = await this.client.snapshot(this.scope, this.pageSize);
    const history = await this.history(first);
    const nodes = [...history.nodes, ...first.active, ...(first.latest ? [first.latest] : [])];
    const activeIds = new Set(first.active.map((node) => node.id));
    let { deployments, live } = normaliseDeployments(nodes, activeIds);
    const target = this.options.target;
    if (target && FULL_ID.test(target) && !this.findTarget({ deployments }, target)) {
      // A target older than the history read: fetched by its id.
      const found = await this.lookUpTarget(target);
      if (found) ({ deployments, live } = normaliseDeployments([...nodes, found], activeIds));
    }
    return {
      deployments,
      live,
      // Railway says why each deployment exists (meta.reason, assumed): where every deployment read
      // carries one, a deployment without reason 'rollback' is not a rollback, whatever it runs.
      rollbacksMarked: nodes.length > 0 && nodes.every((node) => readMeta(node.meta).reason !== undefined),
      details: {
        railway: {
          service: first.serviceName,
          serviceId: this.options.serviceId,
          environmentId: this.options.environmentId,
          activeDeployments: first.active.map((node) => ({ id: node.id, status: node.status })),
          latestDeployment: first.latest ? { id: first.latest.id, status: first.latest.status } : null,
          deploymentsRead: history.nodes.length,
          pagesRead: history.pages,
          listOrder: history.order,
          historyTruncated: history.truncated,
        },
      },
    };
  }

  /** Exact id, or a unique prefix of at least 8 characters (the short id the dashboard shows). */
  findTarget(snapshot: ProviderSnapshot, target: string): Deployment | undefined {
    const exact = snapshot.deployments.find((d) => d.id === target);
    if (exact || target.length < 8) return exact;
    const matches = snapshot.deployments.filter((d) => d.id.startsWith(target));
    return matches.length === 1 ? matches[0] : undefined;
  }

  plannedCalls(target: Deployment): string[] {
    return [`POST ${this.client.apiUrl} mutation deploymentRollback(id: "${target.id}")`];
  }

  async requestRollback(
    target: Deployment,
    snapshot: ProviderSnapshot,
    context: RollbackRequestContext,
  ): Promise<RollbackHandle> {
    const requestedAt = this.deps.clock.now();
    const data: RollbackData = {
      before: snapshot.deployments.map((d) => d.id),
      targetId: target.id,
      targetArtifact: target.artifact,
    };
    await this.client.rollback(target.id, { deadline: context.deadline });
    const handle: RollbackHandle = { requestedAt, data };
    // Best effort, so `deployment` is known even with wait: false. The request succeeded: a failure
    // to list now must not turn it into a failed request.
    try {
      const created = await this.findCreated(handle, { deadline: context.deadline });
      if (created) handle.deploymentId = created.id;
    } catch (error) {
      this.deps.log?.debug(`Railway: could not list the new deployment yet: ${String(error)}`);
    }
    return handle;
  }

  async pollRollback(handle: RollbackHandle, context: RollbackRequestContext): Promise<RollbackProgress> {
    if (!handle.deploymentId) {
      const created = await this.findCreated(handle, { deadline: context.deadline });
      if (!created) {
        return {
          state: 'in-progress',
          status: 'requested',
          detail: 'Railway does not list the rollback deployment yet',
        };
      }
      handle.deploymentId = created.id;
      this.deps.log?.info(`Railway: the rollback created deployment ${created.id} (${created.status})`);
      return this.progress(created);
    }
    return this.pollDeployment(handle.deploymentId, context);
  }

  async pollDeployment(id: string, context: RollbackRequestContext): Promise<RollbackProgress> {
    return this.progress(await this.client.deployment(id, { deadline: context.deadline }));
  }

  /** What Railway does not roll back; shown in the summary once the rollback is accepted. */
  async afterRollbackRequested(target: Deployment): Promise<string[]> {
    return [
      `Railway restores the image and the service variables of ${target.label}; volumes, databases and other services are not rolled back.`,
      'A new push to the connected branch deploys over this rollback (auto-deploy stays on): fix forward, or turn auto-deploy off in the service settings until the fix is ready.',
    ];
  }

  private progress(node: RailwayDeployment): RollbackProgress {
    const { state, detail } = progressOf(node);
    return { state, status: node.status, deploymentId: node.id, detail };
  }

  /**
   * Every page needed for the newest `historyLimit` deployments. Railway does not say in which order
   * it lists: newest first stops once there are enough; oldest first reads on to the end (up to
   * MAX_PAGES) so the newest are not missed.
   */
  private async history(
    first: { deployments: RailwayDeployment[]; hasNextPage: boolean; endCursor?: string },
    options: RailwayRequestOptions = {},
  ): Promise<HistoryRead> {
    const nodes = [...first.deployments];
    let { hasNextPage, endCursor } = first;
    let pages = 1;
    const order = listOrder(first.deployments);
    while (
      hasNextPage &&
      endCursor &&
      pages < MAX_PAGES &&
      (order === 'oldest-first' || nodes.length < this.historyLimit)
    ) {
      const next = await this.client.deploymentsPage(this.scope, this.pageSize, endCursor, options);
      nodes.push(...next.deployments);
      ({ hasNextPage, endCursor } = next);
      pages += 1;
    }
    const newestFirst = [...new Map(nodes.map((n) => [n.id, n])).values()].sort((a, b) =>
      b.createdAt.localeCompare(a.createdAt),
    );
    if (order === 'oldest-first' && hasNextPage) {
      this.deps.log?.warning(
        `Railway lists deployments oldest first and has more than ${pages * this.pageSize}: the newest may be missing from this read`,
      );
    }
    return {
      nodes: newestFirst.slice(0, this.historyLimit),
      pages,
      truncated: newestFirst.length > this.historyLimit || hasNextPage,
      order,
    };
  }

  /** A target older than the history read: fetched by id, and only if it is this service's. */
  private async lookUpTarget(target: string): Promise<RailwayDeployment | undefined> {
    try {
      const node = await this.client.deployment(target);
      const ours =
        node.environmentId === this.options.environmentId &&
        (node.serviceId === undefined ||
          node.serviceId === null ||
          node.serviceId === this.options.serviceId);
      return ours ? node : undefined;
    } catch (error) {
      // "Deployment not found" (or no access): the flow then says the target is not among them.
      if (error instanceof ProviderError && !error.retryable) return undefined;
      throw error;
    }
  }

  /** The deployment the rollback created, once Railway lists it. */
  private async findCreated(
    handle: RollbackHandle,
    options: RailwayRequestOptions,
  ): Promise<RailwayDeployment | undefined> {
    const data = handle.data as RollbackData;
    const first = await this.client.deploymentsPage(this.scope, this.pageSize, undefined, options);
    const { nodes } = await this.history(first, options);
    const before = new Set(data.before);
    const created = nodes.filter(
      (node) => !before.has(node.id) && Date.parse(node.createdAt) >= handle.requestedAt - CLOCK_SKEW_MS,
    );
    return pickCreated(created, data);
  }
}

/**
 * Among the deployments created since the request, the rollback's: marked as a rollback and running
 * the target's artifact, else marked, else running the artifact, else the earliest created — someone
 * else's deploy in the same minutes would come after ours, so the earliest is the likelier one.
 */
function pickCreated(created: RailwayDeployment[], data: RollbackData): RailwayDeployment | undefined {
  const score = (node: RailwayDeployment) => {
    const meta = readMeta(node.meta);
    const sameArtifact = data.targetArtifact !== undefined && artifactOf(meta) === data.targetArtifact;
    return (isRollbackMeta(meta) ? 2 : 0) + (sameArtifact ? 1 : 0);
  };
  return [...created].sort((a, b) => score(b) - score(a) || a.createdAt.localeCompare(b.createdAt))[0];
}

/** The order of one page, from its first and last createdAt. */
function listOrder(nodes: RailwayDeployment[]): HistoryRead['order'] {
  const firstNode = nodes[0];
  const lastNode = nodes[nodes.length - 1];
  if (!firstNode || !lastNode || firstNode.createdAt === lastNode.createdAt) return 'unknown';
  return firstNode.createdAt > lastNode.createdAt ? 'newest-first' : 'oldest-first';
}

export interface RailwayConnection extends RailwayServiceRef {
  apiUrl: string | URL;
  token: string;
  tokenType: RailwayTokenType;
  target?: string;
}

/**
 * The Railway provider for the rollback flow, from what a user gives (the action's inputs, or the
 * guard's). `http` brings retries, Retry-After and redaction; `secrets` redacts Railway's messages.
 */
export function createRailwayProvider(
  connection: RailwayConnection,
  deps: { http: HttpClient; clock: Clock; log?: Logger; secrets?: Secrets },
): RailwayProvider {
  const client = new RailwayClient({
    http: deps.http,
    apiUrl: connection.apiUrl,
    token: connection.token,
    tokenType: connection.tokenType,
    secrets: deps.secrets,
  });
  return new RailwayProvider(
    client,
    { serviceId: connection.serviceId, environmentId: connection.environmentId, target: connection.target },
    { clock: deps.clock, log: deps.log },
  );
}
