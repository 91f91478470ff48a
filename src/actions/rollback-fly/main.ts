import { flyProvider } from '../../providers/fly/entry.js';

/** rollback-fly: the shared rollback flow (providers/flow.ts) on Fly, as its registry entry defines it. */
export const rollbackFlyAction = flyProvider.rollback;
