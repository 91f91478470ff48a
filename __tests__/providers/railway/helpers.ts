/** Shared set-up for the Railway tests: a sandbox and a provider that share one ManualClock. */
import { testContext, type RecordingLogger } from '../../../__fixtures__/context.js';
import { ManualClock } from '../../../src/core/clock.js';
import type { FetchLike } from '../../../src/core/http.js';
import { runRollback, type RollbackOptions, type RollbackResult } from '../../../src/providers/flow.js';
import { createRailwayProvider, type RailwayProvider } from '../../../src/providers/railway/provider.js';
import { RailwaySandbox, type RailwaySandboxOptions } from '../../../src/sandbox/railway.js';
import type { SandboxRequest } from '../../../src/sandbox/server.js';

/** [good, good, bad(live)], oldest first. */
export const GOOD_GOOD_BAD = [{ artifact: 'good-1' }, { artifact: 'good-2' }, { artifact: 'bad-3' }];

export interface RailwayWorld {
  clock: ManualClock;
  sandbox: RailwaySandbox;
  log: RecordingLogger;
  provider(extra?: { target?: string; tokenType?: 'account' | 'project'; token?: string }): RailwayProvider;
  run(options?: Partial<RollbackOptions>): Promise<RollbackResult>;
}

/** A started sandbox (stop it with `sandbox.stop()`), and a way to run the flow against it. */
export async function railwayWorld(
  options: Partial<RailwaySandboxOptions> = {},
  deps: { fetch?: FetchLike } = {},
): Promise<RailwayWorld> {
  const clock = new ManualClock();
  const sandbox = new RailwaySandbox({ clock, history: GOOD_GOOD_BAD, ...options });
  await sandbox.start();
  const { log, secrets, http } = testContext({ clock, fetch: deps.fetch, secretValues: [sandbox.token] });
  const provider: RailwayWorld['provider'] = (extra = {}) =>
    createRailwayProvider(
      {
        apiUrl: sandbox.apiUrl,
        token: extra.token ?? sandbox.token,
        tokenType: extra.tokenType ?? sandbox.tokenType,
        serviceId: sandbox.serviceId,
        environmentId: sandbox.environmentId,
        target: extra.target,
      },
      { http, clock, log, secrets },
    );
  return {
    clock,
    sandbox,
    log,
    provider,
    run: (extra = {}) =>
      runRollback(
        provider({ target: extra.target }),
        { wait: true, timeoutMs: 600_000, dryRun: false, ...extra },
        { clock, sleep: clock.sleep, log },
      ),
  };
}

/** The GraphQL root fields a request asked for, e.g. ['deploymentRollback']. */
export function isRollbackMutation(request: SandboxRequest): boolean {
  const query = (request.json as { query?: unknown } | undefined)?.query;
  return typeof query === 'string' && /^\s*mutation\b/.test(query) && query.includes('deploymentRollback');
}

/** The ids of the sandbox's deployments, oldest first. */
export function idsOldestFirst(sandbox: RailwaySandbox): string[] {
  return sandbox
    .list()
    .map((d) => d.id)
    .reverse();
}
