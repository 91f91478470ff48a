/**
 * A client for the parts of Render's REST API a rollback uses (contracts/render-openapi.json):
 * the service (auto-deploy, disk), its deploys with cursor pagination, one deploy, the rollback, and
 * the PATCH that turns auto-deploy off. Every answer is checked against a zod schema built from the
 * OpenAPI document before anything reads it, so a changed shape is an error that names the field.
 *
 * The client is a `RestApi` (core/rest.ts) that knows Render's error body and hints: a new operation
 * is one `request(method, path, {query, body, schema})`, in a new file too. HTTP behaviour (timeouts,
 * retries of reads, Retry-After / Ratelimit-Reset on 429, mutating requests retried only when
 * provably not sent) is the HttpClient's; secrets are removed by the errors themselves.
 */
import { z } from 'zod';
import type { Redactor } from '../../core/errors.js';
import { bodyField, type ErrorStyle } from '../../core/http-errors.js';
import type { HttpClient } from '../../core/http.js';
import { RestApi } from '../../core/rest.js';

export const RENDER_API_URL = 'https://api.render.com/v1';

/** The statuses the OpenAPI document lists (`deployStatus`); anything else is unknown, never success. */
export const RENDER_DEPLOY_STATUSES = [
  'created',
  'queued',
  'build_in_progress',
  'update_in_progress',
  'live',
  'deactivated',
  'build_failed',
  'update_failed',
  'canceled',
  'pre_deploy_in_progress',
  'pre_deploy_failed',
] as const;
export type RenderDeployStatus = (typeof RENDER_DEPLOY_STATUSES)[number];

const time = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'expected an ISO 8601 time');

/**
 * Optional fields are also accepted as null: the OpenAPI document only omits them, but a JSON null
 * for "not yet" (finishedAt of a deploy in progress) is common and means the same.
 */
const optional = <T extends z.ZodType>(schema: T) =>
  schema
    .nullish()
    .transform((value) => value ?? undefined)
    .optional();

/** `deploy` in the OpenAPI document. */
export const renderDeploySchema = z.object({
  id: z.string().min(1),
  commit: optional(
    z.object({
      id: optional(z.string()),
      message: optional(z.string()),
      createdAt: optional(time),
    }),
  ),
  /** Image-backed services only. */
  image: optional(z.object({ ref: optional(z.string()), sha: optional(z.string()) })),
  /** Kept as text: a status the document does not list is handled as unknown, not rejected. */
  status: optional(z.string()),
  /** Also kept as text (the enum grows: rollback, new_commit, api, ...). */
  trigger: optional(z.string()),
  startedAt: optional(time),
  finishedAt: optional(time),
  /**
   * Optional in the document, but every deploy has one, and the rollback flow orders deploys by it:
   * a deploy without it is a clear error rather than a guess about its place in the history.
   */
  createdAt: time,
  updatedAt: optional(time),
});
export type RenderDeploy = z.infer<typeof renderDeploySchema>;

/** `deployList`: a bare array of `{cursor, deploy}`; there is no "has more" flag. */
export const renderDeployPageSchema = z.array(
  z.object({ cursor: optional(z.string()), deploy: renderDeploySchema }),
);

/** The fields of `service` a rollback uses; the rest is not read. */
export const renderServiceSchema = z.object({
  id: z.string().min(1),
  name: optional(z.string()),
  type: optional(z.string()),
  /** `autoDeploy` ('yes' | 'no'), required in the document. */
  autoDeploy: optional(z.string()),
  /**
   * Newer API versions describe auto-deploy as `autoDeployTrigger` (commit | checksPass | off); the
   * document defines the type but the service does not carry it yet. Read when present.
   */
  autoDeployTrigger: optional(z.string()),
  branch: optional(z.string()),
  dashboardUrl: optional(z.string()),
  suspended: optional(z.string()),
  serviceDetails: optional(
    z.object({
      disk: optional(z.object({ name: optional(z.string()), mountPath: optional(z.string()) })),
    }),
  ),
});
export type RenderService = z.infer<typeof renderServiceSchema>;

/** Render's error body (`error`) is `{id, message}`; its hints name this action's inputs. */
export const RENDER_ERRORS: ErrorStyle = {
  reason: bodyField('message'),
  hint: (status) => {
    if (status === 401)
      return 'Render refused the API key: check the `api-key` secret (Render Dashboard → Account Settings → API Keys)';
    if (status === 403 || status === 404)
      return 'Check `service-id` (srv-..., on the service page in the Render Dashboard) and that the API key belongs to a workspace that owns the service';
    return undefined;
  },
};

/** Whether auto-deploy is on, from either field; undefined when the service says neither. */
export function autoDeployOn(service: RenderService): boolean | undefined {
  if (service.autoDeployTrigger !== undefined) return service.autoDeployTrigger !== 'off';
  if (service.autoDeploy === 'yes') return true;
  if (service.autoDeploy === 'no') return false;
  return undefined;
}

export interface RenderClientOptions {
  http: HttpClient;
  apiKey: string;
  serviceId: string;
  /** Default https://api.render.com/v1; a path on it (`/v1`) is kept. */
  apiUrl?: string | URL;
  secrets?: Redactor;
}

export interface DeployHistory {
  /** Newest first, as Render lists them, without duplicates. */
  deploys: RenderDeploy[];
  /** Pages requested. */
  pages: number;
  /** The history was cut at `max`: older deploys exist or may exist. */
  truncated: boolean;
}

/** Render allows 1..100 per page. */
const MAX_PAGE_SIZE = 100;
/** How much history a read covers: more than the 30 builds the largest plan retains, with room for failed deploys. */
export const DEFAULT_MAX_DEPLOYS = 100;

export class RenderClient extends RestApi {
  private readonly servicePath: string;

  constructor(private readonly options: RenderClientOptions) {
    super({
      http: options.http,
      baseUrl: options.apiUrl ?? RENDER_API_URL,
      headers: { authorization: `Bearer ${options.apiKey}` },
      secrets: options.secrets,
      errors: RENDER_ERRORS,
    });
    this.servicePath = `/services/${encodeURIComponent(options.serviceId)}`;
  }

  get serviceId(): string {
    return this.options.serviceId;
  }

  /** `GET /services/{id}`. */
  async getService(deadline?: number): Promise<RenderService> {
    return this.request('GET', this.servicePath, {
      schema: renderServiceSchema,
      what: 'Render service response',
      purpose: `read Render service ${this.serviceId}`,
      deadline,
    });
  }

  /**
   * `GET /services/{id}/deploys?limit=&cursor=`, newest first, following cursors until Render
   * answers an empty page or `max` deploys were read. A short page is not taken as the end: the API
   * promises only that the page after the last one is empty, so that costs one more small read.
   */
  async listDeploys(
    options: { max?: number; pageSize?: number; deadline?: number } = {},
  ): Promise<DeployHistory> {
    const max = options.max ?? DEFAULT_MAX_DEPLOYS;
    const limit = Math.max(1, Math.min(MAX_PAGE_SIZE, options.pageSize ?? MAX_PAGE_SIZE, max));
    const deploys: RenderDeploy[] = [];
    const seen = new Set<string>();
    const cursors = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      pages += 1;
      const page = await this.request('GET', `${this.servicePath}/deploys`, {
        query: { limit: String(limit), ...(cursor === undefined ? {} : { cursor }) },
        schema: renderDeployPageSchema,
        what: 'Render deploys response',
        purpose: `list Render deploys of ${this.serviceId}`,
        deadline: options.deadline,
      });
      if (page.length === 0) return { deploys, pages, truncated: false };
      for (const item of page) {
        if (seen.has(item.deploy.id)) continue;
        seen.add(item.deploy.id);
        deploys.push(item.deploy);
        if (deploys.length >= max) return { deploys, pages, truncated: true };
      }
      const next = page.at(-1)?.cursor;
      // No cursor, or one already followed: there is no way further back that cannot loop, and no
      // empty page said the history ended.
      if (next === undefined || cursors.has(next)) return { deploys, pages, truncated: true };
      cursors.add(next);
      cursor = next;
    }
  }

  /** `GET /services/{id}/deploys/{deployId}`. */
  async getDeploy(deployId: string, deadline?: number): Promise<RenderDeploy> {
    return this.request('GET', `${this.servicePath}/deploys/${encodeURIComponent(deployId)}`, {
      schema: renderDeploySchema,
      what: 'Render deploy response',
      purpose: `read Render deploy ${deployId}`,
      deadline,
    });
  }

  /**
   * `POST /services/{id}/rollback` with `{deployId}`: answers 201 with the new deploy. Sent once;
   * the HttpClient repeats it only after a 429 or when it provably never left.
   */
  async rollback(deployId: string, deadline?: number): Promise<RenderDeploy> {
    return this.request('POST', `${this.servicePath}/rollback`, {
      body: { deployId },
      schema: renderDeploySchema,
      what: 'Render rollback response',
      purpose: `roll Render service ${this.serviceId} back to ${deployId}`,
      deadline,
      hint: (status) =>
        status === 429
          ? 'Render allows about 10 deploys and rollbacks a minute per service: wait a minute and run again'
          : status >= 400 && status < 500 && status !== 401 && status !== 403
            ? `Render refused to roll back to ${deployId}. The usual cause is that its build artifact is no longer retained (Render keeps the last 2 builds on Free, 5 on Hobby, 15 on Pro, 30 on Scale and Enterprise): choose a newer deploy as \`target\`, or deploy that commit again`
            : undefined,
    });
  }

  /** `PATCH /services/{id}` with `{"autoDeploy": "yes" | "no"}` (`servicePATCH`). */
  async setAutoDeploy(value: 'yes' | 'no', deadline?: number): Promise<RenderService> {
    return this.request('PATCH', this.servicePath, {
      body: { autoDeploy: value },
      schema: renderServiceSchema,
      what: 'Render service response',
      purpose: `turn Render auto-deploy ${value === 'no' ? 'off' : 'on'} for ${this.serviceId}`,
      deadline,
    });
  }

  /** The method and path of a call, for plans: 'POST /services/srv-x/rollback'. */
  describe(method: string, path: string): string {
    return `${method} ${this.servicePath}${path}`;
  }
}
