import type { ActionContext } from '../../core/action.js';
import type { InputValues } from '../../core/inputs.js';
import { runOnGitHub } from '../../core/github-host.js';
import { flyTokenForms } from '../../providers/fly/auth.js';
import { FlyProvider } from '../../providers/fly/provider.js';
import { defineRollbackAction } from '../../providers/rollback-action.js';
import { rollbackFlyInputs } from './inputs.js';

type RollbackFlyInputs = InputValues<typeof rollbackFlyInputs.fields>;

/** The Fly provider the inputs describe, on the action's HTTP client, clock and log. */
export function createFlyProvider(values: RollbackFlyInputs, context: ActionContext): FlyProvider {
  // The token may be pasted with its `FlyV1 ` scheme or as several macaroons: every form is a secret.
  for (const form of flyTokenForms(values['api-token'])) context.secrets.add(form);
  return new FlyProvider({
    app: values.app,
    apiUrl: values['api-url'].toString(),
    graphqlUrl: values['graphql-url'].toString(),
    token: values['api-token'],
    strategy: values.strategy,
    wait: values.wait,
    target: values.target,
    http: context.http,
    clock: context.clock,
    sleep: context.sleep,
    log: context.log,
    secrets: context.secrets,
    random: context.random,
  });
}

export const rollbackFlyAction = defineRollbackAction('rollback-fly', rollbackFlyInputs, createFlyProvider);

/** Runs rollback-fly on the GitHub runner (the bundle entry calls this; so does `npx @github/local-action`). */
export async function run(): Promise<void> {
  await runOnGitHub(rollbackFlyAction);
}
