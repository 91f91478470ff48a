// Every example workflow is valid for actionlint and for GitHub's own parser, and every script in it
// is valid bash. (The action.yml files go through GitHub's parser in __tests__/metadata.)
import { spawnSync } from 'node:child_process';
import { actionlint, exampleWorkflows, workflowParserErrors } from '../../__fixtures__/workflow-lint.js';
import { readWorkflow } from '../../__fixtures__/workflow-model.js';

const workflows = exampleWorkflows();

describe('the validators can fail', () => {
  const broken = [
    'on: push',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: soon',
    '    steps:',
    '      - run: echo "${{ github.event.issue.title }}"',
    '      - run: echo "${{ steps.nope.outputs.x }}"',
    '        uses: actions/checkout@v5',
    '',
  ].join('\n');

  it('actionlint reports a bad timeout, an untrusted expression in a script, an unknown step, a bad step', async () => {
    const kinds = (await actionlint(broken)).map((finding) => `${finding.line}:${finding.kind}`);
    expect(kinds).toEqual(['5:syntax-check', '7:expression', '8:expression', '9:syntax-check']);
  });

  it("GitHub's parser reports a bad timeout and a step that both runs and uses", async () => {
    expect(await workflowParserErrors(broken)).toEqual([
      expect.stringMatching(/Line: 5.*Unexpected value 'soon'/),
      expect.stringMatching(/Line: 9.*Unexpected value 'uses'|Line: 8.*Unexpected value 'run'/),
    ]);
  });
});

it('the four example workflows of issue 7 exist', () => {
  expect(workflows.map((w) => w.name)).toEqual([
    'fleet-guard.yml',
    'manual-rollback.yml',
    'post-deploy-guard.yml',
    'rollback-drill.yml',
  ]);
});

describe.each(workflows.map((w) => [w.name, w] as const))('%s', (_name, workflow) => {
  it('has no actionlint findings', async () => {
    expect(await actionlint(workflow.text, workflow.name)).toEqual([]);
  });

  it("has no errors from GitHub's parser", async () => {
    expect(await workflowParserErrors(workflow.text, workflow.name)).toEqual([]);
  });

  it('has scripts that bash can parse (bash -n)', () => {
    const scripts = readWorkflow(workflow.text).jobs.flatMap((job) =>
      job.steps
        .filter(({ step }) => typeof step.run === 'string')
        .map(({ step, where }) => ({ where, run: step.run })),
    );
    const problems = scripts
      .map(({ where, run }) => ({
        where,
        check: spawnSync('bash', ['-n'], { input: String(run), encoding: 'utf8' }),
      }))
      .filter(({ check }) => check.status !== 0)
      .map(({ where, check }) => `${where}: ${check.stderr}`);
    expect(problems).toEqual([]);
  });
});
