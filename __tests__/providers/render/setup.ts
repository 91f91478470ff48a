/**
 * Shared set-up for the Render tests: a simulated Render service on a real socket, and the provider
 * pointed at it, both on one ManualClock (the flow's sleeps move time, so a rollback goes live after
 * a few polls without any real waiting).
 */
import { recordingLogger, type RecordingLogger } from '../../../__fixtures__/context.js';
import { ManualClock } from '../../../src/core/clock.js';
import { HttpClient } from '../../../src/core/http.js';
import { Secrets } from '../../../src/core/secrets.js';
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

export interface Harness {
  clock: ManualClock;
  secrets: Secrets;
  http: HttpClient;
  log: RecordingLogger;
  retries: string[];
}

export function harness(clock: ManualClock): Harness {
  const secrets = new Secrets();
  secrets.add(TOKEN);
  const retries: string[] = [];
  const http = new HttpClient({
    fetch: (input, init) => fetch(input, init),
    clock,
    sleep: clock.sleep,
    random: () => 0.5,
    secrets,
    onRetry: (event) => retries.push(`${event.cause}: ${event.detail} (${event.delayMs} ms)`),
  });
  return { clock, secrets, http, log: recordingLogger(), retries };
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

/** The flow's dependencies on the harness clock. */
export const flowDeps = (h: Harness) => ({ clock: h.clock, sleep: h.clock.sleep, log: h.log });
