import { testContext } from '../../../__fixtures__/context.js';
import { sendJson, startServer, type TestServer } from '../../../__fixtures__/http-server.js';
import { LeaseKeeper } from '../../../src/providers/fly/leases.js';
import { FlyMachinesApi } from '../../../src/providers/fly/machines.js';

/** A Machines API whose first lease answer is lost (502) after the lease was made, by us or by someone else. */
let server: TestServer;
let lease: { nonce: string; description: string; expires_at: number } | undefined;
let madeBy: 'us' | 'someone else' | 'nobody';
let posts = 0;
/** Unix seconds the server's leases last until. */
let expiresAt = 1_900_000_000;
beforeAll(async () => {
  server = await startServer((request, response) => {
    if (request.path.endsWith('/lease') && request.method === 'POST') {
      posts += 1;
      const body = JSON.parse(request.body) as { description: string; ttl: number };
      if (lease && request.headers['fly-machine-lease-nonce'] === lease.nonce) {
        lease = { ...lease, expires_at: lease.expires_at + body.ttl };
        return sendJson(response, 201, { status: 'success', data: lease });
      }
      if (lease) return sendJson(response, 409, { error: 'lease currently held' });
      if (posts === 1 && madeBy === 'nobody') return sendJson(response, 503, { error: 'unavailable' });
      lease = {
        nonce: `n${posts}`,
        description: madeBy === 'us' ? body.description : 'fly deploy',
        expires_at: expiresAt,
      };
      return posts === 1
        ? sendJson(response, 502, { error: 'bad gateway' })
        : sendJson(response, 201, { status: 'success', data: lease });
    }
    if (request.path.endsWith('/lease') && request.method === 'GET') {
      return lease
        ? sendJson(response, 200, { status: 'success', data: lease })
        : sendJson(response, 404, { error: 'lease not found' });
    }
    if (request.path.endsWith('/lease') && request.method === 'DELETE') {
      lease = undefined;
      return sendJson(response, 200, {});
    }
    sendJson(response, 404, { error: 'not found' });
  });
});
afterAll(async () => server.close());
beforeEach(() => {
  expiresAt = 1_900_000_000;
  lease = undefined;
  posts = 0;
  server.requests.length = 0;
});

function keeper() {
  const { http, clock, log } = testContext();
  const api = new FlyMachinesApi(http, {
    url: `${server.url}/v1`,
    app: 'demo',
    authorization: 'FlyV1 fm2_x',
  });
  return new LeaseKeeper(api, {
    description: 'rollback-guard abc: rolling back to v2',
    deadline: clock.now() + 600_000,
    clock,
    log,
  });
}

/** The requests the API saw: 'POST lease', 'GET lease', ... */
const calls = () => server.requests.map((r) => `${r.method} ${r.path.split('/').pop()}`);

describe('the leases of a rollback', () => {
  it('recognise a lease whose answer was lost as ours, by its description, and use its nonce', async () => {
    madeBy = 'us';
    const leases = keeper();
    await leases.takeAll(['m1']);
    expect((await leases.fresh('m1')).nonce).toBe('n1');
    expect(posts).toBe(1);
    await leases.releaseAll();
    expect(calls()).toEqual(['POST lease', 'GET lease', 'DELETE lease']);
  });

  it('do not take over a lease someone else made meanwhile: the error stands', async () => {
    madeBy = 'someone else';
    const leases = keeper();
    await expect(leases.takeAll(['m1'])).rejects.toThrow('take the lease of Fly machine m1 failed: HTTP 502');
    expect(posts).toBe(1);
    expect(leases.count).toBe(0);
  });

  it('take the lease again when the lost answer made none', async () => {
    madeBy = 'nobody';
    const leases = keeper();
    await leases.takeAll(['m1']);
    expect((await leases.fresh('m1')).nonce).toBe('n2');
    expect(calls()).toEqual(['POST lease', 'GET lease', 'POST lease']);
  });

  it('extend a lease Fly granted for less time than the rollback needs, before the machine is updated', async () => {
    madeBy = 'us';
    // Granted for 30 s of the clock (ManualClock starts at 2026-01-01T00:00:00Z).
    expiresAt = Date.UTC(2026, 0, 1) / 1000 + 30;
    const leases = keeper();
    await leases.takeAll(['m1']);
    const extended = await leases.fresh('m1');
    expect(extended.expiresAt).toBeGreaterThan(Date.UTC(2026, 0, 1) + 600_000);
    const refresh = server.requests.at(-1);
    expect([refresh?.method, refresh?.headers['fly-machine-lease-nonce']]).toEqual(['POST', 'n1']);
  });
});
