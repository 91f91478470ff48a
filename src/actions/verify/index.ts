// The bundle entry (dist/verify/index.js): it only runs the action.
import { run } from './main.js';

await run();
