/**
 * Backup file name patterns such as `*_YYYYMMDD_HHMMSS.db` (the runbook's memory_20240115_020000.db):
 * `*` is any text (never a path separator), `YYYY` `MM` `DD` the date and `HH` `MM` `SS` the time of
 * day, in UTC; the first `MM` is the month and an `MM` after `HH` the minutes; everything else is
 * literal. A name is parsed, never trusted: digits that do not make a real time (20240230, 250000)
 * are reported as such, not rolled over into another day.
 */
import { ParseError } from '../core/parse.js';

type Field = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

export interface BackupPattern {
  /** The pattern as written. */
  readonly text: string;
  readonly regex: RegExp;
  /** The time field of each capture group, in order. */
  readonly fields: readonly Field[];
}

export const DEFAULT_PATTERN = '*_YYYYMMDD_HHMMSS.db';
export const PATTERN_ACCEPTED =
  "a file name pattern such as '*_YYYYMMDD_HHMMSS.db': '*' is any text, YYYY MM DD the date and HH MM SS the UTC time (date required)";

const TOKENS = /YYYY|MM|DD|HH|SS|\*/g;

export function parseBackupPattern(text: string): BackupPattern {
  const pattern = text.trim();
  const fail = (why: string): never => {
    throw new ParseError(`'${text}' ${why}; expected ${PATTERN_ACCEPTED}`);
  };
  if (/[/\\\0]/.test(pattern)) fail('contains a path separator (give the folder in backup-dir)');
  const fields: Field[] = [];
  let source = '';
  let last = 0;
  for (const match of pattern.matchAll(TOKENS)) {
    source += escapeRegex(pattern.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[0] === '*') {
      source += '[^/\\\\]*';
      continue;
    }
    const field = fieldOf(match[0], fields);
    if (fields.includes(field)) fail(`has ${match[0]} twice`);
    fields.push(field);
    source += match[0] === 'YYYY' ? '(\\d{4})' : '(\\d{2})';
  }
  source += escapeRegex(pattern.slice(last));
  for (const needed of ['year', 'month', 'day'] as const) {
    if (!fields.includes(needed))
      fail(`has no ${needed === 'year' ? 'YYYY' : needed === 'month' ? 'MM' : 'DD'}`);
  }
  if (fields.includes('minute') && !fields.includes('hour')) fail('has minutes without HH');
  if (fields.includes('second') && !fields.includes('minute')) fail('has SS without the minutes');
  return { text: pattern, regex: new RegExp(`^${source}$`), fields };
}

/** `MM` is the month until `HH` has been seen, the minutes after. */
function fieldOf(token: string, seen: readonly Field[]): Field {
  if (token === 'YYYY') return 'year';
  if (token === 'DD') return 'day';
  if (token === 'HH') return 'hour';
  if (token === 'SS') return 'second';
  return seen.includes('hour') ? 'minute' : 'month';
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export type NameMatch =
  { kind: 'time'; time: Date } | { kind: 'invalid-time'; reason: string } | { kind: 'no-match' };

/** The UTC time a file name carries, by the pattern. */
export function matchBackupName(pattern: BackupPattern, name: string): NameMatch {
  const match = pattern.regex.exec(name);
  if (!match) return { kind: 'no-match' };
  const value: Record<Field, number> = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  pattern.fields.forEach((field, index) => (value[field] = Number(match[index + 1])));
  const time = new Date(
    Date.UTC(value.year, value.month - 1, value.day, value.hour, value.minute, value.second),
  );
  // Date.UTC rolls impossible values over (Feb 30 → Mar 1, 25 h → the next day): compare back.
  const real =
    time.getUTCFullYear() === value.year &&
    time.getUTCMonth() === value.month - 1 &&
    time.getUTCDate() === value.day &&
    time.getUTCHours() === value.hour &&
    time.getUTCMinutes() === value.minute &&
    time.getUTCSeconds() === value.second;
  if (!real) {
    const two = (n: number) => String(n).padStart(2, '0');
    const shown = `${String(value.year).padStart(4, '0')}-${two(value.month)}-${two(value.day)} ${two(value.hour)}:${two(value.minute)}:${two(value.second)}`;
    return { kind: 'invalid-time', reason: `its time ${shown} is not a real UTC date and time` };
  }
  return { kind: 'time', time };
}
