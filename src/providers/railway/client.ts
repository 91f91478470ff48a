/**
 * Railway's public GraphQL API (`POST https://backboard.railway.com/graphql/v2`), for the operations
 * a rollback needs: list a service's deployments (with what serves now), read one deployment, and
 * `deploymentRollback`. Every answer is checked twice: for an `errors` array (Railway answers a
 * rejected operation with HTTP 200 and errors in the body) and against a zod schema built from the
 * published SDL, so a surprise names the field instead of crashing deep inside.
 *
 * Queries are sent as idempotent (the HTTP client retries them on 5xx and network errors); the
 * rollback mutation is not, so it is retried only when it provably did not reach Railway (429,
 * connection refused).
 */
import { z } from 'zod';
import { ProviderError } from '../../core/errors.js';
import { expectOk, parseJson, type HttpClient, type HttpResponse } from '../../core/http.js';
import { formatIssuePath, parseResponse } from '../../core/response.js';
import type { Secrets } from '../../core/secrets.js';

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

/** One GraphQL error as Railway sends it. */
const graphqlErrorSchema = z.object({
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  extensions: z.record(z.string(), z.unknown()).optional(),
});

const envelopeSchema = z.object({
  data: z.unknown().optional(),
  errors: z.array(graphqlErrorSchema).optional(),
});

export interface RailwayClientOptions {
  http: HttpClient;
  apiUrl: string | URL;
  token: string;
  tokenType: RailwayTokenType;
  /** Used to redact provider messages (the HTTP client redacts its own). */
  secrets?: Secrets;
}

export interface RailwayRequestOptions {
  /** Epoch ms after which no retry starts. */
  deadline?: number;
}

export interface DeploymentListScope {
  environmentId: string;
  serviceId: string;
}

export class RailwayClient {
  readonly apiUrl: string;

  constructor(private readonly options: RailwayClientOptions) {
    this.apiUrl = String(options.apiUrl);
  }

  /** Account and workspace tokens are bearer tokens; project tokens have their own header. */
  authHeaders(): Record<string, string> {
    return this.options.tokenType === 'project'
      ? { 'Project-Access-Token': this.options.token }
      : { Authorization: `Bearer ${this.options.token}` };
  }

  /** The first page of a service's deployments, and what serves now. */
  async snapshot(
    scope: DeploymentListScope,
    first: number,
    options: RailwayRequestOptions = {},
  ): Promise<RailwaySnapshotPage> {
    const data = await this.request(
      'snapshot',
      { input: scope, first, environmentId: scope.environmentId, serviceId: scope.serviceId },
      snapshotSchema,
      { purpose: 'read the Railway service and its deployments', idempotent: true, ...options },
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
    const data = await this.request(
      'deploymentsPage',
      { input: scope, first, after: after ?? null },
      z.object({ deployments: connectionSchema }),
      { purpose: 'list Railway deployments', idempotent: true, ...options },
    );
    return page(data.deployments);
  }

  async deployment(id: string, options: RailwayRequestOptions = {}): Promise<RailwayDeployment> {
    const data = await this.request('deployment', { id }, z.object({ deployment: railwayDeploymentSchema }), {
      purpose: `read the Railway deployment ${id}`,
      idempotent: true,
      ...options,
    });
    return data.deployment;
  }

  /**
   * Asks Railway to roll back to the deployment: it creates a new deployment with that deployment's
   * image and variables. Railway answers only true or false; false is a refusal.
   */
  async rollback(id: string, options: RailwayRequestOptions = {}): Promise<void> {
    const data = await this.request('rollback', { id }, z.object({ deploymentRollback: z.boolean() }), {
      purpose: `request the Railway rollback to ${id}`,
      idempotent: false,
      ...options,
    });
    if (!data.deploymentRollback) {
      throw new ProviderError(`Railway refused the rollback to ${id} (deploymentRollback returned false)`, {
        retryable: false,
        hint: 'Check in the Railway dashboard that the deployment can still be rolled back to: its image may have expired',
      });
    }
  }

  private async request<T>(
    operation: keyof typeof RAILWAY_DOCUMENTS,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
    options: { purpose: string; idempotent: boolean; deadline?: number },
  ): Promise<T> {
    const response = await this.options.http.send({
      method: 'POST',
      url: this.apiUrl,
      headers: this.authHeaders(),
      body: { query: RAILWAY_DOCUMENTS[operation], variables, operationName: operationName(operation) },
      idempotent: options.idempotent,
      deadline: options.deadline,
      purpose: options.purpose,
    });
    const envelope = this.envelope(response, options.purpose);
    if (envelope.errors && envelope.errors.length > 0) {
      throw graphqlError(envelope.errors, response.status, options.purpose, this.options.secrets);
    }
    if (envelope.data === undefined || envelope.data === null) {
      throw new ProviderError(
        this.redact(`${options.purpose}: Railway answered with neither data nor errors`),
        { status: response.status, retryable: false, hint: API_URL_HINT },
      );
    }
    return parseResponse(schema, envelope.data, `Railway ${operation} response`, this.options.secrets);
  }

  /** The GraphQL envelope; a non-2xx answer without GraphQL errors is an HTTP failure. */
  private envelope(response: HttpResponse, purpose: string): z.infer<typeof envelopeSchema> {
    const ok = response.status >= 200 && response.status < 300;
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      body = undefined;
    }
    const parsed = envelopeSchema.safeParse(body);
    // A GraphQL server may answer a rejected document with 400 and an errors array: show those.
    if (!ok && !(parsed.success && parsed.data.errors?.length))
      expectOk(response, purpose, this.options.secrets);
    if (body === undefined) parseJson(response, purpose, this.options.secrets);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ProviderError(
        this.redact(
          `${purpose}: the answer is not a GraphQL response (${issue ? `${formatIssuePath(issue.path)}: ${issue.message}` : 'unexpected shape'})`,
        ),
        { status: response.status, retryable: false, hint: API_URL_HINT },
      );
    }
    return parsed.data;
  }

  private redact(text: string): string {
    return this.options.secrets?.redact(text) ?? text;
  }
}

const API_URL_HINT =
  "Check that api-url points at Railway's GraphQL endpoint (https://backboard.railway.com/graphql/v2)";

function operationName(operation: keyof typeof RAILWAY_DOCUMENTS): string {
  return /^(?:query|mutation)\s+(\w+)/.exec(RAILWAY_DOCUMENTS[operation])?.[1] as string;
}

function page(connection: z.infer<typeof connectionSchema>): RailwayDeploymentsPage {
  return {
    deployments: connection.edges.map((edge) => edge.node),
    hasNextPage: connection.pageInfo.hasNextPage,
    endCursor: connection.pageInfo.endCursor ?? undefined,
  };
}

/**
 * A ProviderError for GraphQL errors, with what to do next. Railway's messages are short ("Not
 * Authorized", "Deployment not found"); which ones are worth a retry is a judgement (unverified):
 * rate limits and Railway's generic internal error are, the rest are not.
 */
export function graphqlError(
  errors: { message: string; extensions?: Record<string, unknown> }[],
  status: number,
  purpose: string,
  secrets?: Secrets,
): ProviderError {
  const messages = [...new Set(errors.map((e) => e.message.trim()).filter(Boolean))];
  const text = messages.join('; ') || 'an error without a message';
  const codes = errors.map((e) => String(e.extensions?.code ?? '')).join(' ');
  const all = `${text} ${codes}`;
  let hint: string | undefined;
  let retryable = false;
  if (/not authori[sz]ed|unauthori[sz]ed|unauthenticated|forbidden|invalid token/i.test(all)) {
    hint =
      'Railway refused the token: check that it is valid and can see this project and environment, and that token-type matches it (account for account or workspace tokens, project for project tokens)';
  } else if (/not found/i.test(all)) {
    hint =
      'Check service-id, environment-id and target: they must be ids from the Railway dashboard, not names';
  } else if (/rate.?limit|too many requests/i.test(all)) {
    retryable = true;
    hint = 'Railway rate limits the API per hour and per second: wait and run again';
  } else if (/problem processing request|internal server error|timed? ?out/i.test(all)) {
    retryable = true;
    hint = 'Railway had an error: check https://status.railway.com and run again';
  }
  const message = `${purpose} failed: Railway answered: ${text}`;
  return new ProviderError(secrets?.redact(message) ?? message, { status, retryable, hint });
}
