/**
 * A terminal as an action host: log lines go to stderr, outputs and the summary are kept for the CLI
 * to print at the end. Masking is a no-op (a terminal has no log masking, and printing
 * `::add-mask::` would show the secret); everything written is still redacted by executeAction.
 */
import type { ActionHost } from './action.js';
import { inertLines, inertText } from './inert.js';
import type { RawInputs } from './inputs.js';

/** Where a terminal command writes: the summary and results to stdout, log lines to stderr. */
export interface CliIo {
  stdout(text: string): void;
  stderr(line: string): void;
}

/** A command of the CLI besides the actions (the drill, the sandbox). */
export interface TerminalCommand {
  /** Its line in `rollback-guard --help`. */
  summary: string;
  /** `rollback-guard <command> --help`. */
  help: string;
  /** Runs it and returns the exit code. */
  run(args: RawInputs, io: CliIo, json: boolean): Promise<number>;
}

export interface TerminalHost extends ActionHost {
  outputs: Record<string, string>;
  summaries: string[];
}

export function terminalHost(
  env: NodeJS.ProcessEnv,
  stderr: (line: string) => void,
  verbose = false,
): TerminalHost {
  const outputs: Record<string, string> = {};
  const summaries: string[] = [];
  return {
    env,
    outputs,
    summaries,
    // Each line inert: a terminal (or the runner, when the CLI runs in a workflow step) acts on none.
    log: {
      info: (message) => stderr(inertText(message)),
      warning: (message) => stderr(`warning: ${inertText(message)}`),
      error: (message) => stderr(`error: ${inertText(message)}`),
      debug: (message) => {
        if (verbose) stderr(`debug: ${inertText(message)}`);
      },
    },
    mask: () => {},
    setOutput: (name, value) => {
      outputs[name] = value;
    },
    appendSummary: async (markdown) => {
      summaries.push(markdown);
    },
  };
}

/**
 * A Markdown summary made readable in a terminal: charts dropped, escapes and HTML removed, and
 * every line inert (the escapes removed here are what kept outside text from being Markdown).
 */
export function terminalText(markdown: string): string {
  const text = markdown
    .replace(/```mermaid[\s\S]*?```\n?/g, '')
    .replace(/<\/?details>|<\/?summary>/g, '')
    .replace(/\\([\\`*_[\]<>|~#!@+=.:)-])/g, '$1')
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return inertLines(text);
}
