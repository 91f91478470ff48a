/**
 * The providers' published contracts (../shared/contracts/, see SOURCES.md there), for contract
 * tests: GraphQL operations validated against the Railway and Fly SDL with the `graphql` package,
 * Render requests and responses against its OpenAPI document. Where the folder is absent (a clone
 * without ../shared), `describeWithContracts` skips the tests and says why.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { ROOT } from './bundle.js';

export const CONTRACTS_DIR = path.resolve(ROOT, '..', 'shared', 'contracts');
export const contractsAvailable = existsSync(CONTRACTS_DIR);

/** `describe` when the contracts are there; otherwise a skipped block that says why. */
export function describeWithContracts(name: string, body: () => void): void {
  if (contractsAvailable) {
    describe(name, body);
  } else {
    describe(name, () => {
      it.skip(`skipped: the provider contracts are not at ${CONTRACTS_DIR}`, () => {});
    });
    console.warn(`${name}: skipped, the provider contracts are not at ${CONTRACTS_DIR}`);
  }
}

export function contractText(file: string): string {
  return readFileSync(path.join(CONTRACTS_DIR, file), 'utf8');
}

const schemas = new Map<string, GraphQLSchema>();

/** A GraphQL schema from one of the SDL files, built once per test file. */
export function graphqlSchema(file: 'railway-schema.graphql' | 'fly-schema.graphql'): GraphQLSchema {
  let schema = schemas.get(file);
  if (!schema) {
    schema = buildSchema(contractText(file));
    schemas.set(file, schema);
  }
  return schema;
}

/** Validation errors of a GraphQL document against a schema (empty when valid). */
export function graphqlErrors(
  file: 'railway-schema.graphql' | 'fly-schema.graphql',
  document: string,
): string[] {
  try {
    return validate(graphqlSchema(file), parse(document)).map((error) => error.message);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

/** The Render OpenAPI document, parsed. */
export function renderOpenApi(): Record<string, unknown> {
  return JSON.parse(contractText('render-openapi.json')) as Record<string, unknown>;
}
