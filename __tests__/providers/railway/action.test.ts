/**
 * What only rollback-railway does, through the action in this process against the simulated
 * Railway (the scenarios every rollback action shares are in ../conformance.test.ts): returning at
 * once with wait: false, and project tokens, which go in their own header.
 */
import { leaks, runInMemory } from '../../../__fixtures__/action-run.js';
import { rollbackRailwayAction } from '../../../src/actions/rollback-railway/main.js';
import { ManualClock } from '../../../src/core/clock.js';
import { RailwaySandbox, type RailwaySandboxOptions } from '../../../src/sandbox/railway.js';
import { GOOD_GOOD_BAD } from './helpers.js';

describe('the rollback-railway action', () => {
  let sandbox: RailwaySandbox;
  let clock: ManualClock;
  const startSandbox = async (options: Partial<RailwaySandboxOptions> = {}) => {
    clock = new ManualClock();
    sandbox = new RailwaySandbox({ clock, history: GOOD_GOOD_BAD, ...options });
    await sandbox.start();
  };
  afterEach(async () => sandbox?.stop());

  it('with wait: false, returns once Railway accepted the rollback, with the new deployment', async () => {
    await startSandbox();
    const result = await runInMemory(
      rollbackRailwayAction,
      { ...sandbox.actionInputs(), wait: 'false' },
      clock,
    );
    expect(result.host.outputs).toMatchObject({ status: 'rolled-back', deployment: sandbox.list()[0]?.id });
    expect(sandbox.list()[0]?.state).toBe('in-progress');
  });

  describe('never writes the token', () => {
    it('in a run with a project token', async () => {
      await startSandbox({ tokenType: 'project' });
      const result = await runInMemory(rollbackRailwayAction, sandbox.actionInputs(), clock);
      expect(result.host.outputs.status).toBe('rolled-back');
      expect(sandbox.server.requests[0]?.headers['project-access-token']).toBe(sandbox.token);
      expect(leaks(result.written, sandbox.token)).toEqual([]);
      expect(result.host.masked).toContain(sandbox.token);
    });

    it('in a run with a token of the wrong type', async () => {
      await startSandbox({ tokenType: 'project' });
      const result = await runInMemory(
        rollbackRailwayAction,
        { ...sandbox.actionInputs(), 'token-type': 'account' },
        clock,
      );
      expect(result.outcome.failure).toMatch(/Railway refused the token: .*token-type matches it/);
      expect(leaks(result.written, sandbox.token)).toEqual([]);
      expect(result.host.masked).toContain(sandbox.token);
    });
  });
});
