import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../../src/core/clock.js';
import { parseStatusList } from '../../src/core/parse.js';
import { readHealthBody } from '../../src/probe/health-body.js';
import { runProbe, type ProbeTarget } from '../../src/probe/probe.js';
import { sendJson, startServer, type TestServer } from '../../__fixtures__/http-server.js';

const realFetch = (input: string | URL, init?: RequestInit) => fetch(input, init);

function target(url: string, overrides: Partial<ProbeTarget> = {}): ProbeTarget {
  return {
    url: new URL(url),
    expectStatus: parseStatusList('200-399'),
    timeoutMs: 2000,
    healthBody: true,
    ...overrides,
  };
}

describe('JSON health bodies', () => {
  const read = (body: unknown) => readHealthBody(JSON.stringify(body), 'application/json');

  it('reads plain values, nested .status, named check lists and per-check observation lists', () => {
    expect(read({ status: 'ok', services: { db: 'up', cache: 'DOWN', queue: 'Healthy' } })).toEqual({
      overallUnhealthy: false,
      overallStatus: 'ok',
      failing: ['cache'],
    });
    expect(
      read({ status: 'UP', components: { db: { status: 'DOWN' }, disk: { status: 'UP' } } })?.failing,
    ).toEqual(['db']);
    expect(
      read({ status: 'DOWN', checks: [{ name: 'redis', status: 'DOWN' }, { status: 'UP' }] }),
    ).toMatchObject({
      overallUnhealthy: true,
      failing: ['redis'],
    });
    expect(
      read({ status: 'pass', checks: { 'db:responseTime': [{ status: 'pass' }, { status: 'fail' }] } })
        ?.failing,
    ).toEqual(['db:responseTime']);
  });

  it('makes the names it reports safe to log and to list', () => {
    expect(
      read({ status: 'ok', services: { 'db\n::error::injected': 'down', 'a,b': 'down' } })?.failing,
    ).toEqual(['db ::error::injected', 'a b']);
  });

  it('does not fail a body that says nothing about health, or a numeric 200 status', () => {
    expect(read({ version: '1.2.3' })).toBeUndefined();
    expect(readHealthBody('<html>ok</html>', 'text/html')).toBeUndefined();
    expect(readHealthBody('{not json', 'application/json')).toBeUndefined();
    expect(read({ status: 200 })).toMatchObject({ overallUnhealthy: false, failing: [] });
    expect(read({ status: 'passing', services: { db: { latencyMs: 3 } } })).toMatchObject({ failing: [] });
    expect(read({ status: 'degraded' })).toMatchObject({ overallUnhealthy: true, failing: [] });
  });
});

describe('one probe, over real HTTP', () => {
  let server: TestServer;
  const clock = new ManualClock();
  const deps = { fetch: realFetch, clock };

  beforeAll(async () => {
    server = await startServer((request, response, raw) => {
      switch (request.path) {
        case '/ok':
          return sendJson(response, 200, { status: 'ok' });
        case '/down':
          response.writeHead(503, { 'content-type': 'text/plain' });
          return void response.end('Service Unavailable');
        case '/html-error':
          response.writeHead(200, { 'content-type': 'text/html' });
          return void response.end('<html><h1>Application error</h1></html>');
        case '/component':
          return sendJson(response, 200, { status: 'degraded', services: { db: 'up', payments: 'down' } });
        case '/component-503':
          return sendJson(response, 503, { status: 'DOWN', components: { redis: { status: 'DOWN' } } });
        case '/limited':
          return sendJson(response, 429, { error: 'slow down' }, { 'retry-after': '3' });
        case '/reset':
          return void raw.socket.destroy();
        case '/hang':
          return; // never answers
        case '/slow':
          clock.advance(1234); // the "server" takes 1234 ms on the probe's clock
          return sendJson(response, 200, { status: 'ok' });
        case '/echo-headers':
          return sendJson(response, 200, { status: 'ok', auth: request.headers.authorization ?? null });
        default:
          return sendJson(response, 404, {});
      }
    });
  });
  afterAll(() => server.close());

  it('passes a good answer, and times it with the injected clock', async () => {
    const fast = await runProbe(target(`${server.url}/ok`), deps);
    expect(fast).toMatchObject({ outcome: 'pass', status: 200, latencyMs: 0 });
    const slow = await runProbe(target(`${server.url}/slow`), deps);
    expect(slow).toMatchObject({ outcome: 'pass', latencyMs: 1234 });
  });

  it('fails a status outside expect-status', async () => {
    expect(await runProbe(target(`${server.url}/down`), deps)).toMatchObject({
      outcome: 'failure',
      status: 503,
      detail: 'HTTP 503, expected 200-399',
    });
    const allowed = await runProbe(
      target(`${server.url}/down`, { expectStatus: parseStatusList('200,503') }),
      deps,
    );
    expect(allowed.outcome).toBe('pass');
  });

  it('fails an HTML error page served with 200 when expect-body is missing from it', async () => {
    const probe = await runProbe(target(`${server.url}/html-error`, { expectBody: '"status":"ok"' }), deps);
    expect(probe).toMatchObject({
      outcome: 'failure',
      status: 200,
      detail: 'HTTP 200 but the body lacks the expected text',
    });
    const withoutExpectation = await runProbe(target(`${server.url}/html-error`), deps);
    expect(withoutExpectation.outcome).toBe('pass');
  });

  it('fails a JSON health body with an unhealthy component, and names it', async () => {
    expect(await runProbe(target(`${server.url}/component`), deps)).toMatchObject({
      outcome: 'failure',
      failingComponents: ['payments'],
      detail: 'HTTP 200 but the body reports not healthy: payments',
    });
    expect(await runProbe(target(`${server.url}/component-503`), deps)).toMatchObject({
      outcome: 'failure',
      status: 503,
      failingComponents: ['redis'],
    });
  });

  it('counts 429 as an error, not a failure', async () => {
    expect(await runProbe(target(`${server.url}/limited`), deps)).toMatchObject({
      outcome: 'error',
      status: 429,
      detail: 'rate limited (HTTP 429, Retry-After 3)',
    });
  });

  it('fails a reset connection', async () => {
    const probe = await runProbe(target(`${server.url}/reset`), deps);
    expect(probe.outcome).toBe('failure');
    expect(probe.detail).toMatch(/connection (reset|closed)/);
  });

  it('fails a refused connection', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await runProbe(target(`http://127.0.0.1:${port}/`), deps)).toMatchObject({
      outcome: 'failure',
      detail: 'connection refused',
    });
  });

  it('fails a probe with no answer within the timeout, and counts the timeout as its latency', async () => {
    const started = performance.now();
    const probe = await runProbe(target(`${server.url}/hang`, { timeoutMs: 100 }), deps);
    expect(probe).toMatchObject({ outcome: 'failure', detail: 'no answer within 100 ms', latencyMs: 100 });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('counts a host name that does not resolve as an error (the runner, not the service)', async () => {
    // What undici throws for a DNS failure: TypeError('fetch failed') caused by getaddrinfo's error.
    const dnsFailure = async (): Promise<Response> => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('getaddrinfo ENOTFOUND app.invalid'), { code: 'ENOTFOUND' }),
      });
    };
    expect(await runProbe(target('https://app.invalid/health'), { fetch: dnsFailure, clock })).toMatchObject({
      outcome: 'error',
      detail: expect.stringMatching(/^cannot resolve app\.invalid \(ENOTFOUND\)/),
    });
  });

  it('sends the custom headers', async () => {
    const probe = await runProbe(
      target(`${server.url}/echo-headers`, { headers: { Authorization: 'Bearer s3cret' } }),
      deps,
    );
    expect(JSON.parse(probe.body as string)).toMatchObject({ auth: 'Bearer s3cret' });
  });
});
