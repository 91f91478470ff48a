import { readFileSync } from 'node:fs';
import { memoryHost, testContext, testDeps } from '../../__fixtures__/context.js';
import { restoreDbAction } from '../../src/actions/restore-db/main.js';
import { executeAction } from '../../src/core/action.js';
import { recoverQdrant, type QdrantConfig } from '../../src/restore/qdrant.js';
import { startQdrant, type FakeQdrant } from './qdrant-server.js';
import { folderState, runbookLayout, tempDir } from './fixtures.js';

const SNAPSHOT = 'file:///qdrant/snapshots/memories-2024-01-15-02-00-00.snapshot';
const CHECKSUM = 'a'.repeat(64);
const KEY = 'qdrant-secret-key-5f3e';

let qdrant: FakeQdrant;
afterEach(async () => qdrant?.close());

function configFor(over: Partial<QdrantConfig> = {}): QdrantConfig {
  return {
    url: new URL(qdrant.url),
    collection: 'memories',
    snapshot: new URL(SNAPSHOT),
    checksum: CHECKSUM,
    apiKey: KEY,
    priority: 'snapshot',
    timeoutMs: 60_000,
    dryRun: false,
    ...over,
  };
}

const standard = () => ({
  apiKey: KEY,
  collections: { memories: { status: 'green' as const, points: 12 } },
  snapshots: { [SNAPSHOT]: { points: 1500, checksum: CHECKSUM } },
});

describe('Qdrant recovery', () => {
  it('recovers through PUT /collections/{name}/snapshots/recover?wait=true, then confirms the status and points', async () => {
    qdrant = await startQdrant(standard());
    const context = testContext();
    const result = await recoverQdrant(configFor(), context);

    expect(result).toMatchObject({
      status: 'recovered',
      before: { status: 'green', points: 12 },
      after: { status: 'green', points: 1500 },
    });
    expect(qdrant.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /collections/memories',
      'PUT /collections/memories/snapshots/recover?wait=true',
      'GET /collections/memories',
    ]);
    const recover = qdrant.recovers[0];
    expect(JSON.parse(recover?.body ?? '')).toEqual({
      location: SNAPSHOT,
      priority: 'snapshot',
      checksum: CHECKSUM,
    });
    expect(recover?.headers['api-key']).toBe(KEY);
    expect(recover?.headers['content-type']).toBe('application/json');
  });

  it('creates a collection that does not exist yet with priority snapshot, but refuses to try with replica', async () => {
    qdrant = await startQdrant({ ...standard(), collections: {} });
    const created = await recoverQdrant(configFor(), testContext());
    expect(created).toMatchObject({ status: 'recovered', before: 'missing', after: { points: 1500 } });

    qdrant.collections.clear();
    qdrant.requests.length = 0;
    const refused = await recoverQdrant(configFor({ priority: 'replica' }), testContext());
    expect(refused.status).toBe('failed');
    expect(refused.failure).toBe(
      "Qdrant collection 'memories' does not exist yet, and a new collection can only be recovered with priority snapshot. Set qdrant-priority: snapshot (the default)",
    );
    expect(qdrant.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('never repeats the recover call after a server error, and says what to check', async () => {
    qdrant = await startQdrant({
      ...standard(),
      recoverAnswer: {
        status: 500,
        body: { status: { error: 'Service internal error: disk full' }, time: 0.1 },
      },
    });
    const result = await recoverQdrant(configFor(), testContext());
    expect(result.status).toBe('failed');
    expect(qdrant.recovers).toHaveLength(1);
    expect(result.failure).toBe(
      "recover Qdrant collection 'memories' from its snapshot failed: HTTP 500: Service internal error: disk full. Qdrant had an error: check its logs, and the collection, before running again",
    );
  });

  it("passes on Qdrant's checksum refusal with a hint naming the inputs", async () => {
    qdrant = await startQdrant(standard());
    const result = await recoverQdrant(configFor({ checksum: 'b'.repeat(64) }), testContext());
    expect(result.status).toBe('failed');
    expect(result.failure).toMatch(
      /HTTP 400: Bad request: Snapshot checksum mismatch: .*\. Check qdrant-snapshot \(the Qdrant server itself must be able to read it\), qdrant-checksum and qdrant-priority$/,
    );
    expect(qdrant.collections.get('memories')).toEqual({ status: 'green', points: 12 });
  });

  it('fails when the collection is red after the recovery', async () => {
    qdrant = await startQdrant({ ...standard(), statusAfterRecovery: 'red' });
    const result = await recoverQdrant(configFor(), testContext());
    expect(result).toMatchObject({ status: 'failed', after: { status: 'red' } });
    expect(result.failure).toMatch(/is red after the recovery/);
  });

  it('in a dry run only reads the collection', async () => {
    qdrant = await startQdrant(standard());
    const result = await recoverQdrant(configFor({ dryRun: true }), testContext());
    expect(result).toMatchObject({ status: 'planned', before: { points: 12 } });
    expect(qdrant.requests.map((r) => r.method)).toEqual(['GET']);
  });
});

describe('the restore-db action with Qdrant', () => {
  const inputs = (url: string, extra: Record<string, string> = {}) => ({
    'qdrant-url': url,
    'qdrant-collection': 'memories',
    'qdrant-snapshot': SNAPSHOT,
    'qdrant-checksum': CHECKSUM,
    'qdrant-api-key': KEY,
    ...extra,
  });

  it('recovers a collection alone, with the key nowhere in outputs, summary, report or log', async () => {
    qdrant = await startQdrant(standard());
    const host = memoryHost({ RUNNER_TEMP: tempDir() });
    const outcome = await executeAction(restoreDbAction, inputs(qdrant.url), host, testDeps());
    expect(outcome.exitCode).toBe(0);
    expect(host.outputs).toMatchObject({
      status: 'restored',
      'qdrant-status': 'recovered',
      'qdrant-points': '1500',
      'restored-from': '',
      'pre-restore': '',
    });
    const report = readFileSync(host.outputs.report as string, 'utf8');
    expect(JSON.parse(report)).toMatchObject({
      qdrant: { status: 'recovered', after: { points: 1500 } },
      sqlite: null,
    });
    const everything = [
      report,
      host.summaries.join(''),
      host.log.lines.join('\n'),
      JSON.stringify(host.outputs),
    ].join('\n');
    expect(everything).not.toContain(KEY);
    expect(host.masked).toContain(KEY);
    expect(host.summaries.join('')).toContain('### Qdrant');
  });

  it('keeps the signature of a presigned snapshot URL out of everything it writes', async () => {
    const signed =
      'https://bucket.s3.amazonaws.com/memories.snapshot?X-Amz-Signature=deadbeefcafe0123&X-Amz-Expires=600';
    qdrant = await startQdrant({ ...standard(), snapshots: { [signed]: { points: 7, checksum: CHECKSUM } } });
    const host = memoryHost({ RUNNER_TEMP: tempDir() });
    const outcome = await executeAction(
      restoreDbAction,
      inputs(qdrant.url, { 'qdrant-snapshot': signed }),
      host,
      testDeps(),
    );
    expect(outcome.exitCode).toBe(0);
    expect(JSON.parse(qdrant.recovers[0]?.body ?? '').location).toBe(signed);
    const report = readFileSync(host.outputs.report as string, 'utf8');
    for (const text of [report, host.summaries.join(''), host.log.lines.join('\n')]) {
      expect(text).not.toContain('deadbeefcafe0123');
    }
    expect(host.summaries.join('')).toContain('https://bucket.s3.amazonaws.com/memories.snapshot?…');
  });

  it('does not touch the SQLite database when Qdrant refuses the key', async () => {
    qdrant = await startQdrant({ ...standard(), apiKey: 'the-real-key' });
    const { data, backups, live } = await runbookLayout(tempDir());
    const before = folderState(data);
    const host = memoryHost({ RUNNER_TEMP: tempDir() });
    const outcome = await executeAction(
      restoreDbAction,
      inputs(qdrant.url, { database: live, 'backup-dir': backups }),
      host,
      testDeps(),
    );
    expect(outcome.exitCode).toBe(1);
    expect(host.outputs).toMatchObject({ status: 'failed', 'qdrant-status': 'failed', 'restored-from': '' });
    expect(outcome.failure).toBe(
      "restore-db: Qdrant: read Qdrant collection 'memories' failed: HTTP 401: Invalid api-key. Qdrant refused the key: check qdrant-api-key; nothing was restored, the SQLite database was not touched either",
    );
    expect(folderState(data)).toEqual(before);
    expect(qdrant.recovers).toHaveLength(0);
  });

  it('restores SQLite, then recovers Qdrant; and skips Qdrant when the SQLite restore fails', async () => {
    qdrant = await startQdrant(standard());
    const { backups, live } = await runbookLayout(tempDir());
    const host = memoryHost({ RUNNER_TEMP: tempDir() });
    const both = await executeAction(
      restoreDbAction,
      inputs(qdrant.url, { database: live, 'backup-dir': backups }),
      host,
      testDeps(),
    );
    expect(both.exitCode).toBe(0);
    expect(host.outputs).toMatchObject({ status: 'restored', integrity: 'ok', 'qdrant-status': 'recovered' });

    qdrant.requests.length = 0;
    const failing = memoryHost({ RUNNER_TEMP: tempDir() });
    const outcome = await executeAction(
      restoreDbAction,
      inputs(qdrant.url, { database: live, 'backup-dir': backups, 'expect-tables': 'no_such_table' }),
      failing,
      testDeps(),
    );
    expect(outcome.exitCode).toBe(1);
    expect(failing.outputs).toMatchObject({ status: 'failed', 'qdrant-status': 'skipped' });
    expect(qdrant.requests.map((r) => r.method)).toEqual(['GET']);
    expect(failing.summaries.join('')).toMatch(
      /⚠️ \*\*skipped\*\*: not attempted, because the SQLite restore failed/,
    );
  });
});
