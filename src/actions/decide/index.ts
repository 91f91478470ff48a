// The bundle entry (dist/decide/index.js): it only runs the action.
import { run } from './main.js';

await run();
