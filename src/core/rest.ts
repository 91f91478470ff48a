/**
 * A provider's JSON REST API (Render's, the Fly Machines API): requests by method and path under a
 * base URL, with the provider's auth headers. An answer is checked for its status (failures in the
 * provider's own words, with its hints: http-errors.ts), parsed as JSON and validated against a zod
 * schema before anything reads it. Timeouts, retries and 429s are the HttpClient's.
 *
 * A provider client extends it and adds its operations as small methods; a new operation (in a new
 * file, too) needs only `request` (or `send`, where a status such as 404 is an answer, not a failure).
 */
import type { z } from 'zod';
import type { Redactor } from './errors.js';
import { expectOk, parseJson, type ErrorStyle } from './http-errors.js';
import type { HttpClient, HttpResponse, RetryPolicy } from './http.js';
import { parseResponse } from './response.js';

export interface RestApiOptions {
  http: HttpClient;
  /** The API's base URL; a path on it (`/v1`) is kept. */
  baseUrl: string | URL;
  /** The auth headers every request carries. */
  headers: Record<string, string>;
  secrets?: Redactor;
  /** How the provider words its errors. */
  errors?: ErrorStyle;
}

export interface RestRequest {
  /** Query parameters, in this order. */
  query?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Headers of this request only (a lease nonce). */
  headers?: Record<string, string>;
  /** What the request is for, for messages: 'read Render deploy dep-x'. */
  purpose: string;
  /** Epoch ms after which no retry starts. */
  deadline?: number;
  policy?: Partial<RetryPolicy>;
  /** A hint for this request's failures, before the API's own (why a rollback is refused). */
  hint?: (status: number, said: string) => string | undefined;
}

export interface RestSchemaRequest<T> extends RestRequest {
  /** The answer's shape. */
  schema: z.ZodType<T>;
  /** The answer's name in schema errors: 'Render deploy response'. */
  what: string;
}

export class RestApi {
  private readonly base: string;

  constructor(private readonly api: RestApiOptions) {
    this.base = String(api.baseUrl).replace(/\/+$/, '');
  }

  /** Sends a request and returns its 2xx answer, checked by `schema`. */
  async request<T>(method: string, path: string, request: RestSchemaRequest<T>): Promise<T> {
    return this.read(await this.send(method, path, request), request);
  }

  /** Sends a request and returns the answer as it came, whatever its status. */
  async send(method: string, path: string, request: RestRequest): Promise<HttpResponse> {
    return this.api.http.send({
      method,
      url: this.url(path, request.query),
      headers: { ...this.api.headers, ...request.headers },
      body: request.body,
      purpose: request.purpose,
      deadline: request.deadline,
      policy: request.policy,
    });
  }

  /** A 2xx answer's body, checked by the request's schema; any other status is a ProviderError. */
  read<T>(response: HttpResponse, request: RestSchemaRequest<T>): T {
    this.expectOk(response, request);
    const body = parseJson(response, request.purpose, this.api.secrets);
    return parseResponse(request.schema, body, request.what, this.api.secrets);
  }

  /** Throws a ProviderError, in the provider's words, for any status outside 2xx. */
  expectOk(response: HttpResponse, request: Pick<RestRequest, 'purpose' | 'hint'>): void {
    const style = this.api.errors ?? {};
    expectOk(response, request.purpose, this.api.secrets, {
      reason: style.reason,
      hint: (status, said) => request.hint?.(status, said) ?? style.hint?.(status, said),
    });
  }

  /** The full URL of a path under the base. */
  url(path: string, query?: Record<string, string>): string {
    const search = query ? `?${new URLSearchParams(query).toString()}` : '';
    return `${this.base}${path}${search}`;
  }
}
