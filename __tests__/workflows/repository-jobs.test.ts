// The jobs of .github/workflows/actions.yml, run on this machine as the GitHub-hosted runner runs
// them (__fixtures__/workflow-job.ts): the sandbox started by the workflow's own script, each action
// from its folder through its committed bundle, the workflow's own checks. What CI proves on GitHub
// is proven here first, for each provider.
import { runJob, type JobRun } from '../../__fixtures__/workflow-job.js';

const PROVIDERS = ['railway', 'render', 'fly'] as const;
const WORKFLOW = '.github/workflows/actions.yml';

const outcomes = (run: JobRun) => run.steps.map((step) => [step.name, step.outcome]);

/** A sandbox the job started must be gone when it ends (its last step stops it). */
function alive(pid: string | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch {
    return false;
  }
}

/** Each failed step with what it printed, so a failure shows why. */
const failedSteps = (run: JobRun) =>
  run.steps.filter((step) => step.outcome === 'failure').map((step) => `${step.name}:\n${step.log}`);

function sandboxPid(run: JobRun): string | undefined {
  return run.steps.find((step) => step.id === 'sandbox')?.outputs.pid;
}

const runs: JobRun[] = [];
afterAll(() => {
  for (const run of runs) {
    const pid = sandboxPid(run);
    if (alive(pid)) process.kill(Number(pid), 'SIGTERM');
  }
});

/** The three providers' jobs at once: they share nothing (each has its own sandbox and temp folder). */
async function jobs(job: string): Promise<Record<string, JobRun>> {
  const done = await Promise.all(
    PROVIDERS.map((provider) => runJob(WORKFLOW, job, { matrix: { provider } })),
  );
  runs.push(...done);
  return Object.fromEntries(PROVIDERS.map((provider, i) => [provider, done[i] as JobRun]));
}

it('single-actions: detect, decide, the rollback, restore-db and verify, each from its folder', async () => {
  const done = await jobs('single-actions');
  for (const provider of PROVIDERS) {
    const run = done[provider] as JobRun;
    expect(failedSteps(run)).toEqual([]);
    expect(outcomes(run)).toEqual([
      ['Check out', 'success'],
      ['Set up Node 24 for the sandbox', 'success'],
      ['Start the sandbox (a bad deployment is live)', 'success'],
      ['detect', 'success'],
      ['decide', 'success'],
      ['rollback-railway', provider === 'railway' ? 'success' : 'skipped'],
      ['rollback-render', provider === 'render' ? 'success' : 'skipped'],
      ['rollback-fly', provider === 'fly' ? 'success' : 'skipped'],
      ['restore-db', 'success'],
      ['verify', 'success'],
      ['Check what each action reported', 'success'],
      ['Stop the sandbox', 'success'],
    ]);
    expect(run.conclusion).toBe('success');
    const check = run.steps.find((step) => step.name === 'Check what each action reported');
    expect(check?.log).toContain(`ok: rollback-${provider}'s status is rolled-back`);
    expect(alive(sandboxPid(run))).toBe(false);
  }
}, 300_000);

it('guard: uses ./ rolls back, restores and verifies', async () => {
  const done = await jobs('guard');
  for (const provider of PROVIDERS) {
    const run = done[provider] as JobRun;
    expect(failedSteps(run)).toEqual([]);
    expect(run.steps.find((step) => step.id === 'guard')?.outputs).toMatchObject({
      outcome: 'rolled-back',
      action: 'full',
      incident: '',
    });
    expect(run.conclusion).toBe('success');
    expect(alive(sandboxPid(run))).toBe(false);
  }
}, 300_000);

it('fails the job when an action does not do its part (here: the guard given a token the sandbox refuses)', async () => {
  const run = await runJob(WORKFLOW, 'guard', {
    matrix: { provider: 'render' },
    edit: (text) =>
      text.replaceAll('token: ${{ steps.sandbox.outputs.token }}', 'token: rnd_not-the-sandbox-token'),
  });
  runs.push(run);
  expect(outcomes(run).slice(3)).toEqual([
    ['guard', 'failure'],
    ["Check the guard's outcome", 'skipped'],
    ['Stop the sandbox', 'success'],
  ]);
  expect(run.conclusion).toBe('failure');
  expect(alive(sandboxPid(run))).toBe(false);
}, 300_000);
