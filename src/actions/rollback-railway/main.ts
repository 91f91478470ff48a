import { runOnGitHub } from '../../core/github-host.js';
import { railwayProvider } from '../../providers/railway/entry.js';

/** rollback-railway: the shared rollback flow (providers/flow.ts) on Railway, as its registry entry defines it. */
export const rollbackRailwayAction = railwayProvider.rollback;

/** Runs rollback-railway on the GitHub runner (the bundle entry calls this; so does `npx @github/local-action`). */
export async function run(): Promise<void> {
  await runOnGitHub(rollbackRailwayAction);
}
