/** Render in the provider registry: rollback-render, and the REST client from the generic inputs. */
import { defineProvider } from '../entry.js';
import { defineRollbackAction } from '../rollback-action.js';
import { RenderClient } from './client.js';
import { rollbackRenderInputs } from './inputs.js';
import { createRenderProvider } from './provider.js';

export const renderProvider = defineProvider({
  name: 'render',
  title: 'Render',
  tokenEnv: 'RENDER_API_KEY',
  rollback: defineRollbackAction('rollback-render', rollbackRenderInputs, (values, context) =>
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
  ),
  connection: { token: 'api-key', service: 'service-id', 'api-url': 'api-url' },
  settings: { 'disable-auto-deploy': 'disable-auto-deploy' },
  clients: (values, context) => ({
    render: new RenderClient({
      http: context.http,
      apiKey: values['api-key'],
      serviceId: values['service-id'],
      apiUrl: values['api-url'],
      secrets: context.secrets,
    }),
  }),
});
