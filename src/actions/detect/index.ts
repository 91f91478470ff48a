import { runOnGitHub } from '../../core/github-host.js';
import { detectAction } from './main.js';

await runOnGitHub(detectAction);
