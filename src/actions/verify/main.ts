import type { ActionDefinition } from '../../core/action.js';
import { runOnGitHub } from '../../core/github-host.js';
import { runVerify, verifyOutputs } from '../../probe/verify.js';
import { verifyReport, verifySummary } from '../../probe/verify-summary.js';
import { registerSmokeTestSecrets, verifyConfig, verifyInputs } from './inputs.js';

export const verifyAction: ActionDefinition<typeof verifyInputs.fields> = {
  name: 'verify',
  inputs: verifyInputs,
  async execute(inputs, context) {
    const config = verifyConfig(inputs);
    registerSmokeTestSecrets(config, context.secrets);
    const result = await runVerify(config, context, context.log);
    const report = verifyReport(result);
    return {
      outputs: verifyOutputs(result),
      summary: verifySummary(result, report),
      report,
      failure:
        inputs['fail-on-unhealthy'] && !result.healthy
          ? `the service is not healthy; failed: ${result.failedChecks.join(', ')} (${result.explanation}). Check the service and its logs, then run verify again`
          : undefined,
    };
  },
};

/** Runs verify on the GitHub runner (the bundle entry calls this; so does `npx @github/local-action`). */
export async function run(): Promise<void> {
  await runOnGitHub(verifyAction);
}
