/**
 * What only rollback-fly does, through the action in this process and as the built bundle (the
 * scenarios every rollback action shares are in ../conformance.test.ts): the `immediate` strategy
 * running out of time, a deploy token of several macaroons echoed back in part, and leases and
 * machine updates through bursts of 429s and 5xx. The last block checks the token in all of them.
 */
import { bundleWritten, leaks, runInMemory } from '../../../__fixtures__/action-run.js';
import { runBundle, type BundleRun } from '../../../__fixtures__/bundle.js';
import { rollbackFlyAction } from '../../../src/actions/rollback-fly/main.js';
import { ManualClock, systemClock, type Clock } from '../../../src/core/clock.js';
import { FlySandbox, type FlySandboxOptions } from '../../../src/sandbox/fly.js';
import { HISTORY, isLeasePost, isMachineUpdate, TOKEN } from './setup.js';

const BUNDLE = 'dist/rollback-fly/index.js';
/** A deploy token as `fly tokens create deploy` prints it: scheme, then two macaroons. */
const DEPLOY_TOKEN = 'FlyV1 fm2_firstMacaroonAAAA1111,fm2_secondMacaroonBBBB2222';
const SECRETS = [TOKEN, DEPLOY_TOKEN, 'fm2_firstMacaroonAAAA1111', 'fm2_secondMacaroonBBBB2222'];

/** Everything a run wrote that a person or a later step could read. */
const written: { name: string; texts: string[] }[] = [];
const bundleRuns: BundleRun[] = [];

async function startSandbox(clock: Clock, options: Partial<FlySandboxOptions> = {}): Promise<FlySandbox> {
  const sandbox = new FlySandbox({ clock, token: TOKEN, history: HISTORY, ...options });
  await sandbox.start();
  return sandbox;
}

describe('the rollback-fly action (executeAction, in memory)', () => {
  it('exits 1 for a timeout of the immediate strategy, both machines waited for at once', async () => {
    const clock = new ManualClock();
    const sandbox = await startSandbox(clock, { rollbackBehaviour: 'never-live' });
    try {
      const run = await runInMemory(
        rollbackFlyAction,
        { ...sandbox.actionInputs(), timeout: '90s', strategy: 'immediate' },
        clock,
      );
      written.push({ name: 'in-memory timed-out, immediate', texts: run.written });
      expect(run.outcome.exitCode).toBe(1);
      expect(run.host.outputs).toMatchObject({ status: 'timed-out', machines: '2' });
      // Two machines waited for at once: the simulated clock moves at least the 90 s (exactly 90 s
      // unless the two long polls reach the simulated API too far apart to share one clock advance).
      expect(Number(run.host.outputs['duration-ms'])).toBeGreaterThanOrEqual(90_000);
    } finally {
      await sandbox.stop();
    }
  });

  it('redacts a deploy token echoed back whole or one macaroon of it', async () => {
    const clock = new ManualClock();
    const sandbox = await startSandbox(clock);
    sandbox.server.inject({
      kind: 'answer',
      times: Infinity,
      // Only the second macaroon of the deploy token: redacted although it is not the whole input.
      answer: (request) => {
        const second = String(request.headers.authorization).split(',')[1];
        return sandbox.errorAnswer(`upstream rejected ${second} (${request.headers.authorization})`);
      },
    });
    try {
      const run = await runInMemory(
        rollbackFlyAction,
        { ...sandbox.actionInputs(), 'api-token': DEPLOY_TOKEN },
        clock,
      );
      written.push({ name: 'in-memory echoing provider', texts: run.written });
      expect(run.outcome.exitCode).toBe(1);
      expect(run.outcome.failure).toContain('HTTP 500: upstream rejected *** (***)');
      expect(sandbox.server.requests[0]?.headers.authorization).toBe(DEPLOY_TOKEN);
    } finally {
      await sandbox.stop();
    }
  });
});

describe('dist/rollback-fly/index.js under 429s and bursts of 5xx', () => {
  it('still makes exactly one rollback, and releases every lease', async () => {
    const sandbox = await startSandbox(systemClock, { buildDelayMs: 0 });
    try {
      sandbox.server
        .inject({ kind: 'server-error', status: 502, times: 2, when: (r) => r.method === 'GET' })
        .inject({ kind: 'server-error', times: 2, when: (r) => r.path === '/graphql' })
        .inject({ kind: 'rate-limit', retryAfterSeconds: 0, times: 2, when: isLeasePost })
        .inject({ kind: 'rate-limit', retryAfterSeconds: 0, times: 2, when: isMachineUpdate });
      const result = await runBundle(BUNDLE, sandbox.actionInputs());
      bundleRuns.push(result);
      written.push({ name: 'bundle under faults', texts: bundleWritten(result) });
      expect(result.exitCode).toBe(0);
      expect(result.outputs).toMatchObject({ status: 'rolled-back', to: 'v2', machines: '2' });
      expect(sandbox.server.requests.filter((r) => r.faulted)).toHaveLength(8);
      expect(result.lines.filter((l) => /HTTP 429/.test(l))).toHaveLength(4);
      expect(sandbox.rollbackRequests()).toBe(1);
      expect(sandbox.updateRequests()).toHaveLength(2);
      expect(sandbox.machineSummaries().map((m) => m.leasedBy)).toEqual([undefined, undefined]);
    } finally {
      await sandbox.stop();
    }
  });
});

describe('the token', () => {
  it('appears in no output, summary, report or log line of any run above', () => {
    expect(written.map((w) => w.name)).toEqual([
      'in-memory timed-out, immediate',
      'in-memory echoing provider',
      'bundle under faults',
    ]);
    for (const { name, texts } of written) {
      for (const secret of SECRETS)
        expect({ name, secret, leaks: leaks(texts, secret) }).toEqual({ name, secret, leaks: [] });
    }
  });

  it('was masked with the runner in every bundle run', () => {
    expect(bundleRuns).toHaveLength(1);
    for (const run of bundleRuns) expect(run.lines).toContain(`::add-mask::${TOKEN}`);
  });
});
