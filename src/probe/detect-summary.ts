/**
 * The detect step summary: the verdict and why at the top, the figures, what the test promised for
 * this window, a latency chart with failures marked, and the report with every probe.
 */
import { formatDuration } from '../core/parse.js';
import { bulletList, code, heading, sections, table, verdictLine } from '../core/summary.js';
import type { DetectResult } from './detect.js';
import { formatP } from './latency.js';
import { latencyChart, reportDetails } from './summary-parts.js';

const pct = (rate: number) => `${+(rate * 100).toFixed(2)}%`;
const ms = (value: number | undefined) => (value === undefined ? undefined : `${value} ms`);

export function detectSummary(
  result: DetectResult,
  report: Record<string, unknown> = detectReport(result),
): string {
  const { plan, verdict } = result;
  const design = plan.errorTest;
  const ok = verdict === 'healthy' ? true : verdict === 'unhealthy' ? false : 'neutral';
  const label = verdict === 'unhealthy' ? `unhealthy (${result.reason})` : verdict;
  return sections(
    heading(2, 'rollback-guard · detect'),
    verdictLine(ok, label, result.explanation),
    plan.warnings.length > 0 && bulletList(plan.warnings.map((w) => `⚠️ ${w.replace(/^detect: /, '')}`)),
    table(
      ['Figure', 'Value'],
      [
        ['Verdict', verdict],
        ['Reason', result.reason],
        ['Issue type (for decide)', code(result.issueType)],
        [
          'Probes',
          `${result.samples} of ${plan.plannedProbes} planned (${formatDuration(result.config.intervalMs)} apart)`,
        ],
        ['Failures', `${result.failures} of ${result.observations} observations`],
        ['Error rate', pct(result.errorRate)],
        ['Errors (not counted)', result.errors],
        [
          'Latency p50 / p95',
          result.p50Ms === undefined ? undefined : `${ms(result.p50Ms)} / ${ms(result.p95Ms)}`,
        ],
        ['Failing services', result.failingServices.join(', ')],
        ['Started', result.startedAt],
        ['Detected', result.detectedAt],
        ['URLs', result.config.urls.join(', ')],
      ],
    ),
    heading(3, 'The test'),
    table(
      ['Property', 'This window'],
      [
        [
          'False-alarm probability at the baseline error rate (exact)',
          `${pct(design.falseAlarmProbability)} (allowed ${pct(design.falseAlarmRate)} of false-alarm-rate ${pct(design.falseAlarmRate + plan.latencyFalseAlarmRate)}; latency tests ${pct(plan.latencyFalseAlarmRate)})`,
        ],
        ['A hard outage is called within', `${design.failuresToAlarm} probes`],
        [`Chance to catch ${pct(design.maxRate)} failing in this window`, pct(design.powerInWindow)],
        [
          `Probes needed to catch ${pct(design.maxRate)} with ${pct(1 - design.missRate)}`,
          design.probesNeeded ?? `more than ${design.searchedUpTo}`,
        ],
        ['Median probes to catch it', design.medianProbesToDetect],
        [
          'Rule',
          `CUSUM: a failure adds ln(p1/p0) = ${design.failureWeight.toFixed(2)}, a pass ln((1−p1)/(1−p0)) = ${design.passWeight.toFixed(3)}, never below 0; alarm at ${Number.isFinite(result.thresholdNats) ? result.thresholdNats.toFixed(2) : '∞'}${design.consecutiveFailureRule ? ', or at 3 failures in a row' : ''}`,
        ],
        [
          'Statistic at the end',
          `${result.statisticNats.toFixed(2)} of ${Number.isFinite(result.thresholdNats) ? result.thresholdNats.toFixed(2) : '∞'}`,
        ],
        [
          'Latency tests',
          result.latencyLooks.length
            ? result.latencyLooks
                .slice(-2)
                .map(
                  (look) =>
                    `${look.test} (${look.method}, ${look.samples} samples): p = ${formatP(look.pValue)}`,
                )
                .join('; ')
            : plan.latencyLooks
              ? 'not yet: they need 20 samples'
              : 'not judged: the window holds fewer than 20 probes',
        ],
      ],
    ),
    heading(3, 'Latency per probe'),
    latencyChart(result.probes, 'detect') ?? 'No probe was taken.',
    reportDetails(report),
  );
}

/**
 * The report file's content (and the summary's JSON): everything, every probe. `probes` is at the
 * top, where a later run's `baseline` reads it.
 */
export function detectReport(result: DetectResult): Record<string, unknown> {
  const { probes, ...detect } = result;
  return { detect, probes };
}
