/**
 * A local stand-in for the part of the GitHub REST API the guard uses (git refs and commits for the
 * lock, deployments and their statuses, issues), with GitHub's status codes: creating a ref that
 * exists is 422, reading a missing one 404. Point `GITHUB_API_URL` at it.
 */
import { createHash } from 'node:crypto';
import { SandboxServer, type SandboxRequest, type SandboxResponse } from '../src/sandbox/server.js';

export interface FakeCommit {
  sha: string;
  message: string;
  tree: { sha: string };
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  parents: { sha: string }[];
}

export class FakeGitHub {
  readonly server: SandboxServer;
  readonly refs = new Map<string, string>();
  readonly commits = new Map<string, FakeCommit>();
  readonly deployments: {
    id: number;
    ref: string;
    environment: string;
    description?: string;
    statuses: { state: string; description?: string }[];
  }[] = [];
  readonly issues: { number: number; title: string; body: string; labels: string[] }[] = [];
  /** Called before a ref is created: lets a test have "another runner" take the lock at the same moment. */
  beforeCreateRef?: (ref: string) => void;

  constructor(
    readonly owner = 'acme',
    readonly repo = 'shop',
    readonly runSha = 'a'.repeat(40),
    private readonly now: () => number = () => Date.now(),
  ) {
    this.commits.set(
      runSha,
      this.commit(runSha, 'the run commit', 'tree-run', new Date(now()).toISOString()),
    );
    this.server = new SandboxServer((request) => this.handle(request));
  }

  get url(): string {
    return this.server.url;
  }

  async start(): Promise<void> {
    await this.server.start();
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }

  /** The env a guard run needs to see this repository. */
  env(): Record<string, string> {
    return {
      GITHUB_API_URL: this.url,
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_REPOSITORY: `${this.owner}/${this.repo}`,
      GITHUB_SHA: this.runSha,
      GITHUB_RUN_ID: '4242',
    };
  }

  /** Creates a lock ref as another run would, taken at `date`. */
  holdLock(ref: string, date: string, holder = 'https://github.example/acme/shop/actions/runs/1'): void {
    const sha = createHash('sha1').update(`${ref}${date}`).digest('hex');
    this.commits.set(
      sha,
      this.commit(sha, `rollback-guard lock\n\nHeld by ${holder} since ${date}.`, 'tree-run', date),
    );
    this.refs.set(`refs/heads/${ref}`, sha);
  }

  private commit(sha: string, message: string, tree: string, date: string): FakeCommit {
    const who = { name: 'rollback-guard', email: 'x@example.com', date };
    return { sha, message, tree: { sha: tree }, author: who, committer: who, parents: [] };
  }

  private handle(request: SandboxRequest): SandboxResponse {
    if (!/^(token|Bearer) \S+/.test(String(request.headers.authorization ?? ''))) {
      return { status: 401, body: { message: 'Requires authentication' } };
    }
    const base = `/repos/${this.owner}/${this.repo}`;
    if (!request.path.startsWith(base)) return { status: 404, body: { message: 'Not Found' } };
    // Octokit percent-encodes the slashes of a ref name; GitHub accepts both forms.
    const path = decodeURIComponent(request.path.slice(base.length));
    const body = (request.json ?? {}) as Record<string, unknown>;
    let match: RegExpExecArray | null;

    if (request.method === 'GET' && (match = /^\/git\/commits\/(\w+)$/.exec(path))) {
      const commit = this.commits.get(match[1] as string);
      return commit ? { status: 200, body: commit } : { status: 404, body: { message: 'Not Found' } };
    }
    if (request.method === 'POST' && path === '/git/commits') {
      const date = (body.author as { date?: string } | undefined)?.date ?? new Date(this.now()).toISOString();
      const sha = createHash('sha1')
        .update(`${JSON.stringify(body)}${this.commits.size}`)
        .digest('hex');
      const commit = this.commit(sha, String(body.message), String(body.tree), date);
      this.commits.set(sha, commit);
      return { status: 201, body: commit };
    }
    if (request.method === 'POST' && path === '/git/refs') {
      const ref = String(body.ref);
      this.beforeCreateRef?.(ref);
      if (this.refs.has(ref)) return { status: 422, body: { message: 'Reference already exists' } };
      this.refs.set(ref, String(body.sha));
      return { status: 201, body: { ref, object: { sha: body.sha, type: 'commit' } } };
    }
    if ((match = /^\/git\/refs?\/(heads\/.+)$/.exec(path))) {
      const ref = `refs/${match[1] as string}`;
      const sha = this.refs.get(ref);
      if (request.method === 'GET') {
        return sha
          ? { status: 200, body: { ref, object: { sha, type: 'commit' } } }
          : { status: 404, body: { message: 'Not Found' } };
      }
      if (request.method === 'DELETE') {
        if (!sha) return { status: 422, body: { message: 'Reference does not exist' } };
        this.refs.delete(ref);
        return { status: 204 };
      }
    }
    if (request.method === 'POST' && path === '/deployments') {
      const deployment = {
        id: this.deployments.length + 1,
        ref: String(body.ref),
        environment: String(body.environment),
        description: body.description as string | undefined,
        statuses: [],
      };
      this.deployments.push(deployment);
      return {
        status: 201,
        body: { ...deployment, statuses_url: `${this.url}${base}/deployments/${deployment.id}/statuses` },
      };
    }
    if (request.method === 'POST' && (match = /^\/deployments\/(\d+)\/statuses$/.exec(path))) {
      const deployment = this.deployments.find((d) => d.id === Number(match![1]));
      if (!deployment) return { status: 404, body: { message: 'Not Found' } };
      deployment.statuses.push({
        state: String(body.state),
        description: body.description as string | undefined,
      });
      return { status: 201, body: { id: deployment.statuses.length, state: body.state } };
    }
    if (request.method === 'POST' && path === '/issues') {
      const issue = {
        number: this.issues.length + 1,
        title: String(body.title),
        body: String(body.body ?? ''),
        labels: (body.labels as string[] | undefined) ?? [],
      };
      this.issues.push(issue);
      return {
        status: 201,
        body: {
          ...issue,
          html_url: `https://github.example/${this.owner}/${this.repo}/issues/${issue.number}`,
        },
      };
    }
    return { status: 404, body: { message: `Not Found: ${request.method} ${path}` } };
  }
}
