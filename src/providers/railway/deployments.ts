/**
 * Railway deployments, normalised for the rollback flow: which one is in place, what each status
 * means, what each deployment runs, and which ones a rollback created.
 *
 * Status mapping (Railway's DeploymentStatus enum; anything else is `unknown`, never success):
 *
 * | Railway | the deployment in place | any other deployment |
 * |---|---|---|
 * | SUCCESS, SLEEPING | live | superseded (was live, replaced; older ones are removed eventually) |
 * | CRASHED | failed, but it is what is in place: the rollback starts from it | failed (not known good) |
 * | REMOVED, REMOVING | – | superseded: Railway removes a deployment once a newer one is live (unverified) |
 * | BUILDING, DEPLOYING, INITIALIZING, QUEUED, WAITING | – | in-progress |
 * | NEEDS_APPROVAL | – | inactive: it waits for a person and will not go live on its own |
 * | FAILED | – | failed (never live) |
 * | SKIPPED | – | inactive |
 *
 * The deployment in place is the newest one that `serviceInstance.activeDeployments` lists with
 * SUCCESS, SLEEPING or CRASHED; when that list names none of them, the newest deployment with one of
 * those statuses (a crashed deployment is still the one in place: it is what users get).
 */
import type { Deployment, DeploymentState } from '../types.js';
import type { RailwayDeployment } from './client.js';

export const RAILWAY_STATUSES = [
  'BUILDING',
  'CRASHED',
  'DEPLOYING',
  'FAILED',
  'INITIALIZING',
  'NEEDS_APPROVAL',
  'QUEUED',
  'REMOVED',
  'REMOVING',
  'SKIPPED',
  'SLEEPING',
  'SUCCESS',
  'WAITING',
] as const;
export type RailwayStatus = (typeof RAILWAY_STATUSES)[number];

const OTHER_STATE: Record<RailwayStatus, DeploymentState> = {
  BUILDING: 'in-progress',
  DEPLOYING: 'in-progress',
  INITIALIZING: 'in-progress',
  QUEUED: 'in-progress',
  WAITING: 'in-progress',
  NEEDS_APPROVAL: 'inactive',
  SUCCESS: 'superseded',
  SLEEPING: 'superseded',
  REMOVED: 'superseded',
  REMOVING: 'superseded',
  CRASHED: 'failed',
  FAILED: 'failed',
  SKIPPED: 'inactive',
};

/** Statuses of a deployment that is (or was, before it crashed) serving. */
const IN_PLACE = new Set<string>(['SUCCESS', 'SLEEPING', 'CRASHED']);

/** The text `restores` holds for a marked rollback whose original is not among the deployments read. */
export const RESTORED_UNKNOWN = 'an earlier deployment';

/** How long Railway keeps a removed deployment's image, by plan (pricing docs, image retention). */
export const IMAGE_RETENTION_TEXT = 'kept 24 h on Free, 72 h on Hobby, 120 h on Pro, 360 h on Enterprise';

export function isRailwayStatus(status: string): status is RailwayStatus {
  return (RAILWAY_STATUSES as readonly string[]).includes(status);
}

/**
 * The fields of `meta` this code reads. `DeploymentMeta` is an untyped JSON scalar and none of its
 * fields is documented (unverified): what is read here was assumed from what Railway's dashboard
 * shows — `reason` ('deploy', 'redeploy', 'rollback', ...), the commit of a GitHub deploy, and the
 * image of an image deploy. Anything missing or of another type is ignored.
 */
export interface RailwayMeta {
  reason?: string;
  commitHash?: string;
  commitMessage?: string;
  branch?: string;
  image?: string;
  imageDigest?: string;
}

export function readMeta(meta: unknown): RailwayMeta {
  let value = meta;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const record = value as Record<string, unknown>;
  const text = (key: string) => {
    const field = record[key];
    return typeof field === 'string' && field.trim() !== '' ? field.trim() : undefined;
  };
  return {
    reason: text('reason'),
    commitHash: text('commitHash'),
    commitMessage: text('commitMessage'),
    branch: text('branch'),
    image: text('image'),
    imageDigest: text('imageDigest'),
  };
}

/** Railway marks the deployments its rollback creates (assumed: `meta.reason` says 'rollback'). */
export function isRollbackMeta(meta: RailwayMeta): boolean {
  return meta.reason !== undefined && /rollback/i.test(meta.reason);
}

/**
 * What a deployment runs, to recognise a rollback by it: an image digest, an image pinned by digest,
 * or the commit. An image by tag alone is not an identity (`:latest` names a different image on
 * every push), so it is not used.
 */
export function artifactOf(meta: RailwayMeta): string | undefined {
  if (meta.imageDigest) return `digest ${meta.imageDigest}`;
  if (meta.image?.includes('@')) return `image ${meta.image}`;
  if (meta.commitHash) return `commit ${meta.commitHash}`;
  return undefined;
}

/** 'a1b2c3d4 (commit 1a2b3c4)': short enough for a summary; outputs carry the full id. */
export function labelOf(node: RailwayDeployment, meta: RailwayMeta): string {
  const short = node.id.length > 8 ? node.id.slice(0, 8) : node.id;
  if (meta.commitHash) return `${short} (commit ${meta.commitHash.slice(0, 7)})`;
  if (meta.image) return `${short} (${meta.image})`;
  return short;
}

function newest(nodes: RailwayDeployment[]): RailwayDeployment | undefined {
  return nodes.reduce<RailwayDeployment | undefined>(
    (best, node) => (!best || node.createdAt > best.createdAt ? node : best),
    undefined,
  );
}

/** The deployment in place (see the module comment), or undefined when nothing is. */
export function deploymentInPlace(
  nodes: RailwayDeployment[],
  activeIds: ReadonlySet<string>,
): RailwayDeployment | undefined {
  const inPlace = nodes.filter((node) => IN_PLACE.has(node.status));
  return newest(inPlace.filter((node) => activeIds.has(node.id))) ?? newest(inPlace);
}

/** One Railway deployment as the flow sees it. */
export function toDeployment(node: RailwayDeployment, live: RailwayDeployment | undefined): Deployment {
  const meta = readMeta(node.meta);
  const known = isRailwayStatus(node.status);
  const isLive = node.id === live?.id;
  let state: DeploymentState = known ? OTHER_STATE[node.status as RailwayStatus] : 'unknown';
  if (isLive) state = node.status === 'CRASHED' ? 'failed' : 'live';
  // A SUCCESS newer than the one in place is about to take over (activeDeployments lags behind).
  if (!isLive && state === 'superseded' && live && node.createdAt > live.createdAt) state = 'in-progress';

  const deployment: Deployment = {
    id: node.id,
    label: labelOf(node, meta),
    createdAt: node.createdAt,
    state,
    status: node.status,
    wasLive: isLive || state === 'superseded' || node.status === 'CRASHED',
    canRollback: node.canRollback,
    artifact: artifactOf(meta),
    commit: meta.commitHash,
    isRollback: isRollbackMeta(meta),
  };
  if (node.status === 'CRASHED' && !isLive) {
    // It ran, then crashed: not "known good", whatever canRollback says.
    deployment.canRollback = false;
    deployment.ineligibleReason = 'it crashed while it was live, so it is not known good';
  } else if (!node.canRollback && state === 'superseded') {
    deployment.ineligibleReason = `Railway no longer keeps its image (images of replaced deployments are ${IMAGE_RETENTION_TEXT})`;
  } else if (!node.canRollback) {
    deployment.ineligibleReason = 'Railway says it cannot be rolled back to';
  }
  return deployment;
}

/**
 * Marked rollbacks get `restores` from the newest older deployment that runs the same artifact.
 * When there is none (no artifact in `meta`, or the original is older than the history read), they
 * still must count as a rollback — otherwise the next run would roll back past them — so `restores`
 * says so in words. Unmarked deployments are left to the flow, which matches artifacts the same way.
 */
export function linkRollbacks(deployments: Deployment[]): Deployment[] {
  const oldestFirst = [...deployments].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return deployments.map((deployment) => {
    if (!deployment.isRollback || deployment.restores) return deployment;
    const index = oldestFirst.indexOf(deployment);
    const original = deployment.artifact
      ? oldestFirst
          .slice(0, index)
          .reverse()
          .find((older) => older.artifact === deployment.artifact)
      : undefined;
    return { ...deployment, restores: original?.id ?? RESTORED_UNKNOWN };
  });
}

export interface NormalisedDeployments {
  /** Newest first. */
  deployments: Deployment[];
  live?: Deployment;
}

/** Railway deployments (any order, duplicates allowed) → the flow's view, newest first. */
export function normaliseDeployments(
  nodes: RailwayDeployment[],
  activeIds: ReadonlySet<string>,
): NormalisedDeployments {
  const unique = [...new Map(nodes.map((node) => [node.id, node])).values()].sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
  );
  const liveNode = deploymentInPlace(unique, activeIds);
  const deployments = linkRollbacks(unique.map((node) => toDeployment(node, liveNode)));
  return { deployments, live: deployments.find((d) => d.id === liveNode?.id) };
}

/** Where a deployment this run follows (its rollback, or someone else's) stands. */
export function progressOf(node: RailwayDeployment): {
  state: 'in-progress' | 'live' | 'failed' | 'canceled';
  detail?: string;
} {
  switch (node.status) {
    case 'SUCCESS':
    case 'SLEEPING':
      return { state: 'live' };
    case 'FAILED':
      return { state: 'failed', detail: 'the deployment failed: see its build and deploy logs on Railway' };
    case 'CRASHED':
      return { state: 'failed', detail: 'it went live and crashed: see its deploy logs on Railway' };
    case 'REMOVED':
    case 'REMOVING':
    case 'SKIPPED':
      return {
        state: 'canceled',
        detail: 'it was removed or skipped before it went live (a newer deployment?)',
      };
    default:
      return isRailwayStatus(node.status)
        ? { state: 'in-progress' }
        : { state: 'in-progress', detail: `unknown status ${node.status}, not treated as success` };
  }
}
