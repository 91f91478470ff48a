/**
 * The rollback-railway action in this process (executeAction with an in-memory host), against the
 * simulated Railway on a shared ManualClock: outputs, summary, report, exit codes, configuration
 * errors — and, for every scenario, that the token appears in no output, summary, report or log line.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryHost, testDeps, type MemoryHost } from '../../../__fixtures__/context.js';
import { sendJson, startServer } from '../../../__fixtures__/http-server.js';
import { rollbackRailwayAction } from '../../../src/actions/rollback-railway/main.js';
import { executeAction, type ExecutionOutcome } from '../../../src/core/action.js';
import { ManualClock } from '../../../src/core/clock.js';
import { RailwaySandbox, type RailwaySandboxOptions } from '../../../src/sandbox/railway.js';
import { GOOD_GOOD_BAD, idsOldestFirst, isRollbackMutation } from './helpers.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rg-railway-'));

interface Run {
  outcome: ExecutionOutcome;
  host: MemoryHost;
  report: string;
}

async function run(inputs: Record<string, string>, clock = new ManualClock()): Promise<Run> {
  const host = memoryHost({ RUNNER_TEMP: tmp });
  const outcome = await executeAction(rollbackRailwayAction, inputs, host, testDeps(clock));
  const report = host.outputs.report ? readFileSync(host.outputs.report, 'utf8') : '';
  return { outcome, host, report };
}

/** Everything the action wrote that a person or a later step could read. */
function everythingWritten(result: Run): string {
  return [
    ...result.host.log.lines,
    JSON.stringify(result.host.outputs),
    ...result.host.summaries,
    result.report,
    result.outcome.failure ?? '',
  ].join('\n');
}

describe('the rollback-railway action', () => {
  let sandbox: RailwaySandbox;
  let clock: ManualClock;
  const startSandbox = async (options: Partial<RailwaySandboxOptions> = {}) => {
    clock = new ManualClock();
    sandbox = new RailwaySandbox({ clock, history: GOOD_GOOD_BAD, ...options });
    await sandbox.start();
  };
  afterEach(async () => sandbox?.stop());

  it('writes every output, a summary with both deployments, and a report', async () => {
    await startSandbox();
    const [, good2, bad3] = idsOldestFirst(sandbox);
    const result = await run(sandbox.actionInputs(), clock);
    expect(result.outcome.exitCode).toBe(0);
    expect(result.host.outputs).toMatchObject({
      status: 'rolled-back',
      from: bad3,
      to: good2,
      deployment: sandbox.list()[0]?.id,
      'duration-ms': expect.stringMatching(/^\d+$/),
    });
    const summary = result.host.summaries.join('');
    expect(summary).toMatch(
      /✅ \*\*rolled-back\*\*: Rolled back from \w{8} \(commit \w{7}\) to \w{8} \(commit \w{7}\); it is live\./,
    );
    expect(summary).toContain('| Rollback requests sent | 1 |');
    expect(summary).toContain('auto-deploy stays on');
    const report = JSON.parse(result.report);
    expect(report).toMatchObject({
      action: 'rollback-railway',
      inputs: { token: '***', 'token-type': 'account' },
      rollback: {
        status: 'rolled-back',
        requests: 1,
        details: { railway: { service: 'web', listOrder: 'newest-first', historyTruncated: false } },
      },
    });
    expect(result.host.masked).toContain(sandbox.token);
  });

  it('reports every bad input at once, before any request', async () => {
    await startSandbox();
    const result = await run({
      'service-id': 'my-web-service',
      'environment-id': 'production',
      'api-url': 'backboard.railway.com',
      wait: 'maybe',
    });
    expect(result.outcome.exitCode).toBe(1);
    expect(result.host.log.lines).toEqual([
      expect.stringMatching(/^error: rollback-railway: input 'token' is required/),
      expect.stringMatching(
        /^error: rollback-railway: input 'service-id' 'my-web-service' is not a Railway id, a UUID such as/,
      ),
      expect.stringMatching(
        /^error: rollback-railway: input 'environment-id' 'production' is not a Railway id/,
      ),
      expect.stringMatching(/^error: rollback-railway: input 'wait' 'maybe' is not 'true' or 'false'/),
      expect.stringMatching(/^error: rollback-railway: input 'api-url' /),
    ]);
    expect(result.host.outputs).toEqual({});
    expect(sandbox.server.requests).toEqual([]);
  });

  it('exits 1 for failed and timed-out, with what to do next', async () => {
    await startSandbox({ rollbackBehaviour: 'fail' });
    const failed = await run(sandbox.actionInputs(), clock);
    expect(failed.outcome.exitCode).toBe(1);
    expect(failed.host.outputs.status).toBe('failed');
    expect(failed.outcome.failure).toMatch(
      /^rollback-railway: The rollback to .* ended failed .*check the provider dashboard/,
    );
    await sandbox.stop();

    await startSandbox({ rollbackBehaviour: 'never-live' });
    const timedOut = await run({ ...sandbox.actionInputs(), timeout: '45s' }, clock);
    expect(timedOut.outcome.exitCode).toBe(1);
    expect(timedOut.host.outputs).toMatchObject({ status: 'timed-out', 'duration-ms': '45000' });
    expect(timedOut.host.outputs.deployment).toBe(sandbox.list()[0]?.id);
  });

  it('with wait: false, returns once Railway accepted the rollback, with the new deployment', async () => {
    await startSandbox();
    const result = await run({ ...sandbox.actionInputs(), wait: 'false' }, clock);
    expect(result.host.outputs).toMatchObject({ status: 'rolled-back', deployment: sandbox.list()[0]?.id });
    expect(sandbox.list()[0]?.state).toBe('in-progress');
  });

  describe('never writes the token', () => {
    const scenarios: [
      string,
      Partial<RailwaySandboxOptions>,
      (s: RailwaySandbox) => Record<string, string>,
    ][] = [
      ['a rollback', {}, (s) => s.actionInputs()],
      ['a dry run', {}, (s) => ({ ...s.actionInputs(), 'dry-run': 'true' })],
      ['a failed rollback', { rollbackBehaviour: 'fail' }, (s) => s.actionInputs()],
      [
        'a timed-out rollback',
        { rollbackBehaviour: 'never-live' },
        (s) => ({ ...s.actionInputs(), timeout: '20s' }),
      ],
      ['a run with a project token', { tokenType: 'project' }, (s) => s.actionInputs()],
      [
        'a token of the wrong type',
        { tokenType: 'project' },
        (s) => ({ ...s.actionInputs(), 'token-type': 'account' }),
      ],
      [
        'an unknown target',
        {},
        (s) => ({ ...s.actionInputs(), target: 'abcdef12-0000-4000-8000-000000000000' }),
      ],
      ['bad inputs', {}, (s) => ({ ...s.actionInputs(), 'environment-id': 'prod' })],
    ];
    it.each(scenarios)('in %s', async (_name, options, inputs) => {
      await startSandbox(options);
      const result = await run(inputs(sandbox), clock);
      expect(everythingWritten(result)).not.toContain(sandbox.token);
      expect(result.host.masked).toContain(sandbox.token);
    });

    it('in a second run right after a rollback', async () => {
      await startSandbox();
      await run(sandbox.actionInputs(), clock);
      const again = await run(sandbox.actionInputs(), clock);
      expect(again.host.outputs.status).toBe('already-live');
      expect(everythingWritten(again)).not.toContain(sandbox.token);
      expect(sandbox.server.requests.filter(isRollbackMutation)).toHaveLength(1);
    });

    it('when Railway echoes it back in an error message', async () => {
      const token = 'rw-echoed-secret-9876';
      const echo = await startServer((_request, response) =>
        sendJson(response, 200, {
          data: null,
          errors: [{ message: `Invalid token ${token}: not authorized` }],
        }),
      );
      try {
        sandbox = new RailwaySandbox({ clock: new ManualClock() });
        const result = await run({
          token,
          'service-id': sandbox.serviceId,
          'environment-id': sandbox.environmentId,
          'api-url': echo.url,
        });
        expect(result.outcome.exitCode).toBe(1);
        expect(everythingWritten(result)).toContain('Invalid token ***: not authorized');
        expect(everythingWritten(result)).not.toContain(token);
        expect(echo.requests[0]?.headers.authorization).toBe(`Bearer ${token}`);
      } finally {
        await echo.close();
      }
    });
  });
});
