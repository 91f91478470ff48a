/**
 * The one path from a provider's answer to a ProviderError: the error redacts itself, HTTP failures
 * quote the provider's own words with its hints, and the GraphQL and REST helpers every provider
 * client is built on — against a real local server.
 */
import { z } from 'zod';
import { memoryHost, testContext, testDeps } from '../../__fixtures__/context.js';
import { startAnswering, type TestServer } from '../../__fixtures__/http-server.js';
import { executeAction, type ActionDefinition } from '../../src/core/action.js';
import { ProviderError } from '../../src/core/errors.js';
import { GraphqlApi } from '../../src/core/graphql.js';
import { bodyField, httpFailure } from '../../src/core/http-errors.js';
import type { HttpResponse } from '../../src/core/http.js';
import { defineInputs, input } from '../../src/core/inputs.js';
import { RestApi } from '../../src/core/rest.js';
import { Secrets } from '../../src/core/secrets.js';

const TOKEN = 'tok_remote_secret_0123456789';

function secrets(): Secrets {
  const s = new Secrets();
  s.add(TOKEN);
  return s;
}

async function thrown(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

const answer = (status: number, text: string): HttpResponse => ({
  status,
  text,
  headers: new Headers(),
  attempts: 1,
});

describe('ProviderError', () => {
  it('removes the secrets from its message and its hint itself', () => {
    const error = new ProviderError(`rejected ${TOKEN}`, {
      retryable: false,
      hint: `check ${TOKEN}`,
      secrets: secrets(),
    });
    expect(error.message).toBe('rejected ***. check ***');
    expect(error.hint).toBe('check ***');
  });
});

describe('httpFailure', () => {
  it("quotes the provider's own words, on one line, with its hint before the generic one", () => {
    const style = {
      reason: bodyField('message'),
      hint: (status: number) => (status === 409 ? 'someone else holds it' : undefined),
    };
    const conflict = httpFailure(answer(409, '{"message":"busy\\n  now"}'), 'update x', undefined, style);
    expect(conflict).toMatchObject({
      message: 'update x failed: HTTP 409: busy now. someone else holds it',
      status: 409,
      retryable: false,
    });
    const refused = httpFailure(answer(401, '{"message":"no"}'), 'read x', undefined, style);
    expect(refused.message).toMatch(/^read x failed: HTTP 401: no\. The token was refused/);
  });

  it('quotes an excerpt of a body without the field, and says a 5xx or 429 may pass on retry', () => {
    const failure = httpFailure(answer(502, `<html>${'x'.repeat(400)}</html>`), 'read x', undefined, {
      reason: bodyField('message'),
    });
    expect(failure.retryable).toBe(true);
    expect(failure.message).toMatch(/^read x failed: HTTP 502: <html>x{294}\. The provider had an error/);
    expect(httpFailure(answer(429, ''), 'read x').retryable).toBe(true);
  });

  it('redacts what the provider echoed', () => {
    const failure = httpFailure(answer(500, `token ${TOKEN} refused`), 'read x', secrets());
    expect(failure.message).toContain('HTTP 500: token *** refused');
  });
});

describe('GraphqlApi', () => {
  let server: TestServer;
  let reply: (body: { query: string; operationName?: string }) => { status: number; body: unknown };
  beforeAll(async () => {
    server = await startAnswering((request) => reply(JSON.parse(request.body)));
  });
  afterAll(async () => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  const api = (extra: { fieldPaths?: 'data' | 'envelope' } = {}) =>
    new GraphqlApi({
      http: testContext({ secrets: secrets() }).http,
      url: `${server.url}/graphql`,
      headers: { authorization: `Bearer ${TOKEN}` },
      secrets: secrets(),
      name: 'Example',
      quotePrefix: 'Example answered: ',
      readErrors: (text) =>
        /limit/i.test(text) ? { retryable: true, hint: 'wait a minute' } : { hint: 'check the id' },
      urlHint: 'check the graphql url',
      ...extra,
    });
  const QUERY = 'query Thing($id: String!) { thing(id: $id) { id } }';
  const MUTATION = 'mutation Poke($id: String!) { poke(id: $id) }';
  const thing = z.object({ thing: z.object({ id: z.string() }) });
  const ask = (a = api(), document = QUERY) =>
    a.query(document, { id: 't1' }, thing, { purpose: 'read thing t1', what: 'Example thing response' });

  it('posts the document, its variables and operation name with the auth headers, and returns data', async () => {
    reply = () => ({ status: 200, body: { data: { thing: { id: 't1' } } } });
    await expect(ask()).resolves.toEqual({ thing: { id: 't1' } });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({
      query: QUERY,
      variables: { id: 't1' },
      operationName: 'Thing',
    });
  });

  it('retries a query on 5xx, but sends a mutation once', async () => {
    let calls = 0;
    reply = () => (++calls < 2 ? { status: 503, body: 'busy' } : { status: 200, body: { data: {} } });
    await thrown(ask());
    expect(server.requests).toHaveLength(2);
    reply = () => ({ status: 503, body: 'busy' });
    const error = await thrown(ask(api(), MUTATION));
    expect(error.message).toMatch(/^read thing t1 failed: HTTP 503: busy/);
    expect(server.requests).toHaveLength(3);
  });

  it("turns errors in a 200 or a 4xx body into the API's own words, each once, with the provider's hint", async () => {
    reply = () => ({
      status: 200,
      body: { data: null, errors: [{ message: `No thing (${TOKEN})` }, { message: `No thing (${TOKEN})` }] },
    });
    const missing = await thrown(ask());
    expect(missing).toMatchObject({
      message: 'read thing t1 failed: Example answered: No thing (***). check the id',
      status: 200,
      retryable: false,
    });
    reply = () => ({ status: 400, body: { errors: [{ message: 'Rate limit exceeded' }] } });
    expect(await thrown(ask())).toMatchObject({ status: 400, retryable: true, hint: 'wait a minute' });
  });

  it('says when the answer is not JSON, not GraphQL, or has neither data nor errors', async () => {
    reply = () => ({ status: 200, body: '<html>Welcome</html>' });
    expect((await thrown(ask())).message).toMatch(/the answer is not JSON \(HTTP 200: <html>Welcome/);
    reply = () => ({ status: 200, body: { errors: 'nope' } });
    expect((await thrown(ask())).message).toMatch(
      /^read thing t1: the answer is not a GraphQL response \(errors: .*\)\. check the graphql url$/,
    );
    reply = () => ({ status: 200, body: { hello: 'world' } });
    expect((await thrown(ask())).message).toBe(
      'read thing t1: Example answered with neither data nor errors. check the graphql url',
    );
  });

  it('names a field that does not match, inside data or from the envelope', async () => {
    reply = () => ({ status: 200, body: { data: { thing: { id: 7 } } } });
    expect((await thrown(ask())).message).toMatch(/^Example thing response: thing\.id: expected string/);
    expect((await thrown(ask(api({ fieldPaths: 'envelope' })))).message).toMatch(
      /^Example thing response: data\.thing\.id: expected string/,
    );
  });
});

describe('RestApi', () => {
  let server: TestServer;
  let reply: () => { status: number; body: unknown };
  beforeAll(async () => {
    server = await startAnswering(() => reply());
  });
  afterAll(async () => server.close());

  const api = () =>
    new RestApi({
      http: testContext().http,
      baseUrl: `${server.url}/v1/`,
      headers: { authorization: 'Bearer k' },
      secrets: secrets(),
      errors: {
        reason: bodyField('error'),
        hint: (status) => (status === 404 ? 'check the app name' : undefined),
      },
    });
  const item = z.object({ id: z.string() });

  it('keeps the base path, sends the query in order and the headers of both, and checks the answer', async () => {
    reply = () => ({ status: 200, body: { id: 'a' } });
    const got = await api().request('POST', '/items/a', {
      query: { b: '2', a: '1' },
      headers: { 'x-nonce': 'n' },
      body: { on: true },
      schema: item,
      what: 'Example item response',
      purpose: 'update item a',
    });
    expect(got).toEqual({ id: 'a' });
    const [sent] = server.requests.slice(-1);
    expect(sent).toMatchObject({ method: 'POST', url: '/v1/items/a?b=2&a=1', body: '{"on":true}' });
    expect(sent?.headers).toMatchObject({ authorization: 'Bearer k', 'x-nonce': 'n' });
  });

  it("fails in the provider's words, with the request's hint first, then the API's, then the generic one", async () => {
    const read = (hint?: (status: number) => string | undefined) =>
      api().request('GET', '/items/a', { schema: item, what: 'x', purpose: 'read item a', hint });
    reply = () => ({ status: 404, body: { error: `no item (${TOKEN})` } });
    expect((await thrown(read())).message).toBe(
      'read item a failed: HTTP 404: no item (***). check the app name',
    );
    expect((await thrown(read(() => 'it was deleted'))).message).toMatch(/\. it was deleted$/);
    reply = () => ({ status: 403, body: {} });
    expect((await thrown(read())).message).toMatch(/HTTP 403: \{\}\. The token has no access/);
    reply = () => ({ status: 200, body: { id: 1 } });
    expect((await thrown(read())).message).toMatch(/^x: id: expected string/);
  });
});

describe('executeAction', () => {
  const spec = defineInputs({ name: input.string() });
  const failing = (error: unknown): ActionDefinition<typeof spec.fields> => ({
    name: 'example',
    inputs: spec,
    execute: async () => {
      throw error;
    },
  });

  it('keeps the stack of an error no code expected in the debug log', async () => {
    const host = memoryHost();
    const outcome = await executeAction(failing(new TypeError('x is undefined')), {}, host, testDeps());
    expect(outcome).toMatchObject({ exitCode: 1, failure: 'example: x is undefined' });
    expect(host.log.lines.filter((line) => line.startsWith('debug: '))).toEqual([
      // Log lines are made inert (core/inert.ts): the stack's line breaks show as \n on one line.
      expect.stringMatching(/^debug: example: TypeError: x is undefined\\n\s+at /),
    ]);
  });

  it('logs no stack for a provider error: its message says everything', async () => {
    const host = memoryHost();
    const error = new ProviderError('read x failed: HTTP 401', { status: 401, retryable: false });
    await executeAction(failing(error), {}, host, testDeps());
    expect(host.log.lines.filter((line) => line.startsWith('debug: '))).toEqual([]);
  });
});
