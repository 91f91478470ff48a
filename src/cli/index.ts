#!/usr/bin/env node
// The `rollback-guard` command (package.json "bin"), bundled to dist/cli/index.js.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drillCommand } from '../drill/command.js';
import { runCli } from './main.js';

// dist/cli/index.js → the package root, where the action.yml files are.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
process.exitCode = await runCli(
  process.argv.slice(2),
  process.env,
  {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  },
  { root, drill: drillCommand },
);
