/**
 * Pieces of the detect and verify step summaries: the latency chart (Mermaid, which GitHub renders
 * in step summaries) and the collapsed JSON report.
 */
import { codeBlock, details, mermaid, mermaidLabel } from '../core/summary.js';
import type { ProbeRecord } from './detect.js';

/** Points the chart shows at most: the last ones. */
export const CHART_POINTS = 100;
/** Characters of report JSON a summary carries at most (GitHub caps a step summary at 1 MiB). */
const REPORT_CHARS = 200_000;

/**
 * A bar per probe (its latency) and, over it, a full-height red bar for each failed probe, so a
 * failure stands out whatever its latency (a fast 503, a refused connection). Errors (429, DNS) show
 * as gaps. Undefined when no probe was taken.
 */
export function latencyChart(probes: readonly ProbeRecord[], title: string): string | undefined {
  if (probes.length === 0) return undefined;
  const shown = probes.slice(-CHART_POINTS);
  const top = niceCeiling(Math.max(1, ...shown.map((p) => p.latencyMs ?? 0)));
  const latency = shown.map((p) => (p.outcome === 'error' ? 0 : Math.round(p.latencyMs ?? 0)));
  const failures = shown.map((p) => (p.outcome === 'failure' ? top : 0));
  const first = shown[0]?.probe ?? 1;
  const heading = `${title}${probes.length > shown.length ? ` (last ${shown.length} of ${probes.length})` : ''}`;
  return mermaid(
    [
      // Palette: the first series blue, the second (failures) red.
      '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#4477aa, #cc3311"}}}}%%',
      'xychart-beta',
      `  title "${mermaidLabel(`${heading}: latency in ms, failures as red bars`)}"`,
      shown.length === 1
        ? `  x-axis "probe" [${first}]`
        : `  x-axis "probe" ${first} --> ${first + shown.length - 1}`,
      `  y-axis "ms" 0 --> ${top}`,
      `  bar [${latency.join(', ')}]`,
      `  bar [${failures.join(', ')}]`,
    ].join('\n'),
  );
}

/** 1, 2 or 5 times a power of ten, at least `value`. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/**
 * The report as collapsed JSON. A very long one keeps its last probes only and says so; the report
 * file (the `report` output) always has them all.
 */
export function reportDetails(report: Record<string, unknown>, probesKey = 'probes'): string {
  let text = JSON.stringify(report, null, 2);
  const probes = report[probesKey];
  if (text.length > REPORT_CHARS && Array.isArray(probes)) {
    let keep = probes.length;
    while (keep > 0 && text.length > REPORT_CHARS) {
      keep = Math.floor(keep / 2);
      text = JSON.stringify(
        {
          ...report,
          [probesKey]: probes.slice(-keep),
          note: `the last ${keep} of ${probes.length} probes; the report file has all`,
        },
        null,
        2,
      );
    }
  }
  return details('Report (JSON, every probe)', codeBlock('json', text));
}
