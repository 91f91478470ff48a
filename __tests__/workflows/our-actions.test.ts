// Every use of this repository's actions, in the example workflows and in the project's own
// (.github/workflows), agrees with the action.yml files: known inputs only, required inputs given,
// outputs that exist, and the permissions the steps need.
import { actionUseFindings, type ActionUseRule } from '../../__fixtures__/workflow-actions.js';
import { exampleWorkflows, repositoryWorkflows } from '../../__fixtures__/workflow-lint.js';
import { ourActionFolder, readWorkflow } from '../../__fixtures__/workflow-model.js';
import { ACTIONS } from '../../src/actions/registry.js';

const GUARD_PERMISSIONS =
  'permissions:\n      contents: write\n      deployments: write\n      issues: write';

function job(steps: string, permissions = GUARD_PERMISSIONS): string {
  return [
    'on: workflow_dispatch',
    'permissions: {}',
    'jobs:',
    '  act:',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 5',
    `    ${permissions}`,
    '    steps:',
    steps,
    '',
  ].join('\n');
}

const GUARD = [
  '      - id: guard',
  '        uses: <owner>/rollback-guard@v1',
  '        with:',
  '          provider: render',
  '          token: ${{ secrets.RENDER_API_KEY }}',
  '          url: https://app.example.com/api/health',
].join('\n');

const rulesOf = (text: string): ActionUseRule[] => actionUseFindings(text).map((f) => f.rule);

describe.each(exampleWorkflows().map((w) => [w.name, w] as const))('%s', (_name, example) => {
  it("uses this repository's actions as their action.yml says", () => {
    expect(actionUseFindings(example.text)).toEqual([]);
  });

  it('references them as <owner>/rollback-guard[/<name>]@v1', () => {
    const uses = readWorkflow(example.text)
      .jobs.flatMap((j) => j.steps.map((s) => s.step.uses))
      .filter((u) => ourActionFolder(u) !== undefined);
    expect(uses.length).toBeGreaterThan(0);
    for (const reference of uses) expect(reference).toMatch(/^<owner>\/rollback-guard(\/[a-z-]+)?@v1$/);
  });
});

describe.each(repositoryWorkflows().map((w) => [w.relative, w] as const))('%s', (_name, workflow) => {
  it("uses this repository's actions as their action.yml says", () => {
    expect(actionUseFindings(workflow.text)).toEqual([]);
  });
});

it('.github/workflows/actions.yml runs every action of the repository from its folder (uses: ./<folder>)', () => {
  const actions = repositoryWorkflows().find((w) => w.name === 'actions.yml');
  const used = new Set(
    readWorkflow(actions?.text ?? '')
      .jobs.flatMap((j) => j.steps.map((s) => s.step.uses))
      .filter((uses) => typeof uses === 'string' && uses.startsWith('./'))
      .map(ourActionFolder),
  );
  expect([...used].sort()).toEqual(
    Object.values(ACTIONS)
      .map((a) => a.folder)
      .sort(),
  );
});

describe('the check of our actions can fail', () => {
  it('accepts a correct use', () => {
    expect(
      actionUseFindings(
        job(`${GUARD}\n      - run: echo "$TO"\n        env:\n          TO: \${{ steps.guard.outputs.to }}`),
      ),
    ).toEqual([]);
  });

  it('fires on an input the action does not have', () => {
    expect(actionUseFindings(job(`${GUARD}\n          windw: 15m`))).toEqual([
      expect.objectContaining({
        rule: 'unknown-input',
        where: 'jobs.act.steps[0] (guard).with.windw',
        message: expect.stringMatching(/has no input 'windw' \(it has: provider, token, .*window/),
      }),
    ]);
  });

  it('fires on each required input left out or given empty', () => {
    const steps = [
      '      - uses: <owner>/rollback-guard/rollback-railway@v1',
      '        with:',
      '          token: ${{ secrets.RAILWAY_TOKEN }}',
      "          service-id: ''",
    ].join('\n');
    expect(actionUseFindings(job(steps, 'permissions: {}')).map((f) => f.message)).toEqual([
      "<owner>/rollback-guard/rollback-railway@v1 needs the input 'service-id'",
      "<owner>/rollback-guard/rollback-railway@v1 needs the input 'environment-id'",
    ]);
  });

  it('fires on an action this repository does not have', () => {
    expect(
      rulesOf(job('      - uses: <owner>/rollback-guard/rollback-heroku@v1', 'permissions: {}')),
    ).toEqual(['unknown-action']);
    expect(rulesOf(job('      - uses: ./rollback-heroku', 'permissions: {}'))).toEqual(['unknown-action']);
  });

  it("checks `uses: ./` (the guard) and `./<folder>` as this repository's own actions", () => {
    const local = GUARD.replace('<owner>/rollback-guard@v1', './');
    expect(actionUseFindings(job(local))).toEqual([]);
    expect(actionUseFindings(job(`${local}\n          windw: 15m`)).map((f) => f.rule)).toEqual([
      'unknown-input',
    ]);
    expect(rulesOf(job(local, 'permissions:\n      contents: read'))).toEqual([
      'missing-permission',
      'missing-permission',
      'missing-permission',
    ]);
  });

  it('fires on an output the action does not have, wherever it is read', () => {
    const steps = [
      GUARD,
      "      - if: steps.guard.outputs.outcom == 'rolled-back'",
      '        run: echo "$DURATION"',
      '        env:',
      '          DURATION: ${{ steps.guard.outputs.duration-ms }}',
    ].join('\n');
    expect(actionUseFindings(job(steps)).map((f) => [f.rule, f.where])).toEqual([
      ['unknown-output', 'jobs.act.steps[1].if'],
      ['unknown-output', 'jobs.act.steps[1].env.DURATION'],
    ]);
  });

  it('fires on a guard job without the writes its lock, deployment status and incident need', () => {
    expect(
      actionUseFindings(job(GUARD, 'permissions:\n      contents: write')).map((f) => f.message),
    ).toEqual([
      "deployments: write is needed: the guard records the rollback's deployment status",
      'issues: write is needed: the guard opens the incident issue',
    ]);
  });

  it('fires on `gh issue create` without issues: write', () => {
    const steps =
      '      - run: gh issue create --title "$T" --body x\n        env:\n          GH_TOKEN: ${{ github.token }}';
    expect(rulesOf(job(steps, 'permissions:\n      contents: read'))).toEqual(['missing-permission']);
  });
});
