/**
 * The GitHub side of a guard run: which repository and run this is (from the runner's environment),
 * and an Octokit client over the injected fetch, pointed at `GITHUB_API_URL` (so tests can stand a
 * local server in for the GitHub API).
 */
import { getOctokit } from '@actions/github';
import { guardedFetch } from '../core/guarded-fetch.js';
import { DEFAULT_MAX_BODY_BYTES, type FetchLike } from '../core/http.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface RepoContext {
  owner: string;
  repo: string;
  /** The commit the workflow runs on (`GITHUB_SHA`). */
  sha: string;
  serverUrl: string;
  apiUrl: string;
  /** A link to this workflow run, when known. */
  runUrl?: string;
}

/** The repository context, or undefined outside a repository run (no GITHUB_REPOSITORY or GITHUB_SHA). */
export function repoContextFromEnv(env: NodeJS.ProcessEnv): RepoContext | undefined {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || !env.GITHUB_SHA) return undefined;
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/$/, '');
  return {
    owner,
    repo,
    sha: env.GITHUB_SHA,
    serverUrl,
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, ''),
    runUrl: env.GITHUB_RUN_ID ? `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
  };
}

export function githubClient(token: string, context: RepoContext, fetch: FetchLike): GitHubClient {
  const limited = guardedFetch(fetch, DEFAULT_MAX_BODY_BYTES);
  return getOctokit(token, { baseUrl: context.apiUrl, request: { fetch: limited, retries: 0 } });
}

/** The HTTP status of an Octokit error, when it has one. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
