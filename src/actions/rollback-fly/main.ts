import { runOnGitHub } from '../../core/github-host.js';
import { flyProvider } from '../../providers/fly/entry.js';

/** rollback-fly: the shared rollback flow (providers/flow.ts) on Fly, as its registry entry defines it. */
export const rollbackFlyAction = flyProvider.rollback;

/** Runs rollback-fly on the GitHub runner (the bundle entry calls this; so does `npx @github/local-action`). */
export async function run(): Promise<void> {
  await runOnGitHub(rollbackFlyAction);
}
