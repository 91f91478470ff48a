import { runOnGitHub } from '../../core/github-host.js';
import { rollbackRenderAction } from './main.js';

await runOnGitHub(rollbackRenderAction);
