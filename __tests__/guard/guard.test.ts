import { readFileSync } from 'node:fs';
import { memoryHost } from '../../__fixtures__/context.js';
import { SANDBOX_TOKEN, startWorld, type World } from '../../__fixtures__/guard-world.js';
import { guardAction } from '../../src/actions/guard/main.js';
import { executeAction } from '../../src/core/action.js';
import type { TimelineJson } from '../../src/guard/timeline.js';

async function guard(world: World, extra: Record<string, string> = {}, env: Record<string, string> = {}) {
  const host = memoryHost({ RUNNER_TEMP: process.env.TMPDIR ?? '/tmp', ...env });
  const outcome = await executeAction(guardAction, { ...world.inputs, ...extra }, host, world.deps);
  return { ...outcome, host, summary: host.summaries.join('\n') };
}

describe.each(['railway', 'render', 'fly'] as const)('the guard on %s', (provider) => {
  let world: World;
  afterEach(async () => world?.stop());

  it('passes a healthy service and sends no rollback request', async () => {
    world = await startWorld(provider, {
      history: [{ artifact: 'registry/app:good-1' }, { artifact: 'registry/app:good-2' }],
    });
    const run = await guard(world);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.outcome).toBe('passed');
    expect(run.outputs.verdict).toBe('healthy');
    expect(world.sandbox.rollbackRequests()).toBe(0);
  });

  it('rolls a broken service back, verifies it, and reports the timeline', async () => {
    world = await startWorld(provider);
    const run = await guard(world);
    expect(run.outputs).toMatchObject({
      outcome: 'rolled-back',
      verdict: 'unhealthy',
      action: 'code',
      priority: 'P0',
    });
    expect(run.exitCode).toBe(0);
    expect(world.sandbox.rollbackRequests()).toBe(1);
    expect(world.sandbox.liveArtifact()).toBe('registry/app:good-2');
    const timeline = JSON.parse(run.outputs.timeline as string) as TimelineJson;
    expect(timeline.phases.map((p) => p.name)).toEqual(['detect', 'decide', 'rollback', 'verify']);
    expect(timeline.targets.map((t) => t.met)).toEqual([true, true, true, true]);
    expect(run.summary).toContain('gantt');
    expect(run.summary).toMatch(/- \[x\] Rollback executed/);
    expect(run.summary).toMatch(/only the provider state/);
  });

  it('reports rolled-back-still-down and exits 1 when the rollback comes up broken', async () => {
    world = await startWorld(provider, {
      history: [
        { artifact: 'registry/app:good-1' },
        { artifact: 'registry/app:bad-2' },
        { artifact: 'registry/app:bad-3' },
      ],
    });
    const run = await guard(world);
    expect(run.outputs.outcome).toBe('rolled-back-still-down');
    expect(run.exitCode).toBe(1);
    expect(world.sandbox.rollbackRequests()).toBe(1);
  });

  it('never leaks the provider token', async () => {
    world = await startWorld(provider);
    const run = await guard(world);
    const written = [
      JSON.stringify(run.outputs),
      run.summary,
      run.host.log.lines.join('\n'),
      readFileSync(run.outputs.report as string, 'utf8'),
    ];
    for (const text of written) expect(text).not.toContain(SANDBOX_TOKEN);
  });

  it("masks the smoke tests' header values, as verify does", async () => {
    world = await startWorld(provider);
    const run = await guard(world, {
      'smoke-tests': '- {name: version, path: /api/version, headers: {X-Api-Key: key_smoke_s3cret}}',
    });
    expect(run.outputs.outcome).toBe('rolled-back');
    expect(run.host.masked).toContain('key_smoke_s3cret');
    const written = [
      run.summary,
      run.host.log.lines.join('\n'),
      readFileSync(run.outputs.report as string, 'utf8'),
    ];
    for (const text of written) expect(text).not.toContain('key_smoke_s3cret');
  });
});
