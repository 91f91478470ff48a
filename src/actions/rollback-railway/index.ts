import { runOnGitHub } from '../../core/github-host.js';
import { rollbackRailwayAction } from './main.js';

await runOnGitHub(rollbackRailwayAction);
