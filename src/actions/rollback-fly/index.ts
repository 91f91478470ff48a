import { runOnGitHub } from '../../core/github-host.js';
import { rollbackFlyAction } from './main.js';

await runOnGitHub(rollbackFlyAction);
