import { runOnGitHub } from '../../core/github-host.js';
import { restoreDbAction } from './main.js';

await runOnGitHub(restoreDbAction);
