/**
 * Test doubles for library code: a context whose clock only moves when something sleeps, a logger
 * that records lines, and an action host that keeps outputs and the summary in memory.
 */
import {
  retryMessage,
  type ActionContext,
  type ActionHost,
  type Deps,
  type Logger,
} from '../src/core/action.js';
import { ManualClock } from '../src/core/clock.js';
import { HttpClient, type RetryEvent } from '../src/core/http.js';
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

export interface TestContext extends ActionContext {
  log: RecordingLogger;
  clock: ManualClock;
  /** Every retry the HTTP client waited for (each is also logged, as executeAction logs it). */
  retries: RetryEvent[];
}

/**
 * An action's context as executeAction builds it, on a ManualClock: its HTTP client has the
 * context's fetch, clock, sleep and secrets, and logs its retries. `secretValues` are registered.
 */
export function testContext(
  overrides: Partial<Omit<ActionContext, 'clock'>> & { clock?: ManualClock; secretValues?: string[] } = {},
): TestContext {
  const { secretValues = [], ...given } = overrides;
  // An override given as undefined (an optional fetch passed along) keeps the default.
  const rest = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
  const deps = { ...testDeps(overrides.clock), ...(overrides.fetch ? { fetch: overrides.fetch } : {}) };
  const secrets = overrides.secrets ?? new Secrets();
  for (const value of secretValues) secrets.add(value);
  const log = recordingLogger();
  const retries: RetryEvent[] = [];
  const onRetry = (event: RetryEvent) => {
    retries.push(event);
    log.info(retryMessage(event));
  };
  return {
    ...deps,
    action: 'test',
    log,
    secrets,
    env: {},
    http: new HttpClient({ ...deps, secrets, onRetry }),
    retries,
    ...rest,
  } as TestContext;
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

/** ISO times `stepMs` apart from 2026-01-01T00:00:00Z: each call returns the next one (the first is one step in). */
export function timeline(stepMs: number): () => string {
  let at = Date.UTC(2026, 0, 1);
  return () => new Date((at += stepMs)).toISOString();
}
