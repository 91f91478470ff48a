/**
 * verify: the post-rollback gate (README, verify). Within one `timeout` budget:
 * 1. wait for the service to come up: probe every `interval` until one probe passes (probes that
 *    fail while it boots do not count);
 * 2. take `samples` health probes, `interval` apart (URLs in turn);
 * 3. run every smoke test, once, in order.
 * Healthy only when every check passes: `service-up`, `error-rate` (failures / observations at
 * most `max-error-rate` over the full set of samples), `latency` (p95 at most `max-latency`) and each
 * smoke test by its name. Errors (DNS, 429) are not observations; more than 4 in a row stop the
 * sampling and fail `error-rate` as unmeasured. Smoke tests run even when the budget ran out during
 * sampling (they are a handful of requests, and their result is worth having), but not when the
 * service never came up.
 */
import type { Logger } from '../core/action.js';
import { formatDuration } from '../core/parse.js';
import {
  MAX_ERRORS_IN_A_ROW,
  probeLine,
  probeRecord,
  probeTarget,
  type DetectDeps,
  type ProbeRecord,
  type ProbeSettings,
} from './detect.js';
import { percentile } from './latency.js';
import { runProbe } from './probe.js';
import { runSmokeTest, type SmokeTest, type SmokeTestResult } from './smoke-tests.js';

export interface VerifyConfig extends ProbeSettings {
  samples: number;
  intervalMs: number;
  /** The whole budget, waiting for the service included. */
  timeoutMs: number;
  maxErrorRate: number;
  maxLatencyMs: number;
  smokeTests: SmokeTest[];
}

export interface VerifyCheck {
  name: string;
  /** undefined: not run (the service never came up). */
  passed?: boolean;
  detail: string;
}

export interface VerifyResult {
  healthy: boolean;
  explanation: string;
  startedAt: string;
  /** When the first probe passed. */
  upAt?: string;
  finishedAt: string;
  /** Probes while waiting for the service (not counted). */
  bootProbes: ProbeRecord[];
  /** The health samples. */
  probes: ProbeRecord[];
  observations: number;
  failures: number;
  errors: number;
  errorRate: number;
  p50Ms?: number;
  p95Ms?: number;
  checks: VerifyCheck[];
  smokeTests: SmokeTestResult[];
  checksPassed: number;
  checksFailed: number;
  failedChecks: string[];
  config: {
    samples: number;
    intervalMs: number;
    timeoutMs: number;
    maxErrorRate: number;
    maxLatencyMs: number;
    urls: string[];
  };
}

/** Probes URLs in turn, counting across the wait and the samples. */
class Prober {
  private count = 0;

  constructor(
    private readonly config: VerifyConfig,
    private readonly deps: DetectDeps,
  ) {}

  next(): ReturnType<typeof runProbe> {
    return runProbe(probeTarget(this.config, this.count++), this.deps);
  }
}

interface Budget {
  config: VerifyConfig;
  deps: DetectDeps;
  log: Logger;
  prober: Prober;
  /** Milliseconds left of the timeout. */
  remaining(): number;
}

interface Boot {
  bootProbes: ProbeRecord[];
  /** When the first probe passed; undefined when the service never came up. */
  upAt?: number;
}

/** 1. Wait for the service to come up (failures while it boots do not count). */
async function waitUntilUp({ config, deps, log, prober, remaining }: Budget): Promise<Boot> {
  const bootProbes: ProbeRecord[] = [];
  for (;;) {
    const result = await prober.next();
    const record = probeRecord(result, bootProbes.length + 1);
    bootProbes.push(record);
    if (result.outcome === 'pass') {
      const upAt = deps.clock.now();
      log.info(`verify: the service is up (${probeLine(record)})`);
      return { bootProbes, upAt };
    }
    log.info(`verify: waiting for the service: ${probeLine(record)}`);
    if (remaining() <= config.intervalMs) return { bootProbes };
    await deps.sleep(config.intervalMs);
  }
}

interface Sampling {
  probes: ProbeRecord[];
  /** Why the sampling stopped before `samples`, if it did. */
  cut?: string;
}

/** 2. The health samples, `interval` apart, within the budget. */
async function takeSamples({ config, deps, log, prober, remaining }: Budget): Promise<Sampling> {
  const probes: ProbeRecord[] = [];
  let errorsInARow = 0;
  for (let i = 0; i < config.samples; i++) {
    if (remaining() <= config.intervalMs) {
      const cut = `the timeout (${formatDuration(config.timeoutMs)}) ran out after ${i} of ${config.samples} samples`;
      return { probes, cut };
    }
    await deps.sleep(config.intervalMs);
    const record = probeRecord(await prober.next(), i + 1);
    probes.push(record);
    log.info(probeLine(record, config.samples));
    errorsInARow = record.outcome === 'error' ? errorsInARow + 1 : 0;
    if (errorsInARow > MAX_ERRORS_IN_A_ROW) {
      const cut = `${errorsInARow} probes in a row said nothing about the service (last: ${record.detail})`;
      return { probes, cut };
    }
  }
  return { probes };
}

/** 3. Every smoke test, once, in order, against the first URL's origin. */
async function runSmokeTests({ config, deps, log }: Budget): Promise<SmokeTestResult[]> {
  const origin = (config.urls[0] as URL).origin;
  const results: SmokeTestResult[] = [];
  for (const test of config.smokeTests) {
    const settings = {
      origin,
      headers: config.headers,
      expectStatus: config.expectStatus,
      requestTimeoutMs: config.requestTimeoutMs,
    };
    const result = await runSmokeTest(test, settings, deps);
    results.push(result);
    log.info(
      `verify: smoke test '${result.name}' ${result.passed ? 'passed' : `failed: ${result.problems.join('; ')}`}`,
    );
  }
  return results;
}

/** What the samples measured. */
interface SampleStats {
  observations: number;
  failures: number;
  errors: number;
  errorRate: number;
  p50?: number;
  p95?: number;
}

function sampleStats(probes: ProbeRecord[]): SampleStats {
  const errors = probes.filter((p) => p.outcome === 'error').length;
  const observations = probes.length - errors;
  const failures = probes.filter((p) => p.outcome === 'failure').length;
  const latencies = probes.map((p) => p.latencyMs).filter((v): v is number => v !== undefined);
  return {
    observations,
    failures,
    errors,
    errorRate: observations ? failures / observations : 0,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
  };
}

const pct = (rate: number) => `${+(rate * 100).toFixed(2)}%`;

function serviceUpCheck(config: VerifyConfig, boot: Boot): VerifyCheck {
  const count = boot.bootProbes.length;
  const last = boot.bootProbes[count - 1];
  return {
    name: 'service-up',
    passed: boot.upAt !== undefined,
    detail:
      boot.upAt !== undefined
        ? `up after ${count} probe${count === 1 ? '' : 's'}`
        : `not up within ${formatDuration(config.timeoutMs)} (${count} probes, last: ${last?.detail ?? last?.outcome})`,
  };
}

function errorRateCheck(config: VerifyConfig, stats: SampleStats, cut: string | undefined): VerifyCheck {
  const { observations, failures, errorRate } = stats;
  return {
    name: 'error-rate',
    passed: cut === undefined && observations > 0 && errorRate <= config.maxErrorRate,
    detail: cut
      ? `not measured in full: ${cut}`
      : observations === 0
        ? 'no probe was an observation'
        : `${failures} of ${observations} probes failed: ${pct(errorRate)} (at most ${pct(config.maxErrorRate)})`,
  };
}

function latencyCheck(config: VerifyConfig, p95: number | undefined): VerifyCheck {
  return {
    name: 'latency',
    passed: p95 !== undefined && p95 <= config.maxLatencyMs,
    detail:
      p95 === undefined
        ? 'no probe was answered'
        : `p95 ${Math.round(p95)} ms (at most ${config.maxLatencyMs} ms)`,
  };
}

function smokeTestCheck(test: SmokeTest, results: SmokeTestResult[]): VerifyCheck {
  const result = results.find((r) => r.name === test.name);
  return {
    name: test.name,
    passed: result?.passed,
    detail: !result
      ? 'not run'
      : result.passed
        ? `${result.method} ${result.url}: HTTP ${result.status}`
        : result.problems.join('; '),
  };
}

/** Every check: service-up, error-rate, latency and each smoke test (not run when never up). */
function verifyChecks(
  config: VerifyConfig,
  boot: Boot,
  sampling: Sampling,
  stats: SampleStats,
  smokeTests: SmokeTestResult[],
): VerifyCheck[] {
  const notMeasured = (name: string): VerifyCheck => ({ name, passed: undefined, detail: 'not measured' });
  const up = boot.upAt !== undefined;
  return [
    serviceUpCheck(config, boot),
    up ? errorRateCheck(config, stats, sampling.cut) : notMeasured('error-rate'),
    up ? latencyCheck(config, stats.p95) : notMeasured('latency'),
    ...config.smokeTests.map((test) => smokeTestCheck(test, smokeTests)),
  ];
}

function explain(checks: VerifyCheck[], stats: SampleStats, smokeTests: number, healthy: boolean): string {
  if (!healthy) {
    return checks
      .filter((c) => c.passed === false)
      .map((c) => `${c.name}: ${c.detail}`)
      .join('; ');
  }
  return `up, ${stats.failures} of ${stats.observations} probes failed, p95 ${Math.round(stats.p95 ?? 0)} ms, ${smokeTests} smoke test${smokeTests === 1 ? '' : 's'} passed`;
}

export async function runVerify(config: VerifyConfig, deps: DetectDeps, log: Logger): Promise<VerifyResult> {
  const start = deps.clock.now();
  const deadline = start + config.timeoutMs;
  const budget: Budget = {
    config,
    deps,
    log,
    prober: new Prober(config, deps),
    remaining: () => deadline - deps.clock.now(),
  };
  const boot = await waitUntilUp(budget);
  const up = boot.upAt !== undefined;
  const sampling = up ? await takeSamples(budget) : { probes: [] };
  const smokeTests = up ? await runSmokeTests(budget) : [];
  const stats = sampleStats(sampling.probes);
  const checks = verifyChecks(config, boot, sampling, stats, smokeTests);
  const failedChecks = checks.filter((c) => c.passed === false).map((c) => c.name);
  const healthy = failedChecks.length === 0 && checks.every((c) => c.passed === true);
  const explanation = explain(checks, stats, smokeTests.length, healthy);
  (healthy ? log.info : log.warning)(`verify: ${healthy ? 'healthy' : 'not healthy'}: ${explanation}`);

  const round = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms));
  return {
    healthy,
    explanation,
    startedAt: new Date(start).toISOString(),
    upAt: boot.upAt === undefined ? undefined : new Date(boot.upAt).toISOString(),
    finishedAt: new Date(deps.clock.now()).toISOString(),
    bootProbes: boot.bootProbes,
    probes: sampling.probes,
    observations: stats.observations,
    failures: stats.failures,
    errors: stats.errors,
    errorRate: stats.errorRate,
    p50Ms: round(stats.p50),
    p95Ms: round(stats.p95),
    checks,
    smokeTests,
    checksPassed: checks.filter((c) => c.passed === true).length,
    checksFailed: failedChecks.length,
    failedChecks,
    config: {
      samples: config.samples,
      intervalMs: config.intervalMs,
      timeoutMs: config.timeoutMs,
      maxErrorRate: config.maxErrorRate,
      maxLatencyMs: config.maxLatencyMs,
      urls: config.urls.map(String),
    },
  };
}

/** The action outputs (README, verify), without `report`. */
export function verifyOutputs(result: VerifyResult): Record<string, string | number | boolean> {
  return {
    healthy: result.healthy,
    'error-rate': +result.errorRate.toFixed(4),
    'p50-ms': result.p50Ms ?? '',
    'p95-ms': result.p95Ms ?? '',
    'checks-passed': result.checksPassed,
    'checks-failed': result.checksFailed,
    'failed-checks': result.failedChecks.join(','),
  };
}
