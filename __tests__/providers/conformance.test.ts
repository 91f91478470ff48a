/**
 * One conformance suite for the rollback actions: every scenario below runs against each simulated
 * provider (src/sandbox), through the action in this process (executeAction, an in-memory host, a
 * ManualClock shared with the sandbox) and as the built bundle run the way the GitHub runner runs
 * it. A table row says only what differs between providers: the inputs, the ids, and the fragments
 * of their own messages and summaries. Provider-specific cases live in each provider's folder.
 *
 * For every run the suite keeps what it wrote; the last cases check that the token appears nowhere
 * in it and that the runner was told to mask it.
 */
import { runBundle, type BundleRun } from '../../__fixtures__/bundle.js';
import { bundleWritten, leaks, runInMemory, type ActionRun } from '../../__fixtures__/action-run.js';
import { rollbackFlyAction } from '../../src/actions/rollback-fly/main.js';
import { rollbackRailwayAction } from '../../src/actions/rollback-railway/main.js';
import { rollbackRenderAction } from '../../src/actions/rollback-render/main.js';
import { ManualClock, systemClock } from '../../src/core/clock.js';
import { createProviderSandbox } from '../../src/sandbox/index.js';
import type { RenderSandbox } from '../../src/sandbox/render.js';
import type {
  ProviderSandbox,
  ProviderSandboxOptions,
  SandboxDeploymentView,
  SandboxProviderName,
} from '../../src/sandbox/types.js';

/** An input's name and a fragment of what its error says is accepted. */
type Problem = [input: string, accepted: string];

interface ProviderCase {
  name: SandboxProviderName;
  run(inputs: Record<string, string>, clock: ManualClock): Promise<ActionRun>;
  /** The input that carries the token (the action's one secret input). */
  tokenInput: string;
  /** [good, good, bad(live)], oldest first. */
  history: { artifact: string }[];
  sandboxOptions?: Partial<ProviderSandboxOptions>;
  /** The deployment output of a rollback to `to` (Fly makes no release: the machines' state is it). */
  deploymentAfter(sandbox: ProviderSandbox, to: string): string;
  rolledBack: {
    durationMs?: string;
    outputs?: Record<string, string>;
    summary: (string | RegExp)[];
    report: Record<string, unknown>;
  };
  failed: { because: RegExp; outputs?: Record<string, string>; summary?: string[] };
  /** The provider creates a deployment for the rollback, listed before it is live. */
  createsDeployment: boolean;
  badInputs: { inputs: Record<string, string>; problems: Problem[] };
  bundleBadInputs: { inputs: Record<string, string>; problems: Problem[] };
  wrongToken: string;
  refused: RegExp;
  unknownTarget: string;
  /** A line of the dry run's plan. */
  planned: string;
  /** Provider state a rollback leaves besides what is live. */
  afterRollback?(sandbox: ProviderSandbox): void;
}

const secretInputOf = (fields: Record<string, { options: { secret: boolean } }>): string =>
  Object.entries(fields).find(([, field]) => field.options.secret)?.[0] as string;

const flyImage = (tag: string) => `registry.fly.io/demo:${tag}`;

const CASES: ProviderCase[] = [
  {
    name: 'railway',
    run: (inputs, clock) => runInMemory(rollbackRailwayAction, inputs, clock),
    tokenInput: secretInputOf(rollbackRailwayAction.inputs.fields),
    history: [{ artifact: 'good-1' }, { artifact: 'good-2' }, { artifact: 'bad-3' }],
    deploymentAfter: (sandbox) => sandbox.list()[0]?.id as string,
    rolledBack: {
      summary: [
        /✅ \*\*rolled-back\*\*: Rolled back from \w{8} \(commit \w{7}\) to \w{8} \(commit \w{7}\); it is live\./,
        'auto-deploy stays on',
      ],
      report: {
        inputs: { 'token-type': 'account' },
        rollback: {
          details: { railway: { service: 'web', listOrder: 'newest-first', historyTruncated: false } },
        },
      },
    },
    failed: { because: /ended failed/ },
    createsDeployment: true,
    badInputs: {
      inputs: {
        token: '',
        'service-id': 'my-web-service',
        'environment-id': 'production',
        'api-url': 'backboard.railway.com',
        wait: 'maybe',
      },
      problems: [
        ['token', 'is required'],
        ['service-id', "'my-web-service' is not a Railway id, a UUID such as"],
        ['environment-id', "'production' is not a Railway id"],
        ['wait', "'maybe' is not 'true' or 'false'"],
        ['api-url', 'expected an http(s) URL'],
      ],
    },
    bundleBadInputs: {
      inputs: { 'service-id': 'web', 'token-type': 'team', timeout: 'soon' },
      problems: [
        ['token-type', "'team' is not one of account, project"],
        ['service-id', "'web' is not a Railway id, a UUID"],
        ['timeout', "'soon' is not a duration"],
      ],
    },
    wrongToken: 'railway-wrong-token-0000',
    refused: /Railway answered: Not Authorized\. Railway refused the token: .*token-type matches it/,
    unknownTarget: 'abcdef12-0000-4000-8000-000000000000',
    planned: 'mutation deploymentRollback(id: ',
  },
  {
    name: 'render',
    run: (inputs, clock) => runInMemory(rollbackRenderAction, inputs, clock),
    tokenInput: secretInputOf(rollbackRenderAction.inputs.fields),
    history: [{ artifact: 'v1-good' }, { artifact: 'v2-good' }, { artifact: 'v3-bad' }],
    sandboxOptions: { token: 'rnd_Sec7ret9Render3Key5Value1xyz', buildDelayMs: 5_000 },
    deploymentAfter: (sandbox) => sandbox.list()[0]?.id as string,
    rolledBack: {
      durationMs: '5000',
      summary: [
        'Auto-deploy was on; turned it off so the next push to main does not undo the rollback.',
        /\| Rolled back to \| dep-sbx0002 \(commit [0-9a-f]{7}\) \|/,
        '### Render',
        '| Auto-deploy | was on; turned off by this run (turn it back on once a fix is deployed) |',
        '| Service | sandbox-app (srv-sandbox0001) |',
        '| Deploys read | 3 |',
      ],
      report: {
        inputs: { 'service-id': 'srv-sandbox0001' },
        rollback: { details: { renderService: { autoDeploy: 'on' } } },
      },
    },
    failed: {
      because: /^rollback-render: The rollback to dep-sbx0002 .* ended failed \(update_failed/,
      summary: ['| Auto-deploy | on: not changed (it is turned off once a rollback of this run is live) |'],
    },
    createsDeployment: true,
    badInputs: {
      inputs: {
        'api-key': '',
        'service-id': 'srv-x/../../owners',
        timeout: 'soon',
        'disable-auto-deploy': 'maybe',
        'api-url': 'ftp://render',
      },
      problems: [
        ['timeout', "'soon' is not a duration such as '250ms', '90s', '10m', '1h'"],
        ['api-key', 'is required'],
        ['service-id', "'srv-x/../../owners' is not a Render service id such as 'srv-d0abc123xyz'"],
        ['disable-auto-deploy', "'maybe' is not 'true' or 'false'"],
        ['api-url', "'ftp://render' is not an http(s) URL"],
      ],
    },
    bundleBadInputs: {
      inputs: { 'service-id': '', timeout: '-5s' },
      problems: [
        ['timeout', "'-5s' "],
        ['service-id', 'is required'],
      ],
    },
    wrongToken: 'rnd_Wrong0Key1For2This3Service',
    refused: /HTTP 401: unauthorized\. Render refused the API key: check the `api-key` secret/,
    unknownTarget: 'dep-unknown00001',
    planned: '`PATCH /services/srv-sandbox0001 {"autoDeploy":"no"}`',
    afterRollback: (sandbox) => expect((sandbox as RenderSandbox).autoDeploy).toBe('no'),
  },
  {
    name: 'fly',
    run: (inputs, clock) => runInMemory(rollbackFlyAction, inputs, clock),
    tokenInput: secretInputOf(rollbackFlyAction.inputs.fields),
    history: [
      { artifact: flyImage('good-1') },
      { artifact: flyImage('good-2') },
      { artifact: flyImage('bad-3') },
    ],
    sandboxOptions: { token: 'fm2_sandboxSecretMacaroon0123456789' },
    deploymentAfter: (_sandbox, to) => `machines:${to}`,
    rolledBack: {
      durationMs: '6000',
      outputs: { machines: '2' },
      summary: [
        '| Rolled back to | v2 (registry.fly.io/demo:good-2) |',
        '### Machines of demo',
        '| `148ed193b95d00 (demo-1)` | ams | started | `registry.fly.io/demo:good-2` | v2 | passing 1/1 | updated: started, checks passing |',
        "Only the image was rolled back: the app's config, secrets, machine sizes and volumes stay as they are now.",
      ],
      report: {
        inputs: { app: 'demo' },
        rollback: {
          details: {
            fly: { app: 'demo', mixedImages: false, images: [{ image: flyImage('good-2'), release: 'v2' }] },
            rollout: { strategy: 'rolling', machines: [{ result: 'updated' }, { result: 'updated' }] },
          },
        },
      },
    },
    failed: {
      because:
        /^rollback-fly: The rollback to v2 .* ended failed \(machine 148ed193b95d00 \(ams\) stopped after starting .*: on registry\.fly\.io\/demo:good-2: 148ed193b95d00; on other images: 148ed193b95ef3 \(v3\)\)/,
      outputs: { machines: '1', deployment: '' },
      summary: [
        '| FAILED: stopped after starting (state stopped; checks: critical: health',
        '| `148ed193b95ef3 (demo-2)` | iad | started | `registry.fly.io/demo:bad-3` | v3 | passing 1/1 | not updated |',
      ],
    },
    createsDeployment: false,
    badInputs: {
      inputs: {
        'api-token': '',
        app: 'my app/../x',
        strategy: 'canary',
        timeout: 'soon',
        'api-url': 'ftp://machines',
        'graphql-url': 'not a url',
      },
      problems: [
        ['api-token', 'is required'],
        ['app', "'my app/../x' is not a Fly app name (letters, digits, dashes)"],
        ['strategy', "'canary' is not one of rolling, immediate"],
        ['timeout', "'soon' is not a duration"],
        ['api-url', "'ftp://machines' is not an http(s) URL"],
        ['graphql-url', "'not a url' is not a URL; expected an http(s) URL"],
      ],
    },
    bundleBadInputs: {
      inputs: { strategy: 'sideways', wait: 'perhaps' },
      problems: [
        ['strategy', "'sideways' is not one of rolling, immediate"],
        ['wait', "'perhaps' is not 'true' or 'false'"],
      ],
    },
    wrongToken: 'fm2_Wrong0Token1For2This3App',
    refused:
      /list the machines of Fly app 'demo' failed: HTTP 401: unauthorized\. The token was refused: check that it is set, not expired, and of the right kind/,
    unknownTarget: 'v99',
    planned: '`POST /apps/demo/machines/148ed193b95d00/lease`',
  },
];

/** Each error line names its input and says what is accepted, in the order of the list. */
function expectProblems(lines: string[], prefix: string, action: string, problems: Problem[]): void {
  expect(lines).toHaveLength(problems.length);
  problems.forEach(([name, accepted], index) => {
    expect(lines[index]).toMatch(new RegExp(`^${prefix}rollback-${action}: input '${name}' `));
    expect(lines[index]).toContain(accepted);
  });
}

describe.each(CASES)('rollback-$name', (provider) => {
  /** The outputs of a rollback of [good, good, bad(live)] (as listed before it) to the middle one. */
  const rolledBack = (sandbox: ProviderSandbox, [bad, good2]: SandboxDeploymentView[]) => ({
    status: 'rolled-back',
    from: bad?.id,
    to: good2?.id,
    deployment: provider.deploymentAfter(sandbox, good2?.id as string),
  });

  /** What every run of this provider wrote, by scenario, and the token its sandbox accepts. */
  const written = new Map<string, { token: string; texts: string[] }>();

  describe('the action, in this process', () => {
    let sandbox: ProviderSandbox;
    let clock: ManualClock;
    const start = async (options: Partial<ProviderSandboxOptions> = {}) => {
      clock = new ManualClock();
      sandbox = createProviderSandbox(provider.name, {
        clock,
        history: provider.history,
        ...provider.sandboxOptions,
        ...options,
      });
      await sandbox.start();
    };
    const run = async (scenario: string, inputs: Record<string, string> = {}) => {
      const result = await provider.run({ ...sandbox.actionInputs(), ...inputs }, clock);
      written.set(scenario, { token: sandbox.token, texts: result.written });
      return result;
    };
    afterEach(async () => sandbox?.stop());

    it('rolls [good, good, bad(live)] back to the middle one: outputs, summary, report, the token masked', async () => {
      await start();
      const before = sandbox.list();
      const { outcome, host, report } = await run('a rollback');
      expect(outcome.exitCode).toBe(0);
      expect(host.outputs).toMatchObject({
        ...rolledBack(sandbox, before),
        'duration-ms': provider.rolledBack.durationMs ?? expect.stringMatching(/^\d+$/),
        ...provider.rolledBack.outputs,
      });
      expect(host.masked).toContain(sandbox.token);
      const summary = host.summaries.join('');
      expect(summary).toContain(`## rollback-guard · rollback-${provider.name}`);
      expect(summary).toContain('✅ **rolled-back**');
      expect(summary).toContain('| Rollback requests sent | 1 |');
      for (const fragment of provider.rolledBack.summary) {
        if (typeof fragment === 'string') expect(summary).toContain(fragment);
        else expect(summary).toMatch(fragment);
      }
      expect(JSON.parse(report)).toMatchObject({
        action: `rollback-${provider.name}`,
        inputs: { [provider.tokenInput]: '***' },
        rollback: { status: 'rolled-back', requests: 1 },
      });
      expect(JSON.parse(report)).toMatchObject(provider.rolledBack.report);
      expect(sandbox.rollbackRequests()).toBe(1);
    });

    it('run again right after, it is already-live and sends nothing', async () => {
      await start();
      const first = await run('a rollback, before a second run');
      const mutating = sandbox.server.requests.filter((r) => sandbox.isMutating(r)).length;
      const { host } = await run('a second run right after a rollback');
      expect(host.outputs).toMatchObject({
        status: 'already-live',
        from: first.host.outputs.deployment,
        to: first.host.outputs.to,
        deployment: '',
      });
      expect(sandbox.server.requests.filter((r) => sandbox.isMutating(r))).toHaveLength(mutating);
      expect(sandbox.rollbackRequests()).toBe(1);
    });

    it('plans a dry run and changes nothing', async () => {
      await start();
      const live = sandbox.liveArtifact();
      const { outcome, host } = await run('a dry run', { 'dry-run': 'true' });
      expect(outcome.exitCode).toBe(0);
      expect(host.outputs).toMatchObject({ status: 'planned', deployment: '' });
      expect(host.summaries.join('')).toContain(provider.planned);
      expect(sandbox.server.requests.filter((r) => sandbox.isMutating(r))).toEqual([]);
      expect(sandbox.liveArtifact()).toBe(live);
    });

    it('exits 1 for a failed rollback, with the reason and what to do next', async () => {
      await start({ rollbackBehaviour: 'fail' });
      const { outcome, host } = await run('a failed rollback');
      expect(outcome.exitCode).toBe(1);
      expect(host.outputs).toMatchObject({ status: 'failed', ...provider.failed.outputs });
      expect(outcome.failure).toMatch(
        new RegExp(`^rollback-${provider.name}: The rollback to .* ended failed`),
      );
      expect(outcome.failure).toMatch(provider.failed.because);
      expect(outcome.failure).toContain('check the provider dashboard');
      expect(host.log.lines.at(-1)).toMatch(new RegExp(`^error: rollback-${provider.name}: The rollback to`));
      for (const fragment of provider.failed.summary ?? [])
        expect(host.summaries.join('')).toContain(fragment);
    });

    it('exits 1 when the rollback is not live within the timeout', async () => {
      await start({ rollbackBehaviour: 'never-live' });
      const { outcome, host } = await run('a timed-out rollback', { timeout: '90s' });
      expect(outcome.exitCode).toBe(1);
      expect(host.outputs).toMatchObject({ status: 'timed-out', 'duration-ms': '90000' });
      expect(host.outputs.deployment).toBe(provider.createsDeployment ? sandbox.list()[0]?.id : '');
      expect(outcome.failure).toContain('was not live within 90 s');
    });

    it('reports every bad input at once, naming it and what it accepts, before any request', async () => {
      await start();
      const { outcome, host } = await run('bad inputs', provider.badInputs.inputs);
      expect(outcome.exitCode).toBe(1);
      expectProblems(host.log.lines, 'error: ', provider.name, provider.badInputs.problems);
      expect(host.outputs).toEqual({});
      expect(sandbox.server.requests).toEqual([]);
    });

    it('fails on a refused token, saying what to check, and never shows it', async () => {
      await start();
      const { outcome } = await run('a refused token', { [provider.tokenInput]: provider.wrongToken });
      expect(outcome.exitCode).toBe(1);
      expect(outcome.failure).toMatch(provider.refused);
      expect(leaks(written.get('a refused token')?.texts ?? [], provider.wrongToken)).toEqual([]);
    });

    it('fails on a target that is not among the deployments, and sends nothing', async () => {
      await start();
      const { outcome, host } = await run('an unknown target', { target: provider.unknownTarget });
      expect(outcome.exitCode).toBe(1);
      expect(host.outputs.status).toBe('failed');
      expect(outcome.failure).toContain(
        `the target '${provider.unknownTarget}' is not among the deployments`,
      );
      expect(sandbox.rollbackRequests()).toBe(0);
    });

    it('removes the token from a provider error that echoes it back', async () => {
      await start();
      sandbox.server.inject({
        kind: 'answer',
        times: Infinity,
        answer: (request) =>
          sandbox.errorAnswer(`upstream rejected ${JSON.stringify(request.headers)}: not authorized`),
      });
      const { outcome } = await run('a provider that echoes the token');
      expect(outcome.exitCode).toBe(1);
      expect(outcome.failure).toMatch(/upstream rejected .*\*\*\*.*: not authorized/);
      // It was sent, and echoed: the redaction is what kept it out.
      expect(JSON.stringify(sandbox.server.requests[0]?.headers)).toContain(sandbox.token);
    });
  });

  describe(`dist/rollback-${provider.name}/index.js, run as the runner runs it`, () => {
    const bundle = `dist/rollback-${provider.name}/index.js`;
    let sandbox: ProviderSandbox;
    const bundleRuns: { token: string; result: BundleRun }[] = [];
    beforeEach(async () => {
      // The bundle sleeps for real: with no build delay a rollback is live by the first poll.
      sandbox = createProviderSandbox(provider.name, {
        history: provider.history,
        ...provider.sandboxOptions,
        clock: systemClock,
        buildDelayMs: 0,
      });
      await sandbox.start();
    });
    afterEach(async () => sandbox.stop());
    const run = async (scenario: string, inputs: Record<string, string> = {}) => {
      const result = await runBundle(bundle, { ...sandbox.actionInputs(), ...inputs });
      written.set(`bundle: ${scenario}`, { token: sandbox.token, texts: bundleWritten(result) });
      bundleRuns.push({ token: sandbox.token, result });
      return result;
    };

    it('plans a dry run, and the API sees no mutating request', async () => {
      const [live, target] = sandbox.list();
      const result = await run('a dry run', { 'dry-run': 'true' });
      expect(result.exitCode).toBe(0);
      expect(result.outputs).toMatchObject({
        status: 'planned',
        from: live?.id,
        to: target?.id,
        deployment: '',
      });
      expect(result.summary).toContain('**Plan (not carried out):**');
      expect(result.summary).toContain(provider.planned);
      expect(sandbox.server.requests.filter((r) => sandbox.isMutating(r))).toEqual([]);
      expect(sandbox.liveArtifact()).toBe(provider.history[2]?.artifact);
    });

    it('rolls back through 429s and 5xx with one rollback request, then is already-live', async () => {
      const listed = sandbox.list();
      const good2 = listed[1];
      sandbox.server
        .inject({ kind: 'server-error', status: 502, times: 2, when: (r) => !sandbox.isMutating(r) })
        .inject({ kind: 'rate-limit', retryAfterSeconds: 0, times: 2, when: (r) => sandbox.isMutating(r) });
      const first = await run('a rollback through faults');
      expect(first.exitCode).toBe(0);
      expect(first.outputs).toMatchObject(rolledBack(sandbox, listed));
      expect(Number(first.outputs['duration-ms'])).toBeLessThan(5_000);
      const mutating = () => sandbox.server.requests.filter((r) => sandbox.isMutating(r));
      expect(
        mutating()
          .map((r) => r.faulted ?? 'done')
          .slice(0, 3),
      ).toEqual(['rate-limit', 'rate-limit', 'done']);
      expect(first.lines.some((line) => /HTTP 429.*retrying/.test(line))).toBe(true);
      expect(sandbox.rollbackRequests()).toBe(1);
      expect(sandbox.liveArtifact()).toBe(provider.history[1]?.artifact);
      if (provider.createsDeployment)
        expect(sandbox.list()[0]).toMatchObject({ state: 'live', rollback: true });
      provider.afterRollback?.(sandbox);
      expect(first.summary).toContain(`## rollback-guard · rollback-${provider.name}`);
      expect(first.summary).toContain('✅ **rolled-back**');
      expect(first.report).toMatchObject({
        action: `rollback-${provider.name}`,
        inputs: { [provider.tokenInput]: '***' },
        outputs: { status: 'rolled-back' },
        rollback: { status: 'rolled-back', requests: 1 },
      });

      const before = mutating().length;
      const second = await run('a second run');
      expect(second.exitCode).toBe(0);
      expect(second.outputs).toMatchObject({
        status: 'already-live',
        from: first.outputs.deployment,
        to: good2?.id,
        deployment: '',
      });
      expect(mutating()).toHaveLength(before);
    });

    it('exits 1 with one ::error:: line per bad input, before any request', async () => {
      const result = await run('bad inputs', provider.bundleBadInputs.inputs);
      expect(result.exitCode).toBe(1);
      const errors = result.lines.filter((line) => line.startsWith('::error::'));
      expectProblems(errors, '::error::', provider.name, provider.bundleBadInputs.problems);
      expect(result.outputs).toEqual({});
      expect(sandbox.server.requests).toEqual([]);
    });

    it('told the runner to mask the token in every run', () => {
      expect(bundleRuns).toHaveLength(4);
      for (const { token, result } of bundleRuns) expect(result.lines).toContain(`::add-mask::${token}`);
    });
  });

  describe('the token', () => {
    it('is in no output, summary, report or log line of any run above', () => {
      expect([...written.keys()]).toHaveLength(14);
      const found = [...written.entries()].flatMap(([scenario, { token, texts }]) =>
        leaks(texts, token).map((text) => `${scenario}: ${text.slice(0, 200)}`),
      );
      expect(found).toEqual([]);
      // The check can fail: the runs wrote plenty.
      expect([...written.values()].flatMap((run) => run.texts).join('\n').length).toBeGreaterThan(10_000);
    });
  });
});
