/**
 * Contract tests against Railway's published schema (contracts/railway-schema.graphql):
 * every document the client sends validates; the schema excerpt the simulated Railway executes is
 * a faithful copy; and every exchange of whole rollback scenarios — the variables the client sent
 * and the data the sandbox answered — goes through `graphql`'s execution over the published schema,
 * which coerces the variables to the argument types and checks every answered value against its
 * field's type (non-null, lists, enum values, scalars) and the selection set.
 */
import {
  buildSchema,
  execute,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLObjectType,
  isSpecifiedScalarType,
  parse,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
} from 'graphql';
import { describeWithContracts, graphqlErrors, graphqlSchema } from '../../../__fixtures__/contracts.js';
import type { FetchLike } from '../../../src/core/http.js';
import { RAILWAY_DOCUMENTS } from '../../../src/providers/railway/client.js';
import { RAILWAY_SANDBOX_SDL } from '../../../src/sandbox/railway-schema.js';
import { idsOldestFirst, railwayWorld } from './helpers.js';

interface Exchange {
  query: string;
  variables: Record<string, unknown>;
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string }[] };
}

/** A fetch that records what the client sent and what came back. */
function recordingFetch(exchanges: Exchange[]): FetchLike {
  return async (input, init) => {
    const response = await fetch(input, init);
    const text = await response.clone().text();
    const sent = JSON.parse(String(init?.body)) as { query: string; variables: Record<string, unknown> };
    exchanges.push({ ...sent, status: response.status, body: JSON.parse(text) as Exchange['body'] });
    return response;
  };
}

describeWithContracts("Railway's published GraphQL schema", () => {
  const published = () => graphqlSchema('railway-schema.graphql');

  it.each(Object.entries(RAILWAY_DOCUMENTS))('the %s document validates against it', (_name, document) => {
    expect(graphqlErrors('railway-schema.graphql', document)).toEqual([]);
  });

  it('would catch a document that does not validate (so the check above can fail)', () => {
    const broken = RAILWAY_DOCUMENTS.deployment.replace('canRollback', 'canRollBack');
    expect(graphqlErrors('railway-schema.graphql', broken)).toEqual([
      expect.stringMatching(/Cannot query field "canRollBack" on type "Deployment"/),
    ]);
  });

  it("the simulated Railway's schema excerpt has every type, field and argument exactly as published", () => {
    const excerpt = buildSchema(RAILWAY_SANDBOX_SDL);
    const compared: string[] = [];
    for (const type of Object.values(excerpt.getTypeMap())) {
      if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
      const original = published().getType(type.name) as GraphQLNamedType | undefined;
      expect([type.name, original?.constructor.name]).toEqual([type.name, type.constructor.name]);
      if (type instanceof GraphQLEnumType) {
        const values = (t: GraphQLEnumType) => t.getValues().map((v) => v.name);
        expect(values(type)).toEqual(values(original as GraphQLEnumType));
      }
      if (type instanceof GraphQLObjectType || type instanceof GraphQLInputObjectType) {
        const theirs = (original as GraphQLObjectType | GraphQLInputObjectType).getFields() as Record<
          string,
          GraphQLField<unknown, unknown> | GraphQLInputField
        >;
        for (const field of Object.values(
          type.getFields() as Record<string, GraphQLField<unknown, unknown>>,
        )) {
          const match = theirs[field.name];
          const signature = (f: GraphQLField<unknown, unknown> | GraphQLInputField | undefined) =>
            f &&
            `${String(f.type)}(${('args' in f ? f.args : []).map((a) => `${a.name}: ${String(a.type)}`).join(', ')})`;
          expect(`${type.name}.${field.name}: ${signature(match)}`).toBe(
            `${type.name}.${field.name}: ${signature(field)}`,
          );
          compared.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(compared).toEqual(
      expect.arrayContaining(['Deployment.status', 'Query.deployments', 'Mutation.deploymentRollback']),
    );
  });

  it('every request of whole scenarios, and every answer of the simulated Railway, executes over it', async () => {
    const exchanges: Exchange[] = [];
    const world = await railwayWorld({ maxPageSize: 2 }, { fetch: recordingFetch(exchanges) });
    try {
      const [good1] = idsOldestFirst(world.sandbox);
      expect((await world.run({ dryRun: true })).status).toBe('planned');
      expect((await world.run()).status).toBe('rolled-back');
      expect((await world.run()).status).toBe('already-live');
      expect((await world.run({ target: good1 })).status).toBe('rolled-back');
      expect((await world.run({ target: 'ffffffff-ffff-4fff-8fff-ffffffffffff' })).status).toBe('failed');
    } finally {
      await world.sandbox.stop();
    }
    const operations = new Set<string>();
    let errorsAnswered = 0;
    for (const exchange of exchanges) {
      const document = parse(exchange.query);
      operations.add(exchange.query.match(/^(?:query|mutation) (\w+)/)?.[1] ?? '?');
      expect(exchange.status).toBe(200);
      if (exchange.body.errors) {
        // A rejected operation: errors with messages, and no data (every root field is non-null).
        expect(exchange.body.errors).toEqual([expect.objectContaining({ message: expect.any(String) })]);
        expect(exchange.body.data ?? null).toBeNull();
        errorsAnswered += 1;
        continue;
      }
      const result = await execute({
        schema: published(),
        document,
        variableValues: exchange.variables,
        rootValue: exchange.body.data,
      });
      expect(result.errors ?? []).toEqual([]);
      // Nothing answered outside the selection, nothing missing from it.
      expect(JSON.parse(JSON.stringify(result.data))).toEqual(exchange.body.data);
    }
    expect([...operations].sort()).toEqual([
      'RollbackGuardDeployment',
      'RollbackGuardDeploymentsPage',
      'RollbackGuardRollback',
      'RollbackGuardSnapshot',
    ]);
    // The unknown target was looked up by id and not found.
    expect(errorsAnswered).toBeGreaterThanOrEqual(1);
  });

  it('would catch an answer that breaks the schema (so the check above can fail)', async () => {
    const document = parse(RAILWAY_DOCUMENTS.deployment);
    const answer = {
      deployment: {
        id: 'd',
        status: 'DONE',
        createdAt: '2026-01-01T00:00:00.000Z',
        statusUpdatedAt: null,
        canRollback: 'yes',
        canRedeploy: true,
        deploymentStopped: false,
        meta: null,
        serviceId: null,
        environmentId: 'e',
      },
    };
    const check = async (deployment: Record<string, unknown>) => {
      const result = await execute({
        schema: published(),
        document,
        variableValues: { id: 'd' },
        rootValue: { deployment },
      });
      return result.errors?.map((e) => e.message);
    };
    expect(await check({ ...answer.deployment, canRollback: true })).toEqual([
      expect.stringMatching(/Enum "DeploymentStatus" cannot represent value: "DONE"/),
    ]);
    expect(await check({ ...answer.deployment, status: 'SUCCESS' })).toEqual([
      expect.stringMatching(/Boolean cannot represent a non boolean value: "yes"/),
    ]);
    const noEnvironment = {
      ...answer.deployment,
      status: 'SUCCESS',
      canRollback: true,
      environmentId: undefined,
    };
    expect(await check(noEnvironment)).toEqual([
      expect.stringMatching(/Cannot return null for non-nullable field Deployment.environmentId/),
    ]);
  });
});
