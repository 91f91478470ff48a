import {
  ErrorRateMonitor,
  alarmProbability,
  designErrorRateTest,
  type ErrorRateTestSpec,
} from '../../src/probe/sequential.js';
import { detectRule, seededRandom, simulate } from '../../src/probe/simulate.js';

const spec = (overrides: Partial<ErrorRateTestSpec> = {}): ErrorRateTestSpec => ({
  baselineRate: 0.01,
  maxRate: 0.1,
  falseAlarmRate: 0.01,
  missRate: 0.05,
  plannedProbes: 60,
  ...overrides,
});

/** Exact alarm probability by enumerating every sequence of n outcomes through the real monitor. */
function bruteForce(design: ReturnType<typeof designErrorRateTest>, p: number, n: number): number {
  let total = 0;
  for (let mask = 0; mask < 2 ** n; mask++) {
    const monitor = new ErrorRateMonitor(design);
    let probability = 1;
    for (let i = 0; i < n; i++) {
      const failed = ((mask >> i) & 1) === 1;
      probability *= failed ? p : 1 - p;
      if (monitor.observe(failed)) {
        // Later outcomes do not matter: sum them out by counting this prefix once.
        if (mask >> (i + 1) === 0) total += probability;
        break;
      }
    }
  }
  return total;
}

describe('the error-rate test design', () => {
  it.each([
    ['defaults, 60 probes', spec()],
    ['100 probes', spec({ plannedProbes: 100 })],
    ['a long window (600 probes): the run rule joins', spec({ plannedProbes: 600 })],
    ['a noisy service (p0 5%, p1 20%)', spec({ baselineRate: 0.05, maxRate: 0.2 })],
    ['a strict alpha (0.1%)', spec({ falseAlarmRate: 0.001 })],
    [
      'a quiet service (p0 0.1%, p1 1%, 360 probes)',
      spec({ baselineRate: 0.001, maxRate: 0.01, plannedProbes: 360 }),
    ],
  ])('%s: false alarms at most alpha, and the smallest threshold that does it', (_name, s) => {
    const design = designErrorRateTest(s);
    expect(design.falseAlarmMet).toBe(true);
    expect(design.falseAlarmProbability).toBeLessThanOrEqual(s.falseAlarmRate);
    expect(alarmProbability(design, s.baselineRate, s.plannedProbes)).toBeCloseTo(
      design.falseAlarmProbability,
      12,
    );
    if (Number.isFinite(design.threshold) && design.threshold > design.failureStep) {
      // One unit lower and alpha is exceeded: the calibration is tight, not merely safe.
      const lower = { ...design, threshold: design.threshold - 1 };
      expect(alarmProbability(lower, s.baselineRate, s.plannedProbes)).toBeGreaterThan(s.falseAlarmRate);
    }
    expect(design.failuresToAlarm).toBeLessThanOrEqual(3);
  });

  it('computes exactly what the running monitor does (the DP against every sequence of 14 outcomes)', () => {
    for (const s of [
      spec({ plannedProbes: 14 }),
      spec({ baselineRate: 0.1, maxRate: 0.4, plannedProbes: 14 }),
    ]) {
      const design = designErrorRateTest(s);
      for (const p of [s.baselineRate, s.maxRate, 0.5]) {
        expect(alarmProbability(design, p, 14)).toBeCloseTo(bruteForce(design, p, 14), 12);
      }
    }
  });

  it('agrees with a seeded Monte Carlo of the running monitor', () => {
    const random = seededRandom(20240115);
    const cases = [
      { s: spec(), p: 0.01 },
      { s: spec(), p: 0.05 },
      { s: spec({ baselineRate: 0.05, maxRate: 0.2 }), p: 0.05 }, // the run rule in play
      { s: spec({ plannedProbes: 200 }), p: 0.1 },
    ];
    for (const { s, p } of cases) {
      const design = designErrorRateTest(s);
      const windows = 8_000;
      const simulated = simulate(detectRule(design), p, s.plannedProbes, windows, random).alarms / windows;
      const exact = alarmProbability(design, p, s.plannedProbes);
      const standardError = Math.sqrt((exact * (1 - exact)) / windows);
      expect(Math.abs(simulated - exact)).toBeLessThan(4 * standardError + 1e-4);
    }
  });

  it('calls a service whose every probe fails within 3 probes, however long the window', () => {
    for (const plannedProbes of [1, 3, 10, 60, 600, 3600]) {
      for (const [baselineRate, maxRate] of [
        [0.01, 0.1],
        [0.001, 0.01],
        [0.05, 0.2],
      ] as const) {
        const design = designErrorRateTest(spec({ plannedProbes, baselineRate, maxRate }));
        const monitor = new ErrorRateMonitor(design);
        let alarmedAt = 0;
        for (let n = 1; n <= 3 && !alarmedAt; n++) if (monitor.observe(true)) alarmedAt = n;
        expect([plannedProbes, baselineRate, alarmedAt]).toEqual([
          plannedProbes,
          baselineRate,
          design.failuresToAlarm,
        ]);
        expect(alarmedAt).toBeGreaterThanOrEqual(1);
        expect(alarmedAt).toBeLessThanOrEqual(3);
      }
    }
  });

  it('adds the 3-in-a-row rule only when the CUSUM alone would need more, and calibrates the two together', () => {
    const short = designErrorRateTest(spec());
    expect(short.consecutiveFailureRule).toBe(false);
    const long = designErrorRateTest(spec({ plannedProbes: 600 }));
    expect(long.consecutiveFailureRule).toBe(true);
    expect(long.falseAlarmProbability).toBeLessThanOrEqual(0.01);
    // Without the rule, the same threshold would not catch an outage in 3 probes.
    expect(long.threshold).toBeGreaterThan(3 * long.failureStep);
  });

  it('says so when alpha cannot be met with the 3-probe promise, and gives the real probability', () => {
    const design = designErrorRateTest(spec({ baselineRate: 0.05, maxRate: 0.2, plannedProbes: 300 }));
    expect(design.falseAlarmMet).toBe(false);
    expect(design.falseAlarmProbability).toBeGreaterThan(0.01);
    expect(design.falseAlarmProbability).toBeCloseTo(alarmProbability(design, 0.05, 300), 12);
    expect(design.failuresToAlarm).toBe(3);
  });

  it('reports how many probes 1 - beta needs, and the power the window has', () => {
    const design = designErrorRateTest(spec());
    const needed = design.probesNeeded as number;
    expect(alarmProbability(design, 0.1, needed)).toBeGreaterThanOrEqual(0.95);
    expect(alarmProbability(design, 0.1, needed - 1)).toBeLessThan(0.95);
    expect(design.powerInWindow).toBeCloseTo(alarmProbability(design, 0.1, 60), 12);
    expect(needed).toBeGreaterThan(60); // 60 probes are not enough for 95% at 10% (the report warns)
    const median = design.medianProbesToDetect as number;
    expect(alarmProbability(design, 0.1, median)).toBeGreaterThanOrEqual(0.5);
    expect(alarmProbability(design, 0.1, median - 1)).toBeLessThan(0.5);
  });

  it('rejects rates the test cannot use', () => {
    expect(() => designErrorRateTest(spec({ baselineRate: 0 }))).toThrow(RangeError);
    expect(() => designErrorRateTest(spec({ maxRate: 0.01 }))).toThrow(RangeError);
  });

  it('designs a 10,000-probe window within a second', () => {
    const started = performance.now();
    const design = designErrorRateTest(spec({ plannedProbes: 10_000, baselineRate: 0.002, maxRate: 0.05 }));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(design.failuresToAlarm).toBeLessThanOrEqual(3);
  });
});
