/**
 * Railway's public GraphQL API (`POST https://backboard.railway.com/graphql/v2`), for the operations
 * a rollback needs: list a service's deployments (with what serves now), read one deployment, and
 * `deploymentRollback`. Every answer is checked twice: for an `errors` array (Railway answers a
 * rejected operation with HTTP 200 and errors in the body) and against a zod schema built from the
 * published SDL, so a surprise names the field instead of crashing deep inside.
 *
 * The client is a `GraphqlApi` (core/graphql.ts) with Railway's auth headers and hints: a new
 * operation is one `query(document, variables, schema, options)`, in a new file too. Queries are
 * sent as idempotent (retried on 5xx and network errors); mutations such as the rollback are
 * retried only when they provably did not reach Railway (429, connection refused).
 */
import { z } from 'zod';
import { ProviderError, type Redactor } from '../../core/errors.js';
import { GraphqlApi, type GraphqlErrorReading } from '../../core/graphql.js';
import type { HttpClient } from '../../core/http.js';

export const RAILWAY_API_URL = 'https://backboard.railway.com/graphql/v2';

/** `account` (account or workspace token) or `project` (a project token, scoped to one environment). */
export type RailwayTokenType = 'account' | 'project';
export const RAILWAY_TOKEN_TYPES = ['account', 'project'] as const;

/** The deployment fields every operation selects. */
const DEPLOYMENT_FIELDS = `fragment RollbackGuardDeployment on Deployment {
  id
  status
  createdAt
  statusUpdatedAt
  canRollback
  canRedeploy
  deploymentStopped
  meta
  serviceId
  environmentId
}`;

/** The GraphQL documents this client sends, by operation name (the contract tests validate each). */
export const RAILWAY_DOCUMENTS = {
  /** The first page of deployments and what serves now, in one request (rate limits are tight). */
  snapshot: `query RollbackGuardSnapshot($input: DeploymentListInput!, $first: Int!, $environmentId: String!, $serviceId: String!) {
  serviceInstance(environmentId: $environmentId, serviceId: $serviceId) {
    id
    serviceName
    activeDeployments { ...RollbackGuardDeployment }
    latestDeployment { ...RollbackGuardDeployment }
  }
  deployments(input: $input, first: $first) {
    edges { node { ...RollbackGuardDeployment } }
    pageInfo { hasNextPage endCursor }
  }
}
${DEPLOYMENT_FIELDS}`,
  deploymentsPage: `query RollbackGuardDeploymentsPage($input: DeploymentListInput!, $first: Int!, $after: String) {
  deployments(input: $input, first: $first, after: $after) {
    edges { node { ...RollbackGuardDeployment } }
    pageInfo { hasNextPage endCursor }
  }
}
${DEPLOYMENT_FIELDS}`,
  deployment: `query RollbackGuardDeployment($id: String!) {
  deployment(id: $id) { ...RollbackGuardDeployment }
}
${DEPLOYMENT_FIELDS}`,
  rollback: `mutation RollbackGuardRollback($id: String!) {
  deploymentRollback(id: $id)
}`,
} as const;

/** `DateTime` (RFC 3339), normalised to `toISOString()` form so times compare as text. */
const dateTime = z
  .string()
  .refine((text) => !Number.isNaN(Date.parse(text)), { message: 'expected an ISO 8601 time' })
  .transform((text) => new Date(text).toISOString());

/** A `Deployment` as the fragment above selects it (types from the SDL). */
export const railwayDeploymentSchema = z.object({
  id: z.string().min(1),
  /** `DeploymentStatus`; kept as text so a value added later is `unknown`, never a crash or a success. */
  status: z.string(),
  createdAt: dateTime,
  statusUpdatedAt: dateTime.nullish(),
  canRollback: z.boolean(),
  canRedeploy: z.boolean(),
  deploymentStopped: z.boolean(),
  /** `DeploymentMeta` is an untyped JSON scalar: read defensively (see deployments.ts). */
  meta: z.unknown().optional(),
  serviceId: z.string().nullish(),
  environmentId: z.string(),
});
export type RailwayDeployment = z.infer<typeof railwayDeploymentSchema>;

const pageInfoSchema = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullish() });

const connectionSchema = z.object({
  edges: z.array(z.object({ node: railwayDeploymentSchema })),
  pageInfo: pageInfoSchema,
});

const snapshotSchema = z.object({
  serviceInstance: z.object({
    id: z.string(),
    serviceName: z.string(),
    activeDeployments: z.array(railwayDeploymentSchema),
    latestDeployment: railwayDeploymentSchema.nullish(),
  }),
  deployments: connectionSchema,
});

export interface RailwayDeploymentsPage {
  deployments: RailwayDeployment[];
  hasNextPage: boolean;
  endCursor?: string;
}

export interface RailwaySnapshotPage extends RailwayDeploymentsPage {
  serviceName: string;
  /** `serviceInstance.activeDeployments`: what is deployed and running now. */
  active: RailwayDeployment[];
  /** `serviceInstance.latestDeployment`: the newest attempt, which may have failed. */
  latest?: RailwayDeployment;
}

export interface RailwayClientOptions {
  http: HttpClient;
  apiUrl: string | URL;
  token: string;
  tokenType: RailwayTokenType;
  /** Removed from Railway's messages (the HTTP client's own are redacted already). */
  secrets?: Redactor;
}

export interface RailwayRequestOptions {
  /** Epoch ms after which no retry starts. */
  deadline?: number;
}

export interface DeploymentListScope {
  environmentId: string;
  serviceId: string;
}

export class RailwayClient extends GraphqlApi {
  constructor(options: RailwayClientOptions) {
    super({
      http: options.http,
      url: options.apiUrl,
      headers: railwayAuthHeaders(options.token, options.tokenType),
      secrets: options.secrets,
      name: 'Railway',
      quotePrefix: 'Railway answered: ',
      readErrors: readRailwayErrors,
      urlHint:
        "Check that api-url points at Railway's GraphQL endpoint (https://backboard.railway.com/graphql/v2)",
    });
  }

  /** The GraphQL endpoint, for plans. */
  get apiUrl(): string {
    return this.url;
  }

  /** The first page of a service's deployments, and what serves now. */
  async snapshot(
    scope: DeploymentListScope,
    first: number,
    options: RailwayRequestOptions = {},
  ): Promise<RailwaySnapshotPage> {
    const data = await this.query(
      RAILWAY_DOCUMENTS.snapshot,
      { input: scope, first, environmentId: scope.environmentId, serviceId: scope.serviceId },
      snapshotSchema,
      {
        purpose: 'read the Railway service and its deployments',
        what: 'Railway snapshot response',
        ...options,
      },
    );
    const { serviceInstance: instance, deployments } = data;
    return {
      serviceName: instance.serviceName,
      active: instance.activeDeployments,
      latest: instance.latestDeployment ?? undefined,
      ...page(deployments),
    };
  }

  /** A further page of a service's deployments. */
  async deploymentsPage(
    scope: DeploymentListScope,
    first: number,
    after: string | undefined,
    options: RailwayRequestOptions = {},
  ): Promise<RailwayDeploymentsPage> {
    const data = await this.query(
      RAILWAY_DOCUMENTS.deploymentsPage,
      { input: scope, first, after: after ?? null },
      z.object({ deployments: connectionSchema }),
      { purpose: 'list Railway deployments', what: 'Railway deploymentsPage response', ...options },
    );
    return page(data.deployments);
  }

  async deployment(id: string, options: RailwayRequestOptions = {}): Promise<RailwayDeployment> {
    const data = await this.query(
      RAILWAY_DOCUMENTS.deployment,
      { id },
      z.object({ deployment: railwayDeploymentSchema }),
      { purpose: `read the Railway deployment ${id}`, what: 'Railway deployment response', ...options },
    );
    return data.deployment;
  }

  /**
   * Asks Railway to roll back to the deployment: it creates a new deployment with that deployment's
   * image and variables. Railway answers only true or false; false is a refusal.
   */
  async rollback(id: string, options: RailwayRequestOptions = {}): Promise<void> {
    const data = await this.query(
      RAILWAY_DOCUMENTS.rollback,
      { id },
      z.object({ deploymentRollback: z.boolean() }),
      { purpose: `request the Railway rollback to ${id}`, what: 'Railway rollback response', ...options },
    );
    if (!data.deploymentRollback) {
      throw new ProviderError(`Railway refused the rollback to ${id} (deploymentRollback returned false)`, {
        retryable: false,
        hint: 'Check in the Railway dashboard that the deployment can still be rolled back to: its image may have expired',
      });
    }
  }
}

/** Account and workspace tokens are bearer tokens; project tokens have their own header. */
export function railwayAuthHeaders(token: string, tokenType: RailwayTokenType): Record<string, string> {
  return tokenType === 'project' ? { 'Project-Access-Token': token } : { Authorization: `Bearer ${token}` };
}

function page(connection: z.infer<typeof connectionSchema>): RailwayDeploymentsPage {
  return {
    deployments: connection.edges.map((edge) => edge.node),
    hasNextPage: connection.pageInfo.hasNextPage,
    endCursor: connection.pageInfo.endCursor ?? undefined,
  };
}

/**
 * What to do about Railway's GraphQL errors. Railway's messages are short ("Not Authorized",
 * "Deployment not found"); which ones are worth a retry is a judgement (unverified): rate limits and
 * Railway's generic internal error are, the rest are not.
 */
export function readRailwayErrors(
  text: string,
  errors: { extensions?: Record<string, unknown> | null }[],
): GraphqlErrorReading {
  const codes = errors.map((e) => String(e.extensions?.code ?? '')).join(' ');
  const all = `${text} ${codes}`;
  if (/not authori[sz]ed|unauthori[sz]ed|unauthenticated|forbidden|invalid token/i.test(all)) {
    return {
      hint: 'Railway refused the token: check that it is valid and can see this project and environment, and that token-type matches it (account for account or workspace tokens, project for project tokens)',
    };
  }
  if (/not found/i.test(all)) {
    return {
      hint: 'Check service-id, environment-id and target: they must be ids from the Railway dashboard, not names',
    };
  }
  if (/rate.?limit|too many requests/i.test(all)) {
    return {
      retryable: true,
      hint: 'Railway rate limits the API per hour and per second: wait and run again',
    };
  }
  if (/problem processing request|internal server error|timed? ?out/i.test(all)) {
    return { retryable: true, hint: 'Railway had an error: check https://status.railway.com and run again' };
  }
  return {};
}
