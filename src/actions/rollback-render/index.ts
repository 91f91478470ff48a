// The bundle entry (dist/rollback-render/index.js): it only runs the action.
import { run } from './main.js';

await run();
