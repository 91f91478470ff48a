/**
 * Parsers for the value formats every action accepts (the README's input tables). Each throws a
 * ParseError whose message says what is accepted; the input reader turns it into a configuration
 * error naming the input.
 */

export class ParseError extends Error {
  constructor(message: string) {
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

export const HEADERS_ACCEPTED = "one 'Name: value' per line";

/** 'Name: value' lines to a header map. */
export function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of parseList(text, /\n/)) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      // Never echo the line: its value may be a secret.
      throw new ParseError(`a line does not look like a header; expected ${HEADERS_ACCEPTED}`);
    }
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}
