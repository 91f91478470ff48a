import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryHost } from '../../__fixtures__/context.js';
import { FakeGitHub } from '../../__fixtures__/github-api.js';
import { startWorld, type World } from '../../__fixtures__/guard-world.js';
import { guardAction } from '../../src/actions/guard/main.js';
import { executeAction } from '../../src/core/action.js';
import type { GuardResult } from '../../src/guard/result.js';
import {
  createDemoDatabase,
  damageDemoDatabase,
  demoDatabaseHealthy,
} from '../../src/sandbox/demo-database.js';
import { readFileSync } from 'node:fs';

async function guard(world: World, extra: Record<string, string> = {}, env: Record<string, string> = {}) {
  const host = memoryHost({ RUNNER_TEMP: process.env.TMPDIR ?? '/tmp', ...env });
  const outcome = await executeAction(guardAction, { ...world.inputs, ...extra }, host, world.deps);
  const report = outcome.reportPath
    ? (JSON.parse(readFileSync(outcome.reportPath, 'utf8')) as { guard?: GuardResult })
    : {};
  return { ...outcome, host, summary: host.summaries.join('\n'), result: report.guard };
}

describe('the guard', () => {
  let world: World;
  let github: FakeGitHub | undefined;
  afterEach(async () => {
    await world?.stop();
    await github?.stop();
    github = undefined;
  });

  it('two runs deciding at the same moment on different runners: exactly one rolls back, the other verifies', async () => {
    world = await startWorld('render');
    github = new FakeGitHub('acme', 'shop', 'a'.repeat(40), () => world.clock.now());
    await github.start();
    const env = { ...github.env() };
    // Both runs share one manual clock: while one waits, the other's requests look slow, so latency
    // is not what this test is about.
    const relaxed = { 'max-latency': '1h', 'verify-max-latency': '1h' };
    const [a, b] = await Promise.all([
      guard(world, { ...relaxed, 'github-token': 'ghs_first' }, { ...env, GITHUB_RUN_ID: '1' }),
      guard(world, { ...relaxed, 'github-token': 'ghs_second' }, { ...env, GITHUB_RUN_ID: '2' }),
    ]);
    expect(world.sandbox.rollbackRequests()).toBe(1);
    expect([a.outputs.outcome, b.outputs.outcome]).toEqual(['rolled-back', 'rolled-back']);
    const locks = [a.result?.lock, b.result?.lock];
    expect(locks.map((l) => l?.acquired).sort()).toEqual([false, true]);
    expect(locks.find((l) => !l?.acquired)).toMatchObject({ waited: 'released' });
    // The lock is gone at the end, and the acting run left its records.
    expect(github.refs.size).toBe(0);
    expect(github.deployments).toHaveLength(1);
    expect(github.deployments[0]?.statuses.map((s) => s.state)).toEqual(['success']);
    expect(github.deployments[0]).toMatchObject({
      environment: 'production',
      ref: '2222222222222222222222222222222222222222',
    });
    expect(github.issues.length).toBeGreaterThanOrEqual(1);
  });

  it('opens an incident issue with the decision, before and after, the compare link and the timeline', async () => {
    world = await startWorld('railway');
    github = new FakeGitHub('acme', 'shop', 'a'.repeat(40), () => world.clock.now());
    await github.start();
    const run = await guard(world, { 'github-token': 'ghs_token_value' }, github.env());
    expect(run.outputs.outcome).toBe('rolled-back');
    expect(github.issues).toHaveLength(1);
    const issue = github.issues[0]!;
    expect(issue.title).toMatch(/^Incident: .* on Railway rolled back \(P0\)$/);
    expect(issue.labels).toEqual(['incident', 'rollback-guard']);
    expect(issue.body).toMatch(/\*\*Decision:\*\* Action code at P0/);
    expect(issue.body).toContain(
      'https://github.example/acme/shop/compare/2222222222222222222222222222222222222222...3333333333333333333333333333333333333333',
    );
    expect(issue.body).toMatch(/\| total \| .* \| < 15 min|\| total \| .* \| \\< 15 min/);
    expect(issue.body).toContain('https://github.example/acme/shop/actions/runs/4242');
    expect(run.outputs.incident).toBe('https://github.example/acme/shop/issues/1');
    expect(issue.body).not.toContain('ghs_token_value');
  });

  it('record-incident: false keeps the deployment status but opens no issue', async () => {
    world = await startWorld('render');
    github = new FakeGitHub('acme', 'shop', 'a'.repeat(40), () => world.clock.now());
    await github.start();
    await guard(world, { 'github-token': 'ghs_x', 'record-incident': 'false' }, github.env());
    expect(github.issues).toHaveLength(0);
    expect(github.deployments).toHaveLength(1);
  });

  // Railway and Render record a rollback as a deployment of its own; Fly keeps no record of one (a
  // rollback there only moves the machines to an older image), see the README's Fly limits.
  it.each(['railway', 'render'] as const)(
    'on %s, after a rollback and a new bad deploy, rolls back to the known good one, then never twice',
    async (provider) => {
      world = await startWorld(provider);
      expect((await guard(world)).outputs.outcome).toBe('rolled-back');
      world.sandbox.deploy({ artifact: 'registry/app:bad-4' });
      world.clock.advance(10_000);
      const second = await guard(world);
      expect(second.outputs.outcome).toBe('rolled-back');
      expect(world.sandbox.liveArtifact()).toBe('registry/app:good-2');
      const requests = world.sandbox.rollbackRequests();
      expect(requests).toBe(2);
      // The operator presses the button again: already on the last known good, nothing is sent.
      const again = await guard(world, { mode: 'rollback' });
      expect(again.result?.rollback?.status).toBe('already-live');
      expect(world.sandbox.rollbackRequests()).toBe(requests);
    },
  );

  it('mode rollback skips detection and rolls back at once', async () => {
    world = await startWorld('railway');
    const run = await guard(world, { mode: 'rollback' });
    expect(run.outputs).toMatchObject({ outcome: 'rolled-back', verdict: '', action: 'code' });
    const phases = run.result?.timeline.phases.map((p) => `${p.name}:${p.outcome}`);
    expect(phases?.[0]).toBe('detect:skipped: mode rollback: an operator decided');
  });

  it('dry run plans and changes nothing', async () => {
    world = await startWorld('render');
    const run = await guard(world, { 'dry-run': 'true' });
    expect(run.outputs.outcome).toBe('planned');
    expect(run.exitCode).toBe(0);
    expect(world.sandbox.rollbackRequests()).toBe(0);
    expect(world.sandbox.server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(run.outputs.to).not.toBe('');
  });

  it('an inconclusive watch (rate-limited health checks) never rolls back', async () => {
    world = await startWorld('railway');
    world.app.server.inject({ kind: 'rate-limit', times: 1000, retryAfterSeconds: 1 });
    const run = await guard(world);
    expect(run.outputs.outcome).toBe('inconclusive');
    expect(run.exitCode).toBe(0);
    expect(world.sandbox.rollbackRequests()).toBe(0);
  });

  it('unhealthy but not affecting users: monitor, nothing rolled back, and the step fails to say so', async () => {
    world = await startWorld('render');
    const run = await guard(world, { 'affecting-users': 'false' });
    expect(run.outputs).toMatchObject({ outcome: 'failed', action: 'monitor' });
    expect(run.exitCode).toBe(1);
    expect(world.sandbox.rollbackRequests()).toBe(0);
  });

  it('full rollback: code and the database from the last backup before the bad deployment', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'rg-guard-db-'));
    let database = '';
    world = await startWorld('render', { databaseHealthy: () => demoDatabaseHealthy(database) });
    const demo = await createDemoDatabase(folder, world.clock.now());
    database = demo.database;
    await damageDemoDatabase(database);
    const run = await guard(world, { database, 'backup-dir': demo.backupDir, 'data-loss': 'true' });
    expect(run.outputs).toMatchObject({ outcome: 'rolled-back', action: 'full', 'data-rollback': 'true' });
    expect(run.result?.restore?.status).toBe('restored');
    expect(await demoDatabaseHealthy(database)).toBe(true);
    expect(run.result?.timeline.phases.map((p) => p.name)).toEqual([
      'detect',
      'decide',
      'rollback',
      'restore',
      'verify',
    ]);
  });

  it('reports every bad input at once, by the guard’s names, before any request', async () => {
    world = await startWorld('railway');
    const run = await guard(world, {
      service: 'my-service',
      interval: 'soon',
      'max-error-rate': '0.1%',
      strategy: 'rolling',
    });
    expect(run.exitCode).toBe(1);
    const errors = run.host.log.lines.filter((l) => l.startsWith('error:'));
    expect(errors.join('\n')).toMatch(/input 'service' 'my-service' is not a Railway id/);
    expect(errors.join('\n')).toMatch(/input 'interval'/);
    expect(world.sandbox.server.requests).toHaveLength(0);
    expect(world.app.server.requests).toHaveLength(0);
  });
});
