#!/usr/bin/env node
// Builds one ncc bundle per action (src/actions/<name>/index.ts → dist/<name>/index.js) and one for
// the CLI (src/cli/index.ts → dist/cli/index.js). `node scripts/build.mjs decide verify` builds only
// those. Each output folder is emptied first so files that a build no longer produces do not linger
// in dist/. Type checking is `npm run typecheck`'s job, so ncc only transpiles.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Every action's entry, plus the CLI (which runs any action, the guard and the drill from a terminal).
const entries = Object.fromEntries(
  [
    ...readdirSync(path.join(root, 'src/actions'))
      .filter((name) => existsSync(path.join(root, 'src/actions', name, 'index.ts')))
      .map((name) => [name, `src/actions/${name}/index.ts`]),
    ['cli', 'src/cli/index.ts'],
  ].filter(([, entry]) => existsSync(path.join(root, entry))),
);
const all = Object.keys(entries);
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !all.includes(name));
if (unknown.length) {
  console.error(`build: unknown bundle(s) ${unknown.join(', ')}; known: ${all.join(', ')}`);
  process.exit(1);
}
const names = wanted.length ? wanted : all;

// Only remove bundles of entries that no longer exist when building everything.
if (!wanted.length && existsSync(path.join(root, 'dist'))) {
  for (const name of readdirSync(path.join(root, 'dist'))) {
    if (!all.includes(name)) rmSync(path.join(root, 'dist', name), { recursive: true, force: true });
  }
}

const ncc = path.join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js');
function build(name) {
  const out = path.join(root, 'dist', name);
  rmSync(out, { recursive: true, force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ncc,
        'build',
        entries[name],
        '-o',
        `dist/${name}`,
        '--license',
        'licenses.txt',
        '--transpile-only',
        '-q',
      ],
      { cwd: root, stdio: 'inherit' },
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`build of ${name} failed (${code})`)),
    );
  });
}

// Two at a time: ncc is CPU-bound and CI machines have two cores.
const queue = [...names];
await Promise.all(
  [0, 1].map(async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      await build(name);
      console.log(`built dist/${name}/index.js`);
    }
  }),
);
