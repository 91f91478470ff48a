/**
 * Fly.io in the provider registry: rollback-fly, and the two APIs a Fly app is reached through (the
 * Machines API at `api-url`, releases over GraphQL at `graphql-url`).
 */
import type { Secrets } from '../../core/secrets.js';
import { defineProvider } from '../entry.js';
import { defineRollbackAction } from '../rollback-action.js';
import { flyAuthorization, flyTokenForms } from './auth.js';
import { FlyReleasesApi } from './graphql.js';
import { rollbackFlyInputs } from './inputs.js';
import { FlyMachinesApi } from './machines.js';
import { FlyProvider } from './provider.js';

/** The token may be pasted with its `FlyV1 ` scheme or as several macaroons: every form is a secret. */
function registerFlyToken(token: string, secrets: Secrets): void {
  for (const form of flyTokenForms(token)) secrets.add(form);
}

export const flyProvider = defineProvider({
  name: 'fly',
  title: 'Fly.io',
  tokenEnv: 'FLY_API_TOKEN',
  rollback: defineRollbackAction('rollback-fly', rollbackFlyInputs, (values, context) => {
    registerFlyToken(values['api-token'], context.secrets);
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
  }),
  connection: { token: 'api-token', service: 'app', 'api-url': 'api-url', 'graphql-url': 'graphql-url' },
  settings: { strategy: 'strategy' },
  clients: (values, context) => {
    registerFlyToken(values['api-token'], context.secrets);
    const common = {
      app: values.app,
      authorization: flyAuthorization(values['api-token']),
      secrets: context.secrets,
    };
    return {
      machines: new FlyMachinesApi(context.http, { ...common, url: values['api-url'].toString() }),
      releases: new FlyReleasesApi(context.http, { ...common, url: values['graphql-url'].toString() }),
    };
  },
});
