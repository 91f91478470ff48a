/**
 * What the rollback flow (flow.ts) should do with what a provider lists, decided without any I/O:
 * which deployment each one stands for (a rollback stands for the one it restored), which can be
 * rolled back to, and — the heart of the flow — whether to wait, do nothing, roll back, or refuse.
 * The rules are the README's ("rollback-*": the last known good deployment, no cascading).
 */
import type { Deployment, ProviderSnapshot } from './types.js';

/**
 * Fills `restores` where the provider could not: a deployment that runs the same artifact as an
 * older one restored it. Returns a new snapshot; the input is not changed.
 */
export function annotateRollbacks(snapshot: ProviderSnapshot): ProviderSnapshot {
  const oldestFirst = [...snapshot.deployments].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const annotated = new Map<string, Deployment>();
  for (const [index, deployment] of oldestFirst.entries()) {
    let restores = deployment.restores;
    if (!restores && deployment.artifact) {
      const original = oldestFirst
        .slice(0, index)
        .reverse()
        .find((older) => older.artifact === deployment.artifact && older.id !== deployment.id);
      restores = original?.id;
    }
    annotated.set(deployment.id, restores ? { ...deployment, restores } : deployment);
  }
  const deployments = snapshot.deployments.map((d) => annotated.get(d.id) as Deployment);
  const live = snapshot.live ? (annotated.get(snapshot.live.id) ?? snapshot.live) : undefined;
  return { ...snapshot, deployments, live };
}

/** The deployment a deployment stands for: itself, or the one it (transitively) restored. */
export function effectiveId(deployment: Deployment, snapshot: ProviderSnapshot): string {
  const byId = new Map(snapshot.deployments.map((d) => [d.id, d]));
  let current = deployment;
  const seen = new Set<string>();
  while (current.restores && !seen.has(current.id)) {
    seen.add(current.id);
    const restored = byId.get(current.restores);
    if (!restored) return current.restores;
    current = restored;
  }
  return current.id;
}

/** Why a deployment cannot be a rollback target, or undefined when it can. */
export function ineligibility(deployment: Deployment): string | undefined {
  if (deployment.state === 'in-progress') return 'it is still in progress';
  if (!deployment.wasLive) return `it was never live (${deployment.status})`;
  if (!deployment.canRollback)
    return deployment.ineligibleReason ?? 'the provider no longer keeps its artifact';
  return undefined;
}

export type Assessment =
  | { kind: 'wait'; pending: Deployment }
  | { kind: 'already-live'; to: Deployment; why: string }
  | { kind: 'rollback'; to: Deployment }
  | { kind: 'fail'; message: string; hint: string };

/** What to do with this snapshot: the heart of the flow, pure. */
export function assess(
  snapshot: ProviderSnapshot,
  target: string | undefined,
  findTarget: (t: string) => Deployment | undefined,
): Assessment {
  const { live, deployments } = snapshot;
  const pending = deployments.find(
    (d) => d.state === 'in-progress' && (!live || d.createdAt > live.createdAt) && d.id !== live?.id,
  );
  if (pending) return { kind: 'wait', pending };
  if (!live) {
    return {
      kind: 'fail',
      message: `nothing is live: ${describeDeployments(deployments)}`,
      hint: 'Deploy a known good version by hand, or give `target` once one is live',
    };
  }
  const liveStandsFor = effectiveId(live, snapshot);

  if (target) {
    const chosen = findTarget(target);
    if (!chosen) {
      return {
        kind: 'fail',
        message: `the target '${target}' is not among the deployments: ${describeDeployments(deployments)}`,
        hint: 'Check the id (or leave `target` empty to use the last known good deployment)',
      };
    }
    if (effectiveId(chosen, snapshot) === liveStandsFor) {
      return {
        kind: 'already-live',
        to: chosen,
        why: `the live deployment ${live.label} already runs ${chosen.label}`,
      };
    }
    const why = ineligibility(chosen);
    if (why) {
      return {
        kind: 'fail',
        message: `the target ${chosen.label} cannot be rolled back to: ${why}`,
        hint: 'Choose a deployment that was live and whose artifact the provider still keeps',
      };
    }
    return { kind: 'rollback', to: chosen };
  }

  // The live deployment is itself a rollback: it already is the last known good. Going further back
  // takes an explicit target, so one bad verdict can never walk the history backwards. (A redeploy of
  // the same artifact is not a rollback where the provider marks rollbacks: it runs the bad code again.)
  if (live.restores && (live.isRollback || !snapshot.rollbacksMarked)) {
    const restored = deployments.find((d) => d.id === live.restores);
    return {
      kind: 'already-live',
      to: restored ?? live,
      why: `the live deployment ${live.label} is a rollback to ${restored?.label ?? live.restores}; going further back needs an explicit target`,
    };
  }
  const candidate = deployments
    .filter((d) => d.createdAt < live.createdAt && effectiveId(d, snapshot) !== liveStandsFor)
    .find((d) => ineligibility(d) === undefined);
  if (!candidate) {
    return {
      kind: 'fail',
      message: `no known good deployment older than the live one (${live.label}): ${describeDeployments(
        deployments.filter((d) => d.id !== live.id),
      )}`,
      hint: 'Roll forward with a fix, or give `target` explicitly',
    };
  }
  return { kind: 'rollback', to: candidate };
}

/** 'found 3: dep-c (live), dep-b (superseded), dep-a (failed: never live)'. */
export function describeDeployments(deployments: Deployment[], max = 8): string {
  if (deployments.length === 0) return 'found no deployments';
  const shown = deployments.slice(0, max).map((d) => {
    const why = d.state === 'live' ? undefined : ineligibility(d);
    return `${d.label} (${d.state}${why ? `: ${why}` : ''})`;
  });
  const more = deployments.length > max ? `, and ${deployments.length - max} more` : '';
  return `found ${deployments.length}: ${shown.join(', ')}${more}`;
}
