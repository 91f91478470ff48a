import { defineInputs, input } from '../../core/inputs.js';
import { ISSUE_TYPES, SEVERITIES } from '../../policy/matrix.js';

export const decideInputs = defineInputs({
  'issue-type': input.enum(ISSUE_TYPES).required(),
  severity: input.enum(SEVERITIES),
  'affecting-users': input.boolean().default('true'),
  'error-rate': input.rate(),
  'error-rate-threshold': input.rate().default('10%'),
  'data-loss': input.boolean().default('false'),
  'deployment-caused': input.boolean().default('true'),
  'data-compromised': input.boolean().default('false'),
  policy: input.string(),
});
