import { SandboxServer } from '../../src/sandbox/server.js';

describe('SandboxServer', () => {
  let server: SandboxServer;
  beforeEach(async () => {
    server = new SandboxServer((request) => ({
      status: 200,
      body: { path: request.path, got: request.json },
    }));
    await server.start();
  });
  afterEach(async () => server.stop());

  it('answers through the handler and records requests with parsed JSON bodies', async () => {
    const response = await fetch(`${server.url}/x?y=1`, { method: 'POST', body: '{"a":1}' });
    expect(await response.json()).toEqual({ path: '/x', got: { a: 1 } });
    expect(server.requests).toMatchObject([{ method: 'POST', path: '/x', json: { a: 1 } }]);
    expect(server.requests[0]?.query.get('y')).toBe('1');
  });

  it('injects faults in order, each for its number of matching requests', async () => {
    server
      .inject({ kind: 'rate-limit', retryAfterSeconds: 2, when: (r) => r.method === 'POST' })
      .inject({ kind: 'server-error', times: 2 });
    const post = await fetch(server.url, { method: 'POST' });
    expect([post.status, post.headers.get('retry-after')]).toEqual([429, '2']);
    expect((await fetch(server.url)).status).toBe(503);
    expect((await fetch(server.url)).status).toBe(503);
    expect((await fetch(server.url)).status).toBe(200);
    expect(server.requests.map((r) => r.faulted)).toEqual([
      'rate-limit',
      'server-error',
      'server-error',
      undefined,
    ]);
  });

  it('can reset the connection', async () => {
    server.inject({ kind: 'reset' });
    await expect(fetch(server.url)).rejects.toThrow();
    expect((await fetch(server.url)).status).toBe(200);
  });
});
