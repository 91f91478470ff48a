/**
 * Shared set-up for the Render tests: a simulated Render service on a real socket, and the provider
 * pointed at it, both on one ManualClock (the flow's sleeps move time, so a rollback goes live after
 * a few polls without any real waiting).
 */
import { testContext, type TestContext } from '../../../__fixtures__/context.js';
import { ManualClock } from '../../../src/core/clock.js';
import { RenderClient } from '../../../src/providers/render/client.js';
import { createRenderProvider, type RenderProviderConfig } from '../../../src/providers/render/provider.js';
import { RenderSandbox, type RenderSandboxOptions } from '../../../src/sandbox/render.js';

/** Looks like a real Render key, so any leak of it is easy to find. */
export const TOKEN = 'rnd_Sec7ret9Render3Key5Value1xyz';

/** [good, good, bad(live)], oldest first. */
export const THREE = [{ artifact: 'v1-good' }, { artifact: 'v2-good' }, { artifact: 'v3-bad' }];

export async function startSandbox(options: Partial<RenderSandboxOptions> = {}): Promise<RenderSandbox> {
  const sandbox = new RenderSandbox({
    clock: new ManualClock(),
    token: TOKEN,
    buildDelayMs: 5_000,
    history: THREE,
    ...options,
  });
  await sandbox.start();
  return sandbox;
}

/** A test context on the sandbox's clock, with the key registered as a secret. */
export type Harness = TestContext;

export function harness(clock: ManualClock): Harness {
  return testContext({ clock, secretValues: [TOKEN] });
}

/** The HTTP client's retries: 'rate-limited: HTTP 429, no Retry-After (250 ms)'. */
export function retryLines(h: Harness): string[] {
  return h.retries.map((event) => `${event.cause}: ${event.detail} (${event.delayMs} ms)`);
}

export function clientFor(sandbox: RenderSandbox, h: Harness, apiKey = TOKEN): RenderClient {
  return new RenderClient({
    http: h.http,
    apiKey,
    serviceId: sandbox.serviceId,
    apiUrl: sandbox.apiUrl,
    secrets: h.secrets,
  });
}

export function providerFor(sandbox: RenderSandbox, h: Harness, extra: Partial<RenderProviderConfig> = {}) {
  return createRenderProvider({
    http: h.http,
    apiKey: TOKEN,
    serviceId: sandbox.serviceId,
    apiUrl: sandbox.apiUrl,
    disableAutoDeploy: true,
    clock: h.clock,
    log: h.log,
    secrets: h.secrets,
    ...extra,
  });
}
