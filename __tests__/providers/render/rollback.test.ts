/**
 * The shared rollback flow on the Render provider, against the simulated Render API over real
 * sockets, on one ManualClock: no test waits for real.
 */
import { ManualClock } from '../../../src/core/clock.js';
import { runRollback, type RollbackOptions } from '../../../src/providers/flow.js';
import type { RenderSandbox, RenderSandboxOptions } from '../../../src/sandbox/render.js';
import { harness, retryLines, providerFor, startSandbox, type Harness } from './setup.js';
import type { RenderProviderConfig } from '../../../src/providers/render/provider.js';

const options = (extra: Partial<RollbackOptions> = {}): RollbackOptions => ({
  wait: true,
  timeoutMs: 600_000,
  dryRun: false,
  ...extra,
});

describe('rolling back a Render service', () => {
  let sandbox: RenderSandbox;
  let h: Harness;
  const start = async (extra: Partial<RenderSandboxOptions> = {}) => {
    const clock = new ManualClock();
    sandbox = await startSandbox({ clock, ...extra });
    h = harness(clock);
  };
  const rollback = (extra: Partial<RollbackOptions> = {}, provider: Partial<RenderProviderConfig> = {}) =>
    runRollback(providerFor(sandbox, h, provider), options(extra), h);
  const ids = () => sandbox.list().map((d) => d.id);
  const mutating = () => sandbox.mutatingRequests().map((r) => `${r.method} ${r.path}`);

  afterEach(async () => sandbox?.stop());

  it('[good, good, bad(live)]: rolls back to the middle one with one request, waits until live, turns auto-deploy off', async () => {
    await start();
    const [bad, middle] = ids();
    const result = await rollback();
    expect(result).toMatchObject({ status: 'rolled-back', requests: 1 });
    expect([result.from?.id, result.to?.id]).toEqual([bad, middle]);
    expect(result.deploymentId).toBe(sandbox.list()[0]!.id);
    expect(sandbox.list()[0]).toMatchObject({ rollback: true, status: 'live', artifact: 'v2-good' });
    expect(sandbox.liveArtifact()).toBe('v2-good');
    expect(sandbox.autoDeploy).toBe('no');
    expect(mutating()).toEqual([
      `POST /v1/services/${sandbox.serviceId}/rollback`,
      `PATCH /v1/services/${sandbox.serviceId}`,
    ]);
    expect(sandbox.mutatingRequests()[0]?.json).toEqual({ deployId: middle });
    // Polled at once (building), after 2 s (building), after 3 more (live at 5 s).
    expect(h.clock.sleeps).toEqual([2_000, 3_000]);
    expect(result.durationMs).toBe(5_000);
    expect(result.notes[0]).toBe(
      "Auto-deploy was on; turned it off so the next push to main does not undo the rollback. Turn it back on in the service's Settings once a fix is deployed.",
    );
    expect(result.details).toMatchObject({
      renderService: { id: sandbox.serviceId, autoDeploy: 'on', branch: 'main', disk: false },
      renderHistory: { deploysRead: 3, truncated: false },
    });
  });

  it('run again right after, it reports already-live and sends nothing', async () => {
    await start();
    const middle = ids()[1];
    await rollback();
    const before = sandbox.mutatingRequests().length;
    const again = await rollback();
    expect(again).toMatchObject({ status: 'already-live', requests: 0 });
    expect(again.to?.id).toBe(middle);
    expect(again.message).toMatch(
      /is a rollback to dep-sbx0002 \(commit [0-9a-f]{7}\); going further back needs an explicit target/,
    );
    expect(sandbox.mutatingRequests()).toHaveLength(before);
  });

  it('dry run: plans the rollback and the auto-deploy change, and the API sees no mutating request', async () => {
    await start();
    const result = await rollback({ dryRun: true });
    expect(result).toMatchObject({ status: 'planned', requests: 0 });
    expect(result.plan).toEqual([
      `POST /services/${sandbox.serviceId}/rollback {"deployId":"${ids()[1]}"}`,
      `PATCH /services/${sandbox.serviceId} {"autoDeploy":"no"}`,
    ]);
    expect(mutating()).toEqual([]);
    expect(sandbox.liveArtifact()).toBe('v3-bad');
  });

  it('under 429s (Retry-After and Ratelimit-Reset) and bursts of 5xx, the API still sees exactly one rollback request', async () => {
    await start({ deployWritesPerMinute: 1 });
    // Someone used up the minute's deploy-type writes 20 s ago: Render answers 429 with Ratelimit-Reset 40.
    h.clock.advance(1);
    sandbox.deploy({ artifact: 'unrelated' });
    await fetch(`${sandbox.apiUrl}/services/${sandbox.serviceId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${sandbox.token}` },
      body: '{}',
    });
    h.clock.advance(20_000);
    sandbox.server
      .inject({ kind: 'server-error', times: 3, when: (r) => r.method === 'GET' })
      .inject({ kind: 'rate-limit', retryAfterSeconds: 2, times: 2, when: (r) => r.method === 'POST' })
      .inject({ kind: 'server-error', status: 502, times: 2, when: (r) => r.path.includes('/deploys/') });
    const result = await rollback();
    expect(result).toMatchObject({ status: 'rolled-back', requests: 1 });
    expect(sandbox.rollbackRequests()).toBe(1);
    const posts = sandbox.server.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.faulted ?? 'answered')).toEqual([
      'rate-limit',
      'rate-limit',
      'answered',
      'answered',
    ]);
    expect(
      sandbox.exchanges.filter((e) => e.request.method === 'POST').map((e) => e.response.status),
    ).toEqual([429, 201]);
    expect(retryLines(h).filter((r) => r.startsWith('rate-limited'))).toEqual([
      'rate-limited: HTTP 429, asked to wait 2000 ms (2000 ms)',
      'rate-limited: HTTP 429, asked to wait 2000 ms (2000 ms)',
      'rate-limited: HTTP 429, asked to wait 35000 ms (35000 ms)',
      // The PATCH of auto-deploy shares Render's deploy-type limit with the rollback it follows.
      'rate-limited: HTTP 429, asked to wait 55000 ms (55000 ms)',
    ]);
    expect(sandbox.autoDeploy).toBe('no');
    expect(retryLines(h).filter((r) => r.startsWith('server-error'))).toHaveLength(5);
  });

  it('a rollback that fails on Render is failed, leaves auto-deploy alone, and says where to look', async () => {
    await start({ rollbackBehaviour: 'fail' });
    const result = await rollback();
    expect(result).toMatchObject({ status: 'failed', requests: 1 });
    expect(result.message).toMatch(
      /ended failed \(update_failed: see the deploy's logs in the Render Dashboard; the old build did not start/,
    );
    expect(sandbox.liveArtifact()).toBe('v3-bad');
    expect(sandbox.autoDeploy).toBe('yes');
  });

  it('a rollback that never goes live times out, having polled with growing intervals', async () => {
    await start({ rollbackBehaviour: 'never-live' });
    const result = await rollback({ timeoutMs: 60_000 });
    expect(result).toMatchObject({ status: 'timed-out', requests: 1, durationMs: 60_000 });
    expect(result.message).toMatch(/was not live within 60 s \(last status: update_in_progress\)/);
    expect(h.clock.sleeps.slice(0, 4)).toEqual([2_000, 3_000, 4_500, 6_750]);
  });

  it("waits for someone else's rollback in progress instead of sending another, and reports what it became", async () => {
    await start();
    const middle = ids()[1];
    const theirs = await fetch(`${sandbox.apiUrl}/services/${sandbox.serviceId}/rollback`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ deployId: middle }),
    });
    const created = (await theirs.json()) as { id: string };
    const result = await rollback();
    expect(result).toMatchObject({ status: 'already-live', requests: 0, waitedFor: { became: 'live' } });
    expect(result.waitedFor?.deployment.id).toBe(created.id);
    expect(sandbox.rollbackRequests()).toBe(1);
  });

  it('an explicit target is rolled back to; an expired one is refused by Render with a clear failure', async () => {
    await start();
    const oldest = ids()[2];
    expect((await rollback({ target: oldest })).to?.id).toBe(oldest);
    expect(sandbox.liveArtifact()).toBe('v1-good');
    await sandbox.stop();

    await start({ retainedBuilds: 2 });
    const result = await rollback({ target: ids()[2] });
    expect(result).toMatchObject({ status: 'failed', requests: 1, hint: undefined });
    expect(result.message).toMatch(
      /The rollback request to Render failed: .*HTTP 400: the build of deploy dep-sbx0001 is no longer available for rollback\. Render refused to roll back to dep-sbx0001\. The usual cause is that its build artifact is no longer retained/,
    );
    expect(sandbox.liveArtifact()).toBe('v3-bad');
  });

  it('a 5xx answer to the rollback request is not repeated: the run fails and says to check the dashboard', async () => {
    await start();
    sandbox.server.inject({ kind: 'server-error', when: (r) => r.method === 'POST' });
    const result = await rollback();
    expect(result).toMatchObject({ status: 'failed', requests: 1 });
    expect(sandbox.server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(result.hint).toMatch(/Check the provider dashboard before running again/);
  });

  it('with disable-auto-deploy false it leaves auto-deploy on and warns; an already-off setting is left alone', async () => {
    await start();
    const kept = await rollback({}, { disableAutoDeploy: false });
    expect(kept.notes[0]).toBe(
      'Auto-deploy is on and was left as it is (disable-auto-deploy: false): the next push to main will deploy over this rollback.',
    );
    expect(sandbox.autoDeploy).toBe('yes');
    expect(mutating().filter((m) => m.startsWith('PATCH'))).toEqual([]);
    const keeping = providerFor(sandbox, h, { disableAutoDeploy: false });
    expect(
      keeping.summarySection((await runRollback(keeping, options({ dryRun: true }), h)).details),
    ).toContain('| Auto-deploy | on: not changed (disable-auto-deploy: false) |');
    await sandbox.stop();

    await start({ autoDeploy: false });
    const off = await rollback();
    expect(off.notes[0]).toBe('Auto-deploy was already off; left as it is.');
    expect(mutating().filter((m) => m.startsWith('PATCH'))).toEqual([]);
    expect((await rollback({ dryRun: true, target: ids()[3] })).plan).toHaveLength(1);
  });

  it('says that a persistent disk is not rolled back and costs zero-downtime', async () => {
    await start({ disk: true });
    const result = await rollback();
    expect(result.notes).toContain(
      'The service has a persistent disk (/var/data): its data was not rolled back (use restore-db for a SQLite file on it), and Render deploys services with a disk without zero downtime.',
    );
  });

  it('a failure to turn auto-deploy off is a warning, not a failed rollback', async () => {
    await start();
    sandbox.server.inject({ kind: 'server-error', when: (r) => r.method === 'PATCH' });
    const provider = providerFor(sandbox, h);
    const result = await runRollback(provider, options(), h);
    expect(provider.summarySection(result.details)).toContain(
      '| Auto-deploy | on: turning it off failed (see the warning above) |',
    );
    expect(result.status).toBe('rolled-back');
    expect(result.notes[0]).toMatch(
      /^Warning: turn Render auto-deploy off for srv-sandbox0001 failed: HTTP 503/,
    );
    expect(
      h.log.lines.some((line) => line.startsWith('warning: Render: Warning: turn Render auto-deploy off')),
    ).toBe(true);
  });

  it('a push that replaces the rollback before it was seen live makes the rollback failed, not success', async () => {
    await start();
    const provider = providerFor(sandbox, h);
    const original = provider.pollRollback.bind(provider);
    let polls = 0;
    provider.pollRollback = async (handle, context) => {
      polls += 1;
      if (polls === 2) {
        // The rollback went live at 5 s; a push lands and goes live before the next poll.
        h.clock.advance(5_000);
        sandbox.deploy({ artifact: 'v4-pushed' });
        h.clock.advance(5_000);
      }
      return original(handle, context);
    };
    const result = await runRollback(provider, options(), h);
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/replaced by a newer deploy \(a push with auto-deploy on\?\)/);
    expect(sandbox.liveArtifact()).toBe('v4-pushed');
  });
});
