/**
 * Files that are not files: a FIFO, /dev/zero or a folder named by an input (decide's and the
 * guard's `policy`, verify's and the guard's `smoke-tests`, detect's and the guard's `baseline`,
 * restore-db's `database` and `backup`) is a configuration error naming the input and saying what
 * the path is, at once: no step hangs on a FIFO or reads /dev/zero until memory runs out.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runBundle } from '../../__fixtures__/bundle.js';
import { BUNDLES, runCli, tempDir } from './world.js';

/** A named pipe nobody writes to: opening it for reading the usual way blocks forever. */
function fifo(): string {
  const file = path.join(tempDir(), 'pipe.yml');
  expect(spawnSync('mkfifo', [file]).status).toBe(0);
  return file;
}

const SPECIAL: [string, () => string, RegExp][] = [
  ['a FIFO', fifo, /is a FIFO \(named pipe\), not a regular file/],
  ['/dev/zero', () => '/dev/zero', /is a character device, not a regular file/],
  ['a folder', () => tempDir(), /is a directory, not a regular file/],
];

/** Each action and the input that names a file, with the inputs it needs besides. */
const CASES: [string, string, Record<string, string>][] = [
  ['decide', 'policy', { 'issue-type': 'critical-bug' }],
  ['verify', 'smoke-tests', { url: 'http://127.0.0.1:9/health' }],
  ['detect', 'baseline', { url: 'http://127.0.0.1:9/health' }],
  ['guard', 'policy', { provider: 'render', token: 'x', service: 'srv-a', url: 'http://127.0.0.1:9/' }],
  ['guard', 'smoke-tests', { provider: 'render', token: 'x', service: 'srv-a', url: 'http://127.0.0.1:9/' }],
  ['guard', 'baseline', { provider: 'render', token: 'x', service: 'srv-a', url: 'http://127.0.0.1:9/' }],
];

describe.each(SPECIAL)('an input file that is %s', (_what, make, message) => {
  it.each(CASES)('%s: %s is a configuration error naming it', async (action, input, others) => {
    const run = await runBundle(
      BUNDLES[action as keyof typeof BUNDLES],
      { ...others, [input]: make() },
      { timeoutMs: 10_000 },
    );
    expect(run.exitCode).toBe(1);
    const errors = run.lines.filter((line) => line.startsWith('::error::'));
    expect(errors).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`input '${input}'.*${message.source}`))]),
    );
  });
});

describe('restore-db: database and backup paths that are not files', () => {
  it('names each input and what the path is', async () => {
    const run = await runBundle(
      BUNDLES['restore-db'],
      { database: fifo(), backup: '/dev/zero' },
      { timeoutMs: 10_000 },
    );
    expect(run.exitCode).toBe(1);
    const errors = run.lines.filter((line) => line.startsWith('::error::')).join('\n');
    expect(errors).toMatch(/input 'database' '.*pipe\.yml' is a (FIFO|special file)/);
    expect(errors).toMatch(/input 'backup' '\/dev\/zero' is a (character device|special file)/);
  });
});

describe('the CLI', () => {
  it('decide --policy <FIFO> fails at once with the reason', async () => {
    const run = await runCli(['decide', '--issue-type', 'critical-bug', '--policy', fifo()]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/input 'policy'.*is a FIFO \(named pipe\)/);
  });
});
