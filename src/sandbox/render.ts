/**
 * A simulated Render REST API for the operations rollback-render uses, with Render's shapes (checked
 * against contracts/render-openapi.json by the contract tests): the service (GET, PATCH of
 * `autoDeploy`), its deploys with cursor pagination, one deploy, `POST .../rollback` and
 * `POST .../deploys`. Bearer auth with Render's 401, 404s for unknown services and deploys, 400s
 * for bad bodies and parameters, and the per-service limit on deploy-type writes (429 with
 * `Ratelimit-*` headers and no Retry-After, as Render documents it).
 *
 * State changes over the injected clock: a deploy is build_in_progress, then update_in_progress,
 * then live `buildDelayMs` after it started, and the deploy it replaces becomes deactivated. A
 * rollback skips the build (update_in_progress → live), or ends update_failed / never goes live per
 * `rollbackBehaviour`. Nothing happens on a timer: state is brought up to the clock on each access.
 *
 * Where Render's behaviour is not documented the simulation picks something plausible and says so:
 * the wording of its 400s, and a rollback to a deploy whose build is no longer retained being a 400.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import { bearerToken, SimulatedApi, type SandboxRequest, type SandboxResponse } from './server.js';
import type {
  ProviderSandbox,
  ProviderSandboxOptions,
  RollbackBehaviour,
  SandboxDeploymentView,
} from './types.js';

export interface RenderSandboxOptions extends ProviderSandboxOptions {
  /** Default 'srv-sandbox0001'. */
  serviceId?: string;
  /** A Git-backed service (each deploy has a commit) or an image-backed one (an image ref and digest). */
  source?: 'git' | 'image';
  /** Auto-deploy on at the start (default true for Git-backed services; image-backed ones have none). */
  autoDeploy?: boolean;
  /** The service has a persistent disk. */
  disk?: boolean;
  /** How many recent builds Render keeps for rollbacks: Free 2, Hobby 5, Pro 15, Scale 30 (default). */
  retainedBuilds?: number;
  /** Deploy-type writes (rollbacks, deploys, service updates) allowed per minute (default 10). */
  deployWritesPerMinute?: number;
}

type Outcome = 'live' | 'fail' | 'never-live';

interface SimDeploy {
  id: string;
  artifact: string;
  commit: { id: string; message: string; createdAt: number };
  image?: { ref: string; sha: string };
  trigger: 'new_commit' | 'manual' | 'api' | 'rollback';
  status: string;
  createdAt: number;
  updatedAt: number;
  finishedAt?: number;
  /** When the deploy ends (live or failed), unless it never does. */
  endsAt: number;
  outcome: Outcome;
  /** Produced a build artifact (rollbacks reuse their target's). */
  builds: boolean;
}

const DAY = 86_400_000;
const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');
const iso = (ms: number): string => new Date(ms).toISOString();
const error = (
  status: number,
  id: string,
  message: string,
  headers?: Record<string, string>,
): SandboxResponse => ({
  status,
  body: { id, message },
  headers,
});

export class RenderSandbox extends SimulatedApi implements ProviderSandbox {
  readonly provider = 'render' as const;
  readonly serviceId: string;
  readonly token: string;
  rollbackBehaviour: RollbackBehaviour;
  /** The service's auto-deploy setting ('yes' | 'no'), as a PATCH leaves it. */
  autoDeploy: 'yes' | 'no';
  /** Every request the simulated API answered (faults excluded), with its answer: for contract tests. */
  readonly exchanges: { request: SandboxRequest; response: SandboxResponse }[] = [];

  private readonly clock: Clock;
  private readonly buildDelayMs: number;
  private readonly source: 'git' | 'image';
  private readonly deploys: SimDeploy[] = [];
  private readonly deployWrites: number[] = [];
  private rollbacksReceived = 0;
  private counter = 0;
  private lastCreatedAt = 0;
  private readonly createdAt: number;

  constructor(private readonly options: RenderSandboxOptions) {
    super();
    this.clock = options.clock;
    this.buildDelayMs = options.buildDelayMs ?? 3_000;
    this.token = options.token ?? 'rnd_sandbox_key';
    this.serviceId = options.serviceId ?? 'srv-sandbox0001';
    this.source = options.source ?? 'git';
    this.rollbackBehaviour = options.rollbackBehaviour ?? 'live';
    this.autoDeploy = (options.autoDeploy ?? this.source === 'git') ? 'yes' : 'no';
    // The history happened before now: one deploy every 10 minutes, the last one live.
    const history = options.history ?? [{ artifact: 'v1' }];
    const now = this.clock.now();
    this.createdAt = now - 30 * DAY;
    history.forEach((spec, index) => {
      const started = now - (history.length - index) * 600_000;
      const deploy = this.create(
        spec,
        this.source === 'git' ? 'new_commit' : 'manual',
        started,
        'live',
        60_000,
      );
      deploy.status = 'deactivated';
      deploy.finishedAt = deploy.endsAt;
    });
    const last = this.deploys.at(-1);
    if (last) last.status = 'live';
  }

  /** The base URL the Render API has at https://api.render.com/v1. */
  get apiUrl(): string {
    return `${this.server.url}/v1`;
  }

  actionInputs(): Record<string, string> {
    return { 'api-key': this.token, 'service-id': this.serviceId, 'api-url': this.apiUrl };
  }

  guardInputs(): Record<string, string> {
    return { provider: 'render', token: this.token, service: this.serviceId, 'api-url': this.apiUrl };
  }

  /** A deploy as a push creates it; `outcome` lets tests have one fail or hang. Returns its id. */
  deploy(spec: { artifact: string; commit?: string; outcome?: Outcome }): string {
    this.advance();
    return this.create(
      spec,
      this.source === 'git' ? 'new_commit' : 'manual',
      this.clock.now(),
      spec.outcome ?? 'live',
    ).id;
  }

  liveArtifact(): string | undefined {
    this.advance();
    return this.deploys.find((d) => d.status === 'live')?.artifact;
  }

  list(): SandboxDeploymentView[] {
    this.advance();
    return this.newestFirst().map((d) => ({
      id: d.id,
      state: viewState(d.status),
      status: d.status,
      artifact: d.artifact,
      createdAt: iso(d.createdAt),
      rollback: d.trigger === 'rollback',
    }));
  }

  /** Rollback requests that reached the API and were not refused with 429 (injected faults excluded). */
  rollbackRequests(): number {
    return this.rollbacksReceived;
  }

  /** POST and PATCH requests the simulated API carried out or refused (faults excluded). */
  mutatingRequests(): SandboxRequest[] {
    return this.exchanges.map((e) => e.request).filter((r) => this.isMutating(r));
  }

  isMutating(request: SandboxRequest): boolean {
    return request.method !== 'GET';
  }

  /** Render's error body, `{id, message}`. */
  errorAnswer(message: string): SandboxResponse {
    return error(500, 'internal', message);
  }

  // ---- state ----

  private create(
    spec: { artifact: string; commit?: string },
    trigger: SimDeploy['trigger'],
    at: number,
    outcome: Outcome,
    delay = this.buildDelayMs,
  ): SimDeploy {
    // Strictly increasing times, as Render's microsecond timestamps are: the order never ties.
    const createdAt = Math.max(at, this.lastCreatedAt + 1);
    this.lastCreatedAt = createdAt;
    this.counter += 1;
    const commitId = spec.commit ?? sha1(`commit ${spec.artifact}`);
    const deploy: SimDeploy = {
      id: `dep-sbx${String(this.counter).padStart(4, '0')}`,
      artifact: spec.artifact,
      commit: { id: commitId, message: `Release ${spec.artifact}`, createdAt: createdAt - 60_000 },
      image:
        this.source === 'image'
          ? {
              ref: `ghcr.io/example/app:${spec.artifact}`,
              sha: `sha256:${sha1(spec.artifact)}${sha1(spec.artifact).slice(0, 24)}`,
            }
          : undefined,
      trigger,
      status: trigger === 'rollback' ? 'update_in_progress' : 'build_in_progress',
      createdAt,
      updatedAt: createdAt,
      endsAt: createdAt + delay,
      outcome,
      builds: trigger !== 'rollback',
    };
    this.deploys.push(deploy);
    return deploy;
  }

  private newestFirst(): SimDeploy[] {
    return [...this.deploys].sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Brings every deploy up to the clock, in the order things happened. */
  private advance(): void {
    const now = this.clock.now();
    const running = this.deploys
      .filter((d) => d.status.endsWith('_in_progress') || d.status === 'created' || d.status === 'queued')
      .sort((a, b) => a.endsAt - b.endsAt);
    for (const deploy of running) {
      if (deploy.outcome === 'never-live' || deploy.endsAt > now) {
        // Halfway through, a build turns into the update (the new instance starting).
        if (
          deploy.trigger !== 'rollback' &&
          now >= deploy.createdAt + (deploy.endsAt - deploy.createdAt) / 2
        ) {
          if (deploy.status !== 'update_in_progress') deploy.updatedAt = now;
          deploy.status = 'update_in_progress';
        }
        continue;
      }
      deploy.updatedAt = deploy.endsAt;
      deploy.finishedAt = deploy.endsAt;
      if (deploy.outcome === 'fail') {
        deploy.status = 'update_failed';
        continue;
      }
      for (const other of this.deploys) {
        if (other.status === 'live') {
          other.status = 'deactivated';
          other.updatedAt = deploy.endsAt;
        }
      }
      deploy.status = 'live';
    }
  }

  /** Builds made after this deploy's (rollbacks make none). */
  private newerBuilds(deploy: SimDeploy): number {
    return this.deploys.filter(
      (d) => d.builds && d.createdAt > deploy.createdAt && d.status !== 'build_failed',
    ).length;
  }

  // ---- HTTP ----

  protected handle(request: SandboxRequest): SandboxResponse {
    const response = this.answer(request);
    this.exchanges.push({ request, response });
    return response;
  }

  private answer(request: SandboxRequest): SandboxResponse {
    if (bearerToken(request) !== this.token) return error(401, 'unauthorized', 'unauthorized');
    const match = /^\/v1\/services\/([^/]+)(\/.*)?$/.exec(request.path);
    if (!match) return error(404, 'not-found', 'not found');
    const [, serviceId, rest = ''] = match;
    if (decodeURIComponent(serviceId as string) !== this.serviceId)
      return error(404, 'not-found', 'service not found');
    this.advance();

    const route = `${request.method} ${rest.replace(/^\/deploys\/[^/]+$/, '/deploys/:id')}`;
    switch (route) {
      case 'GET ':
        return { status: 200, body: this.serviceBody() };
      case 'PATCH ':
        return this.updateService(request);
      case 'GET /deploys':
        return this.listDeploys(request);
      case 'POST /deploys':
        return this.triggerDeploy(request);
      case 'GET /deploys/:id': {
        const id = decodeURIComponent(rest.slice('/deploys/'.length));
        const deploy = this.deploys.find((d) => d.id === id);
        return deploy
          ? { status: 200, body: this.deployBody(deploy) }
          : error(404, 'not-found', 'deploy not found');
      }
      case 'POST /rollback':
        return this.rollback(request);
      default:
        return error(404, 'not-found', 'not found');
    }
  }

  private listDeploys(request: SandboxRequest): SandboxResponse {
    const limitText = request.query.get('limit') ?? '20';
    const limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > 100)
      return error(400, 'bad-request', 'limit must be an integer between 1 and 100');
    let list = this.newestFirst();
    const cursor = request.query.get('cursor');
    if (cursor !== null) {
      const index = list.findIndex((d) => cursorOf(d) === cursor);
      if (index < 0) return error(400, 'bad-request', 'invalid cursor');
      list = list.slice(index + 1);
    }
    return {
      status: 200,
      body: list.slice(0, limit).map((d) => ({ cursor: cursorOf(d), deploy: this.deployBody(d) })),
    };
  }

  private rollback(request: SandboxRequest): SandboxResponse {
    const response = this.rollbackAnswer(request);
    // A 429 refuses the request before anything happens; everything else was a rollback request.
    if (response.status !== 429) this.rollbacksReceived += 1;
    return response;
  }

  private rollbackAnswer(request: SandboxRequest): SandboxResponse {
    const deployId = (request.json as { deployId?: unknown } | undefined)?.deployId;
    if (typeof deployId !== 'string' || deployId === '')
      return error(400, 'bad-request', 'deployId is required');
    const target = this.deploys.find((d) => d.id === deployId);
    if (!target) return error(404, 'not-found', 'deploy not found');
    if (target.finishedAt === undefined || !['live', 'deactivated'].includes(target.status))
      return error(400, 'bad-request', `deploy ${deployId} did not succeed and cannot be rolled back to`);
    const retained = this.options.retainedBuilds ?? 30;
    // The build itself is one of the retained ones: N newer builds leave it out.
    if (target.builds ? this.newerBuilds(target) >= retained : false)
      return error(400, 'bad-request', `the build of deploy ${deployId} is no longer available for rollback`);
    const limited = this.deployWriteLimit();
    if (limited) return limited;
    const deploy = this.create(
      { artifact: target.artifact, commit: target.commit.id },
      'rollback',
      this.clock.now(),
      this.rollbackBehaviour,
    );
    this.advance();
    return { status: 201, body: this.deployBody(deploy) };
  }

  private triggerDeploy(request: SandboxRequest): SandboxResponse {
    const body = (request.json ?? {}) as { commitId?: unknown; imageUrl?: unknown };
    if (typeof body !== 'object' || Array.isArray(body)) return error(400, 'bad-request', 'invalid body');
    const limited = this.deployWriteLimit();
    if (limited) return limited;
    const artifact =
      typeof body.commitId === 'string' ? body.commitId.slice(0, 7) : `deploy-${this.counter + 1}`;
    const deploy = this.create(
      { artifact, commit: typeof body.commitId === 'string' ? body.commitId : undefined },
      'api',
      this.clock.now(),
      'live',
    );
    this.advance();
    return { status: 201, body: this.deployBody(deploy) };
  }

  private updateService(request: SandboxRequest): SandboxResponse {
    const body = request.json as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body))
      return error(400, 'bad-request', 'the body must be a JSON object');
    if ('autoDeploy' in body && body.autoDeploy !== 'yes' && body.autoDeploy !== 'no')
      return error(400, 'bad-request', 'autoDeploy must be "yes" or "no"');
    const limited = this.deployWriteLimit();
    if (limited) return limited;
    if (body.autoDeploy === 'yes' || body.autoDeploy === 'no') this.autoDeploy = body.autoDeploy;
    return { status: 200, body: this.serviceBody() };
  }

  /** Render: about 10 deploy-type writes a minute per service, then 429 with Ratelimit-* headers. */
  private deployWriteLimit(): SandboxResponse | undefined {
    const now = this.clock.now();
    const perMinute = this.options.deployWritesPerMinute ?? 10;
    while (this.deployWrites.length && (this.deployWrites[0] as number) <= now - 60_000)
      this.deployWrites.shift();
    if (this.deployWrites.length >= perMinute) {
      const resetSeconds = Math.max(1, Math.ceil(((this.deployWrites[0] as number) + 60_000 - now) / 1000));
      return error(429, 'rate-limited', 'rate limit exceeded', {
        'ratelimit-limit': String(perMinute),
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(resetSeconds),
      });
    }
    this.deployWrites.push(now);
    return undefined;
  }

  private deployBody(deploy: SimDeploy): Record<string, unknown> {
    return {
      id: deploy.id,
      commit: {
        id: deploy.commit.id,
        message: deploy.commit.message,
        createdAt: iso(deploy.commit.createdAt),
      },
      ...(deploy.image ? { image: deploy.image } : {}),
      status: deploy.status,
      trigger: deploy.trigger,
      startedAt: iso(deploy.createdAt),
      ...(deploy.finishedAt !== undefined ? { finishedAt: iso(deploy.finishedAt) } : {}),
      createdAt: iso(deploy.createdAt),
      updatedAt: iso(deploy.updatedAt),
    };
  }

  private serviceBody(): Record<string, unknown> {
    const git = this.source === 'git';
    return {
      id: this.serviceId,
      name: 'sandbox-app',
      ownerId: 'tea-sandbox0001',
      type: 'web_service',
      autoDeploy: this.autoDeploy,
      ...(git
        ? { repo: 'https://github.com/example/sandbox-app', branch: 'main' }
        : { imagePath: 'ghcr.io/example/app' }),
      createdAt: iso(this.createdAt),
      updatedAt: iso(this.clock.now()),
      dashboardUrl: `https://dashboard.render.com/web/${this.serviceId}`,
      suspended: 'not_suspended',
      suspenders: [],
      notifyOnFail: 'default',
      slug: 'sandbox-app',
      rootDir: '',
      serviceDetails: {
        env: git ? 'node' : 'image',
        runtime: git ? 'node' : 'image',
        envSpecificDetails: git
          ? { buildCommand: 'npm ci', startCommand: 'npm start' }
          : { dockerCommand: '', dockerContext: '.', dockerfilePath: './Dockerfile' },
        plan: 'starter',
        region: 'oregon',
        numInstances: 1,
        buildPlan: 'starter',
        healthCheckPath: '/health',
        openPorts: [{ port: 10000, protocol: 'TCP' }],
        url: 'https://sandbox-app.onrender.com',
        ...(this.options.disk
          ? { disk: { id: 'dsk-sandbox0000000000001', name: 'data', sizeGB: 1, mountPath: '/var/data' } }
          : {}),
      },
    };
  }
}

/** Cursors are opaque to clients; here, the deploy id in base64url. */
function cursorOf(deploy: SimDeploy): string {
  return Buffer.from(deploy.id).toString('base64url');
}

function viewState(status: string): string {
  if (status === 'live') return 'live';
  if (status === 'deactivated') return 'superseded';
  if (status === 'canceled') return 'canceled';
  if (status.endsWith('_failed')) return 'failed';
  return 'in-progress';
}

/** A simulated Render service with these options, not yet started. */
export function renderSandbox(options: RenderSandboxOptions): RenderSandbox {
  return new RenderSandbox(options);
}
