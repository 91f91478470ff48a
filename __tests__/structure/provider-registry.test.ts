// The provider registry: every entry is complete, the generic connection checks inputs by the
// provider's own rules under the generic names, and builds clients that reach the provider (here,
// its simulated API over real HTTP).
import { testContext } from '../../__fixtures__/context.js';
import { ManualClock } from '../../src/core/clock.js';
import { ConfigurationError, type InputProblem } from '../../src/core/errors.js';
import { CONNECTION_INPUTS } from '../../src/providers/entry.js';
import {
  connect,
  inapplicableInputs,
  PROVIDER_ENTRIES,
  PROVIDER_NAMES,
  PROVIDERS,
  providerOnlyInputs,
} from '../../src/providers/registry.js';
import { createProviderSandbox, SANDBOX_PROVIDERS } from '../../src/sandbox/index.js';

const TOKEN = 'tok_registry_s3cr3t';

function problemsOf(run: () => unknown): InputProblem[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe('the provider registry', () => {
  it('lists each provider once, under its own name, with its rollback action and token variable', () => {
    expect(PROVIDER_NAMES).toEqual(['railway', 'render', 'fly']);
    for (const [name, entry] of Object.entries(PROVIDERS)) {
      expect([name, entry.rollback.name]).toEqual([entry.name, `rollback-${entry.name}`]);
      expect(entry.tokenEnv).toMatch(/^[A-Z][A-Z0-9_]+$/);
    }
    expect(PROVIDER_ENTRIES.map((entry) => entry.tokenEnv)).toEqual([
      'RAILWAY_TOKEN',
      'RENDER_API_KEY',
      'FLY_API_TOKEN',
    ]);
    expect(SANDBOX_PROVIDERS).toEqual(PROVIDER_NAMES);
  });

  it.each(PROVIDER_ENTRIES.map((entry) => [entry.name, entry] as const))(
    '%s: the connection and settings name real rollback inputs, and every other one has a default',
    (_name, entry) => {
      const fields = entry.rollback.inputs.fields;
      const filled = [...Object.values(entry.connection), ...Object.values(entry.settings)];
      for (const own of filled) expect(Object.keys(fields)).toContain(own);
      expect(fields[entry.connection.token]?.options.secret).toBe(true);
      for (const [own, field] of Object.entries(fields)) {
        if (!filled.includes(own)) expect([own, field.options.required]).toEqual([own, false]);
      }
    },
  );

  it('gives each provider-only input the default of the rollback input it fills', () => {
    const defaults = Object.fromEntries(
      Object.entries(providerOnlyInputs()).map(([name, field]) => [name, field.options.defaultText]),
    );
    expect(defaults).toEqual({
      'disable-auto-deploy': 'true',
      'graphql-url': 'https://api.fly.io/graphql',
      strategy: 'rolling',
    });
    for (const name of Object.keys(defaults)) expect(CONNECTION_INPUTS).not.toContain(name);
  });

  it('refuses inputs a provider does not take, by name and provider', () => {
    const given = { token: 't', service: 's', environment: 'e', 'token-type': 'project', strategy: 'x' };
    expect(inapplicableInputs(PROVIDERS.render, given)).toEqual([
      { input: 'token-type', message: 'does not apply to Render; leave it empty' },
      { input: 'environment', message: 'does not apply to Render; leave it empty' },
      { input: 'strategy', message: 'does not apply to Render; leave it empty' },
    ]);
    expect(inapplicableInputs(PROVIDERS.railway, given).map((p) => p.input)).toEqual(['strategy']);
    expect(
      inapplicableInputs(PROVIDERS.fly, { ...given, strategy: 'immediate' }).map((p) => p.input),
    ).toEqual(['token-type', 'environment']);
  });
});

describe('connect: the generic inputs to a provider and its clients', () => {
  it("checks `service` by the provider's own rule and reports every problem under the generic names", () => {
    const context = testContext();
    expect(
      problemsOf(() => connect(PROVIDERS.railway, { token: TOKEN, service: 'my-service' }, context)),
    ).toEqual([
      { input: 'service', message: expect.stringMatching(/'my-service' is not a Railway id/) },
      { input: 'environment', message: expect.stringMatching(/is required; expected a Railway id/) },
    ]);
    expect(
      problemsOf(() =>
        connect(PROVIDERS.render, { service: 'srv/../x', environment: 'production' }, context),
      ),
    ).toEqual([
      { input: 'token', message: expect.stringMatching(/is required/) },
      { input: 'service', message: expect.stringMatching(/is not a Render service id/) },
      { input: 'environment', message: 'does not apply to Render; leave it empty' },
    ]);
    expect(problemsOf(() => connect(PROVIDERS.fly, { token: TOKEN, service: 'my app!' }, context))).toEqual([
      { input: 'service', message: expect.stringMatching(/is not a Fly app name/) },
    ]);
  });

  describe.each(PROVIDER_NAMES)('on the %s sandbox', (name) => {
    const clock = new ManualClock();
    const sandbox = createProviderSandbox(name, {
      clock,
      token: TOKEN,
      history: [{ artifact: 'registry/app:good-1' }, { artifact: 'registry/app:good-2' }],
    });
    beforeAll(() => sandbox.start());
    afterAll(() => sandbox.stop());

    it('builds clients that read the service, with the token registered as a secret', async () => {
      const { provider: _provider, ...given } = sandbox.guardInputs();
      const context = testContext({ clock });
      const read = async (): Promise<number> => {
        switch (name) {
          case 'railway': {
            const { clients } = connect(PROVIDERS.railway, given, context);
            return (await clients.railway.snapshot(clients.scope, 10)).deployments.length;
          }
          case 'render': {
            const { clients } = connect(PROVIDERS.render, given, context);
            return (await clients.render.listDeploys({ max: 10 })).deploys.length;
          }
          case 'fly': {
            const { clients } = connect(PROVIDERS.fly, given, context);
            expect((await clients.machines.list()).length).toBeGreaterThan(0);
            return (await clients.releases.page(10)).releases.length;
          }
        }
      };
      expect(await read()).toBe(2);
      expect(context.secrets.redact(`token ${TOKEN}`)).toBe('token ***');
    });
  });
});
