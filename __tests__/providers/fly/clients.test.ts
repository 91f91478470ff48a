import { sendJson, startServer, type TestServer } from '../../../__fixtures__/http-server.js';
import { ManualClock } from '../../../src/core/clock.js';
import { ProviderError } from '../../../src/core/errors.js';
import { HttpClient } from '../../../src/core/http.js';
import { Secrets } from '../../../src/core/secrets.js';
import { bareFlyToken, flyAuthorization, flyTokenForms } from '../../../src/providers/fly/auth.js';
import { FlyReleasesApi } from '../../../src/providers/fly/graphql.js';
import { FlyMachinesApi } from '../../../src/providers/fly/machines.js';
import { flyWorld, image, TOKEN, type FlyWorld } from './setup.js';

function http(secrets = new Secrets()): HttpClient {
  const clock = new ManualClock();
  return new HttpClient({
    fetch: (i, init) => fetch(i, init),
    clock,
    sleep: clock.sleep,
    random: () => 0.5,
    secrets,
  });
}

async function thrown(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected a ProviderError');
}

describe('Fly tokens', () => {
  it('sends macaroons as FlyV1 and other tokens as Bearer, without doubling a pasted scheme', () => {
    expect(flyAuthorization('fm2_abc')).toBe('FlyV1 fm2_abc');
    expect(flyAuthorization('fm1r_abc')).toBe('FlyV1 fm1r_abc');
    expect(flyAuthorization('FlyV1 fm2_abc,fm2_def')).toBe('FlyV1 fm2_abc,fm2_def');
    expect(flyAuthorization(' personal-token ')).toBe('Bearer personal-token');
    expect(flyAuthorization('Bearer personal-token')).toBe('Bearer personal-token');
    expect(bareFlyToken('FlyV1  fm2_abc')).toBe('fm2_abc');
  });

  it('lists every form of a token that may show up in text, for redaction', () => {
    expect(flyTokenForms('FlyV1 fm2_abc,fm2_def')).toEqual([
      'FlyV1 fm2_abc,fm2_def',
      'fm2_abc,fm2_def',
      'fm2_abc',
      'fm2_def',
    ]);
  });
});

describe('the Fly GraphQL client', () => {
  let world: FlyWorld;
  afterEach(async () => world?.stop());

  it('reads releases page by page, newest first, and stops when it has enough', async () => {
    const history = Array.from({ length: 8 }, (_, i) => ({ artifact: image(`r-${i + 1}`) }));
    world = await flyWorld({ history });
    const releases = world.provider().releases;
    const all = await releases.list({ pageSize: 3, maxPages: 10 });
    expect(all.complete).toBe(true);
    expect(all.releases.map((r) => r.version)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    const graphqlCalls = () => world.sandbox.server.requests.filter((r) => r.path === '/graphql');
    expect(
      graphqlCalls().map((r) => (r.json as { variables: { after: string | null } }).variables.after === null),
    ).toEqual([true, false, false]);

    // The provider reads only as far as it needs: the live release and a known good one before it…
    world.sandbox.server.requests.length = 0;
    const state = await world.provider({ pageSize: 3 }).readState();
    expect(graphqlCalls()).toHaveLength(1);
    expect(state.snapshot.details?.fly).toMatchObject({
      releasesRead: 'the newest 3 releases (older ones were not needed)',
    });
    // …or as far back as the target.
    world.sandbox.server.requests.length = 0;
    await world.provider({ pageSize: 3, target: 'v1' }).readState();
    expect(graphqlCalls()).toHaveLength(3);
  });

  it('says when the app does not exist, with the API’s words and what to check', async () => {
    world = await flyWorld();
    const api = new FlyReleasesApi(http(), {
      url: world.sandbox.graphqlUrl,
      app: 'nope',
      authorization: flyAuthorization(TOKEN),
    });
    const error = await thrown(api.page(10));
    expect(error.message).toBe(
      "list the releases of Fly app 'nope' failed: Could not find App \"nope\". Check the app name 'nope' (`fly apps list`) and that the token belongs to its organization",
    );
    expect(error.retryable).toBe(false);
  });

  it('refuses a macaroon sent as Bearer, as Fly does, and says to check the token', async () => {
    world = await flyWorld();
    const api = new FlyReleasesApi(http(), {
      url: world.sandbox.graphqlUrl,
      app: 'demo',
      authorization: `Bearer ${TOKEN}`,
    });
    const error = await thrown(api.page(10));
    expect(error.status).toBe(401);
    expect(error.message).toContain('You must be authenticated to view this.');
    expect(error.message).toContain('Check that `api-token` is a Fly.io token');
  });
});

describe('answers that do not match the contract', () => {
  let server: TestServer;
  let reply: (path: string, method: string) => { status: number; body: unknown };
  beforeAll(async () => {
    server = await startServer((request, response) => {
      const { status, body } = reply(request.path, request.method);
      sendJson(response, status, body);
    });
  });
  afterAll(async () => server.close());

  const machines = (secrets?: Secrets) =>
    new FlyMachinesApi(http(secrets), {
      url: `${server.url}/v1`,
      app: 'demo',
      authorization: 'FlyV1 fm2_x',
      secrets,
    });
  const releases = () =>
    new FlyReleasesApi(http(), { url: `${server.url}/graphql`, app: 'demo', authorization: 'FlyV1 fm2_x' });

  it('names the field of a machine that does not match', async () => {
    reply = () => ({ status: 200, body: [{ id: 'm1', state: 'started', config: { image: 42 } }] });
    const error = await thrown(machines().list());
    expect(error.message).toMatch(
      /^Fly machines response: \[0\]\.config\.image: expected string, received number\. /,
    );
  });

  it('names the field of a release that does not match', async () => {
    reply = () => ({
      status: 200,
      body: {
        data: {
          app: {
            id: 'a',
            name: 'demo',
            releasesUnprocessed: {
              nodes: [{ id: 'r', version: '3', status: 'complete', createdAt: '2026-01-01T00:00:00Z' }],
              pageInfo: { hasNextPage: false },
            },
          },
        },
      },
    });
    const error = await thrown(releases().page(5));
    expect(error.message).toContain(
      'Fly releases response: data.app.releasesUnprocessed.nodes[0].version: expected number, received string',
    );
  });

  it('takes a lease in either shape (the {status, data} envelope, or the bare Lease of the spec)', async () => {
    reply = () => ({
      status: 201,
      body: { status: 'success', data: { nonce: 'n1', expires_at: 1_800_000_000, owner: 'me' } },
    });
    expect(await machines().acquireLease('m1', { ttlSeconds: 60, description: 'x' })).toEqual({
      nonce: 'n1',
      expiresAt: 1_800_000_000_000,
      owner: 'me',
      description: undefined,
    });
    reply = () => ({ status: 200, body: { nonce: 'n2', expires_at: 1_800_000_000 } });
    expect((await machines().acquireLease('m1', { ttlSeconds: 60, description: 'x' })).nonce).toBe('n2');
    reply = () => ({ status: 200, body: { status: 'success' } });
    const error = await thrown(machines().acquireLease('m1', { ttlSeconds: 60, description: 'x' }));
    expect(error.message).toContain('the answer holds no lease nonce (data.nonce)');
  });

  it('tells a wait that ran out (408) from an error, and never asks for more than 60 s', async () => {
    reply = () => ({
      status: 408,
      body: { error: 'machine failed to reach desired state, started, currently starting' },
    });
    expect(await machines().wait('m1', { state: 'started', timeoutSeconds: 300, instanceId: 'i1' })).toBe(
      'timeout',
    );
    const last = server.requests.at(-1);
    expect(last?.url).toBe('/v1/apps/demo/machines/m1/wait?state=started&timeout=60&instance_id=i1');
    reply = () => ({ status: 400, body: { error: 'invalid_argument: bad state' } });
    const error = await thrown(machines().wait('m1', { state: 'started', timeoutSeconds: 5 }));
    expect(error.message).toBe(
      'wait for Fly machine m1 to be started failed: HTTP 400: invalid_argument: bad state',
    );
  });

  it('gives Fly’s own error text, with secrets removed', async () => {
    const secrets = new Secrets();
    secrets.add('fm2_x');
    reply = () => ({ status: 404, body: { error: 'machine not found (token fm2_x)' } });
    const error = await thrown(machines(secrets).get('m9'));
    expect(error.message).toBe(
      'get Fly machine m9 failed: HTTP 404: machine not found (token ***). Not found: check the service, app or deployment id',
    );
  });
});
