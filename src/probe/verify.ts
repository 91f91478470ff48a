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

export async function runVerify(config: VerifyConfig, deps: DetectDeps, log: Logger): Promise<VerifyResult> {
  const start = deps.clock.now();
  const deadline = start + config.timeoutMs;
  const remaining = () => deadline - deps.clock.now();
  let k = 0; // probe counter: URLs in turn across boot and samples

  // 1. Wait for the service to come up.
  const bootProbes: ProbeRecord[] = [];
  let upAt: number | undefined;
  for (;;) {
    const result = await runProbe(probeTarget(config, k++), deps);
    const record = probeRecord(result, bootProbes.length + 1);
    bootProbes.push(record);
    if (result.outcome === 'pass') {
      upAt = deps.clock.now();
      log.info(`verify: the service is up (${probeLine(record)})`);
      break;
    }
    log.info(`verify: waiting for the service: ${probeLine(record)}`);
    if (remaining() <= config.intervalMs) break;
    await deps.sleep(config.intervalMs);
  }

  // 2. The health samples.
  const probes: ProbeRecord[] = [];
  let cut: string | undefined;
  if (upAt !== undefined) {
    let errorsInARow = 0;
    for (let i = 0; i < config.samples; i++) {
      if (remaining() <= config.intervalMs) {
        cut = `the timeout (${formatDuration(config.timeoutMs)}) ran out after ${i} of ${config.samples} samples`;
        break;
      }
      await deps.sleep(config.intervalMs);
      const record = probeRecord(await runProbe(probeTarget(config, k++), deps), i + 1);
      probes.push(record);
      log.info(probeLine(record, config.samples));
      errorsInARow = record.outcome === 'error' ? errorsInARow + 1 : 0;
      if (errorsInARow > MAX_ERRORS_IN_A_ROW) {
        cut = `${errorsInARow} probes in a row said nothing about the service (last: ${record.detail})`;
        break;
      }
    }
  }

  // 3. Smoke tests.
  const smokeTests: SmokeTestResult[] = [];
  if (upAt !== undefined) {
    const origin = (config.urls[0] as URL).origin;
    for (const test of config.smokeTests) {
      const result = await runSmokeTest(
        test,
        {
          origin,
          headers: config.headers,
          expectStatus: config.expectStatus,
          requestTimeoutMs: config.requestTimeoutMs,
        },
        deps,
      );
      smokeTests.push(result);
      log.info(
        `verify: smoke test '${result.name}' ${result.passed ? 'passed' : `failed: ${result.problems.join('; ')}`}`,
      );
    }
  }

  const errors = probes.filter((p) => p.outcome === 'error').length;
  const observations = probes.length - errors;
  const failures = probes.filter((p) => p.outcome === 'failure').length;
  const errorRate = observations ? failures / observations : 0;
  const latencies = probes.map((p) => p.latencyMs).filter((v): v is number => v !== undefined);
  const p50 = percentile(latencies, 0.5);
  const p95 = percentile(latencies, 0.95);
  const pct = (rate: number) => `${+(rate * 100).toFixed(2)}%`;
  const up = upAt !== undefined;
  const lastBoot = bootProbes[bootProbes.length - 1];

  const checks: VerifyCheck[] = [
    {
      name: 'service-up',
      passed: up,
      detail: up
        ? `up after ${bootProbes.length} probe${bootProbes.length === 1 ? '' : 's'}`
        : `not up within ${formatDuration(config.timeoutMs)} (${bootProbes.length} probes, last: ${lastBoot?.detail ?? lastBoot?.outcome})`,
    },
    {
      name: 'error-rate',
      passed: !up ? undefined : cut === undefined && observations > 0 && errorRate <= config.maxErrorRate,
      detail: !up
        ? 'not measured'
        : cut
          ? `not measured in full: ${cut}`
          : observations === 0
            ? 'no probe was an observation'
            : `${failures} of ${observations} probes failed: ${pct(errorRate)} (at most ${pct(config.maxErrorRate)})`,
    },
    {
      name: 'latency',
      passed: !up ? undefined : p95 !== undefined && p95 <= config.maxLatencyMs,
      detail: !up
        ? 'not measured'
        : p95 === undefined
          ? 'no probe was answered'
          : `p95 ${Math.round(p95)} ms (at most ${config.maxLatencyMs} ms)`,
    },
    ...config.smokeTests.map((test): VerifyCheck => {
      const result = smokeTests.find((r) => r.name === test.name);
      return {
        name: test.name,
        passed: result?.passed,
        detail: !result
          ? 'not run'
          : result.passed
            ? `${result.method} ${result.url}: HTTP ${result.status}`
            : result.problems.join('; '),
      };
    }),
  ];
  const failedChecks = checks.filter((c) => c.passed === false).map((c) => c.name);
  const checksPassed = checks.filter((c) => c.passed === true).length;
  const healthy = failedChecks.length === 0 && checks.every((c) => c.passed === true);
  const explanation = healthy
    ? `up, ${failures} of ${observations} probes failed, p95 ${Math.round(p95 ?? 0)} ms, ${smokeTests.length} smoke test${smokeTests.length === 1 ? '' : 's'} passed`
    : checks
        .filter((c) => c.passed === false)
        .map((c) => `${c.name}: ${c.detail}`)
        .join('; ');
  (healthy ? log.info : log.warning)(`verify: ${healthy ? 'healthy' : 'not healthy'}: ${explanation}`);

  return {
    healthy,
    explanation,
    startedAt: new Date(start).toISOString(),
    upAt: upAt === undefined ? undefined : new Date(upAt).toISOString(),
    finishedAt: new Date(deps.clock.now()).toISOString(),
    bootProbes,
    probes,
    observations,
    failures,
    errors,
    errorRate,
    p50Ms: p50 === undefined ? undefined : Math.round(p50),
    p95Ms: p95 === undefined ? undefined : Math.round(p95),
    checks,
    smokeTests,
    checksPassed,
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
