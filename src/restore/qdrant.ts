/**
 * Qdrant collection recovery from a snapshot, through Qdrant's REST API:
 * - `GET /collections/{name}` first: the server answers, the key works, and the collection's state
 *   before (a missing collection is fine: recovery creates it, but only with priority `snapshot`);
 * - `PUT /collections/{name}/snapshots/recover?wait=true` with `{location, priority, checksum}`:
 *   Qdrant fetches the snapshot itself (a URL, or a file:// path on the Qdrant server), checks the
 *   checksum, and replaces the collection's data. It is a mutating call: never retried after it may
 *   have reached the server (the core HttpClient's rule), with a timeout of its own;
 * - `GET /collections/{name}` again: the collection answers, with its status and point count.
 * Answers are `{"result": ..., "status": "ok", "time": ...}`; errors `{"status": {"error": "..."}}`.
 */
import { z } from 'zod';
import type { Logger } from '../core/action.js';
import type { Clock } from '../core/clock.js';
import { describeThrown, ProviderError } from '../core/errors.js';
import { parseJson, type HttpClient, type HttpResponse } from '../core/http.js';
import { parseResponse } from '../core/response.js';
import type { Secrets } from '../core/secrets.js';

export const QDRANT_PRIORITIES = ['snapshot', 'replica', 'no_sync'] as const;
export type QdrantPriority = (typeof QDRANT_PRIORITIES)[number];

export interface QdrantConfig {
  url: URL;
  collection: string;
  /** Where Qdrant reads the snapshot: an http(s) URL, or a file:// path on the Qdrant server. */
  snapshot: URL;
  /** The snapshot's sha256, checked by Qdrant before it recovers. */
  checksum?: string;
  apiKey?: string;
  priority: QdrantPriority;
  /** How long the recover call may take (Qdrant answers when the recovery is done). */
  timeoutMs: number;
  dryRun: boolean;
}

export interface CollectionState {
  /** green, yellow, grey or red. */
  status: string;
  points?: number;
  segments?: number;
}

export type QdrantStatus = 'recovered' | 'planned' | 'failed' | 'skipped';

export interface QdrantResult {
  status: QdrantStatus;
  collection: string;
  /** The snapshot location as shown (without a query string, which may hold a signature). */
  snapshot: string;
  priority: QdrantPriority;
  /** The collection before the recovery ('missing': it does not exist yet). */
  before?: CollectionState | 'missing';
  after?: CollectionState;
  failure?: string;
  durationMs: number;
}

export interface QdrantDeps {
  http: HttpClient;
  clock: Clock;
  log: Logger;
  secrets?: Secrets;
}

const collectionAnswer = z.object({
  result: z.object({
    status: z.string(),
    points_count: z.number().nullish(),
    segments_count: z.number().nullish(),
  }),
});

const recoverAnswer = z.object({ result: z.unknown() });

/** `https://bucket.s3.../snap.snapshot?X-Amz-Signature=...` → `https://bucket.s3.../snap.snapshot?…`. */
export function displayLocation(location: URL): string {
  if (location.protocol === 'file:') return location.href;
  return `${location.origin}${location.pathname}${location.search ? '?…' : ''}`;
}

function endpoint(config: QdrantConfig, suffix: string): URL {
  const base = config.url.href.endsWith('/') ? config.url.href : `${config.url.href}/`;
  return new URL(`collections/${encodeURIComponent(config.collection)}${suffix}`, base);
}

function headers(config: QdrantConfig): Record<string, string> {
  return config.apiKey ? { 'api-key': config.apiKey } : {};
}

/** The collection's state, or 'missing'. Throws a ProviderError when Qdrant cannot be asked. */
export async function inspectCollection(
  config: QdrantConfig,
  deps: Pick<QdrantDeps, 'http' | 'secrets'>,
): Promise<CollectionState | 'missing'> {
  const purpose = `read Qdrant collection '${config.collection}'`;
  const response = await deps.http.send({ url: endpoint(config, ''), headers: headers(config), purpose });
  if (response.status === 404) return 'missing';
  expectQdrantOk(response, purpose, deps.secrets);
  const answer = parseJson(response, purpose, deps.secrets);
  const info = parseResponse(collectionAnswer, answer, `Qdrant collection answer`, deps.secrets).result;
  return {
    status: info.status,
    points: info.points_count ?? undefined,
    segments: info.segments_count ?? undefined,
  };
}

/**
 * Checks, without changing anything, that the recovery can be asked for: Qdrant answers, the key is
 * accepted, and a missing collection comes with priority `snapshot`. Returns the collection's state.
 */
export async function preflightQdrant(
  config: QdrantConfig,
  deps: Pick<QdrantDeps, 'http' | 'secrets'>,
): Promise<CollectionState | 'missing'> {
  const before = await inspectCollection(config, deps);
  if (before === 'missing' && config.priority !== 'snapshot') {
    throw new ProviderError(
      `Qdrant collection '${config.collection}' does not exist yet, and a new collection can only be recovered with priority snapshot`,
      { retryable: false, hint: 'Set qdrant-priority: snapshot (the default)' },
    );
  }
  return before;
}

/** Recovers the collection (or, in a dry run, says what it would do). Never throws. */
export async function recoverQdrant(
  config: QdrantConfig,
  deps: QdrantDeps,
  known?: CollectionState | 'missing',
): Promise<QdrantResult> {
  const started = deps.clock.now();
  const result: QdrantResult = {
    status: 'failed',
    collection: config.collection,
    snapshot: displayLocation(config.snapshot),
    priority: config.priority,
    durationMs: 0,
  };
  const finish = (status: QdrantStatus, failure?: string): QdrantResult => {
    result.status = status;
    if (failure) result.failure = failure;
    result.durationMs = deps.clock.now() - started;
    return result;
  };
  try {
    result.before = known ?? (await preflightQdrant(config, deps));
    if (config.dryRun) {
      deps.log.info(
        `restore-db: dry run: would recover Qdrant collection '${config.collection}' from ${result.snapshot}; nothing was changed`,
      );
      return finish('planned');
    }
    const purpose = `recover Qdrant collection '${config.collection}' from its snapshot`;
    deps.log.info(`restore-db: ${purpose} (${result.snapshot}, priority ${config.priority})`);
    const response = await deps.http.send({
      method: 'PUT',
      url: endpoint(config, '/snapshots/recover?wait=true'),
      headers: headers(config),
      body: {
        location: config.snapshot.href,
        priority: config.priority,
        ...(config.checksum ? { checksum: config.checksum } : {}),
      },
      purpose,
      policy: { timeoutMs: config.timeoutMs },
    });
    expectQdrantOk(response, purpose, deps.secrets);
    const answer = recoverAnswer.safeParse(parseJson(response, purpose, deps.secrets));
    if (!answer.success || answer.data.result === false) {
      return finish(
        'failed',
        `${purpose}: Qdrant did not confirm the recovery (answer: ${excerpt(response.text)}). Check the collection in Qdrant before running again`,
      );
    }
    const after = await inspectCollection(config, deps);
    if (after === 'missing') {
      return finish(
        'failed',
        `Qdrant collection '${config.collection}' is missing after the recovery. Check the Qdrant logs`,
      );
    }
    result.after = after;
    if (after.status === 'red') {
      return finish(
        'failed',
        `Qdrant collection '${config.collection}' is red after the recovery (some operations failed). Check the Qdrant logs`,
      );
    }
    deps.log.info(
      `restore-db: Qdrant collection '${config.collection}' recovered: ${after.status}, ${after.points ?? 'unknown'} points`,
    );
    return finish('recovered');
  } catch (error) {
    return finish('failed', describeThrown(error));
  }
}

/** Like the core expectOk, with Qdrant's own error text and hints that name this action's inputs. */
function expectQdrantOk(response: HttpResponse, purpose: string, secrets?: Secrets): void {
  if (response.status >= 200 && response.status < 300) return;
  let detail = excerpt(response.text);
  try {
    const error = (JSON.parse(response.text) as { status?: { error?: unknown } }).status?.error;
    if (typeof error === 'string') detail = error;
  } catch {
    // not JSON: keep the excerpt
  }
  const message = `${purpose} failed: HTTP ${response.status}${detail ? `: ${detail}` : ''}`;
  throw new ProviderError(secrets?.redact(message) ?? message, {
    status: response.status,
    retryable: response.status >= 500 || response.status === 429,
    hint: qdrantHint(response.status),
  });
}

function qdrantHint(status: number): string | undefined {
  if (status === 401 || status === 403) return 'Qdrant refused the key: check qdrant-api-key';
  if (status === 404) return 'Check qdrant-url and qdrant-collection';
  if (status === 400 || status === 422)
    return 'Check qdrant-snapshot (the Qdrant server itself must be able to read it), qdrant-checksum and qdrant-priority';
  if (status >= 500) return 'Qdrant had an error: check its logs, and the collection, before running again';
  return undefined;
}

function excerpt(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}
