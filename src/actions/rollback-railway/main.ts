import { runOnGitHub } from '../../core/github-host.js';
import { defineRollbackAction } from '../../providers/rollback-action.js';
import { createRailwayProvider } from '../../providers/railway/provider.js';
import { rollbackRailwayInputs } from './inputs.js';

export const rollbackRailwayAction = defineRollbackAction(
  'rollback-railway',
  rollbackRailwayInputs,
  (values, context) =>
    createRailwayProvider(
      {
        apiUrl: values['api-url'],
        token: values.token,
        tokenType: values['token-type'],
        serviceId: values['service-id'],
        environmentId: values['environment-id'],
        target: values.target,
      },
      context,
    ),
);

/** Runs rollback-railway on the GitHub runner (the bundle entry calls this; so does `npx @github/local-action`). */
export async function run(): Promise<void> {
  await runOnGitHub(rollbackRailwayAction);
}
