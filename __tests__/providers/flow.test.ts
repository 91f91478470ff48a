import { recordingLogger, timeline } from '../../__fixtures__/context.js';
import { ManualClock } from '../../src/core/clock.js';
import { ProviderError } from '../../src/core/errors.js';
import { annotateRollbacks, assess, effectiveId } from '../../src/providers/assess.js';
import { runRollback, type RollbackOptions } from '../../src/providers/flow.js';
import type {
  Deployment,
  ProviderSnapshot,
  RollbackProgress,
  RollbackProvider,
} from '../../src/providers/types.js';

const nextMinute = timeline(60_000);
function deployment(id: string, state: Deployment['state'], extra: Partial<Deployment> = {}): Deployment {
  return {
    id,
    label: id,
    createdAt: nextMinute(),
    state,
    status: state,
    wasLive: state === 'live' || state === 'superseded',
    canRollback: true,
    artifact: `image-${id}`,
    isRollback: false,
    ...extra,
  };
}

/** [good, good, bad(live)], newest first. */
function history(): Deployment[] {
  const a = deployment('a', 'superseded');
  const b = deployment('b', 'superseded');
  const c = deployment('c', 'live');
  return [c, b, a];
}

/** An in-memory provider whose rollbacks go live after `pollsUntilLive` polls. */
class FakeProvider implements RollbackProvider {
  readonly name = 'render' as const;
  readonly title = 'Fake';
  requests: string[] = [];
  reads = 0;
  outcome: RollbackProgress['state'] = 'live';
  pollsUntilLive = 2;
  polls = 0;
  pollErrors = 0;
  /** Called on each read, to change the world between reads. */
  onRead?: (reads: number) => void;
  after: string[] = [];

  constructor(public deployments: Deployment[]) {}

  live(): Deployment | undefined {
    return this.deployments.find((d) => d.state === 'live');
  }
  async read(): Promise<ProviderSnapshot> {
    this.reads += 1;
    this.onRead?.(this.reads);
    return { deployments: [...this.deployments], live: this.live() };
  }
  plannedCalls(target: Deployment): string[] {
    return [`POST /rollback ${target.id}`];
  }
  async requestRollback(target: Deployment): Promise<{ deploymentId: string; requestedAt: number }> {
    this.requests.push(target.id);
    const created = deployment(`r${this.requests.length}`, 'in-progress', {
      isRollback: true,
      artifact: target.artifact,
      wasLive: false,
    });
    this.deployments.unshift(created);
    return { deploymentId: created.id, requestedAt: 0 };
  }
  async pollRollback(handle: { deploymentId?: string }): Promise<RollbackProgress> {
    return this.pollDeployment(handle.deploymentId as string);
  }
  async pollDeployment(id: string): Promise<RollbackProgress> {
    if (this.pollErrors > 0) {
      this.pollErrors -= 1;
      throw new ProviderError('poll failed: HTTP 503', { status: 503, retryable: true });
    }
    this.polls += 1;
    const d = this.deployments.find((x) => x.id === id) as Deployment;
    if (this.polls >= this.pollsUntilLive && d.state === 'in-progress') {
      if (this.outcome === 'live') {
        for (const other of this.deployments)
          if (other.state === 'live') Object.assign(other, { state: 'superseded' });
        Object.assign(d, { state: 'live', wasLive: true, status: 'live' });
      } else {
        Object.assign(d, { state: this.outcome, status: this.outcome });
      }
    }
    const state =
      d.state === 'live'
        ? 'live'
        : d.state === 'failed'
          ? 'failed'
          : d.state === 'canceled'
            ? 'canceled'
            : 'in-progress';
    return { state, status: d.status, deploymentId: d.id };
  }
  async afterRollbackRequested(): Promise<string[]> {
    this.after.push('auto-deploy off');
    return ['Auto-deploy turned off.'];
  }
}

const options = (extra: Partial<RollbackOptions> = {}): RollbackOptions => ({
  wait: true,
  timeoutMs: 600_000,
  dryRun: false,
  ...extra,
});
const deps = (clock = new ManualClock()) => ({ clock, sleep: clock.sleep, log: recordingLogger() });

describe('the rollback flow', () => {
  it('rolls [good, good, bad(live)] back to the middle one, with one request, and waits until live', async () => {
    const provider = new FakeProvider(history());
    const clock = new ManualClock();
    const result = await runRollback(provider, options(), deps(clock));
    expect(result).toMatchObject({ status: 'rolled-back', requests: 1, deploymentId: 'r1' });
    expect(result.from?.id).toBe('c');
    expect(result.to?.id).toBe('b');
    expect(provider.requests).toEqual(['b']);
    expect(provider.after).toEqual(['auto-deploy off']);
    expect(result.notes).toEqual(['Auto-deploy turned off.']);
    // Polled at once, then after 2 s: backoff, not a busy loop.
    expect(clock.sleeps).toEqual([2000]);
    expect(result.durationMs).toBe(2000);
  });

  it('reports already-live on a second run: a rollback deployment counts as the one it restored', async () => {
    const provider = new FakeProvider(history());
    await runRollback(provider, options(), deps());
    const again = await runRollback(provider, options(), deps());
    expect(again).toMatchObject({ status: 'already-live', requests: 0 });
    expect(again.to?.id).toBe('b');
    expect(provider.requests).toEqual(['b']);
  });

  it('recognises a rollback by its artifact when the provider does not mark it', async () => {
    const [c, b, a] = history();
    const rollback = deployment('d', 'live', { artifact: b!.artifact });
    Object.assign(c!, { state: 'superseded' });
    const provider = new FakeProvider([rollback, c!, b!, a!]);
    const result = await runRollback(provider, options(), deps());
    expect(result).toMatchObject({ status: 'already-live', requests: 0 });
    expect(result.message).toMatch(/is a rollback to b/);
  });

  it('skips deployments that were never live or whose artifact is gone, and says what it found when none is left', async () => {
    const a = deployment('a', 'superseded', {
      canRollback: false,
      ineligibleReason: 'image expired (Free plan keeps 24 h)',
    });
    const b = deployment('b', 'failed');
    const c = deployment('c', 'live');
    const provider = new FakeProvider([c, b, a]);
    const result = await runRollback(provider, options(), deps());
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(
      /no known good deployment older than the live one \(c\): found 2: b \(failed: it was never live \(failed\)\), a \(superseded: image expired/,
    );
    expect(provider.requests).toEqual([]);
  });

  it('uses an explicit target, and refuses one that is missing or ineligible', async () => {
    const provider = new FakeProvider(history());
    expect((await runRollback(provider, options({ target: 'a' }), deps())).to?.id).toBe('a');

    const missing = await runRollback(new FakeProvider(history()), options({ target: 'zzz' }), deps());
    expect(missing).toMatchObject({ status: 'failed', requests: 0 });
    expect(missing.message).toMatch(/the target 'zzz' is not among the deployments: found 3/);

    const list = history();
    Object.assign(list[2]!, { canRollback: false });
    const gone = await runRollback(new FakeProvider(list), options({ target: 'a' }), deps());
    expect(gone.message).toMatch(/the target a cannot be rolled back to/);
  });

  it('an explicit target that is already live is already-live', async () => {
    const result = await runRollback(new FakeProvider(history()), options({ target: 'c' }), deps());
    expect(result).toMatchObject({ status: 'already-live', requests: 0 });
  });

  it('dry run: plans from, to and the calls, and sends nothing', async () => {
    const provider = new FakeProvider(history());
    const result = await runRollback(provider, options({ dryRun: true }), deps());
    expect(result).toMatchObject({ status: 'planned', requests: 0, plan: ['POST /rollback b'] });
    expect(provider.requests).toEqual([]);
    expect(result.message).toMatch(/from c to b/);
  });

  it('waits for a newer deployment in progress instead of rolling back, and reports what it became', async () => {
    const list = history();
    const other = deployment('other-rollback', 'in-progress', {
      artifact: 'image-b',
      isRollback: true,
      wasLive: false,
    });
    const provider = new FakeProvider([other, ...list]);
    const result = await runRollback(provider, options(), deps());
    expect(result).toMatchObject({ status: 'already-live', requests: 0 });
    expect(result.waitedFor).toMatchObject({ became: 'live' });
    expect(provider.requests).toEqual([]);
  });

  it('when the deployment it waited for fails, it reports that and still sends nothing', async () => {
    const list = history();
    const other = deployment('someone-else', 'in-progress', { wasLive: false });
    const provider = new FakeProvider([other, ...list]);
    provider.outcome = 'failed';
    const result = await runRollback(provider, options(), deps());
    expect(result).toMatchObject({ status: 'failed', requests: 0 });
    expect(result.message).toMatch(/someone-else that was in progress ended failed/);
  });

  it('re-reads right before the request: a rollback started meanwhile by another run is waited for, not repeated', async () => {
    const provider = new FakeProvider(history());
    provider.onRead = (reads) => {
      if (reads === 2)
        provider.deployments.unshift(
          deployment('their-rollback', 'in-progress', {
            artifact: 'image-b',
            isRollback: true,
            wasLive: false,
          }),
        );
    };
    const result = await runRollback(provider, options(), deps());
    expect(provider.requests).toEqual([]);
    expect(result).toMatchObject({ status: 'already-live', requests: 0 });
  });

  it('a failed or canceled rollback is failed, never success', async () => {
    for (const outcome of ['failed', 'canceled'] as const) {
      const provider = new FakeProvider(history());
      provider.outcome = outcome;
      const result = await runRollback(provider, options(), deps());
      expect(result).toMatchObject({ status: 'failed', requests: 1 });
      expect(result.message).toMatch(new RegExp(`ended ${outcome}`));
      expect(provider.after).toEqual([]);
    }
  });

  it('times out when the rollback never goes live, having polled with growing intervals', async () => {
    const provider = new FakeProvider(history());
    provider.pollsUntilLive = Infinity;
    const clock = new ManualClock();
    const result = await runRollback(provider, options({ timeoutMs: 60_000 }), deps(clock));
    expect(result).toMatchObject({ status: 'timed-out', requests: 1 });
    expect(result.durationMs).toBe(60_000);
    expect(clock.sleeps.slice(0, 5)).toEqual([2000, 3000, 4500, 6750, 10125]);
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(15_000);
  });

  it('keeps polling through retryable provider errors', async () => {
    const provider = new FakeProvider(history());
    provider.pollErrors = 2;
    const result = await runRollback(provider, options(), deps());
    expect(result).toMatchObject({ status: 'rolled-back', requests: 1 });
    expect(result.events.map((e) => e.message).join('\n')).toMatch(/polling failed, will retry/);
  });

  it('does not wait with wait: false', async () => {
    const provider = new FakeProvider(history());
    const result = await runRollback(provider, options({ wait: false }), deps());
    expect(result).toMatchObject({ status: 'rolled-back', requests: 1 });
    expect(provider.polls).toBe(0);
    expect(result.message).toMatch(/not waiting/);
  });

  it('reports a provider that cannot be read as failed with its message', async () => {
    const provider = new FakeProvider(history());
    provider.read = async () => {
      throw new ProviderError('list deploys failed: HTTP 401', {
        status: 401,
        retryable: false,
        hint: 'The token was refused',
      });
    };
    const result = await runRollback(provider, options(), deps());
    expect(result).toMatchObject({ status: 'failed', requests: 0 });
    expect(result.message).toMatch(/Fake API error: list deploys failed: HTTP 401. The token was refused/);
  });

  it('keeps the stack of an error no code expected in the debug log, and only of that one', async () => {
    const provider = new FakeProvider(history());
    provider.read = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'id')");
    };
    const unexpected = await runWithDebug(provider);
    expect(unexpected.result).toMatchObject({ status: 'failed', requests: 0 });
    expect(unexpected.result.hint).toMatch(/^Run again/);
    expect(unexpected.debug).toEqual([
      expect.stringMatching(
        /^debug: Fake: TypeError: Cannot read properties of undefined \(reading 'id'\)\n\s+at /,
      ),
    ]);

    provider.read = async () => {
      throw new ProviderError('list deploys failed: HTTP 401', { status: 401, retryable: false });
    };
    expect((await runWithDebug(provider)).debug).toEqual([]);
  });

  it('keeps the stack of an unexpected error in the rollback request', async () => {
    const provider = new FakeProvider(history());
    provider.requestRollback = async () => {
      throw new RangeError('Invalid time value');
    };
    const { result, debug } = await runWithDebug(provider);
    expect(result).toMatchObject({ status: 'failed', requests: 1 });
    expect(result.hint).toMatch(/a request that timed out may still have been carried out/);
    expect(debug).toEqual([expect.stringMatching(/^debug: Fake: RangeError: Invalid time value\n\s+at /)]);
  });
});

/** A run of the flow, and the debug lines it logged. */
async function runWithDebug(provider: RollbackProvider) {
  const flowDeps = deps();
  const result = await runRollback(provider, options(), flowDeps);
  return { result, debug: flowDeps.log.lines.filter((line) => line.startsWith('debug: ')) };
}

describe('assess and effectiveId', () => {
  it('follows rollback chains to the deployment they stand for', () => {
    const a = deployment('a', 'superseded');
    const b = deployment('b', 'superseded', { restores: 'a' });
    const c = deployment('c', 'live', { artifact: b.artifact });
    const snapshot = annotateRollbacks({ deployments: [c, b, a], live: c });
    expect(effectiveId(snapshot.live!, snapshot)).toBe('a');
  });

  it('with nothing live and nothing in progress, fails and says so', () => {
    const snapshot = { deployments: [deployment('a', 'failed')] };
    const assessment = assess(snapshot, undefined, () => undefined);
    expect(assessment).toMatchObject({
      kind: 'fail',
      message: expect.stringMatching(/nothing is live: found 1/),
    });
  });
});
