import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recordingLogger } from '../../__fixtures__/context.js';
import { sendJson, startServer, type Handler, type TestServer } from '../../__fixtures__/http-server.js';
import { ManualClock } from '../../src/core/clock.js';
import { parseStatusList } from '../../src/core/parse.js';
import { parseBaseline } from '../../src/probe/baseline.js';
import { detectReport } from '../../src/probe/detect-summary.js';
import { detectOutputs, planDetect, runDetect, type DetectConfig } from '../../src/probe/detect.js';
import { seededRandom } from '../../src/probe/simulate.js';

const realFetch = (input: string | URL, init?: RequestInit) => fetch(input, init);
const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function serve(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

function config(url: string | string[], overrides: Partial<DetectConfig> = {}): DetectConfig {
  return {
    urls: (Array.isArray(url) ? url : [url]).map((u) => new URL(u)),
    headers: {},
    expectStatus: parseStatusList('200-399'),
    requestTimeoutMs: 2000,
    intervalMs: 5000,
    windowMs: 300_000,
    graceMs: 0,
    baselineErrorRate: 0.01,
    maxErrorRate: 0.1,
    falseAlarmRate: 0.01,
    missRate: 0.05,
    maxLatencyMs: 5000,
    maxDegradation: 0.5,
    ...overrides,
  };
}

function deps(clock = new ManualClock()) {
  return { fetch: realFetch, clock, sleep: clock.sleep };
}

describe('runDetect against real local servers (manual clock: no real waiting)', () => {
  it('calls a server failing every request unhealthy within 3 probes: error-rate, critical-bug', async () => {
    const server = await serve((_req, res) => void res.writeHead(500).end('boom'));
    const clock = new ManualClock();
    const result = await runDetect(config(server.url), deps(clock), recordingLogger());
    expect(result).toMatchObject({ verdict: 'unhealthy', reason: 'error-rate', issueType: 'critical-bug' });
    expect(result.samples).toBeLessThanOrEqual(3);
    expect(server.requests).toHaveLength(result.samples);
    expect(result.detectedAt).toBe(new Date(clock.now()).toISOString());
    expect(detectOutputs(result)).toMatchObject({
      verdict: 'unhealthy',
      'error-rate': 1,
      failures: result.samples,
    });
  });

  it('watches the whole window of a healthy server and calls it healthy', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { status: 'ok' }));
    const clock = new ManualClock();
    const log = recordingLogger();
    const result = await runDetect(config(server.url), deps(clock), log);
    expect(result).toMatchObject({
      verdict: 'healthy',
      reason: '',
      issueType: 'none',
      samples: 60,
      failures: 0,
    });
    expect(result.detectedAt).toBeUndefined();
    // Probes at 0, 5 s, ..., 295 s: the window's 60 slots.
    expect(Date.parse(result.finishedAt) - Date.parse(result.startedAt)).toBe(59 * 5000);
    expect(clock.sleeps.every((ms) => ms === 5000)).toBe(true);
    expect(log.lines.filter((l) => l.startsWith('info: probe '))).toHaveLength(60);
  });

  it('keeps a server failing 1% of requests healthy over a real-HTTP window of 60 probes', async () => {
    let n = 0;
    const server = await serve((_req, res) =>
      ++n % 100 === 37 ? void res.writeHead(503).end() : sendJson(res, 200, { status: 'ok' }),
    );
    const result = await runDetect(config(server.url), deps(), recordingLogger());
    expect(result).toMatchObject({ verdict: 'healthy', samples: 60, failures: 1 });
  });

  it('keeps a service failing at 1% healthy in at least 97 of 100 windows of 60 probes (seeded)', async () => {
    const random = seededRandom(1);
    const flaky = async () => new Response('{"status":"ok"}', { status: random() < 0.01 ? 503 : 200 });
    let healthy = 0;
    for (let w = 0; w < 100; w++) {
      const clock = new ManualClock();
      const result = await runDetect(
        config('http://app.test/health'),
        { fetch: flaky, clock, sleep: clock.sleep },
        recordingLogger(),
      );
      if (result.verdict === 'healthy') healthy++;
      else expect(result.verdict).toBe('unhealthy'); // never inconclusive: no errors here
    }
    expect(healthy).toBeGreaterThanOrEqual(97);
  });

  it('catches a service failing at 10% in most windows (the power the plan reports)', async () => {
    const random = seededRandom(2);
    const flaky = async () => new Response('ok', { status: random() < 0.1 ? 503 : 200 });
    let caught = 0;
    for (let w = 0; w < 100; w++) {
      const clock = new ManualClock();
      const result = await runDetect(
        config('http://app.test/health'),
        { fetch: flaky, clock, sleep: clock.sleep },
        recordingLogger(),
      );
      if (result.verdict === 'unhealthy') caught++;
    }
    const power = planDetect(config('http://app.test/')).errorTest.powerInWindow; // 0.86 at 60 probes
    expect(caught / 100).toBeGreaterThan(power - 0.12);
  });

  it('names unhealthy components: reason unhealthy-components, issue-type external-api-incompatibility', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 200, { status: 'degraded', services: { db: 'up', stripe: 'down' } }),
    );
    const result = await runDetect(config(server.url), deps(), recordingLogger());
    expect(result).toMatchObject({
      verdict: 'unhealthy',
      reason: 'unhealthy-components',
      issueType: 'external-api-incompatibility',
      failingServices: ['stripe'],
    });
    expect(detectOutputs(result)['failing-services']).toBe('stripe');
  });

  it('calls a 500 that also lists failing components error-rate (the app is failing, not a dependency)', async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 500, { status: 'unhealthy', services: { app: 'crashing', db: 'healthy' } }),
    );
    const result = await runDetect(config(server.url), deps(), recordingLogger());
    expect(result).toMatchObject({ verdict: 'unhealthy', reason: 'error-rate', issueType: 'critical-bug' });
    expect(result.failingServices).toEqual(['app']);
  });

  it('calls it error-rate when plain failures are mixed in', async () => {
    let n = 0;
    const server = await serve((_req, res) =>
      ++n % 2
        ? void res.writeHead(502).end('bad gateway')
        : sendJson(res, 200, { status: 'ok', checks: { db: 'down' } }),
    );
    const result = await runDetect(config(server.url), deps(), recordingLogger());
    expect(result).toMatchObject({ verdict: 'unhealthy', reason: 'error-rate', failingServices: ['db'] });
  });

  it('calls a server that resets every connection unhealthy', async () => {
    const server = await serve((_req, _res, raw) => void raw.socket.destroy());
    const result = await runDetect(config(server.url), deps(), recordingLogger());
    expect(result).toMatchObject({ verdict: 'unhealthy', reason: 'error-rate' });
    expect(result.probes[0]?.detail).toMatch(/connection/);
  });

  it('ends inconclusive after more than 4 errors in a row (429s): never a rollback signal', async () => {
    const server = await serve((_req, res) => sendJson(res, 429, {}, { 'retry-after': '30' }));
    const result = await runDetect(config(server.url), deps(), recordingLogger());
    expect(result).toMatchObject({
      verdict: 'inconclusive',
      inconclusive: 'errors-in-a-row',
      issueType: 'none',
      reason: '',
    });
    expect(result.samples).toBe(5);
    expect(result.errors).toBe(5);
    expect(result.explanation).toMatch(/5 probes in a row said nothing/);
  });

  it('decides with errors sprinkled in, but not when errors ate most of the window', async () => {
    let n = 0;
    const everyOther = await serve((_req, res) =>
      ++n % 2 ? sendJson(res, 429, {}) : sendJson(res, 200, { status: 'ok' }),
    );
    const half = await runDetect(config(everyOther.url), deps(), recordingLogger());
    expect(half).toMatchObject({ verdict: 'healthy', errors: 30, observations: 30 });

    let m = 0;
    const twoInThree = await serve((_req, res) =>
      ++m % 3 ? sendJson(res, 429, {}) : sendJson(res, 200, { status: 'ok' }),
    );
    const mostly = await runDetect(config(twoInThree.url), deps(), recordingLogger());
    expect(mostly).toMatchObject({
      verdict: 'inconclusive',
      inconclusive: 'too-few-observations',
      observations: 20,
    });
  });

  it('calls a slow service degraded on enough samples: latency, performance-degradation', async () => {
    const clock = new ManualClock();
    const server = await serve((_req, res) => {
      clock.advance(7000); // every answer takes 7 s, over max-latency 5 s
      sendJson(res, 200, { status: 'ok' });
    });
    const result = await runDetect(config(server.url), deps(clock), recordingLogger());
    expect(result).toMatchObject({
      verdict: 'unhealthy',
      reason: 'latency',
      issueType: 'performance-degradation',
    });
    expect(result.samples).toBe(20); // the first look
    expect(result.p95Ms).toBe(7000);
  });

  it('compares with the latencies of an earlier report given as baseline', async () => {
    const clock = new ManualClock();
    let delay = 100;
    const server = await serve((_req, res) => {
      clock.advance(delay + (clock.now() % 7)); // a little spread
      sendJson(res, 200, { status: 'ok' });
    });
    const before = await runDetect(config(server.url, { windowMs: 150_000 }), deps(clock), recordingLogger());
    expect(before.verdict).toBe('healthy');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'rg-baseline-')), 'detect.json');
    writeFileSync(file, JSON.stringify(detectReport(before)));
    const baseline = parseBaseline(file);
    expect(baseline).toMatchObject({ kind: 'samples', source: file });

    delay = 200; // twice as slow: more than 50% slower
    const after = await runDetect(config(server.url, { baseline }), deps(clock), recordingLogger());
    expect(after).toMatchObject({ verdict: 'unhealthy', reason: 'latency' });
    expect(after.alarm?.detail).toMatch(/Mann-Whitney/);

    delay = 120; // 20% slower: within max-degradation
    const fine = await runDetect(config(server.url, { baseline }), deps(clock), recordingLogger());
    expect(fine.verdict).toBe('healthy');
  });

  it('waits the grace period before the first probe, and probes the URLs in turn', async () => {
    const a = await serve((_req, res) => sendJson(res, 200, { status: 'ok' }));
    const b = await serve((_req, res) => sendJson(res, 200, { status: 'ok' }));
    const clock = new ManualClock();
    const result = await runDetect(
      config([`${a.url}/a`, `${b.url}/b`], { graceMs: 30_000, intervalMs: 1000, windowMs: 4000 }),
      deps(clock),
      recordingLogger(),
    );
    expect(clock.sleeps[0]).toBe(30_000);
    expect(result.probes.map((p) => new URL(p.url).pathname)).toEqual(['/a', '/b', '/a', '/b']);
  });

  it('warns when the window is too short for the miss rate, and says how many probes it needs', async () => {
    const plan = planDetect(config('http://app.test/', { windowMs: 100_000 }));
    expect(plan.plannedProbes).toBe(20);
    expect(plan.warnings.join('\n')).toMatch(/holds 20 probes; .* needs \d+ probes/);
    const long = planDetect(config('http://app.test/', { windowMs: 600_000 }));
    expect(long.warnings).toEqual([]);
  });

  it('warns, with the real probability, when alpha cannot be met while catching an outage in 3 probes', () => {
    const plan = planDetect(
      config('http://app.test/', { baselineErrorRate: 0.05, maxErrorRate: 0.2, intervalMs: 1000 }),
    );
    expect(plan.errorTest.falseAlarmMet).toBe(false);
    expect(plan.warnings[0]).toMatch(
      /^detect: false-alarm-rate 1% cannot be met over 300 probes at baseline-error-rate 5% while calling a hard outage within 3 probes: the chance of a false alarm in this window is \d+(\.\d+)?%/,
    );
  });
});
