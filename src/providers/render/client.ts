/**
 * A client for the parts of Render's REST API a rollback uses (contracts/render-openapi.json):
 * the service (auto-deploy, disk), its deploys with cursor pagination, one deploy, the rollback, and
 * the PATCH that turns auto-deploy off. Every answer is checked against a zod schema built from the
 * OpenAPI document before anything reads it, so a changed shape is an error that names the field.
 *
 * HTTP behaviour (timeouts, retries of reads, Retry-After / Ratelimit-Reset on 429, mutating requests
 * retried only when provably not sent, secrets redacted) is the shared HttpClient's.
 */
import { z } from 'zod';
import { ProviderError } from '../../core/errors.js';
import { parseJson, statusHint, type HttpClient, type HttpResponse } from '../../core/http.js';
import { parseResponse } from '../../core/response.js';
import type { Secrets } from '../../core/secrets.js';

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

/** Render's error body (`error`): `{id, message}`. */
const renderErrorSchema = z.object({ id: optional(z.string()), message: optional(z.string()) });

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
  secrets?: Secrets;
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

export class RenderClient {
  private readonly base: string;
  private readonly servicePath: string;

  constructor(private readonly options: RenderClientOptions) {
    this.base = String(options.apiUrl ?? RENDER_API_URL).replace(/\/+$/, '');
    this.servicePath = `/services/${encodeURIComponent(options.serviceId)}`;
  }

  get serviceId(): string {
    return this.options.serviceId;
  }

  /** `GET /services/{id}`. */
  async getService(deadline?: number): Promise<RenderService> {
    const body = await this.request({
      path: this.servicePath,
      purpose: `read Render service ${this.serviceId}`,
      deadline,
    });
    return parseResponse(renderServiceSchema, body, 'Render service response', this.options.secrets);
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
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor !== undefined) query.set('cursor', cursor);
      pages += 1;
      const body = await this.request({
        path: `${this.servicePath}/deploys?${query}`,
        purpose: `list Render deploys of ${this.serviceId}`,
        deadline: options.deadline,
      });
      const page = parseResponse(
        renderDeployPageSchema,
        body,
        'Render deploys response',
        this.options.secrets,
      );
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
    const body = await this.request({
      path: `${this.servicePath}/deploys/${encodeURIComponent(deployId)}`,
      purpose: `read Render deploy ${deployId}`,
      deadline,
    });
    return parseResponse(renderDeploySchema, body, 'Render deploy response', this.options.secrets);
  }

  /**
   * `POST /services/{id}/rollback` with `{deployId}`: answers 201 with the new deploy. Sent once;
   * the HttpClient repeats it only after a 429 or when it provably never left.
   */
  async rollback(deployId: string, deadline?: number): Promise<RenderDeploy> {
    const body = await this.request({
      method: 'POST',
      path: `${this.servicePath}/rollback`,
      body: { deployId },
      purpose: `roll Render service ${this.serviceId} back to ${deployId}`,
      deadline,
      refusedHint: (status) =>
        status === 429
          ? 'Render allows about 10 deploys and rollbacks a minute per service: wait a minute and run again'
          : status >= 400 && status < 500 && status !== 401 && status !== 403
            ? `Render refused to roll back to ${deployId}. The usual cause is that its build artifact is no longer retained (Render keeps the last 2 builds on Free, 5 on Hobby, 15 on Pro, 30 on Scale and Enterprise): choose a newer deploy as \`target\`, or deploy that commit again`
            : undefined,
    });
    return parseResponse(renderDeploySchema, body, 'Render rollback response', this.options.secrets);
  }

  /** `PATCH /services/{id}` with `{"autoDeploy": "yes" | "no"}` (`servicePATCH`). */
  async setAutoDeploy(value: 'yes' | 'no', deadline?: number): Promise<RenderService> {
    const body = await this.request({
      method: 'PATCH',
      path: this.servicePath,
      body: { autoDeploy: value },
      purpose: `turn Render auto-deploy ${value === 'no' ? 'off' : 'on'} for ${this.serviceId}`,
      deadline,
    });
    return parseResponse(renderServiceSchema, body, 'Render service response', this.options.secrets);
  }

  /** The method and path of a call, for plans: 'POST /services/srv-x/rollback'. */
  describe(method: string, path: string): string {
    return `${method} ${this.servicePath}${path}`;
  }

  private async request(request: {
    method?: string;
    path: string;
    body?: unknown;
    purpose: string;
    deadline?: number;
    refusedHint?: (status: number) => string | undefined;
  }): Promise<unknown> {
    const response = await this.options.http.send({
      method: request.method ?? 'GET',
      url: `${this.base}${request.path}`,
      headers: { authorization: `Bearer ${this.options.apiKey}` },
      body: request.body,
      purpose: request.purpose,
      deadline: request.deadline,
    });
    if (response.status < 200 || response.status >= 300) {
      throw this.refused(response, request.purpose, request.refusedHint?.(response.status));
    }
    return parseJson(response, request.purpose, this.options.secrets);
  }

  /** A ProviderError with Render's own message (`{id, message}`) and what to do about it. */
  private refused(response: HttpResponse, purpose: string, hint?: string): ProviderError {
    let said: string | undefined;
    try {
      const parsed = renderErrorSchema.safeParse(JSON.parse(response.text));
      said = parsed.success ? parsed.data.message : undefined;
    } catch {
      said = undefined;
    }
    const excerpt = (said ?? response.text).replace(/\s+/g, ' ').trim().slice(0, 300);
    const message = `${purpose} failed: HTTP ${response.status}${excerpt ? `: ${excerpt}` : ''}`;
    return new ProviderError(this.options.secrets?.redact(message) ?? message, {
      status: response.status,
      retryable: response.status >= 500 || response.status === 429,
      hint: hint ?? renderStatusHint(response.status),
    });
  }
}

function renderStatusHint(status: number): string | undefined {
  if (status === 401)
    return 'Render refused the API key: check the `api-key` secret (Render Dashboard → Account Settings → API Keys)';
  if (status === 403 || status === 404)
    return 'Check `service-id` (srv-..., on the service page in the Render Dashboard) and that the API key belongs to a workspace that owns the service';
  return statusHint(status);
}
