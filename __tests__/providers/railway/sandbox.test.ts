import { ManualClock } from '../../../src/core/clock.js';
import { RAILWAY_DOCUMENTS } from '../../../src/providers/railway/client.js';
import { RailwaySandbox, type RailwaySandboxOptions } from '../../../src/sandbox/railway.js';
import { GOOD_GOOD_BAD } from './helpers.js';

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: string[] }[];
  };
}

describe('the simulated Railway', () => {
  let clock: ManualClock;
  let sandbox: RailwaySandbox;
  const start = async (options: Partial<RailwaySandboxOptions> = {}) => {
    clock = new ManualClock();
    sandbox = new RailwaySandbox({ clock, history: GOOD_GOOD_BAD, buildDelayMs: 4000, ...options });
    await sandbox.start();
  };
  afterEach(async () => sandbox?.stop());

  const post = async (
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = { authorization: `Bearer ${sandbox.token}` },
  ): Promise<Answer> => {
    const response = await fetch(sandbox.apiUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  const scope = () => ({ serviceId: sandbox.serviceId, environmentId: sandbox.environmentId });
  const list = async (variables: Record<string, unknown>) =>
    (await post(RAILWAY_DOCUMENTS.deploymentsPage, { input: scope(), ...variables })).body.data
      ?.deployments as {
      edges: { cursor: string; node: { id: string; status: string; meta: Record<string, string> } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  const status = async (id: string) =>
    ((await post(RAILWAY_DOCUMENTS.deployment, { id })).body.data?.deployment as { status: string }).status;

  it('refuses a wrong token, or a token in the wrong header, with HTTP 200 and Not Authorized', async () => {
    await start();
    const refused = {
      status: 200,
      body: { data: null, errors: [expect.objectContaining({ message: 'Not Authorized' })] },
    };
    expect(await post(RAILWAY_DOCUMENTS.deployment, { id: 'x' }, { authorization: 'Bearer nope' })).toEqual(
      refused,
    );
    expect(
      await post(RAILWAY_DOCUMENTS.deployment, { id: 'x' }, { 'project-access-token': sandbox.token }),
    ).toEqual(refused);
    await sandbox.stop();

    await start({ tokenType: 'project' });
    expect(await post(RAILWAY_DOCUMENTS.deployment, { id: 'x' })).toEqual(refused);
    const ok = await post(
      RAILWAY_DOCUMENTS.deploymentsPage,
      { input: scope(), first: 5 },
      { 'project-access-token': sandbox.token },
    );
    expect(ok.status).toBe(200);
    expect(sandbox.actionInputs()['token-type']).toBe('project');
    expect(sandbox.guardInputs()).toMatchObject({
      provider: 'railway',
      'token-type': 'project',
      service: sandbox.serviceId,
    });
  });

  it('answers an unknown id with an error in a 200 body, and a document that does not validate with 400', async () => {
    await start();
    expect(await post(RAILWAY_DOCUMENTS.deployment, { id: 'missing' })).toEqual({
      status: 200,
      body: {
        data: null,
        errors: [expect.objectContaining({ message: 'Deployment not found', path: ['deployment'] })],
      },
    });
    const unknownService = await post(RAILWAY_DOCUMENTS.snapshot, {
      input: {},
      first: 1,
      environmentId: sandbox.environmentId,
      serviceId: 'other',
    });
    expect(unknownService.body.errors?.[0]?.message).toBe('ServiceInstance not found');
    const invalid = await post('query { deployment(id: "x") { colour } }');
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.[0]?.message).toMatch(/Cannot query field "colour" on type "Deployment"/);
    expect(invalid.body).not.toHaveProperty('data');
    expect((await fetch(sandbox.apiUrl)).status).toBe(405);
    expect((await fetch(`${sandbox.server.url}/graphql`, { method: 'POST' })).status).toBe(404);
  });

  it('pages deployments with opaque cursors, newest first, and filters by status', async () => {
    await start({ history: Array.from({ length: 5 }, (_, i) => ({ artifact: `r${i + 1}` })) });
    const first = await list({ first: 2 });
    expect(first.edges.map((e) => e.node.meta.commitMessage)).toEqual(['Deploy r5', 'Deploy r4']);
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: expect.any(String) });
    const second = await list({ first: 2, after: first.pageInfo.endCursor });
    expect(second.edges.map((e) => e.node.meta.commitMessage)).toEqual(['Deploy r3', 'Deploy r2']);
    const last = await list({ first: 2, after: second.pageInfo.endCursor });
    expect(last.edges).toHaveLength(1);
    expect(last.pageInfo.hasNextPage).toBe(false);
    expect(
      (await post(RAILWAY_DOCUMENTS.deploymentsPage, { input: scope(), first: 2, after: 'bogus' })).body
        .errors?.[0]?.message,
    ).toBe('Invalid cursor');
    const live = await post(RAILWAY_DOCUMENTS.deploymentsPage, {
      input: { ...scope(), status: { in: ['SUCCESS'] } },
      first: 10,
    });
    expect((live.body.data?.deployments as { edges: unknown[] }).edges).toHaveLength(1);
    const otherService = await list({ input: { ...scope(), serviceId: 'someone-else' }, first: 10 });
    expect(otherService.edges).toEqual([]);
  });

  it('takes a deploy from BUILDING through DEPLOYING to SUCCESS on its clock, removing the one it replaces', async () => {
    await start();
    const before = sandbox.list()[0]?.id as string;
    const id = sandbox.deploy({ artifact: 'next' });
    expect(await status(id)).toBe('BUILDING');
    clock.advance(2000);
    expect(await status(id)).toBe('DEPLOYING');
    expect(sandbox.liveArtifact()).toBe('bad-3');
    clock.advance(2000);
    expect(await status(id)).toBe('SUCCESS');
    expect(await status(before)).toBe('REMOVED');
    expect(sandbox.liveArtifact()).toBe('next');
    expect(sandbox.list().map((d) => d.state)).toEqual(['live', 'superseded', 'superseded', 'superseded']);
  });

  it('answers deploymentRollback with a bare Boolean and creates a deployment marked as a rollback', async () => {
    await start();
    const [, good2] = sandbox.list();
    const answer = await post(RAILWAY_DOCUMENTS.rollback, { id: good2?.id });
    expect(answer).toEqual({ status: 200, body: { data: { deploymentRollback: true } } });
    const [created] = (await list({ first: 1 })).edges;
    expect(created?.node).toMatchObject({
      status: 'BUILDING',
      meta: { reason: 'rollback', commitMessage: 'Deploy good-2' },
    });
    expect(sandbox.rollbackRequests()).toBe(1);
    clock.advance(4000);
    expect(sandbox.liveArtifact()).toBe('good-2');
    expect(sandbox.list()[0]).toMatchObject({ rollback: true, state: 'live' });
  });

  it('answers false for a deployment whose image expired, and an error for an unknown one', async () => {
    await start({ imageRetentionMs: 90 * 60_000 });
    const [, good2, good1] = sandbox.list();
    expect((await post(RAILWAY_DOCUMENTS.rollback, { id: good1?.id })).body).toEqual({
      data: { deploymentRollback: false },
    });
    expect((await post(RAILWAY_DOCUMENTS.rollback, { id: good2?.id })).body).toEqual({
      data: { deploymentRollback: true },
    });
    expect((await post(RAILWAY_DOCUMENTS.rollback, { id: 'nope' })).body.errors?.[0]?.message).toBe(
      'Deployment not found',
    );
    expect(sandbox.rollbackRequests()).toBe(1);
  });

  it('lets a rollback fail, or never go live, as rollbackBehaviour says', async () => {
    await start({ rollbackBehaviour: 'fail' });
    const [, good2] = sandbox.list();
    const failed = sandbox.startRollback(good2?.id as string);
    clock.advance(4000);
    expect(await status(failed)).toBe('FAILED');
    expect(sandbox.liveArtifact()).toBe('bad-3');

    sandbox.rollbackBehaviour = 'never-live';
    const stuck = sandbox.startRollback(good2?.id as string);
    clock.advance(3_600_000);
    expect(await status(stuck)).toBe('DEPLOYING');
    expect(sandbox.list()[0]).toMatchObject({ id: stuck, state: 'in-progress' });
  });

  it('skips an older deployment still in progress when a newer one goes live', async () => {
    await start({ rollbackBehaviour: 'never-live' });
    const [, good2] = sandbox.list();
    const stuck = sandbox.startRollback(good2?.id as string);
    clock.advance(1000);
    const next = sandbox.deploy({ artifact: 'next' });
    clock.advance(4000);
    expect(await status(next)).toBe('SUCCESS');
    expect(await status(stuck)).toBe('SKIPPED');
    expect(sandbox.list().find((d) => d.id === stuck)?.state).toBe('canceled');
  });
});
