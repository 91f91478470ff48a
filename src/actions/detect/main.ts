import type { ActionDefinition } from '../../core/action.js';
import { runOnGitHub } from '../../core/github-host.js';
import { runDetect } from '../../probe/detect.js';
import { detectOutputs } from '../../probe/detect.js';
import { detectReport, detectSummary } from '../../probe/detect-summary.js';
import { detectConfig, detectInputs } from './inputs.js';

export const detectAction: ActionDefinition<typeof detectInputs.fields> = {
  name: 'detect',
  inputs: detectInputs,
  async execute(inputs, context) {
    const result = await runDetect(detectConfig(inputs), context, context.log);
    const report = detectReport(result);
    const fail = inputs['fail-on-unhealthy'] && result.verdict === 'unhealthy';
    return {
      outputs: detectOutputs(result),
      summary: detectSummary(result, report),
      report,
      failure: fail
        ? `the service is unhealthy (${result.reason}): ${result.explanation}. Pass issue-type '${result.issueType}' to decide, or set fail-on-unhealthy: false to carry on`
        : undefined,
    };
  },
};

/** Runs detect on the GitHub runner (the bundle entry calls this; so does `npx @github/local-action`). */
export async function run(): Promise<void> {
  await runOnGitHub(detectAction);
}
