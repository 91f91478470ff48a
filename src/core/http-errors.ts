/**
 * One path from a provider's HTTP answer to a ProviderError. A status outside 2xx is a failure that
 * says what the request was for, the status, the provider's own words (or a short excerpt of the
 * body) and what to do next; whether a retry could help follows from the status. An answer that
 * should be JSON and is not says so. Each provider brings only how it words errors (an `ErrorStyle`:
 * where its message is in an error body, hints of its own); secrets are removed by the error itself.
 */
import { ProviderError, type Redactor } from './errors.js';
import type { HttpResponse } from './http.js';

/** How much of an answer a failure message quotes. */
const EXCERPT_LENGTH = 300;
const NOT_JSON_EXCERPT_LENGTH = 120;

/** How a provider words its errors. */
export interface ErrorStyle {
  /** The provider's own message in a (JSON-parsed) error body, when it has one. */
  reason?: (body: unknown) => string | undefined;
  /** What to do next for a failed status (and the text quoted), before the generic hint. */
  hint?: (status: number, said: string) => string | undefined;
}

/** An `ErrorStyle.reason` that reads one text field of the error body: `{"message": "..."}`. */
export function bodyField(name: string): (body: unknown) => string | undefined {
  return (body) => {
    const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
}

/** Text from outside on one line, and short. */
export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, length);
}

/** What to do next, by status. */
export function statusHint(status: number): string | undefined {
  if (status === 401)
    return 'The token was refused: check that it is set, not expired, and of the right kind';
  if (status === 403) return 'The token has no access to this resource: check its scope or team';
  if (status === 404) return 'Not found: check the service, app or deployment id';
  if (status >= 500) return 'The provider had an error: check its status page and run again';
  return undefined;
}

/** The ProviderError for an answer whose status is outside 2xx. */
export function httpFailure(
  response: HttpResponse,
  purpose: string,
  secrets?: Redactor,
  style: ErrorStyle = {},
): ProviderError {
  const said = excerpt((style.reason && readReason(response.text, style.reason)) || response.text);
  return new ProviderError(`${purpose} failed: HTTP ${response.status}${said ? `: ${said}` : ''}`, {
    status: response.status,
    retryable: response.status >= 500 || response.status === 429,
    hint: style.hint?.(response.status, said) ?? statusHint(response.status),
    secrets,
  });
}

/** Throws the ProviderError of `httpFailure` for any status outside 2xx. */
export function expectOk(
  response: HttpResponse,
  purpose: string,
  secrets?: Redactor,
  style?: ErrorStyle,
): void {
  if (response.status >= 200 && response.status < 300) return;
  throw httpFailure(response, purpose, secrets, style);
}

/** The answer parsed as JSON; otherwise a ProviderError that quotes what came instead. */
export function parseJson(response: HttpResponse, purpose: string, secrets?: Redactor): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    const quoted = excerpt(response.text, NOT_JSON_EXCERPT_LENGTH);
    throw new ProviderError(`${purpose}: the answer is not JSON (HTTP ${response.status}: ${quoted})`, {
      status: response.status,
      retryable: false,
      hint: 'Check that the API URL points at the provider API, not at a web page or proxy',
      secrets,
    });
  }
}

function readReason(text: string, reason: (body: unknown) => string | undefined): string | undefined {
  try {
    return reason(JSON.parse(text));
  } catch {
    return undefined;
  }
}
