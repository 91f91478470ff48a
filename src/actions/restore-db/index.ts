// The bundle entry (dist/restore-db/index.js): it only runs the action.
import { run } from './main.js';

await run();
