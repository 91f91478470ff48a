/**
 * Fly.io's GraphQL API, for the one thing only it knows: an app's releases (version, status, image).
 * The query is validated against Fly's published SDL in the contract tests. GraphQL answers errors
 * inside HTTP 200 bodies; they become ProviderErrors with the API's own words and a hint.
 *
 * The client is a `GraphqlApi` (core/graphql.ts) with Fly's auth and hints: a new operation is one
 * `query(document, variables, schema, options)`, in a new file too.
 */
import { ProviderError, type Redactor } from '../../core/errors.js';
import { GraphqlApi } from '../../core/graphql.js';
import type { HttpClient } from '../../core/http.js';
import { flyReleasesDataSchema, type FlyRelease } from './schemas.js';

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
  secrets?: Redactor;
}

export interface ReleasePage {
  releases: FlyRelease[];
  hasNextPage: boolean;
  endCursor?: string;
}

export class FlyReleasesApi extends GraphqlApi {
  constructor(
    http: HttpClient,
    private readonly options: FlyGraphqlOptions,
  ) {
    super({
      http,
      url: options.url,
      headers: { authorization: options.authorization },
      secrets: options.secrets,
      name: 'Fly.io',
      readErrors: (text) => ({ hint: graphqlHint(text, options.app) }),
      urlHint: "Check that graphql-url points at Fly.io's GraphQL endpoint (https://api.fly.io/graphql)",
      fieldPaths: 'envelope',
    });
  }

  /** One page of releases, as the API orders them (newest first). */
  async page(first: number, after?: string, deadline?: number): Promise<ReleasePage> {
    const purpose = `list the releases of Fly app '${this.options.app}'`;
    const data = await this.query(
      FLY_RELEASES_QUERY,
      { app: this.options.app, first, after: after ?? null },
      flyReleasesDataSchema,
      { purpose, what: 'Fly releases response', deadline },
    );
    if (!data.app) {
      throw new ProviderError(`${purpose} failed: the app was not in the answer`, {
        retryable: false,
        hint: graphqlHint('', this.options.app),
        secrets: this.options.secrets,
      });
    }
    const connection = data.app.releasesUnprocessed;
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
}

/** Versions decide the order; the API's own order is newest first, but nothing here relies on it. */
function sortNewestFirst(releases: FlyRelease[]): FlyRelease[] {
  const unique = new Map(releases.map((release) => [release.id, release]));
  return [...unique.values()].sort((a, b) => b.version - a.version);
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
