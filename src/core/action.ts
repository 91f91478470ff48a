/**
 * What an action is, and the one way every action is run. An action declares its inputs and an
 * `execute` function that turns parsed inputs into outputs, a summary and a report. `executeAction`
 * does everything around it the same way for every action and every host (the GitHub runner or a
 * terminal): secrets first, inputs validated all at once, failures prefixed with the action's
 * name, the report written, and nothing written that still holds a secret.
 */
import os from 'node:os';
import { ConfigurationError, failureMessage, unexpectedErrorStack } from './errors.js';
import { HttpClient, type FetchLike, type RetryEvent } from './http.js';
import { inertText } from './inert.js';
import {
  readInputs,
  registerSecrets,
  type InputShape,
  type InputSpec,
  type InputValues,
  type RawInputs,
} from './inputs.js';
import { realSleep, systemClock, type Clock, type Sleep } from './clock.js';
import { writeReport } from './report.js';
import { hideUrlCredentials } from './urls.js';
import { Secrets } from './secrets.js';

export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

/** What library code may use from the outside world; all of it injectable. */
export interface Deps {
  fetch: FetchLike;
  clock: Clock;
  sleep: Sleep;
  random: () => number;
}

export const systemDeps = (): Deps => ({
  fetch: (input, init) => fetch(input, init),
  clock: systemClock,
  sleep: realSleep,
  random: Math.random,
});

export interface ActionContext extends Deps {
  /** The action's name, e.g. 'decide'. */
  action: string;
  /** Logs with every secret redacted. */
  log: Logger;
  secrets: Secrets;
  env: NodeJS.ProcessEnv;
  /** An HTTP client for provider APIs with this context's deps, secrets and retry logging. */
  http: HttpClient;
}

export type OutputValue = string | number | boolean | undefined;

export interface ActionResult {
  /** Output name → value; undefined values are written as empty strings. */
  outputs: Record<string, OutputValue>;
  /** Markdown for the step summary (already escaped where it holds outside text). */
  summary?: string;
  /** The JSON report's content (the runner adds action, times and outputs). */
  report: Record<string, unknown>;
  /** When set, the step fails with this message (exit code 1). */
  failure?: string;
}

export interface ActionDefinition<S extends InputShape> {
  name: string;
  inputs: InputSpec<S>;
  execute(inputs: InputValues<S>, context: ActionContext): Promise<ActionResult>;
}

/** Where an action runs: the GitHub runner, or a terminal (the CLI). */
export interface ActionHost {
  env: NodeJS.ProcessEnv;
  /** Raw log lines; the host does not redact, executeAction does. */
  log: Logger;
  /** Hides a secret value in the host's own log (core.setSecret on GitHub). */
  mask(value: string): void;
  setOutput(name: string, value: string): void;
  appendSummary(markdown: string): Promise<void>;
}

export interface ExecutionOutcome {
  exitCode: 0 | 1;
  outputs: Record<string, string>;
  /** The failure message, when the step failed. */
  failure?: string;
  summary?: string;
  reportPath?: string;
}

/** Runs an action on a host. Never throws: every failure becomes exit code 1 and a message. */
export async function executeAction<S extends InputShape>(
  definition: ActionDefinition<S>,
  raw: RawInputs,
  host: ActionHost,
  deps: Deps = systemDeps(),
): Promise<ExecutionOutcome> {
  const name = definition.name;
  const secrets = new Secrets((value) => host.mask(value));
  const log = redactingLogger(host.log, secrets);
  const startedAt = new Date(deps.clock.now()).toISOString();
  try {
    registerSecrets(definition.inputs, raw, secrets);
  } catch (error) {
    // Masking must never be the reason a step fails silently.
    log.warning(failureMessage(name, error));
  }

  const result = await runDefinition(definition, raw, { host, deps, secrets, log });
  if (result instanceof ConfigurationError) {
    // One line per bad input; the exit code alone marks the step failed.
    for (const problem of result.problems) log.error(`${name}: input '${problem.input}' ${problem.message}`);
    return { exitCode: 1, outputs: {}, failure: secrets.redact(failureMessage(name, result)) };
  }

  const outputs: Record<string, string> = {};
  for (const [key, value] of Object.entries(result.outputs))
    outputs[key] = secrets.redact(value === undefined ? '' : String(value));

  const report = {
    action: name,
    startedAt,
    finishedAt: new Date(deps.clock.now()).toISOString(),
    inputs: nonSecretInputs(definition.inputs, raw),
    outputs,
    ...result.report,
    ...(result.failure ? { failure: result.failure } : {}),
  };
  const reportPath = await writeReportOrWarn(host.env, name, report, secrets, log);
  if (reportPath) outputs.report = reportPath;

  for (const [key, value] of Object.entries(outputs)) host.setOutput(key, value);
  const summary = result.summary === undefined ? undefined : secrets.redact(result.summary);
  if (summary) {
    try {
      await host.appendSummary(summary);
    } catch (error) {
      log.warning(`${name}: could not write the step summary: ${failureMessage(name, error)}`);
    }
  }
  if (result.failure) {
    const failure = secrets.redact(failureMessage(name, result.failure));
    log.error(failure);
    return { exitCode: 1, outputs, failure, summary, reportPath };
  }
  return { exitCode: 0, outputs, summary, reportPath };
}

/** Writes the JSON report; a failure to write it is a warning, never the step's failure. */
async function writeReportOrWarn(
  env: NodeJS.ProcessEnv,
  name: string,
  report: Record<string, unknown>,
  secrets: Secrets,
  log: Logger,
): Promise<string | undefined> {
  try {
    return await writeReport(tempDir(env), name, report, secrets);
  } catch (error) {
    log.warning(`${name}: could not write the report: ${failureMessage(name, error)}`);
    return undefined;
  }
}

function tempDir(env: NodeJS.ProcessEnv): string {
  return env.RUNNER_TEMP || os.tmpdir();
}

/**
 * Every line an action logs passes here: secrets redacted, then made inert, so text from outside
 * (a provider's message, a health body, a file name) never becomes a runner command.
 */
function redactingLogger(inner: Logger, secrets: Secrets): Logger {
  const safe = (message: string) => inertText(secrets.redact(message));
  return {
    info: (message) => inner.info(safe(message)),
    warning: (message) => inner.warning(safe(message)),
    error: (message) => inner.error(safe(message)),
    debug: (message) => inner.debug(safe(message)),
  };
}

/** The inputs as given, without secret ones nor credentials inside URLs, for the report. */
function nonSecretInputs<S extends InputShape>(spec: InputSpec<S>, raw: RawInputs): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, field] of Object.entries(spec.fields)) {
    const text = raw[name]?.trim();
    if (text) shown[name] = field.options.secret ? '***' : hideUrlCredentials(text);
  }
  return shown;
}

/**
 * Reads the inputs and runs the action. Bad inputs come back as the ConfigurationError (nothing ran);
 * any other error becomes a failed result, and the stack of one no code expected goes to the debug log.
 */
async function runDefinition<S extends InputShape>(
  definition: ActionDefinition<S>,
  raw: RawInputs,
  run: { host: ActionHost; deps: Deps; secrets: Secrets; log: Logger },
): Promise<ActionResult | ConfigurationError> {
  const { host, deps, secrets, log } = run;
  try {
    const values = readInputs(definition.inputs, raw);
    const http = new HttpClient({ ...deps, secrets, onRetry: (event) => log.info(retryMessage(event)) });
    const context = { ...deps, action: definition.name, log, secrets, env: host.env, http };
    return await definition.execute(values, context);
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    const stack = unexpectedErrorStack(error);
    if (stack) log.debug(`${definition.name}: ${stack}`);
    const failure = failureMessage(definition.name, error);
    return { outputs: {}, report: { error: failure }, failure };
  }
}

/** The log line of a retry: 'list Render deploys: HTTP 503; retrying in 250 ms (attempt 2)'. */
export function retryMessage(event: RetryEvent): string {
  return `${event.purpose}: ${event.detail}; retrying in ${Math.round(event.delayMs)} ms (attempt ${event.attempt + 1})`;
}
