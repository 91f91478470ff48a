/**
 * `rollback-guard sandbox`: serves the drill's world on 127.0.0.1 until it is stopped, so every action
 * can be pointed at it by hand or from a workflow (this repository's CI runs each action against it
 * as a user's workflow would). Unless `--healthy`, the bad deployment is live and its migration has
 * dropped the demo database's table, as right after a bad deploy. The ready file, written once both
 * servers answer, holds the guard's inputs for this world (the token among them) as JSON.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import type { TerminalCommand } from '../core/terminal-host.js';
import { systemClock, type Clock } from '../core/clock.js';
import type { RawInputs } from '../core/inputs.js';
import { parseDuration } from '../core/parse.js';
import { SANDBOX_PROVIDERS } from '../sandbox/index.js';
import type { SandboxProviderName } from '../sandbox/types.js';
import type { DrillIo } from './drill.js';
import { BAD_DEPLOYMENT, startDrillWorld, type DrillWorld } from './world.js';

const SANDBOX_HELP = [
  `rollback-guard sandbox [--provider ${SANDBOX_PROVIDERS.join('|')}] [--healthy] [--ready-file <path>] [--stop-after <duration>] [--json]`,
  '',
  'Serves a simulated provider and the demo app behind it (SQLite database, backups, smoke tests) on',
  '127.0.0.1 until Ctrl-C, SIGTERM or --stop-after. The bad deployment is live unless --healthy.',
  '--ready-file writes, once everything answers, the inputs that point an action at it as JSON:',
  'provider, token, service, environment, api-url, graphql-url, url, database, backup-dir,',
  'smoke-tests, pid. --json prints the same JSON instead of the description.',
].join('\n');

const FLAGS = ['provider', 'healthy', 'ready-file', 'stop-after'];

export interface SandboxCommandOptions {
  clock?: Clock;
  /** Resolves with the reason to stop; by default the first SIGINT or SIGTERM. */
  stopped?: Promise<string>;
}

interface SandboxPlan {
  provider: SandboxProviderName;
  healthy: boolean;
  readyFile?: string;
  /** --stop-after as given, and in milliseconds. */
  stopAfter?: { text: string; ms: number };
}

/** The options, or every problem with them at once. */
function planSandbox(args: RawInputs): SandboxPlan | string[] {
  const problems = Object.keys(args)
    .filter((name) => !FLAGS.includes(name))
    .map((name) => `sandbox: unknown option --${name}; options: --${FLAGS.join(', --')}, --json`);
  const provider = (args.provider ?? 'railway').trim().toLowerCase();
  if (!(SANDBOX_PROVIDERS as readonly string[]).includes(provider)) {
    problems.push(`sandbox: --provider '${provider}' is not one of ${SANDBOX_PROVIDERS.join(', ')}`);
  }
  const stopAfterText = args['stop-after'];
  let stopAfter: SandboxPlan['stopAfter'];
  try {
    if (stopAfterText !== undefined) stopAfter = { text: stopAfterText, ms: parseDuration(stopAfterText) };
  } catch (error) {
    problems.push(`sandbox: --stop-after ${(error as Error).message}`);
  }
  const healthy = (args.healthy ?? 'false').trim().toLowerCase();
  if (healthy !== 'true' && healthy !== 'false') {
    problems.push(`sandbox: --healthy '${args.healthy}' is not 'true' or 'false'`);
  }
  if (args['ready-file'] !== undefined && args['ready-file'].trim() === '') {
    problems.push('sandbox: --ready-file needs a path');
  }
  if (problems.length > 0) return problems;
  return {
    provider: provider as SandboxProviderName,
    healthy: healthy === 'true',
    readyFile: args['ready-file'],
    stopAfter,
  };
}

function signalled(): { stopped: Promise<string>; dispose(): void } {
  let dispose = () => {};
  const stopped = new Promise<string>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => resolve(signal);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    dispose = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
  });
  return { stopped, dispose };
}

export async function sandboxCommand(
  args: RawInputs,
  io: DrillIo,
  json: boolean,
  options: SandboxCommandOptions = {},
): Promise<number> {
  const plan = planSandbox(args);
  if (Array.isArray(plan)) {
    for (const problem of plan) io.stderr(problem);
    return 1;
  }
  const signals = options.stopped ? undefined : signalled();
  const world = await startDrillWorld({ provider: plan.provider, clock: options.clock ?? systemClock });
  let timer: NodeJS.Timeout | undefined;
  try {
    if (!plan.healthy) await world.shipBadDeployment();
    const ready = { ...world.guardInputs(), 'smoke-tests': world.smokeTestsFile, pid: String(process.pid) };
    if (plan.readyFile) {
      // Written whole, then renamed into place, so whoever waits for it never reads half of it.
      await writeFile(`${plan.readyFile}.tmp`, `${JSON.stringify(ready, null, 2)}\n`, { mode: 0o600 });
      await rename(`${plan.readyFile}.tmp`, plan.readyFile);
    }
    if (json) io.stdout(JSON.stringify(ready));
    else io.stdout(describe(world, plan));

    const stops = [options.stopped ?? (signals as { stopped: Promise<string> }).stopped];
    const stopAfter = plan.stopAfter;
    if (stopAfter) {
      stops.push(
        new Promise(
          (resolve) => (timer = setTimeout(() => resolve(`--stop-after ${stopAfter.text}`), stopAfter.ms)),
        ),
      );
    }
    const reason = await Promise.race(stops);
    io.stderr(`sandbox: stopping (${reason})`);
    return 0;
  } finally {
    clearTimeout(timer);
    signals?.dispose();
    if (plan.readyFile) await rm(plan.readyFile, { force: true });
    await world.stop();
  }
}

function describe(world: DrillWorld, plan: SandboxPlan): string {
  const inputs = world.guardInputs();
  const where = Object.entries(inputs)
    .filter(([name]) => !['provider', 'token', 'url', 'database', 'backup-dir'].includes(name))
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
  return [
    `sandbox: simulated ${world.provider} API (${where})`,
    `sandbox: demo app health at ${inputs.url}; ${
      plan.healthy
        ? 'a good deployment is live'
        : `the bad deployment ${BAD_DEPLOYMENT.artifact} is live (the app answers 500, the memories table is gone)`
    }`,
    `sandbox: database ${inputs.database}, backups in ${inputs['backup-dir']}, smoke tests ${world.smokeTestsFile}`,
    plan.readyFile
      ? `sandbox: the token and every input are in ${plan.readyFile}`
      : 'sandbox: --ready-file <path> (or --json) gives the token and every input as JSON',
    `sandbox: serving until Ctrl-C or SIGTERM${plan.stopAfter ? `, or for ${plan.stopAfter.text}` : ''}`,
  ].join('\n');
}

export const sandbox: TerminalCommand = {
  summary: 'serve that sandbox until stopped, to point actions at it (--ready-file <path>)',
  help: SANDBOX_HELP,
  run: (args, io, json) => sandboxCommand(args, io, json),
};
