/**
 * The simulated Fly API on its own: what tests, the guard and the drill rely on besides what the
 * rollback scenarios already show — leases enforced, the wait endpoint's limits, deploys going live
 * over time, the live artifact of machines that disagree, and how rollbacks are counted.
 */
import { ManualClock } from '../../../src/core/clock.js';
import { FlySandbox } from '../../../src/sandbox/fly.js';
import { HISTORY, image, TOKEN } from './setup.js';

let sandbox: FlySandbox;
let clock: ManualClock;
beforeEach(async () => {
  clock = new ManualClock();
  sandbox = new FlySandbox({ clock, token: TOKEN, history: HISTORY, buildDelayMs: 1000 });
  await sandbox.start();
});
afterEach(async () => sandbox.stop());

const [A, B] = ['148ed193b95d00', '148ed193b95ef3'];
const auth = { authorization: `FlyV1 ${TOKEN}` };
async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${sandbox.machinesUrl}${path}`, {
    method,
    headers: { ...auth, ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const machine = async (id: string) =>
  (await call('GET', `/apps/demo/machines/${id}`)).body as {
    config: Record<string, unknown>;
    instance_id: string;
    state: string;
  };

describe('the simulated Fly API', () => {
  it('refuses writes to a leased machine without its nonce, in Fly’s words, and takes them with it', async () => {
    const lease = await call('POST', `/apps/demo/machines/${A}/lease`, { ttl: 30, description: 'test' });
    expect(lease.status).toBe(201);
    const nonce = (lease.body.data as { nonce: string }).nonce;
    const { config } = await machine(A);
    const refused = await call('POST', `/apps/demo/machines/${A}`, {
      config: { ...config, image: image('good-2') },
    });
    expect(refused).toEqual({
      status: 409,
      body: {
        error: `aborted: machine ID ${A} lease currently held by sandbox-user@tokens.fly.io, expires at 2026-01-01T00:00:30Z`,
      },
    });
    const again = await call('POST', `/apps/demo/machines/${A}/lease`, { ttl: 30 });
    expect(again.status).toBe(409);
    const updated = await call(
      'POST',
      `/apps/demo/machines/${A}`,
      { config: { ...config, image: image('good-2') } },
      { 'fly-machine-lease-nonce': nonce },
    );
    expect(updated.status).toBe(200);
    // Expired leases protect nothing.
    clock.advance(31_000);
    expect((await call('GET', `/apps/demo/machines/${A}/lease`)).status).toBe(404);
    expect((await call('POST', `/apps/demo/machines/${A}`, { config })).status).toBe(200);
  });

  it('waits for a version to reach a state, at most 60 s per call, and answers 408 when it does not', async () => {
    const { config } = await machine(A);
    const updated = (
      await call('POST', `/apps/demo/machines/${A}`, { config: { ...config, image: image('good-2') } })
    ).body as {
      instance_id: string;
      state: string;
    };
    expect(updated.state).toBe('starting');
    const started = clock.now();
    const wait = await call(
      'GET',
      `/apps/demo/machines/${A}/wait?state=started&timeout=10&instance_id=${updated.instance_id}`,
    );
    expect(wait).toEqual({ status: 200, body: { ok: true, state: 'started', version: updated.instance_id } });
    expect(clock.now() - started).toBe(1000);
    expect((await call('GET', `/apps/demo/machines/${A}/wait?state=stopped&timeout=5`)).status).toBe(408);
    expect(clock.now() - started).toBe(6000);
    expect((await call('GET', `/apps/demo/machines/${A}/wait?state=started&timeout=61`)).body).toEqual({
      error: 'invalid_argument: timeout must be between 1s and 1m0s',
    });
    expect((await call('GET', `/apps/demo/machines/${A}/wait?state=started&instance_id=old`)).status).toBe(
      400,
    );
  });

  it('deploys a new release that goes live after the build delay, and counts it as no rollback', async () => {
    expect(sandbox.deploy({ artifact: image('good-4') })).toBe('v4');
    expect(sandbox.list()[0]).toMatchObject({ id: 'v4', state: 'in-progress', status: 'running' });
    expect(sandbox.liveArtifact()).toBe(image('bad-3'));
    clock.advance(1000);
    expect(sandbox.list().map((d) => [d.id, d.state])).toEqual([
      ['v4', 'live'],
      ['v3', 'superseded'],
      ['v2', 'superseded'],
      ['v1', 'superseded'],
    ]);
    expect(sandbox.machineSummaries().map((m) => [m.image, m.release])).toEqual([
      [image('good-4'), 4],
      [image('good-4'), 4],
    ]);
    expect(sandbox.rollbackRequests()).toBe(0);
  });

  it('has no single live artifact while the started machines disagree (the demo app treats that as broken)', async () => {
    sandbox.setImage(A, image('good-2'));
    expect(sandbox.liveArtifact()).toBeUndefined();
    expect(sandbox.servingArtifacts()).toEqual([image('good-2'), image('bad-3')]);
  });

  it('counts machine updates to one image as one rollback, and a second pass over a machine as another', async () => {
    for (const id of [A, B, A]) {
      const { config } = await machine(id);
      await call('POST', `/apps/demo/machines/${id}`, { config: { ...config, image: image('good-2') } });
    }
    expect(sandbox.updateRequests().map((u) => u.machine)).toEqual([A, B, A]);
    expect(sandbox.rollbackRequests()).toBe(2);
  });

  it('answers only the right token with the right scheme', async () => {
    const wrong = await fetch(`${sandbox.machinesUrl}/apps/demo/machines`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect([wrong.status, await wrong.json()]).toEqual([401, { error: 'unauthorized' }]);
    expect((await call('GET', '/apps/other/machines')).status).toBe(404);
  });
});
