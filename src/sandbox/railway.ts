/**
 * A simulated Railway: the GraphQL operations rollback-guard uses, served over real HTTP on
 * 127.0.0.1 and executed with the `graphql` package against an excerpt of Railway's published schema
 * (railway-schema.ts), so documents are validated and answers have exactly the schema's shapes.
 *
 * Like Railway it answers a rejected operation (bad token, unknown id) with HTTP 200 and an `errors`
 * array; accepts account tokens as `Authorization: Bearer` and project tokens as
 * `Project-Access-Token`; pages `deployments` with cursors; and answers `deploymentRollback` with a
 * bare Boolean while it creates a new deployment running the target's image, marked in `meta` as a
 * rollback, that goes BUILDING → DEPLOYING → SUCCESS (the one it replaces becomes REMOVED) — or
 * FAILED, or never goes live, as `rollbackBehaviour` says. State is read off the injected clock.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { buildSchema, graphql, type GraphQLSchema } from 'graphql';
import type { Clock } from '../core/clock.js';
import { SimulatedApi, type SandboxRequest, type SandboxResponse } from './server.js';
import type {
  ProviderSandbox,
  ProviderSandboxOptions,
  RollbackBehaviour,
  SandboxDeploymentView,
} from './types.js';
import { RAILWAY_SANDBOX_SDL } from './railway-schema.js';

export const RAILWAY_SANDBOX_PATH = '/graphql/v2';

export interface RailwaySandboxOptions extends ProviderSandboxOptions {
  /** Which kind of token `token` is (default account). */
  tokenType?: 'account' | 'project';
  /** The order `deployments` lists in (Railway does not say; newest first is what it appears to do). */
  order?: 'newest-first' | 'oldest-first';
  /** Whether deployments carry `meta.reason` ('deploy', 'rollback'); false simulates a Railway that does not say. */
  markRollbacks?: boolean;
  /** How long a removed deployment's image is kept (default 72 h, Railway's Hobby plan). */
  imageRetentionMs?: number;
  /** The largest page `deployments` serves (Railway's limit is not documented). */
  maxPageSize?: number;
  serviceName?: string;
}

/** One simulated deployment. Its status at any time follows from these instants. */
interface SimDeployment {
  id: string;
  createdAt: number;
  artifact: string;
  commit: string;
  kind: 'deploy' | 'rollback';
  /** The deployment a rollback restored. */
  restores?: string;
  /** When it finishes deploying (goes live, or fails); Infinity when it never does. */
  readyAt: number;
  outcome: 'live' | 'fail';
  liveAt?: number;
  failedAt?: number;
  removedAt?: number;
  skippedAt?: number;
}

const HOUR = 3_600_000;

let schema: GraphQLSchema | undefined;
function sandboxSchema(): GraphQLSchema {
  schema ??= buildSchema(RAILWAY_SANDBOX_SDL);
  return schema;
}

/** A GraphQL error the resolvers throw; it becomes an entry of `errors` in a 200 answer. */
class RailwayApiError extends Error {}

export class RailwaySandbox extends SimulatedApi implements ProviderSandbox {
  readonly provider = 'railway' as const;
  readonly token: string;
  readonly tokenType: 'account' | 'project';
  readonly projectId = randomUUID();
  readonly environmentId = randomUUID();
  readonly serviceId = randomUUID();
  readonly serviceName: string;
  rollbackBehaviour: RollbackBehaviour;

  private readonly clock: Clock;
  private readonly buildDelayMs: number;
  private readonly order: 'newest-first' | 'oldest-first';
  private readonly markRollbacks: boolean;
  private readonly imageRetentionMs: number;
  private readonly maxPageSize: number;
  private readonly deployments: SimDeployment[] = [];
  private readonly createdInstance: number;
  private rollbacksCarriedOut = 0;

  constructor(options: RailwaySandboxOptions) {
    super();
    this.clock = options.clock;
    this.buildDelayMs = options.buildDelayMs ?? 3000;
    this.token = options.token ?? `railway-sandbox-${randomBytes(12).toString('hex')}`;
    this.tokenType = options.tokenType ?? 'account';
    this.order = options.order ?? 'newest-first';
    this.markRollbacks = options.markRollbacks ?? true;
    this.imageRetentionMs = options.imageRetentionMs ?? 72 * HOUR;
    this.maxPageSize = options.maxPageSize ?? 100;
    this.serviceName = options.serviceName ?? 'web';
    this.rollbackBehaviour = options.rollbackBehaviour ?? 'live';

    // The history: each deployment was live until the next one replaced it, an hour apart.
    const history = options.history ?? [{ artifact: 'good-1' }];
    const now = this.clock.now();
    this.createdInstance = now - (history.length + 1) * HOUR;
    history.forEach((spec, index) => {
      const createdAt = now - (history.length - index) * HOUR;
      const previous = this.deployments[this.deployments.length - 1];
      if (previous) previous.removedAt = createdAt;
      this.deployments.push({
        id: randomUUID(),
        createdAt,
        artifact: spec.artifact,
        commit: spec.commit ?? commitOf(spec.artifact),
        kind: 'deploy',
        readyAt: createdAt,
        outcome: 'live',
        liveAt: createdAt,
      });
    });
  }

  /** The GraphQL endpoint: the `api-url` input. */
  get apiUrl(): string {
    return `${this.server.url}${RAILWAY_SANDBOX_PATH}`;
  }

  actionInputs(): Record<string, string> {
    return {
      token: this.token,
      'token-type': this.tokenType,
      'service-id': this.serviceId,
      'environment-id': this.environmentId,
      'api-url': this.apiUrl,
    };
  }

  guardInputs(): Record<string, string> {
    return {
      provider: 'railway',
      token: this.token,
      ...(this.tokenType === 'project' ? { 'token-type': 'project' } : {}),
      service: this.serviceId,
      environment: this.environmentId,
      'api-url': this.apiUrl,
    };
  }

  deploy(spec: { artifact: string; commit?: string }): string {
    return this.create({
      artifact: spec.artifact,
      commit: spec.commit ?? commitOf(spec.artifact),
      kind: 'deploy',
      outcome: 'live',
    }).id;
  }

  /** A rollback as another run (or a person in the dashboard) would start it. Returns the new id. */
  startRollback(targetId: string): string {
    const target = this.find(targetId);
    if (!target) throw new Error(`no deployment ${targetId}`);
    return this.rollBackTo(target).id;
  }

  liveArtifact(): string | undefined {
    return this.live()?.artifact;
  }

  list(): SandboxDeploymentView[] {
    this.settle();
    const now = this.clock.now();
    return this.newestFirst().map((d) => ({
      id: d.id,
      state: viewState(this.status(d, now)),
      status: this.status(d, now),
      artifact: d.artifact,
      createdAt: new Date(d.createdAt).toISOString(),
      rollback: d.kind === 'rollback',
    }));
  }

  rollbackRequests(): number {
    return this.rollbacksCarriedOut;
  }

  /** GraphQL mutations (the queries change nothing). */
  isMutating(request: SandboxRequest): boolean {
    const query = (request.json as { query?: unknown } | undefined)?.query;
    return typeof query === 'string' && /^\s*mutation\b/.test(query);
  }

  /** Railway refuses an operation with HTTP 200 and an `errors` array. */
  errorAnswer(message: string): SandboxResponse {
    return { status: 200, body: { data: null, errors: [{ message }] } };
  }

  // --- the simulated API --------------------------------------------------------------------

  protected async handle(request: SandboxRequest): Promise<SandboxResponse> {
    if (request.path !== RAILWAY_SANDBOX_PATH) return { status: 404, body: 'Not Found' };
    if (request.method !== 'POST') return { status: 405, body: 'Method Not Allowed' };
    const body = request.json as
      { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
    if (!body || typeof body.query !== 'string') {
      return { status: 400, body: { errors: [{ message: 'Must provide query string.' }] } };
    }
    if (!this.authorised(request)) {
      return {
        status: 200,
        body: { data: null, errors: [{ message: 'Not Authorized', extensions: { code: 'UNAUTHORIZED' } }] },
      };
    }
    this.settle();
    const result = await graphql({
      schema: sandboxSchema(),
      source: body.query,
      variableValues: (body.variables ?? undefined) as Record<string, unknown> | undefined,
      operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
      rootValue: this.resolvers(),
    });
    // A document that does not parse or validate is refused as a whole, as GraphQL servers do.
    const refused = result.errors !== undefined && !('data' in result);
    return {
      status: refused ? 400 : 200,
      body: JSON.parse(JSON.stringify(result)) as unknown,
    };
  }

  private authorised(request: SandboxRequest): boolean {
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    if (this.tokenType === 'project') return header('project-access-token') === this.token;
    const bearer = /^Bearer\s+(.+)$/i.exec(header('authorization') ?? '')?.[1];
    return bearer === this.token;
  }

  private resolvers(): Record<string, (args: Record<string, unknown>) => unknown> {
    const now = this.clock.now();
    return {
      deployments: (args) => this.deploymentsConnection(args, now),
      deployment: (args) => {
        const found = this.find(String(args.id));
        if (!found) throw new RailwayApiError('Deployment not found');
        return this.node(found, now);
      },
      serviceInstance: (args) => {
        if (args.environmentId !== this.environmentId || args.serviceId !== this.serviceId) {
          if (this.tokenType === 'project') throw new RailwayApiError('Not Authorized');
          throw new RailwayApiError('ServiceInstance not found');
        }
        const live = this.live();
        const latest = this.newestFirst()[0];
        return {
          id: `${this.serviceId}:${this.environmentId}`,
          serviceId: this.serviceId,
          serviceName: this.serviceName,
          environmentId: this.environmentId,
          createdAt: iso(this.createdInstance),
          updatedAt: iso(latest?.createdAt ?? this.createdInstance),
          activeDeployments: live ? [this.node(live, now)] : [],
          latestDeployment: latest ? this.node(latest, now) : null,
        };
      },
      deploymentRollback: (args) => {
        const target = this.find(String(args.id));
        if (!target) throw new RailwayApiError('Deployment not found');
        if (!this.canRollback(target, now)) return false;
        this.rollBackTo(target);
        return true;
      },
    };
  }

  private deploymentsConnection(args: Record<string, unknown>, now: number): unknown {
    const input = (args.input ?? {}) as {
      projectId?: string | null;
      environmentId?: string | null;
      serviceId?: string | null;
      status?: { in?: string[] | null; notIn?: string[] | null } | null;
    };
    if (this.tokenType === 'project' && input.environmentId && input.environmentId !== this.environmentId) {
      throw new RailwayApiError('Not Authorized');
    }
    const inScope =
      (!input.projectId || input.projectId === this.projectId) &&
      (!input.environmentId || input.environmentId === this.environmentId) &&
      (!input.serviceId || input.serviceId === this.serviceId);
    const ordered = this.order === 'newest-first' ? this.newestFirst() : this.newestFirst().reverse();
    const matching = (inScope ? ordered : []).filter((d) => {
      const status = this.status(d, now);
      return (
        (!input.status?.in || input.status.in.includes(status)) &&
        (!input.status?.notIn || !input.status.notIn.includes(status))
      );
    });
    let start = 0;
    if (typeof args.after === 'string') {
      const index = matching.findIndex((d) => cursorOf(d) === args.after);
      if (index < 0) throw new RailwayApiError('Invalid cursor');
      start = index + 1;
    }
    const size = Math.max(
      0,
      Math.min(typeof args.first === 'number' ? args.first : this.maxPageSize, this.maxPageSize),
    );
    const slice = matching.slice(start, start + size);
    return {
      edges: slice.map((d) => ({ cursor: cursorOf(d), node: this.node(d, now) })),
      pageInfo: {
        hasNextPage: start + slice.length < matching.length,
        hasPreviousPage: start > 0,
        startCursor: slice[0] ? cursorOf(slice[0]) : null,
        endCursor: slice.length ? cursorOf(slice[slice.length - 1] as SimDeployment) : null,
      },
    };
  }

  /** A deployment as Railway's `Deployment` type answers it. */
  private node(d: SimDeployment, now: number): Record<string, unknown> {
    const status = this.status(d, now);
    const meta: Record<string, unknown> = {
      branch: 'main',
      repo: 'acme/demo',
      commitHash: d.commit,
      commitMessage: `Deploy ${d.artifact}`,
    };
    if (this.markRollbacks) meta.reason = d.kind;
    return {
      id: d.id,
      status,
      createdAt: iso(d.createdAt),
      updatedAt: iso(this.statusChangedAt(d, now)),
      statusUpdatedAt: iso(this.statusChangedAt(d, now)),
      canRollback: this.canRollback(d, now),
      canRedeploy: d.liveAt !== undefined || d.failedAt !== undefined,
      deploymentStopped: d.removedAt !== undefined || d.failedAt !== undefined || d.skippedAt !== undefined,
      meta,
      projectId: this.projectId,
      serviceId: this.serviceId,
      environmentId: this.environmentId,
      snapshotId: null,
      staticUrl: `${this.serviceName}-${d.id.slice(0, 8)}.up.railway.app`,
      url: null,
    };
  }

  // --- state over time ------------------------------------------------------------------------

  private create(
    spec: Pick<SimDeployment, 'artifact' | 'commit' | 'kind' | 'restores'> & { outcome: RollbackBehaviour },
  ): SimDeployment {
    this.settle();
    const createdAt = this.clock.now();
    const deployment: SimDeployment = {
      id: randomUUID(),
      createdAt,
      artifact: spec.artifact,
      commit: spec.commit,
      kind: spec.kind,
      restores: spec.restores,
      readyAt: spec.outcome === 'never-live' ? Infinity : createdAt + this.buildDelayMs,
      outcome: spec.outcome === 'fail' ? 'fail' : 'live',
    };
    this.deployments.push(deployment);
    this.settle();
    return deployment;
  }

  private rollBackTo(target: SimDeployment): SimDeployment {
    this.rollbacksCarriedOut += 1;
    return this.create({
      artifact: target.artifact,
      commit: target.commit,
      kind: 'rollback',
      restores: target.id,
      outcome: this.rollbackBehaviour,
    });
  }

  /**
   * Applies every transition due by now, in time order: a deployment that goes live replaces the one
   * live before (REMOVED) and skips older ones still in progress (SKIPPED).
   */
  private settle(): void {
    const now = this.clock.now();
    const due = this.deployments
      .filter(
        (d) =>
          d.readyAt <= now && d.liveAt === undefined && d.failedAt === undefined && d.skippedAt === undefined,
      )
      .sort((a, b) => a.readyAt - b.readyAt || a.createdAt - b.createdAt);
    for (const d of due) {
      if (d.skippedAt !== undefined) continue;
      if (d.outcome === 'fail') {
        d.failedAt = d.readyAt;
        continue;
      }
      for (const other of this.deployments) {
        if (other === d) continue;
        if (other.liveAt !== undefined && other.removedAt === undefined) other.removedAt = d.readyAt;
        else if (
          other.createdAt < d.createdAt &&
          other.liveAt === undefined &&
          other.failedAt === undefined &&
          other.skippedAt === undefined
        )
          other.skippedAt = d.readyAt;
      }
      d.liveAt = d.readyAt;
    }
  }

  private status(d: SimDeployment, now: number): string {
    if (d.skippedAt !== undefined && d.skippedAt <= now) return 'SKIPPED';
    if (d.removedAt !== undefined && d.removedAt <= now) return 'REMOVED';
    if (d.liveAt !== undefined) return 'SUCCESS';
    if (d.failedAt !== undefined) return 'FAILED';
    return now - d.createdAt < this.buildDelayMs / 2 ? 'BUILDING' : 'DEPLOYING';
  }

  private statusChangedAt(d: SimDeployment, now: number): number {
    const instants = [d.skippedAt, d.removedAt, d.liveAt, d.failedAt].filter(
      (t): t is number => t !== undefined && t <= now,
    );
    if (instants.length) return Math.max(...instants);
    const deploying = d.createdAt + this.buildDelayMs / 2;
    return now >= deploying ? deploying : d.createdAt;
  }

  /** Was live, is not the one live now, and its image is still kept. */
  private canRollback(d: SimDeployment, now: number): boolean {
    if (d.liveAt === undefined || d.removedAt === undefined) return false;
    return now - d.removedAt < this.imageRetentionMs;
  }

  private live(): SimDeployment | undefined {
    this.settle();
    return this.deployments.find((d) => d.liveAt !== undefined && d.removedAt === undefined);
  }

  private find(id: string): SimDeployment | undefined {
    return this.deployments.find((d) => d.id === id);
  }

  private newestFirst(): SimDeployment[] {
    return [...this.deployments].sort(
      (a, b) => b.createdAt - a.createdAt || this.deployments.indexOf(b) - this.deployments.indexOf(a),
    );
  }
}

function viewState(status: string): string {
  switch (status) {
    case 'SUCCESS':
      return 'live';
    case 'REMOVED':
      return 'superseded';
    case 'FAILED':
      return 'failed';
    case 'SKIPPED':
      return 'canceled';
    default:
      return 'in-progress';
  }
}

/** An opaque cursor, as Relay servers give. */
function cursorOf(d: SimDeployment): string {
  return Buffer.from(`deployment:${d.id}`).toString('base64url');
}

/** A stable 40-hex commit for an artifact name. */
function commitOf(artifact: string): string {
  return createHash('sha1').update(artifact).digest('hex');
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
