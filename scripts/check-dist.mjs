#!/usr/bin/env node
// Fails when dist/ is not what a fresh build of src/ produces: rebuilds every bundle, then asks git
// for any difference under dist/, new untracked files included (`git status`, not `git diff`).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', 'dist/'], {
  cwd: root,
  encoding: 'utf8',
});
if (status.trim() !== '') {
  console.error('check-dist: dist/ differs from a fresh build of src/:');
  console.error(status);
  console.error('check-dist: run `npm run build` and commit dist/.');
  process.exit(1);
}
console.log('check-dist: dist/ matches a fresh build of src/.');
