/** Times as the restore shows them. */
import { humanDuration } from '../core/parse.js';

/** ISO 8601 to the second: '2024-01-15T02:00:00Z'. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** How old something is, readable at any scale: '42 s', '3 h 5 min', '12 days'. */
export function humanAge(ms: number): string {
  if (ms < 0) return `${humanAge(-ms)} in the future`;
  if (ms < 3_600_000) return humanDuration(ms);
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 48) {
    const minutes = Math.floor((ms % 3_600_000) / 60_000);
    return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  return `${Math.floor(hours / 24)} days`;
}
