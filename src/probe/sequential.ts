/**
 * The error-rate test of `detect`: a one-sided Bernoulli CUSUM on probe failures, with its alarm
 * threshold calibrated exactly to the number of probes that fit in the window.
 *
 * Each observation (a probe that passed or failed; errors are not observations) moves a statistic
 * by its log-likelihood ratio for "failing at p1" against "failing at p0":
 *   failure: +ln(p1/p0)      pass: ln((1-p1)/(1-p0)) (negative)
 * and the statistic never goes below 0 (CUSUM: S = max(0, S + step)). The alarm rings when it
 * reaches the threshold h: recent failures are more than a p0 service plausibly produces.
 *
 * Exact calibration. The two steps are put on an integer grid (failure +A, pass -B, with A/B as
 * close to the ratio of the log-likelihood ratios as the grid allows) and the test that runs IS that
 * integer test, so its statistic takes finitely many values below the threshold. Dynamic
 * programming over the statistic's distribution then gives the exact probability that a service
 * failing at rate p raises the alarm within n observations. The threshold H is the smallest one
 * whose false-alarm probability over the planned window, at p0, is at most alpha (binary search:
 * the probability only falls as H grows). No approximation, no simulation, no Wald bound.
 *
 * A hard outage must be called within 3 probes. When the calibrated H needs more than 3 failures in
 * a row from a clean start, a second rule joins: 3 consecutive failures raise the alarm. The DP then
 * runs over (statistic, run of failures) and H is calibrated again for the two rules together. When
 * even that rule alone would exceed alpha (a long window at a high p0), alpha cannot be met while
 * catching an outage in 3 probes: the 3-probe promise is kept, and the design says so
 * (`falseAlarmMet: false` and the real probability), for the caller to warn.
 */

export interface ErrorRateTestSpec {
  /** p0: the failure rate of a healthy service. */
  baselineRate: number;
  /** p1: the failure rate that means unhealthy. */
  maxRate: number;
  /** alpha: the highest acceptable chance of an alarm over the window at p0. */
  falseAlarmRate: number;
  /** beta: the acceptable chance of missing a service failing at p1. */
  missRate: number;
  /** The most observations the window can hold. */
  plannedProbes: number;
}

export interface ErrorRateTestDesign extends ErrorRateTestSpec {
  /** ln(p1/p0) and ln((1-p1)/(1-p0)): the weights the integer steps stand for. */
  failureWeight: number;
  passWeight: number;
  /**
   * The integer test: a failure adds `failureStep`, a pass removes `passStep`, alarm at `threshold`
   * (Infinity: the CUSUM never alarms and the consecutive-failure rule is the whole test).
   */
  failureStep: number;
  passStep: number;
  threshold: number;
  /** Whether 3 consecutive failures also raise the alarm. */
  consecutiveFailureRule: boolean;
  /** Failures in a row that raise the alarm from a clean start (at most 3). */
  failuresToAlarm: number;
  /** Exact probability of an alarm within `plannedProbes` observations at p0. */
  falseAlarmProbability: number;
  /** False when alpha cannot be met together with the 3-probe promise. */
  falseAlarmMet: boolean;
  /** Exact probability that a service failing at p1 is caught within the planned window. */
  powerInWindow: number;
  /** Observations needed to catch a service failing at p1 with probability 1 - beta (undefined: more than `searchedUpTo`). */
  probesNeeded?: number;
  /** Median observations to the alarm for a service failing at p1. */
  medianProbesToDetect?: number;
  /** How far the searches for `probesNeeded` and the median went. */
  searchedUpTo: number;
}

/** Consecutive failures that always raise the alarm when the CUSUM alone would need more. */
export const MAX_FAILURES_TO_ALARM = 3;

/**
 * A bound on the work of one DP evaluation (states x steps). The grid gets coarser for very long
 * windows so that calibration stays well under a second; the test stays exactly calibrated, its
 * weights only follow the log-likelihood ratios less finely.
 */
const DP_BUDGET = 8_000_000;
/** The highest threshold tried with the run rule, in failure steps (see computeDesign). */
const MAX_THRESHOLD_STEPS = 64;
/** Grid resolution: the smaller step gets about this many units when the budget allows. */
const FINE_STEPS = 64;

interface Chain {
  failureStep: number;
  passStep: number;
  threshold: number;
  consecutiveFailureRule: boolean;
}

/**
 * Probability of an alarm within n observations, for n = 1..steps, for a service failing at rate p.
 * `stopAt`: stop early once the probability reaches it (the array is then shorter).
 */
export function alarmCurve(chain: Chain, p: number, steps: number, stopAt = 2): Float64Array {
  if (!Number.isFinite(chain.threshold)) return runRuleCurve(p, steps, stopAt);
  const { failureStep: A, passStep: B, threshold: H } = chain;
  const runs = chain.consecutiveFailureRule ? MAX_FAILURES_TO_ALARM : 1;
  let current = Array.from({ length: runs }, () => new Float64Array(H));
  let next = Array.from({ length: runs }, () => new Float64Array(H));
  (current[0] as Float64Array)[0] = 1;
  const curve = new Float64Array(steps);
  let alarmed = 0;
  const q = 1 - p;
  for (let n = 0; n < steps; n++) {
    for (const row of next) row.fill(0);
    const passRow = next[0] as Float64Array;
    for (let r = 0; r < runs; r++) {
      const row = current[r] as Float64Array;
      const failRun = chain.consecutiveFailureRule ? r + 1 : 0;
      const failRow = failRun < runs ? (next[failRun] as Float64Array) : undefined;
      for (let s = 0; s < H; s++) {
        const mass = row[s] as number;
        if (mass === 0) continue;
        const up = s + A;
        if (up >= H || !failRow) alarmed += mass * p;
        else failRow[up] = (failRow[up] as number) + mass * p;
        const down = s > B ? s - B : 0;
        passRow[down] = (passRow[down] as number) + mass * q;
      }
    }
    [current, next] = [next, current];
    curve[n] = alarmed;
    if (alarmed >= stopAt) return curve.subarray(0, n + 1);
  }
  return curve;
}

/** The same for the consecutive-failure rule alone (no CUSUM): a DP over the current run only. */
function runRuleCurve(p: number, steps: number, stopAt: number): Float64Array {
  let runs = [1, 0, 0];
  const curve = new Float64Array(steps);
  let alarmed = 0;
  for (let n = 0; n < steps; n++) {
    const [r0, r1, r2] = runs as [number, number, number];
    alarmed += r2 * p;
    runs = [(r0 + r1 + r2) * (1 - p), r0 * p, r1 * p];
    curve[n] = alarmed;
    if (alarmed >= stopAt) return curve.subarray(0, n + 1);
  }
  return curve;
}

/** Exact probability that a service failing at rate p raises the alarm within n observations. */
export function alarmProbability(design: Chain, p: number, n: number): number {
  if (n <= 0) return 0;
  const curve = alarmCurve(design, p, n);
  return curve[curve.length - 1] as number;
}

const designs = new Map<string, ErrorRateTestDesign>();

/** Designs (and caches) the test for a window. Throws RangeError for rates outside 0 < p0 < p1 < 1. */
export function designErrorRateTest(spec: ErrorRateTestSpec): ErrorRateTestDesign {
  const key = JSON.stringify(spec);
  const cached = designs.get(key);
  if (cached) return cached;
  const design = computeDesign(spec);
  designs.set(key, design);
  return design;
}

function computeDesign(spec: ErrorRateTestSpec): ErrorRateTestDesign {
  const { baselineRate: p0, maxRate: p1, falseAlarmRate: alpha, missRate: beta } = spec;
  if (!(p0 > 0 && p1 > p0 && p1 < 1)) throw new RangeError('expected 0 < baseline rate < max rate < 1');
  if (!(alpha > 0 && alpha < 1 && beta > 0 && beta < 1)) throw new RangeError('expected rates in (0, 1)');
  const N = Math.max(1, Math.floor(spec.plannedProbes));
  const failureWeight = Math.log(p1 / p0);
  const passWeight = Math.log((1 - p1) / (1 - p0));

  // Grid: units per nat, fine when the window is short, coarser when it is long (see DP_BUDGET).
  const maxFailureStep = Math.max(1, Math.floor(DP_BUDGET / (N * 8 * MAX_FAILURES_TO_ALARM)));
  const scale = Math.min(FINE_STEPS / Math.min(failureWeight, -passWeight), maxFailureStep / failureWeight);
  const failureStep = Math.max(1, Math.round(failureWeight * scale));
  const passStep = Math.max(1, Math.round(-passWeight * scale));

  const falseAlarm = (threshold: number, consecutiveFailureRule: boolean) =>
    alarmProbability({ failureStep, passStep, threshold, consecutiveFailureRule }, p0, N);

  // The CUSUM alone first.
  let consecutiveFailureRule = false;
  let threshold = smallestThreshold(failureStep, (h) => falseAlarm(h, false) <= alpha);
  let falseAlarmMet = true;
  if (threshold > MAX_FAILURES_TO_ALARM * failureStep) {
    consecutiveFailureRule = true;
    if (falseAlarm(Infinity, true) > alpha) {
      // Even the run rule alone exceeds alpha: alpha cannot be met with the 3-probe promise. Keep
      // both rules, the CUSUM as calibrated alone, and say so.
      falseAlarmMet = false;
    } else {
      // Together: the CUSUM needs a higher threshold. Past MAX_THRESHOLD_STEPS failures' worth the
      // CUSUM adds nothing a window could use, and the run rule alone is the test.
      const cap = MAX_THRESHOLD_STEPS * failureStep;
      threshold = smallestThreshold(threshold, (h) => falseAlarm(h, true) <= alpha, cap);
      if (falseAlarm(threshold, true) > alpha) threshold = Infinity;
    }
  }
  const chain = { failureStep, passStep, threshold, consecutiveFailureRule };
  const failuresToAlarm = Math.min(
    Math.ceil(threshold / failureStep),
    consecutiveFailureRule ? MAX_FAILURES_TO_ALARM : Infinity,
  );

  // Power at p1: within the window, and how many observations 1 - beta needs.
  const states = Number.isFinite(threshold) ? threshold * 3 : 3;
  const searchedUpTo = Math.max(N, Math.min(50 * N, Math.floor(DP_BUDGET / states)));
  const curve = alarmCurve(chain, p1, searchedUpTo, 1 - beta);
  const firstReaching = (target: number) => {
    const index = curve.findIndex((value) => value >= target);
    return index < 0 ? undefined : index + 1;
  };
  return {
    ...spec,
    plannedProbes: N,
    failureWeight,
    passWeight,
    ...chain,
    failuresToAlarm,
    falseAlarmProbability: falseAlarm(threshold, consecutiveFailureRule),
    falseAlarmMet,
    powerInWindow: alarmProbability(chain, p1, N),
    probesNeeded: firstReaching(1 - beta),
    medianProbesToDetect: firstReaching(0.5),
    searchedUpTo,
  };
}

/** The smallest integer threshold >= `from` that satisfies `ok` (monotone), searching up to `cap`. */
function smallestThreshold(from: number, ok: (h: number) => boolean, cap = Infinity): number {
  if (ok(from)) return from;
  let low = from;
  let high = Math.min(from * 2, cap);
  while (!ok(high)) {
    if (high >= cap) return cap;
    low = high;
    high = Math.min(high * 2, cap);
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (ok(middle)) high = middle;
    else low = middle;
  }
  return high;
}

/** Runs the designed test over observations, one at a time. */
export class ErrorRateMonitor {
  /** The CUSUM statistic, in grid units. */
  statistic = 0;
  /** Consecutive failures at the end of the observations so far. */
  run = 0;
  observations = 0;
  failures = 0;
  alarmed = false;

  constructor(readonly design: ErrorRateTestDesign) {}

  /** Records one observation; returns true when this one raises the alarm. */
  observe(failed: boolean): boolean {
    if (this.alarmed) return true;
    this.observations++;
    if (failed) {
      this.failures++;
      this.run++;
      this.statistic += this.design.failureStep;
    } else {
      this.run = 0;
      this.statistic = Math.max(0, this.statistic - this.design.passStep);
    }
    this.alarmed =
      this.statistic >= this.design.threshold ||
      (this.design.consecutiveFailureRule && this.run >= MAX_FAILURES_TO_ALARM);
    return this.alarmed;
  }

  /** The statistic in nats (the log-likelihood ratio scale), for reports. */
  get statisticNats(): number {
    return (this.statistic / this.design.failureStep) * this.design.failureWeight;
  }
}
