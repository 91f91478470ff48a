/**
 * Fetch with the two limits every request of ours needs, whatever the network sends:
 *
 * - **Redirects are followed by hand** (at most MAX_REDIRECTS), so the configured headers (a
 *   provider token, a user's `X-Api-Key`) go only to the origin they were configured for. A
 *   redirect to another origin is either refused (provider APIs: `cross-origin: 'refuse'`, the
 *   token must never leave its API) or followed as a plain GET without the configured headers or
 *   body (health checks: `'drop-headers'`, an http→https hop or a maintenance page on another host
 *   is still an answer). Once dropped, the headers stay dropped for the rest of the chain.
 *   Node's own fetch would send every custom header to wherever it is redirected.
 * - **Bodies are read up to a cap**: the stream is read chunk by chunk and cancelled as soon as it
 *   passes `maxBytes` (or at once, when Content-Length says it will), so an endless or huge answer
 *   costs at most the cap in memory.
 */
import type { FetchLike } from './http.js';
import { byteSize } from './files.js';

/** Like browsers, fewer: a chain this long is a loop or a misconfiguration. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export type CrossOriginRedirects = 'refuse' | 'drop-headers';

/** A redirect that was not followed; the message says why, with the target's origin only. */
export class RedirectRefusedError extends Error {
  constructor(
    message: string,
    /** The status of the redirect. */
    readonly status: number,
  ) {
    super(message);
    this.name = 'RedirectRefusedError';
  }
}

/** A body longer than the cap; reading stopped there. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the answer is larger than ${byteSize(maxBytes)}; reading stopped there`);
    this.name = 'BodyTooLargeError';
  }
}

export interface GuardedResponse {
  response: Response;
  /** The URL that gave the response (the requested one when nothing redirected). */
  url: URL;
  /** How many redirects were followed. */
  redirects: number;
  /** Whether a redirect left the requested origin (the configured headers were not sent there). */
  leftOrigin: boolean;
}

/**
 * Sends the request and follows redirects as the module comment says. Throws RedirectRefusedError
 * for a redirect it does not follow; anything fetch throws passes through.
 */
export async function fetchWithRedirects(
  fetch: FetchLike,
  url: string | URL,
  init: RequestInit,
  crossOrigin: CrossOriginRedirects,
): Promise<GuardedResponse> {
  const origin = new URL(url).origin;
  let current = new URL(url);
  let request: RequestInit = { ...init, redirect: 'manual' };
  let leftOrigin = false;
  for (let redirects = 0; ; redirects++) {
    const response = await fetch(current, request);
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null) {
      return { response, url: current, redirects, leftOrigin };
    }
    await response.body?.cancel().catch(() => {});
    const next = redirectTarget(location, current, response.status);
    if (redirects >= MAX_REDIRECTS) {
      throw new RedirectRefusedError(`more than ${MAX_REDIRECTS} redirects`, response.status);
    }
    request = nextRequest(request, response.status);
    if (next.origin !== origin && !leftOrigin) {
      if (crossOrigin === 'refuse') {
        throw new RedirectRefusedError(
          `HTTP ${response.status} redirect to another origin (${next.origin}), not followed: the credentials are sent to ${origin} only`,
          response.status,
        );
      }
      leftOrigin = true;
      const method = request.method?.toUpperCase() === 'HEAD' ? 'HEAD' : 'GET';
      request = { method, redirect: 'manual', signal: init.signal };
    }
    current = next;
  }
}

/** The redirect's target, or RedirectRefusedError when it is not an http(s) URL we may follow. */
function redirectTarget(location: string, base: URL, status: number): URL {
  let next: URL;
  try {
    next = new URL(location, base);
  } catch {
    throw new RedirectRefusedError(`HTTP ${status} redirect to a Location that is not a URL`, status);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new RedirectRefusedError(`HTTP ${status} redirect to a ${next.protocol} URL, not followed`, status);
  }
  if (next.username !== '' || next.password !== '') {
    throw new RedirectRefusedError(
      `HTTP ${status} redirect to a URL with credentials in it (${next.origin}), not followed`,
      status,
    );
  }
  return next;
}

/** Fetch's rule: 303 (and 301/302 after a POST) becomes a GET without a body; 307/308 repeat as is. */
function nextRequest(request: RequestInit, status: number): RequestInit {
  const method = (request.method ?? 'GET').toUpperCase();
  if (status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST') {
    const headers = new Headers(request.headers);
    for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language'])
      headers.delete(name);
    return { ...request, method: 'GET', body: undefined, headers };
  }
  return request;
}

/**
 * The body as text (UTF-8, as `response.text()` reads it), or BodyTooLargeError once it passes
 * `maxBytes`; the stream is cancelled then, so nothing more is received.
 */
export async function readBodyWithLimit(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new BodyTooLargeError(maxBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * A fetch for clients that read bodies themselves (Octokit): redirects followed within the origin
 * only, and a body that errors with BodyTooLargeError, and stops the download, past `maxBytes`.
 */
export function guardedFetch(fetch: FetchLike, maxBytes: number): FetchLike {
  return async (input, init = {}) => {
    const { response } = await fetchWithRedirects(fetch, input, init, 'refuse');
    if (!response.body) return response;
    let received = 0;
    const limited = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          received += chunk.byteLength;
          if (received > maxBytes) controller.error(new BodyTooLargeError(maxBytes));
          else controller.enqueue(chunk);
        },
      }),
    );
    const { status, statusText, headers } = response;
    return new Response(limited, { status, statusText, headers });
  };
}
