import { runOnGitHub } from '../../core/github-host.js';
import { guardAction } from './main.js';

await runOnGitHub(guardAction);
