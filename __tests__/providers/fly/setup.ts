/**
 * A simulated Fly app and a FlyProvider pointed at it, sharing one ManualClock: the flow's sleeps,
 * the HTTP client's Retry-After waits and the sandbox's long polls all move the same clock, so a
 * rollout of several machines takes simulated minutes and real milliseconds.
 */
import { testContext, type RecordingLogger } from '../../../__fixtures__/context.js';
import { ManualClock } from '../../../src/core/clock.js';
import type { FetchLike } from '../../../src/core/http.js';
import type { Secrets } from '../../../src/core/secrets.js';
import { runRollback, type RollbackOptions } from '../../../src/providers/flow.js';
import { FlyProvider, type FlyProviderOptions } from '../../../src/providers/fly/provider.js';
import { FlySandbox, type FlySandboxOptions } from '../../../src/sandbox/fly.js';
import type { SandboxRequest } from '../../../src/sandbox/server.js';

export const TOKEN = 'fm2_sandboxSecretMacaroon0123456789';
export const image = (tag: string) => `registry.fly.io/demo:${tag}`;
/** [good, good, bad(live)], oldest first. */
export const HISTORY = [
  { artifact: image('good-1') },
  { artifact: image('good-2') },
  { artifact: image('bad-3') },
];

export interface FlyWorld {
  clock: ManualClock;
  sandbox: FlySandbox;
  log: RecordingLogger;
  secrets: Secrets;
  provider(extra?: Partial<FlyProviderOptions>): FlyProvider;
  run(
    options?: Partial<RollbackOptions>,
    extra?: Partial<FlyProviderOptions>,
  ): Promise<Awaited<ReturnType<typeof runRollback>>>;
  /** Mutating Machines API requests that reached the simulated API (faulted ones included). */
  mutating(): SandboxRequest[];
  stop(): Promise<void>;
}

export async function flyWorld(
  options: Partial<FlySandboxOptions> = {},
  client: { fetch?: FetchLike } = {},
): Promise<FlyWorld> {
  const clock = new ManualClock();
  const sandbox = new FlySandbox({ clock, token: TOKEN, history: HISTORY, ...options });
  await sandbox.start();
  // The HTTP client logs its retries into the world's log, as an action's does.
  const { log, secrets, http } = testContext({ clock, fetch: client.fetch, secretValues: [TOKEN] });
  const provider = (extra: Partial<FlyProviderOptions> = {}) =>
    new FlyProvider({
      app: sandbox.app,
      apiUrl: sandbox.machinesUrl,
      graphqlUrl: sandbox.graphqlUrl,
      token: TOKEN,
      strategy: 'rolling',
      wait: true,
      http,
      clock,
      sleep: clock.sleep,
      log,
      secrets,
      random: () => 0.25,
      ...extra,
    });
  return {
    clock,
    sandbox,
    log,
    secrets,
    provider,
    run: (runOptions = {}, extra = {}) =>
      runRollback(
        provider({ wait: runOptions.wait ?? true, target: runOptions.target, ...extra }),
        { wait: true, timeoutMs: 600_000, dryRun: false, ...runOptions },
        { clock, sleep: clock.sleep, log },
      ),
    mutating: () => sandbox.server.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql'),
    stop: () => sandbox.stop(),
  };
}

/** A POST that takes or extends a machine's lease. */
export const isLeasePost = (r: SandboxRequest): boolean => r.method === 'POST' && r.path.endsWith('/lease');

/** A POST that updates a machine's config. */
export const isMachineUpdate = (r: SandboxRequest): boolean =>
  r.method === 'POST' && /machines\/[0-9a-f]+$/.test(r.path);

/** 'POST lease 148e…', 'POST update 148e…', 'DELETE lease 148e…'. */
export function describeCall(request: SandboxRequest): string {
  const [, , , , , machine, action] = request.path.split('/');
  return `${request.method} ${action ?? 'update'} ${machine ?? ''}`;
}
