/**
 * One probe: one HTTP request with a timeout, classified (README, detect):
 * - **pass**: an answer with a status in `expect-status`, the `expect-body` substring if one is
 *   asked for, and (for health probes) a JSON health body, if any, that reports everything healthy;
 * - **failure**: the service answered badly or not at all: another status, the substring missing
 *   (e.g. an HTML error page served with 200), a component reported unhealthy, no answer within the
 *   timeout, a refused or reset connection, a broken TLS handshake;
 * - **error**: the probe says nothing about the service: the runner cannot resolve the host name,
 *   or a rate limiter answered 429.
 * Redirects are followed, but the configured headers go to the configured origin only; a body is
 * read up to MAX_PROBE_BODY_BYTES (core/guarded-fetch.ts).
 * A probe is an observation, so it is never retried. Latency is measured with the injected clock
 * around the request and the body, so a test can make a server "slow" by moving a manual clock.
 */
import type { Clock } from '../core/clock.js';
import { describeThrown } from '../core/errors.js';
import {
  BodyTooLargeError,
  fetchWithRedirects,
  readBodyWithLimit,
  RedirectRefusedError,
} from '../core/guarded-fetch.js';
import { networkErrorCode, type FetchLike } from '../core/http.js';
import type { StatusList } from '../core/parse.js';
import { readHealthBody } from './health-body.js';

export type ProbeOutcome = 'pass' | 'failure' | 'error';

/** What to request and what a good answer is. */
export interface ProbeTarget {
  url: URL;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  expectStatus: StatusList;
  expectBody?: string;
  timeoutMs: number;
  /** Read a JSON body as a health report (health probes: yes; smoke tests: no). */
  healthBody: boolean;
  /** The longest body read (default MAX_PROBE_BODY_BYTES). */
  maxBodyBytes?: number;
}

/**
 * A health body is a few hundred bytes; this is room for a whole web page at a URL that is not a
 * health endpoint. A longer answer (or an endless one) stops being read here: the probe is an error.
 */
export const MAX_PROBE_BODY_BYTES = 1024 * 1024;

export interface ProbeDeps {
  fetch: FetchLike;
  clock: Clock;
}

export interface ProbeResult {
  outcome: ProbeOutcome;
  url: string;
  /** ISO 8601 time the request started. */
  at: string;
  /** The HTTP status, when the service answered. */
  status?: number;
  /**
   * Milliseconds from request to the end of the body; the timeout for a probe with no answer in
   * time (the latency was at least that); absent when there is nothing to time (refused, DNS).
   */
  latencyMs?: number;
  /** Why it failed or erred, in a few words ('HTTP 503', 'no answer within 10 s'). */
  detail?: string;
  /** Where the answer came from, when a redirect led elsewhere. */
  redirectedTo?: string;
  /** Components a JSON health body reported as not healthy. */
  failingComponents?: string[];
  /** The body, for callers that check more (smoke tests); not kept in reports. */
  body?: string;
  contentType?: string | null;
}

/** DNS failures: the runner's problem, not the service's. */
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);

const NETWORK_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  UND_ERR_SOCKET: 'connection closed before the answer was complete',
  EPIPE: 'connection closed while sending',
  UND_ERR_CONNECT_TIMEOUT: 'connection attempt timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

export async function runProbe(target: ProbeTarget, deps: ProbeDeps): Promise<ProbeResult> {
  const started = deps.clock.now();
  const base = { url: target.url.toString(), at: new Date(started).toISOString() };
  const signal = AbortSignal.timeout(target.timeoutMs);
  let response: Response;
  let text: string;
  let redirectedTo: URL | undefined;
  try {
    const init = { method: target.method ?? 'GET', headers: target.headers, body: target.body, signal };
    const answer = await fetchWithRedirects(deps.fetch, target.url, init, 'drop-headers');
    response = answer.response;
    if (answer.redirects > 0) redirectedTo = answer.url;
    text = await readBodyWithLimit(response, target.maxBodyBytes ?? MAX_PROBE_BODY_BYTES);
  } catch (thrown) {
    return { ...base, ...classifyThrown(thrown, target, signal.aborted) };
  }
  const latencyMs = Math.max(0, deps.clock.now() - started);
  const answered = {
    ...base,
    status: response.status,
    latencyMs,
    body: text,
    contentType: response.headers.get('content-type'),
    ...(redirectedTo ? { redirectedTo: redirectedTo.toString() } : {}),
  };

  if (response.status === 429) {
    const retryAfter = response.headers.get('retry-after');
    return {
      ...answered,
      outcome: 'error',
      detail: `rate limited (HTTP 429${retryAfter ? `, Retry-After ${retryAfter.slice(0, 40)}` : ''})`,
    };
  }
  if (!target.expectStatus.includes(response.status)) {
    const health = target.healthBody ? readHealthBody(text, answered.contentType) : undefined;
    return {
      ...answered,
      outcome: 'failure',
      detail: `HTTP ${response.status}, expected ${target.expectStatus.toString()}`,
      ...(health?.failing.length ? { failingComponents: health.failing } : {}),
    };
  }
  if (target.expectBody !== undefined && !text.includes(target.expectBody)) {
    return {
      ...answered,
      outcome: 'failure',
      detail: `HTTP ${response.status} but the body lacks the expected text`,
    };
  }
  if (target.healthBody) {
    const health = readHealthBody(text, answered.contentType);
    if (health && (health.failing.length > 0 || health.overallUnhealthy)) {
      const detail = health.failing.length
        ? `not healthy: ${health.failing.join(', ')}`
        : `status '${health.overallStatus}' is not healthy`;
      return {
        ...answered,
        outcome: 'failure',
        detail: `HTTP ${response.status} but the body reports ${detail}`,
        ...(health.failing.length ? { failingComponents: health.failing } : {}),
      };
    }
  }
  return { ...answered, outcome: 'pass' };
}

function classifyThrown(
  thrown: unknown,
  target: ProbeTarget,
  timedOut: boolean,
): Pick<ProbeResult, 'outcome' | 'detail' | 'latencyMs'> {
  if (thrown instanceof BodyTooLargeError) {
    // Says nothing about health (a page, not a health endpoint; or a stream): an error, not a failure.
    return {
      outcome: 'error',
      detail: `${thrown.message}, more than a health check needs: point the URL at a health endpoint`,
    };
  }
  if (thrown instanceof RedirectRefusedError) return { outcome: 'failure', detail: thrown.message };
  const code = networkErrorCode(thrown);
  if (timedOut || code === 'TimeoutError') {
    return {
      outcome: 'failure',
      detail: `no answer within ${target.timeoutMs} ms`,
      latencyMs: target.timeoutMs,
    };
  }
  if (DNS_CODES.has(code)) {
    return {
      outcome: 'error',
      detail: `cannot resolve ${target.url.hostname} (${code}): a problem of the runner's DNS, not of the service`,
    };
  }
  const known = NETWORK_FAILURES[code];
  if (known) return { outcome: 'failure', detail: known };
  // Anything else the network throws (TLS errors, malformed answers) is the service answering badly.
  const cause = (thrown as { cause?: unknown })?.cause;
  const text = describeThrown(cause ?? thrown);
  return { outcome: 'failure', detail: `request failed (${code === 'UNKNOWN' ? text : `${code}: ${text}`})` };
}
