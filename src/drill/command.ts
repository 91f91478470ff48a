/** `rollback-guard drill [--provider railway|render|fly|all] [--verbose] [--json]`. */
import type { TerminalCommand } from '../cli/main.js';
import type { RawInputs } from '../core/inputs.js';
import { SANDBOX_PROVIDERS } from '../sandbox/index.js';
import type { SandboxProviderName } from '../sandbox/types.js';
import { runDrill, type DrillIo, type DrillResult } from './drill.js';

const FLAGS = ['provider', 'verbose'];

export async function drillCommand(args: RawInputs, io: DrillIo, json: boolean): Promise<number> {
  const unknown = Object.keys(args).filter((name) => !FLAGS.includes(name));
  if (unknown.length) {
    io.stderr(
      `drill: unknown option ${unknown.map((n) => `--${n}`).join(', ')}; options: --provider railway|render|fly|all, --verbose, --json`,
    );
    return 1;
  }
  const wanted = (args.provider ?? 'railway').trim().toLowerCase();
  const providers: SandboxProviderName[] =
    wanted === 'all'
      ? [...SANDBOX_PROVIDERS]
      : (SANDBOX_PROVIDERS as readonly string[]).includes(wanted)
        ? [wanted as SandboxProviderName]
        : [];
  if (providers.length === 0) {
    io.stderr(`drill: --provider '${wanted}' is not one of railway, render, fly, all`);
    return 1;
  }
  const quiet: DrillIo = { stdout: () => {}, stderr: () => {} };
  const results: DrillResult[] = [];
  for (const provider of providers) {
    results.push(await runDrill({ provider, verbose: args.verbose === 'true' }, json ? quiet : io));
  }
  if (json) io.stdout(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
  return results.every((r) => r.exitCode === 0) ? 0 : 1;
}

export const drill: TerminalCommand = {
  summary: 'the whole chain against a local sandbox (--provider railway|render|fly|all)',
  help: 'rollback-guard drill [--provider railway|render|fly|all] [--verbose] [--json]\n\nRuns the whole chain against a local sandbox.',
  run: (args, io, json) => drillCommand(args, io, json),
};
