/**
 * A world for guard tests: a simulated provider with deployments [good, good, bad(live)], the demo
 * app behind it (healthy or broken by what is live), a shared ManualClock so nothing waits for real,
 * and the guard inputs that point at both.
 */
import { ManualClock } from '../src/core/clock.js';
import { DemoApp } from '../src/sandbox/demo-app.js';
import { createProviderSandbox } from '../src/sandbox/index.js';
import type { ProviderSandbox, ProviderSandboxOptions, SandboxProviderName } from '../src/sandbox/types.js';
import { testDeps } from './context.js';

export const SANDBOX_TOKEN = 'tok_sandbox_s3cr3t_value';

export interface World {
  clock: ManualClock;
  sandbox: ProviderSandbox;
  app: DemoApp;
  deps: ReturnType<typeof testDeps>;
  /** Guard inputs for this world (fast intervals). */
  inputs: Record<string, string>;
  stop(): Promise<void>;
}

export const GOOD_BAD_HISTORY = [
  { artifact: 'registry/app:good-1', commit: '1111111111111111111111111111111111111111' },
  { artifact: 'registry/app:good-2', commit: '2222222222222222222222222222222222222222' },
  { artifact: 'registry/app:bad-3', commit: '3333333333333333333333333333333333333333' },
];

export async function startWorld(
  provider: SandboxProviderName,
  options: Partial<ProviderSandboxOptions> & { databaseHealthy?: () => boolean | Promise<boolean> } = {},
): Promise<World> {
  const clock = new ManualClock(Date.UTC(2026, 10, 24, 3, 0, 0));
  const sandbox = createProviderSandbox(provider, {
    clock,
    buildDelayMs: 3000,
    token: SANDBOX_TOKEN,
    history: GOOD_BAD_HISTORY,
    ...options,
  });
  await sandbox.start();
  const app = new DemoApp({
    liveArtifact: () => sandbox.liveArtifact(),
    databaseHealthy: options.databaseHealthy,
  });
  await app.start();
  return {
    clock,
    sandbox,
    app,
    deps: testDeps(clock),
    inputs: {
      ...sandbox.guardInputs(),
      url: `${app.url}/api/health`,
      interval: '1s',
      window: '60s',
      'verify-samples': '5',
      'verify-interval': '1s',
      'verify-timeout': '2m',
    },
    async stop() {
      await app.stop();
      await sandbox.stop();
    },
  };
}
