// The guard's provider inputs, checked through the provider registry before anything happens.
import { memoryHost, testDeps } from '../../__fixtures__/context.js';
import { guardAction } from '../../src/actions/guard/main.js';
import { executeAction } from '../../src/core/action.js';

async function guardErrors(inputs: Record<string, string>): Promise<string[]> {
  const host = memoryHost({ RUNNER_TEMP: process.env.TMPDIR ?? '/tmp' });
  const outcome = await executeAction(guardAction, inputs, host, testDeps());
  expect(outcome.exitCode).toBe(1);
  return host.log.lines.filter((line) => line.startsWith('error: guard: input'));
}

describe("the guard's provider inputs", () => {
  const render = {
    provider: 'render',
    token: 'rnd_key',
    service: 'srv-d0example',
    // Nothing listens here: a request would fail the run differently from the input errors.
    url: 'http://127.0.0.1:9/health',
  };

  it('refuses, by name, inputs the chosen provider does not take; defaults count as not given', async () => {
    const errors = await guardErrors({
      ...render,
      environment: 'production',
      'token-type': 'account',
      strategy: 'immediate',
      'graphql-url': 'https://api.fly.io/graphql',
    });
    expect(errors).toEqual([
      "error: guard: input 'environment' does not apply to Render; leave it empty",
      "error: guard: input 'strategy' does not apply to Render; leave it empty",
    ]);
  });

  it("checks the provider's own inputs under the guard's names", async () => {
    const errors = await guardErrors({
      ...render,
      provider: 'fly',
      service: 'My App!',
      strategy: 'sideways',
      'disable-auto-deploy': 'false',
    });
    expect(errors).toEqual([
      expect.stringMatching(/^error: guard: input 'service' 'My App!' is not a Fly app name/),
      expect.stringMatching(/^error: guard: input 'strategy' 'sideways' is not one of rolling, immediate/),
      "error: guard: input 'disable-auto-deploy' does not apply to Fly.io; leave it empty",
    ]);
  });
});
