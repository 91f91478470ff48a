/**
 * Latency statistics: percentiles for reports, and the tests `detect` uses to call a service slow.
 *
 * A single slow probe must never trigger a rollback, so latency is judged by tests that need a
 * minimum number of samples (MIN_LATENCY_SAMPLES) and control their false-alarm probability:
 * - `max-latency` (what "p95 <= max-latency" means, the same reading `verify` uses): an exact
 *   one-sided binomial test of H0 "at most 5% of probes are slower than max-latency" on the count of
 *   slower probes. One slow probe in twenty is what H0 allows; it takes about six in twenty.
 * - `baseline` given in milliseconds (one number: the healthy median): an exact sign test of H0 "the
 *   median is at most baseline x (1 + max-degradation)". A sign test is the Mann-Whitney test
 *   against a one-value sample, so the two baseline forms read the same way.
 * - `baseline` given as an earlier report (its probe latencies): a one-sided Mann-Whitney U test of
 *   H0 "today's latencies are not stochastically larger than the baseline's x (1 + max-degradation)".
 *   Why Mann-Whitney: latency distributions are skewed and heavy-tailed, so a t-test's normality is
 *   a poor bet, and a rank test needs no assumption about the shape; scaling the baseline by the
 *   allowed degradation turns "more than 50% slower" into a plain stochastic-ordering question.
 *   Ties count against the alarm (a current latency equal to a scaled baseline one adds nothing to
 *   U), which makes the test conservative on the millisecond grid. The p-value is exact (the null
 *   distribution of U by dynamic programming) up to EXACT_LIMIT pairs, and otherwise the normal
 *   approximation with continuity correction, accurate at those sample sizes.
 * The tests look at the data every MIN_LATENCY_SAMPLES samples; each look gets an equal share of
 * the latency false-alarm budget (Bonferroni), so repeated looks cannot add up to more than it.
 */

/** Samples a latency test needs, per side, before it may call the service slow. */
export const MIN_LATENCY_SAMPLES = 20;
/** The quantile `max-latency` bounds. */
export const MAX_LATENCY_QUANTILE = 0.95;
/** Above this many (current x baseline) pairs, the Mann-Whitney p-value uses the normal approximation. */
const EXACT_LIMIT = 9_000;

/** Nearest-rank percentile (q in 0..1) of the values; undefined for no values. */
export function percentile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1];
}

/** P(X >= k) for X ~ Binomial(n, p), exactly (summed in a numerically safe order). */
export function binomialUpperTail(n: number, k: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  // log pmf(k) = log C(n, k) + k log p + (n - k) log(1 - p), then the ratio recurrence upwards.
  let logC = 0;
  for (let i = 1; i <= k; i++) logC += Math.log(n - k + i) - Math.log(i);
  let pmf = Math.exp(logC + k * Math.log(p) + (n - k) * Math.log1p(-p));
  let tail = 0;
  for (let i = k; i <= n; i++) {
    tail += pmf;
    pmf *= ((n - i) / (i + 1)) * (p / (1 - p));
    if (pmf < tail * 1e-17) break;
  }
  return Math.min(1, tail);
}

export interface MannWhitneyResult {
  /** Pairs (x, y) with x > y; ties count 0. */
  u: number;
  pValue: number;
  method: 'exact' | 'normal';
}

/** One-sided Mann-Whitney: is `x` stochastically larger than `y`? */
export function mannWhitneyGreater(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const m = x.length;
  const n = y.length;
  const sortedY = [...y].sort((a, b) => a - b);
  let u = 0;
  for (const value of x) u += countBelow(sortedY, value);
  if (m * n <= EXACT_LIMIT) return { u, pValue: mannWhitneyExactTail(m, n, u), method: 'exact' };
  return { u, pValue: mannWhitneyNormalTail(m, n, u), method: 'normal' };
}

/** P(U >= u) under H0 by the normal approximation with continuity correction. */
export function mannWhitneyNormalTail(m: number, n: number, u: number): number {
  const mean = (m * n) / 2;
  const sd = Math.sqrt((m * n * (m + n + 1)) / 12);
  return normalUpperTail((u - 0.5 - mean) / sd);
}

/** How many sorted values are strictly below `value`. */
function countBelow(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * P(U >= u) under H0 for sample sizes m and n, exactly. The distribution of U for i x's and j y's
 * follows from where the largest value comes from: an x (it beats all j y's) with probability
 * i/(i+j), or a y (it adds nothing) with probability j/(i+j). All terms are positive, so the
 * double-precision sums stay accurate.
 */
export function mannWhitneyExactTail(m: number, n: number, u: number): number {
  // previous[j] is the distribution for (i - 1) x's and j y's; row[j] the one for i x's.
  let previous: Float64Array[] = Array.from({ length: n + 1 }, () => Float64Array.of(1));
  for (let i = 1; i <= m; i++) {
    const row: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= n; j++) {
      const dist = new Float64Array(i * j + 1);
      const fromX = previous[j] as Float64Array; // (i - 1, j): the largest is an x, adding j
      const fromY = row[j - 1] as Float64Array; // (i, j - 1): the largest is a y, adding 0
      const px = i / (i + j);
      const py = j / (i + j);
      for (let v = 0; v < fromX.length; v++) dist[v + j] = (fromX[v] as number) * px;
      for (let v = 0; v < fromY.length; v++) dist[v] = (dist[v] as number) + (fromY[v] as number) * py;
      row.push(dist);
    }
    previous = row;
  }
  const dist = previous[n] as Float64Array;
  let tail = 0;
  for (let v = Math.max(0, Math.ceil(u)); v < dist.length; v++) tail += dist[v] as number;
  return Math.min(1, tail);
}

/** P(Z >= z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

function erfc(x: number): number {
  // The Chebyshev fit of Numerical Recipes' erfcc: fractional error below 1.2e-7 everywhere.
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** The latency baseline: the healthy median in ms, or the latencies of an earlier report. */
export type LatencyBaseline =
  { kind: 'value'; ms: number } | { kind: 'samples'; samples: number[]; source: string };

export interface LatencySpec {
  maxLatencyMs: number;
  baseline?: LatencyBaseline;
  /** 0.5 = "more than 50% slower than the baseline is degraded". */
  maxDegradation: number;
  /** The latency tests' whole false-alarm budget over the window. */
  falseAlarmRate: number;
  /** The most latency samples the window can hold (sets the number of looks). */
  plannedSamples: number;
}

export interface LatencyTestResult {
  test: 'max-latency' | 'baseline';
  method: 'binomial' | 'sign' | 'mann-whitney exact' | 'mann-whitney normal';
  samples: number;
  /** The latency the test compares with (max-latency, or the scaled baseline median). */
  limitMs: number;
  /** Samples slower than the limit (binomial and sign tests) or U (Mann-Whitney). */
  statistic: number;
  pValue: number;
  /** The significance level of this look. */
  level: number;
  degraded: boolean;
  /** One sentence for people. */
  detail: string;
}

/** Looks at the latencies as they come and says when the service is slow beyond doubt. */
export class LatencyJudge {
  readonly samples: number[] = [];
  readonly looks: LatencyTestResult[] = [];
  /** Number of looks over the window; 0 when the window cannot hold MIN_LATENCY_SAMPLES. */
  readonly plannedLooks: number;
  /** The level of each test at each look. */
  readonly level: number;
  private readonly baselineLimit?: number;

  constructor(readonly spec: LatencySpec) {
    this.plannedLooks = Math.floor(spec.plannedSamples / MIN_LATENCY_SAMPLES);
    const tests = spec.baseline ? 2 : 1;
    this.level = this.plannedLooks > 0 ? spec.falseAlarmRate / (this.plannedLooks * tests) : 0;
    if (spec.baseline?.kind === 'value') this.baselineLimit = spec.baseline.ms * (1 + spec.maxDegradation);
    if (spec.baseline?.kind === 'samples') {
      const median = percentile(spec.baseline.samples, 0.5) as number;
      this.baselineLimit = median * (1 + spec.maxDegradation);
    }
  }

  /** Adds one latency; at a look, returns the first test that finds the service slow. */
  add(latencyMs: number): LatencyTestResult | undefined {
    this.samples.push(latencyMs);
    const n = this.samples.length;
    if (n % MIN_LATENCY_SAMPLES !== 0 || n / MIN_LATENCY_SAMPLES > this.plannedLooks) return undefined;
    const results = [this.maxLatencyTest()];
    if (this.spec.baseline) results.push(this.baselineTest(this.spec.baseline));
    this.looks.push(...results);
    return results.find((result) => result.degraded);
  }

  private maxLatencyTest(): LatencyTestResult {
    const limit = this.spec.maxLatencyMs;
    const n = this.samples.length;
    const slower = this.samples.filter((x) => x > limit).length;
    const pValue = binomialUpperTail(n, slower, 1 - MAX_LATENCY_QUANTILE);
    const degraded = pValue <= this.level;
    return {
      test: 'max-latency',
      method: 'binomial',
      samples: n,
      limitMs: limit,
      statistic: slower,
      pValue,
      level: this.level,
      degraded,
      detail: `${slower} of ${n} probes slower than ${limit} ms (p95 above max-latency ${degraded ? 'beyond doubt' : 'not shown'}: p = ${formatP(pValue)})`,
    };
  }

  private baselineTest(baseline: LatencyBaseline): LatencyTestResult {
    const n = this.samples.length;
    const limit = Math.round(this.baselineLimit as number);
    const allowed = `${Math.round(this.spec.maxDegradation * 100)}%`;
    if (baseline.kind === 'value') {
      const slower = this.samples.filter((x) => x > (this.baselineLimit as number)).length;
      const pValue = binomialUpperTail(n, slower, 0.5);
      const degraded = pValue <= this.level;
      return {
        test: 'baseline',
        method: 'sign',
        samples: n,
        limitMs: limit,
        statistic: slower,
        pValue,
        level: this.level,
        degraded,
        detail: `${slower} of ${n} probes slower than the baseline ${baseline.ms} ms + ${allowed} = ${limit} ms (p = ${formatP(pValue)})`,
      };
    }
    const scaled = baseline.samples.map((y) => y * (1 + this.spec.maxDegradation));
    const result = mannWhitneyGreater(this.samples, scaled);
    const degraded = result.pValue <= this.level;
    return {
      test: 'baseline',
      method: result.method === 'exact' ? 'mann-whitney exact' : 'mann-whitney normal',
      samples: n,
      limitMs: limit,
      statistic: result.u,
      pValue: result.pValue,
      level: this.level,
      degraded,
      detail: `latencies ${degraded ? 'are' : 'not shown to be'} more than ${allowed} slower than the ${baseline.samples.length} baseline samples (Mann-Whitney U = ${result.u} of ${n * baseline.samples.length}, p = ${formatP(result.pValue)})`,
    };
  }
}

export function formatP(p: number): string {
  if (p === 0) return '0';
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}
