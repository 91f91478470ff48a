/**
 * The shapes of Fly.io's answers, as zod schemas built from the published contracts
 * (contracts/fly-schema.graphql for releases; fly-machines-openapi.json, Swagger 2.0, for
 * machines and leases). Every answer is parsed with `parseResponse` before anything reads it, so a
 * changed shape is an error that names the field ("Fly machines response: [1].config.image: expected
 * string") instead of a crash somewhere deeper.
 *
 * Objects are loose (unknown fields are kept): a machine's config is sent back whole, with only its
 * image replaced, so nothing Fly added to it may be lost on the way.
 */
import { z } from 'zod';

/** Null and absent mean the same for optional fields (the APIs use both). */
const optional = <T extends z.ZodType>(schema: T) =>
  schema
    .nullish()
    .transform((value) => value ?? undefined)
    .optional();

const time = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'expected an ISO 8601 time');

// ---- GraphQL: releases -------------------------------------------------------------------------

/** `ReleaseUnprocessed`, the fields the query selects. */
export const flyReleaseSchema = z.object({
  id: z.string().min(1),
  version: z.number().int(),
  /** A free string in the SDL; flyctl writes running, complete, failed, interrupted. */
  status: z.string(),
  stable: optional(z.boolean()),
  /** Nullable in the SDL: a release without an image cannot be rolled back to. */
  imageRef: optional(z.string()),
  createdAt: time,
  description: optional(z.string()),
  reason: optional(z.string()),
  /** "Version release reverted to": set on releases that were themselves a revert. */
  revertedTo: optional(z.number().int()),
});
export type FlyRelease = z.infer<typeof flyReleaseSchema>;

/** The `data` of the releases query. */
export const flyReleasesDataSchema = z.object({
  app: optional(
    z.object({
      id: z.string(),
      name: z.string(),
      releasesUnprocessed: z.object({
        nodes: optional(z.array(flyReleaseSchema.nullable())),
        pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: optional(z.string()) }),
      }),
    }),
  ),
});

// ---- Machines API ------------------------------------------------------------------------------

/** `CheckStatus`: status is passing, warning or critical. */
export const flyCheckStatusSchema = z
  .object({
    name: z.string(),
    status: z.string(),
    output: optional(z.string()),
    updated_at: optional(z.string()),
  })
  .loose();
export type FlyCheckStatus = z.infer<typeof flyCheckStatusSchema>;

/** `fly.MachineConfig`: only the image is required here; everything else is kept as it came. */
export const flyMachineConfigSchema = z
  .object({
    image: z.string().min(1),
    /** `additionalProperties: string`; flyctl writes fly_release_id, fly_release_version, fly_process_group. */
    metadata: optional(z.record(z.string(), z.string())),
    auto_destroy: optional(z.boolean()),
  })
  .loose();
export type FlyMachineConfig = z.infer<typeof flyMachineConfigSchema>;

/** `Machine`. */
export const flyMachineSchema = z
  .object({
    id: z.string().min(1),
    name: optional(z.string()),
    /** created, starting, started, stopping, stopped, suspended, replacing, destroying, destroyed, failed. */
    state: z.string(),
    region: optional(z.string()),
    /** "InstanceID is unique for each version of the machine". */
    instance_id: optional(z.string()),
    config: flyMachineConfigSchema,
    checks: optional(z.array(flyCheckStatusSchema)),
    created_at: optional(z.string()),
    updated_at: optional(z.string()),
  })
  .loose();
export type FlyMachine = z.infer<typeof flyMachineSchema>;

export const flyMachineListSchema = z.array(flyMachineSchema);

/** `Lease`. */
const flyLeaseDataSchema = z
  .object({
    nonce: optional(z.string()),
    /** Unix seconds. */
    expires_at: optional(z.number()),
    owner: optional(z.string()),
    description: optional(z.string()),
    version: optional(z.string()),
  })
  .loose();

/**
 * The lease endpoints' answer. The Swagger document describes a bare `Lease`; the API (and flyctl,
 * which reads `MachineLease{status, data{nonce, expires_at, owner}}`) wraps it in `{status, data}`.
 * Unverified which one a given API version sends, so both are accepted: `data` wins when present.
 */
export const flyLeaseResponseSchema = flyLeaseDataSchema.extend({
  status: optional(z.string()),
  data: optional(flyLeaseDataSchema),
  message: optional(z.string()),
  code: optional(z.string()),
});

export interface FlyLease {
  nonce: string;
  /** Epoch ms, when the API says. */
  expiresAt?: number;
  owner?: string;
  description?: string;
}

/** The lease inside either answer shape, or undefined when it carries no nonce. */
export function leaseFromResponse(body: z.infer<typeof flyLeaseResponseSchema>): FlyLease | undefined {
  const lease = body.data ?? body;
  if (!lease.nonce) return undefined;
  return {
    nonce: lease.nonce,
    expiresAt: lease.expires_at === undefined ? undefined : lease.expires_at * 1000,
    owner: lease.owner,
    description: lease.description,
  };
}
