/**
 * A real HTTP server on 127.0.0.1 and a random port, for tests. It records every request (method,
 * path, headers, body) and answers with the handler's response.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Handler = (
  request: RecordedRequest,
  response: http.ServerResponse,
  raw: http.IncomingMessage,
) => void | Promise<void>;

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((raw, response) => {
    const chunks: Buffer[] = [];
    raw.on('data', (chunk: Buffer) => chunks.push(chunk));
    raw.on('end', () => {
      const recorded: RecordedRequest = {
        method: raw.method ?? 'GET',
        url: raw.url ?? '/',
        path: (raw.url ?? '/').split('?')[0] as string,
        headers: raw.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded, response, raw)).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export interface CannedAnswer {
  status: number;
  /** A string is sent as an HTML page (what a proxy or a wrong URL answers); anything else as JSON. */
  body: unknown;
}

/** A server that answers each request with what `answer` returns for it (read at each request). */
export function startAnswering(answer: (request: RecordedRequest) => CannedAnswer): Promise<TestServer> {
  return startServer((request, response) => {
    const { status, body } = answer(request);
    if (typeof body !== 'string') return sendJson(response, status, body);
    response.writeHead(status, { 'content-type': 'text/html' });
    response.end(body);
  });
}
