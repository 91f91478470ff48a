/**
 * Error kinds. A configuration error is the user's: it is reported before any side effect, with
 * every bad input at once. A provider error is the provider's or the network's: it carries the HTTP
 * status, whether a retry could help, and a message from which the error itself removed the secrets
 * (provider answers may echo a token back), so no code that builds one redacts by hand.
 */

/** One bad input: its name and a sentence saying what was wrong and what is accepted. */
export interface InputProblem {
  input: string;
  message: string;
}

export class ConfigurationError extends Error {
  readonly problems: InputProblem[];

  constructor(problems: InputProblem[]) {
    super(problems.map((p) => `input '${p.input}': ${p.message}`).join('; '));
    this.name = 'ConfigurationError';
    this.problems = problems;
  }

  static single(input: string, message: string): ConfigurationError {
    return new ConfigurationError([{ input, message }]);
  }
}

/** What removes secrets from text: the action's `Secrets`. */
export interface Redactor {
  redact(text: string): string;
}

export interface ProviderErrorDetails {
  /** HTTP status, when the provider answered. */
  status?: number;
  /** Whether trying again later could succeed (5xx, 429, network). */
  retryable: boolean;
  /** What the user can do about it; appended to the message. */
  hint?: string;
  /** The secrets to remove from the message and the hint before the error keeps them. */
  secrets?: Redactor;
}

export class ProviderError extends Error {
  readonly status?: number;
  readonly retryable: boolean;
  readonly hint?: string;

  constructor(message: string, details: ProviderErrorDetails) {
    const redact = (text: string) => details.secrets?.redact(text) ?? text;
    const hint = details.hint === undefined ? undefined : redact(details.hint);
    super(redact(hint ? `${message}. ${hint}` : message));
    this.name = 'ProviderError';
    this.status = details.status;
    this.retryable = details.retryable;
    this.hint = hint;
  }
}

/** Any thrown value as text: Errors give their message, anything else is stringified. */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message || thrown.name;
  // An Error from another realm (a vm context, a test sandbox) fails instanceof but is one.
  if (isErrorLike(thrown)) return thrown.message || thrown.name || 'Error';
  if (typeof thrown === 'string') return thrown;
  try {
    return JSON.stringify(thrown) ?? String(thrown);
  } catch {
    return String(thrown);
  }
}

function isErrorLike(value: unknown): value is { message: string; name?: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string' &&
    Object.prototype.toString.call(value) === '[object Error]'
  );
}

/** A failure message for the log: it starts with the action's name. */
export function failureMessage(action: string, thrown: unknown): string {
  const text = describeThrown(thrown);
  return text.startsWith(`${action}:`) ? text : `${action}: ${text}`;
}

/**
 * The stack of an error no code expected (a bug, not a provider's or the user's error), for a debug
 * log line; undefined for the errors whose message says everything.
 */
export function unexpectedErrorStack(thrown: unknown): string | undefined {
  if (thrown instanceof ProviderError || thrown instanceof ConfigurationError) return undefined;
  if (thrown instanceof Error || isErrorLike(thrown)) {
    const stack = (thrown as { stack?: unknown }).stack;
    return typeof stack === 'string' && stack !== '' ? stack : undefined;
  }
  return undefined;
}
