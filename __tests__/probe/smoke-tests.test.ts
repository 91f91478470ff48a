import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sendJson, startServer, type TestServer } from '../../__fixtures__/http-server.js';
import { ManualClock } from '../../src/core/clock.js';
import { ParseError, parseStatusList } from '../../src/core/parse.js';
import { parseSmokeTests, runSmokeTest, valueAtPath } from '../../src/probe/smoke-tests.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rg-smoke-'));

function problem(text: string): string {
  try {
    parseSmokeTests(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return (error as Error).message;
  }
  throw new Error('expected a ParseError');
}

describe('smoke test lists', () => {
  it('reads inline YAML with every field', () => {
    const [test] = parseSmokeTests(`
- name: create order
  method: post
  path: /api/orders
  headers: { Authorization: Bearer abc, X-Count: 3 }
  body: { item: book, qty: 1 }
  expect-status: [200, 201]
  expect-body: created
  expect-json: { order.items.0.sku: B-1, ok: true }
  max-latency: 1500ms
`);
    expect(test).toMatchObject({
      name: 'create order',
      method: 'POST',
      path: '/api/orders',
      headers: { Authorization: 'Bearer abc', 'X-Count': '3', 'content-type': 'application/json' },
      body: '{"item":"book","qty":1}',
      expectBody: 'created',
      expectJson: { 'order.items.0.sku': 'B-1', ok: true },
      maxLatencyMs: 1500,
    });
    expect(test?.expectStatus?.toString()).toBe('200,201');
  });

  it('reads a JSON file and a YAML file by path', () => {
    const json = path.join(tmp, 'smoke.json');
    writeFileSync(json, JSON.stringify([{ name: 'home', url: 'https://example.com/', 'max-latency': 2 }]));
    expect(parseSmokeTests(json)).toMatchObject([{ name: 'home', method: 'GET', maxLatencyMs: 2000 }]);
    const yml = path.join(tmp, 'smoke.yml');
    writeFileSync(yml, '- name: status\n  path: status\n  expect-status: 200-299\n');
    expect(parseSmokeTests(yml)).toMatchObject([{ name: 'status', path: 'status' }]);
  });

  it('names the test and the field for every problem, all at once', () => {
    const message = problem(`
- name: one
  path: /a
  expect-status: 700
  surprise: 1
- name: two
- path: /c
  name: one, two
- name: one
  path: /d
  max-latency: soon
  method: FETCH
`);
    expect(message).toMatch(/smoke test 1 \('one'\): field 'expect-status' '700' in '700' is not valid/);
    expect(message).toMatch(
      /smoke test 1 \('one'\): unknown field 'surprise'; expected name, method, path, url/,
    );
    expect(message).toMatch(/smoke test 2 \('two'\): needs either 'path' or 'url'/);
    expect(message).toMatch(/smoke test 3 \('one, two'\): field 'name' must not contain a comma/);
    expect(message).toMatch(/smoke test 4 \('one'\): field 'max-latency' 'soon' is not a duration/);
    expect(message).toMatch(/smoke test 4 \('one'\): field 'method' must be one of GET, HEAD, POST/);
  });

  it('rejects repeated names, reserved names, a missing file and text that is not a list', () => {
    expect(problem('- {name: a, path: /}\n- {name: a, path: /b}')).toMatch(
      /smoke test 2 \('a'\): field 'name' repeats/,
    );
    expect(problem('- {name: latency, path: /}')).toMatch(
      /must not be one of service-up, error-rate, latency/,
    );
    expect(problem('tests/smoke.yml')).toMatch(
      /'tests\/smoke.yml' is not a file that exists, nor an inline YAML list/,
    );
    expect(problem('- [unclosed')).toMatch(/inline list is not valid YAML or JSON/);
    expect(problem('{name: a}')).toMatch(/must be a non-empty list of smoke tests/);
  });

  it('finds values by dot path, array indexes included', () => {
    const doc = { a: { b: [{ c: 5 }, { c: null }] } };
    expect(valueAtPath(doc, 'a.b.0.c')).toEqual({ found: true, value: 5 });
    expect(valueAtPath(doc, 'a.b.1.c')).toEqual({ found: true, value: null });
    expect(valueAtPath(doc, 'a.b.2.c')).toEqual({ found: false });
    expect(valueAtPath(doc, 'a.x')).toEqual({ found: false });
  });
});

describe('running a smoke test over real HTTP', () => {
  let server: TestServer;
  const clock = new ManualClock();
  const deps = { fetch: (input: string | URL, init?: RequestInit) => fetch(input, init), clock };

  beforeAll(async () => {
    server = await startServer((request, response) => {
      if (request.path === '/api/orders' && request.method === 'POST') {
        return sendJson(response, 201, {
          ok: true,
          echo: JSON.parse(request.body),
          auth: request.headers.authorization,
        });
      }
      if (request.path === '/slow') {
        clock.advance(2500);
        return sendJson(response, 200, { ok: true });
      }
      return sendJson(response, 404, { error: 'not found' });
    });
  });
  afterAll(() => server.close());

  const settings = () => ({
    origin: server.url,
    headers: { Authorization: 'Bearer from-input', 'X-Base': 'yes' },
    expectStatus: parseStatusList('200-399'),
    requestTimeoutMs: 2000,
  });

  it('passes when status, body, JSON values and latency hold; the test headers win over the input ones', async () => {
    const [test] = parseSmokeTests(
      '- {name: order, method: POST, path: /api/orders, headers: {authorization: Bearer own}, body: {qty: 2}, expect-status: 201, expect-json: {ok: true, echo.qty: 2, auth: Bearer own}}',
    );
    const result = await runSmokeTest(test!, settings(), deps);
    expect(result).toMatchObject({ name: 'order', passed: true, status: 201, problems: [] });
    expect(server.requests.at(-1)?.headers['x-base']).toBe('yes');
  });

  it('lists what did not hold', async () => {
    const [wrongJson, missing, slow] = parseSmokeTests(`
- {name: wrong json, method: POST, path: /api/orders, body: {qty: 2}, expect-json: {echo.qty: 3, nothing.here: 1}}
- {name: missing page, path: /nope}
- {name: slow page, path: /slow, max-latency: 2s}
`);
    expect((await runSmokeTest(wrongJson!, settings(), deps)).problems).toEqual([
      "expect-json 'echo.qty': is 2, expected 3",
      "expect-json 'nothing.here': not in the body",
    ]);
    expect(await runSmokeTest(missing!, settings(), deps)).toMatchObject({
      passed: false,
      status: 404,
      problems: ['HTTP 404, expected 200-399'],
    });
    expect(await runSmokeTest(slow!, settings(), deps)).toMatchObject({
      passed: false,
      problems: ['took 2500 ms, more than max-latency 2000 ms'],
    });
  });
});
