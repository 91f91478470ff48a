import { timeline } from '../../../__fixtures__/context.js';
import { annotateRollbacks, assess } from '../../../src/providers/assess.js';
import type { RailwayDeployment } from '../../../src/providers/railway/client.js';
import {
  artifactOf,
  deploymentInPlace,
  normaliseDeployments,
  progressOf,
  readMeta,
  RESTORED_UNKNOWN,
  toDeployment,
} from '../../../src/providers/railway/deployments.js';

const nextHour = timeline(3_600_000);
function node(id: string, status: string, extra: Partial<RailwayDeployment> = {}): RailwayDeployment {
  return {
    id,
    status,
    createdAt: nextHour(),
    statusUpdatedAt: null,
    canRollback: true,
    canRedeploy: true,
    deploymentStopped: false,
    meta: { reason: 'deploy', commitHash: `${id}`.padEnd(40, '0') },
    serviceId: 'svc',
    environmentId: 'env',
    ...extra,
  };
}

describe('Railway meta', () => {
  it('reads the fields it knows from an object or a JSON string, and ignores anything else', () => {
    expect(readMeta({ reason: 'rollback', commitHash: 'abc', image: 7, extra: { x: 1 } })).toEqual({
      reason: 'rollback',
      commitHash: 'abc',
    });
    expect(readMeta('{"reason":"deploy","branch":"main"}')).toEqual({ reason: 'deploy', branch: 'main' });
    for (const junk of [null, undefined, 'not json', [1, 2], 42, { reason: '  ' }])
      expect(readMeta(junk)).toEqual({});
  });

  it('takes an image digest or a pinned image as the artifact, never an image by tag alone', () => {
    expect(artifactOf({ imageDigest: 'sha256:1', image: 'app:latest', commitHash: 'c' })).toBe(
      'digest sha256:1',
    );
    expect(artifactOf({ image: 'ghcr.io/acme/app@sha256:2', commitHash: 'c' })).toBe(
      'image ghcr.io/acme/app@sha256:2',
    );
    expect(artifactOf({ image: 'ghcr.io/acme/app:latest' })).toBeUndefined();
    expect(artifactOf({ image: 'ghcr.io/acme/app:latest', commitHash: 'c' })).toBe('commit c');
  });
});

describe('the deployment in place', () => {
  it('is the newest active one that is SUCCESS, SLEEPING or CRASHED', () => {
    const old = node('old', 'REMOVED');
    const live = node('live', 'SUCCESS');
    const newer = node('newer', 'FAILED');
    expect(deploymentInPlace([newer, live, old], new Set(['live']))?.id).toBe('live');
    const sleeping = node('sleeping', 'SLEEPING');
    expect(deploymentInPlace([sleeping, live], new Set(['live', 'sleeping']))?.id).toBe('sleeping');
  });

  it('is a crashed deployment when that is what is in place, so the rollback starts from it', () => {
    const good = node('good', 'REMOVED');
    const crashed = node('crashed', 'CRASHED');
    const failed = node('failed', 'FAILED');
    const { live, deployments } = normaliseDeployments([failed, crashed, good], new Set());
    expect(live).toMatchObject({ id: 'crashed', state: 'failed', wasLive: true });
    expect(assess({ deployments, live }, undefined, () => undefined)).toMatchObject({
      kind: 'rollback',
      to: { id: 'good' },
    });
  });

  it('falls back to statuses when activeDeployments lists none of them', () => {
    const a = node('a', 'REMOVED');
    const b = node('b', 'SUCCESS');
    expect(normaliseDeployments([a, b], new Set(['gone'])).live?.id).toBe('b');
    expect(normaliseDeployments([node('x', 'FAILED')], new Set()).live).toBeUndefined();
  });
});

describe('Railway statuses, normalised', () => {
  const live = node('live-one', 'SUCCESS');
  const state = (status: string, extra: Partial<RailwayDeployment> = {}) => {
    const older = { ...node(`n-${status}`, status, extra), createdAt: '2025-06-01T00:00:00.000Z' };
    return toDeployment(older, live);
  };

  it.each([
    ['REMOVED', 'superseded', true],
    ['REMOVING', 'superseded', true],
    ['SUCCESS', 'superseded', true],
    ['SLEEPING', 'superseded', true],
    ['FAILED', 'failed', false],
    ['BUILDING', 'in-progress', false],
    ['DEPLOYING', 'in-progress', false],
    ['INITIALIZING', 'in-progress', false],
    ['QUEUED', 'in-progress', false],
    ['WAITING', 'in-progress', false],
    ['NEEDS_APPROVAL', 'inactive', false],
    ['SKIPPED', 'inactive', false],
    ['PAUSED_FOR_LUNCH', 'unknown', false],
  ])('%s is %s (was live: %s)', (status, expected, wasLive) => {
    expect(state(status)).toMatchObject({ state: expected, wasLive, status });
  });

  it('never counts a crashed deployment as known good, and says why', () => {
    expect(state('CRASHED')).toMatchObject({
      state: 'failed',
      canRollback: false,
      ineligibleReason: 'it crashed while it was live, so it is not known good',
    });
  });

  it('says that an expired image is why a replaced deployment cannot be rolled back to', () => {
    expect(state('REMOVED', { canRollback: false }).ineligibleReason).toMatch(
      /^Railway no longer keeps its image \(images of replaced deployments are kept 24 h on Free, 72 h on Hobby, 120 h on Pro, 360 h on Enterprise\)$/,
    );
  });

  it('labels with the short id and the commit, and keeps the full id', () => {
    const d = toDeployment(
      node('3f2a9c1d-5b6e-4f70-8a91-2b3c4d5e6f70', 'REMOVED', { meta: { commitHash: 'abcdef1234567' } }),
      live,
    );
    expect(d).toMatchObject({
      id: '3f2a9c1d-5b6e-4f70-8a91-2b3c4d5e6f70',
      label: '3f2a9c1d (commit abcdef1)',
    });
  });

  it.each([
    ['SUCCESS', 'live'],
    ['SLEEPING', 'live'],
    ['FAILED', 'failed'],
    ['CRASHED', 'failed'],
    ['REMOVED', 'canceled'],
    ['SKIPPED', 'canceled'],
    ['DEPLOYING', 'in-progress'],
    ['NEEDS_APPROVAL', 'in-progress'],
  ])('a followed deployment that is %s is %s', (status, expected) => {
    expect(progressOf(node('x', status)).state).toBe(expected);
  });

  it('keeps following a deployment in an unknown status, and says it is not success', () => {
    expect(progressOf(node('x', 'DONE_ISH'))).toEqual({
      state: 'in-progress',
      detail: 'unknown status DONE_ISH, not treated as success',
    });
  });
});

describe('rollbacks, recognised', () => {
  it('links a marked rollback to the newest older deployment with the same commit', () => {
    const a = node('a', 'REMOVED', { meta: { reason: 'deploy', commitHash: 'A' } });
    const b = node('b', 'REMOVED', { meta: { reason: 'deploy', commitHash: 'B' } });
    const c = node('c', 'REMOVED', { meta: { reason: 'deploy', commitHash: 'C' } });
    const r = node('r', 'SUCCESS', { meta: { reason: 'rollback', commitHash: 'B' } });
    const { live, deployments } = normaliseDeployments([a, b, c, r], new Set(['r']));
    expect(live).toMatchObject({ id: 'r', isRollback: true, restores: 'b' });
    expect(assess({ deployments, live }, undefined, () => undefined)).toMatchObject({ kind: 'already-live' });
  });

  it('still counts a marked rollback whose original it cannot find, so a second run does not roll back past it', () => {
    const a = node('a', 'REMOVED', { meta: { reason: 'deploy' } });
    const bad = node('bad', 'REMOVED', { meta: { reason: 'deploy' } });
    const r = node('r', 'SUCCESS', { meta: { reason: 'rollback' } });
    const snapshot = annotateRollbacks({
      ...normaliseDeployments([a, bad, r], new Set(['r'])),
      rollbacksMarked: true,
    });
    expect(snapshot.live?.restores).toBe(RESTORED_UNKNOWN);
    const assessment = assess(snapshot, undefined, () => undefined);
    expect(assessment).toMatchObject({ kind: 'already-live' });
    expect(assessment.kind === 'already-live' && assessment.why).toMatch(
      /is a rollback to an earlier deployment/,
    );
    // An explicit target still works.
    expect(assess(snapshot, 'a', (t) => snapshot.deployments.find((d) => d.id === t))).toMatchObject({
      kind: 'rollback',
      to: { id: 'a' },
    });
  });

  it('sorts newest first and drops duplicates (a deployment listed and also active)', () => {
    const a = node('a', 'REMOVED');
    const b = node('b', 'SUCCESS');
    const { deployments } = normaliseDeployments([a, b, b, a], new Set(['b']));
    expect(deployments.map((d) => d.id)).toEqual(['b', 'a']);
  });
});
