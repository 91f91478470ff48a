/**
 * Contract tests against Fly's published contracts (contracts/):
 *
 * - GraphQL (fly-schema.graphql): the releases query validates; the simulated Fly's schema excerpt
 *   is a faithful subset; and every exchange of whole rollback scenarios — the variables the client
 *   sent and the data the sandbox answered — is executed by `graphql` over the published schema,
 *   which coerces the variables and checks every answered value against its field's type.
 * - Machines API: every request the client sends and every answer the sandbox gives is checked
 *   against both documents: the paths, methods, query parameters and statuses of the current
 *   OpenAPI 3 excerpt (fly-machines-openapi3-excerpt.yaml, paths only), and the request and answer
 *   bodies against the Swagger 2.0 document's definitions (fly-machines-openapi.json, the only whole
 *   one), with the JSON Schema validator of __fixtures__/openapi.ts. Sandbox answers are checked
 *   strictly: a property the schema does not declare is an error.
 *
 * What the documents do not say, and the API does (each allowed below by name, nothing else is):
 * the lease endpoints answer `{status, data: Lease}` (flyctl's MachineLease); flyctl also sends the
 * lease TTL as a `ttl` query parameter; a leased machine's update needs `fly-machine-lease-nonce`;
 * `/wait` answers 408 when the state was not reached in time (flyctl's debug logs show it); leases
 * answer 404 when there is none and 409 when someone else holds one; errors are ErrorResponse bodies.
 */
import { execute, parse } from 'graphql';
import { parse as parseYaml } from 'yaml';
import {
  contractText,
  describeWithContracts,
  graphqlErrors,
  graphqlExcerptMismatches,
  graphqlSchema,
} from '../../../__fixtures__/contracts.js';
import { OpenApi } from '../../../__fixtures__/openapi.js';
import type { FetchLike } from '../../../src/core/http.js';
import { FLY_RELEASES_QUERY } from '../../../src/providers/fly/graphql.js';
import { FLY_SANDBOX_SDL } from '../../../src/sandbox/fly.js';
import { flyWorld, image } from './setup.js';

interface Exchange {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: unknown;
  status: number;
  answer?: unknown;
}

/** A fetch that records every request the client sent and the answer it got. */
function recordingFetch(exchanges: Exchange[]): FetchLike {
  return async (input, init) => {
    const response = await fetch(input, init);
    const text = await response.clone().text();
    const headers = Object.fromEntries(Object.entries((init?.headers as Record<string, string>) ?? {}));
    exchanges.push({
      method: init?.method ?? 'GET',
      url: new URL(String(input)),
      headers,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      status: response.status,
      answer: text ? JSON.parse(text) : undefined,
    });
    return response;
  };
}

/** Every exchange of whole scenarios: rollback, again, dry run, explicit target, a failure, a lease held by someone else, stopped machines. */
async function scenarioExchanges(): Promise<Exchange[]> {
  const exchanges: Exchange[] = [];
  const fetch = recordingFetch(exchanges);
  const world = await flyWorld({ machines: 2, stoppedMachines: 1 }, { fetch });
  try {
    expect((await world.run({ dryRun: true })).status).toBe('planned');
    expect((await world.run()).status).toBe('rolled-back');
    expect((await world.run()).status).toBe('already-live');
    expect((await world.run({ target: 'v1' })).status).toBe('rolled-back');
    world.sandbox.rollbackBehaviour = 'fail';
    expect((await world.run({ target: image('bad-3') }, { strategy: 'immediate' })).status).toBe('failed');
  } finally {
    await world.stop();
  }
  const held = await flyWorld({}, { fetch });
  try {
    held.sandbox.holdLease('148ed193b95ef3');
    expect((await held.run()).status).toBe('failed');
  } finally {
    await held.stop();
  }
  return exchanges;
}

describeWithContracts("Fly's published contracts", () => {
  let exchanges: Exchange[];
  beforeAll(async () => {
    exchanges = await scenarioExchanges();
  });

  describe('GraphQL (fly-schema.graphql)', () => {
    it('the releases query validates against it', () => {
      expect(graphqlErrors('fly-schema.graphql', FLY_RELEASES_QUERY)).toEqual([]);
    });

    it('would catch a query that does not validate (so the check above can fail)', () => {
      expect(
        graphqlErrors('fly-schema.graphql', FLY_RELEASES_QUERY.replace('imageRef', 'image_ref')),
      ).toEqual([expect.stringMatching(/Cannot query field "image_ref" on type "ReleaseUnprocessed"/)]);
    });

    it("the simulated Fly's schema excerpt has every type, field and argument as published", () => {
      expect(graphqlExcerptMismatches(FLY_SANDBOX_SDL, 'fly-schema.graphql')).toEqual([]);
      expect(
        graphqlExcerptMismatches(
          FLY_SANDBOX_SDL.replace('revertedTo: Int', 'revertedTo: String'),
          'fly-schema.graphql',
        ),
      ).toEqual(['ReleaseUnprocessed.revertedTo: String, published Int']);
    });

    it('every request of the scenarios, and every answer of the simulated Fly, executes over it', async () => {
      const graphql = exchanges.filter((e) => e.url.pathname === '/graphql');
      expect(graphql.length).toBeGreaterThan(5);
      for (const exchange of graphql) {
        const sent = exchange.body as { query: string; variables: Record<string, unknown> };
        const answer = exchange.answer as { data: Record<string, unknown> };
        expect([exchange.status, (answer as { errors?: unknown }).errors]).toEqual([200, undefined]);
        const result = await execute({
          schema: graphqlSchema('fly-schema.graphql'),
          document: parse(sent.query),
          variableValues: sent.variables,
          rootValue: answer.data,
        });
        expect(result.errors ?? []).toEqual([]);
        // Nothing answered outside the selection, nothing missing from it.
        expect(JSON.parse(JSON.stringify(result.data))).toEqual(answer.data);
      }
    });

    it('would catch an answer that breaks the schema (so the check above can fail)', async () => {
      const graphql = exchanges.find((e) => e.url.pathname === '/graphql') as Exchange;
      const sent = graphql.body as { query: string; variables: Record<string, unknown> };
      const data = structuredClone((graphql.answer as { data: Record<string, unknown> }).data) as {
        app: { releasesUnprocessed: { nodes: Record<string, unknown>[] } };
      };
      (data.app.releasesUnprocessed.nodes[0] as Record<string, unknown>).version = 'three';
      const result = await execute({
        schema: graphqlSchema('fly-schema.graphql'),
        document: parse(sent.query),
        variableValues: sent.variables,
        rootValue: data,
      });
      expect(result.errors?.map((e) => e.message)).toEqual([
        expect.stringMatching(/Int cannot represent non-integer value: "three"/),
      ]);
    });
  });

  describe('Machines API (OpenAPI 3 excerpt for paths and statuses, Swagger 2.0 for bodies)', () => {
    type Schema = Record<string, unknown>;
    type Parameter = { name: string; in: string; required?: boolean; schema?: Schema; type?: string };
    const current = () =>
      parseYaml(contractText('fly-machines-openapi3-excerpt.yaml')) as {
        paths: Record<string, Record<string, Schema>>;
      };
    const swagger = () =>
      JSON.parse(contractText('fly-machines-openapi.json')) as Record<string, unknown> & {
        paths: Record<string, Record<string, Schema>>;
      };
    const schemas = () => new OpenApi(swagger());

    /** Statuses and extras the documents do not list but the API uses (see the file comment). */
    const UNDOCUMENTED_STATUSES: Record<string, number[]> = {
      'GET /apps/{app_name}/machines/{machine_id}/wait': [408],
      'POST /apps/{app_name}/machines/{machine_id}/lease': [409],
      'GET /apps/{app_name}/machines/{machine_id}/lease': [404],
      'DELETE /apps/{app_name}/machines/{machine_id}/lease': [404, 409],
      'POST /apps/{app_name}/machines/{machine_id}': [409],
    };
    const UNDOCUMENTED_QUERY: Record<string, string[]> = {
      'POST /apps/{app_name}/machines/{machine_id}/lease': ['ttl'],
    };
    const UNDOCUMENTED_HEADERS: Record<string, string[]> = {
      'POST /apps/{app_name}/machines/{machine_id}': ['fly-machine-lease-nonce'],
    };

    function operation(method: string, pathname: string) {
      const relative = pathname.replace(/^\/v1/, '');
      for (const [template, item] of Object.entries(current().paths)) {
        const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
        const op3 = item[method.toLowerCase()];
        if (!pattern.test(relative) || !op3) continue;
        return {
          key: `${method} ${template}`,
          template,
          op3,
          op2: swagger().paths[template]?.[method.toLowerCase()],
        };
      }
      return undefined;
    }

    /** Problems with one exchange; empty when both documents (and the named extras) allow it. */
    function check(exchange: Exchange): string[] {
      const op = operation(exchange.method, exchange.url.pathname);
      if (!op) return [`${exchange.method} ${exchange.url.pathname}: no such operation`];
      if (!op.op2) return [`${op.key}: not in the Swagger document`];
      const problems: string[] = [];
      const at = (text: string) => problems.push(`${op.key}: ${text}`);
      const params = (op.op3.parameters as Parameter[] | undefined) ?? [];
      // Query parameters: declared, and of the declared type.
      for (const [name, value] of exchange.url.searchParams) {
        const declared = params.find((p) => p.in === 'query' && p.name === name);
        if (!declared) {
          if (!UNDOCUMENTED_QUERY[op.key]?.includes(name))
            at(`query parameter ${name} is not in the document`);
          continue;
        }
        const schema = declared.schema ?? {};
        const typed =
          schema.type === 'integer' ? Number(value) : schema.type === 'boolean' ? value === 'true' : value;
        problems.push(
          ...schemas()
            .validate(schema, typed, `query ${name}`)
            .map((p) => `${op.key}: ${p}`),
        );
      }
      // Headers beyond the usual ones: declared (or a named extra).
      for (const name of Object.keys(exchange.headers).map((h) => h.toLowerCase())) {
        if (['authorization', 'accept', 'content-type'].includes(name)) continue;
        const declared = params.some((p) => p.in === 'header' && p.name.toLowerCase() === name);
        if (!declared && !UNDOCUMENTED_HEADERS[op.key]?.includes(name))
          at(`header ${name} is not in the document`);
      }
      if (!/^(FlyV1|Bearer) \S+$/.test(exchange.headers.authorization ?? '')) at('no Authorization header');
      // The body, against the Swagger body parameter.
      const bodyParam = ((op.op2.parameters as Parameter[] | undefined) ?? []).find((p) => p.in === 'body');
      if (exchange.body !== undefined) {
        if (!bodyParam?.schema) at('the operation takes no body');
        else
          problems.push(
            ...schemas()
              .validate(bodyParam.schema, exchange.body, 'body', { strict: true })
              .map((p) => `${op.key}: ${p}`),
          );
      } else if (bodyParam?.required && exchange.method !== 'POST') {
        at('the request body is required');
      }
      // The status: listed in the current document (or a named extra).
      const listed = Object.keys((op.op3.responses as Schema) ?? {}).map(Number);
      if (!listed.includes(exchange.status) && !UNDOCUMENTED_STATUSES[op.key]?.includes(exchange.status)) {
        at(`status ${exchange.status} is not listed (${listed.join(', ')})`);
      }
      // The answer's body, strictly: errors are ErrorResponse; leases are {status, data: Lease}.
      const answer = exchange.answer;
      if (exchange.status >= 400) {
        problems.push(
          ...schemas()
            .validate({ $ref: '#/definitions/ErrorResponse' }, answer, 'answer', { strict: true })
            .map((p) => `${op.key}: ${p}`),
        );
      } else if (op.template.endsWith('/lease') && exchange.method !== 'DELETE') {
        const envelope = answer as { status?: unknown; data?: unknown };
        if (envelope.status !== 'success' || Object.keys(envelope).sort().join() !== 'data,status')
          at('a lease answer is not {status, data}');
        problems.push(
          ...schemas()
            .validate({ $ref: '#/definitions/Lease' }, envelope.data, 'answer.data', { strict: true })
            .map((p) => `${op.key}: ${p}`),
        );
      } else {
        const responses = op.op2.responses as Record<string, { schema?: Schema }>;
        const schema = (responses[String(exchange.status)] ?? responses['200'])?.schema;
        if (schema)
          problems.push(
            ...schemas()
              .validate(schema, answer, 'answer', { strict: true })
              .map((p) => `${op.key}: ${p}`),
          );
      }
      return problems;
    }

    it('every request the client sent and every answer of the simulated Fly matches the documents', () => {
      const machines = exchanges.filter((e) => e.url.pathname.startsWith('/v1/'));
      const problems = machines.flatMap(check);
      expect(problems).toEqual([]);
      // The scenarios cover every operation a rollback uses, and the statuses that matter.
      const seen = new Set(machines.map((e) => `${operation(e.method, e.url.pathname)?.key} → ${e.status}`));
      expect([...seen].sort()).toEqual(
        expect.arrayContaining([
          'DELETE /apps/{app_name}/machines/{machine_id}/lease → 200',
          'GET /apps/{app_name}/machines → 200',
          'GET /apps/{app_name}/machines/{machine_id} → 200',
          'GET /apps/{app_name}/machines/{machine_id}/wait → 200',
          'POST /apps/{app_name}/machines/{machine_id} → 200',
          'POST /apps/{app_name}/machines/{machine_id}/lease → 201',
          'POST /apps/{app_name}/machines/{machine_id}/lease → 409',
        ]),
      );
      // skip_launch for the stopped machine, and its wait for `stopped`.
      expect(
        machines.some((e) => (e.body as { skip_launch?: boolean } | undefined)?.skip_launch === true),
      ).toBe(true);
      expect(machines.some((e) => e.url.searchParams.get('state') === 'stopped')).toBe(true);
    });

    it('would catch requests and answers that break them (so the check above can fail)', () => {
      const update = exchanges.find(
        (e) => e.method === 'POST' && /machines\/[0-9a-f]+$/.test(e.url.pathname),
      ) as Exchange;
      const machine = exchanges.find(
        (e) => e.method === 'GET' && /machines\/[0-9a-f]+$/.test(e.url.pathname),
      ) as Exchange;
      const wait = exchanges.find((e) => e.url.pathname.endsWith('/wait')) as Exchange;
      expect(check({ ...update, body: { config: {}, skip_launch: 'yes' } })).toEqual([
        'POST /apps/{app_name}/machines/{machine_id}: body.skip_launch: expected boolean, got string "yes"',
      ]);
      expect(check({ ...update, body: { ...(update.body as object), image: 'x' } })).toEqual([
        'POST /apps/{app_name}/machines/{machine_id}: body.image: is not a property the schema declares',
      ]);
      const badWait = new URL(wait.url);
      badWait.searchParams.set('state', 'running');
      expect(check({ ...wait, url: badWait })).toEqual([
        expect.stringMatching(/query state: "running" is not one of "started", "stopped"/),
      ]);
      expect(check({ ...machine, answer: { ...(machine.answer as object), instance_id: 7 } })).toEqual([
        'GET /apps/{app_name}/machines/{machine_id}: answer.instance_id: expected string, got number 7',
      ]);
      expect(check({ ...machine, status: 202 })).toEqual([
        'GET /apps/{app_name}/machines/{machine_id}: status 202 is not listed (200)',
      ]);
    });
  });
});
