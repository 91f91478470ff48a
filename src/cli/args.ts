/**
 * Command-line arguments: `rollback-guard <command> --<input> <value> ... [--json] [--help]`, split
 * into tokens by `node:util`'s parseArgs. `--name=value` works too; a flag with no value (or followed
 * by another flag) means 'true'; a flag given twice joins its values with new lines (several URLs,
 * several headers). Which flags a command knows is the command's to say (runCli refuses the others).
 * After a bare `--`, every word is a word.
 */
import { parseArgs as tokenize } from 'node:util';

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
  const { tokens } = tokenize({ args: argv, strict: false, allowPositionals: true, tokens: true });
  /** Indexes of `argv` already read: a flag's value, or a word (a group such as `-abc` is several tokens). */
  const read = new Set<number>();
  for (const token of tokens) {
    if (read.has(token.index)) continue;
    read.add(token.index);
    const bare = token.kind === 'option' && !token.inlineValue;
    if (bare && token.rawName === '--json') parsed.json = true;
    else if (bare && (token.rawName === '--help' || token.rawName === '-h')) parsed.help = true;
    else if (token.kind === 'option' && token.rawName.startsWith('--')) {
      const value = token.inlineValue ? (token.value ?? '') : flagValue(argv, token.index, read);
      const before = parsed.inputs[token.name];
      parsed.inputs[token.name] = before === undefined ? value : `${before}\n${value}`;
    } else if (token.kind !== 'option-terminator') {
      // A word, or a single-dash word such as `-5` that is no flag of ours.
      const word = argv[token.index] as string;
      if (parsed.command === undefined) parsed.command = word;
      else parsed.stray.push(word);
    }
  }
  return parsed;
}

/** The word after a flag is its value unless it is another flag; a bare flag means 'true'. */
function flagValue(argv: string[], index: number, read: Set<number>): string {
  const next = argv[index + 1];
  if (next === undefined || next.startsWith('--')) return 'true';
  read.add(index + 1);
  return next;
}
