/** Railway in the provider registry: rollback-railway, and the GraphQL client from the generic inputs. */
import { defineProvider } from '../entry.js';
import { defineRollbackAction } from '../rollback-action.js';
import { RailwayClient } from './client.js';
import { rollbackRailwayInputs } from './inputs.js';
import { createRailwayProvider } from './provider.js';

export const railwayProvider = defineProvider({
  name: 'railway',
  title: 'Railway',
  tokenEnv: 'RAILWAY_TOKEN',
  rollback: defineRollbackAction('rollback-railway', rollbackRailwayInputs, (values, context) =>
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
  ),
  connection: {
    token: 'token',
    'token-type': 'token-type',
    service: 'service-id',
    environment: 'environment-id',
    'api-url': 'api-url',
  },
  settings: {},
  /** Railway's calls are scoped per request: the client, and the service and environment to scope them to. */
  clients: (values, context) => ({
    railway: new RailwayClient({
      http: context.http,
      apiUrl: values['api-url'],
      token: values.token,
      tokenType: values['token-type'],
      secrets: context.secrets,
    }),
    scope: { serviceId: values['service-id'], environmentId: values['environment-id'] },
  }),
});
