import type { ServerResponse } from 'node:http';
import { startServer, type TestServer } from '../../__fixtures__/http-server.js';
import { testDeps } from '../../__fixtures__/context.js';
import { ProviderError } from '../../src/core/errors.js';
import {
  HttpClient,
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  expectOk,
  parseRetryAfter,
} from '../../src/core/http.js';
import { Secrets } from '../../src/core/secrets.js';

/** A server that answers the queued responses in order, then 200. */
async function scripted(script: ((response: ServerResponse) => void)[]): Promise<TestServer> {
  let index = 0;
  return startServer((_request, response) => {
    const step = script[index++];
    if (step) step(response);
    else response.end('{"ok":true}');
  });
}

const status =
  (code: number, headers: Record<string, string> = {}) =>
  (response: ServerResponse) => {
    response.writeHead(code, headers);
    response.end(`status ${code}`);
  };
const reset = () => (response: ServerResponse) => response.socket?.destroy();

describe('HttpClient', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  it('retries a read on 5xx with full-jitter backoff, then returns the answer', async () => {
    server = await scripted([status(503), status(502)]);
    const deps = testDeps();
    const response = await new HttpClient(deps).send({ url: server.url, purpose: 'read' });
    expect(response.status).toBe(200);
    expect(response.attempts).toBe(3);
    // random() is 0.5: half of 500 ms, then half of 1000 ms.
    expect(deps.clock.sleeps).toEqual([250, 500]);
  });

  it('does not retry a mutating request on 5xx: it may have been carried out', async () => {
    server = await scripted([status(503)]);
    const response = await new HttpClient(testDeps()).send({
      method: 'POST',
      url: server.url,
      body: {},
      purpose: 'roll back',
    });
    expect(response.status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it('retries any method after a 429, waiting Retry-After seconds', async () => {
    server = await scripted([status(429, { 'retry-after': '3' })]);
    const deps = testDeps();
    const response = await new HttpClient(deps).send({
      method: 'POST',
      url: server.url,
      body: { a: 1 },
      purpose: 'roll back',
    });
    expect(response.status).toBe(200);
    expect(deps.clock.sleeps).toEqual([3000]);
    expect(server.requests.map((r) => r.body)).toEqual(['{"a":1}', '{"a":1}']);
  });

  it('gives up with a rate-limit error when Retry-After is longer than it may wait', async () => {
    server = await scripted([status(429, { 'retry-after': '3600' })]);
    const error = await new HttpClient(testDeps())
      .send({ url: server.url, purpose: 'list deploys' })
      .catch((e: unknown) => e as ProviderError);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ status: 429, retryable: true });
    expect(String(error)).toMatch(/list deploys failed: rate limited .*wait 3600 s/);
  });

  it('stops retrying at the deadline', async () => {
    server = await scripted([status(503), status(503), status(503)]);
    const deps = testDeps();
    const response = await new HttpClient(deps).send({
      url: server.url,
      purpose: 'read',
      deadline: deps.clock.now() + 300,
    });
    expect(response.status).toBe(503);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a mutating request when the connection was refused (it never arrived)', async () => {
    const closed = await startServer(() => {});
    const url = closed.url;
    await closed.close();
    const deps = testDeps();
    const error = await new HttpClient(deps, { maxAttempts: 3 })
      .send({ method: 'POST', url, purpose: 'roll back' })
      .catch((e: unknown) => e as ProviderError);
    expect(String(error)).toMatch(/roll back failed: network error ECONNREFUSED after 3 attempts/);
    expect(deps.clock.sleeps).toHaveLength(2);
  });

  it('does not retry a mutating request whose connection was reset, but does retry a read', async () => {
    server = await scripted([reset(), reset()]);
    const error = await new HttpClient(testDeps())
      .send({ method: 'POST', url: server.url, purpose: 'roll back' })
      .catch((e: unknown) => e as ProviderError);
    expect(error).toBeInstanceOf(ProviderError);
    expect(String(error)).toMatch(/may or may not have been carried out/);
    expect(server.requests).toHaveLength(1);

    const read = await new HttpClient(testDeps()).send({ url: server.url, purpose: 'read' });
    expect(read.status).toBe(200);
  });

  it('times a request out after timeoutMs', async () => {
    server = await startServer(() => {
      /* never answers */
    });
    const error = await new HttpClient(testDeps(), { timeoutMs: 50, maxAttempts: 1 })
      .send({ url: server.url, purpose: 'read' })
      .catch((e: unknown) => e as Error);
    expect(String(error)).toMatch(/no answer within 50 ms/);
  });

  it('redacts secrets from error messages, including response bodies', async () => {
    const secrets = new Secrets();
    secrets.add('tok_verysecret');
    server = await startServer((_request, response) => {
      response.writeHead(401);
      response.end('invalid token tok_verysecret');
    });
    const client = new HttpClient({ ...testDeps(), secrets });
    const error = (await client
      .json({ url: server.url, purpose: 'list' })
      .catch((e: unknown) => e)) as ProviderError;
    expect(error.message).toContain('HTTP 401');
    expect(error.message).not.toContain('tok_verysecret');
    expect(error.message).toMatch(/token was refused/);
  });
});

describe('retry helpers', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter(new Date(now + 7000).toUTCString(), now)).toBe(7000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('caps the exponential step', () => {
    expect(backoffDelay(20, DEFAULT_RETRY_POLICY, () => 0.999999)).toBeLessThanOrEqual(
      DEFAULT_RETRY_POLICY.maxDelayMs,
    );
    expect(backoffDelay(1, DEFAULT_RETRY_POLICY, () => 0)).toBe(0);
  });

  it('accepts 2xx and rejects the rest with a hint', () => {
    const ok = { status: 204, headers: new Headers(), text: '', attempts: 1 };
    expect(() => expectOk(ok, 'x')).not.toThrow();
    expect(() => expectOk({ ...ok, status: 404 }, 'get deploy')).toThrow(
      /get deploy failed: HTTP 404.*check the service/,
    );
  });
});
