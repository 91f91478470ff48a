/**
 * The providers' published contracts (vendored in contracts/, where each came from is in
 * contracts/SOURCES.md), for contract tests: GraphQL operations validated against the Railway and Fly
 * SDL with the `graphql` package, Render requests and responses against its OpenAPI document.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInterfaceType,
  GraphQLObjectType,
  isSpecifiedScalarType,
  parse,
  validate,
  type GraphQLSchema,
} from 'graphql';
import { ROOT } from './bundle.js';

export const CONTRACTS_DIR = path.resolve(ROOT, 'contracts');

/** A describe block of contract tests (the contracts are part of the repository, so they always run). */
export function describeWithContracts(name: string, body: () => void): void {
  describe(name, body);
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

/**
 * How a schema excerpt (the part of a provider's SDL a sandbox serves) differs from the published
 * SDL: every type must exist there with the same kind, and every enum value, field and argument it
 * has must exist there with the same type. Empty when the excerpt is a faithful subset.
 */
export function graphqlExcerptMismatches(
  excerpt: string,
  file: 'railway-schema.graphql' | 'fly-schema.graphql',
): string[] {
  const published = graphqlSchema(file);
  const problems: string[] = [];
  for (const type of Object.values(buildSchema(excerpt).getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    const original = published.getType(type.name);
    if (!original || original.constructor !== type.constructor) {
      problems.push(
        `${type.name}: ${original ? `is a ${original.constructor.name} there` : 'not in the published schema'}`,
      );
      continue;
    }
    if (type instanceof GraphQLEnumType) {
      const known = new Set((original as GraphQLEnumType).getValues().map((v) => v.name));
      for (const value of type.getValues()) {
        if (!known.has(value.name)) problems.push(`${type.name}.${value.name}: no such enum value`);
      }
    }
    if (
      type instanceof GraphQLObjectType ||
      type instanceof GraphQLInterfaceType ||
      type instanceof GraphQLInputObjectType
    ) {
      const theirs = (original as typeof type).getFields() as Record<
        string,
        { type: unknown; args?: readonly { name: string; type: unknown }[] }
      >;
      for (const field of Object.values(type.getFields()) as {
        name: string;
        type: unknown;
        args?: readonly { name: string; type: unknown }[];
      }[]) {
        const match = theirs[field.name];
        const where = `${type.name}.${field.name}`;
        if (!match) {
          problems.push(`${where}: no such field`);
          continue;
        }
        if (String(match.type) !== String(field.type))
          problems.push(`${where}: ${String(field.type)}, published ${String(match.type)}`);
        for (const arg of field.args ?? []) {
          const published = match.args?.find((a) => a.name === arg.name);
          if (!published) problems.push(`${where}(${arg.name}): no such argument`);
          else if (String(published.type) !== String(arg.type))
            problems.push(`${where}(${arg.name}): ${String(arg.type)}, published ${String(published.type)}`);
        }
      }
    }
  }
  return problems;
}

/** The Render OpenAPI document, parsed. */
export function renderOpenApi(): Record<string, unknown> {
  return JSON.parse(contractText('render-openapi.json')) as Record<string, unknown>;
}
