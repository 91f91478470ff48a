/**
 * A simulated Fly.io: the GraphQL API's releases and the Machines API's machines and leases, on one
 * local HTTP server (`/graphql` and `/v1/...`), with state that changes over time and the faults
 * real APIs produce (see SandboxServer.inject).
 *
 * - Releases: `app(name) { releasesUnprocessed(first, after) }`, parsed and executed by the `graphql`
 *   package over a subset of Fly's SDL (the contract tests check the subset against the published
 *   SDL), newest first, cursor paginated.
 * - Machines: list, get, update (the whole config, answered with a new `instance_id`), leases with
 *   nonces and expiry (a leased machine refuses writes without the nonce: HTTP 409, Fly's words),
 *   `/wait` for a version to reach a state (a long poll of at most 60 s, 408 when it does not), and
 *   health checks that pass or fail.
 * - Time: every change is scheduled on the Clock and applied when it is read, so a ManualClock shared
 *   with the client drives everything without real waiting; a long poll waits on the same clock.
 * - `deploy()` creates a release (`running`) and moves every machine to its image after the build
 *   delay (then `complete`). Updates through the API are rollbacks; they end as `rollbackBehaviour`
 *   says: 'live' (started, checks passing), 'fail' (started, checks critical, and — with
 *   `failureMode: 'crash'`, the default — the machine stops a moment later), 'never-live' (never
 *   leaves `starting`).
 * - `liveArtifact()` is the image the started machines run, or undefined when they disagree (a
 *   half-done rolling update): the demo app treats undefined as broken, which is what users of a
 *   half-rolled app see often enough.
 */
import { randomBytes } from 'node:crypto';
import { buildSchema, graphql, type GraphQLSchema } from 'graphql';
import { realSleep, type Sleep } from '../core/clock.js';
import { bearerToken, SimulatedApi, type SandboxRequest, type SandboxResponse } from './server.js';
import type {
  ProviderSandbox,
  ProviderSandboxOptions,
  RollbackBehaviour,
  SandboxDeploymentView,
} from './types.js';

/** The part of Fly's GraphQL SDL the sandbox serves (checked against the real SDL in the tests). */
export const FLY_SANDBOX_SDL = `
schema {
  query: Queries
}

scalar ISO8601DateTime

type Queries {
  app(name: String): App
}

type App {
  id: ID!
  name: String!
  releasesUnprocessed(after: String, before: String, first: Int, last: Int, status: String): ReleaseUnprocessedConnection!
}

type ReleaseUnprocessedConnection {
  edges: [ReleaseUnprocessedEdge]
  nodes: [ReleaseUnprocessed]
  pageInfo: PageInfo!
  totalCount: Int!
}

type ReleaseUnprocessedEdge {
  cursor: String!
  node: ReleaseUnprocessed
}

type PageInfo {
  endCursor: String
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
}

type ReleaseUnprocessed {
  createdAt: ISO8601DateTime!
  description: String!
  id: ID!
  imageRef: String
  inProgress: Boolean!
  reason: String!
  revertedTo: Int
  stable: Boolean!
  status: String!
  updatedAt: ISO8601DateTime!
  version: Int!
}
`;

export interface FlySandboxOptions extends ProviderSandboxOptions {
  /** The app name (default 'demo'). */
  app?: string;
  /** Started machines (default 2). */
  machines?: number;
  /** Stopped (auto-stopped) machines as well (default 0). */
  stoppedMachines?: number;
  /** How a machine fails under rollbackBehaviour 'fail' (default 'crash'). */
  failureMode?: 'crash' | 'unhealthy';
  /** What a long poll waits with; default: the clock's own sleep (ManualClock) or a real one. */
  sleep?: Sleep;
}

type ReleaseStatus = 'running' | 'complete' | 'failed' | 'interrupted';

interface SimRelease {
  id: string;
  version: number;
  status: ReleaseStatus;
  stable: boolean;
  imageRef: string;
  createdAt: number;
  updatedAt: number;
  description: string;
  reason: string;
}

interface SimLease {
  nonce: string;
  owner: string;
  description: string;
  expiresAt: number;
}

interface SimMachine {
  id: string;
  name: string;
  region: string;
  state: string;
  instanceId: string;
  config: Record<string, unknown> & { image: string; metadata: Record<string, string> };
  checks: 'passing' | 'critical' | 'none';
  createdAt: number;
  updatedAt: number;
  lease?: SimLease;
}

interface Scheduled {
  at: number;
  apply: () => void;
}

export interface FlyMachineSummary {
  id: string;
  state: string;
  image: string;
  instanceId: string;
  release?: number;
  checks: string;
  leasedBy?: string;
}

const GRAPHQL_PATH = '/graphql';
const MACHINES_PREFIX = '/v1/apps/';
const REGIONS = ['ams', 'iad', 'syd', 'nrt'];
const SANDBOX_OWNER = 'sandbox-user@tokens.fly.io';
const WAIT_STATES = new Set(['started', 'stopped', 'suspended', 'destroyed', 'failed', 'settled']);

export class FlySandbox extends SimulatedApi implements ProviderSandbox {
  readonly provider = 'fly' as const;
  readonly app: string;
  readonly token: string;
  rollbackBehaviour: RollbackBehaviour;
  private readonly clock: FlySandboxOptions['clock'];
  private readonly sleep: Sleep;
  /** A clock that moves only when slept on: concurrent long polls then share one advance. */
  private readonly sharedAdvance: boolean;
  private sleepers: { at: number; wake: () => void }[] = [];
  private ticking = false;
  private readonly buildDelayMs: number;
  private readonly failureMode: 'crash' | 'unhealthy';
  private readonly schema: GraphQLSchema = buildSchema(FLY_SANDBOX_SDL);
  private readonly releases: SimRelease[] = [];
  private readonly machines: SimMachine[] = [];
  private scheduled: Scheduled[] = [];
  private counter = 0;
  /** Handled machine updates (the raw count), and how they group into rollbacks. */
  private updates: { machine: string; image: string }[] = [];
  private rollbacks = 0;
  private currentRollback?: { image: string; machines: Set<string> };

  constructor(options: FlySandboxOptions) {
    super();
    this.clock = options.clock;
    const own = (options.clock as { sleep?: Sleep }).sleep;
    this.sleep = options.sleep ?? own ?? realSleep;
    this.sharedAdvance = !options.sleep && own !== undefined;
    this.buildDelayMs = options.buildDelayMs ?? 3000;
    this.token = options.token ?? 'fly-sandbox-token';
    this.rollbackBehaviour = options.rollbackBehaviour ?? 'live';
    this.failureMode = options.failureMode ?? 'crash';
    this.app = options.app ?? 'demo';

    const history = options.history ?? [{ artifact: `registry.fly.io/${this.app}:deployment-good-1` }];
    const now = this.clock.now();
    history.forEach((entry, index) => {
      const createdAt = now - (history.length - index) * 10 * 60_000;
      this.releases.unshift(this.newRelease(entry.artifact, 'complete', createdAt));
    });
    const live = this.releases[0] as SimRelease;
    const started = options.machines ?? 2;
    const stopped = options.stoppedMachines ?? 0;
    for (let i = 0; i < started + stopped; i++) {
      this.machines.push(this.newMachine(i, live, i < started ? 'started' : 'stopped', live.createdAt));
    }
  }

  // ---- ProviderSandbox ---------------------------------------------------------------------

  /** The Machines API base (`api-url`). */
  get machinesUrl(): string {
    return `${this.server.url}/v1`;
  }

  /** The GraphQL endpoint (`graphql-url`). */
  get graphqlUrl(): string {
    return `${this.server.url}${GRAPHQL_PATH}`;
  }

  actionInputs(): Record<string, string> {
    return {
      'api-token': this.token,
      app: this.app,
      'api-url': this.machinesUrl,
      'graphql-url': this.graphqlUrl,
    };
  }

  guardInputs(): Record<string, string> {
    return {
      provider: 'fly',
      token: this.token,
      service: this.app,
      'api-url': this.machinesUrl,
      'graphql-url': this.graphqlUrl,
    };
  }

  deploy(spec: { artifact: string; commit?: string }): string {
    this.settle();
    const now = this.clock.now();
    const release = this.newRelease(spec.artifact, 'running', now);
    this.releases.unshift(release);
    this.currentRollback = undefined;
    this.schedule(now + this.buildDelayMs, () => {
      for (const machine of this.machines) {
        if (machine.state === 'destroyed') continue;
        const wasRunning = machine.state !== 'stopped' && machine.state !== 'suspended';
        machine.config = { ...machine.config, image: release.imageRef, metadata: this.metadataFor(release) };
        machine.instanceId = this.instanceId();
        machine.updatedAt = this.clock.now();
        machine.checks = wasRunning ? 'passing' : 'none';
        machine.state = wasRunning ? 'started' : 'stopped';
      }
      release.status = 'complete';
      release.stable = true;
      release.updatedAt = this.clock.now();
    });
    return `v${release.version}`;
  }

  liveArtifact(): string | undefined {
    this.settle();
    const fleet = this.machines.filter((m) => m.state !== 'destroyed');
    const started = fleet.filter((m) => m.state === 'started');
    const images = new Set((started.length > 0 ? started : fleet).map((m) => m.config.image));
    return images.size === 1 ? [...images][0] : undefined;
  }

  /** The images of the started machines, one per machine (for a demo app that serves each in turn). */
  servingArtifacts(): string[] {
    this.settle();
    return this.machines.filter((m) => m.state === 'started').map((m) => m.config.image);
  }

  list(): SandboxDeploymentView[] {
    this.settle();
    const live = this.liveArtifact();
    const liveRelease = this.releases.find((r) => r.imageRef === live && r.status !== 'running');
    return this.releases.map((r) => ({
      id: `v${r.version}`,
      state:
        r === liveRelease
          ? 'live'
          : r.status === 'running'
            ? 'in-progress'
            : r.status === 'complete'
              ? 'superseded'
              : r.status === 'failed'
                ? 'failed'
                : 'canceled',
      status: r.status,
      artifact: r.imageRef,
      createdAt: new Date(r.createdAt).toISOString(),
      rollback: false,
    }));
  }

  /**
   * Rollbacks started through the API: machine updates grouped into rolling updates. An update
   * starts a new rollback when its image differs from the current one's, or when it hits a machine
   * the current one already moved (a second pass is a second rollback). A deploy ends the group.
   */
  rollbackRequests(): number {
    return this.rollbacks;
  }

  // ---- Extras for tests and drills ----------------------------------------------------------

  /** Every machine update the API carried out (faulted requests are not among them). */
  /** Machines API writes (updates, leases); the GraphQL API is read only. */
  isMutating(request: SandboxRequest): boolean {
    return request.method !== 'GET' && request.path !== GRAPHQL_PATH;
  }

  /** Fly's `{error}` body (a GraphQL error would need the GraphQL path; this is the Machines API's). */
  errorAnswer(message: string): SandboxResponse {
    return { status: 500, body: { error: message } };
  }

  updateRequests(): { machine: string; image: string }[] {
    return [...this.updates];
  }

  machineSummaries(): FlyMachineSummary[] {
    this.settle();
    return this.machines.map((m) => ({
      id: m.id,
      state: m.state,
      image: m.config.image,
      instanceId: m.instanceId,
      release: Number(m.config.metadata.fly_release_version) || undefined,
      checks: m.checks,
      leasedBy: this.activeLease(m)?.owner,
    }));
  }

  /** Someone else takes a machine's lease (another deploy or rollback). */
  holdLease(machineId: string, owner = 'someone-else@tokens.fly.io', ttlMs = 60_000): string {
    const machine = this.machine(machineId);
    const lease = {
      nonce: this.hex(6),
      owner,
      description: 'held by someone else',
      expiresAt: this.clock.now() + ttlMs,
    };
    machine.lease = lease;
    return lease.nonce;
  }

  releaseLease(machineId: string): void {
    this.machine(machineId).lease = undefined;
  }

  /** Moves one machine to an image by hand (a half-done rolling update, a straggler). */
  setImage(machineId: string, image: string, options: { releaseVersion?: number } = {}): void {
    const machine = this.machine(machineId);
    const release = this.releases.find((r) => r.version === options.releaseVersion);
    machine.config = {
      ...machine.config,
      image,
      metadata: release ? this.metadataFor(release) : machine.config.metadata,
    };
    machine.instanceId = this.instanceId();
    machine.updatedAt = this.clock.now();
  }

  /** Schedules a change of the simulated world on the clock (another actor finishing its work). */
  later(delayMs: number, change: () => void): void {
    this.schedule(this.clock.now() + delayMs, change);
  }

  /** A release's status, as flyctl would set it (e.g. a deploy that failed or hangs). */
  setReleaseStatus(version: number, status: ReleaseStatus): void {
    const release = this.releases.find((r) => r.version === version);
    if (!release) throw new Error(`no release v${version}`);
    release.status = status;
    release.stable = status === 'complete';
  }

  // ---- The simulated world -----------------------------------------------------------------

  private newRelease(imageRef: string, status: ReleaseStatus, createdAt: number): SimRelease {
    const version = (this.releases[0]?.version ?? 0) + 1;
    return {
      id: Buffer.from(`Release/${this.app}/${version}`).toString('base64url'),
      version,
      status,
      stable: status === 'complete',
      imageRef,
      createdAt,
      updatedAt: createdAt,
      description: `Deploy image ${imageRef}`,
      reason: 'deploy',
    };
  }

  private metadataFor(release: SimRelease): Record<string, string> {
    return {
      fly_platform_version: 'v2',
      fly_process_group: 'app',
      fly_release_id: release.id,
      fly_release_version: String(release.version),
    };
  }

  private newMachine(
    index: number,
    release: SimRelease,
    state: 'started' | 'stopped',
    at: number,
  ): SimMachine {
    return {
      id: (0x148ed193b95d00 + index * 0x1f3).toString(16),
      name: `${this.app}-${index + 1}`,
      region: REGIONS[index % REGIONS.length] as string,
      state,
      instanceId: this.instanceId(),
      config: {
        image: release.imageRef,
        env: { PORT: '8080', PRIMARY_REGION: 'ams' },
        guest: { cpu_kind: 'shared', cpus: 1, memory_mb: 256 },
        services: [
          {
            protocol: 'tcp',
            internal_port: 8080,
            autostart: true,
            autostop: true,
            min_machines_running: 0,
            ports: [
              { port: 80, handlers: ['http'], force_https: true },
              { port: 443, handlers: ['tls', 'http'] },
            ],
          },
        ],
        checks: {
          health: { type: 'http', port: 8080, path: '/api/health', method: 'GET', protocol: 'http' },
        },
        restart: { policy: 'on-failure', max_retries: 10 },
        metadata: this.metadataFor(release),
      },
      checks: state === 'started' ? 'passing' : 'none',
      createdAt: at,
      updatedAt: at,
    };
  }

  private instanceId(): string {
    this.counter += 1;
    return `01JSANDBOX${String(this.counter).padStart(16, '0')}`;
  }

  private hex(bytes: number): string {
    return randomBytes(bytes).toString('hex');
  }

  private schedule(at: number, apply: () => void): void {
    this.scheduled.push({ at, apply });
    this.settle();
  }

  /** Applies every scheduled change that is due, in time order. */
  private settle(): void {
    const now = this.clock.now();
    for (;;) {
      const due = this.scheduled.filter((s) => s.at <= now).sort((a, b) => a.at - b.at)[0];
      if (!due) return;
      this.scheduled = this.scheduled.filter((s) => s !== due);
      due.apply();
    }
  }

  private machine(id: string): SimMachine {
    const machine = this.machines.find((m) => m.id === id);
    if (!machine) throw new Error(`no machine ${id}`);
    return machine;
  }

  private activeLease(machine: SimMachine): SimLease | undefined {
    return machine.lease && machine.lease.expiresAt > this.clock.now() ? machine.lease : undefined;
  }

  private countUpdate(machine: string, image: string): void {
    this.updates.push({ machine, image });
    const current = this.currentRollback;
    if (!current || current.image !== image || current.machines.has(machine)) {
      this.rollbacks += 1;
      this.currentRollback = { image, machines: new Set([machine]) };
    } else {
      current.machines.add(machine);
    }
  }

  /** An update through the API: a new version that ends as `rollbackBehaviour` says. */
  private applyUpdate(machine: SimMachine, config: SimMachine['config'], skipLaunch: boolean): void {
    const now = this.clock.now();
    machine.config = config;
    machine.instanceId = this.instanceId();
    machine.updatedAt = now;
    if (skipLaunch) {
      machine.state = 'stopped';
      machine.checks = 'none';
      return;
    }
    machine.state = 'starting';
    machine.checks = 'critical';
    const version = machine.instanceId;
    const behaviour = this.rollbackBehaviour;
    if (behaviour === 'never-live') return;
    const startAt = now + this.buildDelayMs;
    this.schedule(startAt, () => {
      if (machine.instanceId !== version) return;
      machine.state = 'started';
      machine.checks = behaviour === 'live' ? 'passing' : 'critical';
    });
    if (behaviour === 'fail' && this.failureMode === 'crash') {
      this.schedule(startAt + Math.max(this.buildDelayMs, 1000), () => {
        if (machine.instanceId !== version) return;
        machine.state = 'stopped';
        machine.checks = 'critical';
      });
    }
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  protected async handle(request: SandboxRequest): Promise<SandboxResponse> {
    this.settle();
    if (!this.authorized(request)) {
      return request.path === GRAPHQL_PATH
        ? { status: 401, body: { errors: [{ message: 'You must be authenticated to view this.' }] } }
        : { status: 401, body: { error: 'unauthorized' } };
    }
    if (request.path === GRAPHQL_PATH && request.method === 'POST') return this.graphql(request);
    if (request.path.startsWith(MACHINES_PREFIX)) return this.machinesApi(request);
    return { status: 404, body: { error: 'not found' } };
  }

  /** The token, with the scheme Fly expects for its kind (macaroons as FlyV1, others as Bearer). */
  private authorized(request: SandboxRequest): boolean {
    const header = request.headers.authorization;
    if (typeof header !== 'string' || bearerToken(request) !== this.token) return false;
    const macaroon = /^(fm1r_|fm1a_|fm2_)/.test(this.token);
    return macaroon ? /^FlyV1\s/i.test(header) : /^Bearer\s/i.test(header);
  }

  private async graphql(request: SandboxRequest): Promise<SandboxResponse> {
    const body = request.json as
      { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
    if (!body || typeof body.query !== 'string') {
      return { status: 400, body: { errors: [{ message: 'No query string was present' }] } };
    }
    const result = await graphql({
      schema: this.schema,
      source: body.query,
      variableValues: (body.variables as Record<string, unknown> | undefined) ?? undefined,
      operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
      rootValue: { app: ({ name }: { name?: string }) => this.appNode(name) },
    });
    return { status: 200, body: JSON.parse(JSON.stringify(result)) };
  }

  private appNode(name: string | undefined) {
    if (name !== this.app) throw new Error(`Could not find App "${name ?? ''}"`);
    return {
      id: Buffer.from(`App/${this.app}`).toString('base64url'),
      name: this.app,
      releasesUnprocessed: (args: { first?: number | null; after?: string | null }) => {
        const start = args.after ? Number(Buffer.from(args.after, 'base64url').toString('utf8')) + 1 : 0;
        const first = args.first ?? this.releases.length;
        const page = this.releases.slice(start, start + Math.max(0, first));
        const cursor = (index: number) => Buffer.from(String(index)).toString('base64url');
        const nodes = page.map((r) => ({
          id: r.id,
          version: r.version,
          status: r.status,
          stable: r.stable,
          imageRef: r.imageRef,
          createdAt: new Date(r.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          updatedAt: new Date(r.updatedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          description: r.description,
          reason: r.reason,
          revertedTo: null,
          inProgress: r.status === 'running',
        }));
        return {
          nodes,
          edges: nodes.map((node, i) => ({ cursor: cursor(start + i), node })),
          totalCount: this.releases.length,
          pageInfo: {
            hasNextPage: start + page.length < this.releases.length,
            hasPreviousPage: start > 0,
            startCursor: page.length ? cursor(start) : null,
            endCursor: page.length ? cursor(start + page.length - 1) : null,
          },
        };
      },
    };
  }

  private async machinesApi(request: SandboxRequest): Promise<SandboxResponse> {
    const parts = request.path.slice(MACHINES_PREFIX.length).split('/').map(decodeURIComponent);
    const [app, collection, machineId, action] = parts;
    if (app !== this.app) return { status: 404, body: { error: 'app not found' } };
    if (collection !== 'machines' || parts.length > 4) return { status: 404, body: { error: 'not found' } };
    if (!machineId) {
      if (request.method !== 'GET') return { status: 405, body: { error: 'method not allowed' } };
      const includeDeleted = request.query.get('include_deleted') === 'true';
      return {
        status: 200,
        body: this.machines
          .filter((m) => includeDeleted || m.state !== 'destroyed')
          .map((m) => this.machineJson(m)),
      };
    }
    const machine = this.machines.find((m) => m.id === machineId);
    if (!machine) return { status: 404, body: { error: 'machine not found' } };
    const nonce = request.headers['fly-machine-lease-nonce'];
    const given = typeof nonce === 'string' && nonce !== '' ? nonce : undefined;

    if (action === undefined && request.method === 'GET')
      return { status: 200, body: this.machineJson(machine) };
    if (action === undefined && request.method === 'POST') return this.update(machine, request, given);
    if (action === 'lease') return this.lease(machine, request, given);
    if (action === 'wait' && request.method === 'GET') return this.wait(machine, request);
    return { status: 404, body: { error: 'not found' } };
  }

  private leaseConflict(machine: SimMachine, lease: SimLease): SandboxResponse {
    return {
      status: 409,
      body: {
        error: `aborted: machine ID ${machine.id} lease currently held by ${lease.owner}, expires at ${new Date(lease.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
      },
    };
  }

  private update(machine: SimMachine, request: SandboxRequest, nonce: string | undefined): SandboxResponse {
    const lease = this.activeLease(machine);
    if (lease && lease.nonce !== nonce) return this.leaseConflict(machine, lease);
    if (!lease && nonce) return { status: 409, body: { error: 'aborted: lease not found or expired' } };
    const body = request.json as { config?: Record<string, unknown>; skip_launch?: unknown } | undefined;
    const config = body?.config;
    if (!config || typeof config !== 'object' || typeof config.image !== 'string' || config.image === '') {
      return { status: 400, body: { error: 'invalid config: image is required' } };
    }
    const metadata = (config.metadata ?? {}) as Record<string, string>;
    this.countUpdate(machine.id, config.image);
    this.applyUpdate(machine, { ...config, image: config.image, metadata }, body?.skip_launch === true);
    return { status: 200, body: this.machineJson(machine) };
  }

  private lease(machine: SimMachine, request: SandboxRequest, nonce: string | undefined): SandboxResponse {
    const active = this.activeLease(machine);
    if (request.method === 'GET') {
      return active
        ? { status: 200, body: this.leaseJson(machine, active) }
        : { status: 404, body: { error: 'lease not found' } };
    }
    if (request.method === 'DELETE') {
      if (!active) return { status: 404, body: { error: 'lease not found' } };
      if (active.nonce !== nonce) return this.leaseConflict(machine, active);
      machine.lease = undefined;
      return { status: 200, body: {} };
    }
    if (request.method !== 'POST') return { status: 405, body: { error: 'method not allowed' } };
    const body = request.json as { ttl?: unknown; description?: unknown } | undefined;
    const ttl = Number(body?.ttl ?? request.query.get('ttl') ?? 30);
    if (!Number.isFinite(ttl) || ttl <= 0) return { status: 400, body: { error: 'invalid ttl' } };
    const expiresAt = this.clock.now() + ttl * 1000;
    if (active) {
      if (active.nonce !== nonce) return this.leaseConflict(machine, active);
      active.expiresAt = expiresAt; // a refresh
      return { status: 201, body: this.leaseJson(machine, active) };
    }
    const description = typeof body?.description === 'string' ? body.description : '';
    machine.lease = { nonce: this.hex(6), owner: SANDBOX_OWNER, description, expiresAt };
    return { status: 201, body: this.leaseJson(machine, machine.lease) };
  }

  private async wait(machine: SimMachine, request: SandboxRequest): Promise<SandboxResponse> {
    const state = request.query.get('state') ?? 'started';
    if (!WAIT_STATES.has(state))
      return { status: 400, body: { error: `invalid_argument: unknown state ${state}` } };
    const timeout = Number(request.query.get('timeout') ?? 60);
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > 60) {
      return { status: 400, body: { error: 'invalid_argument: timeout must be between 1s and 1m0s' } };
    }
    const version = request.query.get('version') ?? request.query.get('instance_id');
    const reached = () =>
      machine.instanceId === version || !version
        ? machine.state === state ||
          (state === 'settled' && ['started', 'stopped', 'failed'].includes(machine.state))
        : false;
    if (version && version !== machine.instanceId) {
      return { status: 400, body: { error: `machine version ${version} is not the current version` } };
    }
    // A long poll on the clock: until the state is reached or the timeout runs out.
    const until = this.clock.now() + timeout * 1000;
    for (;;) {
      this.settle();
      if (reached())
        return { status: 200, body: { ok: true, state: machine.state, version: machine.instanceId } };
      const now = this.clock.now();
      if (now >= until) break;
      const next = this.scheduled
        .map((s) => s.at)
        .filter((at) => at > now)
        .sort((a, b) => a - b)[0];
      await this.sleepUntil(Math.min(until, next ?? until));
    }
    return {
      status: 408,
      body: { error: `machine failed to reach desired state, ${state}, currently ${machine.state}` },
    };
  }

  /**
   * Waits until `at` on the clock. On a clock that only moves when slept on (ManualClock), long
   * polls that are waiting at the same time share one advance — two machines waited for together
   * for 60 s take 60 s of the clock, not 120 — so every sleeper registers first, and the earliest
   * wake-up time is slept to once for all of them.
   */
  private sleepUntil(at: number): Promise<void> {
    if (!this.sharedAdvance) return this.sleep(Math.max(0, at - this.clock.now()));
    return new Promise((wake) => {
      this.sleepers.push({ at, wake });
      this.tick();
    });
  }

  private tick(): void {
    if (this.ticking) return;
    this.ticking = true;
    // A moment of real time lets long polls that arrived together all register before time moves.
    setTimeout(() => {
      void (async () => {
        const next = Math.min(...this.sleepers.map((s) => s.at));
        if (next > this.clock.now()) await this.sleep(next - this.clock.now());
        const now = this.clock.now();
        const due = this.sleepers.filter((s) => s.at <= now);
        this.sleepers = this.sleepers.filter((s) => s.at > now);
        this.ticking = false;
        for (const sleeper of due) sleeper.wake();
        if (this.sleepers.length > 0) this.tick();
      })();
    }, 5);
  }

  private machineJson(machine: SimMachine): Record<string, unknown> {
    const [repository, tag] = machine.config.image.split(':');
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return {
      id: machine.id,
      name: machine.name,
      state: machine.state,
      region: machine.region,
      instance_id: machine.instanceId,
      private_ip: `fdaa:0:1:a7b:${machine.id.slice(0, 4)}::2`,
      config: machine.config,
      image_ref: {
        registry: repository?.split('/')[0] ?? '',
        repository: repository?.split('/').slice(1).join('/') ?? '',
        tag: tag ?? 'latest',
        digest: '',
        labels: {},
      },
      created_at: iso(machine.createdAt),
      updated_at: iso(machine.updatedAt),
      events: [],
      checks:
        machine.checks === 'none'
          ? []
          : [
              {
                name: 'health',
                status: machine.checks,
                output:
                  machine.checks === 'passing'
                    ? 'HTTP GET /api/health: 200 OK'
                    : 'HTTP GET /api/health: connection refused',
                updated_at: iso(machine.updatedAt),
              },
            ],
    };
  }

  private leaseJson(machine: SimMachine, lease: SimLease): Record<string, unknown> {
    return {
      status: 'success',
      data: {
        nonce: lease.nonce,
        expires_at: Math.floor(lease.expiresAt / 1000),
        owner: lease.owner,
        description: lease.description,
        version: machine.instanceId,
      },
    };
  }
}
