import { runOnGitHub } from '../../core/github-host.js';
import { verifyAction } from './main.js';

await runOnGitHub(verifyAction);
