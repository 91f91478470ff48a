import { ManualClock } from '../../../src/core/clock.js';
import type { RenderSandbox } from '../../../src/sandbox/render.js';
import { startSandbox, TOKEN } from './setup.js';

const auth = { authorization: `Bearer ${TOKEN}` };

interface DeployBody {
  id: string;
  status: string;
  trigger: string;
  commit: { id: string; message: string };
  image?: { ref: string; sha: string };
  finishedAt?: string;
}
interface PageItem {
  cursor: string;
  deploy: DeployBody;
}

describe('the simulated Render API', () => {
  let clock: ManualClock;
  let sandbox: RenderSandbox;
  const get = async <T = DeployBody>(path: string, headers: Record<string, string> = auth) => {
    const response = await fetch(`${sandbox.apiUrl}${path}`, { headers });
    return { status: response.status, headers: response.headers, body: (await response.json()) as T };
  };
  const send = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${sandbox.apiUrl}${path}`, {
      method,
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as DeployBody,
    };
  };
  const svc = () => `/services/${sandbox.serviceId}`;

  beforeEach(async () => {
    clock = new ManualClock();
    sandbox = await startSandbox({ clock });
  });
  afterEach(async () => sandbox.stop());

  it('starts with the history given, the last deploy live and the others deactivated', () => {
    expect(sandbox.list().map((d) => [d.artifact, d.status, d.state])).toEqual([
      ['v3-bad', 'live', 'live'],
      ['v2-good', 'deactivated', 'superseded'],
      ['v1-good', 'deactivated', 'superseded'],
    ]);
    expect(sandbox.liveArtifact()).toBe('v3-bad');
    expect(sandbox.actionInputs()).toEqual({
      'api-key': TOKEN,
      'service-id': sandbox.serviceId,
      'api-url': sandbox.apiUrl,
    });
    expect(sandbox.guardInputs()).toMatchObject({
      provider: 'render',
      token: TOKEN,
      service: sandbox.serviceId,
    });
  });

  it('answers 401 without the key and 404 for another service, another deploy or a path outside /v1', async () => {
    expect(await get(svc(), {})).toMatchObject({ status: 401, body: { message: 'unauthorized' } });
    expect(await get(svc(), { authorization: 'Bearer wrong' })).toMatchObject({ status: 401 });
    expect(await get('/services/srv-other')).toMatchObject({
      status: 404,
      body: { message: 'service not found' },
    });
    expect(await get(`${svc()}/deploys/dep-nope`)).toMatchObject({
      status: 404,
      body: { message: 'deploy not found' },
    });
    const outside = await fetch(`${sandbox.server.url}${svc()}`, { headers: auth });
    expect(outside.status).toBe(404);
  });

  it('pages deploys newest first with cursors, ends with an empty page, and rejects bad limits and cursors', async () => {
    const first = await get<PageItem[]>(`${svc()}/deploys?limit=2`);
    expect(first.body.map((item) => item.deploy.commit.message)).toEqual([
      'Release v3-bad',
      'Release v2-good',
    ]);
    const second = await get<PageItem[]>(`${svc()}/deploys?limit=2&cursor=${first.body[1]!.cursor}`);
    expect(second.body.map((item) => item.deploy.commit.message)).toEqual(['Release v1-good']);
    const third = await get(`${svc()}/deploys?limit=2&cursor=${second.body[0]!.cursor}`);
    expect(third).toMatchObject({ status: 200, body: [] });
    expect((await get(`${svc()}/deploys`)).body).toHaveLength(3);
    expect(await get(`${svc()}/deploys?limit=101`)).toMatchObject({ status: 400 });
    expect(await get(`${svc()}/deploys?limit=0`)).toMatchObject({ status: 400 });
    expect(await get(`${svc()}/deploys?cursor=bogus`)).toMatchObject({
      status: 400,
      body: { message: 'invalid cursor' },
    });
  });

  it('rolls back: a trigger-rollback deploy goes update_in_progress, then live after the delay; the old one is deactivated', async () => {
    const [live, middle] = sandbox.list();
    const created = await send('POST', `${svc()}/rollback`, { deployId: middle!.id });
    expect(created).toMatchObject({
      status: 201,
      body: { trigger: 'rollback', status: 'update_in_progress' },
    });
    expect(created.body.commit.message).toBe('Release v2-good');
    expect(created.body.finishedAt).toBeUndefined();
    clock.advance(4_999);
    expect((await get(`${svc()}/deploys/${created.body.id}`)).body.status).toBe('update_in_progress');
    expect(sandbox.liveArtifact()).toBe('v3-bad');
    clock.advance(1);
    const done = await get(`${svc()}/deploys/${created.body.id}`);
    expect(done.body).toMatchObject({ status: 'live', finishedAt: new Date(clock.now()).toISOString() });
    expect(sandbox.liveArtifact()).toBe('v2-good');
    expect((await get(`${svc()}/deploys/${live!.id}`)).body.status).toBe('deactivated');
    expect(sandbox.rollbackRequests()).toBe(1);
  });

  it('a failing rollback ends update_failed and leaves the live deploy; a hanging one never ends', async () => {
    sandbox.rollbackBehaviour = 'fail';
    const middle = sandbox.list()[1]!;
    const failing = await send('POST', `${svc()}/rollback`, { deployId: middle.id });
    clock.advance(10_000);
    expect((await get(`${svc()}/deploys/${failing.body.id}`)).body.status).toBe('update_failed');
    expect(sandbox.liveArtifact()).toBe('v3-bad');

    sandbox.rollbackBehaviour = 'never-live';
    const hanging = await send('POST', `${svc()}/rollback`, { deployId: middle.id });
    clock.advance(3_600_000);
    expect((await get(`${svc()}/deploys/${hanging.body.id}`)).body.status).toBe('update_in_progress');
    expect(sandbox.liveArtifact()).toBe('v3-bad');
  });

  it('a deploy builds, then updates, then goes live', async () => {
    const id = sandbox.deploy({ artifact: 'v4', commit: 'a'.repeat(40) });
    expect(sandbox.list()[0]).toMatchObject({ id, status: 'build_in_progress', state: 'in-progress' });
    clock.advance(2_500);
    expect(sandbox.list()[0]).toMatchObject({ id, status: 'update_in_progress' });
    clock.advance(2_500);
    expect(sandbox.list()[0]).toMatchObject({ id, status: 'live' });
    expect((await get(`${svc()}/deploys/${id}`)).body.commit.id).toBe('a'.repeat(40));
  });

  it('refuses a rollback to a deploy that never went live, or whose build is no longer retained', async () => {
    const small = await startSandbox({ clock, retainedBuilds: 2 });
    try {
      const [, middle, oldest] = small.list();
      const expired = await fetch(`${small.apiUrl}/services/${small.serviceId}/rollback`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ deployId: oldest!.id }),
      });
      expect(expired.status).toBe(400);
      expect(((await expired.json()) as { message: string }).message).toMatch(/no longer available/);
      const ok = await fetch(`${small.apiUrl}/services/${small.serviceId}/rollback`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ deployId: middle!.id }),
      });
      expect(ok.status).toBe(201);
    } finally {
      await small.stop();
    }
    const pending = sandbox.deploy({ artifact: 'v4' });
    expect(await send('POST', `${svc()}/rollback`, { deployId: pending })).toMatchObject({ status: 400 });
    expect(await send('POST', `${svc()}/rollback`, {})).toMatchObject({
      status: 400,
      body: { message: 'deployId is required' },
    });
    expect(await send('POST', `${svc()}/rollback`, { deployId: 'dep-nope' })).toMatchObject({ status: 404 });
  });

  it('limits deploy-type writes to 10 a minute with 429 and Ratelimit-* headers (no Retry-After)', async () => {
    const middle = sandbox.list()[1]!;
    for (let i = 0; i < 10; i++) {
      expect((await send('POST', `${svc()}/rollback`, { deployId: middle.id })).status).toBe(201);
      clock.advance(1_000);
    }
    const limited = await send('POST', `${svc()}/rollback`, { deployId: middle.id });
    expect(limited.status).toBe(429);
    expect([
      limited.headers.get('ratelimit-limit'),
      limited.headers.get('ratelimit-remaining'),
      limited.headers.get('ratelimit-reset'),
      limited.headers.get('retry-after'),
    ]).toEqual(['10', '0', '50', null]);
    expect(sandbox.rollbackRequests()).toBe(10);
    clock.advance(50_000);
    expect((await send('POST', `${svc()}/rollback`, { deployId: middle.id })).status).toBe(201);
  });

  it('reads and patches the service: autoDeploy yes/no, anything else is a 400', async () => {
    expect((await get(svc())).body).toMatchObject({
      id: sandbox.serviceId,
      autoDeploy: 'yes',
      type: 'web_service',
    });
    expect(await send('PATCH', svc(), { autoDeploy: 'no' })).toMatchObject({
      status: 200,
      body: { autoDeploy: 'no' },
    });
    expect(sandbox.autoDeploy).toBe('no');
    expect(await send('PATCH', svc(), { autoDeploy: false })).toMatchObject({ status: 400 });
    expect(sandbox.autoDeploy).toBe('no');
  });

  it('simulates an image-backed service: deploys carry the image ref and digest', async () => {
    const image = await startSandbox({ clock, source: 'image' });
    try {
      const response = await fetch(`${image.apiUrl}/services/${image.serviceId}/deploys`, { headers: auth });
      const [first] = (await response.json()) as PageItem[];
      expect(first!.deploy.image).toEqual({
        ref: 'ghcr.io/example/app:v3-bad',
        sha: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      });
      expect(image.autoDeploy).toBe('no');
    } finally {
      await image.stop();
    }
  });
});
