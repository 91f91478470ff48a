// What issue 7 asks of each example workflow, read from the files, with their expressions evaluated by
// GitHub's own expression library: the triggers, the protected environment, the watch window, the
// concurrency group per service, the drill's phases, the matrix; and which secret each provider gets.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluate, type Contexts } from '../../__fixtures__/expressions.js';
import { EXAMPLES_DIR, exampleWorkflows } from '../../__fixtures__/workflow-lint.js';
import { isMapping, ourActionFolder, readWorkflow, type Mapping } from '../../__fixtures__/workflow-model.js';
import { parseSmokeTests } from '../../src/probe/smoke-tests.js';

const workflows = Object.fromEntries(exampleWorkflows().map((w) => [w.name, readWorkflow(w.text)]));

function workflowOf(name: string): Mapping {
  return (workflows[name] as { workflow: Mapping }).workflow;
}
function jobOf(name: string, job: string): Mapping {
  return (workflowOf(name).jobs as Record<string, Mapping>)[job] as Mapping;
}
function stepOf(name: string, job: string, id: string): Mapping {
  const steps = jobOf(name, job).steps as Mapping[];
  const step = steps.find((s) => s.id === id);
  if (!step) throw new Error(`${name}: no step ${job}.${id}`);
  return step;
}
/** Every step of an example that runs the guard, with its `with:`. */
function guardSteps(name: string): { job: Mapping; with: Mapping }[] {
  return Object.values(workflowOf(name).jobs as Record<string, Mapping>).flatMap((job) =>
    (job.steps as Mapping[])
      .filter((step) => ourActionFolder(step.uses) === '.')
      .map((step) => ({ job, with: (step.with ?? {}) as Mapping })),
  );
}

const SECRETS = {
  RAILWAY_TOKEN: 'railway-secret',
  RENDER_API_KEY: 'render-secret',
  FLY_API_TOKEN: 'fly-secret',
};

describe('every guard step', () => {
  const all = exampleWorkflows().flatMap((w) => guardSteps(w.name).map((step) => [w.name, step] as const));

  it.each([
    ['railway', 'railway-secret'],
    ['render', 'render-secret'],
    ['fly', 'fly-secret'],
  ])('gives %s its own secret as the token', (provider, secret) => {
    for (const [name, step] of all) {
      const contexts: Contexts = {
        inputs: { provider },
        vars: { ROLLBACK_PROVIDER: provider },
        matrix: { provider },
        secrets: SECRETS,
      };
      expect([name, evaluate(step.with.token, contexts)]).toEqual([name, secret]);
    }
  });

  it("gives an empty token, never another provider's, when the provider's secret is missing", () => {
    for (const [name, step] of all) {
      const contexts: Contexts = {
        inputs: { provider: 'render' },
        vars: { ROLLBACK_PROVIDER: 'render' },
        matrix: { provider: 'render' },
        secrets: { RAILWAY_TOKEN: 'railway-secret', FLY_API_TOKEN: 'fly-secret' },
      };
      expect([name, evaluate(step.with.token, contexts)]).toEqual([name, '']);
    }
  });

  it('passes the smoke tests file only when the repository has it', () => {
    for (const [name, step] of all.filter(([, s]) => s.with['smoke-tests'] !== undefined)) {
      const file = '.github/rollback-guard/smoke-tests.yml';
      expect([name, evaluate(step.with['smoke-tests'], {}, { files: [file] })]).toEqual([name, file]);
      expect([name, evaluate(step.with['smoke-tests'], {}, { files: [] })]).toEqual([name, '']);
    }
  });

  it('records to the GitHub environment the job runs in (or production)', () => {
    for (const [name, step] of all) {
      const environment = step.job.environment ?? 'production';
      expect([name, step.with['github-environment']]).toEqual([name, environment]);
    }
  });
});

describe('every example', () => {
  it.each(exampleWorkflows().map((w) => [w.name]))(
    '%s names every job and step, and every input says what it is',
    (name) => {
      const { jobs, workflow } = workflows[name] as ReturnType<typeof readWorkflow>;
      expect(typeof workflow.name).toBe('string');
      for (const job of jobs) {
        expect([job.id, typeof job.job.name]).toEqual([job.id, 'string']);
        for (const { step, where } of job.steps) expect([where, typeof step.name]).toEqual([where, 'string']);
      }
      const on = workflow.on as Mapping;
      const inputs = isMapping(on.workflow_dispatch)
        ? ((on.workflow_dispatch.inputs ?? {}) as Record<string, Mapping>)
        : {};
      for (const [input, meta] of Object.entries(inputs))
        expect([input, typeof meta.description]).toEqual([input, 'string']);
    },
  );
});

describe('manual-rollback.yml', () => {
  const on = workflowOf('manual-rollback.yml').on as Mapping;
  const inputs = (on.workflow_dispatch as Mapping).inputs as Record<string, Mapping>;
  const job = jobOf('manual-rollback.yml', 'rollback');
  const [guard] = guardSteps('manual-rollback.yml');

  it('is a button with provider, service, target, data rollback and its backup time, and dry run', () => {
    expect(Object.keys(on)).toEqual(['workflow_dispatch']);
    expect(inputs.provider).toMatchObject({
      type: 'choice',
      options: ['railway', 'render', 'fly'],
      required: true,
    });
    expect(inputs['data-rollback']).toMatchObject({ type: 'boolean', default: false });
    expect(inputs['dry-run']).toMatchObject({ type: 'boolean' });
    for (const optional of ['service', 'target', 'backup-before']) {
      expect([optional, inputs[optional]?.type, inputs[optional]?.required ?? false]).toEqual([
        optional,
        'string',
        false,
      ]);
    }
  });

  it('runs in the protected production environment, and rolls back now with the guard', () => {
    expect(job.environment).toBe('production');
    expect(guard?.with).toMatchObject({
      mode: 'rollback',
      target: '${{ inputs.target }}',
      'dry-run': '${{ inputs.dry-run }}',
    });
  });

  const asked = (dataRollback: boolean): Contexts => ({
    inputs: {
      'data-rollback': dataRollback,
      service: '',
      provider: 'railway',
      'backup-before': '2024-01-15T02:00:00Z',
    },
    vars: {
      ROLLBACK_SERVICE: 'svc-1',
      ROLLBACK_DATA_RUNNER: 'db-host',
      ROLLBACK_DATABASE: '/app/data/memory.db',
      ROLLBACK_BACKUP_DIR: '/app/data/backups',
    },
  });

  it('restores the database only when asked, on the runner that has it', () => {
    expect(evaluate(job['runs-on'], asked(true))).toBe('db-host');
    expect(evaluate(job['runs-on'], asked(false))).toBe('ubuntu-latest');
    expect(evaluate(guard?.with['data-loss'], asked(true))).toBe('true');
    expect(evaluate(guard?.with.database, asked(true))).toBe('/app/data/memory.db');
    expect(evaluate(guard?.with['backup-dir'], asked(true))).toBe('/app/data/backups');
    expect(evaluate(guard?.with.before, asked(true))).toBe('2024-01-15T02:00:00Z');
    expect(evaluate(guard?.with.before, asked(false))).toBe('');
    expect(evaluate(guard?.with['data-loss'], asked(false))).toBe('false');
    expect(evaluate(guard?.with.database, asked(false))).toBe('');
  });

  it("tells the request check whether the chosen provider's secret is set, never its value", () => {
    const hasToken = (stepOf('manual-rollback.yml', 'rollback', 'check').env as Mapping).HAS_TOKEN;
    const check = (provider: string, secrets: object) =>
      evaluate(hasToken, { inputs: { provider }, secrets });
    expect(check('render', SECRETS)).toBe('true');
    expect(check('fly', { RAILWAY_TOKEN: 'railway-secret', RENDER_API_KEY: 'render-secret' })).toBe('false');
    expect(check('railway', {})).toBe('false');
  });

  it('takes the service from the ROLLBACK_SERVICE variable when the field is left empty', () => {
    expect(evaluate(guard?.with.service, asked(false))).toBe('svc-1');
    expect(evaluate(guard?.with.service, { ...asked(false), inputs: { service: 'svc-2' } })).toBe('svc-2');
  });
});

describe('post-deploy-guard.yml', () => {
  const on = workflowOf('post-deploy-guard.yml').on as Mapping;
  const job = jobOf('post-deploy-guard.yml', 'guard');
  const [guard] = guardSteps('post-deploy-guard.yml');

  it('runs after deployment_status and after the deploy workflow completes', () => {
    expect(Object.keys(on).sort()).toEqual(['deployment_status', 'workflow_run']);
    expect(on.workflow_run).toMatchObject({ types: ['completed'] });
  });

  const deployment = (
    state: string,
    environment = 'production',
    creator = 'render[bot]',
    vars: Record<string, string> = {},
  ): Contexts => ({
    vars,
    github: {
      event_name: 'deployment_status',
      event: { deployment_status: { state }, deployment: { environment, creator: { login: creator } } },
    },
  });
  const workflowRun = (conclusion: string): Contexts => ({
    github: { event_name: 'workflow_run', event: { workflow_run: { conclusion } } },
  });

  it.each([
    ['a successful production deploy reported by the provider', 'true', deployment('success')],
    ['a deploy still in progress', 'false', deployment('in_progress')],
    ['a failed deploy', 'false', deployment('failure')],
    ['a preview deploy', 'false', deployment('success', 'preview')],
    [
      'a deployment GitHub Actions recorded (covered by workflow_run)',
      'false',
      deployment('success', 'production', 'github-actions[bot]'),
    ],
    [
      'a deploy to the environment named by ROLLBACK_DEPLOY_ENVIRONMENT',
      'true',
      deployment('success', 'shop / production', 'railway-app[bot]', {
        ROLLBACK_DEPLOY_ENVIRONMENT: 'shop / production',
      }),
    ],
    [
      'a production deploy when ROLLBACK_DEPLOY_ENVIRONMENT names another',
      'false',
      deployment('success', 'production', 'railway-app[bot]', {
        ROLLBACK_DEPLOY_ENVIRONMENT: 'shop / production',
      }),
    ],
    ['a deploy workflow that succeeded', 'true', workflowRun('success')],
    ['a deploy workflow that failed', 'false', workflowRun('failure')],
  ])('runs after %s: %s', (_case, runs, contexts) => {
    expect(evaluate(job.if, contexts, { condition: true })).toBe(runs);
  });

  it("watches for the runbook's 15 minutes and acts on its own", () => {
    expect(guard?.with).toMatchObject({ mode: 'watch', window: '15m' });
  });

  it('queues runs per service and never cancels one halfway through a rollback', () => {
    const concurrency = job.concurrency as Mapping;
    expect(concurrency['cancel-in-progress']).toBe(false);
    const vars = { ROLLBACK_PROVIDER: 'render', ROLLBACK_SERVICE: 'srv-1' };
    expect(evaluate(concurrency.group, { vars })).toBe('rollback-guard-render-srv-1');
  });

  it('gives the job time for the watch, a rollback and its verification', () => {
    expect(job['timeout-minutes']).toBeGreaterThanOrEqual(15 + 10 + 5);
  });
});

describe('rollback-drill.yml', () => {
  const on = workflowOf('rollback-drill.yml').on as Mapping;
  const job = jobOf('rollback-drill.yml', 'drill');
  const ids = (job.steps as Mapping[]).map((s) => s.id);

  it('runs quarterly and by hand', () => {
    expect(Object.keys(on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    const [cron] = (on.schedule as { cron: string }[]).map((s) => s.cron.split(' '));
    expect(cron?.[2]).toBe('1');
    expect(cron?.[3]).toBe('1,4,7,10');
  });

  it('runs against staging', () => {
    expect(job.environment).toBe('staging');
  });

  it('records what is live, rolls back, rolls forward to the original, and reports, in that order', () => {
    expect(ids.filter((id) => ['live', 'plan', 'back', 'forward', 'report'].includes(String(id)))).toEqual([
      'live',
      'plan',
      'back',
      'forward',
      'report',
    ]);
    expect((stepOf('rollback-drill.yml', 'drill', 'live').with as Mapping)['dry-run']).toBe(true);
    expect((stepOf('rollback-drill.yml', 'drill', 'back').with as Mapping).target).toBe(
      '${{ steps.live.outputs.to }}',
    );
    expect((stepOf('rollback-drill.yml', 'drill', 'forward').with as Mapping).target).toBe(
      '${{ steps.live.outputs.from }}',
    );
  });

  const steps = (plan: string, back: string) => ({
    steps: { plan: { outcome: plan }, back: { outcome: back } },
  });

  it.each([
    ['after a rollback that worked', 'true', steps('success', 'success'), 'success'],
    [
      'after a rollback that failed its verification (staging must not stay broken)',
      'true',
      steps('success', 'failure'),
      'failure',
    ],
    ['when there was nothing to roll back to', 'false', steps('failure', 'skipped'), 'failure'],
    ['when the run was cancelled', 'false', steps('success', 'success'), 'cancelled'],
  ])('rolls forward %s: %s', (_case, runs, contexts, status) => {
    const forward = stepOf('rollback-drill.yml', 'drill', 'forward');
    expect(evaluate(forward.if, contexts, { condition: true, status: status as 'success' })).toBe(runs);
  });

  it('reports even when a phase failed or the job was cancelled', () => {
    const report = stepOf('rollback-drill.yml', 'drill', 'report');
    for (const status of ['success', 'failure', 'cancelled'] as const) {
      expect(evaluate(report.if, {}, { condition: true, status })).toBe('true');
    }
  });

  it("leaves Render's auto-deploy as it was (the drill rolls forward again)", () => {
    for (const id of ['back', 'forward']) {
      expect((stepOf('rollback-drill.yml', 'drill', id).with as Mapping)['disable-auto-deploy']).toBe(false);
    }
  });
});

describe('fleet-guard.yml', () => {
  const job = jobOf('fleet-guard.yml', 'guard');
  const strategy = job.strategy as Mapping;

  it('fans the guard out over the list as a matrix, none cancelled by another, a bounded few at a time', () => {
    expect(strategy['fail-fast']).toBe(false);
    expect(strategy['max-parallel']).toEqual(expect.any(Number));
    expect(strategy['max-parallel']).toBeGreaterThanOrEqual(1);
    expect(strategy['max-parallel']).toBeLessThanOrEqual(10);
    expect((strategy.matrix as Mapping).include).toBe('${{ fromJSON(needs.services.outputs.services) }}');
    expect(job.needs).toBe('services');
  });

  it('shares the post-deploy guard’s concurrency group for each service', () => {
    const concurrency = job.concurrency as Mapping;
    expect(concurrency['cancel-in-progress']).toBe(false);
    const group = evaluate(concurrency.group, { matrix: { provider: 'render', service: 'srv-1' } });
    const postDeploy = evaluate((jobOf('post-deploy-guard.yml', 'guard').concurrency as Mapping).group, {
      vars: { ROLLBACK_PROVIDER: 'render', ROLLBACK_SERVICE: 'srv-1' },
    });
    expect(group).toBe(postDeploy);
  });

  it('passes each entry of the example list to the guard as its inputs', () => {
    const [guard] = guardSteps('fleet-guard.yml');
    const list = JSON.parse(
      readFileSync(path.join(EXAMPLES_DIR, 'rollback-guard', 'services.json'), 'utf8'),
    ) as Mapping[];
    for (const entry of list) {
      const contexts: Contexts = { matrix: entry, secrets: SECRETS, inputs: { window: '' } };
      const given = Object.fromEntries(
        ['provider', 'service', 'environment', 'url', 'window'].map((input) => [
          input,
          evaluate(guard?.with[input], contexts),
        ]),
      );
      expect(given).toEqual({
        provider: entry.provider,
        service: entry.service,
        environment: entry.environment ?? '',
        url: entry.url,
        window: '15m',
      });
    }
  });
});

describe('workflows-examples/rollback-guard/smoke-tests.yml', () => {
  it("is read by verify's own smoke-test parser without a problem", () => {
    const tests = parseSmokeTests(path.join(EXAMPLES_DIR, 'rollback-guard', 'smoke-tests.yml'));
    expect(tests.length).toBeGreaterThan(0);
    for (const test of tests) expect(test.path ?? test.url).toBeDefined();
  });
});
