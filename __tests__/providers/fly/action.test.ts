/**
 * The rollback-fly action: through executeAction with an in-memory host, and as the built bundle run
 * the way the GitHub runner runs it, against the simulated Fly API. The last block checks that the
 * token never appears in any output, summary, report or log line of any of these runs.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBundle, type BundleRun } from '../../../__fixtures__/bundle.js';
import { memoryHost, testDeps, type MemoryHost } from '../../../__fixtures__/context.js';
import { sendJson, startServer } from '../../../__fixtures__/http-server.js';
import { rollbackFlyAction } from '../../../src/actions/rollback-fly/main.js';
import { executeAction, type ExecutionOutcome } from '../../../src/core/action.js';
import { ManualClock, systemClock } from '../../../src/core/clock.js';
import { FlySandbox, type FlySandboxOptions } from '../../../src/sandbox/fly.js';
import { HISTORY, image, TOKEN } from './setup.js';

const BUNDLE = 'dist/rollback-fly/index.js';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'rg-fly-'));
/** A deploy token as `fly tokens create deploy` prints it: scheme, then two macaroons. */
const DEPLOY_TOKEN = 'FlyV1 fm2_firstMacaroonAAAA1111,fm2_secondMacaroonBBBB2222';
const SECRETS = [TOKEN, DEPLOY_TOKEN, 'fm2_firstMacaroonAAAA1111', 'fm2_secondMacaroonBBBB2222'];

/** Everything a run wrote that a person or a later step could read. */
const written: { name: string; texts: string[] }[] = [];
/** Bundle runs whose log carried the runner's mask command for the token. */
const maskedRuns: string[] = [];
const bundleRuns: string[] = [];

function recordHost(name: string, host: MemoryHost, outcome: ExecutionOutcome): void {
  const report = outcome.reportPath ? readFileSync(outcome.reportPath, 'utf8') : '';
  written.push({
    name,
    texts: [
      JSON.stringify(host.outputs),
      ...host.summaries,
      report,
      ...host.log.lines,
      outcome.failure ?? '',
    ],
  });
}

function recordBundle(name: string, run: BundleRun): void {
  const report = run.outputs.report ? readFileSync(run.outputs.report, 'utf8') : '';
  // The runner's own masking command is how masking works: the one line allowed to hold the token.
  const lines = run.lines.filter((line) => !line.startsWith('::add-mask::'));
  bundleRuns.push(name);
  if (run.lines.includes(`::add-mask::${TOKEN}`)) maskedRuns.push(name);
  written.push({ name, texts: [JSON.stringify(run.outputs), run.summary, report, ...lines] });
}

async function startSandbox(
  options: Partial<FlySandboxOptions> & Pick<FlySandboxOptions, 'clock'>,
): Promise<FlySandbox> {
  const sandbox = new FlySandbox({ token: TOKEN, history: HISTORY, ...options });
  await sandbox.start();
  return sandbox;
}

describe('the rollback-fly action (executeAction, in memory)', () => {
  let sandbox: FlySandbox;
  let clock: ManualClock;
  const start = async (extra: Partial<FlySandboxOptions> = {}) => {
    clock = new ManualClock();
    sandbox = await startSandbox({ clock, ...extra });
  };
  const run = async (name: string, inputs: Record<string, string> = {}) => {
    const host = memoryHost({ RUNNER_TEMP: tmp });
    const outcome = await executeAction(
      rollbackFlyAction,
      { ...sandbox.actionInputs(), ...inputs },
      host,
      testDeps(clock),
    );
    recordHost(name, host, outcome);
    return { host, outcome };
  };
  afterEach(async () => sandbox?.stop());

  it('rolls back and writes the outputs, a summary of which machine runs which image, and a report', async () => {
    await start();
    const { host, outcome } = await run('in-memory rolled-back');
    expect(outcome.exitCode).toBe(0);
    expect(host.outputs).toMatchObject({
      status: 'rolled-back',
      from: 'v3',
      to: 'v2',
      deployment: 'machines:v2',
      'duration-ms': '6000',
      machines: '2',
    });
    expect(host.masked).toContain(TOKEN);
    const summary = host.summaries.join('');
    expect(summary).toContain('## rollback-guard · rollback-fly');
    expect(summary).toContain('| Rolled back to | v2 (registry.fly.io/demo:good-2) |');
    expect(summary).toContain('### Machines of demo');
    expect(summary).toContain(
      '| `148ed193b95d00 (demo-1)` | ams | started | `registry.fly.io/demo:good-2` | v2 | passing 1/1 | updated: started, checks passing |',
    );
    expect(summary).toContain(
      "Only the image was rolled back: the app's config, secrets, machine sizes and volumes stay as they are now.",
    );
    const report = JSON.parse(readFileSync(host.outputs.report as string, 'utf8'));
    expect(report).toMatchObject({
      action: 'rollback-fly',
      inputs: { 'api-token': '***', app: 'demo' },
      rollback: {
        status: 'rolled-back',
        requests: 1,
        details: {
          fly: { app: 'demo', mixedImages: false, images: [{ image: image('good-2'), release: 'v2' }] },
          rollout: { strategy: 'rolling', machines: [{ result: 'updated' }, { result: 'updated' }] },
        },
      },
    });
  });

  it('exits 1 for a rolling update that failed on a machine, saying which machines run what', async () => {
    await start({ rollbackBehaviour: 'fail' });
    const { host, outcome } = await run('in-memory failed');
    expect(outcome.exitCode).toBe(1);
    expect(host.outputs).toMatchObject({ status: 'failed', machines: '1', deployment: '' });
    expect(outcome.failure).toMatch(
      /^rollback-fly: The rollback to v2 .* ended failed \(machine 148ed193b95d00 \(ams\) stopped after starting .*: on registry\.fly\.io\/demo:good-2: 148ed193b95d00; on other images: 148ed193b95ef3 \(v3\)\)/,
    );
    const summary = host.summaries.join('');
    expect(summary).toContain('| FAILED: stopped after starting (state stopped; checks: critical: health');
    expect(summary).toContain(
      '| `148ed193b95ef3 (demo-2)` | iad | started | `registry.fly.io/demo:bad-3` | v3 | passing 1/1 | not updated |',
    );
  });

  it('exits 1 for a timeout', async () => {
    await start({ rollbackBehaviour: 'never-live' });
    const { host, outcome } = await run('in-memory timed-out', { timeout: '90s', strategy: 'immediate' });
    expect(outcome.exitCode).toBe(1);
    expect(host.outputs).toMatchObject({ status: 'timed-out', machines: '2' });
    // Two machines waited for at once: the simulated clock moves at least the 90 s (exactly 90 s
    // unless the two long polls reach the simulated API too far apart to share one clock advance).
    expect(Number(host.outputs['duration-ms'])).toBeGreaterThanOrEqual(90_000);
  });

  it('reports every bad input at once, before any request', async () => {
    await start();
    const { host, outcome } = await run('in-memory bad inputs', {
      'api-token': '',
      app: 'my app/../x',
      strategy: 'canary',
      timeout: 'soon',
      'api-url': 'ftp://machines',
      'graphql-url': 'not a url',
    });
    expect(outcome.exitCode).toBe(1);
    expect(host.log.lines).toEqual([
      "error: rollback-fly: input 'api-token' is required; expected any text",
      "error: rollback-fly: input 'app' 'my app/../x' is not a Fly app name (letters, digits, dashes), as `fly apps list` shows it",
      "error: rollback-fly: input 'strategy' 'canary' is not one of rolling, immediate",
      "error: rollback-fly: input 'timeout' 'soon' is not a duration such as '250ms', '90s', '10m', '1h', or a bare number of seconds",
      "error: rollback-fly: input 'api-url' 'ftp://machines' is not an http(s) URL",
      "error: rollback-fly: input 'graphql-url' 'not a url' is not a URL; expected an http(s) URL such as 'https://app.example.com/health'",
    ]);
    expect(sandbox.server.requests).toEqual([]);
  });

  it('a refused token fails with what to do, and never shows the token', async () => {
    await start();
    const { host, outcome } = await run('in-memory wrong token', {
      'api-token': 'fm2_Wrong0Token1For2This3App',
    });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.failure).toContain(
      "list the machines of Fly app 'demo' failed: HTTP 401: unauthorized. The token was refused: check that it is set, not expired, and of the right kind",
    );
    expect(JSON.stringify([host.log.lines, host.outputs, host.summaries])).not.toContain(
      'fm2_Wrong0Token1For2This3App',
    );
  });

  it('a provider that echoes the token (or one macaroon of it) has it redacted everywhere', async () => {
    clock = new ManualClock();
    const echo = await startServer((request, response) => {
      // Only the second macaroon of the deploy token: redacted although it is not the whole input.
      const second = String(request.headers.authorization).split(',')[1];
      sendJson(response, 500, { error: `upstream rejected ${second} (${request.headers.authorization})` });
    });
    try {
      const host = memoryHost({ RUNNER_TEMP: tmp });
      const outcome = await executeAction(
        rollbackFlyAction,
        {
          'api-token': DEPLOY_TOKEN,
          app: 'demo',
          'api-url': `${echo.url}/v1`,
          'graphql-url': `${echo.url}/graphql`,
        },
        host,
        testDeps(clock),
      );
      recordHost('in-memory echoing provider', host, outcome);
      expect(outcome.exitCode).toBe(1);
      expect(outcome.failure).toContain('HTTP 500: upstream rejected *** (***)');
      expect(echo.requests[0]?.headers.authorization).toBe(DEPLOY_TOKEN);
    } finally {
      await echo.close();
    }
  });
});

describe('dist/rollback-fly/index.js, run as the runner runs it', () => {
  let sandbox: FlySandbox;
  beforeAll(async () => {
    // The bundle sleeps for real: with no build delay every machine is started and healthy as soon
    // as it is updated, so a run takes a fraction of a second.
    sandbox = await startSandbox({ clock: systemClock, buildDelayMs: 0 });
  });
  afterAll(async () => sandbox.stop());
  const run = async (name: string, inputs: Record<string, string> = {}) => {
    const result = await runBundle(BUNDLE, { ...sandbox.actionInputs(), ...inputs });
    recordBundle(name, result);
    return result;
  };
  const mutating = () => sandbox.server.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql');

  it('plans a dry run and the API sees no mutating request', async () => {
    const result = await run('bundle dry-run', { 'dry-run': 'true' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ status: 'planned', from: 'v3', to: 'v2', deployment: '' });
    expect(result.summary).toContain('**Plan (not carried out):**');
    expect(result.summary).toContain('`POST /apps/demo/machines/148ed193b95d00/lease`');
    expect(mutating()).toEqual([]);
  });

  it('rolls [good, good, bad(live)] back to the middle release and reports it', async () => {
    const result = await run('bundle rolled-back');
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      status: 'rolled-back',
      from: 'v3',
      to: 'v2',
      deployment: 'machines:v2',
      machines: '2',
    });
    expect(Number(result.outputs['duration-ms'])).toBeLessThan(5000);
    expect(result.report).toMatchObject({
      action: 'rollback-fly',
      rollback: { status: 'rolled-back', requests: 1 },
    });
    expect(result.summary).toContain('### Machines of demo');
    expect(sandbox.liveArtifact()).toBe(image('good-2'));
    expect(sandbox.rollbackRequests()).toBe(1);
  });

  it('reports already-live when run again, with no mutating request', async () => {
    const before = mutating().length;
    const result = await run('bundle already-live');
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      status: 'already-live',
      from: 'machines:v2',
      to: 'v2',
      deployment: '',
    });
    expect(mutating()).toHaveLength(before);
  });

  it('exits 1 naming each bad input, one ::error:: line per input', async () => {
    const result = await run('bundle bad inputs', { strategy: 'sideways', wait: 'perhaps' });
    expect(result.exitCode).toBe(1);
    expect(result.lines.filter((line) => line.startsWith('::error::'))).toEqual([
      "::error::rollback-fly: input 'strategy' 'sideways' is not one of rolling, immediate",
      "::error::rollback-fly: input 'wait' 'perhaps' is not 'true' or 'false'",
    ]);
    expect(result.outputs).toEqual({});
  });
});

describe('dist/rollback-fly/index.js under 429s and bursts of 5xx', () => {
  it('still makes exactly one rollback, and releases every lease', async () => {
    const sandbox = await startSandbox({ clock: systemClock, buildDelayMs: 0 });
    try {
      sandbox.server
        .inject({ kind: 'server-error', status: 502, times: 2, when: (r) => r.method === 'GET' })
        .inject({ kind: 'server-error', times: 2, when: (r) => r.path === '/graphql' })
        .inject({
          kind: 'rate-limit',
          retryAfterSeconds: 0,
          times: 2,
          when: (r) => r.method === 'POST' && r.path.endsWith('/lease'),
        })
        .inject({
          kind: 'rate-limit',
          retryAfterSeconds: 0,
          times: 2,
          when: (r) => r.method === 'POST' && /machines\/[0-9a-f]+$/.test(r.path),
        });
      const result = await runBundle(BUNDLE, sandbox.actionInputs());
      recordBundle('bundle under faults', result);
      expect(result.exitCode).toBe(0);
      expect(result.outputs).toMatchObject({ status: 'rolled-back', to: 'v2', machines: '2' });
      expect(sandbox.server.requests.filter((r) => r.faulted)).toHaveLength(8);
      expect(result.lines.filter((l) => /HTTP 429/.test(l))).toHaveLength(4);
      expect(sandbox.rollbackRequests()).toBe(1);
      expect(sandbox.updateRequests()).toHaveLength(2);
      expect(sandbox.machineSummaries().map((m) => m.leasedBy)).toEqual([undefined, undefined]);
    } finally {
      await sandbox.stop();
    }
  });
});

describe('the token', () => {
  it('appears in no output, summary, report or log line of any run above', () => {
    expect(written.length).toBeGreaterThanOrEqual(10);
    for (const { name, texts } of written) {
      for (const secret of SECRETS) {
        const leaks = texts.filter((text) => text.includes(secret));
        expect({ name, secret, leaks }).toEqual({ name, secret, leaks: [] });
      }
    }
  });

  it('was masked with the runner in every bundle run', () => {
    expect(maskedRuns).toEqual(bundleRuns);
  });
});
