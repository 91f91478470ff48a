/**
 * Credentials across redirects: a redirect to another origin (two local servers on two ports are
 * two origins) never carries the configured headers or tokens. Provider APIs, Qdrant and the GitHub
 * API refuse it with a clear message; health checks and smoke tests follow it without the headers.
 */
import { runBundle } from '../../__fixtures__/bundle.js';
import { sendJson } from '../../__fixtures__/http-server.js';
import {
  BUNDLES,
  PROVIDERS,
  TOKEN,
  expectOnlyOwnCommands,
  guardInputs,
  redirectServer,
  rollbackInputs,
  runCli,
  startServer,
  useServers,
  type TestServer,
  API_KEY,
  qdrantInputs,
} from './world.js';

const serve = useServers();

/** A server on another origin that records what reaches it and answers like a healthy service. */
const elsewhere = () => serve(startServer((_request, response) => sendJson(response, 200, { status: 'ok' })));

/** Every header value the other origin received. */
const headerValues = (server: TestServer) =>
  server.requests.flatMap((request) => Object.values(request.headers).flat().map(String));

describe.each(PROVIDERS)('rollback-%s: an API that redirects to another origin', (provider) => {
  it('is refused with a message naming the redirect; the token goes nowhere else', async () => {
    const other = await elsewhere();
    const front = await serve(redirectServer(() => other.url, 307));
    const inputs = {
      ...rollbackInputs(provider, front.url),
      ...(provider === 'railway' ? { 'token-type': 'project' } : {}),
    };
    const run = await runBundle(BUNDLES[`rollback-${provider}`], inputs);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.stdout).toMatch(/redirect to another origin \(http:\/\/127\.0\.0\.1:\d+\), not followed/);
    expect(other.requests).toEqual([]);
    expect(headerValues(other).join('\n')).not.toContain(TOKEN);
    expectOnlyOwnCommands(run, [TOKEN, Buffer.from(TOKEN).toString('base64')]);
  });
});

describe('the guard: a provider API that redirects to another origin', () => {
  it.each(PROVIDERS)('on %s is refused; the token goes nowhere else', async (provider) => {
    const other = await elsewhere();
    const front = await serve(redirectServer(() => other.url, 302));
    const health = await elsewhere();
    const run = await runBundle(BUNDLES.guard, {
      ...guardInputs(provider, front.url, `${health.url}/health`),
      ...(provider === 'railway' ? { 'token-type': 'project' } : {}),
    });
    expect(run.outputs.outcome).toBe('failed');
    expect(run.stdout).toMatch(/redirect to another origin/);
    expect(other.requests).toEqual([]);
  });
});

describe('restore-db: a Qdrant URL that redirects to another origin', () => {
  it('is refused; the api-key goes nowhere else', async () => {
    const other = await elsewhere();
    const front = await serve(redirectServer(() => other.url, 308));
    const run = await runBundle(BUNDLES['restore-db'], qdrantInputs(front.url, API_KEY));
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/redirect to another origin/);
    expect(other.requests).toEqual([]);
  });
});

describe('detect and verify: a health URL that redirects', () => {
  const headers = `X-Api-Key: ${API_KEY}\nAuthorization: Bearer ${TOKEN}`;

  it('detect follows a cross-origin redirect without the configured headers', async () => {
    const other = await elsewhere();
    const front = await serve(redirectServer(() => other.url, 301));
    const run = await runBundle(BUNDLES.detect, {
      url: `${front.url}/health`,
      interval: '20ms',
      window: '100ms',
      headers,
    });
    expect(run.outputs.verdict).not.toBe('unhealthy');
    expect(other.requests.length).toBeGreaterThan(0);
    expect(headerValues(other).join('\n')).not.toMatch(new RegExp(`${API_KEY}|${TOKEN}`));
    // The configured origin got them.
    expect(front.requests[0]?.headers['x-api-key']).toBe(API_KEY);
  });

  it('verify keeps the headers on a same-origin redirect, and drops them across origins (smoke tests too)', async () => {
    const other = await elsewhere();
    const service = await serve(
      startServer((request, response) => {
        if (request.path === '/health') {
          response.writeHead(302, { location: '/healthz' });
          return void response.end();
        }
        if (request.path === '/login') {
          response.writeHead(307, { location: `${other.url}/login` });
          return void response.end();
        }
        sendJson(response, request.headers['x-api-key'] === API_KEY ? 200 : 401, { status: 'ok' });
      }),
    );
    const run = await runBundle(BUNDLES.verify, {
      url: `${service.url}/health`,
      headers,
      samples: '2',
      interval: '20ms',
      timeout: '5s',
      'smoke-tests': '- name: login\n  path: /login\n  method: POST\n  body: {user: probe}',
    });
    expect(run.outputs.healthy).toBe('true');
    expect(other.requests.map((r) => [r.method, r.path, r.body])).toEqual([['GET', '/login', '']]);
    expect(headerValues(other).join('\n')).not.toMatch(new RegExp(`${API_KEY}|${TOKEN}`));
  });

  it('the CLI (verify) drops them across origins too', async () => {
    const other = await elsewhere();
    const front = await serve(redirectServer(() => other.url, 302));
    const run = await runCli([
      'verify',
      '--url',
      `${front.url}/health`,
      '--headers',
      headers,
      '--samples',
      '1',
      '--interval',
      '20ms',
    ]);
    expect(run.exitCode).toBe(0);
    expect(headerValues(other).join('\n')).not.toMatch(new RegExp(`${API_KEY}|${TOKEN}`));
  });
});
