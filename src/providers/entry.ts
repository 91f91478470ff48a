/**
 * What a provider brings to the rest of rollback-guard: one entry, written in the provider's own
 * folder (`railway/entry.ts`) and listed once in `registry.ts`. Everything outside the provider's
 * folder that differs by provider — the provider names, the CLI's token variables, the guard's
 * inputs and their checks, the sandbox list — is read from the entries.
 *
 * The next capabilities are fields of the entry too, each built on the entry's connection (issue 10:
 * `volumes(connection)`, the provider's volume snapshots; issue 11: `traffic(connection)`, its HTTP
 * metrics), so an action that takes the generic `provider`/`token`/`service`/... inputs gets a
 * provider's clients and capabilities without knowing which provider it is.
 */
import type { ActionContext } from '../core/action.js';
import type { InputValues } from '../core/inputs.js';
import type { RollbackActionDefinition, RollbackInputShape } from './rollback-action.js';

/**
 * The generic inputs that reach a provider's API, by the names every multi-provider action uses
 * (the guard today; the volume and traffic actions next). A provider maps the ones it needs onto its
 * own rollback inputs (Render: `token` → `api-key`, `service` → `service-id`); the others do not
 * apply to it.
 */
export const CONNECTION_INPUTS = ['token', 'token-type', 'service', 'environment', 'api-url'] as const;
export type ConnectionInput = (typeof CONNECTION_INPUTS)[number];

/** What building a provider's API clients may use from an action's context. */
export type ClientContext = Pick<ActionContext, 'http' | 'secrets' | 'clock' | 'sleep' | 'log' | 'random'>;

/**
 * One provider.
 * - `S`: the shape of its rollback action's inputs (the entry's input schema);
 * - `C`: the generic inputs (and provider-only endpoints, such as Fly's `graphql-url`) its connection
 *   reads, `O`: its provider-only rollback settings (Fly's `strategy`);
 * - `K`: the rollback inputs the connection fills, `Clients`: what `clients` builds.
 */
export interface ProviderEntry<
  N extends string = string,
  S extends RollbackInputShape = RollbackInputShape,
  C extends string = string,
  O extends string = string,
  K extends keyof S & string = keyof S & string,
  Clients = unknown,
> {
  /** The `provider` input's value, e.g. 'railway'. */
  readonly name: N;
  /** For people: 'Railway', 'Render', 'Fly.io'. */
  readonly title: string;
  /** The environment variable the CLI reads the token from, e.g. 'RAILWAY_TOKEN'. */
  readonly tokenEnv: string;
  /** Its rollback action: name (`rollback-railway`), input schema, and how it builds its provider. */
  readonly rollback: RollbackActionDefinition<S>;
  /**
   * Generic input → rollback input, for everything that reaches the provider's API. `token` and
   * `service` always; every rollback input outside it has a default (the registry's tests check).
   */
  readonly connection: { readonly [G in C]: K } & { readonly token: K; readonly service: K };
  /** Provider-only settings of the rollback: the guard's input name → the rollback input. */
  readonly settings: { readonly [G in O]: keyof S & string };
  /**
   * The provider's API clients, from its rollback inputs as the connection filled them (the token
   * registered as a secret in each form it may be sent in).
   */
  clients(values: Pick<InputValues<S>, K>, context: ClientContext): Clients;
}

/**
 * A provider reached from the generic inputs (`connect` in registry.ts): which one, the service as
 * given, and its API clients (Railway's GraphQL client, Render's REST client, Fly's Machines and
 * releases APIs). A capability field of an entry takes it: `volumes?(connection:
 * ProviderConnection<Clients>): ...`.
 */
export interface ProviderConnection<Clients = unknown> {
  provider: string;
  title: string;
  /** The service as the user gave it (for messages). */
  service: string;
  clients: Clients;
}

/** A provider entry with its types inferred from the literal (see the providers' `entry.ts`). */
export function defineProvider<
  const N extends string,
  S extends RollbackInputShape,
  const C extends string,
  const O extends string,
  K extends keyof S & string,
  Clients,
>(entry: ProviderEntry<N, S, C, O, K, Clients>): ProviderEntry<N, S, C, O, K, Clients> {
  return entry;
}
