import type { InputProblem } from '../../core/errors.js';
import { defineInputs, input, type InputValues } from '../../core/inputs.js';
import { ParseError, parseRate } from '../../core/parse.js';
import { BASELINE_ACCEPTED, parseBaseline } from '../../probe/baseline.js';
import { MAX_PLANNED_PROBES, type DetectConfig, type ProbeSettings } from '../../probe/detect.js';

const DEGRADATION_ACCEPTED = "a share such as '50%' or '0.5' (it may exceed 100%)";

/** '50%', '0.5' or '150%': how much slower than the baseline is still acceptable. */
function parseDegradation(text: string): number {
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text.trim());
  if (percent) return Number(percent[1]) / 100;
  try {
    return parseRate(text);
  } catch {
    throw new ParseError(`'${text}' is not ${DEGRADATION_ACCEPTED}`);
  }
}

/** The input fields, exported for the guard, which takes the same inputs under its own names. */
export const detectFields = {
  url: input.urls().required(),
  interval: input.duration({ min: 1 }).default('5s'),
  window: input.duration({ min: 1 }).default('5m'),
  grace: input.duration().default('0s'),
  'request-timeout': input.duration({ min: 1 }).default('10s'),
  'expect-status': input.statusList().default('200-399'),
  'expect-body': input.string(),
  headers: input.headers(),
  'baseline-error-rate': input.rate().default('1%'),
  'max-error-rate': input.rate().default('10%'),
  'false-alarm-rate': input.rate().default('1%'),
  'miss-rate': input.rate().default('5%'),
  'max-latency': input.duration({ min: 1 }).default('5s'),
  baseline: input.custom(parseBaseline, BASELINE_ACCEPTED),
  'max-degradation': input.custom(parseDegradation, DEGRADATION_ACCEPTED).default('50%'),
  'fail-on-unhealthy': input.boolean().default('false'),
};

export type DetectInputs = InputValues<typeof detectFields>;

/** The inputs `detectProblems` compares. */
type ComparedInputs = Pick<
  DetectInputs,
  'baseline-error-rate' | 'max-error-rate' | 'false-alarm-rate' | 'miss-rate' | 'window' | 'interval'
>;

/** Problems that involve more than one input; the guard runs the same checks on its own values. */
export function detectProblems(values: ComparedInputs): InputProblem[] {
  const problems: InputProblem[] = [];
  const p0 = values['baseline-error-rate'];
  const p1 = values['max-error-rate'];
  if (p0 <= 0) {
    problems.push({
      input: 'baseline-error-rate',
      message: "must be above 0 (no service fails never; a rate such as '0.1%' is fine)",
    });
  }
  if (p1 >= 1) problems.push({ input: 'max-error-rate', message: "must be below 100%, such as '10%'" });
  else if (p1 <= p0) {
    problems.push({
      input: 'max-error-rate',
      message: `must be above baseline-error-rate (${+(p0 * 100).toFixed(4)}%): it is the rate that means unhealthy`,
    });
  }
  for (const name of ['false-alarm-rate', 'miss-rate'] as const) {
    if (values[name] <= 0 || values[name] >= 1) {
      problems.push({ input: name, message: "must be above 0% and below 100%, such as '1%' or '5%'" });
    }
  }
  const probes = Math.floor(values.window / values.interval);
  if (probes < 1) {
    problems.push({ input: 'window', message: `must be at least one interval (${values.interval} ms)` });
  } else if (probes > MAX_PLANNED_PROBES) {
    problems.push({
      input: 'window',
      message: `holds ${probes} probes at this interval; at most ${MAX_PLANNED_PROBES} (use a longer interval or a shorter window)`,
    });
  }
  return problems;
}

export const detectInputs = defineInputs(detectFields, detectProblems);

/** How to probe, from the inputs detect, verify and the guard share. */
export function probeSettings(
  values: Pick<DetectInputs, 'url' | 'headers' | 'expect-status' | 'expect-body' | 'request-timeout'>,
): ProbeSettings {
  return {
    urls: values.url,
    headers: values.headers ?? {},
    expectStatus: values['expect-status'],
    expectBody: values['expect-body'],
    requestTimeoutMs: values['request-timeout'],
  };
}

/** The library configuration from parsed inputs (the guard's too: it has every input but fail-on-unhealthy). */
export function detectConfig(values: Omit<DetectInputs, 'fail-on-unhealthy'>): DetectConfig {
  return {
    ...probeSettings(values),
    intervalMs: values.interval,
    windowMs: values.window,
    graceMs: values.grace,
    baselineErrorRate: values['baseline-error-rate'],
    maxErrorRate: values['max-error-rate'],
    falseAlarmRate: values['false-alarm-rate'],
    missRate: values['miss-rate'],
    maxLatencyMs: values['max-latency'],
    baseline: values.baseline,
    maxDegradation: values['max-degradation'],
  };
}
