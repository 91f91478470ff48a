import { describeCall, flyWorld, image, isLeasePost, isMachineUpdate, type FlyWorld } from './setup.js';

let world: FlyWorld;
afterEach(async () => world?.stop());

const [A, B] = ['148ed193b95d00', '148ed193b95ef3'];

describe('rolling back a Fly app', () => {
  it('moves [good, good, bad(live)] back to the middle release, machine by machine, and waits until healthy', async () => {
    world = await flyWorld();
    const before = world.sandbox.machineSummaries();
    const configs = (await await fetch(`${world.sandbox.machinesUrl}/apps/demo/machines`, {
      headers: { authorization: `FlyV1 ${'fm2_sandboxSecretMacaroon0123456789'}` },
    }).then((r) => r.json())) as { id: string; config: Record<string, unknown> }[];
    world.sandbox.server.requests.length = 0;

    const result = await world.run();

    expect(result).toMatchObject({ status: 'rolled-back', requests: 1, deploymentId: 'machines:v2' });
    expect(result.from?.id).toBe('v3');
    expect(result.to?.id).toBe('v2');
    expect(result.outputs).toEqual({ machines: '2' });
    // Every lease first, then one machine at a time: update, (wait, checks), release.
    expect(world.mutating().map(describeCall)).toEqual([
      `POST lease ${A}`,
      `POST lease ${B}`,
      `POST update ${A}`,
      `DELETE lease ${A}`,
      `POST update ${B}`,
      `DELETE lease ${B}`,
    ]);
    // The whole config goes back with only the image replaced, under the lease's nonce.
    const updates = world.mutating().filter((r) => describeCall(r).startsWith('POST update'));
    for (const update of updates) {
      const machine = update.path.split('/')[5];
      const original = configs.find((c) => c.id === machine)?.config;
      expect(update.json).toEqual({ config: { ...original, image: image('good-2') } });
      expect(update.headers['fly-machine-lease-nonce']).toMatch(/^[0-9a-f]{12}$/);
    }
    // Each machine waited for by its new version, within the 60 s the API allows per call.
    const waits = world.sandbox.server.requests.filter((r) => r.path.endsWith('/wait'));
    expect(waits.map((w) => [w.query.get('state'), Number(w.query.get('timeout')) <= 60])).toEqual([
      ['started', true],
      ['started', true],
    ]);
    const after = world.sandbox.machineSummaries();
    expect(waits.map((w) => w.query.get('instance_id'))).toEqual(after.map((m) => m.instanceId));
    expect(after.map((m) => [m.image, m.state, m.checks, m.leasedBy])).toEqual([
      [image('good-2'), 'started', 'passing', undefined],
      [image('good-2'), 'started', 'passing', undefined],
    ]);
    // Only the image changed: the metadata still names the release rolled back from.
    expect(after.map((m) => m.release)).toEqual(before.map((m) => m.release));
    expect(world.sandbox.liveArtifact()).toBe(image('good-2'));
    expect(world.sandbox.rollbackRequests()).toBe(1);
    // Two machines, each live after the 3 s the sandbox takes to start one.
    expect(result.durationMs).toBe(6000);
    expect(result.details?.rollout).toMatchObject({
      machines: [
        { id: A, result: 'updated', moved: true, fromImage: image('bad-3') },
        { id: B, result: 'updated', moved: true },
      ],
    });
  });

  it('reports already-live when run again, and sends nothing', async () => {
    world = await flyWorld();
    await world.run();
    const sent = world.mutating().length;
    const again = await world.run();
    expect(again).toMatchObject({ status: 'already-live', requests: 0 });
    expect(again.from?.id).toBe('machines:v2');
    expect(again.to?.id).toBe('v2');
    expect(world.mutating()).toHaveLength(sent);
    expect(world.sandbox.rollbackRequests()).toBe(1);
  });

  it('plans a dry run with the calls it would make, and sends none', async () => {
    world = await flyWorld();
    const result = await world.run({ dryRun: true });
    expect(result.status).toBe('planned');
    expect(result.plan).toEqual([
      `POST /apps/demo/machines/${A}/lease`,
      `POST /apps/demo/machines/${B}/lease`,
      `POST /apps/demo/machines/${A} (config.image → ${image('good-2')})`,
      `DELETE /apps/demo/machines/${A}/lease`,
      `POST /apps/demo/machines/${B} (config.image → ${image('good-2')})`,
      `DELETE /apps/demo/machines/${B}/lease`,
    ]);
    expect(world.mutating()).toEqual([]);
    expect(world.sandbox.liveArtifact()).toBe(image('bad-3'));
  });

  it('goes back further only with an explicit target (by version, or by image)', async () => {
    world = await flyWorld();
    await world.run();
    const byImage = await world.run({ target: image('good-1') });
    expect(byImage).toMatchObject({ status: 'rolled-back', deploymentId: 'machines:v1' });
    expect(byImage.from?.id).toBe('machines:v2');
    expect(world.sandbox.liveArtifact()).toBe(image('good-1'));
    const unknown = await world.run({ target: 'v9' });
    expect(unknown.status).toBe('failed');
    expect(unknown.message).toContain("the target 'v9' is not among the deployments");
  });

  it('updates stopped machines with skip_launch, leaves them stopped, and waits for the stopped version', async () => {
    world = await flyWorld({ machines: 1, stoppedMachines: 1 });
    const result = await world.run();
    expect(result).toMatchObject({ status: 'rolled-back', outputs: { machines: '2' } });
    const updates = world.mutating().filter((r) => describeCall(r).startsWith('POST update'));
    expect(updates.map((u) => (u.json as { skip_launch?: boolean }).skip_launch)).toEqual([undefined, true]);
    const waits = world.sandbox.server.requests.filter((r) => r.path.endsWith('/wait'));
    expect(waits.map((w) => w.query.get('state'))).toEqual(['started', 'stopped']);
    expect(world.sandbox.machineSummaries().map((m) => [m.state, m.image])).toEqual([
      ['started', image('good-2')],
      ['stopped', image('good-2')],
    ]);
  });

  it('sends the updates without waiting for them with wait: false', async () => {
    world = await flyWorld();
    const result = await world.run({ wait: false });
    expect(result).toMatchObject({ status: 'rolled-back', deploymentId: 'machines:v2' });
    expect(result.message).toContain('not waiting');
    expect(world.sandbox.server.requests.filter((r) => r.path.endsWith('/wait'))).toEqual([]);
    expect(world.sandbox.updateRequests()).toHaveLength(2);
    expect(world.sandbox.machineSummaries().every((m) => m.leasedBy === undefined)).toBe(true);
  });
});

describe('when a Fly rollback goes wrong', () => {
  it('rolling: stops at the first machine that fails, releases every lease, and says which machine runs what', async () => {
    world = await flyWorld({ rollbackBehaviour: 'fail' });
    const result = await world.run();
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(new RegExp(`machine ${A} \\(ams\\) stopped after starting`));
    expect(result.message).toContain(`on ${image('good-2')}: ${A}; on other images: ${B} (v3)`);
    expect(result.outputs).toEqual({ machines: '1' });
    expect(world.sandbox.updateRequests()).toEqual([{ machine: A, image: image('good-2') }]);
    expect(world.sandbox.machineSummaries().map((m) => [m.image, m.leasedBy])).toEqual([
      [image('good-2'), undefined],
      [image('bad-3'), undefined],
    ]);
    expect(result.details?.rollout).toMatchObject({
      machines: [
        { id: A, result: 'failed', moved: true },
        { id: B, result: 'not-updated', moved: false },
      ],
    });
    // Half-rolled is reported, never silent; a run after it finishes the job (only B moves).
    world.sandbox.rollbackBehaviour = 'live';
    const again = await world.run();
    expect(again).toMatchObject({ status: 'rolled-back', outputs: { machines: '1' } });
    expect(again.from?.id).toBe('v3');
    expect(world.sandbox.updateRequests().map((u) => u.machine)).toEqual([A, B]);
  });

  it('immediate: moves every machine, then reports the ones that failed', async () => {
    world = await flyWorld({ rollbackBehaviour: 'fail' });
    const result = await world.run({}, { strategy: 'immediate' });
    expect(result.status).toBe('failed');
    expect(result.outputs).toEqual({ machines: '2' });
    // Both updates are sent before anything is waited for; leases go back as each machine settles.
    const calls = world.mutating().map(describeCall);
    expect(calls.slice(0, 4)).toEqual([
      `POST lease ${A}`,
      `POST lease ${B}`,
      `POST update ${A}`,
      `POST update ${B}`,
    ]);
    expect(calls.slice(4).sort()).toEqual([`DELETE lease ${A}`, `DELETE lease ${B}`]);
    expect(world.sandbox.machineSummaries().every((m) => m.leasedBy === undefined)).toBe(true);
  });

  it('fails a machine whose checks stay critical past the health timeout', async () => {
    world = await flyWorld({ rollbackBehaviour: 'fail', failureMode: 'unhealthy' });
    const result = await world.run({}, { healthTimeoutMs: 120_000 });
    expect(result.status).toBe('failed');
    expect(result.message).toContain(
      'failed its health checks: critical: health (HTTP GET /api/health: connection refused) after 120 s',
    );
    expect(world.sandbox.updateRequests()).toHaveLength(1);
  });

  it('times out when a machine never starts, waiting in calls of at most 60 s, and releases the leases', async () => {
    world = await flyWorld({ rollbackBehaviour: 'never-live' });
    const result = await world.run({ timeoutMs: 200_000 });
    expect(result.status).toBe('timed-out');
    expect(result.durationMs).toBe(200_000);
    const waits = world.sandbox.server.requests.filter((r) => r.path.endsWith('/wait'));
    expect(waits.map((w) => Number(w.query.get('timeout')))).toEqual([60, 60, 60, 20]);
    expect(world.sandbox.updateRequests()).toHaveLength(1);
    expect(world.sandbox.machineSummaries().every((m) => m.leasedBy === undefined)).toBe(true);
  });

  it('changes nothing when another deploy holds a machine’s lease, and says who holds it', async () => {
    world = await flyWorld();
    world.sandbox.holdLease(B, 'deployer@tokens.fly.io');
    const result = await world.run();
    expect(result.status).toBe('failed');
    expect(result.message).toContain(
      `take the lease of Fly machine ${B} failed: HTTP 409: aborted: machine ID ${B} lease currently held by deployer@tokens.fly.io`,
    );
    expect(result.message).toContain('Another deploy or rollback holds this machine');
    expect(world.sandbox.updateRequests()).toEqual([]);
    // The lease it had taken on the other machine is given back.
    expect(world.mutating().map(describeCall)).toEqual([
      `POST lease ${A}`,
      `POST lease ${B}`,
      `DELETE lease ${A}`,
    ]);
    expect(world.sandbox.machineSummaries().map((m) => m.leasedBy)).toEqual([
      undefined,
      'deployer@tokens.fly.io',
    ]);
  });

  it('finishes a rollback someone left halfway (machines on two images, no lease held)', async () => {
    world = await flyWorld({ machines: 3 });
    world.sandbox.setImage(A, image('good-2'));
    const result = await world.run();
    expect(result).toMatchObject({ status: 'rolled-back', outputs: { machines: '2' } });
    expect(result.from?.id).toBe('v3');
    expect(world.sandbox.updateRequests().map((u) => u.machine)).not.toContain(A);
    expect(result.details?.rollout).toMatchObject({
      machines: expect.arrayContaining([expect.objectContaining({ id: A, result: 'skipped' })]),
    });
  });

  it('waits for someone else’s rolling update (leases held, images mixed) instead of starting its own', async () => {
    world = await flyWorld();
    world.sandbox.setImage(A, image('good-2'));
    world.sandbox.holdLease(B, 'other-run@tokens.fly.io');
    world.sandbox.later(5_000, () => {
      world.sandbox.setImage(B, image('good-2'));
      world.sandbox.releaseLease(B);
    });
    const result = await world.run();
    expect(result).toMatchObject({ status: 'already-live', requests: 0 });
    expect(result.waitedFor).toMatchObject({ deployment: { id: 'machines:updating' }, became: 'live' });
    expect(result.to?.id).toBe('v2');
    expect(world.mutating()).toEqual([]);
  });

  it('waits for a deploy in progress and reports what it became, sending nothing', async () => {
    world = await flyWorld();
    world.sandbox.deploy({ artifact: image('good-4') });
    const result = await world.run();
    expect(result.waitedFor).toMatchObject({ deployment: { id: 'v4' }, became: 'live' });
    expect(result.status).toBe('failed');
    expect(result.message).toContain('live now: v4');
    expect(world.mutating()).toEqual([]);
  });
});

describe('Fly rollbacks under rate limits and server errors', () => {
  it('still sends exactly one rollback under 429s with Retry-After and bursts of 5xx', async () => {
    world = await flyWorld();
    const server = world.sandbox.server;
    server
      .inject({ kind: 'server-error', status: 502, times: 3, when: (r) => r.method === 'GET' })
      .inject({ kind: 'server-error', times: 2, when: (r) => r.path === '/graphql' })
      .inject({ kind: 'rate-limit', retryAfterSeconds: 2, times: 2, when: isLeasePost })
      .inject({ kind: 'rate-limit', retryAfterSeconds: 1, times: 3, when: isMachineUpdate })
      .inject({ kind: 'rate-limit', times: 1, when: (r) => r.method === 'DELETE' });
    const result = await world.run();
    expect(result).toMatchObject({ status: 'rolled-back', requests: 1 });
    expect(world.sandbox.rollbackRequests()).toBe(1);
    expect(world.sandbox.updateRequests()).toHaveLength(2);
    expect(server.requests.filter((r) => r.faulted).length).toBe(11);
    expect(world.log.lines).toContainEqual(
      expect.stringMatching(/take the lease of Fly machine .*: HTTP 429, asked to wait 2000 ms/),
    );
    expect(world.sandbox.machineSummaries().every((m) => m.leasedBy === undefined)).toBe(true);
  });

  it('reads a machine back after an update answered 503, and sends the update again only when it did not apply', async () => {
    world = await flyWorld();
    world.sandbox.server.inject({ kind: 'server-error', times: 1, when: isMachineUpdate });
    const result = await world.run();
    expect(result.status).toBe('rolled-back');
    const updates = world.mutating().filter((r) => describeCall(r).startsWith('POST update'));
    expect(updates.map((u) => u.faulted)).toEqual(['server-error', undefined, undefined]);
    expect(world.sandbox.updateRequests()).toHaveLength(2);
    expect(world.sandbox.rollbackRequests()).toBe(1);
    expect(world.log.lines.some((l) => l.includes(`the update of machine ${A} did not apply`))).toBe(true);
  });

  it('fails a machine after three updates that did not apply, without touching the next', async () => {
    world = await flyWorld();
    world.sandbox.server.inject({ kind: 'server-error', times: 3, when: isMachineUpdate });
    const result = await world.run();
    expect(result.status).toBe('failed');
    expect(result.message).toContain(
      `machine ${A} (ams) could not be updated: update Fly machine ${A} failed: HTTP 503`,
    );
    expect(world.sandbox.updateRequests()).toEqual([]);
    expect(world.sandbox.machineSummaries().every((m) => m.leasedBy === undefined)).toBe(true);
  });
});
