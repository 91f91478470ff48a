import {
  LatencyJudge,
  MIN_LATENCY_SAMPLES,
  binomialUpperTail,
  mannWhitneyExactTail,
  mannWhitneyGreater,
  mannWhitneyNormalTail,
  percentile,
  type LatencySpec,
} from '../../src/probe/latency.js';
import { seededRandom } from '../../src/probe/simulate.js';

/** P(U >= u) by enumerating every way to interleave m x's among n y's (ranks with no ties). */
function bruteForceTail(m: number, n: number, u: number): number {
  let hits = 0;
  let total = 0;
  const visit = (xs: number, ys: number, soFar: number) => {
    if (xs === 0 && ys === 0) {
      total++;
      if (soFar >= u) hits++;
      return;
    }
    // Placing the next-largest element: an x beats all the ys still to come.
    if (xs > 0) visit(xs - 1, ys, soFar + ys);
    if (ys > 0) visit(xs, ys - 1, soFar);
  };
  visit(m, n, 0);
  return hits / total;
}

describe('latency statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
    expect(percentile(values, 0.5)).toBe(100);
    expect(percentile(values, 0.95)).toBe(190);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([], 0.5)).toBeUndefined();
  });

  it('computes binomial tails exactly', () => {
    const direct = (n: number, k: number, p: number) => {
      let sum = 0;
      for (let i = k; i <= n; i++) {
        let c = 1;
        for (let j = 1; j <= i; j++) c = (c * (n - i + j)) / j;
        sum += c * p ** i * (1 - p) ** (n - i);
      }
      return sum;
    };
    for (const [n, k, p] of [
      [20, 1, 0.05],
      [20, 6, 0.05],
      [60, 10, 0.05],
      [30, 20, 0.5],
    ] as const) {
      expect(binomialUpperTail(n, k, p)).toBeCloseTo(direct(n, k, p), 12);
    }
    expect(binomialUpperTail(20, 0, 0.05)).toBe(1);
    expect(binomialUpperTail(20, 21, 0.05)).toBe(0);
  });

  it("gives Mann-Whitney's exact null tail (against enumeration of every interleaving)", () => {
    for (const [m, n] of [
      [3, 4],
      [5, 5],
      [6, 8],
    ] as const) {
      for (let u = 0; u <= m * n; u += 2) {
        expect(mannWhitneyExactTail(m, n, u)).toBeCloseTo(bruteForceTail(m, n, u), 12);
      }
    }
  });

  it('counts U over real samples, and p-values from the exact tail for small samples', () => {
    // x = 10, 20, 30; y = 15, 25: pairs with x > y are (20,15), (30,15), (30,25).
    const result = mannWhitneyGreater([10, 20, 30], [15, 25]);
    expect(result).toEqual({ u: 3, pValue: mannWhitneyExactTail(3, 2, 3), method: 'exact' });
  });

  it('uses the normal approximation for large samples; it agrees with the exact tail', () => {
    const random = seededRandom(7);
    const x = Array.from({ length: 80 }, () => 100 + random() * 60);
    const y = Array.from({ length: 120 }, () => 100 + random() * 50);
    expect(mannWhitneyGreater(x, y).method).toBe('normal');
    // At 40 x 40, both are computable: the approximation is within 10% of the exact tail at p ~ 0.05
    // and 30% at p ~ 0.001.
    for (const z of [1.645, 3.09]) {
      const u = Math.round(800 + z * Math.sqrt((40 * 40 * 81) / 12));
      const exact = mannWhitneyExactTail(40, 40, u);
      const approx = mannWhitneyNormalTail(40, 40, u);
      expect(Math.abs(approx - exact) / exact).toBeLessThan(z < 2 ? 0.1 : 0.3);
    }
  });

  it('counts ties against the alarm', () => {
    const same = Array.from({ length: 25 }, () => 100);
    const result = mannWhitneyGreater(same, same);
    expect(result.u).toBe(0);
    expect(result.pValue).toBeCloseTo(1, 12);
  });
});

const judgeSpec = (overrides: Partial<LatencySpec> = {}): LatencySpec => ({
  maxLatencyMs: 1000,
  maxDegradation: 0.5,
  falseAlarmRate: 0.002,
  plannedSamples: 60,
  ...overrides,
});

describe('the latency judge', () => {
  it('never calls a service slow on one slow probe, nor before it has 20 samples', () => {
    const judge = new LatencyJudge(judgeSpec());
    for (let i = 0; i < 19; i++) expect(judge.add(9000)).toBeUndefined(); // all slow, but too few
    const fresh = new LatencyJudge(judgeSpec());
    const samples = [30_000, ...Array.from({ length: 59 }, () => 100)];
    expect(samples.map((ms) => fresh.add(ms)).filter(Boolean)).toEqual([]);
    expect(fresh.looks.map((look) => look.samples)).toEqual([20, 40, 60]);
  });

  it('calls it slow at the first look when most probes are over max-latency', () => {
    const judge = new LatencyJudge(judgeSpec());
    const found = Array.from({ length: MIN_LATENCY_SAMPLES }, (_, i) => judge.add(i < 8 ? 2000 : 100)).find(
      Boolean,
    );
    expect(found).toMatchObject({ test: 'max-latency', method: 'binomial', statistic: 8, degraded: true });
  });

  it('compares with a baseline in ms by the sign test on the scaled median', () => {
    const spec = judgeSpec({ baseline: { kind: 'value', ms: 200 } });
    const slow = new LatencyJudge(spec);
    const found = Array.from({ length: 20 }, () => slow.add(400)).find(Boolean);
    expect(found).toMatchObject({ test: 'baseline', method: 'sign', limitMs: 300, degraded: true });
    const fine = new LatencyJudge(spec);
    expect(Array.from({ length: 60 }, (_, i) => fine.add(i % 2 ? 250 : 320)).find(Boolean)).toBeUndefined();
  });

  it('compares with an earlier report by Mann-Whitney on the scaled baseline', () => {
    const random = seededRandom(42);
    const baseline = Array.from({ length: 40 }, () => 100 + random() * 40);
    const spec = judgeSpec({ baseline: { kind: 'samples', samples: baseline, source: 'r.json' } });
    const twiceAsSlow = new LatencyJudge(spec);
    const found = Array.from({ length: 20 }, () => twiceAsSlow.add(2 * (100 + random() * 40))).find(Boolean);
    expect(found).toMatchObject({ test: 'baseline', method: 'mann-whitney exact', degraded: true });
    const slightlySlower = new LatencyJudge(spec);
    expect(
      Array.from({ length: 60 }, () => slightlySlower.add(1.2 * (100 + random() * 40))).find(Boolean),
    ).toBeUndefined();
  });

  it('keeps its false alarms within budget for a service exactly at the limit (seeded simulation)', () => {
    const random = seededRandom(99);
    let alarms = 0;
    const windows = 2000;
    for (let w = 0; w < windows; w++) {
      // 5% of probes slower than max-latency: p95 exactly at the limit, the worst case of H0.
      const judge = new LatencyJudge(judgeSpec({ falseAlarmRate: 0.05 }));
      for (let i = 0; i < 60; i++)
        if (judge.add(random() < 0.05 ? 1500 : 200)) {
          alarms++;
          break;
        }
    }
    expect(alarms / windows).toBeLessThanOrEqual(0.05);
  });
});
