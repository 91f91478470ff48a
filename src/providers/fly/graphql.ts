/**
 * Fly.io's GraphQL API, for the one thing only it knows: an app's releases (version, status, image).
 * The query is validated against Fly's published SDL in the contract tests. GraphQL answers errors
 * inside HTTP 200 bodies; they become ProviderErrors with the API's own words and a hint.
 */
import { ProviderError } from '../../core/errors.js';
import { expectOk, parseJson, type HttpClient } from '../../core/http.js';
import { parseResponse } from '../../core/response.js';
import type { Secrets } from '../../core/secrets.js';
import {
  flyReleasesResponseSchema,
  graphqlErrorsOnlySchema,
  type FlyRelease,
  type FlyReleasesResponse,
} from './schemas.js';

export const FLY_GRAPHQL_URL = 'https://api.fly.io/graphql';

/** The releases query; `releasesUnprocessed` is what `fly releases` reads. */
export const FLY_RELEASES_QUERY = `query RollbackGuardReleases($app: String!, $first: Int!, $after: String) {
  app(name: $app) {
    id
    name
    releasesUnprocessed(first: $first, after: $after) {
      nodes {
        id
        version
        status
        stable
        imageRef
        createdAt
        description
        reason
        revertedTo
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}`;

export interface FlyGraphqlOptions {
  url: string;
  app: string;
  authorization: string;
  secrets?: Secrets;
}

export interface ReleasePage {
  releases: FlyRelease[];
  hasNextPage: boolean;
  endCursor?: string;
}

export class FlyReleasesApi {
  constructor(
    private readonly http: HttpClient,
    private readonly options: FlyGraphqlOptions,
  ) {}

  /** One page of releases, as the API orders them (newest first). */
  async page(first: number, after?: string, deadline?: number): Promise<ReleasePage> {
    const purpose = `list the releases of Fly app '${this.options.app}'`;
    const response = await this.http.send({
      method: 'POST',
      url: this.options.url,
      headers: { authorization: this.options.authorization },
      body: {
        operationName: 'RollbackGuardReleases',
        query: FLY_RELEASES_QUERY,
        variables: { app: this.options.app, first, after: after ?? null },
      },
      // A query changes nothing: safe to retry on 5xx and network errors like any read.
      idempotent: true,
      purpose,
      deadline,
    });
    // A GraphQL error in a 4xx body says more than the status alone.
    if (response.status >= 400) {
      const errors = readErrors(response.text);
      if (errors) throw this.graphqlError(purpose, errors, response.status);
      expectOk(response, purpose, this.options.secrets);
    }
    const body = parseResponse(
      flyReleasesResponseSchema,
      parseJson(response, purpose, this.options.secrets),
      'Fly releases response',
      this.options.secrets,
    );
    const app = body.data?.app;
    if (body.errors?.length || !app) throw this.graphqlError(purpose, body.errors ?? [], response.status);
    const connection = app.releasesUnprocessed;
    return {
      releases: (connection.nodes ?? []).filter((node): node is FlyRelease => node !== null),
      hasNextPage: connection.pageInfo.hasNextPage,
      endCursor: connection.pageInfo.endCursor,
    };
  }

  /**
   * Releases newest first, page by page, until `enough` says so, the pages run out, or `maxPages`
   * pages were read.
   */
  async list(options: {
    pageSize: number;
    maxPages: number;
    enough?: (releases: FlyRelease[]) => boolean;
    deadline?: number;
  }): Promise<{ releases: FlyRelease[]; complete: boolean }> {
    const releases: FlyRelease[] = [];
    let after: string | undefined;
    for (let page = 0; page < options.maxPages; page++) {
      const result = await this.page(options.pageSize, after, options.deadline);
      releases.push(...result.releases);
      if (!result.hasNextPage || !result.endCursor)
        return { releases: sortNewestFirst(releases), complete: true };
      if (options.enough?.(releases)) break;
      after = result.endCursor;
    }
    return { releases: sortNewestFirst(releases), complete: false };
  }

  private graphqlError(
    purpose: string,
    errors: NonNullable<FlyReleasesResponse['errors']>,
    status: number,
  ): ProviderError {
    const text = errors.map((error) => error.message).join('; ') || 'the app was not in the answer';
    const message = `${purpose} failed: ${text}`;
    return new ProviderError(this.options.secrets?.redact(message) ?? message, {
      status,
      retryable: false,
      hint: graphqlHint(text, this.options.app),
    });
  }
}

/** Versions decide the order; the API's own order is newest first, but nothing here relies on it. */
function sortNewestFirst(releases: FlyRelease[]): FlyRelease[] {
  const unique = new Map(releases.map((release) => [release.id, release]));
  return [...unique.values()].sort((a, b) => b.version - a.version);
}

function readErrors(text: string): NonNullable<FlyReleasesResponse['errors']> | undefined {
  try {
    const parsed = graphqlErrorsOnlySchema.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.errors?.length ? parsed.data.errors : undefined;
  } catch {
    return undefined;
  }
}

function graphqlHint(text: string, app: string): string {
  if (/authenticat|unauthori[sz]ed|token|permission|not allowed/i.test(text)) {
    return 'Check that `api-token` is a Fly.io token with access to this app (`fly tokens create deploy -a <app>`)';
  }
  if (/could not find|not found|no such/i.test(text)) {
    return `Check the app name '${app}' (\`fly apps list\`) and that the token belongs to its organization`;
  }
  return 'Check the Fly.io status page and run again';
}
