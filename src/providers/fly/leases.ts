/**
 * The machine leases a rollback holds. All of them are taken before anything changes (so a
 * concurrent deploy or rollback either holds one — and we change nothing — or sees ours), each is
 * extended when it would run out before its machine is done, and every one is released at the end,
 * also when something failed: a lease left behind blocks the next deploy until it expires.
 */
import type { Logger } from '../../core/action.js';
import type { Clock } from '../../core/clock.js';
import { describeThrown, ProviderError } from '../../core/errors.js';
import type { FlyMachinesApi } from './machines.js';
import type { FlyLease } from './schemas.js';

/** A lease with less than this left is extended before its machine is updated. */
const LEASE_MARGIN_MS = 60_000;

export class LeaseKeeper {
  private readonly held = new Map<string, FlyLease>();
  /** Leases that could not be released: reported, not fatal. */
  readonly warnings: string[] = [];

  constructor(
    private readonly api: FlyMachinesApi,
    private readonly options: {
      /** Marks our leases (a lease whose answer was lost is recognised as ours by it). */
      description: string;
      /** Leases last until then (and a little longer), so a crashed run frees them by itself. */
      deadline: number;
      clock: Clock;
      log: Logger;
    },
  ) {}

  get count(): number {
    return this.held.size;
  }

  /** Takes every lease, or none: when one is refused, those taken are released and the error thrown. */
  async takeAll(machineIds: string[]): Promise<void> {
    try {
      for (const id of machineIds) this.held.set(id, await this.take(id));
    } catch (error) {
      await this.releaseAll();
      throw error;
    }
  }

  /** Our lease of a machine, extended first when it would run out soon. */
  async fresh(machineId: string): Promise<FlyLease> {
    const lease = this.held.get(machineId);
    if (!lease)
      throw new ProviderError(`internal error: no lease held on machine ${machineId}`, { retryable: false });
    if (lease.expiresAt === undefined || lease.expiresAt - this.options.clock.now() > LEASE_MARGIN_MS)
      return lease;
    const extended = await this.api.acquireLease(machineId, { ...this.request(), nonce: lease.nonce });
    this.held.set(machineId, extended);
    return extended;
  }

  async release(machineId: string): Promise<void> {
    const lease = this.held.get(machineId);
    if (!lease) return;
    this.held.delete(machineId);
    try {
      // Released even past the deadline (no deadline on the request).
      await this.api.releaseLease(machineId, lease.nonce);
    } catch (error) {
      const until = lease.expiresAt ? ` at ${new Date(lease.expiresAt).toISOString()}` : '';
      const warning = `the lease of machine ${machineId} could not be released (${describeThrown(error)}); it expires by itself${until}`;
      this.warnings.push(warning);
      this.options.log.warning(`Fly.io: ${warning}`);
    }
  }

  async releaseAll(): Promise<void> {
    for (const id of [...this.held.keys()]) await this.release(id);
  }

  private request() {
    const left = Math.ceil((this.options.deadline - this.options.clock.now()) / 1000);
    return {
      ttlSeconds: Math.max(60, left + 30),
      description: this.options.description,
      deadline: this.options.deadline,
    };
  }

  private async take(machineId: string): Promise<FlyLease> {
    try {
      return await this.api.acquireLease(machineId, this.request());
    } catch (error) {
      // No answer (5xx, reset): the lease may have been created. If it is ours, its nonce is ours.
      const ambiguous = error instanceof ProviderError && (error.status === undefined || error.status >= 500);
      if (!ambiguous) throw error;
      const existing = await this.api.findLease(machineId, this.options.deadline).catch(() => undefined);
      if (existing?.description === this.options.description) return existing;
      if (existing) throw error;
      return this.api.acquireLease(machineId, this.request());
    }
  }
}
