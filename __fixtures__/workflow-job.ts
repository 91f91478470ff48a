/**
 * Runs one job of this repository's own workflows on this machine, the way a GitHub-hosted runner
 * runs it: the steps in order, each `if:` and `${{ }}` evaluated by GitHub's expression library,
 * `run:` scripts with `bash --noprofile --norc -eo pipefail` in the workspace (the repository) with
 * the step's env, `$GITHUB_OUTPUT`, `$RUNNER_TEMP` and Node 24 first on PATH, and `uses: ./<folder>`
 * through the bundle its action.yml names (`with:` evaluated, the action's defaults filled in, as the
 * runner does). actions/checkout and actions/setup-node stand for what this machine already has (the
 * repository, Node 24); any other action is refused. Processes a step leaves running are the job's
 * to stop, as on the runner.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readActionYml } from './action-metadata.js';
import { parseGithubOutput, ROOT, runBundle } from './bundle.js';
import { evaluate, type Contexts } from './expressions.js';
import { isMapping, ourActionFolder, readWorkflow, type Mapping } from './workflow-model.js';

const SET_UP = [/^actions\/checkout@[0-9a-f]{40}$/, /^actions\/setup-node@[0-9a-f]{40}$/];

export interface StepResult {
  where: string;
  name: string;
  id?: string;
  outcome: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  /** What the step printed, both streams. */
  log: string;
}

export interface JobRun {
  conclusion: 'success' | 'failure';
  steps: StepResult[];
}

export interface JobOptions {
  matrix?: Record<string, string>;
  /** The `github` context (the workspace and an empty token are filled in). */
  github?: Record<string, unknown>;
  /** Per step. */
  timeoutMs?: number;
  /** Changes the workflow's text before it runs (to show a check failing). */
  edit?: (text: string) => string;
}

interface StepContext {
  contexts: Contexts & { runner: { temp: string } };
  env: Record<string, string>;
  temp: string;
  timeoutMs: number;
}

const stringMap = (value: unknown): Record<string, unknown> => (isMapping(value) ? value : {});

function evaluateMap(value: unknown, contexts: Contexts): Record<string, string> {
  return Object.fromEntries(
    Object.entries(stringMap(value)).map(([name, text]) => [name, evaluate(text, contexts)]),
  );
}

async function runScript(script: string, context: StepContext): Promise<Omit<StepResult, 'where' | 'name'>> {
  const dir = mkdtempSync(path.join(context.temp, 'step-'));
  const file = path.join(dir, 'script.sh');
  const output = path.join(dir, 'github_output');
  writeFileSync(file, script);
  writeFileSync(output, '');
  const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      HOME: process.env.HOME ?? dir,
      LC_ALL: 'C.UTF-8',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: ROOT,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: path.join(dir, 'step_summary'),
      RUNNER_TEMP: context.temp,
      ...context.env,
    },
  });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), context.timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return {
    outcome: code === 0 ? 'success' : 'failure',
    outputs: parseGithubOutput(readFileSync(output, 'utf8')),
    log,
  };
}

async function runLocalAction(
  step: Mapping,
  context: StepContext,
): Promise<Omit<StepResult, 'where' | 'name'>> {
  const folder = ourActionFolder(step.uses) as string;
  const yml = readActionYml(folder);
  const given = stringMap(step.with);
  const inputs: Record<string, string> = {};
  for (const [name, meta] of Object.entries(yml.inputs ?? {})) {
    const text = name in given ? given[name] : meta.default;
    if (text !== undefined && text !== null) inputs[name] = evaluate(text, context.contexts);
  }
  const run = await runBundle(path.join(ROOT, folder, yml.runs.main), inputs, {
    env: { RUNNER_TEMP: context.temp, GITHUB_WORKSPACE: ROOT, GITHUB_ACTIONS: 'true', ...context.env },
    cwd: ROOT,
    timeoutMs: context.timeoutMs,
  });
  return {
    outcome: run.exitCode === 0 ? 'success' : 'failure',
    outputs: run.outputs,
    log: `${run.stdout}${run.stderr}`,
  };
}

export async function runJob(file: string, jobId: string, options: JobOptions = {}): Promise<JobRun> {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const { workflow, jobs } = readWorkflow(options.edit ? options.edit(text) : text);
  const job = jobs.find((j) => j.id === jobId);
  if (!job) throw new Error(`${file} has no job ${jobId}`);
  const temp = mkdtempSync(path.join(os.tmpdir(), 'rg-job-'));
  const steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
  const contexts = {
    github: { workspace: ROOT, token: '', ...options.github },
    matrix: options.matrix ?? {},
    steps,
    runner: { temp },
    inputs: {},
    vars: {},
    secrets: {},
    env: {},
  };
  const results: StepResult[] = [];
  let failed = false;
  for (const { step, where } of job.steps) {
    const name = String(step.name ?? step.uses ?? step.run);
    const id = typeof step.id === 'string' ? step.id : undefined;
    const status = failed ? 'failure' : 'success';
    const condition = step.if === undefined ? 'success()' : String(step.if);
    let result: Omit<StepResult, 'where' | 'name'>;
    if (evaluate(condition, contexts, { condition: true, status }) !== 'true') {
      result = { outcome: 'skipped', outputs: {}, log: '' };
    } else {
      const env = {
        ...evaluateMap(workflow.env, contexts),
        ...evaluateMap(job.job.env, contexts),
        ...evaluateMap(step.env, contexts),
      };
      const context: StepContext = { contexts, env, temp, timeoutMs: options.timeoutMs ?? 120_000 };
      if (typeof step.run === 'string') {
        result = await runScript(evaluate(step.run, contexts), context);
      } else if (typeof step.uses === 'string' && SET_UP.some((pattern) => pattern.test(String(step.uses)))) {
        result = {
          outcome: 'success',
          outputs: {},
          log: 'this machine: the repository, and Node 24 on PATH',
        };
      } else if (typeof step.uses === 'string' && step.uses.startsWith('./')) {
        result = await runLocalAction(step, context);
      } else {
        throw new Error(`${where}: this runner cannot run ${String(step.uses)}`);
      }
    }
    if (result.outcome === 'failure' && step['continue-on-error'] !== true) failed = true;
    if (id) steps[id] = { outputs: result.outputs, outcome: result.outcome, conclusion: result.outcome };
    results.push({ where, name, id, ...result });
  }
  return { conclusion: failed ? 'failure' : 'success', steps: results };
}
