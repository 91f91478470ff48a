/**
 * The Fly rollback itself: every machine of the app gets the target release's image, through the
 * Machines API, the way flyctl updates machines.
 *
 * 1. Take the lease of every machine to move, before changing anything (leases.ts): a concurrent
 *    deploy or rollback then either holds a lease (we change nothing and say who holds it), or sees
 *    ours and waits. Leases are released at the end — also when something fails.
 * 2. Per machine: read its config (under our lease, so it is current), send it back whole with only
 *    `image` replaced (config and secrets stay as they are), wait for the new version (`instance_id`)
 *    to start — `/wait` holds at most 60 s per call, so it is called in a loop up to the deadline —
 *    then poll the machine until its health checks pass. A stopped (auto-stopped or standby) machine
 *    is updated with `skip_launch` and only waited for to be stopped on the new version.
 * 3. `rolling`: one machine at a time, stopping at the first that fails; `immediate`: every update is
 *    sent first, one after the other without waiting, then all machines are waited for together.
 *    With `wait: false` the updates are sent and nothing is waited for.
 *
 * An update answered with a 5xx or a lost connection may or may not have been applied. It is not
 * blindly retried: the machine is read back (we hold its lease, so nobody else can have changed it)
 * and the update is sent again only when the read shows it did not happen.
 *
 * Each step is a method of one `Rollout`, which keeps what happened to every machine.
 */
import type { Logger } from '../../core/action.js';
import type { Clock, Sleep } from '../../core/clock.js';
import { describeThrown, ProviderError } from '../../core/errors.js';
import type { FlyMachinesApi } from './machines.js';
import { LeaseKeeper } from './leases.js';
import type { FlyMachine } from './schemas.js';
import { describeChecks, sameImage, shortImage } from './state.js';

export type Strategy = 'rolling' | 'immediate';

export interface RolloutOptions {
  api: FlyMachinesApi;
  /** The app's fleet as just read. */
  machines: FlyMachine[];
  targetImage: string;
  /** 'v2', for messages. */
  targetLabel: string;
  strategy: Strategy;
  /** Wait for each machine to start and pass its checks. */
  wait: boolean;
  /** Epoch ms. */
  deadline: number;
  /** The longest a started machine's checks may take to pass before it counts as failed. */
  healthTimeoutMs: number;
  /** Identifies this run's leases (a lease whose answer was lost can be recognised as ours). */
  runId: string;
  clock: Clock;
  sleep: Sleep;
  log: Logger;
}

export type MachineResult =
  /** Runs the target image, started (or stopped, if it was) and healthy. */
  | 'updated'
  /** The update was accepted; not waited for (`wait: false`). */
  | 'requested'
  /** Already ran the target image. */
  | 'skipped'
  | 'failed'
  /** Left as it was (a rolling update stopped before it). */
  | 'not-updated'
  /** The deadline came while waiting for it. */
  | 'timed-out';

export interface MachineOutcome {
  id: string;
  name?: string;
  region?: string;
  /** The image it ran before. */
  fromImage: string;
  result: MachineResult;
  /** Whether its config now has the target image (by this run). */
  moved: boolean;
  /** The new machine version, once the update was accepted. */
  instanceId?: string;
  detail?: string;
  checks?: string;
}

export interface RolloutOutcome {
  strategy: Strategy;
  targetImage: string;
  machines: MachineOutcome[];
  /** Why it stopped, when a machine failed. */
  failure?: string;
  timedOut: boolean;
  /** Leases that could not be released, and the like: reported, not fatal. */
  warnings: string[];
}

const STARTED_STATES = new Set(['started', 'starting', 'replacing']);
const DEAD_STATES = new Set(['failed', 'destroyed', 'destroying']);
const CHECK_POLL_FIRST_MS = 1_000;
const CHECK_POLL_MAX_MS = 5_000;
/** Attempts at an update whose answer was lost, each after proof that the last did not apply. */
const UPDATE_ATTEMPTS = 3;

class Timeout extends Error {}

/** An update the API accepted: the machine's new version, and whether it runs (or stays stopped). */
interface SentUpdate {
  instanceId: string;
  launched: boolean;
}

export function movedCount(outcome: RolloutOutcome): number {
  return outcome.machines.filter((m) => m.moved).length;
}

/** The machines a rollback to `targetImage` moves, in the order it moves them. */
export function machinesToMove(machines: FlyMachine[], targetImage: string): FlyMachine[] {
  // Started machines first: their health checks tell at once whether the old image works, before
  // a rolling update touches the rest.
  const started = (m: FlyMachine) => (STARTED_STATES.has(m.state) ? 0 : 1);
  return machines
    .filter((m) => !sameImage(m.config.image, targetImage))
    .sort((a, b) => started(a) - started(b) || a.id.localeCompare(b.id));
}

export async function rollOut(options: RolloutOptions): Promise<RolloutOutcome> {
  return new Rollout(options).run();
}

/** One rollout: the machines it moves, their leases, and what happened to each. */
class Rollout {
  private readonly toMove: FlyMachine[];
  private readonly outcome: RolloutOutcome;
  private readonly leases: LeaseKeeper;

  constructor(private readonly options: RolloutOptions) {
    this.toMove = machinesToMove(options.machines, options.targetImage);
    this.outcome = {
      strategy: options.strategy,
      targetImage: options.targetImage,
      timedOut: false,
      warnings: [],
      machines: [
        ...this.toMove.map((m) => startingOutcome(m, 'not-updated')),
        ...options.machines
          .filter((m) => !this.toMove.includes(m))
          .map((m) => ({ ...startingOutcome(m, 'skipped'), detail: 'already ran the target image' })),
      ],
    };
    this.leases = new LeaseKeeper(options.api, {
      description: `rollback-guard ${options.runId}: rolling back to ${options.targetLabel}`,
      deadline: options.deadline,
      clock: options.clock,
      log: options.log,
    });
  }

  async run(): Promise<RolloutOutcome> {
    const { options } = this;
    // 1. Every lease first: nothing has changed if one is refused.
    await this.leases.takeAll(this.toMove.map((m) => m.id));
    options.log.info(
      `Fly.io: holding the leases of ${this.leases.count} machine(s); moving them to ${shortImage(options.targetImage)} (${options.strategy})`,
    );
    try {
      // 3. One machine at a time (rolling, or not waiting), or every update first, then every wait.
      if (options.strategy === 'rolling' || !options.wait) await this.oneByOne();
      else await this.allAtOnce();
    } finally {
      await this.leases.releaseAll();
      this.outcome.warnings.push(...this.leases.warnings);
    }
    const failed = this.outcome.machines.find((m) => m.result === 'failed');
    if (failed)
      this.outcome.failure = `machine ${failed.id}${failed.region ? ` (${failed.region})` : ''} ${failed.detail ?? 'failed'}`;
    return this.outcome;
  }

  /** Each machine updated (and waited for) before the next; a rolling update stops at a failure. */
  private async oneByOne(): Promise<void> {
    for (const [index, machine] of this.toMove.entries()) {
      const ok = await this.step(this.position(index), machine);
      await this.leases.release(machine.id);
      if (!ok && this.options.strategy === 'rolling') break;
      if (this.outcome.timedOut) break;
    }
  }

  /** `immediate`: every update sent, one after the other, then every machine waited for together. */
  private async allAtOnce(): Promise<void> {
    const sent: (SentUpdate & { machine: FlyMachine })[] = [];
    for (const [index, machine] of this.toMove.entries()) {
      const update = await this.sendUpdate(this.position(index), machine);
      if (update) sent.push({ machine, ...update });
    }
    await Promise.all(
      sent.map(async ({ machine, instanceId, launched }) => {
        await this.settle(machine.id, instanceId, launched);
        await this.leases.release(machine.id);
      }),
    );
  }

  /** 2. Update, then (when waiting) start and health checks. True when the machine is done and fine. */
  private async step(position: string, machine: FlyMachine): Promise<boolean> {
    const update = await this.sendUpdate(position, machine);
    if (!update) return false;
    if (!this.options.wait) return true;
    return this.settle(machine.id, update.instanceId, update.launched);
  }

  /** Sends the update. Returns the new version, or undefined when the machine failed (recorded). */
  private async sendUpdate(position: string, machine: FlyMachine): Promise<SentUpdate | undefined> {
    const { api, log, deadline, targetImage } = this.options;
    const entry = this.record(machine.id);
    try {
      const lease = await this.leases.fresh(machine.id);
      const current = await api.get(machine.id, deadline);
      const launched = STARTED_STATES.has(current.state);
      log.info(
        `Fly.io: [${position}] machine ${machine.id}${machine.region ? ` (${machine.region})` : ''}: ${shortImage(current.config.image)} → ${shortImage(targetImage)}${launched ? '' : ` (${current.state}: stays ${current.state})`}`,
      );
      const updated = await this.applyUpdate(current, lease.nonce, launched);
      const instanceId = updated.instance_id ?? '';
      Object.assign(entry, { moved: true, instanceId, result: 'requested', detail: undefined });
      return { instanceId, launched };
    } catch (error) {
      Object.assign(entry, { result: 'failed', detail: `could not be updated: ${describeThrown(error)}` });
      log.warning(`Fly.io: machine ${machine.id} could not be updated: ${describeThrown(error)}`);
      return undefined;
    }
  }

  /**
   * The update itself: the config as read, with only the image replaced. An answer lost to a 5xx or
   * the network is settled by reading the machine back; the update is sent again only if it did not apply.
   */
  private async applyUpdate(current: FlyMachine, nonce: string, launched: boolean): Promise<FlyMachine> {
    const { api, log, deadline, targetImage } = this.options;
    for (let attempt = 1; ; attempt++) {
      try {
        return await api.update(current.id, {
          config: { ...current.config, image: targetImage },
          nonce,
          skipLaunch: !launched,
          deadline,
        });
      } catch (error) {
        const ambiguous =
          error instanceof ProviderError && (error.status === undefined || error.status >= 500);
        if (!ambiguous) throw error;
        const after = await api.get(current.id, deadline);
        // It did apply; the answer was lost.
        if (sameImage(after.config.image, targetImage) && after.instance_id !== current.instance_id)
          return after;
        if (attempt >= UPDATE_ATTEMPTS) throw error;
        log.info(
          `Fly.io: the update of machine ${current.id} did not apply (${describeThrown(error)}); sending it again`,
        );
      }
    }
  }

  /** Waits for the new version to start (or stop, when it was not running) and to pass its checks. */
  private async settle(machineId: string, instanceId: string, launched: boolean): Promise<boolean> {
    const entry = this.record(machineId);
    try {
      await this.waitForState(machineId, instanceId, launched ? 'started' : 'stopped');
      if (launched) await this.waitForChecks(machineId, instanceId, entry);
      Object.assign(entry, {
        result: 'updated',
        detail: launched ? 'started, checks passing' : 'updated, left stopped',
      });
      this.options.log.info(`Fly.io: machine ${machineId}: ${entry.detail} (${entry.checks ?? 'no checks'})`);
      return true;
    } catch (error) {
      if (error instanceof Timeout) {
        this.outcome.timedOut = true;
        Object.assign(entry, { result: 'timed-out', detail: error.message });
      } else {
        Object.assign(entry, { result: 'failed', detail: describeThrown(error) });
      }
      this.options.log.warning(`Fly.io: machine ${machineId} ${entry.detail}`);
      return false;
    }
  }

  /** `/wait` in a loop (it holds at most 60 s a call) until the version is in `state`, or the deadline. */
  private async waitForState(
    machineId: string,
    instanceId: string,
    state: 'started' | 'stopped',
  ): Promise<void> {
    const { api, clock, deadline } = this.options;
    for (;;) {
      const left = deadline - clock.now();
      if (left < 1000)
        throw new Timeout(`had not ${state === 'started' ? 'started' : 'settled'} by the deadline`);
      let result: 'reached' | 'timeout';
      try {
        result = await api.wait(machineId, {
          instanceId: instanceId || undefined,
          state,
          timeoutSeconds: Math.min(60, Math.floor(left / 1000)),
          deadline,
        });
      } catch (error) {
        if (error instanceof ProviderError && error.retryable) {
          await this.options.sleep(Math.min(2_000, Math.max(0, deadline - clock.now())));
          continue;
        }
        throw error;
      }
      if (result === 'reached') return;
      // Not yet. A machine that died, or that someone else changed, will not get there.
      const machine = await api.get(machineId, deadline);
      if (DEAD_STATES.has(machine.state)) throw new Error(`is ${machine.state} instead of ${state}`);
      if (instanceId && machine.instance_id && machine.instance_id !== instanceId) {
        throw new Error(`was changed by someone else while starting (now version ${machine.instance_id})`);
      }
    }
  }

  /** Polls the machine until every health check passes, the health timeout, or the deadline. */
  private async waitForChecks(machineId: string, instanceId: string, entry: MachineOutcome): Promise<void> {
    const { api, clock, deadline, healthTimeoutMs } = this.options;
    const since = clock.now();
    let delay = CHECK_POLL_FIRST_MS;
    for (;;) {
      const machine = await api.get(machineId, deadline);
      entry.checks = describeChecks(machine);
      if (instanceId && machine.instance_id && machine.instance_id !== instanceId) {
        throw new Error(
          `was changed by someone else while its checks ran (now version ${machine.instance_id})`,
        );
      }
      if (machine.state !== 'started') {
        throw new Error(`stopped after starting (state ${machine.state}; checks: ${entry.checks})`);
      }
      const checks = machine.checks ?? [];
      if (checks.every((c) => c.status.toLowerCase() === 'passing')) return;
      const now = clock.now();
      if (now - since >= healthTimeoutMs) {
        throw new Error(
          `failed its health checks: ${entry.checks} after ${Math.round((now - since) / 1000)} s`,
        );
      }
      if (now >= deadline) throw new Timeout(`checks not passing by the deadline (${entry.checks})`);
      await this.options.sleep(Math.min(delay, deadline - now, healthTimeoutMs - (now - since)));
      delay = Math.min(CHECK_POLL_MAX_MS, Math.round(delay * 1.5));
    }
  }

  private record(id: string): MachineOutcome {
    return this.outcome.machines.find((m) => m.id === id) as MachineOutcome;
  }

  /** '2/3', for log lines. */
  private position(index: number): string {
    return `${index + 1}/${this.toMove.length}`;
  }
}

/** A machine's entry before the rollout touches it. */
function startingOutcome(machine: FlyMachine, result: MachineResult): MachineOutcome {
  return {
    id: machine.id,
    name: machine.name,
    region: machine.region,
    fromImage: machine.config.image,
    result,
    moved: false,
    checks: describeChecks(machine),
  };
}
