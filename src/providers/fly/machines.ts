/**
 * Fly.io's Machines API (https://api.machines.dev/v1), the calls a rollback makes: list and get
 * machines, take / refresh / look up / release a machine's lease, update a machine's config, and
 * wait for a machine version to reach a state. Every answer is checked against the zod schemas in
 * schemas.ts.
 *
 * The client is a `RestApi` (core/rest.ts) that knows Fly's error body and hints: a new operation
 * is one `request(method, path, {query, body, schema})`, in a new file too. HTTP behaviour
 * (timeouts, retries of reads, Retry-After on 429, mutating requests retried only when provably not
 * sent) is the HttpClient's; secrets are removed by the errors themselves.
 */
import { ProviderError, type Redactor } from '../../core/errors.js';
import { bodyField, type ErrorStyle } from '../../core/http-errors.js';
import type { HttpClient } from '../../core/http.js';
import { RestApi } from '../../core/rest.js';
import {
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
  secrets?: Redactor;
}

export type WaitResult = 'reached' | 'timeout';

/** Fly's `{error: "..."}` bodies give the reason; a lease conflict gets a hint of its own. */
export const FLY_MACHINES_ERRORS: ErrorStyle = {
  reason: bodyField('error'),
  hint: (status, said) =>
    status === 409 || status === 412 || /lease/i.test(said)
      ? 'Another deploy or rollback holds this machine (its lease); wait until it has finished, or see `fly machine leases view`'
      : undefined,
};

export class FlyMachinesApi extends RestApi {
  constructor(
    http: HttpClient,
    private readonly options: FlyMachinesOptions,
  ) {
    super({
      http,
      baseUrl: options.url,
      headers: { authorization: options.authorization },
      secrets: options.secrets,
      errors: FLY_MACHINES_ERRORS,
    });
  }

  get app(): string {
    return this.options.app;
  }

  /** '/apps/demo/machines/1781…' (for messages and dry-run plans). */
  path(machineId?: string, suffix = ''): string {
    const app = `/apps/${encodeURIComponent(this.options.app)}/machines`;
    return machineId ? `${app}/${encodeURIComponent(machineId)}${suffix}` : app;
  }

  async list(deadline?: number): Promise<FlyMachine[]> {
    return this.request('GET', this.path(), {
      schema: flyMachineListSchema,
      what: 'Fly machines response',
      purpose: `list the machines of Fly app '${this.options.app}'`,
      deadline,
    });
  }

  async get(machineId: string, deadline?: number): Promise<FlyMachine> {
    return this.request('GET', this.path(machineId), {
      schema: flyMachineSchema,
      what: 'Fly machine response',
      purpose: `get Fly machine ${machineId}`,
      deadline,
    });
  }

  /** The machine's current lease, or undefined when nobody holds one (404). */
  async findLease(machineId: string, deadline?: number): Promise<FlyLease | undefined> {
    const request = {
      schema: flyLeaseResponseSchema,
      what: 'Fly lease response',
      purpose: `look up the lease of Fly machine ${machineId}`,
      deadline,
    };
    const response = await this.send('GET', this.path(machineId, '/lease'), request);
    if (response.status === 404) return undefined;
    // Whether it has expired is the caller's call: it has the clock.
    return leaseFromResponse(this.read(response, request));
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
    const request = {
      query: { ttl: String(options.ttlSeconds) },
      headers: nonceHeader(options.nonce),
      body: { ttl: options.ttlSeconds, description: options.description },
      schema: flyLeaseResponseSchema,
      what: 'Fly lease response',
      purpose: `${options.nonce ? 'extend' : 'take'} the lease of Fly machine ${machineId}`,
      deadline: options.deadline,
    };
    const response = await this.send('POST', this.path(machineId, '/lease'), request);
    const lease = leaseFromResponse(this.read(response, request));
    if (!lease) {
      throw new ProviderError(`${request.purpose}: the answer holds no lease nonce (data.nonce)`, {
        status: response.status,
        retryable: false,
        hint: 'Check that `api-url` points at the Fly Machines API',
      });
    }
    return lease;
  }

  /** Releases a lease we hold. A lease that already expired (404) is released as far as we care. */
  async releaseLease(machineId: string, nonce: string, deadline?: number): Promise<'released' | 'expired'> {
    const request = { purpose: `release the lease of Fly machine ${machineId}`, deadline };
    const response = await this.send('DELETE', this.path(machineId, '/lease'), {
      ...request,
      headers: nonceHeader(nonce),
    });
    if (response.status === 404) return 'expired';
    this.expectOk(response, request);
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
    return this.request('POST', this.path(machineId), {
      headers: nonceHeader(options.nonce),
      body: { config: options.config, ...(options.skipLaunch ? { skip_launch: true } : {}) },
      schema: flyMachineSchema,
      what: 'Fly machine update response',
      purpose: `update Fly machine ${machineId}`,
      deadline: options.deadline,
      // The API answers once the new version is set up; pulling an image can take a while.
      policy: { timeoutMs: 90_000 },
    });
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
    const request = {
      query,
      purpose: `wait for Fly machine ${machineId} to be ${options.state}`,
      deadline: options.deadline,
      // The server holds the request for up to `seconds`; give the answer time to arrive.
      policy: { timeoutMs: (seconds + 15) * 1000 },
    };
    const response = await this.send('GET', this.path(machineId, '/wait'), request);
    if (response.status === 408) return 'timeout';
    this.expectOk(response, request);
    return 'reached';
  }
}

/** The header that proves a request comes from the lease holder, when we hold one. */
function nonceHeader(nonce: string | undefined): Record<string, string> {
  return nonce ? { [LEASE_NONCE_HEADER]: nonce } : {};
}
