/**
 * The `baseline` input: a number of milliseconds (the healthy median latency), or the path of an
 * earlier detect or verify report, whose passing probes' latencies become the baseline sample.
 * Anything else (a missing file, text that is not such a report, too few samples) is a ParseError,
 * which the input reader reports as a configuration error naming `baseline`.
 */
import { byteSize, readInputFile } from '../core/files.js';
import { ParseError } from '../core/parse.js';
import { MIN_LATENCY_SAMPLES, type LatencyBaseline } from './latency.js';

export const BASELINE_ACCEPTED =
  "a latency in milliseconds such as '250' (or '250ms', '1.5s'), or the path of an earlier detect or verify report";

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000 };

/** A report of 10,000 probes (the most detect plans) is about 3 MB; anything far larger is not one. */
const MAX_REPORT_BYTES = 16 * 1024 * 1024;

export function parseBaseline(text: string): LatencyBaseline {
  const trimmed = text.trim();
  const number = /^(\d+(?:\.\d+)?)\s*(ms|s)?$/i.exec(trimmed);
  if (number) {
    const ms = Number(number[1]) * (DURATION_UNITS[(number[2] ?? 'ms').toLowerCase()] as number);
    if (!(ms > 0)) throw new ParseError(`'${text}' is not a positive latency; expected ${BASELINE_ACCEPTED}`);
    return { kind: 'value', ms };
  }
  return { kind: 'samples', samples: readReportLatencies(trimmed), source: trimmed };
}

/** The latencies of the passing probes of a detect or verify report. */
export function readReportLatencies(file: string): number[] {
  const text = readInputFile(file, {
    expected: `${BASELINE_ACCEPTED} (a report of at most ${byteSize(MAX_REPORT_BYTES)})`,
    maxBytes: MAX_REPORT_BYTES,
  });
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch {
    throw new ParseError(
      `'${file}' is not JSON; expected the report file of an earlier detect or verify run`,
    );
  }
  const probes = (report as { probes?: unknown })?.probes;
  if (!Array.isArray(probes)) {
    throw new ParseError(
      `'${file}' has no 'probes' list; expected the report file of an earlier detect or verify run`,
    );
  }
  const latencies = probes
    .filter((probe) => (probe as { outcome?: unknown })?.outcome === 'pass')
    .map((probe) => (probe as { latencyMs?: unknown }).latencyMs)
    .filter((value): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0);
  if (latencies.length < MIN_LATENCY_SAMPLES) {
    throw new ParseError(
      `'${file}' has ${latencies.length} passing probe latencies; a baseline needs at least ${MIN_LATENCY_SAMPLES} (run detect or verify with more samples)`,
    );
  }
  return latencies;
}
