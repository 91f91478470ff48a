/**
 * The CLI: runs any action, or the guard, from a terminal with the same input schemas and the same
 * code as on GitHub (`executeAction` on a terminal host), and `drill`, the whole chain against the
 * local sandbox.
 *
 *   rollback-guard <action> --<input> <value> ... [--json]
 *   rollback-guard <action> --help
 *   rollback-guard drill [--provider <name>|all] [--json]
 *   rollback-guard sandbox [--provider <name>] [--ready-file <path>] ...
 */
import { ACTIONS } from '../actions/registry.js';
import { executeAction, systemDeps, type Deps } from '../core/action.js';
import { inertText } from '../core/inert.js';
import type { RawInputs } from '../core/inputs.js';
import { listText } from '../core/parse.js';
import { parseArgs } from './args.js';
import { actionHelp } from './help.js';
import { terminalHost, terminalText, type CliIo, type TerminalCommand } from '../core/terminal-host.js';
import { PROVIDER_ENTRIES, tokenVariables } from '../providers/registry.js';

/** Environment variables a secret input may come from, so it is not typed on a command line. */
const SECRET_ENV: Record<string, Record<string, string>> = {
  ...tokenVariables(),
  'restore-db': { 'qdrant-api-key': 'QDRANT_API_KEY' },
};

/** Every variable a secret may come from, for the usage text. */
const SECRET_VARIABLES = [
  ...PROVIDER_ENTRIES.map((entry) => entry.tokenEnv),
  'QDRANT_API_KEY',
  'GITHUB_TOKEN',
];

export function secretEnvFor(command: string, provider?: string): Record<string, string> {
  if (command !== 'guard') return SECRET_ENV[command] ?? {};
  const entry = PROVIDER_ENTRIES.find((candidate) => candidate.name === provider);
  const tokens = PROVIDER_ENTRIES.map((candidate) => candidate.tokenEnv);
  return {
    token: entry?.tokenEnv ?? `${listText(tokens, 'or')} (by provider)`,
    'github-token': 'GITHUB_TOKEN',
  };
}

export interface CliOptions {
  /** The folder holding the action.yml files (the repository or package root). */
  root: string;
  deps?: Deps;
  /** Commands that exist only on a terminal, when this build has them: drill, sandbox. */
  commands?: Record<string, TerminalCommand>;
}

/** A command that is not an action (the drill, its sandbox). */

function usage(commands: Record<string, TerminalCommand>): string {
  return [
    'rollback-guard <command> --<input> <value> ... [--json]',
    '',
    'Commands:',
    ...Object.keys(ACTIONS).map((name) => `  ${name}`),
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(12)} ${command.summary}`),
    '',
    "`rollback-guard <command> --help` lists a command's inputs.",
    `Secrets can come from ${listText(SECRET_VARIABLES, 'and')}.`,
  ].join('\n');
}

export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
  options: CliOptions,
): Promise<number> {
  const args = parseArgs(argv);
  const commands = options.commands ?? {};
  if (!args.command || args.command === 'help') {
    io.stdout(usage(commands));
    return args.command || args.help ? 0 : 1;
  }
  const terminal = Object.hasOwn(commands, args.command) ? commands[args.command] : undefined;
  if (terminal) {
    if (args.help) {
      io.stdout(terminal.help);
      return 0;
    }
    return terminal.run(args.inputs, io, args.json);
  }
  const registered = ACTIONS[args.command];
  if (!registered) {
    io.stderr(
      `rollback-guard: unknown command '${args.command}'; expected one of ${[...Object.keys(ACTIONS), ...Object.keys(commands)].join(', ')}`,
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
