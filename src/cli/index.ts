#!/usr/bin/env node
// The `rollback-guard` command (package.json "bin"), bundled to dist/cli/index.js.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unsupportedNode } from './node-check.js';

// Asked before the rest of the CLI loads (it is imported below, only on a Node that can run it):
// on a Node without Node-API 10, loading the SQLite addon would crash the process.
const problem = unsupportedNode(process.versions);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exitCode = 1;
} else {
  const [{ runCli }, { drill }, { sandbox }] = await Promise.all([
    import('./main.js'),
    import('../drill/command.js'),
    import('../drill/sandbox-command.js'),
  ]);
  // dist/cli/index.js → the package root, where the action.yml files are.
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  process.exitCode = await runCli(
    process.argv.slice(2),
    process.env,
    {
      stdout: (text) => process.stdout.write(`${text}\n`),
      stderr: (line) => process.stderr.write(`${line}\n`),
    },
    { root, commands: { drill, sandbox } },
  );
}
