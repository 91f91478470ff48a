/**
 * `npm run bench secrets`: what redaction costs. Every report, summary, output and log line passes
 * through `Secrets.redact`, which removes each secret and every run of 8 or more of its characters
 * (src/core/secrets.ts). Measured on 1 MB of text (a large report) with a few secrets registered,
 * as an action has them (a token, header values): text with no secret in it, text with pieces of
 * the token scattered through it, and the old whole-value-only redaction for comparison.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Secrets } from '../src/core/secrets.js';

const SIZE = 1024 * 1024;
const ROUNDS = 20;

const token = `rnd_${randomBytes(24).toString('base64url')}`;
const secrets = new Secrets();
secrets.add(token);
secrets.add('X-Api-Key-value-0123456789');
secrets.add(`Bearer ${randomBytes(16).toString('hex')}`);

/** JSON-looking filler of the given size. */
function filler(size: number): string {
  const line = '{"at":"2026-01-01T00:00:00.000Z","outcome":"pass","status":200,"latencyMs":42},\n';
  return line.repeat(Math.ceil(size / line.length)).slice(0, size);
}

const clean = filler(SIZE);
const withPieces = (() => {
  const parts: string[] = [];
  for (let at = 0; at < SIZE; at += 10_000)
    parts.push(clean.slice(at, at + 10_000 - 20), token.slice(0, 12), token.slice(-8));
  return parts.join('');
})();

function wholeOnly(text: string, values: string[]): string {
  let result = text;
  for (const value of values) result = result.split(value).join('***');
  return result;
}

function measure(name: string, run: () => string): void {
  run();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  console.log(`| ${name} | ${median.toFixed(1)} ms | ${(times[0] as number).toFixed(1)} ms |`);
}

console.log(`1 MB of text, ${ROUNDS} rounds (median, best):\n`);
console.log('| case | median | best |');
console.log('| --- | --- | --- |');
measure('redact, no secret in the text', () => secrets.redact(clean));
measure('redact, 200 pieces of the token', () => secrets.redact(withPieces));
measure('whole values only (split/join, before)', () => wholeOnly(withPieces, [token]));
const redacted = secrets.redact(withPieces);
if (redacted.includes(token.slice(0, 12)) || redacted.includes(token.slice(-8))) {
  throw new Error('a piece of the token was not redacted');
}
