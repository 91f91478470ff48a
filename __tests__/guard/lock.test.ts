import { FakeGitHub } from '../../__fixtures__/github-api.js';
import { recordingLogger } from '../../__fixtures__/context.js';
import { ManualClock } from '../../src/core/clock.js';
import { githubClient, repoContextFromEnv } from '../../src/guard/github.js';
import { lockRefName, RollbackLock, LOCK_STALE_MS } from '../../src/guard/lock.js';

describe('the rollback lock (a git ref created through the GitHub API)', () => {
  let github: FakeGitHub;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 10, 24, 3, 0, 0));
    github = new FakeGitHub('acme', 'shop', 'a'.repeat(40), () => clock.now());
    await github.start();
  });
  afterEach(async () => github.stop());

  const lock = () => {
    const repo = repoContextFromEnv(github.env())!;
    return new RollbackLock(githubClient('ghs_token', repo, fetch), repo, 'render', 'srv-123', {
      clock,
      sleep: clock.sleep,
      log: recordingLogger(),
    });
  };

  it('names the ref after the provider and service, safe for git', () => {
    expect(lockRefName('railway', 'svc/with spaces..x')).toBe(
      'rollback-guard/lock-railway-svc-with-spaces-x',
    );
  });

  it('lets exactly one of two runs deciding at the same moment take it, and releases it', async () => {
    const first = lock();
    const second = lock();
    const [a, b] = await Promise.all([first.acquire(), second.acquire()]);
    expect([a.acquired, b.acquired].sort()).toEqual([false, true]);
    const loser = a.acquired ? b : a;
    expect(loser).toMatchObject({
      acquired: false,
      holder: { description: 'https://github.example/acme/shop/actions/runs/4242' },
    });
    expect([...github.refs.keys()]).toEqual(['refs/heads/rollback-guard/lock-render-srv-123']);

    await (a.acquired ? first : second).release();
    expect(github.refs.size).toBe(0);
  });

  it('does not release a lock that another run holds', async () => {
    github.holdLock('rollback-guard/lock-render-srv-123', new Date(clock.now()).toISOString());
    const mine = lock();
    expect((await mine.acquire()).acquired).toBe(false);
    await mine.release();
    expect(github.refs.size).toBe(1);
  });

  it('breaks a lock older than 30 minutes', async () => {
    github.holdLock(
      'rollback-guard/lock-render-srv-123',
      new Date(clock.now() - LOCK_STALE_MS - 1000).toISOString(),
    );
    const result = await lock().acquire();
    expect(result).toMatchObject({
      acquired: true,
      brokeStale: { description: 'https://github.example/acme/shop/actions/runs/1' },
    });
  });

  it('waits for the holder to release it, within the deadline', async () => {
    github.holdLock('rollback-guard/lock-render-srv-123', new Date(clock.now()).toISOString());
    let sleeps = 0;
    const repo = repoContextFromEnv(github.env())!;
    const waiting = new RollbackLock(githubClient('ghs_token', repo, fetch), repo, 'render', 'srv-123', {
      clock,
      // The holder finishes while we wait: its ref goes away during our second wait.
      sleep: async (ms) => {
        if (++sleeps === 2) github.refs.clear();
        await clock.sleep(ms);
      },
      log: recordingLogger(),
    });
    expect(await waiting.waitForRelease(clock.now() + 60_000, 10_000)).toBe('released');
    expect(sleeps).toBe(2);

    github.holdLock('rollback-guard/lock-render-srv-123', new Date(clock.now()).toISOString());
    const started = clock.now();
    expect(await lock().waitForRelease(clock.now() + 30_000, 10_000)).toBe('timed-out');
    expect(clock.now() - started).toBe(30_000);
  });
});
