import type { ActionDefinition } from '../../core/action.js';
import { planGuard } from './plan.js';
import { runOnGitHub } from '../../core/github-host.js';
import { runGuard } from '../../guard/guard.js';
import { guardOutputs, guardSummary } from '../../guard/summary.js';
import { registerSmokeTestSecrets } from '../verify/inputs.js';
import { guardInputs } from './inputs.js';

/** guard: the whole runbook in one step (the root action.yml). */
export const guardAction: ActionDefinition<typeof guardInputs.fields> = {
  name: 'guard',
  inputs: guardInputs,
  async execute(inputs, context) {
    // Every input of every step is checked here, before anything is probed or changed.
    const plan = await planGuard(inputs, context.env);
    registerSmokeTestSecrets(plan.verify, context.secrets);
    const result = await runGuard(plan, context);
    const failed = result.outcome === 'failed' || result.outcome === 'rolled-back-still-down';
    return {
      outputs: guardOutputs(result),
      summary: guardSummary(result, context.clock.now()),
      report: { guard: result },
      failure: failed ? result.message : undefined,
    };
  },
};

/** Runs guard on the GitHub runner (the bundle entry calls this; so does `npx @github/local-action`). */
export async function run(): Promise<void> {
  await runOnGitHub(guardAction);
}
