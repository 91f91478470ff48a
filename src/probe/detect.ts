/**
 * detect: watch a live service for a window and say whether it is healthy (README, detect).
 *
 * Probes go out every `interval` (URLs in turn) from the end of `grace`, at most as many as fit in
 * the window: N = floor(window / interval), probe k at k x interval. The watch stops early only to
 * raise the alarm, from either test:
 * - the error-rate test (sequential.ts): a CUSUM on failures calibrated so that a service failing at
 *   `baseline-error-rate` raises it anywhere in the N probes with probability at most its share of
 *   `false-alarm-rate`, and a service whose every probe fails raises it within 3 probes;
 * - the latency tests (latency.ts), which need MIN_LATENCY_SAMPLES samples before they may speak.
 * The false-alarm budget is split (Bonferroni): LATENCY_ALPHA_SHARE of it to the latency tests, the
 * rest to the error-rate test, so a healthy service is called unhealthy with probability at most
 * `false-alarm-rate` in all.
 *
 * Errors (DNS failures, 429s) are not observations. More than MAX_ERRORS_IN_A_ROW in a row end the
 * watch as inconclusive. A window that ends without an alarm is healthy when the statistics got to
 * decide, that is when the test saw enough observations (`decidingObservations`): as many as it
 * needs to catch a service failing at `max-error-rate` with probability 1 - `miss-rate`, or half the
 * window's probes when the window is too short for that. A window that errors ate beyond that ends
 * "before the statistics decide": inconclusive, never a rollback signal and never a clean bill.
 */
import type { Deps, Logger } from '../core/action.js';
import { formatDuration } from '../core/parse.js';
import type { StatusList } from '../core/parse.js';
import { LatencyJudge, percentile, type LatencyBaseline, type LatencyTestResult } from './latency.js';
import { runProbe, type ProbeResult, type ProbeTarget } from './probe.js';
import { ErrorRateMonitor, designErrorRateTest, type ErrorRateTestDesign } from './sequential.js';

export const MAX_ERRORS_IN_A_ROW = 4;
/** The share of `false-alarm-rate` given to the latency tests. */
export const LATENCY_ALPHA_SHARE = 0.2;
/** The most probes a window may plan (the calibration's work grows with it). */
export const MAX_PLANNED_PROBES = 10_000;

/** How to probe: shared by detect and verify. */
export interface ProbeSettings {
  /** Probed in turn. */
  urls: URL[];
  headers: Record<string, string>;
  expectStatus: StatusList;
  expectBody?: string;
  requestTimeoutMs: number;
}

export interface DetectConfig extends ProbeSettings {
  intervalMs: number;
  windowMs: number;
  graceMs: number;
  baselineErrorRate: number;
  maxErrorRate: number;
  falseAlarmRate: number;
  missRate: number;
  maxLatencyMs: number;
  baseline?: LatencyBaseline;
  maxDegradation: number;
}

export type DetectDeps = Pick<Deps, 'fetch' | 'clock' | 'sleep'>;

export type Verdict = 'healthy' | 'unhealthy' | 'inconclusive';
export type DetectReason = 'error-rate' | 'latency' | 'unhealthy-components' | '';
export type DetectIssueType =
  'critical-bug' | 'performance-degradation' | 'external-api-incompatibility' | 'none';

export interface DetectPlan {
  /** N: the most probes the window holds. */
  plannedProbes: number;
  errorTest: ErrorRateTestDesign;
  latencyFalseAlarmRate: number;
  /** How many times the latency tests look (every MIN_LATENCY_SAMPLES samples). */
  latencyLooks: number;
  /** Observations the test must have seen for a quiet window to count as decided (healthy). */
  decidingObservations: number;
  warnings: string[];
}

/** One probe as reports keep it (no body). */
export type ProbeRecord = Omit<ProbeResult, 'body' | 'contentType'> & { probe: number };

export interface DetectResult {
  verdict: Verdict;
  reason: DetectReason;
  issueType: DetectIssueType;
  /** One or two sentences: the verdict and why. */
  explanation: string;
  startedAt: string;
  detectedAt?: string;
  finishedAt: string;
  /** Probes taken (observations and errors). */
  samples: number;
  /** Probes that passed or failed. */
  observations: number;
  failures: number;
  errors: number;
  /** failures / observations (0 when there were none). */
  errorRate: number;
  p50Ms?: number;
  p95Ms?: number;
  failingServices: string[];
  /** What raised the alarm. */
  alarm?: { probe: number; rule: 'cusum' | 'consecutive-failures' | 'latency'; detail: string };
  /** Why the watch was inconclusive. */
  inconclusive?: 'errors-in-a-row' | 'too-few-observations';
  /** The CUSUM statistic at the end, in nats, and its threshold. */
  statisticNats: number;
  thresholdNats: number;
  latencyLooks: LatencyTestResult[];
  plan: DetectPlan;
  config: { intervalMs: number; windowMs: number; graceMs: number; urls: string[] };
  probes: ProbeRecord[];
}

/** The test design for a configuration, and what the user should be warned about. Pure. */
export function planDetect(config: DetectConfig): DetectPlan {
  const plannedProbes = Math.floor(config.windowMs / config.intervalMs);
  if (plannedProbes < 1) throw new RangeError('the window must hold at least one interval');
  if (plannedProbes > MAX_PLANNED_PROBES)
    throw new RangeError(`the window holds more than ${MAX_PLANNED_PROBES} probes`);
  const latencyFalseAlarmRate = config.falseAlarmRate * LATENCY_ALPHA_SHARE;
  const errorTest = designErrorRateTest({
    baselineRate: config.baselineErrorRate,
    maxRate: config.maxErrorRate,
    falseAlarmRate: config.falseAlarmRate - latencyFalseAlarmRate,
    missRate: config.missRate,
    plannedProbes,
  });
  const latency = new LatencyJudge({
    maxLatencyMs: config.maxLatencyMs,
    baseline: config.baseline,
    maxDegradation: config.maxDegradation,
    falseAlarmRate: latencyFalseAlarmRate,
    plannedSamples: plannedProbes,
  });
  const half = Math.ceil(plannedProbes / 2);
  const decidingObservations = Math.min(errorTest.probesNeeded ?? half, half);

  const warnings: string[] = [];
  const pct = (rate: number) => `${+(rate * 100).toFixed(2)}%`;
  if (!errorTest.falseAlarmMet) {
    warnings.push(
      `detect: false-alarm-rate ${pct(config.falseAlarmRate)} cannot be met over ${plannedProbes} probes at baseline-error-rate ${pct(config.baselineErrorRate)} while calling a hard outage within 3 probes: the chance of a false alarm in this window is ${pct(errorTest.falseAlarmProbability)}. Use a shorter window, a longer interval, or a lower baseline-error-rate`,
    );
  }
  if (errorTest.probesNeeded === undefined || errorTest.probesNeeded > plannedProbes) {
    const needed = errorTest.probesNeeded ?? `more than ${errorTest.searchedUpTo}`;
    warnings.push(
      `detect: the window holds ${plannedProbes} probes; a service failing at max-error-rate ${pct(config.maxErrorRate)} is caught in it with probability ${pct(errorTest.powerInWindow)}, and 1 - miss-rate (${pct(1 - config.missRate)}) needs ${needed} probes. Lengthen the window or shorten the interval for that`,
    );
  }
  if (latency.plannedLooks === 0) {
    warnings.push(
      `detect: latency is not judged: the window holds ${plannedProbes} probes and the latency tests need at least 20`,
    );
  }
  return {
    plannedProbes,
    errorTest,
    latencyFalseAlarmRate,
    latencyLooks: latency.plannedLooks,
    decidingObservations,
    warnings,
  };
}

/** The probe target for probe number k (URLs in turn). */
export function probeTarget(settings: ProbeSettings, k: number): ProbeTarget {
  return {
    url: settings.urls[k % settings.urls.length] as URL,
    headers: settings.headers,
    expectStatus: settings.expectStatus,
    expectBody: settings.expectBody,
    timeoutMs: settings.requestTimeoutMs,
    healthBody: true,
  };
}

export function probeRecord(result: ProbeResult, probe: number): ProbeRecord {
  const { body: _body, contentType: _contentType, ...rest } = result;
  return { probe, ...rest };
}

/** A probe result in one log line. */
export function probeLine(record: ProbeRecord, of?: number): string {
  const head = `probe ${record.probe}${of ? `/${of}` : ''} ${record.url}`;
  const latency = record.latencyMs === undefined ? '' : ` in ${Math.round(record.latencyMs)} ms`;
  const status = record.status === undefined ? '' : ` HTTP ${record.status}`;
  return `${head}: ${record.outcome}${record.outcome === 'pass' ? status : ` (${record.detail})`}${latency}`;
}

/** The plan and its warnings in the log, before the first probe. */
function announce(plan: DetectPlan, config: DetectConfig, log: Logger): void {
  const design = plan.errorTest;
  for (const warning of plan.warnings) log.warning(warning);
  log.info(
    `detect: up to ${plan.plannedProbes} probes every ${formatDuration(config.intervalMs)} over ${formatDuration(config.windowMs)}; ` +
      `alarm when failures outweigh a ${pct(config.baselineErrorRate)} baseline (false-alarm probability ${pct(design.falseAlarmProbability)} over the window, ` +
      `a hard outage within ${design.failuresToAlarm} probes, ${pct(config.maxErrorRate)} caught with probability ${pct(design.powerInWindow)})`,
  );
}

/** One watch: the two tests and what the probes showed so far. */
class Watch {
  readonly monitor: ErrorRateMonitor;
  readonly latency: LatencyJudge;
  readonly probes: ProbeRecord[] = [];
  readonly failingServices: string[] = [];
  alarm: DetectResult['alarm'];
  reason: DetectReason = '';
  inconclusive: DetectResult['inconclusive'];
  private errorsInARow = 0;
  private componentFailuresOnly = true;

  constructor(
    private readonly config: DetectConfig,
    readonly plan: DetectPlan,
  ) {
    this.monitor = new ErrorRateMonitor(plan.errorTest);
    this.latency = new LatencyJudge({
      maxLatencyMs: config.maxLatencyMs,
      baseline: config.baseline,
      maxDegradation: config.maxDegradation,
      falseAlarmRate: plan.latencyFalseAlarmRate,
      plannedSamples: plan.plannedProbes,
    });
  }

  /** Takes probe number `probe`'s result; says whether the watch ends with it. */
  take(result: ProbeResult, probe: number): 'go-on' | 'stop' {
    if (result.outcome === 'error') {
      this.errorsInARow++;
      if (this.errorsInARow <= MAX_ERRORS_IN_A_ROW) return 'go-on';
      this.inconclusive = 'errors-in-a-row';
      return 'stop';
    }
    this.errorsInARow = 0;
    const failed = result.outcome === 'failure';
    if (failed) this.noteFailure(result);
    if (this.monitor.observe(failed)) this.raiseErrorRateAlarm(probe);
    else if (result.latencyMs !== undefined) {
      const slow = this.latency.add(result.latencyMs);
      if (slow) {
        this.reason = 'latency';
        this.alarm = { probe, rule: 'latency', detail: slow.detail };
      }
    }
    return this.alarm ? 'stop' : 'go-on';
  }

  private noteFailure(result: ProbeResult): void {
    const components = result.failingComponents ?? [];
    // Only a probe whose status was fine and whose body named failing components is a component
    // failure; a 500 that also lists components is the app failing (error-rate, critical-bug).
    const statusFine = result.status !== undefined && this.config.expectStatus.includes(result.status);
    if (components.length === 0 || !statusFine) this.componentFailuresOnly = false;
    for (const name of components) if (!this.failingServices.includes(name)) this.failingServices.push(name);
  }

  private raiseErrorRateAlarm(probe: number): void {
    const design = this.plan.errorTest;
    const monitor = this.monitor;
    this.reason = this.componentFailuresOnly ? 'unhealthy-components' : 'error-rate';
    const byRun = design.consecutiveFailureRule && monitor.statistic < design.threshold;
    this.alarm = {
      probe,
      rule: byRun ? 'consecutive-failures' : 'cusum',
      detail: byRun
        ? `${monitor.run} failures in a row`
        : `the failure statistic reached ${monitor.statisticNats.toFixed(2)}, its threshold is ${thresholdNats(design).toFixed(2)}`,
    };
  }
}

/**
 * The probes of the window, on schedule (probe k at start + k x interval) until it ends or the watch
 * stops. Returns when the alarm was raised, if it was.
 */
async function watchWindow(
  watch: Watch,
  start: number,
  config: DetectConfig,
  deps: DetectDeps,
  log: Logger,
): Promise<string | undefined> {
  const planned = watch.plan.plannedProbes;
  for (let k = 0; k < planned; k++) {
    const due = start + k * config.intervalMs;
    const now = deps.clock.now();
    // Probes that overran their interval (slow timeouts) leave fewer slots; the window still ends on time.
    if (now >= start + config.windowMs) break;
    if (due > now) await deps.sleep(due - now);
    const result = await runProbe(probeTarget(config, k), deps);
    const record = probeRecord(result, k + 1);
    watch.probes.push(record);
    log.info(probeLine(record, planned));
    if (watch.take(result, k + 1) === 'stop') {
      return watch.alarm ? new Date(deps.clock.now()).toISOString() : undefined;
    }
  }
  return undefined;
}

export async function runDetect(config: DetectConfig, deps: DetectDeps, log: Logger): Promise<DetectResult> {
  const plan = planDetect(config);
  announce(plan, config, log);
  if (config.graceMs > 0) {
    log.info(`detect: waiting ${formatDuration(config.graceMs)} of grace before the first probe`);
    await deps.sleep(config.graceMs);
  }
  const start = deps.clock.now();
  const watch = new Watch(config, plan);
  const detectedAt = await watchWindow(watch, start, config, deps, log);

  const { probes, monitor, alarm, reason } = watch;
  const errors = probes.filter((p) => p.outcome === 'error').length;
  const observations = probes.length - errors;
  const tooFew = !alarm && !watch.inconclusive && observations < plan.decidingObservations;
  const inconclusive = tooFew ? 'too-few-observations' : watch.inconclusive;
  const verdict: Verdict = alarm ? 'unhealthy' : inconclusive ? 'inconclusive' : 'healthy';
  const latencies = probes.map((p) => p.latencyMs).filter((v): v is number => v !== undefined);
  const result: DetectResult = {
    verdict,
    reason,
    issueType: issueTypeFor(verdict, reason),
    explanation: '',
    startedAt: new Date(start).toISOString(),
    detectedAt,
    finishedAt: new Date(deps.clock.now()).toISOString(),
    samples: probes.length,
    observations,
    failures: monitor.failures,
    errors,
    errorRate: observations ? monitor.failures / observations : 0,
    p50Ms: roundMs(percentile(latencies, 0.5)),
    p95Ms: roundMs(percentile(latencies, 0.95)),
    failingServices: watch.failingServices,
    alarm,
    inconclusive,
    statisticNats: monitor.statisticNats,
    thresholdNats: thresholdNats(plan.errorTest),
    latencyLooks: watch.latency.looks,
    plan,
    config: {
      intervalMs: config.intervalMs,
      windowMs: config.windowMs,
      graceMs: config.graceMs,
      urls: config.urls.map(String),
    },
    probes,
  };
  result.explanation = explain(result, config);
  (verdict === 'unhealthy' ? log.warning : log.info)(`detect: ${verdict}: ${result.explanation}`);
  return result;
}

/** The threshold in nats (Infinity when only the consecutive-failure rule alarms). */
function thresholdNats(design: ErrorRateTestDesign): number {
  return (design.threshold / design.failureStep) * design.failureWeight;
}

export function issueTypeFor(verdict: Verdict, reason: DetectReason): DetectIssueType {
  if (verdict !== 'unhealthy') return 'none';
  if (reason === 'latency') return 'performance-degradation';
  if (reason === 'unhealthy-components') return 'external-api-incompatibility';
  return 'critical-bug';
}

function explain(result: DetectResult, config: DetectConfig): string {
  const { failures, observations, errors, plan } = result;
  const failed = `${failures} of ${observations} probe${observations === 1 ? '' : 's'} failed`;
  const lastProblem = [...result.probes].reverse().find((p) => p.outcome !== 'pass')?.detail;
  if (result.verdict === 'unhealthy' && result.alarm) {
    if (result.reason === 'latency')
      return `the service is slow: ${result.alarm.detail} (probe ${result.alarm.probe})`;
    const what =
      result.reason === 'unhealthy-components'
        ? `components report unhealthy: ${result.failingServices.join(', ')}`
        : `${failed}${lastProblem ? `, last: ${lastProblem}` : ''}`;
    return `${what}. That is more than a service failing at ${pct(config.baselineErrorRate)} produces (${result.alarm.detail}, at probe ${result.alarm.probe})`;
  }
  if (result.inconclusive === 'errors-in-a-row') {
    return `${MAX_ERRORS_IN_A_ROW + 1} probes in a row said nothing about the service (last: ${lastProblem}); no verdict`;
  }
  if (result.inconclusive === 'too-few-observations') {
    return `only ${observations} of ${result.samples} probes were observations (${errors} errors, last: ${lastProblem}); the test needs ${plan.decidingObservations} to decide`;
  }
  return `no alarm in ${result.samples} probes over ${formatDuration(config.windowMs)}: ${failed}${errors ? ` (${errors} errors not counted)` : ''}, within what a service failing at ${pct(config.baselineErrorRate)} produces`;
}

function pct(rate: number): string {
  return `${+(rate * 100).toFixed(2)}%`;
}

function roundMs(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.round(value);
}

/** The action outputs (README, detect), without `report`. */
export function detectOutputs(result: DetectResult): Record<string, string | number> {
  return {
    verdict: result.verdict,
    reason: result.reason,
    'issue-type': result.issueType,
    'error-rate': +result.errorRate.toFixed(4),
    samples: result.samples,
    failures: result.failures,
    errors: result.errors,
    'p50-ms': result.p50Ms ?? '',
    'p95-ms': result.p95Ms ?? '',
    'failing-services': result.failingServices.join(','),
    'started-at': result.startedAt,
    'detected-at': result.detectedAt ?? '',
  };
}
