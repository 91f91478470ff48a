/**
 * HTTP for provider APIs, over Node's fetch:
 * - every request has its own timeout;
 * - reads (and requests the caller marks idempotent, such as GraphQL queries) are retried on 5xx
 *   and network errors with full-jitter exponential backoff;
 * - 429 is retried for any method, after `Retry-After` (or `RateLimit-Reset`) when the server sends
 *   it (a 429 means the request was refused, not carried out);
 * - a mutating request is otherwise retried only when it provably never reached the server
 *   (connection refused, host not found): a reset or a timeout may hide a request that was done.
 * Clock, sleep, randomness and fetch are injected. Error messages have secrets removed.
 * Redirects are followed within the API's origin only (the token goes nowhere else), and an answer
 * is read up to `maxBodyBytes` (guarded-fetch.ts).
 */
import { ProviderError } from './errors.js';
import type { Clock, Sleep } from './clock.js';
import {
  BodyTooLargeError,
  fetchWithRedirects,
  readBodyWithLimit,
  RedirectRefusedError,
} from './guarded-fetch.js';
import { expectOk, parseJson } from './http-errors.js';
import type { Secrets } from './secrets.js';

// The answer's status and body are read by the helpers of http-errors.ts; re-exported for callers
// that import them from here.
export { expectOk, parseJson, statusHint } from './http-errors.js';

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface HttpDeps {
  fetch: FetchLike;
  clock: Clock;
  sleep: Sleep;
  /** A number in [0, 1); the jitter source. */
  random: () => number;
  secrets?: Secrets;
  /** Told about each retry, e.g. to log "rate limited, waiting 3 s". */
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the request fails as rate limited. */
  maxRetryAfterMs: number;
  /** Per-request timeout. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 120_000,
  timeoutMs: 30_000,
};

export interface HttpRequest {
  method?: string;
  url: string | URL;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /**
   * Safe to send twice. Defaults to true for GET, HEAD and OPTIONS. Set it for reads that use POST
   * (GraphQL queries); leave it false for anything that changes state.
   */
  idempotent?: boolean;
  /** Epoch ms after which no retry starts. */
  deadline?: number;
  /** What the request is for, for messages: "list Render deploys". */
  purpose: string;
  signal?: AbortSignal;
  policy?: Partial<RetryPolicy>;
  /** The longest answer read (default DEFAULT_MAX_BODY_BYTES); a longer one is a ProviderError. */
  maxBodyBytes?: number;
}

/** Provider answers are kilobytes; a page of megabytes is already far more than any of them. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** How many attempts it took. */
  attempts: number;
}

export interface RetryEvent {
  purpose: string;
  attempt: number;
  delayMs: number;
  /** 'rate-limited', 'server-error' or 'network'. */
  cause: 'rate-limited' | 'server-error' | 'network';
  detail: string;
}

/** Network failures in which the request provably never reached the server. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The error code of a failed fetch ('ECONNREFUSED', 'UND_ERR_SOCKET', 'TimeoutError', ...). */
export function networkErrorCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const record = current as { code?: unknown; name?: unknown; cause?: unknown };
    if (typeof record.code === 'string') return record.code;
    if (record.name === 'TimeoutError' || record.name === 'AbortError') return record.name;
    current = record.cause;
  }
  return 'UNKNOWN';
}

/** Whether a failed fetch provably did not deliver the request. */
export function requestNotSent(error: unknown): boolean {
  return NOT_SENT_CODES.has(networkErrorCode(error));
}

/** Retry-After (seconds or an HTTP date) in milliseconds from now, or undefined. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * `RateLimit-Reset` in milliseconds from now, for 429s that come without Retry-After (Render sends
 * only the `Ratelimit-*` headers). The IETF draft makes it seconds until the window resets; Render's
 * docs call it UTC epoch seconds while their own example shows 45. Both are accepted: a number that
 * large can only be a point in time.
 */
export function parseRateLimitReset(value: string | null, now: number): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed || !/^\d+(\.\d+)?$/.test(trimmed)) return undefined;
  const seconds = Number(trimmed);
  if (seconds >= 1_000_000_000) return Math.max(0, Math.round(seconds * 1000 - now));
  return Math.round(seconds * 1000);
}

/** Full jitter: a uniform wait between 0 and the capped exponential step. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/** The request's headers and body as sent: a string as is, anything else as JSON. */
function encodeBody(request: HttpRequest): { headers: Record<string, string>; body?: string } {
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (typeof request.body === 'string' || request.body === undefined) return { headers, body: request.body };
  headers['content-type'] ??= 'application/json';
  return { headers, body: JSON.stringify(request.body) };
}

export class HttpClient {
  constructor(
    private readonly deps: HttpDeps,
    private readonly defaults: Partial<RetryPolicy> = {},
  ) {}

  /**
   * Sends the request, retrying as the module comment says. Returns the last response whatever its
   * status (the caller decides what a 404 means); throws ProviderError when no response came.
   */
  async send(request: HttpRequest): Promise<HttpResponse> {
    const policy = { ...DEFAULT_RETRY_POLICY, ...this.defaults, ...request.policy };
    const method = (request.method ?? 'GET').toUpperCase();
    const idempotent = request.idempotent ?? ['GET', 'HEAD', 'OPTIONS'].includes(method);
    const { headers, body } = encodeBody(request);

    for (let attempt = 1; ; attempt++) {
      const last = attempt >= policy.maxAttempts;
      let response: Response;
      try {
        response = await this.fetchOnce(request, { method, headers, body }, policy);
      } catch (error) {
        await this.afterNetworkError(request, error, { attempt, last, idempotent, policy });
        continue;
      }

      const text = await this.readBody(request, response);
      if (response.status === 429) {
        await this.afterRateLimit(request, response.headers, { attempt, last, policy });
        continue;
      }
      if (response.status >= 500 && idempotent) {
        const delay = backoffDelay(attempt, policy, this.deps.random);
        if (!last && !this.pastDeadline(request, delay)) {
          await this.wait(request, attempt, delay, 'server-error', `HTTP ${response.status}`);
          continue;
        }
      }
      return { status: response.status, headers: response.headers, text, attempts: attempt };
    }
  }

  /** One attempt, with its own timeout; a redirect to another origin is refused. */
  private async fetchOnce(
    request: HttpRequest,
    init: { method: string; headers: Record<string, string>; body?: string },
    policy: RetryPolicy,
  ): Promise<Response> {
    const timeout = AbortSignal.timeout(policy.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const { response } = await fetchWithRedirects(
      this.deps.fetch,
      request.url,
      { ...init, signal },
      'refuse',
    );
    return response;
  }

  /** After a failed fetch: waits before the next attempt, or throws when none may follow. */
  private async afterNetworkError(
    request: HttpRequest,
    error: unknown,
    state: { attempt: number; last: boolean; idempotent: boolean; policy: RetryPolicy },
  ): Promise<void> {
    if (request.signal?.aborted) throw error;
    if (error instanceof RedirectRefusedError) {
      throw this.failure(request, error.message, {
        status: error.status,
        retryable: false,
        hint: 'Check the API URL: give the address the API answers at itself',
      });
    }
    const { attempt, last, policy } = state;
    const code = networkErrorCode(error);
    const retryable = state.idempotent || requestNotSent(error);
    const detail =
      code === 'TimeoutError' ? `no answer within ${policy.timeoutMs} ms` : `network error ${code}`;
    const delay = backoffDelay(attempt, policy, this.deps.random);
    if (!retryable || last || this.pastDeadline(request, delay)) {
      throw this.failure(request, `${detail}${attempt > 1 ? ` after ${attempt} attempts` : ''}`, {
        retryable: true,
        hint: retryable
          ? 'Check that the API URL is right and reachable from the runner, then run again'
          : 'The request may or may not have been carried out: check the provider before running again',
      });
    }
    await this.wait(request, attempt, delay, 'network', detail);
  }

  /** After a 429: waits as the server asks (or backs off), or throws when that is too long. */
  private async afterRateLimit(
    request: HttpRequest,
    headers: Headers,
    { attempt, last, policy }: { attempt: number; last: boolean; policy: RetryPolicy },
  ): Promise<void> {
    const now = this.deps.clock.now();
    const retryAfter =
      parseRetryAfter(headers.get('retry-after'), now) ??
      parseRateLimitReset(headers.get('ratelimit-reset'), now);
    const delay = retryAfter ?? backoffDelay(attempt, policy, this.deps.random);
    if (last || delay > policy.maxRetryAfterMs || this.pastDeadline(request, delay)) {
      throw this.failure(request, `rate limited (HTTP 429) after ${attempt} attempts`, {
        status: 429,
        retryable: true,
        hint: `The provider asks to wait${retryAfter !== undefined ? ` ${Math.ceil(retryAfter / 1000)} s` : ''}; run again later`,
      });
    }
    const asked = retryAfter === undefined ? 'no Retry-After' : `asked to wait ${retryAfter} ms`;
    await this.wait(request, attempt, delay, 'rate-limited', `HTTP 429, ${asked}`);
  }

  /** Sends and parses a JSON answer; any status outside 2xx is a ProviderError. */
  async json(request: HttpRequest): Promise<unknown> {
    const response = await this.send(request);
    expectOk(response, request.purpose, this.deps.secrets);
    return parseJson(response, request.purpose, this.deps.secrets);
  }

  /** The body up to the request's cap; a longer one is a ProviderError, a broken one reads as ''. */
  private async readBody(request: HttpRequest, response: Response): Promise<string> {
    try {
      return await readBodyWithLimit(response, request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) return '';
      throw this.failure(request, error.message, {
        status: response.status,
        retryable: false,
        hint: 'No answer of this API is that large: check that the API URL points at the provider API',
      });
    }
  }

  private pastDeadline(request: HttpRequest, delay: number): boolean {
    return request.deadline !== undefined && this.deps.clock.now() + delay > request.deadline;
  }

  private async wait(
    request: HttpRequest,
    attempt: number,
    delayMs: number,
    cause: RetryEvent['cause'],
    detail: string,
  ): Promise<void> {
    this.deps.onRetry?.({ purpose: request.purpose, attempt, delayMs, cause, detail });
    await this.deps.sleep(delayMs, request.signal);
  }

  private failure(
    request: HttpRequest,
    detail: string,
    details: { status?: number; retryable: boolean; hint?: string },
  ): ProviderError {
    const host = new URL(request.url).host;
    return new ProviderError(`${request.purpose} failed: ${detail} (${host})`, {
      ...details,
      secrets: this.deps.secrets,
    });
  }
}
