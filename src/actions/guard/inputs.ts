/**
 * The guard's inputs. Inputs it shares with a single action use that action's own field (same
 * parsing, same default), so `interval` means the same thing to the guard as to detect. Inputs whose
 * meaning depends on the provider (service, environment, api-url, and the provider-only ones from the
 * provider registry) stay text here and are checked by the chosen provider's rollback action, before
 * anything happens (plan.ts).
 */
import { defineInputs, input, type InputShape, type InputValues } from '../../core/inputs.js';
import { ISSUE_TYPES } from '../../policy/matrix.js';
import { PROVIDER_NAMES, providerOnlyInputs } from '../../providers/registry.js';
import { detectFields } from '../detect/inputs.js';
import { decideInputs } from '../decide/inputs.js';
import { verifyFields } from '../verify/inputs.js';
import { guardInputProblems } from './plan.js';

export const guardFields = {
  provider: input.enum(PROVIDER_NAMES).required(),
  token: input.string().secret().required(),
  service: input.string(),
  environment: input.string(),
  'api-url': input.string(),
  url: detectFields.url,
  mode: input.enum(['watch', 'rollback']).default('watch'),
  // detect
  interval: detectFields.interval,
  window: detectFields.window,
  grace: detectFields.grace,
  'request-timeout': detectFields['request-timeout'],
  'expect-status': detectFields['expect-status'],
  'expect-body': detectFields['expect-body'],
  headers: detectFields.headers,
  'baseline-error-rate': detectFields['baseline-error-rate'],
  'max-error-rate': detectFields['max-error-rate'],
  'false-alarm-rate': detectFields['false-alarm-rate'],
  'miss-rate': detectFields['miss-rate'],
  'max-latency': detectFields['max-latency'],
  baseline: detectFields.baseline,
  'max-degradation': detectFields['max-degradation'],
  // decide
  'issue-type': input.enum(ISSUE_TYPES),
  'data-loss': decideInputs.fields['data-loss'],
  'affecting-users': decideInputs.fields['affecting-users'],
  policy: decideInputs.fields.policy,
  // rollback (checked by the provider's rollback action)
  target: input.string(),
  'token-type': input.string().default('account'),
  ...providerOnlyInputs(),
  'rollback-timeout': input.string().default('10m'),
  // restore (checked by restore-db)
  database: input.string(),
  'backup-dir': input.string(),
  backup: input.string(),
  before: input.string(),
  // verify
  'smoke-tests': verifyFields['smoke-tests'],
  'verify-samples': verifyFields.samples,
  'verify-interval': verifyFields.interval,
  'verify-timeout': verifyFields.timeout,
  'verify-max-error-rate': verifyFields['max-error-rate'],
  'verify-max-latency': verifyFields['max-latency'],
  // the run
  'dry-run': input.boolean().default('false'),
  'github-token': input.string().secret(),
  'github-environment': input.string().default('production'),
  'record-incident': input.boolean().default('true'),
};

export type GuardInputs = InputValues<typeof guardFields>;

/** Each input's default text: an input left at it counts as not given. */
function defaultTexts(fields: InputShape): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.options.defaultText]));
}

const GUARD_DEFAULTS = defaultTexts(guardFields);

export const guardInputs = defineInputs(guardFields, undefined, (values) =>
  guardInputProblems(values, GUARD_DEFAULTS),
);
