/**
 * The verify step summary: the verdict and why, every check, the figures, a latency chart of the
 * health samples with failures marked, and the report with every probe and smoke test.
 */
import { formatDuration } from '../core/parse.js';
import { checklist, heading, sections, table, verdictLine } from '../core/summary.js';
import { latencyChart, reportDetails } from './summary-parts.js';
import type { VerifyResult } from './verify.js';

const pct = (rate: number) => `${+(rate * 100).toFixed(2)}%`;

export function verifySummary(
  result: VerifyResult,
  report: Record<string, unknown> = verifyReport(result),
): string {
  return sections(
    heading(2, 'rollback-guard · verify'),
    verdictLine(result.healthy, result.healthy ? 'healthy' : 'not healthy', result.explanation),
    checklist(
      result.checks.map((check) => ({
        label: `${check.name}${check.passed === undefined ? ' (not run)' : ''}: ${check.detail}`,
        done: check.passed === true,
      })),
    ),
    table(
      ['Figure', 'Value'],
      [
        [
          'Health samples',
          `${result.probes.length} of ${result.config.samples} (${formatDuration(result.config.intervalMs)} apart)`,
        ],
        ['Failures', `${result.failures} of ${result.observations} observations`],
        ['Error rate', `${pct(result.errorRate)} (at most ${pct(result.config.maxErrorRate)})`],
        ['Errors (not counted)', result.errors],
        [
          'Latency p50 / p95',
          result.p95Ms === undefined
            ? undefined
            : `${result.p50Ms} ms / ${result.p95Ms} ms (p95 at most ${result.config.maxLatencyMs} ms)`,
        ],
        ['Probes while waiting to come up', result.bootProbes.length],
        ['Started', result.startedAt],
        ['Up at', result.upAt],
        ['URLs', result.config.urls.join(', ')],
      ],
    ),
    result.smokeTests.length > 0 &&
      table(
        ['Smoke test', 'Request', 'Status', 'Latency', 'Result'],
        result.smokeTests.map((test) => [
          test.name,
          `${test.method} ${test.url}`,
          test.status,
          test.latencyMs === undefined ? undefined : `${Math.round(test.latencyMs)} ms`,
          test.passed ? '✅ passed' : `❌ ${test.problems.join('; ')}`,
        ]),
      ),
    heading(3, 'Latency per health sample'),
    latencyChart(result.probes, 'verify') ?? 'No health sample was taken.',
    reportDetails(report),
  );
}

/** The report file's content: `probes` (the health samples) at the top, where `baseline` reads them. */
export function verifyReport(result: VerifyResult): Record<string, unknown> {
  const { probes, ...verify } = result;
  return { verify, probes };
}
