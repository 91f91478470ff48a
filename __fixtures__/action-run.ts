/**
 * An action run in this process (executeAction with an in-memory host, on the test's ManualClock),
 * and everything a run wrote that a person or a later step could read — outputs, summary, report,
 * log lines, the failure — for the tests that look for secrets in it.
 */
import { readFileSync } from 'node:fs';
import type { BundleRun } from './bundle.js';
import { memoryHost, testDeps, type MemoryHost } from './context.js';
import { executeAction, type ActionDefinition, type ExecutionOutcome } from '../src/core/action.js';
import { ManualClock } from '../src/core/clock.js';
import type { InputShape } from '../src/core/inputs.js';

export interface ActionRun {
  outcome: ExecutionOutcome;
  host: MemoryHost;
  /** The JSON report as written ('' when none was). */
  report: string;
  /** Everything the run wrote that someone could read. */
  written: string[];
}

export async function runInMemory<S extends InputShape>(
  definition: ActionDefinition<S>,
  inputs: Record<string, string>,
  clock = new ManualClock(),
  env: NodeJS.ProcessEnv = {},
): Promise<ActionRun> {
  const host = memoryHost(env);
  const outcome = await executeAction(definition, inputs, host, testDeps(clock));
  const report = outcome.reportPath ? readFileSync(outcome.reportPath, 'utf8') : '';
  const written = [
    JSON.stringify(host.outputs),
    ...host.summaries,
    report,
    ...host.log.lines,
    outcome.failure ?? '',
  ];
  return { outcome, host, report, written };
}

/**
 * What a bundle run wrote that someone could read. The runner's own `::add-mask::` command is how
 * masking works: it is the one line allowed to hold a secret, so it is left out.
 */
export function bundleWritten(run: BundleRun): string[] {
  return [
    JSON.stringify(run.outputs),
    run.summary,
    JSON.stringify(run.report ?? {}),
    ...run.lines.filter((line) => !line.startsWith('::add-mask::')),
  ];
}

/** The texts among `written` that hold a secret in any form a log could carry it (as is, URL, base64). */
export function leaks(written: string[], secret: string): string[] {
  const forms = [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')];
  return written.filter((text) => forms.some((form) => text.includes(form)));
}
