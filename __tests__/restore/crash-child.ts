/**
 * The crash test's child process: restores `database` from the newest backup in `backupDir`, and
 * SIGKILLs itself when the swap reaches the step named `crashAt` (no clean-up, no exit handlers: what
 * a kill -9 or an OOM kill does). Run from source by crash.test.ts:
 *   node --experimental-transform-types --import bench/ts-hooks.mjs crash-child.ts '<json>'
 */
import { systemClock } from '../../src/core/clock.js';
import { DEFAULT_PATTERN, parseBackupPattern } from '../../src/restore/pattern.js';
import { restoreDatabase } from '../../src/restore/restore.js';

const { database, backupDir, crashAt } = JSON.parse(process.argv[2] ?? '{}') as {
  database: string;
  backupDir: string;
  crashAt?: string;
};
const quiet = () => undefined;
const result = await restoreDatabase(
  {
    database,
    backupDir,
    pattern: parseBackupPattern(DEFAULT_PATTERN),
    check: 'full',
    expectTables: [],
    keepPreRestore: true,
    dryRun: false,
  },
  {
    clock: systemClock,
    log: { info: quiet, debug: quiet, warning: quiet, error: quiet },
    onStep: (step) => {
      if (step === crashAt) process.kill(process.pid, 'SIGKILL');
    },
  },
);
process.stdout.write(JSON.stringify({ status: result.status, failure: result.failure }));
