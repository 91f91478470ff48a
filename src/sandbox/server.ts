/**
 * The base of every sandbox server (simulated Railway, Render, Fly, the demo app): a real HTTP server
 * on 127.0.0.1 that records every request and can inject the faults real providers produce — 429 with
 * Retry-After, bursts of 5xx, slow answers, reset connections — before the simulated API answers.
 *
 * Sandboxes take a Clock: state that changes over time (a rollback going from building to live) is
 * read off it, so tests drive time with a ManualClock shared with the client, and drills use the
 * system clock.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SandboxRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
  /** Whether a fault answered it instead of the simulated API. */
  faulted?: Fault['kind'];
}

export interface SandboxResponse {
  status: number;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
  headers?: Record<string, string>;
}

export type SandboxHandler = (request: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

export interface Fault {
  /** 'answer': the `answer` function's response instead of the simulated API's (an echoing proxy). */
  kind: 'rate-limit' | 'server-error' | 'slow' | 'reset' | 'answer';
  /** Which requests it hits; all when absent. */
  when?: (request: SandboxRequest) => boolean;
  /** How many matching requests it hits before it is used up (default 1). */
  times?: number;
  /** rate-limit: the Retry-After header in seconds (omitted when undefined). */
  retryAfterSeconds?: number;
  /** server-error: the status (default 503). */
  status?: number;
  /** slow: real milliseconds to wait before answering normally. */
  delayMs?: number;
  /** answer: the response to send. */
  answer?: (request: SandboxRequest) => SandboxResponse;
}

export class SandboxServer {
  /** Every request received, in order, faulted ones included. */
  readonly requests: SandboxRequest[] = [];
  private readonly faults: (Fault & { left: number })[] = [];
  private server?: http.Server;
  url = '';

  constructor(private readonly handler: SandboxHandler) {}

  /** Queues a fault; faults are checked in the order they were injected. */
  inject(fault: Fault): this {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
    return this;
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  async start(port = 0): Promise<string> {
    this.server = http.createServer((raw, response) => {
      const chunks: Buffer[] = [];
      raw.on('data', (chunk: Buffer) => chunks.push(chunk));
      raw.on('end', () => {
        void this.handle(raw, Buffer.concat(chunks).toString('utf8'), response);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  private async handle(
    raw: http.IncomingMessage,
    body: string,
    response: http.ServerResponse,
  ): Promise<void> {
    const url = new URL(raw.url ?? '/', 'http://sandbox');
    const request: SandboxRequest = {
      method: raw.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: raw.headers,
      body,
    };
    try {
      request.json = body ? JSON.parse(body) : undefined;
    } catch {
      request.json = undefined;
    }
    this.requests.push(request);

    const fault = this.faults.find((f) => f.left > 0 && (!f.when || f.when(request)));
    if (fault) {
      fault.left -= 1;
      request.faulted = fault.kind;
      if (fault.kind === 'reset') {
        response.socket?.destroy();
        return;
      }
      if (fault.kind === 'rate-limit') {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
        return send(response, { status: 429, body: { error: 'rate limit exceeded' }, headers });
      }
      if (fault.kind === 'answer' && fault.answer) return send(response, fault.answer(request));
      if (fault.kind === 'server-error') {
        return send(response, {
          status: fault.status ?? 503,
          body: '<html><body>upstream error</body></html>',
        });
      }
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 100));
    }

    try {
      send(response, await this.handler(request));
    } catch (error) {
      send(response, {
        status: 500,
        body: { error: error instanceof Error ? error.message : String(error) },
      });
    }
  }
}

/**
 * A simulated API (a provider, the demo app) on its own SandboxServer: it answers through `handle`,
 * and starts and stops with its server.
 */
export abstract class SimulatedApi {
  readonly server: SandboxServer = new SandboxServer((request) => this.handle(request));

  async start(): Promise<void> {
    await this.server.start();
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }

  protected abstract handle(request: SandboxRequest): SandboxResponse | Promise<SandboxResponse>;
}

function send(response: http.ServerResponse, answer: SandboxResponse): void {
  if (response.destroyed) return;
  const isText = typeof answer.body === 'string';
  const headers = {
    'content-type': isText ? 'text/html; charset=utf-8' : 'application/json',
    ...answer.headers,
  };
  response.writeHead(answer.status, headers);
  response.end(
    answer.body === undefined ? '' : isText ? (answer.body as string) : JSON.stringify(answer.body),
  );
}

/** The bearer token of a request ('Authorization: Bearer x'), or undefined. */
export function bearerToken(request: SandboxRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^(?:Bearer|FlyV1)\s+(.+)$/i.exec(header) : null;
  return match?.[1];
}
