/**
 * GraphQL over HTTP for provider APIs (Railway's, Fly.io's): one document and its variables per
 * POST, with the provider's auth headers. A GraphQL server answers a rejected operation with HTTP
 * 200 (or a 4xx) and an `errors` array, so an answer is read in this order: GraphQL errors, in the
 * API's own words with the provider's hint; then the HTTP status; JSON; the envelope's shape; and
 * last `data`, against the caller's zod schema, so a changed field is an error that names it.
 *
 * Queries are sent as idempotent (the HttpClient retries them on 5xx and network errors like any
 * read); mutations are not, so they are sent again only when they provably never left (or on 429).
 */
import { z } from 'zod';
import { ProviderError, type Redactor } from './errors.js';
import { expectOk, parseJson } from './http-errors.js';
import type { HttpClient, HttpResponse } from './http.js';
import { formatIssuePath, parseResponse } from './response.js';

/** One GraphQL error as servers send it. */
export const graphqlErrorSchema = z.object({
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])).nullish(),
  extensions: z.record(z.string(), z.unknown()).nullish(),
});
export type GraphqlError = z.infer<typeof graphqlErrorSchema>;

const envelopeSchema = z.object({
  data: z.unknown().optional(),
  errors: z.array(graphqlErrorSchema).nullish(),
});
type Envelope = z.infer<typeof envelopeSchema>;

/** What the provider makes of GraphQL errors: what to do next, and whether a retry could help. */
export interface GraphqlErrorReading {
  hint?: string;
  retryable?: boolean;
}

export interface GraphqlApiOptions {
  http: HttpClient;
  url: string | URL;
  /** The auth headers every request carries. */
  headers: Record<string, string>;
  secrets?: Redactor;
  /** The API's name in messages: 'Railway'. */
  name: string;
  /** Put before the API's own words in a failure ('Railway answered: '); nothing by default. */
  quotePrefix?: string;
  /** Hint and retryability of GraphQL errors, from their joined messages and the errors. */
  readErrors?: (text: string, errors: GraphqlError[]) => GraphqlErrorReading;
  /** What to check when the answer is no GraphQL response at all (usually the URL input). */
  urlHint: string;
  /**
   * Where field names in schema errors start: inside `data` (default: 'serviceInstance.id') or at
   * the envelope ('data.app.id').
   */
  fieldPaths?: 'data' | 'envelope';
}

export interface GraphqlRequestOptions {
  /** What the request is for, for messages: 'list Railway deployments'. */
  purpose: string;
  /** The answer's name in schema errors: 'Railway snapshot response'. */
  what: string;
  /** Epoch ms after which no retry starts. */
  deadline?: number;
}

export class GraphqlApi {
  readonly url: string;

  constructor(private readonly api: GraphqlApiOptions) {
    this.url = String(api.url);
  }

  /** Sends the document (a query or a mutation) and returns its `data`, checked by `schema`. */
  async query<T>(
    document: string,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
    options: GraphqlRequestOptions,
  ): Promise<T> {
    const response = await this.api.http.send({
      method: 'POST',
      url: this.url,
      headers: this.api.headers,
      body: { query: document, variables, operationName: operationName(document) },
      idempotent: !isMutation(document),
      deadline: options.deadline,
      purpose: options.purpose,
    });
    const envelope = this.envelope(response, options.purpose);
    if (envelope.errors && envelope.errors.length > 0) {
      throw this.refusal(envelope.errors, response.status, options.purpose);
    }
    if (envelope.data === undefined || envelope.data === null) {
      throw new ProviderError(`${options.purpose}: ${this.api.name} answered with neither data nor errors`, {
        status: response.status,
        retryable: false,
        hint: this.api.urlHint,
        secrets: this.api.secrets,
      });
    }
    const at = this.api.fieldPaths === 'envelope' ? ['data'] : [];
    return parseResponse(schema, envelope.data, options.what, this.api.secrets, at);
  }

  /** The GraphQL envelope; a non-2xx answer without GraphQL errors is an HTTP failure. */
  private envelope(response: HttpResponse, purpose: string): Envelope {
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      body = undefined;
    }
    const parsed = envelopeSchema.safeParse(body);
    // A GraphQL server may answer a rejected document with a 4xx and an errors array: show those.
    if (!(parsed.success && parsed.data.errors?.length)) expectOk(response, purpose, this.api.secrets);
    if (body === undefined) parseJson(response, purpose, this.api.secrets);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${formatIssuePath(issue.path)}: ${issue.message}` : 'unexpected shape';
      throw new ProviderError(`${purpose}: the answer is not a GraphQL response (${where})`, {
        status: response.status,
        retryable: false,
        hint: this.api.urlHint,
        secrets: this.api.secrets,
      });
    }
    return parsed.data;
  }

  /** The API's own words (each message once), with the provider's reading of them. */
  private refusal(errors: GraphqlError[], status: number, purpose: string): ProviderError {
    const messages = [...new Set(errors.map((e) => e.message.trim()).filter(Boolean))];
    const text = messages.join('; ') || 'an error without a message';
    const reading = this.api.readErrors?.(text, errors) ?? {};
    return new ProviderError(`${purpose} failed: ${this.api.quotePrefix ?? ''}${text}`, {
      status,
      retryable: reading.retryable ?? false,
      hint: reading.hint,
      secrets: this.api.secrets,
    });
  }
}

/** The name after `query` or `mutation`, which the request also sends as `operationName`. */
export function operationName(document: string): string | undefined {
  return /^\s*(?:query|mutation)\s+(\w+)/.exec(document)?.[1];
}

function isMutation(document: string): boolean {
  return /^\s*mutation\b/.test(document);
}
