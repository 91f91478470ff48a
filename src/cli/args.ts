/**
 * Command-line arguments: `rollback-guard <command> --<input> <value> ... [--json] [--help]`.
 * `--name=value` works too; a flag with no value (or followed by another flag) means 'true'; a flag
 * given twice joins its values with new lines (several URLs, several headers).
 */

export interface ParsedArgs {
  command?: string;
  /** Input name → raw text. */
  inputs: Record<string, string>;
  json: boolean;
  help: boolean;
  /** Words that are neither the command nor a flag. */
  stray: string[];
}

export function parseArgs(argv: string[]): ParsedArgs {
  const parsed: ParsedArgs = { inputs: {}, json: false, help: false, stray: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') parsed.json = true;
    else if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      let name: string;
      let value: string;
      if (eq > 0) {
        name = arg.slice(2, eq);
        value = arg.slice(eq + 1);
      } else {
        name = arg.slice(2);
        const next = argv[i + 1];
        value = next === undefined || next.startsWith('--') ? 'true' : (i++, next);
      }
      parsed.inputs[name] = name in parsed.inputs ? `${parsed.inputs[name]}\n${value}` : value;
    } else if (parsed.command === undefined) parsed.command = arg;
    else parsed.stray.push(arg);
  }
  return parsed;
}
