/**
 * Secrets: every secret value is registered here before anything is logged. Registering masks it in
 * the runner's log (through the `mask` hook, `core.setSecret` on GitHub), and `redact` removes it
 * from any text we write ourselves: outputs, summaries, reports and provider error messages.
 *
 * Not only the whole value: a provider that echoes part of a token (its prefix, its last
 * characters, or the token cut in two fields of an answer) must not get that part printed. So any
 * run of at least PIECE_LENGTH characters that also occurs in a secret is redacted. To stay fast on
 * large text, every PIECE_LENGTH-character window of every secret is indexed by a rolling hash;
 * `redact` slides the same hash over the text (a few integer operations per character), confirms
 * each hash hit by comparing the characters, and marks the window. Overlapping marked windows join
 * into one run, which is replaced by '***': a longer piece of a secret is covered by the windows
 * inside it, so the whole run goes, not just 8 characters of it.
 */

export const REDACTED = '***';

/** Values shorter than this are not redacted from text: they would mangle ordinary words. */
const MIN_REDACTED_LENGTH = 3;

/** A run of this many characters of a secret is redacted wherever it appears. */
export const PIECE_LENGTH = 8;

/** The hash base; any odd multiplier spreads 16-bit code units well enough for a pre-filter. */
const BASE = 0x01000193;
/** BASE^(PIECE_LENGTH-1) mod 2^32, to drop the character leaving the window. */
const BASE_POWER = power(BASE, PIECE_LENGTH - 1);

export interface SecretOptions {
  /**
   * Whether pieces of the value are redacted too (default true). Off for a value that is a list of
   * secrets (a whole `headers` input), whose parts are registered on their own: its pieces would be
   * ordinary words such as 'application/json'.
   */
  pieces?: boolean;
}

export class Secrets {
  /** Values redacted where they appear whole (shorter than a piece, or registered without pieces). */
  private readonly whole = new Set<string>();
  /** Every window of a secret, by rolling hash. */
  private readonly pieces = new Map<number, string[]>();
  /** Which low 16 bits of a hash some window has: most text windows are ruled out by one read. */
  private readonly hashFilter = new Uint8Array(1 << 16);
  private readonly masked = new Set<string>();

  constructor(private readonly mask: (value: string) => void = () => {}) {}

  /** Registers a secret value (and the encodings it may appear in). Empty values are ignored. */
  add(value: string | undefined, options: SecretOptions = {}): void {
    if (!value) return;
    for (const form of [value, encodeURIComponent(value), Buffer.from(value).toString('base64')]) {
      if (form.length < MIN_REDACTED_LENGTH || this.masked.has(form)) continue;
      this.masked.add(form);
      this.mask(form);
      if (form.length >= PIECE_LENGTH && options.pieces !== false) this.indexPieces(form);
      else this.whole.add(form);
    }
  }

  /** The text with every registered secret, and every piece of one, replaced by '***'. */
  redact(text: string): string {
    if (this.masked.size === 0 || text.length < MIN_REDACTED_LENGTH) return text;
    const marked = new Uint8Array(text.length);
    let any = this.markPieces(text, marked);
    for (const value of this.whole) {
      for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1)) {
        marked.fill(1, at, at + value.length);
        any = true;
      }
    }
    return any ? replaceMarkedRuns(text, marked) : text;
  }

  /** A deep copy of a JSON-like value with every string redacted (keys included). */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.redactDeep(item)) as T;
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [this.redact(key), this.redactDeep(item)]),
      ) as T;
    }
    return value;
  }

  private indexPieces(secret: string): void {
    let hash = 0;
    for (let i = 0; i < secret.length; i++) {
      hash = roll(hash, i >= PIECE_LENGTH ? secret.charCodeAt(i - PIECE_LENGTH) : -1, secret.charCodeAt(i));
      if (i < PIECE_LENGTH - 1) continue;
      const piece = secret.slice(i - PIECE_LENGTH + 1, i + 1);
      const bucket = this.pieces.get(hash);
      this.hashFilter[hash & 0xffff] = 1;
      if (!bucket) this.pieces.set(hash, [piece]);
      else if (!bucket.includes(piece)) bucket.push(piece);
    }
  }

  /** Marks every window of the text that is a piece of a secret; whether any was. */
  private markPieces(text: string, marked: Uint8Array): boolean {
    if (this.pieces.size === 0) return false;
    let any = false;
    let hash = 0;
    for (let i = 0; i < text.length; i++) {
      hash = roll(hash, i >= PIECE_LENGTH ? text.charCodeAt(i - PIECE_LENGTH) : -1, text.charCodeAt(i));
      if (i < PIECE_LENGTH - 1 || this.hashFilter[hash & 0xffff] === 0) continue;
      const bucket = this.pieces.get(hash);
      if (!bucket) continue;
      const start = i - PIECE_LENGTH + 1;
      if (bucket.some((piece) => text.startsWith(piece, start))) {
        marked.fill(1, start, i + 1);
        any = true;
      }
    }
    return any;
  }
}

/** The window's hash after `entering` comes in and `leaving` (or nothing, -1) goes out. */
function roll(hash: number, leaving: number, entering: number): number {
  const without = leaving < 0 ? hash : (hash - Math.imul(leaving, BASE_POWER)) | 0;
  return (Math.imul(without, BASE) + entering) | 0;
}

function power(base: number, exponent: number): number {
  let result = 1;
  for (let i = 0; i < exponent; i++) result = Math.imul(result, base);
  return result;
}

/** The text with each run of marked characters replaced by one '***'. */
function replaceMarkedRuns(text: string, marked: Uint8Array): string {
  let result = '';
  let i = 0;
  while (i < text.length) {
    if (marked[i]) {
      while (i < text.length && marked[i]) i++;
      result += REDACTED;
    } else {
      const start = i;
      while (i < text.length && !marked[i]) i++;
      result += text.slice(start, i);
    }
  }
  return result;
}
