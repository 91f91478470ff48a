/**
 * Error kinds. A configuration error is the user's: it is reported before any side effect, with
 * every bad input at once. A provider error is the provider's or the network's: it carries the HTTP
 * status, whether a retry could help, and a message with secrets already removed.
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

export interface ProviderErrorDetails {
  /** HTTP status, when the provider answered. */
  status?: number;
  /** Whether trying again later could succeed (5xx, 429, network). */
  retryable: boolean;
  /** What the user can do about it; appended to the message. */
  hint?: string;
}

export class ProviderError extends Error {
  readonly status?: number;
  readonly retryable: boolean;
  readonly hint?: string;

  constructor(message: string, details: ProviderErrorDetails) {
    super(details.hint ? `${message}. ${details.hint}` : message);
    this.name = 'ProviderError';
    this.status = details.status;
    this.retryable = details.retryable;
    this.hint = details.hint;
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
