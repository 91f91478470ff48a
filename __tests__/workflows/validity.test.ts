// Every workflow, the examples and the project's own (.github/workflows), is valid for actionlint and
// for GitHub's own parser, and every script in it is valid bash. (The action.yml files go through
// GitHub's parser in __tests__/metadata.)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../__fixtures__/bundle.js';
import {
  actionlint,
  allWorkflows,
  exampleWorkflows,
  repositoryWorkflows,
  workflowParserErrors,
} from '../../__fixtures__/workflow-lint.js';
import { readWorkflow } from '../../__fixtures__/workflow-model.js';

const workflows = allWorkflows();

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

it("the project's own workflows exist: CI, the actions on the sandbox, releases", () => {
  expect(repositoryWorkflows().map((w) => w.name)).toEqual(['actions.yml', 'ci.yml', 'release.yml']);
});

it('the scripts the workflows call are valid bash', () => {
  const dir = path.join(ROOT, '.github/scripts');
  const scripts = readdirSync(dir).filter((name) => name.endsWith('.sh'));
  expect(scripts.length).toBeGreaterThan(0);
  for (const name of scripts) {
    const check = spawnSync('bash', ['-n'], {
      input: readFileSync(path.join(dir, name), 'utf8'),
      encoding: 'utf8',
    });
    expect([name, check.status, check.stderr]).toEqual([name, 0, '']);
  }
});

it('the four example workflows of issue 7 exist', () => {
  expect(exampleWorkflows().map((w) => w.name)).toEqual([
    'fleet-guard.yml',
    'manual-rollback.yml',
    'post-deploy-guard.yml',
    'rollback-drill.yml',
  ]);
});

describe.each(workflows.map((w) => [w.relative, w] as const))('%s', (_name, workflow) => {
  it('has no actionlint findings', async () => {
    expect(await actionlint(workflow.text, workflow.relative)).toEqual([]);
  });

  it("has no errors from GitHub's parser", async () => {
    expect(await workflowParserErrors(workflow.text, workflow.relative)).toEqual([]);
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
