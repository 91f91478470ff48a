import { timeline } from '../../../__fixtures__/context.js';
import { annotateRollbacks, assess } from '../../../src/providers/assess.js';
import type { RenderDeploy } from '../../../src/providers/render/client.js';
import {
  deployProgress,
  deployState,
  MAX_RETAINED_BUILDS,
  renderSnapshot,
} from '../../../src/providers/render/provider.js';
import type { ProviderSnapshot } from '../../../src/providers/types.js';

const nextMinute = timeline(60_000);
/** A deploy one minute after the previous one; finished ones have finishedAt. */
function deploy(id: string, status: string, extra: Partial<RenderDeploy> = {}): RenderDeploy {
  const at = nextMinute();
  const finished = ['live', 'deactivated', 'build_failed', 'update_failed', 'canceled'].includes(status);
  return {
    id,
    status,
    trigger: 'new_commit',
    commit: { id: `${id}-commit-sha`, message: id },
    createdAt: at,
    startedAt: at,
    finishedAt: finished ? at : undefined,
    ...extra,
  };
}

/** What the flow decides for these deploys (oldest first), with no explicit target. */
function decide(oldestFirst: RenderDeploy[], target?: string) {
  const snapshot: ProviderSnapshot = annotateRollbacks(renderSnapshot([...oldestFirst].reverse()));
  return assess(snapshot, target, (t) => snapshot.deployments.find((d) => d.id === t));
}

describe('Render deploys as deployments', () => {
  it('maps every documented status, and anything else to unknown (never success)', () => {
    expect(
      [
        'created',
        'queued',
        'build_in_progress',
        'update_in_progress',
        'pre_deploy_in_progress',
        'live',
        'deactivated',
        'build_failed',
        'update_failed',
        'pre_deploy_failed',
        'canceled',
        'suspended_somehow',
        undefined,
      ].map(deployState),
    ).toEqual([
      'in-progress',
      'in-progress',
      'in-progress',
      'in-progress',
      'in-progress',
      'live',
      'superseded',
      'failed',
      'failed',
      'failed',
      'canceled',
      'unknown',
      'unknown',
    ]);
  });

  it('counts a deactivated deploy as once live only when it finished', () => {
    const a = deploy('dep-a', 'deactivated');
    const b = deploy('dep-b', 'deactivated', { finishedAt: undefined });
    const c = deploy('dep-c', 'live');
    const snapshot = renderSnapshot([c, b, a]);
    expect(snapshot.deployments.map((d) => [d.id, d.state, d.wasLive])).toEqual([
      ['dep-c', 'live', true],
      ['dep-b', 'superseded', false],
      ['dep-a', 'superseded', true],
    ]);
  });

  it('orders by time, not by text, and writes every time the same way', () => {
    const later = deploy('dep-later', 'live', { createdAt: '2026-01-01T00:00:00.5Z' });
    const earlier = deploy('dep-earlier', 'deactivated', { createdAt: '2026-01-01T01:00:00+01:00' });
    const snapshot = renderSnapshot([earlier, later]);
    expect(snapshot.deployments.map((d) => [d.id, d.createdAt])).toEqual([
      ['dep-later', '2026-01-01T00:00:00.500Z'],
      ['dep-earlier', '2026-01-01T00:00:00.000Z'],
    ]);
  });

  it('labels deploys by commit or image, prefers the image digest as the artifact, and marks rollbacks', () => {
    const image = deploy('dep-img', 'deactivated', {
      commit: undefined,
      image: { ref: 'ghcr.io/acme/app:1.2', sha: 'sha256:0123456789abcdef' },
    });
    const rollback = deploy('dep-rb', 'live', { trigger: 'rollback', commit: undefined, image: image.image });
    const { deployments, live, rollbacksMarked } = renderSnapshot([rollback, image]);
    expect(deployments.map((d) => [d.label, d.artifact, d.isRollback, d.restores])).toEqual([
      ['dep-rb (rollback, image ghcr.io/acme/app:1.2)', 'image sha256:0123456789abcdef', true, 'dep-img'],
      ['dep-img (image ghcr.io/acme/app:1.2)', 'image sha256:0123456789abcdef', false, undefined],
    ]);
    expect(live?.id).toBe('dep-rb');
    expect(rollbacksMarked).toBe(true);
  });
});

describe('the known good deploy on Render', () => {
  it('[good, good, bad(live)] → the middle one', () => {
    expect(
      decide([deploy('a', 'deactivated'), deploy('b', 'deactivated'), deploy('c', 'live')]),
    ).toMatchObject({
      kind: 'rollback',
      to: { id: 'b' },
    });
  });

  it('skips deploys that failed, were canceled, or were replaced before they finished', () => {
    const result = decide([
      deploy('a', 'deactivated'),
      deploy('b', 'build_failed'),
      deploy('c', 'update_failed'),
      deploy('d', 'canceled'),
      deploy('e', 'deactivated', { finishedAt: undefined }),
      deploy('f', 'live'),
    ]);
    expect(result).toMatchObject({ kind: 'rollback', to: { id: 'a' } });
  });

  it('a live rollback deploy is already the last known good: no cascade', () => {
    const a = deploy('a', 'deactivated');
    const b = deploy('b', 'deactivated');
    const c = deploy('c', 'deactivated');
    const rollback = deploy('r', 'live', { trigger: 'rollback', commit: b.commit });
    expect(decide([a, b, c, rollback])).toMatchObject({ kind: 'already-live', to: { id: 'b' } });
  });

  it('a live rollback whose restored deploy is beyond the history read still counts as a rollback', () => {
    const rollback = deploy('r', 'live', { trigger: 'rollback', commit: { id: 'very-old-commit' } });
    const result = decide([deploy('x', 'deactivated'), deploy('y', 'deactivated'), rollback]);
    expect(result).toMatchObject({ kind: 'already-live' });
    if (result.kind === 'already-live')
      expect(result.why).toMatch(/is a rollback to an older deploy of commit very-old-commit/);
  });

  it('a manual redeploy of the bad commit is not a rollback: it rolls back past both to the good one', () => {
    const good = deploy('good', 'deactivated');
    const bad = deploy('bad', 'deactivated');
    const redeploy = deploy('redeploy', 'live', { trigger: 'manual', commit: bad.commit });
    expect(decide([good, bad, redeploy])).toMatchObject({ kind: 'rollback', to: { id: 'good' } });
  });

  it(`treats a deploy with ${MAX_RETAINED_BUILDS} or more newer builds as expired on every plan`, () => {
    const old = deploy('old', 'deactivated');
    const newer = Array.from({ length: MAX_RETAINED_BUILDS }, (_, i) =>
      deploy(`n${i}`, i === MAX_RETAINED_BUILDS - 1 ? 'live' : 'deactivated'),
    );
    // Rollbacks and failed builds make no build: they do not push a deploy out.
    const noBuilds = [
      deploy('fail', 'build_failed'),
      deploy('rb', 'deactivated', { trigger: 'rollback', commit: newer[0]!.commit }),
    ];
    const snapshot = renderSnapshot([old, ...noBuilds, ...newer].reverse());
    const oldOne = snapshot.deployments.find((d) => d.id === 'old')!;
    expect(oldOne).toMatchObject({
      canRollback: false,
      ineligibleReason: expect.stringMatching(/at least 30 newer builds: Render keeps at most the last 30/),
    });
    expect(snapshot.deployments.find((d) => d.id === 'n0')!.canRollback).toBe(true);
    const result = decide([old, ...noBuilds, ...newer], 'old');
    expect(result).toMatchObject({
      kind: 'fail',
      message: expect.stringMatching(
        /the target old \(commit old-com\) cannot be rolled back to: at least 30 newer builds/,
      ),
    });
  });
});

describe('Render deploy progress', () => {
  it('says live, in progress, failed or canceled, with what to look at', () => {
    expect(deployProgress(deploy('x', 'live'), 'ours')).toMatchObject({ state: 'live', deploymentId: 'x' });
    expect(deployProgress(deploy('x', 'update_in_progress'), 'ours')).toMatchObject({ state: 'in-progress' });
    expect(deployProgress(deploy('x', 'update_failed'), 'ours')).toMatchObject({
      state: 'failed',
      status: 'update_failed',
      detail: expect.stringMatching(/logs in the Render Dashboard; the old build did not start/),
    });
    expect(deployProgress(deploy('x', 'canceled'), 'theirs')).toMatchObject({ state: 'canceled' });
  });

  it('our rollback replaced before we saw it live is a failure; their deploy that went live and was replaced is live', () => {
    expect(deployProgress(deploy('x', 'deactivated'), 'ours')).toMatchObject({
      state: 'failed',
      detail: expect.stringMatching(/replaced by a newer deploy/),
    });
    expect(deployProgress(deploy('x', 'deactivated'), 'theirs')).toMatchObject({ state: 'live' });
  });

  it('an unknown status is never success: it keeps polling and says why', () => {
    expect(deployProgress(deploy('x', 'pre_deploy_queued'), 'ours')).toMatchObject({
      state: 'in-progress',
      detail:
        "Render reports the status 'pre_deploy_queued', which this version does not know: not treated as success",
    });
  });
});
