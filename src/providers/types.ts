/**
 * What a provider module says, and nothing more: how to list deployments and which is live, how to
 * send the one rollback request, and how to poll. Everything else — choosing the target, refusing to
 * cascade, waiting out someone else's deployment, dry runs, the single request, timeouts and
 * statuses — is the rollback flow's (flow.ts), written once for every provider.
 */

/** A deployment's state, normalised across providers. */
export type DeploymentState =
  /** Serving now. */
  | 'live'
  /** Queued, building or deploying: may still become live. */
  | 'in-progress'
  /** Was live and has been replaced (Railway REMOVED, Render deactivated, an older Fly release). */
  | 'superseded'
  | 'failed'
  | 'canceled'
  /** Never live and will not be (skipped, removed before going live). */
  | 'inactive'
  /** A status value the provider documents no meaning for: never treated as success. */
  | 'unknown';

export interface Deployment {
  /** The provider's id: Railway deployment id, Render deploy id, Fly release version ('v42'). */
  id: string;
  /** A short human name for summaries: 'dep-abc123 (commit 1a2b3c4)'. */
  label: string;
  /** ISO 8601. */
  createdAt: string;
  state: DeploymentState;
  /** The provider's own status text, for the report. */
  status: string;
  /** It was live at some point, so it is a candidate for "last known good". */
  wasLive: boolean;
  /** Its build artifact is still retained, so a rollback to it can work. */
  canRollback: boolean;
  /** What it runs: an image ref or digest, a commit, a snapshot id. Used to recognise rollbacks. */
  artifact?: string;
  /** The commit, when the provider says (for compare links). */
  commit?: string;
  /** The provider itself marks it as created by a rollback (Render trigger rollback, Railway meta). */
  isRollback: boolean;
  /**
   * The id of the deployment it restored, when known. Providers fill it when they can tell; the flow
   * fills it from artifacts otherwise (see `annotateRollbacks`).
   */
  restores?: string;
  /** Why it cannot be a rollback target, when the provider knows (e.g. 'image expired'). */
  ineligibleReason?: string;
}

export interface ProviderSnapshot {
  /** Newest first. */
  deployments: Deployment[];
  /** What serves now; undefined when nothing does. */
  live?: Deployment;
  /** Provider specifics for the report (Fly: which machine runs which image). */
  details?: Record<string, unknown>;
  /**
   * The provider marks every rollback deployment itself (`isRollback`; Render: `trigger: rollback`).
   * A deployment that merely runs the same artifact as an older one (a redeploy of the same commit)
   * then still stands for that code, but is not a rollback: it does not stop the flow from rolling
   * back past it. Leave it unset where a rollback can only be recognised by its artifact (Fly).
   */
  rollbacksMarked?: boolean;
}

/** What a rollback request returned: enough for `pollRollback` to follow it. */
export interface RollbackHandle {
  /** The deployment the provider created, when it says so at once. */
  deploymentId?: string;
  /** When the request was sent (epoch ms). Railway finds its new deployment by this. */
  requestedAt: number;
  /** Provider-private state for polling. */
  data?: unknown;
}

export interface RollbackProgress {
  state: 'in-progress' | 'live' | 'failed' | 'canceled';
  /** The deployment being followed, once known. */
  deploymentId?: string;
  /** The provider's own words for the state. */
  status: string;
  /** More about a failure, or where things stand. */
  detail?: string;
  /** Provider-specific outputs (Fly: `machines`). */
  outputs?: Record<string, string>;
  /** Provider-specific facts for the report. */
  details?: Record<string, unknown>;
}

export interface RollbackRequestContext {
  /** Epoch ms by which everything must be done. */
  deadline: number;
  signal?: AbortSignal;
}

export interface RollbackProvider {
  readonly name: 'railway' | 'render' | 'fly';
  /** 'Railway', 'Render', 'Fly.io'. */
  readonly title: string;
  /** Lists the deployments (newest first) and says which one is live. */
  read(): Promise<ProviderSnapshot>;
  /**
   * The deployment the `target` input names. Default (when absent): the one whose id equals it.
   * Fly also accepts a version number and an image ref.
   */
  findTarget?(snapshot: ProviderSnapshot, target: string): Deployment | undefined;
  /** The mutating calls a rollback to `target` would make, for dry runs: 'POST /services/x/rollback'. */
  plannedCalls(target: Deployment, snapshot: ProviderSnapshot): string[];
  /** Sends the one rollback request. Throws ProviderError when it was refused. */
  requestRollback(
    target: Deployment,
    snapshot: ProviderSnapshot,
    context: RollbackRequestContext,
  ): Promise<RollbackHandle>;
  /** Where the rollback stands now. */
  pollRollback(handle: RollbackHandle, context: RollbackRequestContext): Promise<RollbackProgress>;
  /** Where someone else's in-progress deployment stands now. */
  pollDeployment(id: string, context: RollbackRequestContext): Promise<RollbackProgress>;
  /**
   * Runs once the rollback request was accepted (Render: turn auto-deploy off so the next push does
   * not undo it). Returns lines for the summary; a failure here is reported, not fatal.
   */
  afterRollbackRequested?(target: Deployment): Promise<string[]>;
  /** What `afterRollbackRequested` would do, for dry runs. */
  plannedAfterCalls?(target: Deployment): string[];
  /**
   * The provider's own part of the step summary, rendered from the result's `details` (Fly: which
   * machine runs which image). It follows the common summary; undefined adds nothing.
   */
  summarySection?(details: Record<string, unknown> | undefined): string | undefined;
}
