#!/usr/bin/env node
// `npm run bench [filter]`: runs every bench/*.bench.ts file in turn (or only those whose name
// contains the filter), each in its own Node process so one benchmark's warm-up or memory does not
// colour another's numbers. The files are TypeScript run straight from source: Node 24 strips the
// types, and ts-hooks.mjs maps the `.js` import specifiers of src/ to their `.ts` files.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts') && name.includes(filter))
  .sort();
if (files.length === 0) {
  console.error(`bench: no bench/*.bench.ts file${filter ? ` matches '${filter}'` : ''}`);
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===\n`);
  const result = spawnSync(
    process.execPath,
    [
      '--experimental-transform-types',
      '--disable-warning=ExperimentalWarning',
      '--import',
      path.join(here, 'ts-hooks.mjs'),
      path.join(here, file),
      ...process.argv.slice(3),
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) {
    console.error(`bench: ${file} failed (exit ${result.status ?? result.signal})`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
