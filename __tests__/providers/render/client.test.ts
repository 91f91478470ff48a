import { startAnswering, type TestServer } from '../../../__fixtures__/http-server.js';
import { ManualClock } from '../../../src/core/clock.js';
import { ProviderError } from '../../../src/core/errors.js';
import { parseRateLimitReset } from '../../../src/core/http.js';
import { autoDeployOn, RenderClient } from '../../../src/providers/render/client.js';
import type { RenderSandbox } from '../../../src/sandbox/render.js';
import { clientFor, harness, retryLines, startSandbox, TOKEN, type Harness } from './setup.js';

const deploy = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  status: 'live',
  trigger: 'new_commit',
  createdAt: '2026-01-01T00:00:00Z',
  ...extra,
});

describe('the Render client against the simulated API', () => {
  let sandbox: RenderSandbox;
  let h: Harness;
  beforeEach(async () => {
    const clock = new ManualClock();
    sandbox = await startSandbox({
      clock,
      history: Array.from({ length: 7 }, (_, i) => ({ artifact: `v${i + 1}` })),
    });
    h = harness(clock);
  });
  afterEach(async () => sandbox.stop());

  it('follows cursors page by page until an empty page, keeping the base path (/v1)', async () => {
    const history = await clientFor(sandbox, h).listDeploys({ pageSize: 3 });
    expect(history.deploys.map((d) => d.commit?.message)).toEqual(
      [7, 6, 5, 4, 3, 2, 1].map((n) => `Release v${n}`),
    );
    expect(history).toMatchObject({ pages: 4, truncated: false });
    const lists = sandbox.server.requests.filter((r) => r.path.endsWith('/deploys'));
    expect(lists.map((r) => r.query.toString())).toEqual([
      'limit=3',
      `limit=3&cursor=${lists[1]!.query.get('cursor')}`,
      `limit=3&cursor=${lists[2]!.query.get('cursor')}`,
      `limit=3&cursor=${lists[3]!.query.get('cursor')}`,
    ]);
    expect(lists.every((r) => r.path.startsWith('/v1/services/'))).toBe(true);
  });

  it('stops at the cap and says the history was cut', async () => {
    const history = await clientFor(sandbox, h).listDeploys({ max: 4, pageSize: 3 });
    expect(history.deploys).toHaveLength(4);
    expect(history).toMatchObject({ pages: 2, truncated: true });
    // The page size never asks for more than the cap.
    expect((await clientFor(sandbox, h).listDeploys({ max: 2 })).pages).toBe(1);
    expect(sandbox.server.requests.at(-1)?.query.get('limit')).toBe('2');
  });

  it("reports Render's own message and what to do for a refused key or an unknown service", async () => {
    await expect(clientFor(sandbox, h, 'rnd_wrong_key_1234').getService()).rejects.toThrow(
      /read Render service srv-sandbox0001 failed: HTTP 401: unauthorized\. Render refused the API key: check the `api-key` secret/,
    );
    const other = new RenderClient({
      http: h.http,
      apiKey: TOKEN,
      serviceId: 'srv-nope',
      apiUrl: sandbox.apiUrl,
    });
    await expect(other.listDeploys()).rejects.toThrow(/HTTP 404: service not found\. Check `service-id`/);
  });

  it('reads, rolls back, polls and turns auto-deploy off', async () => {
    const client = clientFor(sandbox, h);
    const service = await client.getService();
    expect(autoDeployOn(service)).toBe(true);
    const target = (await client.listDeploys()).deploys[1]!;
    const created = await client.rollback(target.id);
    expect(created).toMatchObject({ trigger: 'rollback', status: 'update_in_progress' });
    expect((await client.getDeploy(created.id)).id).toBe(created.id);
    expect(autoDeployOn(await client.setAutoDeploy('no'))).toBe(false);
    expect(sandbox.autoDeploy).toBe('no');
  });

  it('makes a refused rollback (an expired build) a clear failure that says what to do', async () => {
    const small = await startSandbox({ clock: h.clock, retainedBuilds: 2 });
    try {
      const client = clientFor(small, h);
      const oldest = (await client.listDeploys()).deploys.at(-1)!;
      const error = await client.rollback(oldest.id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).message).toMatch(
        /HTTP 400: the build of deploy dep-sbx\d+ is no longer available for rollback\. Render refused to roll back to dep-sbx\d+\. The usual cause is that its build artifact is no longer retained \(Render keeps the last 2 builds on Free/,
      );
      expect((error as ProviderError).retryable).toBe(false);
    } finally {
      await small.stop();
    }
  });

  it('waits for Ratelimit-Reset after a 429 without Retry-After, and sends the rollback once more', async () => {
    sandbox.server.inject({ kind: 'rate-limit', when: (r) => r.method === 'POST' });
    const client = clientFor(sandbox, h);
    const target = (await client.listDeploys()).deploys[1]!;
    // The injected 429 has neither header: full-jitter backoff (random 0.5 of 500 ms).
    await client.rollback(target.id);
    expect(retryLines(h)).toEqual(['rate-limited: HTTP 429, no Retry-After (250 ms)']);
    expect(sandbox.rollbackRequests()).toBe(1);

    // Render's own 429 carries Ratelimit-Reset only; the client waits that long.
    const busy = await startSandbox({ clock: h.clock, deployWritesPerMinute: 1 });
    try {
      const busyClient = clientFor(busy, h);
      const busyTarget = (await busyClient.listDeploys()).deploys[1]!;
      await busyClient.rollback(busyTarget.id);
      h.clock.advance(15_000);
      await busyClient.rollback(busyTarget.id);
      expect(retryLines(h).at(-1)).toBe('rate-limited: HTTP 429, asked to wait 45000 ms (45000 ms)');
      expect(busy.rollbackRequests()).toBe(2);
    } finally {
      await busy.stop();
    }
  });
});

describe('the Render client against malformed or hostile answers', () => {
  let server: TestServer;
  let answer: (path: string) => { status: number; body: unknown };
  let h: Harness;
  const client = () =>
    new RenderClient({
      http: h.http,
      apiKey: TOKEN,
      serviceId: 'srv-1',
      apiUrl: `${server.url}/v1`,
      secrets: h.secrets,
    });

  beforeAll(async () => {
    server = await startAnswering((request) => answer(request.url));
  });
  afterAll(async () => server.close());
  beforeEach(() => {
    h = harness(new ManualClock());
  });

  it('names the field that does not match: "[0].deploy.status: expected string"', async () => {
    answer = () => ({ status: 200, body: [{ cursor: 'a', deploy: deploy('dep-1', { status: 3 }) }] });
    await expect(client().listDeploys()).rejects.toThrow(
      'Render deploys response: [0].deploy.status: expected string, received number.',
    );
    answer = () => ({ status: 200, body: [{ cursor: 'a', deploy: { id: 'dep-1' } }, { cursor: 'b' }] });
    await expect(client().listDeploys()).rejects.toThrow(
      /Render deploys response: \[0\]\.deploy\.createdAt: expected string, received undefined; \[1\]\.deploy: expected object, received undefined/,
    );
    answer = () => ({ status: 200, body: { deploys: [] } });
    await expect(client().listDeploys()).rejects.toThrow(
      /\(the whole response\): expected array, received object/,
    );
  });

  it('accepts null for fields that are not there yet, and unknown statuses and triggers as text', async () => {
    answer = () => ({
      status: 200,
      body: deploy('dep-1', {
        finishedAt: null,
        commit: null,
        status: 'pre_deploy_queued',
        trigger: 'something_new',
      }),
    });
    expect(await client().getDeploy('dep-1')).toMatchObject({
      finishedAt: undefined,
      commit: undefined,
      status: 'pre_deploy_queued',
    });
  });

  it('stops when a cursor repeats instead of looping', async () => {
    answer = (url) => ({ status: 200, body: [{ cursor: 'same', deploy: deploy(`dep-${url.length}`) }] });
    const history = await client().listDeploys({ pageSize: 1 });
    expect(history).toMatchObject({ pages: 2, truncated: true });
  });

  it('never repeats the key, even when the server echoes it, and says so for a web page instead of JSON', async () => {
    answer = () => ({ status: 403, body: { id: 'forbidden', message: `key ${TOKEN} has no access` } });
    const error = (await client()
      .getService()
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('HTTP 403: key *** has no access');
    expect(error.message).not.toContain(TOKEN);
    answer = () => ({ status: 200, body: '<html>proxy login</html>' });
    await expect(client().getService()).rejects.toThrow(
      /the answer is not JSON \(HTTP 200: <html>proxy login<\/html>\)/,
    );
  });
});

describe('RateLimit-Reset', () => {
  it('is read as seconds from now, or as epoch seconds when it is that large', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(parseRateLimitReset('45', now)).toBe(45_000);
    expect(parseRateLimitReset(String(now / 1000 + 30), now)).toBe(30_000);
    expect(parseRateLimitReset(String(now / 1000 - 30), now)).toBe(0);
    expect(parseRateLimitReset('soon', now)).toBeUndefined();
    expect(parseRateLimitReset(null, now)).toBeUndefined();
  });
});
