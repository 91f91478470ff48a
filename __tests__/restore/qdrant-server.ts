/**
 * A local server that speaks the part of Qdrant's REST API that restore-db uses, with Qdrant's own
 * answer shapes: `{"result": ..., "status": "ok", "time": ...}`, and errors as
 * `{"status": {"error": "..."}, "time": ...}`. Snapshots are known by location; recovering one
 * replaces the collection's points, as Qdrant does.
 */
import type http from 'node:http';
import {
  sendJson,
  startServer,
  type RecordedRequest,
  type TestServer,
} from '../../__fixtures__/http-server.js';

export interface Collection {
  status: 'green' | 'yellow' | 'grey' | 'red';
  points: number;
}

export interface QdrantOptions {
  apiKey?: string;
  collections?: Record<string, Collection>;
  /** Snapshot location → its points and sha256. */
  snapshots?: Record<string, { points: number; checksum: string }>;
  /** Answer every recover call with this instead. */
  recoverAnswer?: { status: number; body: unknown };
  /** The status a recovered collection has. */
  statusAfterRecovery?: Collection['status'];
}

export interface FakeQdrant extends TestServer {
  collections: Map<string, Collection>;
  recovers: RecordedRequest[];
}

const error = (response: http.ServerResponse, status: number, message: string) =>
  sendJson(response, status, { status: { error: message }, time: 0.000012 });

export async function startQdrant(options: QdrantOptions = {}): Promise<FakeQdrant> {
  const collections = new Map(Object.entries(options.collections ?? {}));
  const recovers: RecordedRequest[] = [];
  const server = await startServer((request, response) => {
    if (options.apiKey && request.headers['api-key'] !== options.apiKey) {
      return error(response, 401, 'Invalid api-key');
    }
    const match = /^\/collections\/([^/]+)(\/snapshots\/recover)?$/.exec(request.path);
    if (!match) return error(response, 404, `Not found: ${request.path}`);
    const name = decodeURIComponent(match[1] as string);
    if (!match[2] && request.method === 'GET') {
      const collection = collections.get(name);
      if (!collection) return error(response, 404, `Not found: Collection \`${name}\` doesn't exist!`);
      return sendJson(response, 200, {
        result: {
          status: collection.status,
          optimizer_status: 'ok',
          indexed_vectors_count: 0,
          points_count: collection.points,
          segments_count: 2,
          config: { params: { vectors: { size: 4, distance: 'Cosine' } } },
          payload_schema: {},
        },
        status: 'ok',
        time: 0.000031,
      });
    }
    if (match[2] && request.method === 'PUT') {
      recovers.push(request);
      if (options.recoverAnswer)
        return sendJson(response, options.recoverAnswer.status, options.recoverAnswer.body);
      const body = JSON.parse(request.body) as { location: string; priority?: string; checksum?: string };
      const snapshot = options.snapshots?.[body.location];
      if (!snapshot)
        return error(response, 400, `Bad request: Snapshot file ${body.location} does not exist`);
      if (body.checksum && body.checksum !== snapshot.checksum) {
        return error(
          response,
          400,
          `Bad request: Snapshot checksum mismatch: expected ${body.checksum}, got ${snapshot.checksum}`,
        );
      }
      collections.set(name, { status: options.statusAfterRecovery ?? 'green', points: snapshot.points });
      return sendJson(response, 200, { result: true, status: 'ok', time: 0.84 });
    }
    return error(response, 405, 'Method not allowed');
  });
  return Object.assign(server, { collections, recovers });
}
