/**
 * Runs a built bundle the way the GitHub runner does: a child process on this Node (24, from the
 * devDependency), inputs as `INPUT_<NAME>` variables, `$GITHUB_OUTPUT` and `$GITHUB_STEP_SUMMARY`
 * pointing at files, `$RUNNER_TEMP` at a fresh folder. Asynchronous on purpose: tests often serve
 * HTTP from this same process, and a blocking spawn would stop those servers from answering.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface BundleRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The parsed JSON report, when the `report` output names one. */
  report?: Record<string, unknown>;
  /** Every line the process printed, both streams. */
  lines: string[];
  tempDir: string;
}

/** Parses `$GITHUB_OUTPUT` (`name<<delimiter` blocks, or `name=value` lines). */
export function parseGithubOutput(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] as string);
      outputs[name] = value.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

export async function runBundle(
  bundle: string,
  inputs: Record<string, string>,
  options: { env?: Record<string, string>; timeoutMs?: number; cwd?: string } = {},
): Promise<BundleRun> {
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'rg-bundle-'));
  const outputFile = path.join(tempDir, 'github_output');
  const summaryFile = path.join(tempDir, 'step_summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tempDir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: tempDir,
    ...options.env,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;

  const script = path.isAbsolute(bundle) ? bundle : path.join(ROOT, bundle);
  const child = spawn(process.execPath, [script], { env, cwd: options.cwd ?? tempDir });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearTimeout(timer);

  const outputs = parseGithubOutput(readFileSync(outputFile, 'utf8'));
  const report = outputs.report
    ? (JSON.parse(readFileSync(outputs.report, 'utf8')) as Record<string, unknown>)
    : undefined;
  return {
    exitCode,
    stdout,
    stderr,
    outputs,
    summary: readFileSync(summaryFile, 'utf8'),
    report,
    lines: `${stdout}\n${stderr}`.split('\n').filter((line) => line !== ''),
    tempDir,
  };
}
