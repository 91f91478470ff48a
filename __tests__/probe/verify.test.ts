import { recordingLogger } from '../../__fixtures__/context.js';
import { sendJson, startServer, type Handler, type TestServer } from '../../__fixtures__/http-server.js';
import { ManualClock } from '../../src/core/clock.js';
import { parseStatusList } from '../../src/core/parse.js';
import { parseSmokeTests } from '../../src/probe/smoke-tests.js';
import { runVerify, verifyOutputs, type VerifyConfig } from '../../src/probe/verify.js';

const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function serve(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

function config(url: string, overrides: Partial<VerifyConfig> = {}): VerifyConfig {
  return {
    urls: [new URL(url)],
    headers: {},
    expectStatus: parseStatusList('200-399'),
    requestTimeoutMs: 2000,
    samples: 5,
    intervalMs: 2000,
    timeoutMs: 300_000,
    maxErrorRate: 0.01,
    maxLatencyMs: 5000,
    smokeTests: [],
    ...overrides,
  };
}

function deps(clock = new ManualClock()) {
  return {
    fetch: (input: string | URL, init?: RequestInit) => fetch(input, init),
    clock,
    sleep: clock.sleep,
  };
}

/** A service that answers 503 to its first `bootRequests` requests, then serves /, /health and /api/me. */
function booting(bootRequests: number, clock?: ManualClock, latencyMs = 0): Handler {
  let n = 0;
  return (request, response) => {
    if (++n <= bootRequests) return void response.writeHead(503).end('starting');
    clock?.advance(latencyMs);
    if (request.path === '/api/me')
      return sendJson(response, 200, { user: { name: 'probe', roles: ['reader'] } });
    if (request.path === '/' || request.path === '/health') return sendJson(response, 200, { status: 'ok' });
    return sendJson(response, 404, { error: 'not found' });
  };
}

describe('runVerify against real local servers (manual clock)', () => {
  it('waits for the service to come up, then samples and runs the smoke tests: healthy', async () => {
    const server = await serve(booting(3));
    const smokeTests = parseSmokeTests('- {name: me, path: /api/me, expect-json: {user.roles.0: reader}}');
    const clock = new ManualClock();
    const result = await runVerify(
      config(`${server.url}/health`, { smokeTests }),
      deps(clock),
      recordingLogger(),
    );
    expect(result).toMatchObject({ healthy: true, failedChecks: [], checksPassed: 4, checksFailed: 0 });
    expect(result.bootProbes.map((p) => p.outcome)).toEqual(['failure', 'failure', 'failure', 'pass']);
    expect(result.probes).toHaveLength(5);
    expect(result.failures).toBe(0); // the boot failures do not count
    expect(server.requests.at(-1)?.path).toBe('/api/me');
    expect(verifyOutputs(result)).toEqual({
      healthy: true,
      'error-rate': 0,
      'p50-ms': 0,
      'p95-ms': 0,
      'checks-passed': 4,
      'checks-failed': 0,
      'failed-checks': '',
    });
  });

  it('fails service-up when the service never comes up within the timeout, and runs nothing else', async () => {
    const server = await serve((_req, res) => void res.writeHead(502).end());
    const smokeTests = parseSmokeTests('- {name: me, path: /api/me}');
    const clock = new ManualClock();
    const result = await runVerify(
      config(server.url, { timeoutMs: 10_000, smokeTests }),
      deps(clock),
      recordingLogger(),
    );
    expect(result).toMatchObject({
      healthy: false,
      failedChecks: ['service-up'],
      checksPassed: 0,
      checksFailed: 1,
    });
    expect(result.bootProbes).toHaveLength(5); // at 0, 2, 4, 6, 8 s; 10 s is past the budget
    expect(result.checks.find((c) => c.name === 'me')).toMatchObject({
      passed: undefined,
      detail: 'not run',
    });
    expect(server.requests.every((r) => r.path === '/')).toBe(true);
  });

  it('fails error-rate when a sample fails, and names it', async () => {
    let n = 0;
    const server = await serve((_req, res) =>
      ++n === 4 ? void res.writeHead(500).end() : sendJson(res, 200, { status: 'ok' }),
    );
    const result = await runVerify(config(server.url), deps(), recordingLogger());
    expect(result).toMatchObject({
      healthy: false,
      failedChecks: ['error-rate'],
      failures: 1,
      errorRate: 0.2,
    });
  });

  it('fails latency when p95 is over max-latency', async () => {
    const clock = new ManualClock();
    const server = await serve(booting(0, clock, 6000));
    const result = await runVerify(config(server.url), deps(clock), recordingLogger());
    expect(result).toMatchObject({ healthy: false, failedChecks: ['latency'], p95Ms: 6000 });
  });

  it('fails error-rate as unmeasured when the budget runs out during sampling', async () => {
    const server = await serve(booting(0));
    const result = await runVerify(
      config(server.url, { samples: 20, timeoutMs: 10_000 }),
      deps(),
      recordingLogger(),
    );
    expect(result.failedChecks).toEqual(['error-rate']);
    expect(result.checks.find((c) => c.name === 'error-rate')?.detail).toMatch(
      /ran out after 4 of 20 samples/,
    );
  });

  it('stops sampling after more than 4 errors in a row (429s), failing error-rate as unmeasured', async () => {
    let n = 0;
    const server = await serve((_req, res) =>
      ++n === 1 ? sendJson(res, 200, { status: 'ok' }) : sendJson(res, 429, {}),
    );
    const result = await runVerify(config(server.url, { samples: 20 }), deps(), recordingLogger());
    expect(result).toMatchObject({ healthy: false, failedChecks: ['error-rate'], errors: 5 });
  });

  it('names each failed smoke test in failed-checks', async () => {
    const server = await serve(booting(0));
    const smokeTests = parseSmokeTests(`
- {name: me, path: /api/me}
- {name: roles, path: /api/me, expect-json: {user.roles.0: admin}}
- {name: admin page, path: /admin, expect-status: 200}
`);
    const result = await runVerify(config(server.url, { smokeTests }), deps(), recordingLogger());
    expect(result).toMatchObject({
      healthy: false,
      failedChecks: ['roles', 'admin page'],
      checksPassed: 4,
      checksFailed: 2,
    });
    expect(verifyOutputs(result)['failed-checks']).toBe('roles,admin page');
  });
});
