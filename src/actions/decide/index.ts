import { runOnGitHub } from '../../core/github-host.js';
import { decideAction } from './main.js';

await runOnGitHub(decideAction);
