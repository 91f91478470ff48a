/**
 * The GitHub runner as an action host: inputs from `INPUT_*`, outputs to `$GITHUB_OUTPUT`, the
 * summary to `$GITHUB_STEP_SUMMARY`, logs as workflow commands, masking with `core.setSecret`.
 * Outputs go through `core.setOutput`, which writes `name<<ghadelimiter_<random UUID>` blocks and
 * refuses a value holding its delimiter, so no value (line breaks included) can set another output.
 */
import { appendFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { executeAction, type ActionDefinition, type ActionHost, type Deps } from './action.js';
import { inertText } from './inert.js';
import { rawInputsFromEnv, type InputShape } from './inputs.js';

export function githubHost(env: NodeJS.ProcessEnv = process.env): ActionHost {
  return {
    env,
    // Inert here too (it is idempotent): whoever logs through this host cannot issue a command.
    log: {
      info: (message) => core.info(inertText(message)),
      warning: (message) => core.warning(inertText(message)),
      error: (message) => core.error(inertText(message)),
      debug: (message) => core.debug(inertText(message)),
    },
    mask: (value) => core.setSecret(value),
    setOutput: (name, value) => core.setOutput(name, value),
    appendSummary: async (markdown) => {
      const file = env.GITHUB_STEP_SUMMARY;
      if (file) await appendFile(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
    },
  };
}

/** The bundle entry point of every action: run on the GitHub runner and set the exit code. */
export async function runOnGitHub<S extends InputShape>(
  definition: ActionDefinition<S>,
  deps?: Deps,
): Promise<void> {
  const host = githubHost();
  const raw = rawInputsFromEnv(definition.inputs, host.env);
  try {
    const outcome = await executeAction(definition, raw, host, deps);
    process.exitCode = outcome.exitCode;
  } catch (error) {
    // executeAction does not throw; this is the last line of defence for anything thrown anyway.
    core.setFailed(
      inertText(`${definition.name}: ${error instanceof Error ? error.message : String(error)}`),
    );
    process.exitCode = 1;
  }
}
