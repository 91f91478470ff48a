import type { ActionDefinition } from '../../core/action.js';
import { ConfigurationError } from '../../core/errors.js';
import type { InputValues } from '../../core/inputs.js';
import { runOnGitHub } from '../../core/github-host.js';
import { checkRestorePaths, type RestoreConfig } from '../../restore/config.js';
import { dataRestoreOutputs, restoreData } from '../../restore/data.js';
import type { QdrantConfig } from '../../restore/qdrant.js';
import { dataRestoreSummary } from '../../restore/summary.js';
import { restoreDbInputs } from './inputs.js';

type RestoreDbInputs = InputValues<typeof restoreDbInputs.fields>;

/** The SQLite restore the inputs ask for, if any (the guard builds its own from its inputs). */
export function restoreConfigFromInputs(inputs: RestoreDbInputs): RestoreConfig | undefined {
  if (inputs.database === undefined) return undefined;
  return {
    database: inputs.database,
    backup: inputs.backup,
    backupDir: inputs['backup-dir'],
    pattern: inputs.pattern,
    before: inputs.before,
    check: inputs.check,
    expectTables: inputs['expect-tables'] ?? [],
    backupSha256: inputs['backup-sha256'],
    keepPreRestore: inputs['keep-pre-restore'],
    dryRun: inputs['dry-run'],
  };
}

/** The Qdrant recovery the inputs ask for, if any. */
export function qdrantConfigFromInputs(inputs: RestoreDbInputs): QdrantConfig | undefined {
  const { 'qdrant-url': url, 'qdrant-collection': collection, 'qdrant-snapshot': snapshot } = inputs;
  if (url === undefined || collection === undefined || snapshot === undefined) return undefined;
  return {
    url,
    collection,
    snapshot,
    checksum: inputs['qdrant-checksum'],
    apiKey: inputs['qdrant-api-key'],
    priority: inputs['qdrant-priority'],
    timeoutMs: inputs['qdrant-timeout'],
    dryRun: inputs['dry-run'],
  };
}

export const restoreDbAction: ActionDefinition<typeof restoreDbInputs.fields> = {
  name: 'restore-db',
  inputs: restoreDbInputs,
  async execute(inputs, context) {
    const sqlite = restoreConfigFromInputs(inputs);
    const qdrant = qdrantConfigFromInputs(inputs);
    if (sqlite) {
      const problems = await checkRestorePaths(sqlite);
      if (problems.length) throw new ConfigurationError(problems);
    }
    // A snapshot URL's query string is usually a signature (a presigned S3 link): treat it as secret.
    if (qdrant?.snapshot.search) context.secrets.add(qdrant.snapshot.search.slice(1));

    const result = await restoreData(
      { sqlite, qdrant },
      { clock: context.clock, log: context.log, http: context.http, secrets: context.secrets },
    );
    return {
      outputs: dataRestoreOutputs(result),
      summary: dataRestoreSummary(result, context.clock.now()),
      report: {
        status: result.status,
        sqlite: result.sqlite ?? null,
        qdrant: result.qdrant ?? null,
        pattern: sqlite?.pattern.text ?? null,
      },
      failure: result.failure,
    };
  },
};

/** Runs restore-db on the GitHub runner (the bundle entry calls this; so does `npx @github/local-action`). */
export async function run(): Promise<void> {
  await runOnGitHub(restoreDbAction);
}
