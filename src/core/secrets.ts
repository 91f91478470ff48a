/**
 * Secrets: every secret value is registered here before anything is logged. Registering masks it in
 * the runner's log (through the `mask` hook, `core.setSecret` on GitHub), and `redact` removes it
 * from any text we write ourselves: outputs, summaries, reports and provider error messages.
 */

export const REDACTED = '***';

/** Values shorter than this are not redacted from text: they would mangle ordinary words. */
const MIN_REDACTED_LENGTH = 3;

export class Secrets {
  private readonly values = new Set<string>();

  constructor(private readonly mask: (value: string) => void = () => {}) {}

  /** Registers a secret value (and the encodings it may appear in). Empty values are ignored. */
  add(value: string | undefined): void {
    if (!value) return;
    for (const form of [value, encodeURIComponent(value), Buffer.from(value).toString('base64')]) {
      if (form.length < MIN_REDACTED_LENGTH || this.values.has(form)) continue;
      this.values.add(form);
      this.mask(form);
    }
  }

  /** The text with every registered secret replaced by '***'. Longest first, so no part leaks. */
  redact(text: string): string {
    if (this.values.size === 0) return text;
    let result = text;
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
      result = result.split(value).join(REDACTED);
    }
    return result;
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
}
