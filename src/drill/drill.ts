/**
 * `npm run drill`: the runbook's rollback drill, end to end, on this machine. It starts a simulated
 * provider (Railway, Render or Fly) with two good deployments, the demo app behind it with a SQLite
 * database and timestamped backups, ships a bad deployment that breaks the app and damages the
 * database, and runs the guard against it exactly as a workflow would (the same action definition,
 * only on a terminal instead of the runner). It prints the timeline against the runbook's targets
 * and exits 0 when the service was rolled back and verified healthy.
 */
import { readFile } from 'node:fs/promises';
import { guardAction } from '../actions/guard/main.js';
import { executeAction, systemDeps, type Deps } from '../core/action.js';
import { humanDuration } from '../core/parse.js';
import type { GuardResult } from '../guard/result.js';
import type { TimelineJson } from '../guard/timeline.js';
import { terminalHost } from '../core/terminal-host.js';
import type { SandboxProviderName } from '../sandbox/types.js';
import { BAD_DEPLOYMENT, DEMO_SMOKE_TESTS, startDrillWorld } from './world.js';

export interface DrillOptions {
  provider: SandboxProviderName;
  /** How long the simulated provider takes to build and start a deployment. */
  buildDelayMs?: number;
  /** Print the guard's own log lines too. */
  verbose?: boolean;
}

export interface DrillIo {
  stdout(text: string): void;
  stderr(line: string): void;
}

export interface DrillResult {
  provider: SandboxProviderName;
  outcome: string;
  /** The guard's outputs. */
  outputs: Record<string, string>;
  timeline?: TimelineJson;
  /** Wall time of the whole drill, set-up included. */
  drillMs: number;
  exitCode: 0 | 1;
}

export async function runDrill(
  options: DrillOptions,
  io: DrillIo,
  deps: Deps = systemDeps(),
): Promise<DrillResult> {
  const started = Date.now();
  const world = await startDrillWorld({
    provider: options.provider,
    clock: deps.clock,
    buildDelayMs: options.buildDelayMs,
  });
  try {
    io.stdout(
      `drill: ${options.provider} sandbox at ${world.sandbox.server.url}, demo app at ${world.app.url}, database ${world.database.database}`,
    );

    // The bad deployment: it breaks the app, and its migration drops the memories table.
    await world.shipBadDeployment();
    io.stdout(`drill: shipped ${BAD_DEPLOYMENT.artifact} (broken app, dropped table); running the guard…`);

    const inputs: Record<string, string> = {
      ...world.guardInputs(),
      interval: '200ms',
      window: '30s',
      'data-loss': 'true',
      'smoke-tests': DEMO_SMOKE_TESTS,
      'verify-samples': '5',
      'verify-interval': '200ms',
      'verify-timeout': '1m',
      'rollback-timeout': '2m',
    };
    const host = terminalHost(
      { RUNNER_TEMP: world.folder },
      (line) => {
        if (options.verbose) io.stderr(line);
      },
      false,
    );
    const outcome = await executeAction(guardAction, inputs, host, deps);
    const report = outcome.reportPath
      ? (JSON.parse(await readFile(outcome.reportPath, 'utf8')) as { guard?: GuardResult })
      : {};
    const result: DrillResult = {
      provider: options.provider,
      outcome: outcome.outputs.outcome ?? 'failed',
      outputs: outcome.outputs,
      timeline: report.guard?.timeline,
      drillMs: Date.now() - started,
      exitCode: outcome.outputs.outcome === 'rolled-back' ? 0 : 1,
    };
    io.stdout(drillReport(result, report.guard, outcome.failure));
    return result;
  } finally {
    await world.stop();
  }
}

/** The drill's result for a terminal: outcome, the phases, the targets. */
export function drillReport(result: DrillResult, guard: GuardResult | undefined, failure?: string): string {
  const lines = [''];
  lines.push(`Rollback drill on ${result.provider}: ${result.outcome}${failure ? ` — ${failure}` : ''}`);
  if (guard?.message) lines.push(`  ${guard.message}`);
  const timeline = result.timeline;
  if (timeline) {
    lines.push('', 'Phases:');
    for (const phase of timeline.phases) {
      lines.push(
        `  ${phase.name.padEnd(9)} ${humanDuration(phase.durationMs ?? 0).padStart(9)}  ${phase.outcome ?? ''}`,
      );
    }
    lines.push('', 'Against the runbook targets:');
    for (const target of timeline.targets) {
      const took = target.ms === undefined ? 'n/a' : humanDuration(target.ms);
      const verdict = target.met === undefined ? '' : target.met ? 'met' : 'MISSED';
      lines.push(
        `  ${target.name.padEnd(26)} ${took.padStart(9)}  (target < ${humanDuration(target.targetMs)})  ${verdict}`,
      );
    }
  }
  lines.push(
    '',
    `Outputs: from=${result.outputs.from ?? ''} to=${result.outputs.to ?? ''} action=${result.outputs.action ?? ''}`,
  );
  lines.push(`Drill took ${humanDuration(result.drillMs)} in all, set-up included.`);
  return lines.join('\n');
}
