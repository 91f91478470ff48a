/**
 * Simulated windows of probe outcomes, for the benchmark and the statistical tests: a seeded
 * random source, and alarm rules run over Bernoulli failures. `detect`'s rule here is the very
 * ErrorRateMonitor the action runs; the two naive rules are the runbook's and the common habit.
 */
import { ErrorRateMonitor, type ErrorRateTestDesign } from './sequential.js';

/** mulberry32: a small, fast, seeded PRNG with uniform output in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A rule that watches observations; a fresh one per window. */
export interface AlarmRule {
  name: string;
  start(plannedProbes: number): (failed: boolean) => boolean;
}

export const detectRule = (design: ErrorRateTestDesign): AlarmRule => ({
  name: 'detect (calibrated CUSUM)',
  start: () => {
    const monitor = new ErrorRateMonitor(design);
    return (failed) => monitor.observe(failed);
  },
});

/**
 * The runbook's "error rate > 10% over the window": unhealthy when the window's failures exceed
 * 10% of its probes. It alarms as soon as that is certain, which is the earliest it could.
 */
export const windowErrorRateRule = (limit = 0.1): AlarmRule => ({
  name: `error rate > ${limit * 100}% over the window`,
  start: (plannedProbes) => {
    let failures = 0;
    return (failed) => (failures += failed ? 1 : 0) > limit * plannedProbes;
  },
});

export const consecutiveFailuresRule = (count = 3): AlarmRule => ({
  name: `${count} consecutive failures`,
  start: () => {
    let run = 0;
    return (failed) => (run = failed ? run + 1 : 0) >= count;
  },
});

export interface SimulationResult {
  windows: number;
  alarms: number;
  /** Observations to the alarm, for the windows that alarmed. */
  probesToAlarm: number[];
}

/** Runs `windows` windows of `plannedProbes` observations failing at `rate` each. */
export function simulate(
  rule: AlarmRule,
  rate: number,
  plannedProbes: number,
  windows: number,
  random: () => number,
): SimulationResult {
  const probesToAlarm: number[] = [];
  for (let w = 0; w < windows; w++) {
    const observe = rule.start(plannedProbes);
    for (let n = 1; n <= plannedProbes; n++) {
      if (observe(random() < rate)) {
        probesToAlarm.push(n);
        break;
      }
    }
  }
  return { windows, alarms: probesToAlarm.length, probesToAlarm };
}

/** The median of the values (the lower one of an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
