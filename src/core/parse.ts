/**
 * Parsers for the value formats every action accepts (the README's input tables). Each throws a
 * ParseError whose message says what is accepted; the input reader turns it into a configuration
 * error naming the input.
 */

export class ParseError extends Error {
  constructor(
    message: string,
    /** False when the message never repeats the input text, so it may be shown for a secret input. */
    readonly repeatsInput = true,
  ) {
    super(message);
    this.name = 'ParseError';
  }
}

export const DURATION_ACCEPTED =
  "a duration such as '250ms', '90s', '10m', '1h', or a bare number of seconds";
export const RATE_ACCEPTED = "a rate such as '10%' or '0.1' (between 0 and 1)";
export const BOOLEAN_ACCEPTED = "'true' or 'false'";
export const STATUS_LIST_ACCEPTED =
  "HTTP status codes and ranges separated by commas, such as '200,204,300-399' (codes 100-599)";

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Duration text to milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(text.trim());
  if (!match) throw new ParseError(`'${text}' is not ${DURATION_ACCEPTED}`);
  const amount = Number(match[1]);
  const unit = (match[2] ?? 's').toLowerCase();
  const ms = amount * (DURATION_UNITS[unit] as number);
  if (!Number.isFinite(ms)) throw new ParseError(`'${text}' is too large; expected ${DURATION_ACCEPTED}`);
  return Math.round(ms);
}

/** Milliseconds to the shortest exact duration text ('5m', '90s', '250ms'). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0m';
  for (const unit of ['h', 'm', 's'] as const) {
    const size = DURATION_UNITS[unit] as number;
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** Milliseconds to a short human reading: '850 ms', '12.4 s', '3 min 5 s'. */
export function humanDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** Rate text ('10%' or '0.1') to a fraction between 0 and 1. */
/** Names for a sentence: 'a, b or c' (`conjunction` 'and' for 'a, b and c'). */
export function listText(items: readonly string[], conjunction: 'or' | 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

export function parseRate(text: string): number {
  const trimmed = text.trim();
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(trimmed);
  const value = percent ? Number(percent[1]) / 100 : /^\d*\.?\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new ParseError(`'${text}' is not ${RATE_ACCEPTED}`);
  }
  return value;
}

/** 'true' or 'false', in any case. */
export function parseBoolean(text: string): boolean {
  const lower = text.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new ParseError(`'${text}' is not ${BOOLEAN_ACCEPTED}`);
}

/** An inclusive range of HTTP status codes. */
export interface StatusRange {
  from: number;
  to: number;
}

/** A parsed status list, which can say whether a status is in it and print itself back. */
export class StatusList {
  constructor(readonly ranges: readonly StatusRange[]) {}

  includes(status: number): boolean {
    return this.ranges.some((r) => status >= r.from && status <= r.to);
  }

  toString(): string {
    return this.ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(',');
  }
}

/** '200,204,300-399' to a StatusList. */
export function parseStatusList(text: string): StatusList {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) throw new ParseError(`'${text}' is not ${STATUS_LIST_ACCEPTED}`);
  const ranges = parts.map((part) => {
    const match = /^(\d{3})(?:\s*-\s*(\d{3}))?$/.exec(part);
    const from = Number(match?.[1]);
    const to = match?.[2] === undefined ? from : Number(match[2]);
    if (!match || from < 100 || to > 599 || from > to) {
      throw new ParseError(`'${part}' in '${text}' is not valid; expected ${STATUS_LIST_ACCEPTED}`);
    }
    return { from, to };
  });
  return new StatusList(ranges);
}

/** A list given one item per line or separated by commas; blank items dropped. */
export function parseList(text: string, separator: RegExp = /[\n,]/): string[] {
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export const HEADERS_ACCEPTED =
  "one 'Name: value' per line (a name of letters, digits and !#$%&'*+.^_`|~-; a value of printable characters)";

/** RFC 9110 (was 7230) token: what a header name is made of. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * What is wrong with a header, or undefined. A name is an RFC 9110 token. A value is what HTTP allows (printable characters,
 * spaces and tabs; RFC 9110 field-value) and what fetch can send (no character above U+00FF): a
 * header that can never be sent would fail every probe, and a healthy service would look down.
 * The value is never repeated: it may be a secret.
 */
export function headerProblem(name: string, value: string): string | undefined {
  if (!HEADER_NAME.test(name)) {
    return `a header name has a character a name cannot have (letters, digits and !#$%&'*+.^_\`|~- only)`;
  }
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const control = /[\u0000-\u0008\u000a-\u001f\u007f]/.exec(value);
  if (control) {
    const what =
      control[0] === '\r'
        ? 'a carriage return (CR)'
        : control[0] === '\n'
          ? 'a line feed (LF)'
          : control[0] === '\0'
            ? 'a NUL character'
            : `a control character (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`;
    return `the value of '${name}' holds ${what}, which HTTP does not allow in a header`;
  }
  // eslint-disable-next-line no-control-regex -- the range starts at U+0000 to name all of Latin-1
  if (/[^\u0000-\u00ff]/.test(value)) {
    return `the value of '${name}' holds a character above U+00FF, which an HTTP header cannot carry (percent-encode it)`;
  }
  return undefined;
}

/** 'Name: value' lines to a header map. */
export function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const problems: string[] = [];
  for (const line of parseList(text, /\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) {
      // Never echo the line: its value may be a secret.
      problems.push('a line has no name before a colon');
      continue;
    }
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    const problem = headerProblem(name, value);
    if (problem) problems.push(problem);
    else headers[name] = value;
  }
  if (problems.length > 0)
    throw new ParseError(`${problems.join('; ')}; expected ${HEADERS_ACCEPTED}`, false);
  return headers;
}
