import { runOnGitHub } from '../../core/github-host.js';
import { createRenderProvider } from '../../providers/render/provider.js';
import { defineRollbackAction } from '../../providers/rollback-action.js';
import { rollbackRenderInputs } from './inputs.js';

/** rollback-render: the shared rollback flow on Render's REST API. */
export const rollbackRenderAction = defineRollbackAction(
  'rollback-render',
  rollbackRenderInputs,
  (values, context) =>
    createRenderProvider({
      http: context.http,
      apiKey: values['api-key'],
      serviceId: values['service-id'],
      apiUrl: values['api-url'],
      disableAutoDeploy: values['disable-auto-deploy'],
      clock: context.clock,
      log: context.log,
      secrets: context.secrets,
    }),
);

/** Runs rollback-render on the GitHub runner (the bundle entry calls this; so does `npx @github/local-action`). */
export async function run(): Promise<void> {
  await runOnGitHub(rollbackRenderAction);
}
