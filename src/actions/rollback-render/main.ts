import { renderProvider } from '../../providers/render/entry.js';

/** rollback-render: the shared rollback flow (providers/flow.ts) on Render, as its registry entry defines it. */
export const rollbackRenderAction = renderProvider.rollback;
