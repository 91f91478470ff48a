/**
 * A guard run's plan: every step configured and checked before anything happens. The guard action
 * builds it from its inputs (src/actions/guard/plan.ts); the chain (guard.ts) only follows it.
 */
import type { ActionContext } from '../core/action.js';
import type { IssueType, Matrix } from '../policy/matrix.js';
import type { DetectConfig } from '../probe/detect.js';
import type { VerifyConfig } from '../probe/verify.js';
import type { RollbackOptions } from '../providers/flow.js';
import type { ProviderName } from '../providers/registry.js';
import type { RollbackProvider } from '../providers/types.js';
import type { RestoreConfig } from '../restore/config.js';
import type { RepoContext } from './github.js';

export interface GuardPlan {
  provider: ProviderName;
  providerTitle: string;
  /** The service as the user named it (for the lock, summaries and the incident). */
  service: string;
  mode: 'watch' | 'rollback';
  dryRun: boolean;
  detect: DetectConfig;
  decide: {
    issueType?: IssueType;
    dataLoss: boolean;
    affectingUsers: boolean;
    matrix: Matrix;
    policyFile?: string;
  };
  rollback: {
    action: string;
    options: RollbackOptions;
    createProvider(context: ActionContext): RollbackProvider;
  };
  /** The SQLite restore, when a database is given. */
  restore?: RestoreConfig;
  verify: VerifyConfig;
  /** Where to take the lock and write the records; absent without a token or a repository. */
  github?: { token: string; repo: RepoContext; environment: string; recordIncident: boolean };
}
