/**
 * Runs a workflow's `run:` script the way the runner does for `shell: bash`
 * (`bash --noprofile --norc -eo pipefail <file>`), with the step's `env:` already evaluated,
 * `$GITHUB_OUTPUT` and `$GITHUB_STEP_SUMMARY` pointing at files, and a fake `gh` on the PATH that
 * records its arguments (and the body file it was given) instead of calling GitHub.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseGithubOutput, ROOT } from './bundle.js';
import { readWorkflow, type Mapping } from './workflow-model.js';
import { EXAMPLES_DIR } from './workflow-lint.js';

export interface StepRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The `::error` and `::warning` lines, as the runner would show them. */
  annotations: string[];
  /** Each `gh` call: its arguments, and the text of the `--body-file` when given. */
  gh: { args: string[]; body?: string }[];
  cwd: string;
}

/** A step of an example workflow, found by its id. */
export function exampleStep(workflow: string, job: string, id: string): Mapping {
  return workflowStep(path.join(EXAMPLES_DIR, workflow), job, id);
}

/** A step of any workflow file (absolute, or relative to the repository root), found by its id. */
export function workflowStep(file: string, job: string, id: string): Mapping {
  const { jobs } = readWorkflow(readFileSync(path.resolve(ROOT, file), 'utf8'));
  const step = jobs.find((j) => j.id === job)?.steps.find((s) => s.step.id === id)?.step;
  if (!step) throw new Error(`${file}: no step ${job}.${id}`);
  return step;
}

const FAKE_GH = `#!/usr/bin/env bash
# Records the call as JSON lines: the arguments, and the body file's text. Exits 1 when the arguments
# match the regular expression in GH_FAIL_ON (a release or a ref that does not exist).
body=""
args=("$@")
for ((i = 0; i < \${#args[@]}; i++)); do
  if [ "\${args[$i]}" = "--body-file" ]; then body=$(cat "\${args[$((i + 1))]}"); fi
done
for arg in "$@"; do jq -n --arg a "$arg" '$a'; done | jq -cs --arg body "$body" '{args: ., body: $body}' >> "$GH_CALLS"
if [ -n "\${GH_FAIL_ON:-}" ] && [[ "$*" =~ $GH_FAIL_ON ]]; then exit 1; fi
`;

export function runStep(
  script: string,
  env: Record<string, string>,
  options: { files?: Record<string, string> } = {},
): StepRun {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'rg-step-'));
  const bin = path.join(cwd, '.bin');
  const files = {
    output: path.join(cwd, '.github_output'),
    summary: path.join(cwd, '.step_summary'),
    gh: path.join(cwd, '.gh_calls'),
    script: path.join(cwd, '.script.sh'),
  };
  spawnSync('mkdir', ['-p', bin]);
  writeFileSync(path.join(bin, 'gh'), FAKE_GH);
  chmodSync(path.join(bin, 'gh'), 0o755);
  for (const file of [files.output, files.summary, files.gh]) writeFileSync(file, '');
  writeFileSync(files.script, script);
  for (const [name, text] of Object.entries(options.files ?? {})) {
    spawnSync('mkdir', ['-p', path.dirname(path.join(cwd, name))]);
    writeFileSync(path.join(cwd, name), text);
  }

  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', files.script], {
    cwd,
    encoding: 'utf8',
    timeout: 10_000,
    env: {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      HOME: cwd,
      LC_ALL: 'C.UTF-8',
      TZ: 'UTC',
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_RUN_ID: '4242',
      RUNNER_ENVIRONMENT: 'github-hosted',
      GH_CALLS: files.gh,
      ...env,
    },
  });
  const stdout = result.stdout ?? '';
  return {
    exitCode: result.status,
    stdout,
    stderr: result.stderr ?? '',
    outputs: parseGithubOutput(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    annotations: stdout.split('\n').filter((line) => /^::(error|warning)\b/.test(line)),
    gh: existsSync(files.gh)
      ? readFileSync(files.gh, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { args: string[]; body: string })
      : [],
    cwd,
  };
}
