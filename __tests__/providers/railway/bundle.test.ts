/**
 * dist/rollback-railway/index.js, run as the GitHub runner runs it (a child process with INPUT_*
 * variables, $GITHUB_OUTPUT, $GITHUB_STEP_SUMMARY), against the simulated Railway in this process.
 * The child sleeps for real, so the sandbox runs on the system clock and deploys go live at once.
 */
import { runBundle, type BundleRun } from '../../../__fixtures__/bundle.js';
import { systemClock } from '../../../src/core/clock.js';
import { RailwaySandbox } from '../../../src/sandbox/railway.js';
import { GOOD_GOOD_BAD, idsOldestFirst, isRollbackMutation } from './helpers.js';

const BUNDLE = 'dist/rollback-railway/index.js';

describe(`${BUNDLE}, run as the runner runs it`, () => {
  let sandbox: RailwaySandbox;
  beforeEach(async () => {
    sandbox = new RailwaySandbox({ clock: systemClock, buildDelayMs: 0, history: GOOD_GOOD_BAD });
    await sandbox.start();
  });
  afterEach(async () => sandbox.stop());

  it('rolls back to the middle deployment, then reports already-live on a second run', async () => {
    const [, good2, bad3] = idsOldestFirst(sandbox);
    const first = await runBundle(BUNDLE, sandbox.actionInputs());
    expect(first.exitCode).toBe(0);
    const created = sandbox.list()[0];
    expect(first.outputs).toMatchObject({
      status: 'rolled-back',
      from: bad3,
      to: good2,
      deployment: created?.id,
    });
    expect(Number(first.outputs['duration-ms'])).toBeLessThan(2000);
    expect(created).toMatchObject({ artifact: 'good-2', state: 'live', rollback: true });
    expect(first.summary).toContain('## rollback-guard · rollback-railway');
    expect(first.report).toMatchObject({ action: 'rollback-railway', rollback: { status: 'rolled-back' } });
    expect(first.report?.inputs).toMatchObject({ token: '***', 'service-id': sandbox.serviceId });

    const second = await runBundle(BUNDLE, sandbox.actionInputs());
    expect(second.exitCode).toBe(0);
    expect(second.outputs).toMatchObject({
      status: 'already-live',
      from: created?.id,
      to: good2,
      deployment: '',
    });
    expect(sandbox.rollbackRequests()).toBe(1);
    expectNoToken([first, second], sandbox.token);
  });

  it('makes no mutating request with dry-run: true', async () => {
    const [, good2] = idsOldestFirst(sandbox);
    const run = await runBundle(BUNDLE, { ...sandbox.actionInputs(), 'dry-run': 'true' });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'planned', to: good2, deployment: '' });
    expect(run.summary).toContain('Plan (not carried out)');
    expect(sandbox.server.requests.filter(isRollbackMutation)).toEqual([]);
    expect(sandbox.liveArtifact()).toBe('bad-3');
    expectNoToken([run], sandbox.token);
  });

  it('sends one rollback request through 429s with Retry-After and a burst of 5xx', async () => {
    sandbox.server
      .inject({ kind: 'server-error', times: 2, status: 502, when: (r) => !isRollbackMutation(r) })
      .inject({ kind: 'rate-limit', times: 2, retryAfterSeconds: 0, when: isRollbackMutation });
    const run = await runBundle(BUNDLE, sandbox.actionInputs());
    expect(run.outputs.status).toBe('rolled-back');
    expect(sandbox.rollbackRequests()).toBe(1);
    expect(sandbox.server.requests.filter(isRollbackMutation).map((r) => r.faulted ?? 'done')).toEqual([
      'rate-limit',
      'rate-limit',
      'done',
    ]);
    expect(run.lines.some((line) => /HTTP 429.*retrying/.test(line))).toBe(true);
    expectNoToken([run], sandbox.token);
  });

  it('exits 1 with one error per bad input, before any request', async () => {
    const run = await runBundle(BUNDLE, {
      ...sandbox.actionInputs(),
      'service-id': 'web',
      'token-type': 'team',
      timeout: 'soon',
    });
    expect(run.exitCode).toBe(1);
    const errors = run.lines.filter((line) => line.startsWith('::error::'));
    expect(errors).toEqual([
      expect.stringMatching(
        /^::error::rollback-railway: input 'token-type' 'team' is not one of account, project/,
      ),
      expect.stringMatching(
        /^::error::rollback-railway: input 'service-id' 'web' is not a Railway id, a UUID/,
      ),
      expect.stringMatching(/^::error::rollback-railway: input 'timeout' 'soon' is not a duration/),
    ]);
    expect(sandbox.server.requests).toEqual([]);
    expectNoToken([run], sandbox.token);
  });
});

/** The token in no output, summary, report or log line — the runner's own ::add-mask:: aside. */
export function expectNoToken(runs: BundleRun[], token: string): void {
  for (const run of runs) {
    const logged = run.lines.filter((line) => !line.startsWith('::add-mask::'));
    expect(logged.join('\n')).not.toContain(token);
    expect(JSON.stringify(run.outputs)).not.toContain(token);
    expect(run.summary).not.toContain(token);
    expect(JSON.stringify(run.report ?? {})).not.toContain(token);
    // Masking did happen: the runner was told to hide it.
    expect(run.lines).toContain(`::add-mask::${token}`);
  }
}
