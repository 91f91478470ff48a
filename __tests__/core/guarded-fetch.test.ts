/**
 * Redirects and body limits, over real sockets: two local servers on two ports are two origins.
 */
import { sendJson, startServer } from '../../__fixtures__/http-server.js';
import { useServers } from '../hostile/world.js';
import { ManualClock } from '../../src/core/clock.js';
import { ProviderError } from '../../src/core/errors.js';
import { BodyTooLargeError, guardedFetch, readBodyWithLimit } from '../../src/core/guarded-fetch.js';
import { HttpClient } from '../../src/core/http.js';
import { runProbe } from '../../src/probe/probe.js';
import { parseStatusList } from '../../src/core/parse.js';

const serve = useServers();

const clock = new ManualClock();
const client = () =>
  new HttpClient({
    fetch: (input, init) => fetch(input, init),
    clock,
    sleep: clock.sleep,
    random: () => 0.5,
  });
const redirectTo = (target: () => string, status = 302) =>
  serve(
    startServer((request, response) => {
      response.writeHead(status, { location: `${target()}${request.url}` });
      response.end();
    }),
  );
const recorder = () =>
  serve(startServer((request, response) => sendJson(response, 200, { ok: true, path: request.path })));

describe('HttpClient: redirects', () => {
  it('follows a same-origin redirect with the headers', async () => {
    const api = await serve(
      startServer((request, response) => {
        if (request.path === '/v1/old') {
          response.writeHead(301, { location: '/v1/new' });
          return void response.end();
        }
        sendJson(response, 200, { auth: request.headers.authorization });
      }),
    );
    const answer = await client().json({
      url: `${api.url}/v1/old`,
      headers: { authorization: 'Bearer t0ken-123' },
      purpose: 'read',
    });
    expect(answer).toEqual({ auth: 'Bearer t0ken-123' });
  });

  it('refuses a redirect to another origin, without a request there and without retrying', async () => {
    const other = await recorder();
    const api = await redirectTo(() => other.url, 307);
    const error = await client()
      .send({
        url: `${api.url}/v1/x`,
        headers: { 'project-access-token': 't0ken-123' },
        purpose: 'list deploys',
      })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toMatch(
      /^list deploys failed: HTTP 307 redirect to another origin \(http:\/\/127\.0\.0\.1:\d+\), not followed: the credentials are sent to http:\/\/127\.0\.0\.1:\d+ only/,
    );
    expect(other.requests).toEqual([]);
    expect(api.requests).toHaveLength(1);
  });

  it('stops after 5 redirects', async () => {
    const loop = await serve(
      startServer((request, response) => {
        response.writeHead(302, { location: `/n${request.path}` });
        response.end();
      }),
    );
    await expect(client().send({ url: `${loop.url}/a`, purpose: 'read' })).rejects.toThrow(
      'more than 5 redirects',
    );
    expect(loop.requests).toHaveLength(6);
  });
});

describe('HttpClient: body limit', () => {
  it('reads up to the cap, then fails without retrying', async () => {
    const big = await serve(
      startServer((_request, response) => sendJson(response, 200, { data: 'x'.repeat(5000) })),
    );
    await expect(client().send({ url: big.url, purpose: 'list', maxBodyBytes: 1000 })).rejects.toThrow(
      /list failed: the answer is larger than 1000 bytes; reading stopped there/,
    );
    expect(big.requests).toHaveLength(1);
    const fits = await client().send({ url: big.url, purpose: 'list', maxBodyBytes: 10_000 });
    expect(fits.text).toHaveLength(5000 + '{"data":""}'.length);
  });

  it('stops a body without Content-Length at the cap', async () => {
    const response = new Response(
      new ReadableStream({
        pull(controller) {
          controller.enqueue(new Uint8Array(4096));
        },
      }),
    );
    await expect(readBodyWithLimit(response, 10_000)).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});

describe('probes: redirects across origins drop the configured headers', () => {
  it('sends them to the configured origin only, and notes where the answer came from', async () => {
    const other = await recorder();
    const front = await redirectTo(() => other.url, 303);
    const result = await runProbe(
      {
        url: new URL(`${front.url}/health`),
        method: 'POST',
        body: 'secret-body',
        headers: { 'x-api-key': 'k3y-123456' },
        expectStatus: parseStatusList('200'),
        timeoutMs: 5000,
        healthBody: true,
      },
      { fetch: (input, init) => fetch(input, init), clock },
    );
    expect(result.outcome).toBe('pass');
    expect(result.redirectedTo).toBe(`${other.url}/health`);
    expect(front.requests[0]?.headers['x-api-key']).toBe('k3y-123456');
    expect(other.requests.map((r) => [r.method, r.headers['x-api-key'], r.body])).toEqual([
      ['GET', undefined, ''],
    ]);
  });

  it('is an error, not a failure, when the body passes the cap', async () => {
    const big = await serve(
      startServer((_request, response) => sendJson(response, 200, { data: 'x'.repeat(5000) })),
    );
    const result = await runProbe(
      {
        url: new URL(big.url),
        expectStatus: parseStatusList('200'),
        timeoutMs: 5000,
        healthBody: true,
        maxBodyBytes: 100,
      },
      { fetch: (input, init) => fetch(input, init), clock },
    );
    expect(result).toMatchObject({
      outcome: 'error',
      detail: expect.stringMatching(/^the answer is larger than 100 bytes/),
    });
  });
});

describe('guardedFetch (Octokit)', () => {
  it('refuses a cross-origin redirect and errors a body past the cap', async () => {
    const other = await recorder();
    const front = await redirectTo(() => other.url);
    const limited = guardedFetch((input, init) => fetch(input, init), 100);
    await expect(limited(`${front.url}/x`, { headers: { authorization: 'token t' } })).rejects.toThrow(
      /another origin/,
    );
    expect(other.requests).toEqual([]);
    const big = await serve(
      startServer((_request, response) => sendJson(response, 200, { data: 'x'.repeat(5000) })),
    );
    await expect((await limited(big.url)).text()).rejects.toThrow(/larger than 100 bytes/);
  });
});
