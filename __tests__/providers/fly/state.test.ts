import { annotateRollbacks, assess } from '../../../src/providers/assess.js';
import type { FlyLease, FlyMachine, FlyRelease } from '../../../src/providers/fly/schemas.js';
import {
  ABANDONED_AFTER_MS,
  buildFlyState,
  fleetMachines,
  findFlyTarget,
  sameImage,
  shortImage,
  UPDATING_ID,
  type FlyState,
} from '../../../src/providers/fly/state.js';

const NOW = Date.UTC(2026, 0, 1, 12);
const image = (tag: string) => `registry.fly.io/demo:${tag}`;

function release(version: number, tag: string, extra: Partial<FlyRelease> = {}): FlyRelease {
  return {
    id: `rel-${version}`,
    version,
    status: 'complete',
    stable: true,
    imageRef: image(tag),
    // Fly's own format: seconds, no milliseconds.
    createdAt: new Date(NOW - (100 - version) * 60_000).toISOString().replace(/\.000Z$/, 'Z'),
    revertedTo: undefined,
    ...extra,
  };
}

function machine(
  id: string,
  tag: string,
  extra: { state?: string; version?: number; updatedAt?: number } & Partial<FlyMachine> = {},
): FlyMachine {
  const { version, updatedAt, ...rest } = extra;
  return {
    id,
    name: `demo-${id}`,
    state: 'started',
    region: 'ams',
    instance_id: `inst-${id}`,
    config: {
      image: image(tag),
      metadata:
        version === undefined
          ? { fly_process_group: 'app' }
          : { fly_process_group: 'app', fly_release_version: String(version) },
    },
    checks: [{ name: 'health', status: 'passing' }],
    updated_at: new Date(updatedAt ?? NOW - 30 * 60_000).toISOString(),
    ...rest,
  };
}

/** [good, good, bad(live)], newest first. */
const history = () => [release(3, 'bad-3'), release(2, 'good-2'), release(1, 'good-1')];

function state(
  releases: FlyRelease[],
  machines: FlyMachine[],
  leases?: Map<string, FlyLease | undefined>,
): FlyState {
  return buildFlyState({ app: 'demo', releases, machines, leases, now: NOW });
}

function decide(s: FlyState, target?: string) {
  const snapshot = annotateRollbacks(s.snapshot);
  return assess(snapshot, target, (t) => findFlyTarget(s, snapshot, t));
}

describe('what is live on Fly', () => {
  it('is the release the machines run; every release is a deployment v<version> with its image', () => {
    const s = state(history(), [
      machine('a', 'bad-3', { version: 3 }),
      machine('b', 'bad-3', { version: 3 }),
    ]);
    expect(s.snapshot.live?.id).toBe('v3');
    expect(s.snapshot.deployments.map((d) => [d.id, d.state, d.wasLive])).toEqual([
      ['v3', 'live', true],
      ['v2', 'superseded', true],
      ['v1', 'superseded', true],
    ]);
    expect(s.snapshot.deployments[1]).toMatchObject({
      label: 'v2 (registry.fly.io/demo:good-2)',
      artifact: image('good-2'),
      canRollback: true,
      // Normalised, so that ordering by text is ordering by time.
      createdAt: new Date(NOW - 98 * 60_000).toISOString(),
    });
    expect(s.mixed).toBe(false);
    expect(decide(s)).toMatchObject({ kind: 'rollback', to: { id: 'v2' } });
  });

  it('recognises machines running an older release’s image as a rollback, so a second run is already-live', () => {
    // What a rollback leaves: v2's image, the metadata still naming v3 (only the image changes).
    const s = state(history(), [
      machine('a', 'good-2', { version: 3, updatedAt: NOW - 60_000 }),
      machine('b', 'good-2', { version: 3 }),
    ]);
    expect(s.snapshot.live).toMatchObject({
      id: 'machines:v2',
      isRollback: true,
      restores: 'v2',
      artifact: image('good-2'),
      createdAt: new Date(NOW - 60_000).toISOString(),
    });
    expect(s.snapshot.deployments.find((d) => d.id === 'v2')?.state).toBe('superseded');
    expect(decide(s)).toMatchObject({ kind: 'already-live', to: { id: 'v2' } });
    // Going further back takes an explicit target.
    expect(decide(s, 'v1')).toMatchObject({ kind: 'rollback', to: { id: 'v1' } });
    expect(decide(s, '2')).toMatchObject({ kind: 'already-live' });
  });

  it('counts it as a rollback even without metadata, when a newer release completed with another image', () => {
    const s = state(history(), [machine('a', 'good-2')]);
    expect(s.snapshot.live).toMatchObject({ id: 'machines:v2', restores: 'v2' });
  });

  it('does not count it as a rollback when the newer release failed: the older one simply stayed live', () => {
    const releases = [
      release(3, 'bad-3', { status: 'failed', stable: false }),
      release(2, 'good-2'),
      release(1, 'good-1'),
    ];
    const s = state(releases, [machine('a', 'good-2', { version: 2 })]);
    expect(s.snapshot.live?.id).toBe('v2');
    expect(s.snapshot.deployments.find((d) => d.id === 'v3')).toMatchObject({
      state: 'failed',
      wasLive: false,
    });
    expect(decide(s)).toMatchObject({ kind: 'rollback', to: { id: 'v1' } });
  });

  it('counts machines moved back from a failed release their metadata still names as a rollback', () => {
    const releases = [release(4, 'bad-4', { status: 'failed', stable: false }), ...history()];
    const s = state(releases, [machine('a', 'bad-3', { version: 4 }), machine('b', 'bad-3', { version: 3 })]);
    expect(s.snapshot.live).toMatchObject({ id: 'machines:v3', restores: 'v3' });
  });

  it('does not take a release that kept the image (fly secrets set) for a rollback: it rolls back past it', () => {
    const releases = [release(4, 'bad-3'), ...history()];
    const s = state(releases, [machine('a', 'bad-3', { version: 4 })]);
    expect(s.snapshot.live).toMatchObject({ id: 'v4', isRollback: false });
    expect(decide(s)).toMatchObject({ kind: 'rollback', to: { id: 'v2' } });
  });

  it('takes a release that deployed a replaced image again (fly deploy --image <old>) for a rollback', () => {
    const releases = [release(4, 'good-2'), ...history()];
    const s = state(releases, [machine('a', 'good-2', { version: 4 })]);
    expect(s.snapshot.live).toMatchObject({ id: 'v4', isRollback: true, restores: 'v2' });
    expect(decide(s)).toMatchObject({ kind: 'already-live', to: { id: 'v2' } });
  });

  it('uses a release Fly marks as a revert (revertedTo) as a rollback to that version', () => {
    const releases = [release(4, 'good-2', { revertedTo: 2 }), ...history()];
    const s = state(releases, [machine('a', 'good-2', { version: 4 })]);
    expect(s.snapshot.live).toMatchObject({ id: 'v4', isRollback: true, restores: 'v2' });
    expect(decide(s)).toMatchObject({ kind: 'already-live', to: { id: 'v2' } });
  });

  it('treats machines on different images as the newest release any of them runs, and reports them', () => {
    // A rollback to v2 that stopped halfway: one machine moved, one not.
    const s = state(history(), [
      machine('a', 'good-2', { version: 3 }),
      machine('b', 'bad-3', { version: 3 }),
    ]);
    expect(s.mixed).toBe(true);
    expect(s.snapshot.live?.id).toBe('v3');
    expect(decide(s)).toMatchObject({ kind: 'rollback', to: { id: 'v2' } });
    expect(s.snapshot.details?.fly).toMatchObject({
      mixedImages: true,
      images: [
        { image: image('good-2'), release: 'v2', machines: ['a'] },
        { image: image('bad-3'), release: 'v3', machines: ['b'] },
      ],
    });
  });

  it('counts stopped machines too: a straggler on the bad image would come back when auto-started', () => {
    const s = state(history(), [
      machine('a', 'good-2', { version: 3 }),
      machine('b', 'bad-3', { version: 3, state: 'stopped' }),
    ]);
    expect(s.mixed).toBe(true);
    expect(s.snapshot.live?.id).toBe('v3');
  });

  it('sees a machine update in progress when machines disagree and some are leased: the flow waits', () => {
    const leases = new Map<string, FlyLease | undefined>([
      ['a', undefined],
      ['b', { nonce: 'n', owner: 'other@tokens.fly.io', expiresAt: NOW + 60_000 }],
    ]);
    const s = state(
      history(),
      [machine('a', 'good-2', { version: 3 }), machine('b', 'bad-3', { version: 3 })],
      leases,
    );
    const pending = s.snapshot.deployments[0];
    expect(pending).toMatchObject({ id: UPDATING_ID, state: 'in-progress' });
    expect(pending?.label).toContain('b by other@tokens.fly.io');
    expect(decide(s)).toMatchObject({ kind: 'wait', pending: { id: UPDATING_ID } });
    // An expired lease protects nothing.
    leases.set('b', { nonce: 'n', expiresAt: NOW - 1 });
    expect(decide(state(history(), s.machines, leases)).kind).toBe('rollback');
  });

  it('waits for a deploy in progress (a running release), even when some machines already run it', () => {
    const releases = [
      release(4, 'new-4', {
        status: 'running',
        stable: false,
        createdAt: new Date(NOW - 60_000).toISOString(),
      }),
      ...history(),
    ];
    const s = state(releases, [machine('a', 'new-4', { version: 4 }), machine('b', 'bad-3', { version: 3 })]);
    expect(s.snapshot.live?.id).toBe('v3');
    expect(decide(s)).toMatchObject({ kind: 'wait', pending: { id: 'v4' } });
  });

  it('treats a release running for over 10 minutes with no machine leased as an abandoned deploy', () => {
    const old = new Date(NOW - ABANDONED_AFTER_MS - 1000).toISOString();
    const releases = [
      release(4, 'new-4', { status: 'running', stable: false, createdAt: old }),
      ...history(),
    ];
    const machines = [machine('a', 'bad-3', { version: 3 })];
    // Leases not looked up: still in progress, to be safe.
    expect(decide(state(releases, machines)).kind).toBe('wait');
    const free = new Map<string, FlyLease | undefined>([['a', undefined]]);
    const s = state(releases, machines, free);
    expect(s.snapshot.deployments.find((d) => d.id === 'v4')).toMatchObject({
      state: 'inactive',
      wasLive: false,
    });
    expect(s.snapshot.deployments.find((d) => d.id === 'v4')?.status).toContain('abandoned');
    expect(decide(s)).toMatchObject({ kind: 'rollback', to: { id: 'v2' } });
  });

  it('names machines on an image no release has, and rolls back to the newest release that was live', () => {
    const s = state(history(), [machine('a', 'hotfix')]);
    expect(s.snapshot.live).toMatchObject({ id: `machines:${image('hotfix')}`, isRollback: false });
    expect(decide(s)).toMatchObject({ kind: 'rollback', to: { id: 'v3' } });
  });

  it('leaves out destroyed machines, ephemeral ones and release-command machines', () => {
    const machines = [
      machine('a', 'bad-3', { version: 3 }),
      machine('gone', 'good-1', { state: 'destroyed' }),
      { ...machine('console', 'good-1'), config: { image: image('good-1'), auto_destroy: true } },
      {
        ...machine('release', 'good-1'),
        config: { image: image('good-1'), metadata: { fly_process_group: 'fly_app_release_command' } },
      },
    ];
    expect(fleetMachines(machines).map((m) => m.id)).toEqual(['a']);
    expect(state(history(), machines).mixed).toBe(false);
  });

  it('goes by the stopped machines when none is started (an auto-stopped app)', () => {
    const s = state(history(), [machine('a', 'bad-3', { version: 3, state: 'stopped' })]);
    expect(s.snapshot.live?.id).toBe('v3');
  });

  it('has nothing live without machines', () => {
    const s = state(history(), []);
    expect(s.snapshot.live).toBeUndefined();
    expect(decide(s)).toMatchObject({ kind: 'fail' });
  });

  it('does not offer a release without an image as a target', () => {
    const releases = [release(3, 'bad-3'), release(2, 'x', { imageRef: undefined }), release(1, 'good-1')];
    const s = state(releases, [machine('a', 'bad-3', { version: 3 })]);
    expect(s.snapshot.deployments.find((d) => d.id === 'v2')).toMatchObject({
      canRollback: false,
      ineligibleReason: 'the release has no image',
    });
    expect(decide(s)).toMatchObject({ kind: 'rollback', to: { id: 'v1' } });
  });
});

describe('the target input on Fly', () => {
  const s = state(history(), [machine('a', 'bad-3', { version: 3 })]);
  const find = (target: string) => findFlyTarget(s, s.snapshot, target)?.id;

  it('accepts a version, v<version>, a release id and an image ref', () => {
    expect(find('1')).toBe('v1');
    expect(find('v1')).toBe('v1');
    expect(find('V2')).toBe('v2');
    expect(find('rel-2')).toBe('v2');
    expect(find(image('good-1'))).toBe('v1');
    expect(find(' v2 ')).toBe('v2');
  });

  it('finds nothing for anything else', () => {
    expect(find('v9')).toBeUndefined();
    expect(find('registry.fly.io/demo:nope')).toBeUndefined();
  });

  it('picks, among releases with one image, the newest that was live', () => {
    const releases = [release(4, 'good-1', { status: 'failed', stable: false }), ...history()];
    const t = state(releases, [machine('a', 'bad-3', { version: 3 })]);
    expect(findFlyTarget(t, t.snapshot, image('good-1'))?.id).toBe('v1');
  });
});

describe('image refs', () => {
  const digest = 'sha256:' + 'ab'.repeat(32);
  it('are the same whether or not Docker Hub is spelt out', () => {
    expect(sameImage('nginx:1.27', 'docker.io/library/nginx:1.27')).toBe(true);
    expect(sameImage('acme/app:1', 'index.docker.io/acme/app:1')).toBe(true);
    expect(sameImage('registry.fly.io/app:1', 'docker.io/app:1')).toBe(false);
    expect(sameImage('localhost:5000/app:1', 'app:1')).toBe(false);
  });

  it('are the same by reference or by digest', () => {
    expect(sameImage('r/a:1', 'r/a:1')).toBe(true);
    expect(sameImage(`r/a@${digest}`, `registry.fly.io/a@${digest}`)).toBe(true);
    expect(sameImage('r/a:1', 'r/a:2')).toBe(false);
    expect(sameImage(undefined, 'r/a:1')).toBe(false);
  });
  it('shorten long digests for people', () => {
    expect(shortImage(`r/a@${digest}`)).toBe('r/a@sha256:abababababab…');
    expect(shortImage('r/a:deployment-01H')).toBe('r/a:deployment-01H');
  });
});
