/** `rollback-guard drill [--provider <name>|all] [--verbose] [--json]`. */
import type { TerminalCommand } from '../core/terminal-host.js';
import type { RawInputs } from '../core/inputs.js';
import { SANDBOX_PROVIDERS } from '../sandbox/index.js';
import type { SandboxProviderName } from '../sandbox/types.js';
import { runDrill, type DrillIo, type DrillResult } from './drill.js';

const FLAGS = ['provider', 'verbose'];
/** Every provider with a sandbox, and 'all'. */
const PROVIDER_CHOICES = [...SANDBOX_PROVIDERS, 'all'];

export async function drillCommand(args: RawInputs, io: DrillIo, json: boolean): Promise<number> {
  const unknown = Object.keys(args).filter((name) => !FLAGS.includes(name));
  if (unknown.length) {
    io.stderr(
      `drill: unknown option ${unknown.map((n) => `--${n}`).join(', ')}; options: --provider ${PROVIDER_CHOICES.join('|')}, --verbose, --json`,
    );
    return 1;
  }
  const wanted = (args.provider ?? 'railway').trim().toLowerCase();
  const named = SANDBOX_PROVIDERS.find((name) => name === wanted);
  const providers: SandboxProviderName[] = wanted === 'all' ? [...SANDBOX_PROVIDERS] : named ? [named] : [];
  if (providers.length === 0) {
    io.stderr(`drill: --provider '${wanted}' is not one of ${PROVIDER_CHOICES.join(', ')}`);
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
  summary: `the whole chain against a local sandbox (--provider ${PROVIDER_CHOICES.join('|')})`,
  help: `rollback-guard drill [--provider ${PROVIDER_CHOICES.join('|')}] [--verbose] [--json]\n\nRuns the whole chain against a local sandbox.`,
  run: (args, io, json) => drillCommand(args, io, json),
};
