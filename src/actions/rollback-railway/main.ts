import { railwayProvider } from '../../providers/railway/entry.js';

/** rollback-railway: the shared rollback flow (providers/flow.ts) on Railway, as its registry entry defines it. */
export const rollbackRailwayAction = railwayProvider.rollback;
