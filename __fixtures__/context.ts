/**
 * Test doubles for library code: a context whose clock only moves when something sleeps, a logger
 * that records lines, and an action host that keeps outputs and the summary in memory.
 */
import type { ActionContext, ActionHost, Deps, Logger } from '../src/core/action.js';
import { ManualClock } from '../src/core/clock.js';
import { HttpClient } from '../src/core/http.js';
import { Secrets } from '../src/core/secrets.js';

export interface RecordingLogger extends Logger {
  lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info: ${m}`),
    warning: (m) => lines.push(`warning: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
    debug: (m) => lines.push(`debug: ${m}`),
  };
}

/** Deps with a manual clock (sleeping advances it at once), real fetch, and fixed jitter. */
export function testDeps(clock = new ManualClock()): Deps & { clock: ManualClock } {
  return { fetch: (input, init) => fetch(input, init), clock, sleep: clock.sleep, random: () => 0.5 };
}

export function testContext(overrides: Partial<ActionContext> = {}): ActionContext & {
  log: RecordingLogger;
  clock: ManualClock;
} {
  const deps = testDeps();
  const secrets = overrides.secrets ?? new Secrets();
  const log = recordingLogger();
  return {
    ...deps,
    action: 'test',
    log,
    secrets,
    env: {},
    http: new HttpClient({ ...deps, secrets }),
    ...overrides,
  } as ActionContext & { log: RecordingLogger; clock: ManualClock };
}

export interface MemoryHost extends ActionHost {
  log: RecordingLogger;
  outputs: Record<string, string>;
  summaries: string[];
  masked: string[];
}

export function memoryHost(env: NodeJS.ProcessEnv = {}): MemoryHost {
  const outputs: Record<string, string> = {};
  const summaries: string[] = [];
  const masked: string[] = [];
  return {
    env,
    log: recordingLogger(),
    outputs,
    summaries,
    masked,
    mask: (value) => masked.push(value),
    setOutput: (name, value) => {
      outputs[name] = value;
    },
    appendSummary: async (markdown) => {
      summaries.push(markdown);
    },
  };
}
