/**
 * The lock that keeps two guard runs for one service from both rolling back, even when they decide
 * at the same moment on different runners (README, guard): the git ref
 * `refs/heads/rollback-guard/lock-<provider>-<service>`, created through the GitHub API. Creating a
 * ref is atomic — a second create of the same ref fails with 422 — so exactly one run gets it.
 *
 * The ref points at a commit made for the lock (on the run's tree, no parents) whose message says
 * which run holds it; the commit's date is when it was taken. A lock older than 30 minutes is stale
 * (its run died without releasing it) and may be broken.
 */
import type { Logger } from '../core/action.js';
import type { Clock, Sleep } from '../core/clock.js';
import { httpStatus, type GitHubClient, type RepoContext } from './github.js';

export const LOCK_STALE_MS = 30 * 60_000;

export interface LockHolder {
  /** Who holds it, from the lock commit's message. */
  description: string;
  /** When it was taken (epoch ms). */
  since: number;
}

export type AcquireResult =
  { acquired: true; brokeStale?: LockHolder } | { acquired: false; holder: LockHolder };

/** The ref name for a provider and service; characters a ref cannot hold become '-'. */
export function lockRefName(provider: string, service: string): string {
  const safe = `${provider}-${service}`
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .replace(/\.{2,}/g, '-')
    .replace(/^[.-]+|[.]+$/g, '');
  return `rollback-guard/lock-${safe}`;
}

export class RollbackLock {
  /** The sha of our lock commit, once we hold the lock. */
  private heldSha?: string;
  readonly ref: string;

  constructor(
    private readonly github: GitHubClient,
    private readonly repo: RepoContext,
    provider: string,
    service: string,
    private readonly deps: { clock: Clock; sleep: Sleep; log: Logger },
    private readonly staleMs = LOCK_STALE_MS,
  ) {
    this.ref = lockRefName(provider, service);
  }

  get held(): boolean {
    return this.heldSha !== undefined;
  }

  /** Takes the lock, breaking it once if the holder's is stale. */
  async acquire(): Promise<AcquireResult> {
    const { owner, repo } = this.repo;
    const { data: runCommit } = await this.github.rest.git.getCommit({
      owner,
      repo,
      commit_sha: this.repo.sha,
    });
    const now = new Date(this.deps.clock.now()).toISOString();
    const { data: lockCommit } = await this.github.rest.git.createCommit({
      owner,
      repo,
      message: `rollback-guard lock\n\nHeld by ${this.repo.runUrl ?? `a run on ${this.repo.sha}`} since ${now}.\nDelete this branch to release it by hand.`,
      tree: runCommit.tree.sha,
      parents: [],
      author: { name: 'rollback-guard', email: 'rollback-guard@users.noreply.github.com', date: now },
    });

    for (let attempt = 0; attempt < 2; attempt++) {
      if (await this.createRef(lockCommit.sha)) return { acquired: true };
      const holder = await this.holder();
      if (!holder) continue; // released in between: try again
      const age = this.deps.clock.now() - holder.since;
      if (age < this.staleMs || attempt > 0) return { acquired: false, holder };
      this.deps.log.warning(
        `the lock ${this.ref} is ${Math.round(age / 60_000)} min old (stale): breaking it`,
      );
      await this.deleteRef();
      // Another run may break it at the same moment: only one create succeeds.
      if (await this.createRef(lockCommit.sha)) return { acquired: true, brokeStale: holder };
    }
    const holder = await this.holder();
    return {
      acquired: false,
      holder: holder ?? { description: 'another run', since: this.deps.clock.now() },
    };
  }

  /** Creates the lock ref at our commit; false when it exists already (GitHub answers 422). */
  private async createRef(sha: string): Promise<boolean> {
    try {
      await this.github.rest.git.createRef({
        owner: this.repo.owner,
        repo: this.repo.repo,
        ref: `refs/heads/${this.ref}`,
        sha,
      });
      this.heldSha = sha;
      return true;
    } catch (error) {
      if (httpStatus(error) === 422) return false;
      throw error;
    }
  }

  /** Who holds the lock now, or undefined when nobody does. */
  async holder(): Promise<LockHolder | undefined> {
    const { owner, repo } = this.repo;
    let sha: string;
    try {
      const { data } = await this.github.rest.git.getRef({ owner, repo, ref: `heads/${this.ref}` });
      sha = data.object.sha;
    } catch (error) {
      if (httpStatus(error) === 404) return undefined;
      throw error;
    }
    const { data: commit } = await this.github.rest.git.getCommit({ owner, repo, commit_sha: sha });
    const since = Date.parse(commit.author?.date ?? commit.committer?.date ?? '');
    const line = commit.message.split('\n').find((l) => l.startsWith('Held by')) ?? 'another run';
    return {
      description: line.replace(/^Held by /, '').replace(/ since .*$/, ''),
      since: Number.isNaN(since) ? 0 : since,
    };
  }

  /** Waits until the lock is free (or stale) or the deadline passes. */
  async waitForRelease(deadline: number, pollMs = 10_000): Promise<'released' | 'timed-out'> {
    for (;;) {
      const holder = await this.holder();
      if (!holder || this.deps.clock.now() - holder.since >= this.staleMs) return 'released';
      const left = deadline - this.deps.clock.now();
      if (left <= 0) return 'timed-out';
      await this.deps.sleep(Math.min(pollMs, left));
    }
  }

  /** Releases the lock if this run holds it. Never throws: a lock left behind goes stale in 30 min. */
  async release(): Promise<void> {
    if (!this.heldSha) return;
    try {
      const { owner, repo } = this.repo;
      const { data } = await this.github.rest.git.getRef({ owner, repo, ref: `heads/${this.ref}` });
      if (data.object.sha === this.heldSha) await this.deleteRef();
    } catch (error) {
      if (httpStatus(error) !== 404) {
        this.deps.log.warning(
          `could not release the lock ${this.ref}: ${String(error)}; it goes stale in 30 minutes`,
        );
      }
    } finally {
      this.heldSha = undefined;
    }
  }

  private async deleteRef(): Promise<void> {
    try {
      await this.github.rest.git.deleteRef({
        owner: this.repo.owner,
        repo: this.repo.repo,
        ref: `heads/${this.ref}`,
      });
    } catch (error) {
      if (httpStatus(error) !== 404 && httpStatus(error) !== 422) throw error;
    }
  }
}
