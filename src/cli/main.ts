/**
 * The CLI: runs any action, or the guard, from a terminal with the same input schemas and the same
 * code as on GitHub (`executeAction` on a terminal host), and `drill`, the whole chain against the
 * local sandbox.
 *
 *   rollback-guard <action> --<input> <value> ... [--json]
 *   rollback-guard <action> --help
 *   rollback-guard drill [--provider railway|render|fly] [--json]
 */
import { ACTIONS } from '../actions/registry.js';
import { executeAction, systemDeps, type Deps } from '../core/action.js';
import { inertText } from '../core/inert.js';
import type { RawInputs } from '../core/inputs.js';
import { parseArgs } from './args.js';
import { actionHelp } from './help.js';
import { terminalHost, terminalText } from './terminal-host.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(line: string): void;
}

/** Environment variables a secret input may come from, so it is not typed on a command line. */
const PROVIDER_TOKEN_ENV: Record<string, string> = {
  railway: 'RAILWAY_TOKEN',
  render: 'RENDER_API_KEY',
  fly: 'FLY_API_TOKEN',
};

export function secretEnvFor(command: string, provider?: string): Record<string, string> {
  switch (command) {
    case 'rollback-railway':
      return { token: 'RAILWAY_TOKEN' };
    case 'rollback-render':
      return { 'api-key': 'RENDER_API_KEY' };
    case 'rollback-fly':
      return { 'api-token': 'FLY_API_TOKEN' };
    case 'restore-db':
      return { 'qdrant-api-key': 'QDRANT_API_KEY' };
    case 'guard': {
      const token = provider ? PROVIDER_TOKEN_ENV[provider] : undefined;
      return {
        token: token ?? 'RAILWAY_TOKEN, RENDER_API_KEY or FLY_API_TOKEN (by provider)',
        'github-token': 'GITHUB_TOKEN',
      };
    }
    default:
      return {};
  }
}

export interface CliOptions {
  /** The folder holding the action.yml files (the repository or package root). */
  root: string;
  deps?: Deps;
  /** The drill, when this build has one: runs it and returns the exit code. */
  drill?: (args: RawInputs, io: CliIo, json: boolean) => Promise<number>;
}

function usage(drill: boolean): string {
  return [
    'rollback-guard <command> --<input> <value> ... [--json]',
    '',
    'Commands:',
    ...Object.keys(ACTIONS).map((name) => `  ${name}`),
    ...(drill
      ? ['  drill        the whole chain against a local sandbox (--provider railway|render|fly)']
      : []),
    '',
    "`rollback-guard <command> --help` lists a command's inputs.",
    'Secrets can come from RAILWAY_TOKEN, RENDER_API_KEY, FLY_API_TOKEN, QDRANT_API_KEY and GITHUB_TOKEN.',
  ].join('\n');
}

export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
  options: CliOptions,
): Promise<number> {
  const args = parseArgs(argv);
  if (!args.command || args.command === 'help') {
    io.stdout(usage(Boolean(options.drill)));
    return args.command || args.help ? 0 : 1;
  }
  if (args.command === 'drill' && options.drill) {
    if (args.help) {
      io.stdout(
        'rollback-guard drill [--provider railway|render|fly] [--json]\n\nRuns the whole chain against a local sandbox.',
      );
      return 0;
    }
    return options.drill(args.inputs, io, args.json);
  }
  const registered = ACTIONS[args.command];
  if (!registered) {
    io.stderr(
      `rollback-guard: unknown command '${args.command}'; expected one of ${Object.keys(ACTIONS).join(', ')}${options.drill ? ', drill' : ''}`,
    );
    return 1;
  }
  const { definition, folder } = registered;
  const secretEnv = secretEnvFor(args.command, args.inputs.provider);
  if (args.help) {
    io.stdout(actionHelp(options.root, args.command, folder, secretEnv));
    return 0;
  }

  const known = Object.keys(definition.inputs.fields);
  const unknown = Object.keys(args.inputs).filter((name) => !known.includes(name));
  if (unknown.length > 0 || args.stray.length > 0) {
    for (const name of unknown)
      io.stderr(`${args.command}: unknown input '--${name}'; its inputs are --${known.join(', --')}`);
    for (const word of args.stray)
      io.stderr(`${args.command}: unexpected '${word}'; give inputs as --<input> <value>`);
    return 1;
  }
  const raw: RawInputs = { ...args.inputs };
  for (const [input, variable] of Object.entries(secretEnv)) {
    if (raw[input] === undefined && env[variable]) raw[input] = env[variable];
  }

  const host = terminalHost(env, (line) => io.stderr(line), Boolean(env.RUNNER_DEBUG));
  const outcome = await executeAction(definition, raw, host, options.deps ?? systemDeps());
  if (args.json) {
    io.stdout(
      JSON.stringify(
        {
          command: args.command,
          exitCode: outcome.exitCode,
          outputs: outcome.outputs,
          failure: outcome.failure,
        },
        null,
        2,
      ),
    );
  } else {
    const text = host.summaries.map(terminalText).join('\n\n');
    const outputs = Object.entries(outcome.outputs).map(
      ([name, value]) => `  ${name}: ${inertText(value.includes('\n') ? JSON.stringify(value) : value)}`,
    );
    io.stdout([text, outputs.length ? `Outputs:\n${outputs.join('\n')}` : ''].filter(Boolean).join('\n\n'));
  }
  return outcome.exitCode;
}
