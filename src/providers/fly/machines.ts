/**
 * Fly.io's Machines API (https://api.machines.dev/v1), the calls a rollback makes: list and get
 * machines, take / refresh / look up / release a machine's lease, update a machine's config, and
 * wait for a machine version to reach a state. Every answer is checked against the zod schemas in
 * schemas.ts. HTTP behaviour (timeouts, retries of reads, Retry-After on 429, mutating requests
 * retried only when provably not sent, redaction) is the shared HttpClient's.
 */
import { ProviderError } from '../../core/errors.js';
import { parseJson, statusHint, type HttpClient, type HttpResponse } from '../../core/http.js';
import type { z } from 'zod';
import { parseResponse } from '../../core/response.js';
import type { Secrets } from '../../core/secrets.js';
import {
  flyErrorSchema,
  flyLeaseResponseSchema,
  flyMachineListSchema,
  flyMachineSchema,
  leaseFromResponse,
  type FlyLease,
  type FlyMachine,
  type FlyMachineConfig,
} from './schemas.js';

export const FLY_MACHINES_URL = 'https://api.machines.dev/v1';

/** The header that proves a request comes from the lease holder. */
export const LEASE_NONCE_HEADER = 'fly-machine-lease-nonce';

/** The wait endpoint blocks for at most this long per call (the API rejects more). */
export const MAX_WAIT_SECONDS = 60;

export interface FlyMachinesOptions {
  url: string;
  app: string;
  authorization: string;
  secrets?: Secrets;
}

export type WaitResult = 'reached' | 'timeout';

export class FlyMachinesApi {
  constructor(
    private readonly http: HttpClient,
    private readonly options: FlyMachinesOptions,
  ) {}

  get app(): string {
    return this.options.app;
  }

  /** '/apps/demo/machines/1781…' (for messages and dry-run plans). */
  path(machineId?: string, suffix = ''): string {
    const app = `/apps/${encodeURIComponent(this.options.app)}/machines`;
    return machineId ? `${app}/${encodeURIComponent(machineId)}${suffix}` : app;
  }

  private url(path: string, query?: Record<string, string>): string {
    const base = this.options.url.replace(/\/+$/, '');
    const search = query ? `?${new URLSearchParams(query).toString()}` : '';
    return `${base}${path}${search}`;
  }

  private headers(nonce?: string): Record<string, string> {
    const headers: Record<string, string> = { authorization: this.options.authorization };
    if (nonce) headers[LEASE_NONCE_HEADER] = nonce;
    return headers;
  }

  async list(deadline?: number): Promise<FlyMachine[]> {
    const purpose = `list the machines of Fly app '${this.options.app}'`;
    const response = await this.http.send({
      url: this.url(this.path()),
      headers: this.headers(),
      purpose,
      deadline,
    });
    return this.answer(response, purpose, flyMachineListSchema, 'Fly machines response');
  }

  async get(machineId: string, deadline?: number): Promise<FlyMachine> {
    const purpose = `get Fly machine ${machineId}`;
    const response = await this.http.send({
      url: this.url(this.path(machineId)),
      headers: this.headers(),
      purpose,
      deadline,
    });
    return this.answer(response, purpose, flyMachineSchema, 'Fly machine response');
  }

  /** The machine's current lease, or undefined when nobody holds one (404). */
  async findLease(machineId: string, deadline?: number): Promise<FlyLease | undefined> {
    const purpose = `look up the lease of Fly machine ${machineId}`;
    const response = await this.http.send({
      url: this.url(this.path(machineId, '/lease')),
      headers: this.headers(),
      purpose,
      deadline,
    });
    if (response.status === 404) return undefined;
    const body = this.answer(response, purpose, flyLeaseResponseSchema, 'Fly lease response');
    // Whether it has expired is the caller's call: it has the clock.
    return leaseFromResponse(body);
  }

  /**
   * Takes the machine's lease (or, with `nonce`, extends the one we hold). The TTL goes in the body,
   * as the published spec says, and in the query, as flyctl sends it: which one the API reads is
   * not documented, and both say the same.
   */
  async acquireLease(
    machineId: string,
    options: { ttlSeconds: number; description: string; nonce?: string; deadline?: number },
  ): Promise<FlyLease> {
    const purpose = `${options.nonce ? 'extend' : 'take'} the lease of Fly machine ${machineId}`;
    const response = await this.http.send({
      method: 'POST',
      url: this.url(this.path(machineId, '/lease'), { ttl: String(options.ttlSeconds) }),
      headers: this.headers(options.nonce),
      body: { ttl: options.ttlSeconds, description: options.description },
      purpose,
      deadline: options.deadline,
    });
    const body = this.answer(response, purpose, flyLeaseResponseSchema, 'Fly lease response');
    const lease = leaseFromResponse(body);
    if (!lease) {
      throw new ProviderError(`${purpose}: the answer holds no lease nonce (data.nonce)`, {
        status: response.status,
        retryable: false,
        hint: 'Check that `api-url` points at the Fly Machines API',
      });
    }
    return lease;
  }

  /** Releases a lease we hold. A lease that already expired (404) is released as far as we care. */
  async releaseLease(machineId: string, nonce: string, deadline?: number): Promise<'released' | 'expired'> {
    const purpose = `release the lease of Fly machine ${machineId}`;
    const response = await this.http.send({
      method: 'DELETE',
      url: this.url(this.path(machineId, '/lease')),
      headers: this.headers(nonce),
      purpose,
      deadline,
    });
    if (response.status === 404) return 'expired';
    this.expectOk(response, purpose);
    return 'released';
  }

  /**
   * Replaces the machine's config (`UpdateMachineRequest`). `skipLaunch` keeps a stopped machine
   * stopped. Returns the machine as it is now, with its new `instance_id`.
   */
  async update(
    machineId: string,
    options: { config: FlyMachineConfig; nonce: string; skipLaunch: boolean; deadline?: number },
  ): Promise<FlyMachine> {
    const purpose = `update Fly machine ${machineId}`;
    const response = await this.http.send({
      method: 'POST',
      url: this.url(this.path(machineId)),
      headers: this.headers(options.nonce),
      body: { config: options.config, ...(options.skipLaunch ? { skip_launch: true } : {}) },
      purpose,
      deadline: options.deadline,
      // The API answers once the new version is set up; pulling an image can take a while.
      policy: { timeoutMs: 90_000 },
    });
    return this.answer(response, purpose, flyMachineSchema, 'Fly machine update response');
  }

  /**
   * Waits (server side, at most `timeoutSeconds` ≤ 60) for a machine version to reach `state`.
   * 'timeout' when it has not (HTTP 408); anything else unexpected is a ProviderError.
   */
  async wait(
    machineId: string,
    options: { instanceId?: string; state: 'started' | 'stopped'; timeoutSeconds: number; deadline?: number },
  ): Promise<WaitResult> {
    const seconds = Math.max(1, Math.min(MAX_WAIT_SECONDS, Math.floor(options.timeoutSeconds)));
    const query: Record<string, string> = { state: options.state, timeout: String(seconds) };
    // `instance_id` is what both spec versions accept (`version` is its newer name).
    if (options.instanceId) query.instance_id = options.instanceId;
    const purpose = `wait for Fly machine ${machineId} to be ${options.state}`;
    const response = await this.http.send({
      url: this.url(this.path(machineId, '/wait'), query),
      headers: this.headers(),
      purpose,
      deadline: options.deadline,
      // The server holds the request for up to `seconds`; give the answer time to arrive.
      policy: { timeoutMs: (seconds + 15) * 1000 },
    });
    if (response.status === 408) return 'timeout';
    this.expectOk(response, purpose);
    return 'reached';
  }

  /** A 2xx answer's body, checked against its schema; any other status is a ProviderError. */
  private answer<T>(response: HttpResponse, purpose: string, schema: z.ZodType<T>, what: string): T {
    this.expectOk(response, purpose);
    return parseResponse(
      schema,
      parseJson(response, purpose, this.options.secrets),
      what,
      this.options.secrets,
    );
  }

  /** Fly's `{error: "..."}` bodies give the reason; a lease conflict gets a hint of its own. */
  private expectOk(response: HttpResponse, purpose: string): void {
    if (response.status >= 200 && response.status < 300) return;
    const reason = errorText(response);
    const message = `${purpose} failed: HTTP ${response.status}${reason ? `: ${reason}` : ''}`;
    const leaseConflict = response.status === 409 || response.status === 412 || /lease/i.test(reason);
    throw new ProviderError(this.options.secrets?.redact(message) ?? message, {
      status: response.status,
      retryable: response.status >= 500 || response.status === 429,
      hint: leaseConflict
        ? 'Another deploy or rollback holds this machine (its lease); wait until it has finished, or see `fly machine leases view`'
        : statusHint(response.status),
    });
  }
}

function errorText(response: HttpResponse): string {
  try {
    const parsed = flyErrorSchema.safeParse(JSON.parse(response.text));
    if (parsed.success && parsed.data.error) return parsed.data.error.slice(0, 300);
  } catch {
    // not JSON: fall through to the raw excerpt
  }
  return response.text.replace(/\s+/g, ' ').trim().slice(0, 300);
}
