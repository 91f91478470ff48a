/**
 * The rollback-render action: through executeAction with an in-memory host, and as the built bundle
 * run the way the GitHub runner runs it, against the simulated Render API. The last block checks that
 * the API key never appears in any output, summary, report or log line of any of these runs.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { runBundle, type BundleRun } from '../../../__fixtures__/bundle.js';
import { memoryHost, testDeps, type MemoryHost } from '../../../__fixtures__/context.js';
import { sendJson, startServer } from '../../../__fixtures__/http-server.js';
import { rollbackRenderAction } from '../../../src/actions/rollback-render/main.js';
import { executeAction, type ExecutionOutcome } from '../../../src/core/action.js';
import { ManualClock, systemClock } from '../../../src/core/clock.js';
import type { RenderSandbox, RenderSandboxOptions } from '../../../src/sandbox/render.js';
import { startSandbox, TOKEN } from './setup.js';

const BUNDLE = 'dist/rollback-render/index.js';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'rg-render-'));

/** Everything a run wrote that a person or a later step could read. */
interface Written {
  name: string;
  texts: string[];
}
const written: Written[] = [];
/** Bundle runs whose log carried the runner's mask command for the key. */
const maskedRuns: string[] = [];

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
  // The runner's own masking command is how masking works: it is the one line allowed to hold the key.
  const lines = run.lines.filter((line) => !line.startsWith('::add-mask::'));
  if (run.lines.includes(`::add-mask::${TOKEN}`)) maskedRuns.push(name);
  written.push({ name, texts: [JSON.stringify(run.outputs), run.summary, report, ...lines] });
}

describe('the rollback-render action (executeAction, in memory)', () => {
  let sandbox: RenderSandbox;
  let clock: ManualClock;
  const start = async (extra: Partial<RenderSandboxOptions> = {}) => {
    clock = new ManualClock();
    sandbox = await startSandbox({ clock, ...extra });
  };
  const run = async (name: string, inputs: Record<string, string> = {}) => {
    const host = memoryHost({ RUNNER_TEMP: tmp });
    const outcome = await executeAction(
      rollbackRenderAction,
      { ...sandbox.actionInputs(), ...inputs },
      host,
      testDeps(clock),
    );
    recordHost(name, host, outcome);
    return { host, outcome };
  };
  afterEach(async () => sandbox?.stop());

  it('rolls back and writes the outputs, a summary that says auto-deploy was turned off, and a report', async () => {
    await start();
    const [bad, middle] = sandbox.list();
    const { host, outcome } = await run('in-memory rolled-back');
    expect(outcome.exitCode).toBe(0);
    expect(host.outputs).toMatchObject({
      status: 'rolled-back',
      from: bad!.id,
      to: middle!.id,
      deployment: sandbox.list()[0]!.id,
      'duration-ms': '5000',
    });
    expect(host.masked).toContain(TOKEN);
    const summary = host.summaries.join('');
    expect(summary).toContain('## rollback-guard · rollback-render');
    expect(summary).toContain(
      'Auto-deploy was on; turned it off so the next push to main does not undo the rollback.',
    );
    expect(summary).toMatch(/\| Rolled back to \| dep-sbx0002 \(commit [0-9a-f]{7}\) \|/);
    expect(summary).toContain('### Render');
    expect(summary).toContain(
      '| Auto-deploy | was on; turned off by this run (turn it back on once a fix is deployed) |',
    );
    expect(summary).toContain(`| Service | sandbox-app (${sandbox.serviceId}) |`);
    expect(summary).toContain('| Deploys read | 3 |');
    const report = JSON.parse(readFileSync(host.outputs.report!, 'utf8'));
    expect(report).toMatchObject({
      action: 'rollback-render',
      inputs: { 'api-key': '***', 'service-id': sandbox.serviceId },
      rollback: { status: 'rolled-back', requests: 1, details: { renderService: { autoDeploy: 'on' } } },
    });
  });

  it('exits 1 for a failed rollback, with the reason and what to do next', async () => {
    await start({ rollbackBehaviour: 'fail' });
    const { host, outcome } = await run('in-memory failed');
    expect(outcome.exitCode).toBe(1);
    expect(host.outputs.status).toBe('failed');
    expect(outcome.failure).toMatch(
      /^rollback-render: The rollback to dep-sbx0002 .* ended failed \(update_failed/,
    );
    expect(host.log.lines.at(-1)).toMatch(/^error: rollback-render: The rollback to/);
    expect(host.summaries.join('')).toContain(
      '| Auto-deploy | on: not changed (it is turned off once a rollback of this run is live) |',
    );
  });

  it('exits 1 for a timeout', async () => {
    await start({ rollbackBehaviour: 'never-live' });
    const { host, outcome } = await run('in-memory timed-out', { timeout: '90s' });
    expect(outcome.exitCode).toBe(1);
    expect(host.outputs).toMatchObject({ status: 'timed-out', 'duration-ms': '90000' });
  });

  it('reports every bad input at once, before any request', async () => {
    await start();
    const { host, outcome } = await run('in-memory bad inputs', {
      'api-key': '',
      'service-id': 'srv-x/../../owners',
      timeout: 'soon',
      'disable-auto-deploy': 'maybe',
      'api-url': 'ftp://render',
    });
    expect(outcome.exitCode).toBe(1);
    expect(host.log.lines).toEqual([
      "error: rollback-render: input 'timeout' 'soon' is not a duration such as '250ms', '90s', '10m', '1h', or a bare number of seconds",
      "error: rollback-render: input 'api-key' is required; expected any text",
      "error: rollback-render: input 'service-id' 'srv-x/../../owners' is not a Render service id such as 'srv-d0abc123xyz' (letters, digits, '-' and '_')",
      "error: rollback-render: input 'disable-auto-deploy' 'maybe' is not 'true' or 'false'",
      "error: rollback-render: input 'api-url' 'ftp://render' is not an http(s) URL",
    ]);
    expect(sandbox.server.requests).toEqual([]);
  });

  it('a refused key fails with what to do, and never shows the key', async () => {
    await start();
    const { host, outcome } = await run('in-memory wrong key', {
      'api-key': 'rnd_Wrong0Key1For2This3Service',
    });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.failure).toMatch(
      /HTTP 401: unauthorized\. Render refused the API key: check the `api-key` secret/,
    );
    expect(JSON.stringify(host.log.lines)).not.toContain('rnd_Wrong0Key1For2This3Service');
  });

  it('a provider that echoes the key in its errors has it redacted everywhere', async () => {
    clock = new ManualClock();
    const echo = await startServer((request, response) =>
      sendJson(response, 500, { id: 'boom', message: `upstream rejected ${request.headers.authorization}` }),
    );
    try {
      const host = memoryHost({ RUNNER_TEMP: tmp });
      const outcome = await executeAction(
        rollbackRenderAction,
        { 'api-key': TOKEN, 'service-id': 'srv-echo', 'api-url': `${echo.url}/v1` },
        host,
        testDeps(clock),
      );
      recordHost('in-memory echoing provider', host, outcome);
      expect(outcome.exitCode).toBe(1);
      expect(outcome.failure).toMatch(/HTTP 500: upstream rejected Bearer \*\*\*/);
    } finally {
      await echo.close();
    }
  });
});

describe('dist/rollback-render/index.js, run as the runner runs it', () => {
  let sandbox: RenderSandbox;
  beforeAll(async () => {
    // The bundle sleeps for real: the rollback is live by the flow's first poll.
    sandbox = await startSandbox({ clock: systemClock, buildDelayMs: 0 });
  });
  afterAll(async () => sandbox.stop());
  const run = async (name: string, inputs: Record<string, string> = {}) => {
    const result = await runBundle(BUNDLE, { ...sandbox.actionInputs(), ...inputs });
    recordBundle(name, result);
    return result;
  };

  it('plans a dry run and the API sees no mutating request', async () => {
    const result = await run('bundle dry-run', { 'dry-run': 'true' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      status: 'planned',
      from: sandbox.list()[0]!.id,
      to: sandbox.list()[1]!.id,
      deployment: '',
    });
    expect(result.summary).toContain('**Plan (not carried out):**');
    expect(result.summary).toContain(`- \`PATCH /services/${sandbox.serviceId} {"autoDeploy":"no"}\``);
    expect(sandbox.mutatingRequests()).toEqual([]);
  });

  it('rolls [good, good, bad(live)] back to the middle one, even through a 429 and a 503', async () => {
    const [bad, middle] = sandbox.list();
    sandbox.server
      .inject({ kind: 'rate-limit', retryAfterSeconds: 0, when: (r) => r.method === 'POST' })
      .inject({ kind: 'server-error', when: (r) => r.method === 'GET' });
    const result = await run('bundle rolled-back');
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      status: 'rolled-back',
      from: bad!.id,
      to: middle!.id,
      deployment: sandbox.list()[0]!.id,
    });
    expect(Number(result.outputs['duration-ms'])).toBeLessThan(5_000);
    expect(sandbox.rollbackRequests()).toBe(1);
    expect(sandbox.liveArtifact()).toBe('v2-good');
    expect(sandbox.autoDeploy).toBe('no');
    expect(result.summary).toContain('✅ **rolled-back**');
    expect(result.report).toMatchObject({ action: 'rollback-render', outputs: { status: 'rolled-back' } });
    expect(result.lines.some((line) => /HTTP 429, no Retry-After|asked to wait 0 ms/.test(line))).toBe(true);
  });

  it('run again, it reports already-live and sends nothing', async () => {
    const before = sandbox.mutatingRequests().length;
    const result = await run('bundle already-live');
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({
      status: 'already-live',
      to: sandbox.list()[2]!.id,
      deployment: '',
    });
    expect(sandbox.mutatingRequests()).toHaveLength(before);
  });

  it('exits 1 with one ::error:: line per bad input', async () => {
    const result = await run('bundle bad inputs', { 'service-id': '', timeout: '-5s' });
    expect(result.exitCode).toBe(1);
    expect(result.lines.filter((line) => line.startsWith('::error::'))).toEqual([
      expect.stringMatching(/^::error::rollback-render: input 'timeout' '-5s' /),
      expect.stringMatching(/^::error::rollback-render: input 'service-id' is required/),
    ]);
    expect(result.outputs).toEqual({});
  });
});

describe('the API key never appears in what a run writes', () => {
  it('in any scenario above: outputs, summaries, reports, logs', () => {
    expect(written.map((w) => w.name)).toEqual([
      'in-memory rolled-back',
      'in-memory failed',
      'in-memory timed-out',
      'in-memory bad inputs',
      'in-memory wrong key',
      'in-memory echoing provider',
      'bundle dry-run',
      'bundle rolled-back',
      'bundle already-live',
      'bundle bad inputs',
    ]);
    const forms = [
      TOKEN,
      encodeURIComponent(TOKEN),
      Buffer.from(TOKEN).toString('base64'),
      'rnd_Wrong0Key1For2This3Service',
    ];
    const leaks = written.flatMap(({ name, texts }) =>
      texts
        .filter((text) => forms.some((form) => text.includes(form)))
        .map((text) => `${name}: ${text.slice(0, 200)}`),
    );
    expect(leaks).toEqual([]);
    // The check can fail: every bundle run had the key, and told the runner to mask it.
    expect(maskedRuns).toEqual(written.filter((w) => w.name.startsWith('bundle')).map((w) => w.name));
    expect(written.flatMap((w) => w.texts).join('\n').length).toBeGreaterThan(10_000);
  });
});
