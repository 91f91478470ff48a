// The scripts inside the example workflows, run as the runner runs them (bash -eo pipefail, the
// step's env:, $GITHUB_OUTPUT, $GITHUB_STEP_SUMMARY), with a fake `gh` that records its calls.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { exampleStep, runStep } from '../../__fixtures__/run-step.js';
import { EXAMPLES_DIR } from '../../__fixtures__/workflow-lint.js';

const scriptOf = (workflow: string, job: string, id: string): string =>
  String(exampleStep(workflow, job, id).run);

describe('manual-rollback.yml: Check the request', () => {
  const script = scriptOf('manual-rollback.yml', 'rollback', 'check');
  const ready = {
    PROVIDER: 'render',
    SERVICE: 'srv-d0example',
    HEALTH_URL: 'https://app.example.com/api/health',
    RAILWAY_ENVIRONMENT_ID: '',
    HAS_TOKEN: 'true',
    ISSUE_TYPE: 'critical-bug',
    DATA_ROLLBACK: 'false',
    DATABASE: '',
    BACKUP_DIR: '',
    BACKUP_BEFORE: '',
  };

  it('lets a complete request through', () => {
    const run = runStep(script, ready);
    expect([run.exitCode, run.annotations]).toEqual([0, []]);
    expect(run.stdout).toContain(
      'Rolling back srv-d0example on render; health: https://app.example.com/api/health',
    );
  });

  it('reports every missing piece at once, each with what to set, and stops', () => {
    const run = runStep(script, {
      ...ready,
      PROVIDER: 'railway',
      SERVICE: '',
      HEALTH_URL: '',
      HAS_TOKEN: 'false',
      DATA_ROLLBACK: 'true',
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toEqual([
      expect.stringMatching(/^::error title=Manual rollback::No service: .*ROLLBACK_SERVICE variable/),
      expect.stringMatching(/No health URL: set the ROLLBACK_HEALTH_URL variable/),
      expect.stringMatching(/No railway token: add the secret RAILWAY_TOKEN/),
      expect.stringMatching(/Railway needs the environment id: set the RAILWAY_ENVIRONMENT_ID variable/),
      expect.stringMatching(/data rollback needs the ROLLBACK_DATABASE variable/),
      expect.stringMatching(/data rollback needs the ROLLBACK_BACKUP_DIR variable/),
      expect.stringMatching(/GitHub-hosted runner cannot reach your database: set ROLLBACK_DATA_RUNNER/),
      '::error title=Manual rollback::Nothing was changed. Fix the 7 problem(s) above and run the workflow again.',
    ]);
  });

  it.each([
    ['fly', 'FLY_API_TOKEN'],
    ['render', 'RENDER_API_KEY'],
  ])('names the %s secret', (provider, secret) => {
    const run = runStep(script, { ...ready, PROVIDER: provider, HAS_TOKEN: 'false' });
    expect(run.annotations[0]).toContain(`No ${provider} token: add the secret ${secret}`);
  });

  it('lets a data rollback through on a self-hosted runner that has the database', () => {
    const run = runStep(script, {
      ...ready,
      DATA_ROLLBACK: 'true',
      DATABASE: '/app/data/memory.db',
      BACKUP_DIR: '/app/data/backups',
      BACKUP_BEFORE: '2024-01-15T02:00:00Z',
      RUNNER_ENVIRONMENT: 'self-hosted',
    });
    expect([run.exitCode, run.annotations]).toEqual([0, []]);
  });

  it('warns when the request asks for data it will not restore', () => {
    const run = runStep(script, {
      ...ready,
      ISSUE_TYPE: 'data-corruption',
      BACKUP_BEFORE: '2024-01-15T02:00:00Z',
    });
    expect(run.exitCode).toBe(0);
    expect(run.annotations).toEqual([
      expect.stringMatching(
        /^::warning.*data-corruption calls for a data rollback, but data-rollback is off/,
      ),
      expect.stringMatching(/^::warning.*backup-before is ignored: data-rollback is off/),
    ]);
  });
});

describe('fleet-guard.yml: Read and check the list of services', () => {
  const script = scriptOf('fleet-guard.yml', 'services', 'read');
  const env = { SERVICES_FILE: '.github/rollback-guard/services.json' };
  const example = readFileSync(path.join(EXAMPLES_DIR, 'rollback-guard', 'services.json'), 'utf8');
  const withList = (text: string) => runStep(script, env, { files: { [env.SERVICES_FILE]: text } });

  it('turns the example list into the matrix, one entry per service', () => {
    const run = withList(example);
    expect([run.exitCode, run.annotations]).toEqual([0, []]);
    expect(JSON.parse(run.outputs.services as string)).toEqual(JSON.parse(example));
    expect(run.outputs.services).not.toContain('\n');
    expect(run.stdout).toContain('Guarding 3 service(s): api, web, voice');
  });

  it('names every bad entry and field at once, and gives the matrix nothing', () => {
    const list = [
      { name: 'api', provider: 'heroku', service: 'x', url: 'https://api.example.com/health' },
      { provider: 'render', service: 'srv-1', url: 'https://web.example.com/health' },
      { name: 'db', provider: 'railway', service: '', url: 'ftp://db' },
      { name: 'ok', provider: 'fly', service: 'app', url: 'https://app.fly.dev/api/health' },
    ];
    const run = withList(JSON.stringify(list));
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toEqual({});
    expect(run.annotations.map((line) => line.replace(/^::error file=[^:]+::/, ''))).toEqual([
      'api: provider must be railway, render or fly',
      'entry #2: name is missing',
      'db: service is missing (Railway/Render service id, or Fly app)',
      'db: url must be the http(s) health URL',
      'db: environment (the Railway environment id) is missing',
    ]);
  });

  it.each([
    ['an empty list', '[]'],
    ['an object', '{"services": []}'],
    ['text that is not JSON', 'api, web'],
  ])('refuses %s', (_case, text) => {
    const run = withList(text);
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toEqual([expect.stringMatching(/Expected a non-empty JSON array of services/)]);
  });

  it('refuses a missing file', () => {
    const run = runStep(script, env);
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toEqual([expect.stringMatching(/Expected a non-empty JSON array/)]);
  });
});

describe('rollback-drill.yml', () => {
  const plan = scriptOf('rollback-drill.yml', 'drill', 'plan');
  const report = scriptOf('rollback-drill.yml', 'drill', 'report');
  const at = (iso: string, plusSeconds = 0) => String(Date.parse(iso) + plusSeconds * 1000);
  const start = '2025-07-01T03:00:00Z';
  const passed = {
    SERVICE: 'srv-staging',
    PROVIDER: 'render',
    STARTED_AT: at(start),
    PLANNED_AT: at(start, 4),
    BACK_AT: at(start, 4 + 220),
    FORWARD_AT: at(start, 4 + 220 + 192),
    LIVE: 'dep-new',
    KNOWN_GOOD: 'dep-good',
    BACK_STEP: 'success',
    BACK_OUTCOME: 'rolled-back',
    BACK_TIMELINE: '{"phases":[]}',
    FORWARD_STEP: 'success',
    FORWARD_OUTCOME: 'rolled-back',
    FORWARD_TIMELINE: '{"phases":[]}',
    GH_TOKEN: 'ghs_not-used-by-the-fake',
    GH_REPO: 'acme/shop',
  };

  describe('Check the plan', () => {
    it('starts the rollback clock when there is something to roll back to', () => {
      const run = runStep(plan, { LIVE: 'dep-new', KNOWN_GOOD: 'dep-good' });
      expect(run.exitCode).toBe(0);
      expect(run.outputs.at).toMatch(/^\d{13}$/);
      expect(run.stdout).toContain(
        'Live: dep-new. The drill rolls back to dep-good, then forward to dep-new.',
      );
    });

    it.each([
      ['no known good deployment', { LIVE: 'dep-new', KNOWN_GOOD: '' }],
      ['the known good one already live', { LIVE: 'dep-new', KNOWN_GOOD: 'dep-new' }],
    ])('stops the drill with %s', (_case, env) => {
      const run = runStep(plan, env);
      expect(run.exitCode).toBe(1);
      expect(run.outputs).toEqual({});
      expect(run.annotations).toEqual([
        expect.stringMatching(/no earlier deployment to roll back to.*Deploy to staging twice/),
      ]);
    });
  });

  describe('Report each phase against the targets', () => {
    it('files "Rollback drill <quarter>: <total> (target 15 min)" with every phase, and writes the summary', () => {
      const run = runStep(report, passed);
      expect(run.exitCode).toBe(0);
      expect(run.annotations).toEqual([]);
      expect(run.gh).toHaveLength(1);
      const [call] = run.gh;
      expect(call?.args.slice(0, 4)).toEqual([
        'issue',
        'create',
        '--title',
        'Rollback drill 2025-Q3: 3m 44s (target 15 min)',
      ]);
      expect(call?.args[4]).toBe('--body-file');
      const body = call?.body ?? '';
      expect(body).toContain('| Record what is live (dry run) | 0m 04s | | done |');
      expect(body).toContain('| Roll back to `dep-good` and verify | 3m 40s | < 7 min | met |');
      expect(body).toContain('| Roll forward to `dep-new` and verify | 3m 12s | < 7 min | met |');
      expect(body).toContain('| **Total**: decision → rolled back and verified | 3m 44s | < 15 min | met |');
      expect(body).toContain('Run: https://github.com/acme/shop/actions/runs/4242');
      expect(body).toContain('{"phases":[]}');
      expect(run.summary.trim()).toBe(body.trim());
      expect(`${run.stdout}${run.summary}${body}`).not.toContain('ghs_not-used-by-the-fake');
    });

    it('marks a phase over its target as missed, and warns', () => {
      const run = runStep(report, {
        ...passed,
        BACK_AT: at(start, 4 + 480),
        FORWARD_AT: at(start, 4 + 480 + 60),
      });
      expect(run.gh[0]?.args[3]).toBe('Rollback drill 2025-Q3: 8m 04s (target 15 min)');
      expect(run.gh[0]?.body).toContain(
        '| Roll back to `dep-good` and verify | 8m 00s | < 7 min | **missed** |',
      );
      expect(run.gh[0]?.body).toContain(
        '| **Total**: decision → rolled back and verified | 8m 04s | < 15 min | met |',
      );
      expect(run.annotations).toEqual([
        expect.stringMatching(/^::warning title=Rollback drill::A phase missed its target/),
      ]);
    });

    it('reports a rollback that came up broken as failed, and still files the issue', () => {
      const run = runStep(report, {
        ...passed,
        BACK_STEP: 'failure',
        BACK_OUTCOME: 'rolled-back-still-down',
      });
      expect(run.exitCode).toBe(0);
      expect(run.gh[0]?.args[3]).toBe('Rollback drill 2025-Q3: failed (target 15 min)');
      expect(run.gh[0]?.body).toContain(
        '| Roll back to `dep-good` and verify | 3m 40s | < 7 min | **failed** (rolled-back-still-down) |',
      );
      expect(run.annotations).toEqual([
        '::error title=Rollback drill::The drill failed: rollback rolled-back-still-down, roll forward ok.',
      ]);
    });

    it('says how to put staging back when the roll forward failed', () => {
      const run = runStep(report, { ...passed, FORWARD_STEP: 'failure', FORWARD_OUTCOME: 'failed' });
      expect(run.gh[0]?.args[3]).toBe('Rollback drill 2025-Q3: 3m 44s (target 15 min)');
      expect(run.gh[0]?.body).toContain(
        '| Roll forward to `dep-new` and verify | 3m 12s | < 7 min | **failed** (failed) |',
      );
      expect(run.annotations).toEqual([
        '::error title=Rollback drill::The drill failed: rollback ok, roll forward failed.',
        '::error title=Rollback drill::Staging may still run dep-good: deploy dep-new to staging again.',
      ]);
    });

    it('reports a drill that found nothing to roll back to', () => {
      const run = runStep(report, {
        ...passed,
        PLANNED_AT: '',
        BACK_AT: '',
        FORWARD_AT: '',
        BACK_STEP: 'skipped',
        BACK_OUTCOME: '',
        BACK_TIMELINE: '',
        FORWARD_STEP: 'skipped',
        FORWARD_OUTCOME: '',
        FORWARD_TIMELINE: '',
      });
      expect(run.exitCode).toBe(0);
      const body = run.gh[0]?.body ?? '';
      expect(run.gh[0]?.args[3]).toBe('Rollback drill 2025-Q3: failed (target 15 min)');
      expect(body).toContain('| Record what is live (dry run) |  | | **failed** (nothing to roll back to) |');
      expect(body).toContain('| Roll back to `dep-good` and verify |  | < 7 min | **failed** (skipped) |');
      expect(run.annotations).toEqual([
        '::error title=Rollback drill::The drill failed: rollback skipped, roll forward skipped.',
      ]);
    });

    it.each([
      ['2025-01-01T03:00:00Z', '2025-Q1'],
      ['2025-03-31T23:59:59Z', '2025-Q1'],
      ['2025-04-01T03:00:00Z', '2025-Q2'],
      ['2025-10-01T03:00:00Z', '2025-Q4'],
      ['2025-12-31T23:59:59Z', '2025-Q4'],
    ])('names the quarter of a drill started at %s: %s', (iso, quarter) => {
      const run = runStep(report, {
        ...passed,
        STARTED_AT: at(iso),
        PLANNED_AT: at(iso, 4),
        BACK_AT: at(iso, 64),
        FORWARD_AT: at(iso, 124),
      });
      expect(run.gh[0]?.args[3]).toBe(`Rollback drill ${quarter}: 1m 04s (target 15 min)`);
    });
  });
});
