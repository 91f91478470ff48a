/**
 * The providers rollback-guard supports, one entry each (see entry.ts), and what the rest of the
 * code derives from them: the provider names, the generic connection inputs and their checks, the
 * provider-only inputs, the token variables. A new provider is one folder (`src/providers/<name>/`
 * with its `entry.ts`) and one line in `PROVIDERS`.
 */
import { input, type InputField, type RawInputs } from '../core/inputs.js';
import { readInputsAs } from '../core/input-names.js';
import { ConfigurationError, type InputProblem } from '../core/errors.js';
import {
  CONNECTION_INPUTS,
  type ClientContext,
  type ProviderConnection,
  type ProviderEntry,
} from './entry.js';
import { flyProvider } from './fly/entry.js';
import { railwayProvider } from './railway/entry.js';
import { renderProvider } from './render/entry.js';
import type { RollbackInputShape } from './rollback-action.js';

export const PROVIDERS = {
  railway: railwayProvider,
  render: renderProvider,
  fly: flyProvider,
} satisfies Record<string, ProviderEntry>;

export type ProviderName = keyof typeof PROVIDERS;
type RegisteredEntry = (typeof PROVIDERS)[ProviderName];

/** The provider names, in registry order (the `provider` input accepts these). */
export const PROVIDER_NAMES = Object.keys(PROVIDERS) as [ProviderName, ...ProviderName[]];

/** Every entry, in registry order. */
export const PROVIDER_ENTRIES: readonly ProviderEntry[] = Object.values(PROVIDERS);

/** Inputs some provider takes and no generic name covers (Fly's `strategy`, Render's `disable-auto-deploy`). */
export type ProviderOnlyInput = Exclude<
  RegisteredEntry extends infer E
    ? E extends RegisteredEntry
      ? keyof E['connection'] | keyof E['settings']
      : never
    : never,
  (typeof CONNECTION_INPUTS)[number]
>;

/** The guard input names a provider takes, generic and provider-only alike. */
function inputsOf(entry: ProviderEntry): string[] {
  return [...Object.keys(entry.connection), ...Object.keys(entry.settings)];
}

/**
 * The provider-only inputs, each with the default of the rollback input it fills (the text an
 * action with that input declares as its default, e.g. the guard's `strategy: rolling`).
 */
export function providerOnlyInputs(): Record<ProviderOnlyInput, InputField<string, 'present'>> {
  const fields: Record<string, InputField<string, 'present'>> = {};
  for (const entry of PROVIDER_ENTRIES) {
    for (const [name, own] of [...Object.entries(entry.connection), ...Object.entries(entry.settings)]) {
      if ((CONNECTION_INPUTS as readonly string[]).includes(name)) continue;
      const field = entry.rollback.inputs.fields[own];
      fields[name] = input.string().default(field?.options.defaultText ?? '');
    }
  }
  return fields;
}

/**
 * Every input that applies to some providers only (the generic connection inputs and all
 * provider-only ones), given for `entry` but not taken by it: "does not apply to Render". `given`
 * holds the values the user set (an action leaves out the ones equal to its own default).
 */
export function inapplicableInputs(
  entry: ProviderEntry,
  given: Readonly<Record<string, unknown>>,
): InputProblem[] {
  const scoped = new Set<string>([...CONNECTION_INPUTS, ...PROVIDER_ENTRIES.flatMap(inputsOf)]);
  const taken = new Set(inputsOf(entry));
  return [...scoped]
    .filter((name) => given[name] !== undefined && !taken.has(name))
    .map((name) => ({ input: name, message: `does not apply to ${entry.title}; leave it empty` }));
}

/** The inputs of `entry`'s rollback action that the generic inputs fill, for reading them. */
export function rollbackInputNames(entry: ProviderEntry): Record<string, string> {
  return { ...entry.connection, ...entry.settings };
}

/** The token variable of each action that takes a provider token as an input (for the CLI). */
export function tokenVariables(): Record<string, Record<string, string>> {
  return Object.fromEntries(
    PROVIDER_ENTRIES.map((entry) => [entry.rollback.name, { [entry.connection.token]: entry.tokenEnv }]),
  );
}

/**
 * Checks the generic inputs for `entry` (`service` as a Railway id, a Render service id or a Fly app
 * name; `environment` refused for Render) and builds its clients. The token is registered as a
 * secret first. Throws one ConfigurationError with every problem, under the generic input names,
 * before any request.
 */
export function connect<Clients>(
  entry: ProviderEntry<string, RollbackInputShape, string, string, string, Clients>,
  given: RawInputs,
  context: ClientContext,
): ProviderConnection<Clients> {
  const fields = entry.rollback.inputs.fields;
  for (const [name, own] of Object.entries(entry.connection)) {
    if (fields[own]?.options.secret) context.secrets.add(given[name]?.trim());
  }
  const read = readInputsAs(entry.rollback.inputs, given, entry.connection);
  const problems = [...read.problems, ...inapplicableInputs(entry, withoutBlanks(given))];
  if (problems.length > 0 || !read.values) throw new ConfigurationError(problems);
  return {
    provider: entry.name,
    title: entry.title,
    service: given.service?.trim() ?? '',
    clients: entry.clients(read.values, context),
  };
}

function withoutBlanks(given: RawInputs): Record<string, string> {
  return Object.fromEntries(
    Object.entries(given).filter((entry): entry is [string, string] => Boolean(entry[1]?.trim())),
  );
}
