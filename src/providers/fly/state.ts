/**
 * What is live on Fly.io, from releases (GraphQL) and machines (Machines API). Pure: the provider
 * reads, this decides. The rules, in the words the README uses:
 *
 * - A deployment per release, id `v<version>` (what `fly releases` shows, and what `target`
 *   accepts); its artifact is the release's image. A release was live (a "known good" candidate)
 *   when its status is `complete` or Fly marks it `stable`.
 * - What is live is what the machines run. The machines that count are the app's fleet: not
 *   destroyed, not ephemeral (`auto_destroy`, release-command machines). Stopped machines count
 *   too: an auto-stopped machine starts again with whatever image it has.
 * - All machines on one image: live is the release of that image (the one the machines' metadata
 *   names, else the newest with that image). When a newer release with a different image completed
 *   (or is the one the machines' metadata still names: a rollback replaces only the image), the
 *   machines were rolled back: live is then the machines' own state,
 *   `machines:v<n>` ("the machines, running v<n>'s image"), a deployment that restores v<n>. That is
 *   how a second run right after a rollback sees `already-live`, and why rollbacks never cascade.
 * - Machines on different images (a rolling update that stopped halfway, or a straggler): live is
 *   the newest release any of them runs, so a rollback moves every machine not yet on the target,
 *   and the report lists which machine runs which image. When some of them are leased, an update is
 *   still going on: that is an in-progress deployment, `machines:updating`, and the flow waits.
 * - A release that deploys an image an earlier release had and a later one replaced (`fly deploy
 *   --image <old>`, Fly's rollback recipe) is a rollback to that release; one that keeps the
 *   previous release's image (`fly secrets set`) is the same code, not a rollback.
 * - A release whose status is `running` is a deploy in progress (the flow waits for it), unless it
 *   is older than 10 minutes and no machine is leased: then the deploy was abandoned.
 */
import type { Deployment, DeploymentState, ProviderSnapshot } from '../types.js';
import type { FlyLease, FlyMachine, FlyRelease } from './schemas.js';

/** A `running` release older than this, while no machine is leased, is an abandoned deploy. */
export const ABANDONED_AFTER_MS = 10 * 60_000;
/** The id of the in-progress deployment that stands for someone else's machine update. */
export const UPDATING_ID = 'machines:updating';
/** flyctl's process group for release-command machines (ephemeral, not part of the app). */
const RELEASE_COMMAND_GROUP = 'fly_app_release_command';
const GONE_STATES = new Set(['destroyed', 'destroying']);

export interface FlyStateInput {
  app: string;
  /** Newest first. */
  releases: FlyRelease[];
  machines: FlyMachine[];
  /** Leases by machine id, when they were looked up (undefined = not looked up). */
  leases?: Map<string, FlyLease | undefined>;
  now: number;
}

/** A machine, as the report and summary show it. */
export interface MachineView {
  id: string;
  name?: string;
  region?: string;
  state: string;
  image: string;
  /** The release whose image it runs ('v2'), when one does. */
  release?: string;
  /** 'passing 2/2', 'critical: http (connection refused)', or 'no checks'. */
  checks: string;
  /** Who holds its lease, when someone does. */
  leasedBy?: string;
}

export interface ImageGroup {
  image: string;
  release?: FlyRelease;
  machines: FlyMachine[];
}

export interface FlyState {
  app: string;
  releases: FlyRelease[];
  /** The fleet: machines a rollback moves. */
  machines: FlyMachine[];
  groups: ImageGroup[];
  mixed: boolean;
  /** The image that counts as live (undefined when nothing is). */
  liveImage?: string;
  /** Leased fleet machines, when leases were looked up. */
  leased: { machine: string; owner?: string }[];
  snapshot: ProviderSnapshot;
}

/** The machines that make up the app (what a rollback moves). */
export function fleetMachines(machines: FlyMachine[]): FlyMachine[] {
  return machines.filter(
    (m) =>
      !GONE_STATES.has(m.state) &&
      m.config.auto_destroy !== true &&
      m.config.metadata?.fly_process_group !== RELEASE_COMMAND_GROUP,
  );
}

/** Same image: the same reference, or the same digest. */
export function sameImage(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  if (normalImage(a) === normalImage(b)) return true;
  const digest = (ref: string) => /@(sha256:[0-9a-f]{64})$/i.exec(ref)?.[1]?.toLowerCase();
  const da = digest(a);
  return da !== undefined && da === digest(b);
}

/** Docker Hub's implicit parts made explicit: 'nginx:1' and 'docker.io/library/nginx:1' are one image. */
function normalImage(ref: string): string {
  const name = ref.trim().replace(/^(?:index\.docker\.io|registry-1\.docker\.io|docker\.io)\//, '');
  const parts = name.split('/');
  const hasRegistry = parts.length > 1 && /[.:]|^localhost$/.test(parts[0] as string);
  if (hasRegistry) return name;
  return `docker.io/${parts.length === 1 ? 'library/' : ''}${name}`;
}

/** 'registry.fly.io/app@sha256:0123456789ab…' for long digests; tags as they are. */
export function shortImage(image: string): string {
  return image.replace(/@sha256:([0-9a-f]{12})[0-9a-f]{52}$/i, '@sha256:$1…');
}

export const releaseId = (version: number): string => `v${version}`;

type ReleaseKind = 'in-progress' | 'complete' | 'failed' | 'canceled' | 'abandoned' | 'unknown';

function releaseKind(release: FlyRelease, now: number, leasesKnownFree: boolean): ReleaseKind {
  const status = release.status.toLowerCase();
  if (status === 'complete' || status === 'completed' || status === 'succeeded') return 'complete';
  if (status === 'running' || status === 'pending') {
    const age = now - Date.parse(release.createdAt);
    return age >= ABANDONED_AFTER_MS && leasesKnownFree ? 'abandoned' : 'in-progress';
  }
  if (status === 'failed') return 'failed';
  if (status === 'interrupted' || status === 'canceled' || status === 'cancelled') return 'canceled';
  // A release Fly marks stable was healthy, whatever else its status says.
  return release.stable ? 'complete' : 'unknown';
}

const KIND_STATE: Record<ReleaseKind, DeploymentState> = {
  'in-progress': 'in-progress',
  complete: 'superseded',
  failed: 'failed',
  canceled: 'canceled',
  abandoned: 'inactive',
  unknown: 'unknown',
};

/** Whether a release went live: `complete` (or marked stable). The "known good" candidates. */
export function completedRelease(release: FlyRelease): boolean {
  return releaseKind(release, 0, false) === 'complete';
}

/** Whether a running release is old enough that its deploy may have been abandoned. */
export function hasAgingRunningRelease(releases: FlyRelease[], now: number): boolean {
  return releases.some((r) => releaseKind(r, now, true) === 'abandoned');
}

/** The release an image group runs: the one its machines' metadata names, else the newest with it. */
function releaseForImage(
  image: string,
  machines: FlyMachine[],
  releases: FlyRelease[],
): FlyRelease | undefined {
  const named = new Set(
    machines.map((m) => Number(m.config.metadata?.fly_release_version)).filter(Number.isFinite),
  );
  return (
    releases.find((r) => named.has(r.version) && sameImage(r.imageRef, image)) ??
    releases.find((r) => sameImage(r.imageRef, image))
  );
}

function latest(times: (string | undefined)[]): number | undefined {
  const parsed = times.map((t) => (t ? Date.parse(t) : NaN)).filter((t) => !Number.isNaN(t));
  return parsed.length ? Math.max(...parsed) : undefined;
}

const iso = (text: string | number): string => new Date(text).toISOString();

function releaseLabel(release: FlyRelease): string {
  return `${releaseId(release.version)}${release.imageRef ? ` (${shortImage(release.imageRef)})` : ''}`;
}

/** 'passing 2/2', 'critical: http (connection refused)', 'no checks'. */
export function describeChecks(machine: FlyMachine): string {
  const checks = machine.checks ?? [];
  if (checks.length === 0) return 'no checks';
  const passing = checks.filter((c) => c.status.toLowerCase() === 'passing').length;
  if (passing === checks.length) return `passing ${passing}/${checks.length}`;
  const bad = checks.filter((c) => c.status.toLowerCase() !== 'passing');
  return bad
    .map(
      (c) =>
        `${c.status}: ${c.name}${c.output ? ` (${c.output.replace(/\s+/g, ' ').trim().slice(0, 80)})` : ''}`,
    )
    .join('; ');
}

export function buildFlyState(input: FlyStateInput): FlyState {
  const { releases, now } = input;
  const machines = fleetMachines(input.machines);
  const leased = heldLeases(machines, input.leases, now);
  const leasesKnownFree = input.leases !== undefined && leased.length === 0;
  const kinds = new Map(releases.map((r) => [r.id, releaseKind(r, now, leasesKnownFree)]));
  const groups = imageGroups(machines, releases);
  const mixed = groups.length > 1;
  const liveGroup = pickLiveGroup(groups, kinds);

  const deployments = releaseDeployments(releases, kinds, liveGroup);
  const live = liveGroup ? liveDeployment(liveGroup, { releases, kinds, deployments, now }) : undefined;
  // Someone else is moving machines (leases held while they disagree): wait for them.
  if (mixed && leased.length > 0) deployments.push(updatingDeployment(leased, live, now));
  deployments.sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  const state: FlyState = {
    app: input.app,
    releases,
    machines,
    groups,
    mixed,
    liveImage: liveGroup?.image,
    leased,
    // Rollbacks are marked (machines:v<n>, reverts, deploys of a replaced image): a release that
    // merely keeps the previous image (`fly secrets set`) stands for that code but is no rollback.
    snapshot: { deployments, live, details: {}, rollbacksMarked: true },
  };
  state.snapshot.details = { fly: flyDetails(state) };
  return state;
}

/** Fleet machines whose lease someone holds now (when leases were looked up). */
function heldLeases(
  machines: FlyMachine[],
  leases: FlyStateInput['leases'],
  now: number,
): FlyState['leased'] {
  return machines
    .map((m) => ({ machine: m.id, lease: leases?.get(m.id) }))
    .filter((entry) => entry.lease && (entry.lease.expiresAt === undefined || entry.lease.expiresAt > now))
    .map((entry) => ({ machine: entry.machine, owner: entry.lease?.owner }));
}

/** The machines by the image they run (the same image under two names is one group). */
function imageGroups(machines: FlyMachine[], releases: FlyRelease[]): ImageGroup[] {
  const byImage = new Map<string, FlyMachine[]>();
  for (const machine of machines) {
    const key =
      [...byImage.keys()].find((image) => sameImage(image, machine.config.image)) ?? machine.config.image;
    byImage.set(key, [...(byImage.get(key) ?? []), machine]);
  }
  return [...byImage.entries()].map(([image, members]) => ({
    image,
    release: releaseForImage(image, members, releases),
    machines: members,
  }));
}

/**
 * The group that counts as live: never a release still being deployed (that one is pending); among
 * the rest the newest release, an image of no known release counting as newest of all.
 */
function pickLiveGroup(groups: ImageGroup[], kinds: Map<string, ReleaseKind>): ImageGroup | undefined {
  const rank = (g: ImageGroup) => (g.release ? g.release.version : Number.POSITIVE_INFINITY);
  return groups
    .filter((g) => !g.release || kinds.get(g.release.id) !== 'in-progress')
    .sort(
      (a, b) =>
        rank(b) - rank(a) ||
        (latest(b.machines.map((m) => m.updated_at)) ?? 0) -
          (latest(a.machines.map((m) => m.updated_at)) ?? 0),
    )[0];
}

/** A deployment per release, `v<version>`. */
function releaseDeployments(
  releases: FlyRelease[],
  kinds: Map<string, ReleaseKind>,
  liveGroup: ImageGroup | undefined,
): Deployment[] {
  const rollbacks = releaseRollbacks(releases, kinds);
  return releases.map((release) => {
    const kind = kinds.get(release.id) as ReleaseKind;
    const isLive = liveGroup?.release?.id === release.id;
    return {
      id: releaseId(release.version),
      label: releaseLabel(release),
      createdAt: iso(release.createdAt),
      state: isLive ? 'live' : KIND_STATE[kind],
      status: `${release.status}${release.stable ? ' (stable)' : ''}${kind === 'abandoned' ? ' (abandoned: no machine is being updated)' : ''}`,
      wasLive: kind === 'complete' || isLive,
      // Fly does not say whether the image is still in its registry: assumed so (README: limits).
      canRollback: Boolean(release.imageRef),
      ineligibleReason: release.imageRef ? undefined : 'the release has no image',
      artifact: release.imageRef,
      isRollback: release.revertedTo !== undefined || rollbacks.has(release.id),
      restores: release.revertedTo !== undefined ? releaseId(release.revertedTo) : rollbacks.get(release.id),
    };
  });
}

/**
 * The deployment that is live, from the live group: its release's; or the machines' own state when
 * they run an image of no release, or were rolled back (then added to `deployments`, and the
 * release they run marked superseded).
 */
function liveDeployment(
  group: ImageGroup,
  context: {
    releases: FlyRelease[];
    kinds: Map<string, ReleaseKind>;
    deployments: Deployment[];
    now: number;
  },
): Deployment | undefined {
  const { releases, kinds, deployments } = context;
  const liveRelease = group.release;
  const machinesTime = latest(group.machines.map((m) => m.updated_at));
  if (!liveRelease) {
    const live: Deployment = {
      id: `machines:${group.image}`,
      label: `machines on ${shortImage(group.image)} (an image of no release)`,
      createdAt: iso(machinesTime ?? context.now),
      state: 'live',
      status: 'machines run an image no release has',
      wasLive: true,
      canRollback: true,
      artifact: group.image,
      isRollback: false,
    };
    deployments.push(live);
    return live;
  }
  // A newer release with another image completed (or the machines' own metadata names it), yet the
  // machines run this one: they were rolled back. (A rollback replaces only the image, so the
  // metadata keeps naming the release rolled back from.)
  const named = new Set(group.machines.map((m) => Number(m.config.metadata?.fly_release_version)));
  const rolledBackFrom = releases.find(
    (r) =>
      r.version > liveRelease.version &&
      (kinds.get(r.id) === 'complete' || named.has(r.version)) &&
      !sameImage(r.imageRef, liveRelease.imageRef),
  );
  const ofRelease = deployments.find((d) => d.id === releaseId(liveRelease.version));
  if (!rolledBackFrom) return ofRelease;
  if (ofRelease) Object.assign(ofRelease, { state: 'superseded' });
  const floor = Math.max(Date.parse(liveRelease.createdAt), Date.parse(rolledBackFrom.createdAt)) + 1;
  const live: Deployment = {
    id: `machines:${releaseId(liveRelease.version)}`,
    label: `machines on ${releaseLabel(liveRelease)}, rolled back from ${releaseId(rolledBackFrom.version)}`,
    createdAt: iso(Math.max(floor, machinesTime ?? floor)),
    state: 'live',
    status: `the machines run the image of ${releaseId(liveRelease.version)}`,
    wasLive: true,
    canRollback: Boolean(liveRelease.imageRef),
    artifact: liveRelease.imageRef,
    isRollback: true,
    restores: releaseId(liveRelease.version),
  };
  deployments.push(live);
  return live;
}

/** The in-progress deployment that stands for someone else's machine update. */
function updatingDeployment(
  leased: FlyState['leased'],
  live: Deployment | undefined,
  now: number,
): Deployment {
  const after = live ? Date.parse(live.createdAt) + 1 : now;
  return {
    id: UPDATING_ID,
    label: `a machine update in progress (leased: ${leased.map((l) => `${l.machine}${l.owner ? ` by ${l.owner}` : ''}`).join(', ')})`,
    createdAt: iso(Math.max(now, after)),
    state: 'in-progress',
    status: 'machines leased and on different images',
    wasLive: false,
    canRollback: false,
    ineligibleReason: 'it is an update in progress, not a release',
    isRollback: false,
  };
}

/**
 * Releases that went back to an image an earlier release had and a later one replaced — `fly deploy
 * --image <old image>`, Fly's own rollback recipe — by id, with the release whose image they
 * restored. A release with the same image as the release that went live just before it is not one:
 * that is a config or secrets change (`fly secrets set` makes a release), the same code as before.
 */
function releaseRollbacks(releases: FlyRelease[], kinds: Map<string, ReleaseKind>): Map<string, string> {
  const rollbacks = new Map<string, string>();
  const oldestFirst = [...releases].sort((a, b) => a.version - b.version);
  let previous: FlyRelease | undefined;
  for (const [index, release] of oldestFirst.entries()) {
    if (previous && release.imageRef && !sameImage(previous.imageRef, release.imageRef)) {
      const restored = oldestFirst
        .slice(0, index)
        .reverse()
        .find((older) => kinds.get(older.id) === 'complete' && sameImage(older.imageRef, release.imageRef));
      if (restored) rollbacks.set(release.id, releaseId(restored.version));
    }
    if (kinds.get(release.id) === 'complete') previous = release;
  }
  return rollbacks;
}

/** The machines as the report shows them. */
export function machineViews(state: Pick<FlyState, 'machines' | 'groups' | 'leased'>): MachineView[] {
  return state.machines.map((machine) => {
    const group = state.groups.find((g) => g.machines.includes(machine));
    return {
      id: machine.id,
      name: machine.name,
      region: machine.region,
      state: machine.state,
      image: machine.config.image,
      release: group?.release ? releaseId(group.release.version) : undefined,
      checks: describeChecks(machine),
      leasedBy: state.leased.find((l) => l.machine === machine.id)?.owner,
    };
  });
}

/** The report's view of the fleet: which machines run which image. */
export function flyDetails(state: FlyState): Record<string, unknown> {
  return {
    app: state.app,
    mixedImages: state.mixed,
    images: state.groups.map((g) => ({
      image: g.image,
      release: g.release ? releaseId(g.release.version) : null,
      machines: g.machines.map((m) => m.id),
    })),
    machines: machineViews(state),
  };
}

/**
 * The deployment a `target` input names: a deployment id ('v41', 'machines:v41'), a version ('41'),
 * a release's GraphQL id, or an image ref (the newest release with that image that can be rolled
 * back to, else the newest with it).
 */
export function findFlyTarget(
  state: FlyState,
  snapshot: ProviderSnapshot,
  target: string,
): Deployment | undefined {
  const text = target.trim();
  const byId = (id: string) => snapshot.deployments.find((d) => d.id === id);
  const exact = byId(text);
  if (exact) return exact;
  const version = /^v?(\d+)$/i.exec(text)?.[1];
  if (version !== undefined) return byId(releaseId(Number(version)));
  const release = state.releases.find((r) => r.id === text);
  if (release) return byId(releaseId(release.version));
  const withImage = snapshot.deployments.filter(
    (d) => !d.id.startsWith('machines:') && sameImage(d.artifact, text),
  );
  return withImage.find((d) => d.wasLive && d.canRollback) ?? withImage[0];
}
