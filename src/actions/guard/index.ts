// The bundle entry (dist/guard/index.js): it only runs the action.
import { run } from './main.js';

await run();
