import { defineInputs, input, type InputValues } from '../../core/inputs.js';
import type { Secrets } from '../../core/secrets.js';
import { probeSettings } from '../detect/inputs.js';
import { SMOKE_TESTS_ACCEPTED, parseSmokeTests } from '../../probe/smoke-tests.js';
import type { VerifyConfig } from '../../probe/verify.js';

/** The input fields, exported for the guard, which takes the same inputs under its own names. */
export const verifyFields = {
  url: input.urls().required(),
  'smoke-tests': input.custom(parseSmokeTests, SMOKE_TESTS_ACCEPTED),
  samples: input.integer({ min: 1, max: 10_000 }).default('20'),
  interval: input.duration({ min: 1 }).default('2s'),
  timeout: input.duration({ min: 1 }).default('5m'),
  'max-error-rate': input.rate().default('1%'),
  'max-latency': input.duration({ min: 1 }).default('5s'),
  'expect-status': input.statusList().default('200-399'),
  'expect-body': input.string(),
  'request-timeout': input.duration({ min: 1 }).default('10s'),
  headers: input.headers(),
  'fail-on-unhealthy': input.boolean().default('true'),
};

export type VerifyInputs = InputValues<typeof verifyFields>;

export const verifyInputs = defineInputs(verifyFields);

/** The library configuration from parsed inputs. */
export function verifyConfig(values: VerifyInputs): VerifyConfig {
  return {
    ...probeSettings(values),
    samples: values.samples,
    intervalMs: values.interval,
    timeoutMs: values.timeout,
    maxErrorRate: values['max-error-rate'],
    maxLatencyMs: values['max-latency'],
    smokeTests: values['smoke-tests'] ?? [],
  };
}

/** Smoke tests carry their own headers (tokens, often): secrets like the `headers` input. */
export function registerSmokeTestSecrets(config: VerifyConfig, secrets: Secrets): void {
  for (const test of config.smokeTests) for (const value of Object.values(test.headers)) secrets.add(value);
}
