// No function in src/ is longer than 80 lines (scripts/function-lengths.mjs, with the TypeScript
// compiler's parser), and the check does fail on one that is.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../__fixtures__/bundle.js';

const SCRIPT = path.join(ROOT, 'scripts/function-lengths.mjs');

function check(...folders: string[]) {
  const run = spawnSync(process.execPath, [SCRIPT, ...folders], { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A function of exactly `lines` lines (signature and closing brace included). */
function functionOf(name: string, lines: number): string {
  const body = Array.from({ length: lines - 4 }, (_, i) => `  total += ${i};`);
  return [`export function ${name}(): number {`, '  let total = 0;', ...body, '  return total;', '}'].join(
    '\n',
  );
}

describe('function lengths', () => {
  it('no function in src/ is over 80 lines, other than the allowlisted ones', () => {
    const run = check();
    expect(run.output).toContain('No other function is longer than 80 lines.');
    expect(run.status).toBe(0);
  });

  it('fails on an 81-line function, named by file and place, and lets an 80-line one through', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'rg-lengths-'));
    writeFileSync(
      path.join(folder, 'long.ts'),
      `${functionOf('fits', 80)}\n\nexport class Steps {\n  run(): number {\n    return 1;\n  }\n}\n\nexport const plan = {\n  build: ${functionOf('tooLong', 81).replace('export function tooLong', 'function')},\n};\n`,
    );
    const run = check(folder);
    expect(run.status).toBe(1);
    expect(run.output).toMatch(/long\.ts:\d+ plan\.build: 81 lines/);
    expect(run.output).not.toContain('fits');
  });
});
