import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBundle } from '../../__fixtures__/bundle.js';
import { memoryHost, testDeps } from '../../__fixtures__/context.js';
import { sendJson, startServer, type Handler, type TestServer } from '../../__fixtures__/http-server.js';
import { detectAction } from '../../src/actions/detect/main.js';
import { verifyAction } from '../../src/actions/verify/main.js';
import { executeAction } from '../../src/core/action.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rg-probe-actions-'));
const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function serve(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

const ok: Handler = (_req, res) => sendJson(res, 200, { status: 'ok' });

describe('the detect action', () => {
  it('reports every bad input at once, before any probe', async () => {
    const server = await serve(ok);
    const host = memoryHost({ RUNNER_TEMP: tmp });
    const outcome = await executeAction(
      detectAction,
      {
        url: server.url,
        interval: 'often',
        'false-alarm-rate': '150%',
        baseline: path.join(tmp, 'missing.json'),
      },
      host,
      testDeps(),
    );
    expect(outcome.exitCode).toBe(1);
    expect(host.log.lines).toEqual([
      expect.stringMatching(/^error: detect: input 'interval' 'often' is not a duration/),
      expect.stringMatching(/^error: detect: input 'false-alarm-rate' '150%' is not a rate/),
      expect.stringMatching(
        /^error: detect: input 'baseline' cannot read '.*missing\.json': it does not exist/,
      ),
    ]);
    expect(server.requests).toEqual([]);
  });

  it('checks the inputs against each other', async () => {
    const host = memoryHost({ RUNNER_TEMP: tmp });
    const outcome = await executeAction(
      detectAction,
      {
        url: 'http://127.0.0.1:9/',
        'baseline-error-rate': '10%',
        'max-error-rate': '5%',
        interval: '10s',
        window: '5s',
      },
      host,
      testDeps(),
    );
    expect(outcome.exitCode).toBe(1);
    expect(host.log.lines).toEqual([
      "error: detect: input 'max-error-rate' must be above baseline-error-rate (10%): it is the rate that means unhealthy",
      "error: detect: input 'window' must be at least one interval (10000 ms)",
    ]);
  });

  it('masks header values and keeps them out of outputs, summary, report and logs', async () => {
    const server = await serve((req, res) =>
      req.headers.authorization === 'Bearer tok_detect_s3cret'
        ? sendJson(res, 200, { status: 'ok' })
        : void res.writeHead(401).end(),
    );
    const host = memoryHost({ RUNNER_TEMP: tmp });
    const outcome = await executeAction(
      detectAction,
      { url: server.url, headers: 'Authorization: Bearer tok_detect_s3cret', interval: '1s', window: '30s' },
      host,
      testDeps(),
    );
    expect(outcome.exitCode).toBe(0);
    expect(host.outputs.verdict).toBe('healthy');
    expect(host.masked).toContain('Bearer tok_detect_s3cret');
    const everything = [
      JSON.stringify(host.outputs),
      ...host.summaries,
      ...host.log.lines,
      readFileSync(host.outputs.report as string, 'utf8'),
    ].join('\n');
    expect(everything).not.toContain('tok_detect_s3cret');
  });

  it('fails the step on an unhealthy verdict only when fail-on-unhealthy is true', async () => {
    const server = await serve((_req, res) => void res.writeHead(503).end());
    const host = memoryHost({ RUNNER_TEMP: tmp });
    const outcome = await executeAction(
      detectAction,
      { url: server.url, 'fail-on-unhealthy': 'true' },
      host,
      testDeps(),
    );
    expect(outcome.exitCode).toBe(1);
    expect(outcome.failure).toMatch(/^detect: the service is unhealthy \(error-rate\)/);
    expect(host.outputs).toMatchObject({ verdict: 'unhealthy', 'issue-type': 'critical-bug' });
  });

  it('writes a summary with the verdict first, the figures, a latency chart and the report', async () => {
    let n = 0;
    const server = await serve((_req, res) =>
      ++n === 2 ? void res.writeHead(500).end() : sendJson(res, 200, { status: 'ok' }),
    );
    const host = memoryHost({ RUNNER_TEMP: tmp });
    await executeAction(detectAction, { url: server.url, interval: '1s', window: '30s' }, host, testDeps());
    const summary = host.summaries.join('');
    const lines = summary.split('\n');
    expect(lines[0]).toBe('## rollback-guard · detect');
    expect(lines[2]).toMatch(/^✅ \*\*healthy\*\*: no alarm in 30 probes over 30s: 1 of 30 probes failed/);
    expect(summary).toContain('| Error rate | 3\\.33% |');
    expect(summary).toContain('```mermaid\n%%{init:');
    expect(summary).toMatch(/y-axis "ms" 0 --> 1\n {2}bar \[0(, 0){29}\]\n {2}bar \[0, 1(, 0){28}\]/);
    expect(summary).toMatch(
      /<details><summary>Report \(JSON, every probe\)<\/summary>\n\n```json\n\{\n {2}"detect": \{/,
    );
    const report = JSON.parse(readFileSync(host.outputs.report as string, 'utf8'));
    expect(report.probes).toHaveLength(30);
    expect(report.detect.plan.errorTest.falseAlarmProbability).toBeLessThanOrEqual(0.008);
  });
});

describe('the verify action', () => {
  it('reports a malformed smoke test list as a configuration error naming smoke-tests and the field', async () => {
    const host = memoryHost({ RUNNER_TEMP: tmp });
    const outcome = await executeAction(
      verifyAction,
      { url: 'http://127.0.0.1:9/', 'smoke-tests': '- {name: home, path: /, expect-status: lots}' },
      host,
      testDeps(),
    );
    expect(outcome.exitCode).toBe(1);
    expect(host.log.lines).toEqual([
      expect.stringMatching(
        /^error: verify: input 'smoke-tests' inline list: smoke test 1 \('home'\): field 'expect-status' 'lots'/,
      ),
    ]);
  });

  it("masks the smoke tests' header values", async () => {
    const server = await serve(ok);
    const host = memoryHost({ RUNNER_TEMP: tmp });
    const outcome = await executeAction(
      verifyAction,
      {
        url: server.url,
        samples: '3',
        'smoke-tests': '- {name: api, path: /api, headers: {X-Api-Key: key_smoke_s3cret}}',
      },
      host,
      testDeps(),
    );
    expect(outcome.exitCode).toBe(0);
    expect(server.requests.at(-1)?.headers['x-api-key']).toBe('key_smoke_s3cret');
    expect(host.masked).toContain('key_smoke_s3cret');
    const everything = [
      ...host.summaries,
      ...host.log.lines,
      readFileSync(host.outputs.report as string, 'utf8'),
    ].join('\n');
    expect(everything).not.toContain('key_smoke_s3cret');
  });
});

describe('dist/detect/index.js, run as the runner runs it', () => {
  it('calls a server failing every request unhealthy after at most 3 probes (interval 50ms, window 5s)', async () => {
    const server = await serve((_req, res) => void res.writeHead(500).end('Internal Server Error'));
    const run = await runBundle('dist/detect/index.js', {
      url: `${server.url}/api/health`,
      interval: '50ms',
      window: '5s',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      verdict: 'unhealthy',
      reason: 'error-rate',
      'issue-type': 'critical-bug',
    });
    expect(Number(run.outputs.samples)).toBeLessThanOrEqual(3);
    expect(server.requests.length).toBeLessThanOrEqual(3);
    expect(run.outputs['detected-at']).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(run.summary).toMatch(/^## rollback-guard · detect\n\n❌ \*\*unhealthy \(error-rate\)\*\*/);
  });

  it('keeps a server failing 1% of requests healthy over a window of 60 probes', async () => {
    let n = 0;
    const server = await serve((_req, res) =>
      ++n % 100 === 50 ? void res.writeHead(503).end() : sendJson(res, 200, { status: 'ok' }),
    );
    const run = await runBundle('dist/detect/index.js', {
      url: server.url,
      interval: '10ms',
      window: '600ms',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      verdict: 'healthy',
      samples: '60',
      failures: '1',
      'issue-type': 'none',
      'detected-at': '',
    });
    expect(run.report).toMatchObject({ action: 'detect', detect: { verdict: 'healthy' } });
  });
});

describe('dist/verify/index.js, run as the runner runs it', () => {
  const smokeFile = path.join(tmp, 'smoke.yml');
  writeFileSync(
    smokeFile,
    [
      '- name: profile',
      '  path: /api/me',
      '  expect-json: { user.name: probe }',
      '- name: checkout',
      '  path: /api/checkout',
      '  expect-status: 200',
    ].join('\n'),
  );
  const service: Handler = (request, response) => {
    if (request.path === '/api/me') return sendJson(response, 200, { user: { name: 'probe' } });
    if (request.path === '/api/checkout') return sendJson(response, 500, { error: 'payment provider down' });
    return sendJson(response, 200, { status: 'ok' });
  };

  it('exits 1 when one smoke test fails, naming it in failed-checks', async () => {
    const server = await serve(service);
    const run = await runBundle('dist/verify/index.js', {
      url: `${server.url}/health`,
      'smoke-tests': smokeFile,
      samples: '5',
      interval: '10ms',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({
      healthy: 'false',
      'failed-checks': 'checkout',
      'checks-failed': '1',
      'checks-passed': '4',
    });
    expect(run.lines).toContainEqual(
      expect.stringMatching(/^::error::verify: the service is not healthy; failed: checkout/),
    );
    expect(run.summary).toContain('- [ ] checkout: HTTP 500, expected 200');
  });

  it('exits 0 when the service and every smoke test pass', async () => {
    const server = await serve(service);
    const run = await runBundle('dist/verify/index.js', {
      url: `${server.url}/health`,
      'smoke-tests': '- {name: profile, path: /api/me, expect-json: {user.name: probe}}',
      samples: '5',
      interval: '10ms',
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      healthy: 'true',
      'failed-checks': '',
      'checks-failed': '0',
      'checks-passed': '4',
      'error-rate': '0',
    });
  });
});
