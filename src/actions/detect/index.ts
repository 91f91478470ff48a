// The bundle entry (dist/detect/index.js): it only runs the action.
import { run } from './main.js';

await run();
