import type { SandboxRequest } from '../../../src/sandbox/server.js';
import {
  GOOD_GOOD_BAD,
  idsOldestFirst,
  isRollbackMutation,
  railwayWorld,
  type RailwayWorld,
} from './helpers.js';

describe('the Railway provider in the rollback flow, against the simulated Railway', () => {
  let world: RailwayWorld;
  afterEach(async () => world?.sandbox.stop());

  it('rolls [good, good, bad(live)] back to the middle one and waits until it is live', async () => {
    world = await railwayWorld();
    const [, good2, bad3] = idsOldestFirst(world.sandbox);
    const result = await world.run();

    expect(result).toMatchObject({ status: 'rolled-back', requests: 1 });
    expect(result.from?.id).toBe(bad3);
    expect(result.to?.id).toBe(good2);
    const created = world.sandbox.list()[0];
    expect(created).toMatchObject({ state: 'live', status: 'SUCCESS', artifact: 'good-2', rollback: true });
    expect(result.deploymentId).toBe(created?.id);
    expect(world.sandbox.liveArtifact()).toBe('good-2');
    expect(world.sandbox.list().find((d) => d.id === bad3)?.status).toBe('REMOVED');
    expect(world.sandbox.rollbackRequests()).toBe(1);
    // Went live after the build delay (3 s of the shared clock), found by its first polls.
    expect(result.durationMs).toBeGreaterThanOrEqual(3000);
    expect(result.durationMs).toBeLessThan(10_000);
    expect(result.notes.join(' ')).toMatch(/volumes, databases and other services are not rolled back/);
  });

  it('reports already-live on a second run, with no mutating request', async () => {
    world = await railwayWorld();
    await world.run();
    const before = world.sandbox.server.requests.length;
    const again = await world.run();
    expect(again).toMatchObject({ status: 'already-live', requests: 0 });
    expect(again.message).toMatch(/is a rollback to/);
    expect(world.sandbox.server.requests.slice(before).filter(isRollbackMutation)).toEqual([]);
    expect(world.sandbox.rollbackRequests()).toBe(1);
  });

  it('plans without any mutating request on a dry run', async () => {
    world = await railwayWorld();
    const [, good2] = idsOldestFirst(world.sandbox);
    const result = await world.run({ dryRun: true });
    expect(result.status).toBe('planned');
    expect(result.to?.id).toBe(good2);
    expect(result.plan).toEqual([`POST ${world.sandbox.apiUrl} mutation deploymentRollback(id: "${good2}")`]);
    expect(world.sandbox.server.requests.filter(isRollbackMutation)).toEqual([]);
    expect(world.sandbox.liveArtifact()).toBe('bad-3');
  });

  it('sends exactly one rollback request under 429s with Retry-After and bursts of 5xx', async () => {
    world = await railwayWorld();
    const server = world.sandbox.server;
    const operation = (name: string) => (r: SandboxRequest) =>
      String((r.json as { operationName?: unknown } | undefined)?.operationName) === name;
    server
      // A burst of 5xx on the first read, a 429 on the second, 429s on the rollback itself, and a
      // burst of 5xx while polling.
      .inject({ kind: 'server-error', times: 3, status: 502, when: operation('RollbackGuardSnapshot') })
      .inject({
        kind: 'rate-limit',
        times: 1,
        retryAfterSeconds: 1,
        when: operation('RollbackGuardSnapshot'),
      })
      .inject({ kind: 'rate-limit', times: 2, retryAfterSeconds: 7, when: isRollbackMutation })
      .inject({ kind: 'server-error', times: 3, status: 503, when: operation('RollbackGuardDeployment') });
    const result = await world.run();
    expect(result.status).toBe('rolled-back');
    expect(world.sandbox.rollbackRequests()).toBe(1);
    const mutations = server.requests.filter(isRollbackMutation);
    expect(mutations.map((r) => r.faulted ?? 'carried out')).toEqual([
      'rate-limit',
      'rate-limit',
      'carried out',
    ]);
    // Retry-After was honoured on the shared clock.
    expect(world.clock.sleeps).toEqual(expect.arrayContaining([7000, 7000, 1000]));
    expect(server.requests.filter((r) => r.faulted)).toHaveLength(9);
  });

  it('reports failed when the rollback deployment fails, and never retries it', async () => {
    world = await railwayWorld({ rollbackBehaviour: 'fail' });
    const result = await world.run();
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/ended failed \(FAILED: the deployment failed/);
    expect(world.sandbox.rollbackRequests()).toBe(1);
    expect(world.sandbox.liveArtifact()).toBe('bad-3');
  });

  it('reports timed-out when the rollback never goes live', async () => {
    world = await railwayWorld({ rollbackBehaviour: 'never-live' });
    const result = await world.run({ timeoutMs: 60_000 });
    expect(result.status).toBe('timed-out');
    expect(result.message).toMatch(/last status: DEPLOYING/);
    expect(result.durationMs).toBe(60_000);
    expect(world.sandbox.rollbackRequests()).toBe(1);
  });

  it("waits for another run's rollback in progress instead of sending its own, then reports already-live", async () => {
    world = await railwayWorld();
    const [, good2] = idsOldestFirst(world.sandbox);
    world.sandbox.startRollback(good2 as string);
    const result = await world.run();
    expect(result.status).toBe('already-live');
    expect(result.requests).toBe(0);
    expect(result.waitedFor?.became).toBe('live');
    expect(world.sandbox.rollbackRequests()).toBe(1);
    expect(world.sandbox.liveArtifact()).toBe('good-2');
  });

  it('sees a deploy that starts between its first read and its request, and sends nothing', async () => {
    world = await railwayWorld();
    // The second read (right before the request) is the second snapshot query.
    let snapshots = 0;
    world.sandbox.server.inject({
      kind: 'slow',
      delayMs: 1,
      times: 100,
      when: (r) => {
        if (/RollbackGuardSnapshot/.test(String((r.json as { query?: string })?.query))) {
          snapshots += 1;
          if (snapshots === 2) world.sandbox.deploy({ artifact: 'hotfix-4' });
        }
        return false;
      },
    });
    const result = await world.run();
    expect(result.requests).toBe(0);
    expect(world.sandbox.rollbackRequests()).toBe(0);
    expect(result.waitedFor?.deployment.label).toMatch(/commit/);
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/ended live; live now: .*No rollback request was sent by this run/);
    expect(world.sandbox.liveArtifact()).toBe('hotfix-4');
  });

  it('rolls back to an explicit target given by id or by its short id', async () => {
    world = await railwayWorld({ history: [...GOOD_GOOD_BAD, { artifact: 'bad-4' }] });
    const [good1] = idsOldestFirst(world.sandbox);
    const result = await world.run({ target: (good1 as string).slice(0, 8) });
    expect(result.status).toBe('rolled-back');
    expect(result.to?.id).toBe(good1);
    expect(world.sandbox.liveArtifact()).toBe('good-1');
  });

  it('reads the newest 50 deployments, and fetches an older target by its id', async () => {
    const history = Array.from({ length: 55 }, (_, i) => ({ artifact: `release-${i + 1}` }));
    world = await railwayWorld({ history });
    const [oldest] = idsOldestFirst(world.sandbox);
    const planned = await world.run({ dryRun: true });
    expect(planned.deployments).toHaveLength(50);
    expect(planned.details?.railway).toMatchObject({
      deploymentsRead: 50,
      pagesRead: 1,
      historyTruncated: true,
    });
    const result = await world.run({ target: oldest });
    expect(result.status).toBe('rolled-back');
    expect(result.to?.id).toBe(oldest);
    expect(world.sandbox.liveArtifact()).toBe('release-1');
  });

  it('refuses a target whose image Railway no longer keeps, naming the retention', async () => {
    world = await railwayWorld({ imageRetentionMs: 90 * 60_000 });
    const [good1] = idsOldestFirst(world.sandbox);
    const result = await world.run({ target: good1 });
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(
      /Railway no longer keeps its image \(images of replaced deployments are kept 24 h on Free/,
    );
    expect(world.sandbox.server.requests.filter(isRollbackMutation)).toEqual([]);
  });

  it('reads every page, whichever order Railway lists in', async () => {
    const history = Array.from({ length: 12 }, (_, i) => ({ artifact: `release-${i + 1}` }));
    for (const order of ['newest-first', 'oldest-first'] as const) {
      world = await railwayWorld({ history, order, maxPageSize: 5 });
      const result = await world.run({ dryRun: true });
      expect(result.to?.label).toBeDefined();
      expect(result.deployments).toHaveLength(12);
      expect(result.deployments[0]?.id).toBe(result.from?.id);
      expect(result.details?.railway).toMatchObject({ listOrder: order, pagesRead: 3 });
      await world.sandbox.stop();
    }
  });

  it('still recognises its own rollback by the commit when Railway does not mark rollbacks in meta', async () => {
    world = await railwayWorld({ markRollbacks: false });
    expect((await world.run()).status).toBe('rolled-back');
    const again = await world.run();
    expect(again.status).toBe('already-live');
    expect(world.sandbox.rollbackRequests()).toBe(1);
  });

  it('does not take a redeploy of the same commit for a rollback when Railway marks rollbacks', async () => {
    // good-2, then a redeploy of good-2's commit (say, a variable change) that broke the service.
    const commit = 'b'.repeat(40);
    const history = [
      { artifact: 'good-1' },
      { artifact: 'good-2', commit },
      { artifact: 'new-vars', commit },
    ];
    world = await railwayWorld({ history });
    const [good1] = idsOldestFirst(world.sandbox);
    const marked = await world.run({ dryRun: true });
    expect(marked.status).toBe('planned');
    // The flow skips good-2: it runs the same code as the broken deployment.
    expect(marked.to?.id).toBe(good1);
    await world.sandbox.stop();

    // Without meta marks the redeploy is indistinguishable from a rollback to good-2: nothing is done.
    world = await railwayWorld({ history, markRollbacks: false });
    expect((await world.run({ dryRun: true })).status).toBe('already-live');
  });

  it('fails clearly, before any rollback request, when the token is refused', async () => {
    world = await railwayWorld();
    const result = await runWithToken(world, 'not-the-token');
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(
      /read the Railway service and its deployments failed: Railway answered: Not Authorized/,
    );
    expect(result.message).toMatch(/token-type matches it/);
    expect(world.sandbox.server.requests.filter(isRollbackMutation)).toEqual([]);
  });

  it('sends a project token in Project-Access-Token, and an account token as a bearer token', async () => {
    world = await railwayWorld({ tokenType: 'project' });
    expect((await world.run({ dryRun: true })).status).toBe('planned');
    const headers = world.sandbox.server.requests[0]?.headers;
    expect(headers?.['project-access-token']).toBe(world.sandbox.token);
    expect(headers?.authorization).toBeUndefined();
    // The same token sent as a bearer token is refused, as Railway does.
    const refused = await runWithToken(world, world.sandbox.token, 'account');
    expect(refused.message).toMatch(/Not Authorized/);
  });
});

async function runWithToken(world: RailwayWorld, token: string, tokenType?: 'account' | 'project') {
  const { runRollback } = await import('../../../src/providers/flow.js');
  return runRollback(
    world.provider({ token, tokenType }),
    { wait: true, timeoutMs: 60_000, dryRun: false },
    { clock: world.clock, sleep: world.clock.sleep, log: world.log },
  );
}
