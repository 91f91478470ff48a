import type { ActionDefinition } from '../../core/action.js';
import type { InputValues } from '../../core/inputs.js';
import { decide, decisionOutputs, type DecideFacts } from '../../policy/decide.js';
import { runOnGitHub } from '../../core/github-host.js';
import { DEFAULT_MATRIX } from '../../policy/matrix.js';
import { loadPolicy } from '../../policy/policy-file.js';
import { decisionSummary } from '../../policy/summary.js';
import { decideInputs } from './inputs.js';

type DecideInputs = InputValues<typeof decideInputs.fields>;

/** The decide facts from the action's inputs (the guard builds its own from what detect found). */
export function factsFromInputs(inputs: DecideInputs): DecideFacts {
  return {
    issueType: inputs['issue-type'],
    severity: inputs.severity,
    affectingUsers: inputs['affecting-users'],
    errorRate: inputs['error-rate'],
    errorRateThreshold: inputs['error-rate-threshold'],
    dataLoss: inputs['data-loss'],
    deploymentCaused: inputs['deployment-caused'],
    dataCompromised: inputs['data-compromised'],
  };
}

export const decideAction: ActionDefinition<typeof decideInputs.fields> = {
  name: 'decide',
  inputs: decideInputs,
  async execute(inputs, context) {
    const matrix = inputs.policy ? await loadPolicy(inputs.policy) : DEFAULT_MATRIX;
    const facts = factsFromInputs(inputs);
    const decision = decide(facts, matrix);
    context.log.info(`decide: ${decision.reason}`);
    return {
      outputs: decisionOutputs(decision),
      summary: decisionSummary(decision, facts, inputs.policy),
      report: { facts, decision, policy: inputs.policy ?? null },
    };
  },
};

/** Runs decide on the GitHub runner (the bundle entry calls this; so does `npx @github/local-action`). */
export async function run(): Promise<void> {
  await runOnGitHub(decideAction);
}
