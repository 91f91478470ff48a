/**
 * A small OpenAPI 3.0 validator for contract tests: it checks the requests a client sends and the
 * responses a sandbox returns against a published OpenAPI document (Render's), using the subset of
 * JSON Schema those documents use: $ref (any JSON pointer into the document), type, nullable, enum,
 * properties, required, additionalProperties, items, allOf, oneOf, anyOf, minimum/maximum,
 * minLength, pattern and the date-time format.
 *
 * Two choices, made on purpose:
 * - `oneOf` passes when at least one alternative matches. Render's variants overlap (a web service's
 *   details also satisfy the private service's) and the document has no discriminators, so "exactly
 *   one" would reject Render's own answers.
 * - `strict` (the default for sandbox answers) also rejects properties a schema does not declare,
 *   which catches a misspelt field in a simulated answer; real APIs may add fields, so clients
 *   must not be checked that way against live answers.
 */

type Schema = Record<string, unknown>;

export interface ValidateOptions {
  /** Reject object properties the schema does not declare (when it declares any). */
  strict?: boolean;
}

export interface RequestToCheck {
  method: string;
  /** The path as sent, including the server's base path (`/v1/services/...`). */
  path: string;
  query?: URLSearchParams;
  headers?: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, when there is one. */
  body?: unknown;
}

export interface ResponseToCheck {
  status: number;
  body?: unknown;
}

interface Operation {
  template: string;
  method: string;
  operation: Schema;
  pathParams: Record<string, string>;
  parameters: Schema[];
}

export class OpenApi {
  private readonly basePath: string;

  constructor(readonly document: Record<string, unknown>) {
    const servers = (document.servers as { url: string }[] | undefined) ?? [];
    this.basePath = servers[0] ? new URL(servers[0].url).pathname.replace(/\/+$/, '') : '';
  }

  /** The value a `$ref` points at ('#/components/schemas/deploy', '#/paths/~1disks~1%7BdiskId%7D/...'). */
  resolve(ref: string): Schema {
    if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
    let node: unknown = this.document;
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      node = (node as Record<string, unknown> | undefined)?.[key];
      if (node === undefined) throw new Error(`$ref ${ref} points at nothing`);
    }
    return node as Schema;
  }

  private deref(schema: Schema): Schema {
    let current = schema;
    for (let depth = 0; typeof current.$ref === 'string'; depth++) {
      if (depth > 20) throw new Error(`$ref loop at ${String(current.$ref)}`);
      current = this.resolve(current.$ref);
    }
    return current;
  }

  /** The schema at `#/components/schemas/<name>`. */
  schema(name: string): Schema {
    return this.resolve(`#/components/schemas/${name}`);
  }

  /** The operation a request hits: the path template it matches and its parameters. */
  operation(method: string, path: string): Operation | undefined {
    if (!path.startsWith(`${this.basePath}/`)) return undefined;
    const relative = path.slice(this.basePath.length);
    const paths = this.document.paths as Record<string, Schema>;
    for (const [template, item] of Object.entries(paths)) {
      const names: string[] = [];
      const pattern = template
        .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\{([^}]+)\}/g, (_, name: string) => {
          names.push(name);
          return '([^/]+)';
        });
      const match = new RegExp(`^${pattern}$`).exec(relative);
      const operation = item[method.toLowerCase()] as Schema | undefined;
      if (!match || !operation) continue;
      const pathParams = Object.fromEntries(
        names.map((name, i) => [name, decodeURIComponent(match[i + 1] as string)]),
      );
      const parameters = [
        ...((item.parameters as Schema[] | undefined) ?? []),
        ...((operation.parameters as Schema[] | undefined) ?? []),
      ].map((p) => this.deref(p));
      return { template, method: method.toUpperCase(), operation, pathParams, parameters };
    }
    return undefined;
  }

  /** Problems with a request (empty when it matches the document). */
  checkRequest(request: RequestToCheck): string[] {
    const op = this.operation(request.method, request.path);
    const where = `${request.method} ${request.path}`;
    if (!op) return [`${where}: no such operation in the document`];
    const problems: string[] = [];
    const query = request.query ?? new URLSearchParams();
    for (const parameter of op.parameters) {
      const name = parameter.name as string;
      const schema = parameter.schema as Schema;
      if (parameter.in === 'path') {
        problems.push(...this.validate(schema, op.pathParams[name], `path parameter ${name}`));
      } else if (parameter.in === 'query') {
        const values = query.getAll(name);
        if (values.length === 0) {
          if (parameter.required) problems.push(`query parameter ${name} is required`);
          continue;
        }
        const typed =
          this.deref(schema).type === 'array'
            ? values.map(coerce(this.deref((this.deref(schema).items as Schema) ?? {})))
            : coerce(this.deref(schema))(values[0] as string);
        problems.push(...this.validate(schema, typed, `query parameter ${name}`));
      }
    }
    const declared = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of new Set(query.keys())) {
      if (!declared.has(name)) problems.push(`query parameter ${name} is not in the document`);
    }
    const security = (op.operation.security ?? this.document.security) as
      Record<string, unknown>[] | undefined;
    if (security?.some((s) => 'BearerAuth' in s)) {
      const auth = request.headers?.authorization;
      if (typeof auth !== 'string' || !/^Bearer \S+$/.test(auth))
        problems.push('Authorization: Bearer <key> is missing');
    }
    const bodySpec = op.operation.requestBody ? this.deref(op.operation.requestBody as Schema) : undefined;
    const bodySchema = (bodySpec?.content as Record<string, { schema?: Schema }> | undefined)?.[
      'application/json'
    ]?.schema;
    if (request.body === undefined) {
      if (bodySpec?.required) problems.push('the request body is required');
    } else if (!bodySchema) {
      problems.push('the operation takes no JSON body');
    } else {
      problems.push(...this.validate(bodySchema, request.body, 'body', { strict: true }));
    }
    return problems.map((p) => `${op.method} ${op.template}: ${p}`);
  }

  /** Problems with a response to a request (empty when the document allows it). */
  checkResponse(
    request: RequestToCheck,
    response: ResponseToCheck,
    options: ValidateOptions = { strict: true },
  ): string[] {
    const op = this.operation(request.method, request.path);
    if (!op) return [`${request.method} ${request.path}: no such operation in the document`];
    const where = `${op.method} ${op.template} → ${response.status}`;
    const responses = op.operation.responses as Record<string, Schema>;
    const declared =
      responses[String(response.status)] ?? responses[`${String(response.status)[0]}XX`] ?? responses.default;
    if (!declared)
      return [`${where}: the document lists no such status (${Object.keys(responses).join(', ')})`];
    const spec = this.deref(declared);
    const schema = (spec.content as Record<string, { schema?: Schema }> | undefined)?.['application/json']
      ?.schema;
    if (!schema) {
      return response.body === undefined || response.body === ''
        ? []
        : [`${where}: the document says no body`];
    }
    return this.validate(schema, response.body, 'body', options).map((p) => `${where}: ${p}`);
  }

  /** Problems with a value against a schema, each naming where: 'body[0].deploy.status: ...'. */
  validate(schema: Schema, value: unknown, at = '$', options: ValidateOptions = {}): string[] {
    const s = this.deref(schema);
    const problems: string[] = [];
    if (value === null) {
      return s.nullable === true || (s.type === undefined && !s.allOf && !s.oneOf && !s.anyOf)
        ? []
        : [`${at}: is null, which the schema does not allow`];
    }
    if (Array.isArray(s.allOf)) {
      for (const part of s.allOf as Schema[])
        problems.push(...this.validate(part, value, at, { ...options, strict: false }));
    }
    for (const key of ['oneOf', 'anyOf'] as const) {
      const options_ = s[key] as Schema[] | undefined;
      if (!Array.isArray(options_)) continue;
      const results = options_.map((alternative) => this.validate(alternative, value, at, options));
      if (!results.some((r) => r.length === 0)) {
        problems.push(
          `${at}: matches none of the ${options_.length} alternatives (${results.map((r) => r[0]).join(' | ')})`,
        );
      }
    }
    if (s.enum && !(s.enum as unknown[]).includes(value)) {
      problems.push(
        `${at}: ${JSON.stringify(value)} is not one of ${(s.enum as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      );
    }
    const type = s.type as string | undefined;
    if (type && !hasType(value, type)) {
      return [...problems, `${at}: expected ${type}, got ${describe(value)}`];
    }
    if (typeof value === 'string') {
      if (typeof s.minLength === 'number' && value.length < s.minLength)
        problems.push(`${at}: shorter than ${s.minLength}`);
      if (typeof s.pattern === 'string' && !new RegExp(s.pattern).test(value))
        problems.push(`${at}: '${value}' does not match ${s.pattern}`);
      if (s.format === 'date-time' && !DATE_TIME.test(value))
        problems.push(`${at}: '${value}' is not an RFC 3339 date-time`);
    }
    if (typeof value === 'number') {
      if (typeof s.minimum === 'number' && value < s.minimum)
        problems.push(`${at}: ${value} is below ${s.minimum}`);
      if (typeof s.maximum === 'number' && value > s.maximum)
        problems.push(`${at}: ${value} is above ${s.maximum}`);
    }
    if (Array.isArray(value) && s.items) {
      value.forEach((item, i) =>
        problems.push(...this.validate(s.items as Schema, item, `${at}[${i}]`, options)),
      );
    }
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      const properties = (s.properties as Record<string, Schema> | undefined) ?? {};
      for (const name of (s.required as string[] | undefined) ?? []) {
        if (!(name in record)) problems.push(`${at}.${name}: is required`);
      }
      for (const [name, item] of Object.entries(record)) {
        const declared = properties[name];
        if (declared) {
          problems.push(...this.validate(declared, item, `${at}.${name}`, options));
        } else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
          problems.push(...this.validate(s.additionalProperties as Schema, item, `${at}.${name}`, options));
        } else if (
          s.additionalProperties === false ||
          (options.strict && s.additionalProperties === undefined && !this.declares(s, name))
        ) {
          problems.push(`${at}.${name}: is not a property the schema declares`);
        }
      }
    }
    return problems;
  }

  /** Whether a schema (or its allOf / oneOf / anyOf parts) declares a property, or declares none at all. */
  private declares(schema: Schema, name: string): boolean {
    const s = this.deref(schema);
    const parts = [
      ...((s.allOf as Schema[]) ?? []),
      ...((s.oneOf as Schema[]) ?? []),
      ...((s.anyOf as Schema[]) ?? []),
    ];
    const own = s.properties as Record<string, Schema> | undefined;
    if (!own && parts.length === 0) return true;
    return Boolean(own && name in own) || parts.some((part) => this.declares(part, name));
  }
}

/** RFC 3339 date-time, as OpenAPI's `format: date-time` means. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'nothing';
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}

/** Query text as the type its schema declares, so '20' can be checked as an integer. */
function coerce(schema: Schema): (text: string) => unknown {
  return (text) => {
    if ((schema.type === 'integer' || schema.type === 'number') && /^-?\d+(\.\d+)?$/.test(text))
      return Number(text);
    if (schema.type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
    return text;
  };
}
