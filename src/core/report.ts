/**
 * The JSON report every action writes: one file per run under `$RUNNER_TEMP/rollback-guard/`
 * (or the OS temp dir), with every secret redacted. Its path is the `report` output.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Secrets } from './secrets.js';

export const REPORT_VERSION = 1;

export async function writeReport(
  dir: string,
  action: string,
  content: Record<string, unknown>,
  secrets: Secrets,
): Promise<string> {
  const folder = path.join(dir, 'rollback-guard');
  await mkdir(folder, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(folder, `${action}-${stamp}-${randomBytes(3).toString('hex')}.json`);
  const body = secrets.redactDeep(JSON.parse(JSON.stringify({ reportVersion: REPORT_VERSION, ...content })));
  await writeFile(file, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 });
  return file;
}
