export const id = 264;
export const ids = [264];
export const modules = {

/***/ 2264:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  YK: () => (/* binding */ BAD_DEPLOYMENT),
  uT: () => (/* binding */ DEMO_SMOKE_TESTS),
  G_: () => (/* binding */ startDrillWorld)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/sandbox/server.ts
var server = __webpack_require__(2584);
;// CONCATENATED MODULE: ./src/sandbox/demo-app.ts
/**
 * The demo app behind a simulated provider, for `npm run drill` and the guard's tests: it serves
 * whatever the provider says is live. A good build answers `/api/health` with every component
 * healthy; a bad build (an artifact whose name contains "bad") answers 500 and breaks its smoke
 * endpoints; and a database that fails its check is reported as an unhealthy component.
 */

/** A build is bad when its artifact says so: 'registry/app:bad-3'. */
function isBadArtifact(artifact) {
    return artifact === undefined || /bad/i.test(artifact);
}
class DemoApp extends server/* SimulatedApi */.Zf {
    options;
    sessions = 0;
    constructor(options) {
        super();
        this.options = options;
    }
    get url() {
        return this.server.url;
    }
    async handle({ method, path }) {
        const artifact = this.options.liveArtifact();
        const appOk = !isBadArtifact(artifact);
        const databaseOk = (await this.options.databaseHealthy?.()) ?? true;
        if (method === 'GET' && path === '/api/health') {
            const services = {
                app: appOk ? 'healthy' : 'crashing',
                database: databaseOk ? 'healthy' : 'corrupted',
            };
            if (!appOk)
                return { status: 500, body: { status: 'unhealthy', services, version: artifact ?? null } };
            return {
                status: 200,
                body: { status: databaseOk ? 'healthy' : 'degraded', services, version: artifact },
            };
        }
        if (method === 'GET' && path === '/api/version') {
            return { status: 200, body: { version: artifact ?? null } };
        }
        if (method === 'POST' && path === '/api/sessions') {
            if (!appOk || !databaseOk)
                return { status: 500, body: { error: 'could not create a session' } };
            this.sessions += 1;
            return { status: 201, body: { session: { id: `s-${this.sessions}`, status: 'active' } } };
        }
        if (method === 'GET' && path === '/') {
            return appOk
                ? { status: 200, body: '<html><body>demo app</body></html>' }
                : { status: 502, body: '<html>Bad Gateway</html>' };
        }
        return { status: 404, body: { error: 'not found' } };
    }
}

// EXTERNAL MODULE: ./src/restore/sqlite.ts
var sqlite = __webpack_require__(8284);
;// CONCATENATED MODULE: ./src/sandbox/demo-database.ts
/**
 * The demo app's SQLite database, laid out as the runbook's app keeps it: the live `memory.db` and a
 * `backups/` folder of `memory_YYYYMMDD_HHMMSS.db` files beside a `backup.log`. A bad deployment can
 * damage it (a migration that drops a table), and the demo app reports it as an unhealthy component
 * until a good backup is restored.
 */



const stamp = (time) => time.toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
/**
 * A live database with a few rows, and backups of it taken `backupAgesMs` before `now` (each one a
 * real copy, as the app's backup job would make).
 */
async function createDemoDatabase(folder, now, backupAgesMs = [3 * 3_600_000, 2 * 3_600_000, 3_600_000]) {
    const Database = await (0,sqlite/* loadSqlite */.Tj)();
    const backupDir = external_node_path_default().join(folder, 'backups');
    await (0,promises_.mkdir)(backupDir, { recursive: true });
    const database = external_node_path_default().join(folder, 'memory.db');
    const db = new Database(database);
    try {
        db.exec('CREATE TABLE IF NOT EXISTS memories (id INTEGER PRIMARY KEY, session TEXT NOT NULL, content TEXT NOT NULL)');
        const insert = db.prepare('INSERT INTO memories (session, content) VALUES (?, ?)');
        db.transaction(() => {
            for (let i = 0; i < 20; i++)
                insert.run(`s-${i % 4}`, `remembered fact ${i}`);
        })();
    }
    finally {
        db.close();
    }
    const backups = [];
    for (const age of [...backupAgesMs].sort((a, b) => b - a)) {
        const time = new Date(now - age);
        const file = external_node_path_default().join(backupDir, `memory_${stamp(time)}.db`);
        await (0,promises_.copyFile)(database, file);
        await (0,promises_.appendFile)(external_node_path_default().join(backupDir, 'backup.log'), `${time.toISOString()} backup ok ${external_node_path_default().basename(file)}\n`);
        backups.push(file);
    }
    return { database, backupDir, backups };
}
/** What a bad migration does: the memories are gone. */
async function damageDemoDatabase(database) {
    const Database = await (0,sqlite/* loadSqlite */.Tj)();
    const db = new Database(database);
    try {
        db.exec('DROP TABLE IF EXISTS memories');
    }
    finally {
        db.close();
    }
}
/** Sound: it opens, passes quick_check, and still has its memories. Reads only. */
async function demoDatabaseHealthy(database) {
    try {
        const db = await (0,sqlite/* openImmutable */.xh)(database);
        try {
            const check = db.pragma('quick_check', { simple: true });
            const table = db
                .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'memories'")
                .get();
            if (check !== 'ok' || table.n === 0)
                return false;
            const rows = db.prepare('SELECT count(*) AS n FROM memories').get();
            return rows.n > 0;
        }
        finally {
            db.close();
        }
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: ./src/sandbox/index.ts + 4 modules
var src_sandbox = __webpack_require__(9248);
;// CONCATENATED MODULE: ./src/drill/world.ts
/**
 * The drill's world on this machine: a simulated provider (Railway, Render or Fly) with two good
 * deployments, the demo app behind it with a SQLite database and timestamped backups, and, once
 * shipped, a bad deployment that breaks the app and whose migration drops a table. `npm run drill`
 * runs the guard against it; `rollback-guard sandbox` serves it to a workflow's steps.
 */







/** The demo app's smoke tests (verify's format), as the drill passes them inline. */
const DEMO_SMOKE_TESTS = `
- name: create a session
  method: POST
  path: /api/sessions
  expect-status: 201
  expect-json:
    session.status: active
- name: version
  path: /api/version
`;
const BAD_DEPLOYMENT = {
    artifact: 'registry/demo:bad-3',
    commit: '3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c',
};
async function waitFor(check, timeoutMs, what) {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
        if (Date.now() > deadline)
            throw new Error(`drill: ${what} did not happen within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}
async function startDrillWorld(options) {
    const folder = await (0,promises_.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), 'rollback-guard-drill-'));
    const sandbox = (0,src_sandbox/* createProviderSandbox */.V)(options.provider, {
        clock: options.clock,
        buildDelayMs: options.buildDelayMs ?? 800,
        token: `drill_${(0,external_node_crypto_.randomBytes)(12).toString('hex')}`,
        history: [
            { artifact: 'registry/demo:good-1', commit: '1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a' },
            { artifact: 'registry/demo:good-2', commit: '2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b' },
        ],
    });
    const stop = async () => {
        await app.stop();
        await sandbox.stop();
        await (0,promises_.rm)(folder, { recursive: true, force: true });
    };
    let database;
    const app = new DemoApp({
        liveArtifact: () => sandbox.liveArtifact(),
        databaseHealthy: () => demoDatabaseHealthy(database.database),
    });
    const smokeTestsFile = external_node_path_default().join(folder, 'smoke-tests.yml');
    try {
        database = await createDemoDatabase(folder, options.clock.now() - 60_000);
        await (0,promises_.writeFile)(smokeTestsFile, DEMO_SMOKE_TESTS.trimStart());
        await sandbox.start();
        await app.start();
    }
    catch (error) {
        await stop();
        throw error;
    }
    return {
        provider: options.provider,
        sandbox,
        app,
        database,
        folder,
        smokeTestsFile,
        async shipBadDeployment() {
            sandbox.deploy(BAD_DEPLOYMENT);
            await waitFor(() => sandbox.liveArtifact() === BAD_DEPLOYMENT.artifact, 10_000, 'the bad deployment going live');
            await damageDemoDatabase(database.database);
        },
        guardInputs: () => ({
            ...sandbox.guardInputs(),
            url: `${app.url}/api/health`,
            database: database.database,
            'backup-dir': database.backupDir,
        }),
        stop,
    };
}


/***/ }),

/***/ 9248:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  L: () => (/* binding */ SANDBOX_PROVIDERS),
  V: () => (/* binding */ createProviderSandbox)
});

// EXTERNAL MODULE: ./src/providers/registry.ts + 25 modules
var registry = __webpack_require__(9756);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/graphql/index.js
var graphql = __webpack_require__(7645);
// EXTERNAL MODULE: ./src/core/clock.ts
var clock = __webpack_require__(2257);
// EXTERNAL MODULE: ./src/sandbox/server.ts
var server = __webpack_require__(2584);
;// CONCATENATED MODULE: ./src/sandbox/fly.ts
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




/** The part of Fly's GraphQL SDL the sandbox serves (checked against the real SDL in the tests). */
const FLY_SANDBOX_SDL = `
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
const GRAPHQL_PATH = '/graphql';
const MACHINES_PREFIX = '/v1/apps/';
const REGIONS = ['ams', 'iad', 'syd', 'nrt'];
const SANDBOX_OWNER = 'sandbox-user@tokens.fly.io';
const WAIT_STATES = new Set(['started', 'stopped', 'suspended', 'destroyed', 'failed', 'settled']);
class FlySandbox extends server/* SimulatedApi */.Zf {
    provider = 'fly';
    app;
    token;
    rollbackBehaviour;
    clock;
    sleep;
    /** A clock that moves only when slept on: concurrent long polls then share one advance. */
    sharedAdvance;
    sleepers = [];
    ticking = false;
    buildDelayMs;
    failureMode;
    schema = (0,graphql/* buildSchema */.IV5)(FLY_SANDBOX_SDL);
    releases = [];
    machines = [];
    scheduled = [];
    counter = 0;
    /** Handled machine updates (the raw count), and how they group into rollbacks. */
    updates = [];
    rollbacks = 0;
    currentRollback;
    constructor(options) {
        super();
        this.clock = options.clock;
        const own = options.clock.sleep;
        this.sleep = options.sleep ?? own ?? clock/* realSleep */.uk;
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
        const live = this.releases[0];
        const started = options.machines ?? 2;
        const stopped = options.stoppedMachines ?? 0;
        for (let i = 0; i < started + stopped; i++) {
            this.machines.push(this.newMachine(i, live, i < started ? 'started' : 'stopped', live.createdAt));
        }
    }
    // ---- ProviderSandbox ---------------------------------------------------------------------
    /** The Machines API base (`api-url`). */
    get machinesUrl() {
        return `${this.server.url}/v1`;
    }
    /** The GraphQL endpoint (`graphql-url`). */
    get graphqlUrl() {
        return `${this.server.url}${GRAPHQL_PATH}`;
    }
    actionInputs() {
        return {
            'api-token': this.token,
            app: this.app,
            'api-url': this.machinesUrl,
            'graphql-url': this.graphqlUrl,
        };
    }
    guardInputs() {
        return {
            provider: 'fly',
            token: this.token,
            service: this.app,
            'api-url': this.machinesUrl,
            'graphql-url': this.graphqlUrl,
        };
    }
    deploy(spec) {
        this.settle();
        const now = this.clock.now();
        const release = this.newRelease(spec.artifact, 'running', now);
        this.releases.unshift(release);
        this.currentRollback = undefined;
        this.schedule(now + this.buildDelayMs, () => {
            for (const machine of this.machines) {
                if (machine.state === 'destroyed')
                    continue;
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
    liveArtifact() {
        this.settle();
        const fleet = this.machines.filter((m) => m.state !== 'destroyed');
        const started = fleet.filter((m) => m.state === 'started');
        const images = new Set((started.length > 0 ? started : fleet).map((m) => m.config.image));
        return images.size === 1 ? [...images][0] : undefined;
    }
    /** The images of the started machines, one per machine (for a demo app that serves each in turn). */
    servingArtifacts() {
        this.settle();
        return this.machines.filter((m) => m.state === 'started').map((m) => m.config.image);
    }
    list() {
        this.settle();
        const live = this.liveArtifact();
        const liveRelease = this.releases.find((r) => r.imageRef === live && r.status !== 'running');
        return this.releases.map((r) => ({
            id: `v${r.version}`,
            state: r === liveRelease
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
    rollbackRequests() {
        return this.rollbacks;
    }
    // ---- Extras for tests and drills ----------------------------------------------------------
    /** Every machine update the API carried out (faulted requests are not among them). */
    /** Machines API writes (updates, leases); the GraphQL API is read only. */
    isMutating(request) {
        return request.method !== 'GET' && request.path !== GRAPHQL_PATH;
    }
    /** Fly's `{error}` body (a GraphQL error would need the GraphQL path; this is the Machines API's). */
    errorAnswer(message) {
        return { status: 500, body: { error: message } };
    }
    updateRequests() {
        return [...this.updates];
    }
    machineSummaries() {
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
    holdLease(machineId, owner = 'someone-else@tokens.fly.io', ttlMs = 60_000) {
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
    releaseLease(machineId) {
        this.machine(machineId).lease = undefined;
    }
    /** Moves one machine to an image by hand (a half-done rolling update, a straggler). */
    setImage(machineId, image, options = {}) {
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
    later(delayMs, change) {
        this.schedule(this.clock.now() + delayMs, change);
    }
    /** A release's status, as flyctl would set it (e.g. a deploy that failed or hangs). */
    setReleaseStatus(version, status) {
        const release = this.releases.find((r) => r.version === version);
        if (!release)
            throw new Error(`no release v${version}`);
        release.status = status;
        release.stable = status === 'complete';
    }
    // ---- The simulated world -----------------------------------------------------------------
    newRelease(imageRef, status, createdAt) {
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
    metadataFor(release) {
        return {
            fly_platform_version: 'v2',
            fly_process_group: 'app',
            fly_release_id: release.id,
            fly_release_version: String(release.version),
        };
    }
    newMachine(index, release, state, at) {
        return {
            id: (0x148ed193b95d00 + index * 0x1f3).toString(16),
            name: `${this.app}-${index + 1}`,
            region: REGIONS[index % REGIONS.length],
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
    instanceId() {
        this.counter += 1;
        return `01JSANDBOX${String(this.counter).padStart(16, '0')}`;
    }
    hex(bytes) {
        return (0,external_node_crypto_.randomBytes)(bytes).toString('hex');
    }
    schedule(at, apply) {
        this.scheduled.push({ at, apply });
        this.settle();
    }
    /** Applies every scheduled change that is due, in time order. */
    settle() {
        const now = this.clock.now();
        for (;;) {
            const due = this.scheduled.filter((s) => s.at <= now).sort((a, b) => a.at - b.at)[0];
            if (!due)
                return;
            this.scheduled = this.scheduled.filter((s) => s !== due);
            due.apply();
        }
    }
    machine(id) {
        const machine = this.machines.find((m) => m.id === id);
        if (!machine)
            throw new Error(`no machine ${id}`);
        return machine;
    }
    activeLease(machine) {
        return machine.lease && machine.lease.expiresAt > this.clock.now() ? machine.lease : undefined;
    }
    countUpdate(machine, image) {
        this.updates.push({ machine, image });
        const current = this.currentRollback;
        if (!current || current.image !== image || current.machines.has(machine)) {
            this.rollbacks += 1;
            this.currentRollback = { image, machines: new Set([machine]) };
        }
        else {
            current.machines.add(machine);
        }
    }
    /** An update through the API: a new version that ends as `rollbackBehaviour` says. */
    applyUpdate(machine, config, skipLaunch) {
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
        if (behaviour === 'never-live')
            return;
        const startAt = now + this.buildDelayMs;
        this.schedule(startAt, () => {
            if (machine.instanceId !== version)
                return;
            machine.state = 'started';
            machine.checks = behaviour === 'live' ? 'passing' : 'critical';
        });
        if (behaviour === 'fail' && this.failureMode === 'crash') {
            this.schedule(startAt + Math.max(this.buildDelayMs, 1000), () => {
                if (machine.instanceId !== version)
                    return;
                machine.state = 'stopped';
                machine.checks = 'critical';
            });
        }
    }
    // ---- HTTP ----------------------------------------------------------------------------------
    async handle(request) {
        this.settle();
        if (!this.authorized(request)) {
            return request.path === GRAPHQL_PATH
                ? { status: 401, body: { errors: [{ message: 'You must be authenticated to view this.' }] } }
                : { status: 401, body: { error: 'unauthorized' } };
        }
        if (request.path === GRAPHQL_PATH && request.method === 'POST')
            return this.graphql(request);
        if (request.path.startsWith(MACHINES_PREFIX))
            return this.machinesApi(request);
        return { status: 404, body: { error: 'not found' } };
    }
    /** The token, with the scheme Fly expects for its kind (macaroons as FlyV1, others as Bearer). */
    authorized(request) {
        const header = request.headers.authorization;
        if (typeof header !== 'string' || (0,server/* bearerToken */.hC)(request) !== this.token)
            return false;
        const macaroon = /^(fm1r_|fm1a_|fm2_)/.test(this.token);
        return macaroon ? /^FlyV1\s/i.test(header) : /^Bearer\s/i.test(header);
    }
    async graphql(request) {
        const body = request.json;
        if (!body || typeof body.query !== 'string') {
            return { status: 400, body: { errors: [{ message: 'No query string was present' }] } };
        }
        const result = await (0,graphql/* graphql */.UGq)({
            schema: this.schema,
            source: body.query,
            variableValues: body.variables ?? undefined,
            operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
            rootValue: { app: ({ name }) => this.appNode(name) },
        });
        return { status: 200, body: JSON.parse(JSON.stringify(result)) };
    }
    appNode(name) {
        if (name !== this.app)
            throw new Error(`Could not find App "${name ?? ''}"`);
        return {
            id: Buffer.from(`App/${this.app}`).toString('base64url'),
            name: this.app,
            releasesUnprocessed: (args) => {
                const start = args.after ? Number(Buffer.from(args.after, 'base64url').toString('utf8')) + 1 : 0;
                const first = args.first ?? this.releases.length;
                const page = this.releases.slice(start, start + Math.max(0, first));
                const cursor = (index) => Buffer.from(String(index)).toString('base64url');
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
    async machinesApi(request) {
        const parts = request.path.slice(MACHINES_PREFIX.length).split('/').map(decodeURIComponent);
        const [app, collection, machineId, action] = parts;
        if (app !== this.app)
            return { status: 404, body: { error: 'app not found' } };
        if (collection !== 'machines' || parts.length > 4)
            return { status: 404, body: { error: 'not found' } };
        if (!machineId) {
            if (request.method !== 'GET')
                return { status: 405, body: { error: 'method not allowed' } };
            const includeDeleted = request.query.get('include_deleted') === 'true';
            return {
                status: 200,
                body: this.machines
                    .filter((m) => includeDeleted || m.state !== 'destroyed')
                    .map((m) => this.machineJson(m)),
            };
        }
        const machine = this.machines.find((m) => m.id === machineId);
        if (!machine)
            return { status: 404, body: { error: 'machine not found' } };
        const nonce = request.headers['fly-machine-lease-nonce'];
        const given = typeof nonce === 'string' && nonce !== '' ? nonce : undefined;
        if (action === undefined && request.method === 'GET')
            return { status: 200, body: this.machineJson(machine) };
        if (action === undefined && request.method === 'POST')
            return this.update(machine, request, given);
        if (action === 'lease')
            return this.lease(machine, request, given);
        if (action === 'wait' && request.method === 'GET')
            return this.wait(machine, request);
        return { status: 404, body: { error: 'not found' } };
    }
    leaseConflict(machine, lease) {
        return {
            status: 409,
            body: {
                error: `aborted: machine ID ${machine.id} lease currently held by ${lease.owner}, expires at ${new Date(lease.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
            },
        };
    }
    update(machine, request, nonce) {
        const lease = this.activeLease(machine);
        if (lease && lease.nonce !== nonce)
            return this.leaseConflict(machine, lease);
        if (!lease && nonce)
            return { status: 409, body: { error: 'aborted: lease not found or expired' } };
        const body = request.json;
        const config = body?.config;
        if (!config || typeof config !== 'object' || typeof config.image !== 'string' || config.image === '') {
            return { status: 400, body: { error: 'invalid config: image is required' } };
        }
        const metadata = (config.metadata ?? {});
        this.countUpdate(machine.id, config.image);
        this.applyUpdate(machine, { ...config, image: config.image, metadata }, body?.skip_launch === true);
        return { status: 200, body: this.machineJson(machine) };
    }
    lease(machine, request, nonce) {
        const active = this.activeLease(machine);
        if (request.method === 'GET') {
            return active
                ? { status: 200, body: this.leaseJson(machine, active) }
                : { status: 404, body: { error: 'lease not found' } };
        }
        if (request.method === 'DELETE') {
            if (!active)
                return { status: 404, body: { error: 'lease not found' } };
            if (active.nonce !== nonce)
                return this.leaseConflict(machine, active);
            machine.lease = undefined;
            return { status: 200, body: {} };
        }
        if (request.method !== 'POST')
            return { status: 405, body: { error: 'method not allowed' } };
        const body = request.json;
        const ttl = Number(body?.ttl ?? request.query.get('ttl') ?? 30);
        if (!Number.isFinite(ttl) || ttl <= 0)
            return { status: 400, body: { error: 'invalid ttl' } };
        const expiresAt = this.clock.now() + ttl * 1000;
        if (active) {
            if (active.nonce !== nonce)
                return this.leaseConflict(machine, active);
            active.expiresAt = expiresAt; // a refresh
            return { status: 201, body: this.leaseJson(machine, active) };
        }
        const description = typeof body?.description === 'string' ? body.description : '';
        machine.lease = { nonce: this.hex(6), owner: SANDBOX_OWNER, description, expiresAt };
        return { status: 201, body: this.leaseJson(machine, machine.lease) };
    }
    async wait(machine, request) {
        const state = request.query.get('state') ?? 'started';
        if (!WAIT_STATES.has(state))
            return { status: 400, body: { error: `invalid_argument: unknown state ${state}` } };
        const timeout = Number(request.query.get('timeout') ?? 60);
        if (!Number.isInteger(timeout) || timeout < 1 || timeout > 60) {
            return { status: 400, body: { error: 'invalid_argument: timeout must be between 1s and 1m0s' } };
        }
        const version = request.query.get('version') ?? request.query.get('instance_id');
        const reached = () => machine.instanceId === version || !version
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
            if (now >= until)
                break;
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
    sleepUntil(at) {
        if (!this.sharedAdvance)
            return this.sleep(Math.max(0, at - this.clock.now()));
        return new Promise((wake) => {
            this.sleepers.push({ at, wake });
            this.tick();
        });
    }
    tick() {
        if (this.ticking)
            return;
        this.ticking = true;
        // A moment of real time lets long polls that arrived together all register before time moves.
        setTimeout(() => {
            void (async () => {
                const next = Math.min(...this.sleepers.map((s) => s.at));
                if (next > this.clock.now())
                    await this.sleep(next - this.clock.now());
                const now = this.clock.now();
                const due = this.sleepers.filter((s) => s.at <= now);
                this.sleepers = this.sleepers.filter((s) => s.at > now);
                this.ticking = false;
                for (const sleeper of due)
                    sleeper.wake();
                if (this.sleepers.length > 0)
                    this.tick();
            })();
        }, 5);
    }
    machineJson(machine) {
        const [repository, tag] = machine.config.image.split(':');
        const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
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
            checks: machine.checks === 'none'
                ? []
                : [
                    {
                        name: 'health',
                        status: machine.checks,
                        output: machine.checks === 'passing'
                            ? 'HTTP GET /api/health: 200 OK'
                            : 'HTTP GET /api/health: connection refused',
                        updated_at: iso(machine.updatedAt),
                    },
                ],
        };
    }
    leaseJson(machine, lease) {
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

;// CONCATENATED MODULE: ./src/sandbox/railway-schema.ts
/**
 * The part of Railway's public GraphQL schema the simulated Railway serves: the types, fields and
 * arguments of the operations rollback-guard uses, copied from Railway's published SDL
 * (contracts/railway-schema.graphql, see SOURCES.md there) with the other fields left out.
 * The sandbox executes requests against it with the `graphql` package, so documents are validated
 * and answers are shaped exactly as the schema says. A contract test checks that every type, field
 * and argument here is the same in the published schema.
 */
const RAILWAY_SANDBOX_SDL = /* GraphQL */ `
  """
  A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the date-time format of RFC 3339.
  """
  scalar DateTime

  scalar DeploymentMeta

  type Deployment {
    canRedeploy: Boolean!
    canRollback: Boolean!
    createdAt: DateTime!
    """
    Check if a deployment's instances have all stopped
    """
    deploymentStopped: Boolean!
    environmentId: String!
    id: ID!
    meta: DeploymentMeta
    projectId: String!
    serviceId: String
    snapshotId: String
    staticUrl: String
    status: DeploymentStatus!
    statusUpdatedAt: DateTime
    updatedAt: DateTime!
    url: String
  }

  input DeploymentListInput {
    environmentId: String
    includeDeleted: Boolean
    projectId: String
    serviceId: String
    status: DeploymentStatusInput
  }

  enum DeploymentStatus {
    BUILDING
    CRASHED
    DEPLOYING
    FAILED
    INITIALIZING
    NEEDS_APPROVAL
    QUEUED
    REMOVED
    REMOVING
    SKIPPED
    SLEEPING
    SUCCESS
    WAITING
  }

  input DeploymentStatusInput {
    in: [DeploymentStatus!]
    notIn: [DeploymentStatus!]
  }

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
  }

  type QueryDeploymentsConnection {
    edges: [QueryDeploymentsConnectionEdge!]!
    pageInfo: PageInfo!
  }

  type QueryDeploymentsConnectionEdge {
    cursor: String!
    node: Deployment!
  }

  type ServiceInstance {
    """
    All currently active (deployed and running) deployments for this service instance
    """
    activeDeployments: [Deployment!]!
    createdAt: DateTime!
    environmentId: String!
    id: ID!
    """
    The most recent deployment for this service instance
    """
    latestDeployment: Deployment
    serviceId: String!
    serviceName: String!
    updatedAt: DateTime!
  }

  type Query {
    """
    Find a single deployment
    """
    deployment(id: String!): Deployment!
    """
    Get all deployments
    """
    deployments(
      after: String
      before: String
      first: Int
      input: DeploymentListInput!
      last: Int
    ): QueryDeploymentsConnection!
    """
    Get a service instance belonging to a service and environment
    """
    serviceInstance(environmentId: String!, serviceId: String!): ServiceInstance!
  }

  type Mutation {
    """
    Rolls back to a deployment.
    """
    deploymentRollback(id: String!): Boolean!
  }
`;

;// CONCATENATED MODULE: ./src/sandbox/railway.ts
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




const RAILWAY_SANDBOX_PATH = '/graphql/v2';
const HOUR = 3_600_000;
let schema;
function sandboxSchema() {
    schema ??= (0,graphql/* buildSchema */.IV5)(RAILWAY_SANDBOX_SDL);
    return schema;
}
/** A GraphQL error the resolvers throw; it becomes an entry of `errors` in a 200 answer. */
class RailwayApiError extends Error {
}
class RailwaySandbox extends server/* SimulatedApi */.Zf {
    provider = 'railway';
    token;
    tokenType;
    projectId = (0,external_node_crypto_.randomUUID)();
    environmentId = (0,external_node_crypto_.randomUUID)();
    serviceId = (0,external_node_crypto_.randomUUID)();
    serviceName;
    rollbackBehaviour;
    clock;
    buildDelayMs;
    order;
    markRollbacks;
    imageRetentionMs;
    maxPageSize;
    deployments = [];
    createdInstance;
    rollbacksCarriedOut = 0;
    constructor(options) {
        super();
        this.clock = options.clock;
        this.buildDelayMs = options.buildDelayMs ?? 3000;
        this.token = options.token ?? `railway-sandbox-${(0,external_node_crypto_.randomBytes)(12).toString('hex')}`;
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
            if (previous)
                previous.removedAt = createdAt;
            this.deployments.push({
                id: (0,external_node_crypto_.randomUUID)(),
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
    get apiUrl() {
        return `${this.server.url}${RAILWAY_SANDBOX_PATH}`;
    }
    actionInputs() {
        return {
            token: this.token,
            'token-type': this.tokenType,
            'service-id': this.serviceId,
            'environment-id': this.environmentId,
            'api-url': this.apiUrl,
        };
    }
    guardInputs() {
        return {
            provider: 'railway',
            token: this.token,
            ...(this.tokenType === 'project' ? { 'token-type': 'project' } : {}),
            service: this.serviceId,
            environment: this.environmentId,
            'api-url': this.apiUrl,
        };
    }
    deploy(spec) {
        return this.create({
            artifact: spec.artifact,
            commit: spec.commit ?? commitOf(spec.artifact),
            kind: 'deploy',
            outcome: 'live',
        }).id;
    }
    /** A rollback as another run (or a person in the dashboard) would start it. Returns the new id. */
    startRollback(targetId) {
        const target = this.find(targetId);
        if (!target)
            throw new Error(`no deployment ${targetId}`);
        return this.rollBackTo(target).id;
    }
    liveArtifact() {
        return this.live()?.artifact;
    }
    list() {
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
    rollbackRequests() {
        return this.rollbacksCarriedOut;
    }
    /** GraphQL mutations (the queries change nothing). */
    isMutating(request) {
        const query = request.json?.query;
        return typeof query === 'string' && /^\s*mutation\b/.test(query);
    }
    /** Railway refuses an operation with HTTP 200 and an `errors` array. */
    errorAnswer(message) {
        return { status: 200, body: { data: null, errors: [{ message }] } };
    }
    // --- the simulated API --------------------------------------------------------------------
    async handle(request) {
        if (request.path !== RAILWAY_SANDBOX_PATH)
            return { status: 404, body: 'Not Found' };
        if (request.method !== 'POST')
            return { status: 405, body: 'Method Not Allowed' };
        const body = request.json;
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
        const result = await (0,graphql/* graphql */.UGq)({
            schema: sandboxSchema(),
            source: body.query,
            variableValues: (body.variables ?? undefined),
            operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
            rootValue: this.resolvers(),
        });
        // A document that does not parse or validate is refused as a whole, as GraphQL servers do.
        const refused = result.errors !== undefined && !('data' in result);
        return {
            status: refused ? 400 : 200,
            body: JSON.parse(JSON.stringify(result)),
        };
    }
    authorised(request) {
        const header = (name) => {
            const value = request.headers[name];
            return typeof value === 'string' ? value : undefined;
        };
        if (this.tokenType === 'project')
            return header('project-access-token') === this.token;
        const bearer = /^Bearer\s+(.+)$/i.exec(header('authorization') ?? '')?.[1];
        return bearer === this.token;
    }
    resolvers() {
        const now = this.clock.now();
        return {
            deployments: (args) => this.deploymentsConnection(args, now),
            deployment: (args) => {
                const found = this.find(String(args.id));
                if (!found)
                    throw new RailwayApiError('Deployment not found');
                return this.node(found, now);
            },
            serviceInstance: (args) => {
                if (args.environmentId !== this.environmentId || args.serviceId !== this.serviceId) {
                    if (this.tokenType === 'project')
                        throw new RailwayApiError('Not Authorized');
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
                if (!target)
                    throw new RailwayApiError('Deployment not found');
                if (!this.canRollback(target, now))
                    return false;
                this.rollBackTo(target);
                return true;
            },
        };
    }
    deploymentsConnection(args, now) {
        const input = (args.input ?? {});
        if (this.tokenType === 'project' && input.environmentId && input.environmentId !== this.environmentId) {
            throw new RailwayApiError('Not Authorized');
        }
        const inScope = (!input.projectId || input.projectId === this.projectId) &&
            (!input.environmentId || input.environmentId === this.environmentId) &&
            (!input.serviceId || input.serviceId === this.serviceId);
        const ordered = this.order === 'newest-first' ? this.newestFirst() : this.newestFirst().reverse();
        const matching = (inScope ? ordered : []).filter((d) => {
            const status = this.status(d, now);
            return ((!input.status?.in || input.status.in.includes(status)) &&
                (!input.status?.notIn || !input.status.notIn.includes(status)));
        });
        let start = 0;
        if (typeof args.after === 'string') {
            const index = matching.findIndex((d) => cursorOf(d) === args.after);
            if (index < 0)
                throw new RailwayApiError('Invalid cursor');
            start = index + 1;
        }
        const size = Math.max(0, Math.min(typeof args.first === 'number' ? args.first : this.maxPageSize, this.maxPageSize));
        const slice = matching.slice(start, start + size);
        return {
            edges: slice.map((d) => ({ cursor: cursorOf(d), node: this.node(d, now) })),
            pageInfo: {
                hasNextPage: start + slice.length < matching.length,
                hasPreviousPage: start > 0,
                startCursor: slice[0] ? cursorOf(slice[0]) : null,
                endCursor: slice.length ? cursorOf(slice[slice.length - 1]) : null,
            },
        };
    }
    /** A deployment as Railway's `Deployment` type answers it. */
    node(d, now) {
        const status = this.status(d, now);
        const meta = {
            branch: 'main',
            repo: 'acme/demo',
            commitHash: d.commit,
            commitMessage: `Deploy ${d.artifact}`,
        };
        if (this.markRollbacks)
            meta.reason = d.kind;
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
    create(spec) {
        this.settle();
        const createdAt = this.clock.now();
        const deployment = {
            id: (0,external_node_crypto_.randomUUID)(),
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
    rollBackTo(target) {
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
    settle() {
        const now = this.clock.now();
        const due = this.deployments
            .filter((d) => d.readyAt <= now && d.liveAt === undefined && d.failedAt === undefined && d.skippedAt === undefined)
            .sort((a, b) => a.readyAt - b.readyAt || a.createdAt - b.createdAt);
        for (const d of due) {
            if (d.skippedAt !== undefined)
                continue;
            if (d.outcome === 'fail') {
                d.failedAt = d.readyAt;
                continue;
            }
            for (const other of this.deployments) {
                if (other === d)
                    continue;
                if (other.liveAt !== undefined && other.removedAt === undefined)
                    other.removedAt = d.readyAt;
                else if (other.createdAt < d.createdAt &&
                    other.liveAt === undefined &&
                    other.failedAt === undefined &&
                    other.skippedAt === undefined)
                    other.skippedAt = d.readyAt;
            }
            d.liveAt = d.readyAt;
        }
    }
    status(d, now) {
        if (d.skippedAt !== undefined && d.skippedAt <= now)
            return 'SKIPPED';
        if (d.removedAt !== undefined && d.removedAt <= now)
            return 'REMOVED';
        if (d.liveAt !== undefined)
            return 'SUCCESS';
        if (d.failedAt !== undefined)
            return 'FAILED';
        return now - d.createdAt < this.buildDelayMs / 2 ? 'BUILDING' : 'DEPLOYING';
    }
    statusChangedAt(d, now) {
        const instants = [d.skippedAt, d.removedAt, d.liveAt, d.failedAt].filter((t) => t !== undefined && t <= now);
        if (instants.length)
            return Math.max(...instants);
        const deploying = d.createdAt + this.buildDelayMs / 2;
        return now >= deploying ? deploying : d.createdAt;
    }
    /** Was live, is not the one live now, and its image is still kept. */
    canRollback(d, now) {
        if (d.liveAt === undefined || d.removedAt === undefined)
            return false;
        return now - d.removedAt < this.imageRetentionMs;
    }
    live() {
        this.settle();
        return this.deployments.find((d) => d.liveAt !== undefined && d.removedAt === undefined);
    }
    find(id) {
        return this.deployments.find((d) => d.id === id);
    }
    newestFirst() {
        return [...this.deployments].sort((a, b) => b.createdAt - a.createdAt || this.deployments.indexOf(b) - this.deployments.indexOf(a));
    }
}
function viewState(status) {
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
function cursorOf(d) {
    return Buffer.from(`deployment:${d.id}`).toString('base64url');
}
/** A stable 40-hex commit for an artifact name. */
function commitOf(artifact) {
    return (0,external_node_crypto_.createHash)('sha1').update(artifact).digest('hex');
}
function iso(ms) {
    return new Date(ms).toISOString();
}

;// CONCATENATED MODULE: ./src/sandbox/render.ts
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


const DAY = 86_400_000;
const sha1 = (text) => (0,external_node_crypto_.createHash)('sha1').update(text).digest('hex');
const render_iso = (ms) => new Date(ms).toISOString();
const error = (status, id, message, headers) => ({
    status,
    body: { id, message },
    headers,
});
class RenderSandbox extends server/* SimulatedApi */.Zf {
    options;
    provider = 'render';
    serviceId;
    token;
    rollbackBehaviour;
    /** The service's auto-deploy setting ('yes' | 'no'), as a PATCH leaves it. */
    autoDeploy;
    /** Every request the simulated API answered (faults excluded), with its answer: for contract tests. */
    exchanges = [];
    clock;
    buildDelayMs;
    source;
    deploys = [];
    deployWrites = [];
    rollbacksReceived = 0;
    counter = 0;
    lastCreatedAt = 0;
    createdAt;
    constructor(options) {
        super();
        this.options = options;
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
            const deploy = this.create(spec, this.source === 'git' ? 'new_commit' : 'manual', started, 'live', 60_000);
            deploy.status = 'deactivated';
            deploy.finishedAt = deploy.endsAt;
        });
        const last = this.deploys.at(-1);
        if (last)
            last.status = 'live';
    }
    /** The base URL the Render API has at https://api.render.com/v1. */
    get apiUrl() {
        return `${this.server.url}/v1`;
    }
    actionInputs() {
        return { 'api-key': this.token, 'service-id': this.serviceId, 'api-url': this.apiUrl };
    }
    guardInputs() {
        return { provider: 'render', token: this.token, service: this.serviceId, 'api-url': this.apiUrl };
    }
    /** A deploy as a push creates it; `outcome` lets tests have one fail or hang. Returns its id. */
    deploy(spec) {
        this.advance();
        return this.create(spec, this.source === 'git' ? 'new_commit' : 'manual', this.clock.now(), spec.outcome ?? 'live').id;
    }
    liveArtifact() {
        this.advance();
        return this.deploys.find((d) => d.status === 'live')?.artifact;
    }
    list() {
        this.advance();
        return this.newestFirst().map((d) => ({
            id: d.id,
            state: render_viewState(d.status),
            status: d.status,
            artifact: d.artifact,
            createdAt: render_iso(d.createdAt),
            rollback: d.trigger === 'rollback',
        }));
    }
    /** Rollback requests that reached the API and were not refused with 429 (injected faults excluded). */
    rollbackRequests() {
        return this.rollbacksReceived;
    }
    /** POST and PATCH requests the simulated API carried out or refused (faults excluded). */
    mutatingRequests() {
        return this.exchanges.map((e) => e.request).filter((r) => this.isMutating(r));
    }
    isMutating(request) {
        return request.method !== 'GET';
    }
    /** Render's error body, `{id, message}`. */
    errorAnswer(message) {
        return error(500, 'internal', message);
    }
    // ---- state ----
    create(spec, trigger, at, outcome, delay = this.buildDelayMs) {
        // Strictly increasing times, as Render's microsecond timestamps are: the order never ties.
        const createdAt = Math.max(at, this.lastCreatedAt + 1);
        this.lastCreatedAt = createdAt;
        this.counter += 1;
        const commitId = spec.commit ?? sha1(`commit ${spec.artifact}`);
        const deploy = {
            id: `dep-sbx${String(this.counter).padStart(4, '0')}`,
            artifact: spec.artifact,
            commit: { id: commitId, message: `Release ${spec.artifact}`, createdAt: createdAt - 60_000 },
            image: this.source === 'image'
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
    newestFirst() {
        return [...this.deploys].sort((a, b) => b.createdAt - a.createdAt);
    }
    /** Brings every deploy up to the clock, in the order things happened. */
    advance() {
        const now = this.clock.now();
        const running = this.deploys
            .filter((d) => d.status.endsWith('_in_progress') || d.status === 'created' || d.status === 'queued')
            .sort((a, b) => a.endsAt - b.endsAt);
        for (const deploy of running) {
            if (deploy.outcome === 'never-live' || deploy.endsAt > now) {
                // Halfway through, a build turns into the update (the new instance starting).
                if (deploy.trigger !== 'rollback' &&
                    now >= deploy.createdAt + (deploy.endsAt - deploy.createdAt) / 2) {
                    if (deploy.status !== 'update_in_progress')
                        deploy.updatedAt = now;
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
    newerBuilds(deploy) {
        return this.deploys.filter((d) => d.builds && d.createdAt > deploy.createdAt && d.status !== 'build_failed').length;
    }
    // ---- HTTP ----
    handle(request) {
        const response = this.answer(request);
        this.exchanges.push({ request, response });
        return response;
    }
    answer(request) {
        if ((0,server/* bearerToken */.hC)(request) !== this.token)
            return error(401, 'unauthorized', 'unauthorized');
        const match = /^\/v1\/services\/([^/]+)(\/.*)?$/.exec(request.path);
        if (!match)
            return error(404, 'not-found', 'not found');
        const [, serviceId, rest = ''] = match;
        if (decodeURIComponent(serviceId) !== this.serviceId)
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
    listDeploys(request) {
        const limitText = request.query.get('limit') ?? '20';
        const limit = Number(limitText);
        if (!/^\d+$/.test(limitText) || limit < 1 || limit > 100)
            return error(400, 'bad-request', 'limit must be an integer between 1 and 100');
        let list = this.newestFirst();
        const cursor = request.query.get('cursor');
        if (cursor !== null) {
            const index = list.findIndex((d) => render_cursorOf(d) === cursor);
            if (index < 0)
                return error(400, 'bad-request', 'invalid cursor');
            list = list.slice(index + 1);
        }
        return {
            status: 200,
            body: list.slice(0, limit).map((d) => ({ cursor: render_cursorOf(d), deploy: this.deployBody(d) })),
        };
    }
    rollback(request) {
        const response = this.rollbackAnswer(request);
        // A 429 refuses the request before anything happens; everything else was a rollback request.
        if (response.status !== 429)
            this.rollbacksReceived += 1;
        return response;
    }
    rollbackAnswer(request) {
        const deployId = request.json?.deployId;
        if (typeof deployId !== 'string' || deployId === '')
            return error(400, 'bad-request', 'deployId is required');
        const target = this.deploys.find((d) => d.id === deployId);
        if (!target)
            return error(404, 'not-found', 'deploy not found');
        if (target.finishedAt === undefined || !['live', 'deactivated'].includes(target.status))
            return error(400, 'bad-request', `deploy ${deployId} did not succeed and cannot be rolled back to`);
        const retained = this.options.retainedBuilds ?? 30;
        // The build itself is one of the retained ones: N newer builds leave it out.
        if (target.builds ? this.newerBuilds(target) >= retained : false)
            return error(400, 'bad-request', `the build of deploy ${deployId} is no longer available for rollback`);
        const limited = this.deployWriteLimit();
        if (limited)
            return limited;
        const deploy = this.create({ artifact: target.artifact, commit: target.commit.id }, 'rollback', this.clock.now(), this.rollbackBehaviour);
        this.advance();
        return { status: 201, body: this.deployBody(deploy) };
    }
    triggerDeploy(request) {
        const body = (request.json ?? {});
        if (typeof body !== 'object' || Array.isArray(body))
            return error(400, 'bad-request', 'invalid body');
        const limited = this.deployWriteLimit();
        if (limited)
            return limited;
        const artifact = typeof body.commitId === 'string' ? body.commitId.slice(0, 7) : `deploy-${this.counter + 1}`;
        const deploy = this.create({ artifact, commit: typeof body.commitId === 'string' ? body.commitId : undefined }, 'api', this.clock.now(), 'live');
        this.advance();
        return { status: 201, body: this.deployBody(deploy) };
    }
    updateService(request) {
        const body = request.json;
        if (!body || typeof body !== 'object' || Array.isArray(body))
            return error(400, 'bad-request', 'the body must be a JSON object');
        if ('autoDeploy' in body && body.autoDeploy !== 'yes' && body.autoDeploy !== 'no')
            return error(400, 'bad-request', 'autoDeploy must be "yes" or "no"');
        const limited = this.deployWriteLimit();
        if (limited)
            return limited;
        if (body.autoDeploy === 'yes' || body.autoDeploy === 'no')
            this.autoDeploy = body.autoDeploy;
        return { status: 200, body: this.serviceBody() };
    }
    /** Render: about 10 deploy-type writes a minute per service, then 429 with Ratelimit-* headers. */
    deployWriteLimit() {
        const now = this.clock.now();
        const perMinute = this.options.deployWritesPerMinute ?? 10;
        while (this.deployWrites.length && this.deployWrites[0] <= now - 60_000)
            this.deployWrites.shift();
        if (this.deployWrites.length >= perMinute) {
            const resetSeconds = Math.max(1, Math.ceil((this.deployWrites[0] + 60_000 - now) / 1000));
            return error(429, 'rate-limited', 'rate limit exceeded', {
                'ratelimit-limit': String(perMinute),
                'ratelimit-remaining': '0',
                'ratelimit-reset': String(resetSeconds),
            });
        }
        this.deployWrites.push(now);
        return undefined;
    }
    deployBody(deploy) {
        return {
            id: deploy.id,
            commit: {
                id: deploy.commit.id,
                message: deploy.commit.message,
                createdAt: render_iso(deploy.commit.createdAt),
            },
            ...(deploy.image ? { image: deploy.image } : {}),
            status: deploy.status,
            trigger: deploy.trigger,
            startedAt: render_iso(deploy.createdAt),
            ...(deploy.finishedAt !== undefined ? { finishedAt: render_iso(deploy.finishedAt) } : {}),
            createdAt: render_iso(deploy.createdAt),
            updatedAt: render_iso(deploy.updatedAt),
        };
    }
    serviceBody() {
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
            createdAt: render_iso(this.createdAt),
            updatedAt: render_iso(this.clock.now()),
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
function render_cursorOf(deploy) {
    return Buffer.from(deploy.id).toString('base64url');
}
function render_viewState(status) {
    if (status === 'live')
        return 'live';
    if (status === 'deactivated')
        return 'superseded';
    if (status === 'canceled')
        return 'canceled';
    if (status.endsWith('_failed'))
        return 'failed';
    return 'in-progress';
}
/** A simulated Render service with these options, not yet started. */
function renderSandbox(options) {
    return new RenderSandbox(options);
}

;// CONCATENATED MODULE: ./src/sandbox/index.ts
/**
 * A simulated provider by name, for the guard's tests and the drill: one per entry of the provider
 * registry (a registered provider without a sandbox here does not type-check).
 */




const SANDBOX_PROVIDERS = registry/* PROVIDER_NAMES */.xd;
const SANDBOXES = {
    railway: RailwaySandbox,
    render: RenderSandbox,
    fly: FlySandbox,
};
function createProviderSandbox(name, options) {
    return new SANDBOXES[name](options);
}


/***/ }),

/***/ 2584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Zf: () => (/* binding */ SimulatedApi),
/* harmony export */   hC: () => (/* binding */ bearerToken)
/* harmony export */ });
/* unused harmony export SandboxServer */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The base of every sandbox server (simulated Railway, Render, Fly, the demo app): a real HTTP server
 * on 127.0.0.1 that records every request and can inject the faults real providers produce — 429 with
 * Retry-After, bursts of 5xx, slow answers, reset connections — before the simulated API answers.
 *
 * Sandboxes take a Clock: state that changes over time (a rollback going from building to live) is
 * read off it, so tests drive time with a ManualClock shared with the client, and drills use the
 * system clock.
 */

class SandboxServer {
    handler;
    /** Every request received, in order, faulted ones included. */
    requests = [];
    faults = [];
    server;
    url = '';
    constructor(handler) {
        this.handler = handler;
    }
    /** Queues a fault; faults are checked in the order they were injected. */
    inject(fault) {
        this.faults.push({ ...fault, left: fault.times ?? 1 });
        return this;
    }
    clearFaults() {
        this.faults.length = 0;
    }
    async start(port = 0) {
        this.server = node_http__WEBPACK_IMPORTED_MODULE_0___default().createServer((raw, response) => {
            const chunks = [];
            raw.on('data', (chunk) => chunks.push(chunk));
            raw.on('end', () => {
                void this.handle(raw, Buffer.concat(chunks).toString('utf8'), response);
            });
        });
        await new Promise((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
        this.url = `http://127.0.0.1:${this.server.address().port}`;
        return this.url;
    }
    async stop() {
        const server = this.server;
        if (!server)
            return;
        server.closeAllConnections();
        await new Promise((resolve) => server.close(() => resolve()));
        this.server = undefined;
    }
    async handle(raw, body, response) {
        const url = new URL(raw.url ?? '/', 'http://sandbox');
        const request = {
            method: raw.method ?? 'GET',
            path: url.pathname,
            query: url.searchParams,
            headers: raw.headers,
            body,
        };
        try {
            request.json = body ? JSON.parse(body) : undefined;
        }
        catch {
            request.json = undefined;
        }
        this.requests.push(request);
        const fault = this.faults.find((f) => f.left > 0 && (!f.when || f.when(request)));
        if (fault) {
            fault.left -= 1;
            request.faulted = fault.kind;
            if (fault.kind === 'reset') {
                response.socket?.destroy();
                return;
            }
            if (fault.kind === 'rate-limit') {
                const headers = { 'content-type': 'application/json' };
                if (fault.retryAfterSeconds !== undefined)
                    headers['retry-after'] = String(fault.retryAfterSeconds);
                return send(response, { status: 429, body: { error: 'rate limit exceeded' }, headers });
            }
            if (fault.kind === 'answer' && fault.answer)
                return send(response, fault.answer(request));
            if (fault.kind === 'server-error') {
                return send(response, {
                    status: fault.status ?? 503,
                    body: '<html><body>upstream error</body></html>',
                });
            }
            await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 100));
        }
        try {
            send(response, await this.handler(request));
        }
        catch (error) {
            send(response, {
                status: 500,
                body: { error: error instanceof Error ? error.message : String(error) },
            });
        }
    }
}
/**
 * A simulated API (a provider, the demo app) on its own SandboxServer: it answers through `handle`,
 * and starts and stops with its server.
 */
class SimulatedApi {
    server = new SandboxServer((request) => this.handle(request));
    async start() {
        await this.server.start();
    }
    async stop() {
        await this.server.stop();
    }
}
function send(response, answer) {
    if (response.destroyed)
        return;
    const isText = typeof answer.body === 'string';
    const headers = {
        'content-type': isText ? 'text/html; charset=utf-8' : 'application/json',
        ...answer.headers,
    };
    response.writeHead(answer.status, headers);
    response.end(answer.body === undefined ? '' : isText ? answer.body : JSON.stringify(answer.body));
}
/** The bearer token of a request ('Authorization: Bearer x'), or undefined. */
function bearerToken(request) {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^(?:Bearer|FlyV1)\s+(.+)$/i.exec(header) : null;
    return match?.[1];
}


/***/ })

};
