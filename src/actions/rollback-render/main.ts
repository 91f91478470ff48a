import { runOnGitHub } from '../../core/github-host.js';
import { renderProvider } from '../../providers/render/entry.js';

/** rollback-render: the shared rollback flow (providers/flow.ts) on Render, as its registry entry defines it. */
export const rollbackRenderAction = renderProvider.rollback;

/** Runs rollback-render on the GitHub runner (the bundle entry calls this; so does `npx @github/local-action`). */
export async function run(): Promise<void> {
  await runOnGitHub(rollbackRenderAction);
}
