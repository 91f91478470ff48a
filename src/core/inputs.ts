/**
 * Action inputs, declared once per action. Each input is a zod schema from the raw text the runner
 * (or the CLI) passes to a typed value, plus what the reader needs around it: the default text
 * (the same text as `default:` in action.yml, parsed the same way), whether it is required, whether
 * it is a secret, and a sentence saying what is accepted.
 *
 * `readInputs` validates every input at once and throws a single ConfigurationError listing every
 * bad input, before the action has done anything.
 */
import { z } from 'zod';
import { ConfigurationError, type InputProblem } from './errors.js';
import {
  BOOLEAN_ACCEPTED,
  DURATION_ACCEPTED,
  HEADERS_ACCEPTED,
  ParseError,
  RATE_ACCEPTED,
  STATUS_LIST_ACCEPTED,
  parseBoolean,
  parseDuration,
  parseHeaders,
  parseList,
  parseRate,
  parseStatusList,
  type StatusList,
} from './parse.js';
import type { Secrets } from './secrets.js';
import { HTTP_URL_ACCEPTED, parseHttpUrl, urlCredentialsIn } from './urls.js';

interface FieldOptions {
  required: boolean;
  defaultText?: string;
  secret: boolean;
}

/**
 * One declared input: how to parse it, and its metadata. `T` is the parsed type; `P` says whether a
 * value is always there at run time (`required()` or `default()`) or may be missing.
 */
export class InputField<T, P extends 'present' | 'optional' = 'optional'> {
  /** Type-level marker only; never set. */
  declare readonly presence: P;

  constructor(
    /** Parses non-empty raw text. */
    readonly schema: z.ZodType<T, string>,
    /** What is accepted, for error messages and help. */
    readonly accepted: string,
    readonly options: FieldOptions = { required: false, secret: false },
    /** Secret values inside the raw text (for header lists, each value). */
    readonly secretsIn: (raw: string) => string[] = (raw) => [raw],
  ) {}

  /** The input must be given (and has no default). */
  required(): InputField<T, 'present'> {
    return new InputField<T, 'present'>(
      this.schema,
      this.accepted,
      { ...this.options, required: true },
      this.secretsIn,
    );
  }

  /** The text used when the input is not given; it is parsed like any given text. */
  default(text: string): InputField<T, 'present'> {
    return new InputField<T, 'present'>(
      this.schema,
      this.accepted,
      { ...this.options, defaultText: text },
      this.secretsIn,
    );
  }

  /** The value is masked in logs and redacted from everything written. */
  secret(): InputField<T, P> {
    return new InputField<T, P>(
      this.schema,
      this.accepted,
      { ...this.options, secret: true },
      this.secretsIn,
    );
  }
}

/** Raw text → value, or a ParseError message; shared by the field builders below. */
function parsed<T>(parse: (text: string) => T): z.ZodType<T, string> {
  return z.string().transform((text, ctx) => {
    try {
      return parse(text);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: error instanceof Error ? error.message : String(error),
        params: { repeatsInput: !(error instanceof ParseError && !error.repeatsInput) },
      });
      return z.NEVER;
    }
  });
}

function enumAccepted(values: readonly string[]): string {
  return `one of ${values.join(', ')}`;
}

/** The field builders. Every input of every action is one of these. */
export const input = {
  string: () => new InputField(z.string(), 'any text'),

  enum: <const V extends readonly [string, ...string[]]>(values: V) =>
    new InputField<V[number]>(
      parsed((text) => {
        const lower = text.trim().toLowerCase();
        const found = values.find((v) => v === lower);
        if (!found) throw new ParseError(`'${text}' is not ${enumAccepted(values)}`);
        return found;
      }),
      enumAccepted(values),
    ),

  boolean: () => new InputField(parsed(parseBoolean), BOOLEAN_ACCEPTED),

  /** Milliseconds. */
  duration: (limits: { min?: number; max?: number } = {}) => {
    const range = rangeText(limits, (ms) => `${ms}ms`);
    return new InputField(
      parsed((text) => {
        const ms = parseDuration(text);
        checkRange(text, ms, limits, (v) => `${v}ms`);
        return ms;
      }),
      DURATION_ACCEPTED + range,
    );
  },

  /** A fraction between 0 and 1. */
  rate: () => new InputField(parsed(parseRate), RATE_ACCEPTED),

  statusList: () => new InputField<StatusList>(parsed(parseStatusList), STATUS_LIST_ACCEPTED),

  integer: (limits: { min?: number; max?: number } = {}) => {
    const accepted = `a whole number${rangeText(limits, String)}`;
    return new InputField(
      parsed((text) => {
        if (!/^-?\d+$/.test(text.trim())) throw new ParseError(`'${text}' is not ${accepted}`);
        const value = Number(text.trim());
        checkRange(text, value, limits, String);
        return value;
      }),
      accepted,
    );
  },

  /** One or more http(s) URLs, one per line. */
  urls: () =>
    new InputField(
      parsed((text) => {
        const urls = parseList(text, /\n/);
        if (urls.length === 0) throw new ParseError('no URL given');
        return urls.map(parseHttpUrl);
      }),
      'one or more http(s) URLs, one per line, without a user name or password',
    ),

  url: () => new InputField(parsed(parseHttpUrl), `${HTTP_URL_ACCEPTED}, without a user name or password`),

  /** Comma- or newline-separated names. */
  list: () =>
    new InputField(
      parsed((text) => parseList(text)),
      'names separated by commas or new lines',
    ),

  /** 'Name: value' lines; every value is a secret. */
  headers: () =>
    new InputField(parsed(parseHeaders), HEADERS_ACCEPTED, { required: false, secret: true }, (raw) =>
      parseList(raw, /\n/)
        .map((line) => line.slice(line.indexOf(':') + 1).trim())
        .filter((value) => value !== ''),
    ),

  /** An ISO 8601 time, as a Date. */
  time: () =>
    new InputField(
      parsed((text) => {
        const trimmed = text.trim();
        const date = new Date(trimmed);
        if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed) || Number.isNaN(date.getTime())) {
          throw new ParseError(`'${text}' is not an ISO 8601 time such as '2024-01-15T02:00:00Z'`);
        }
        return date;
      }),
      "an ISO 8601 time such as '2024-01-15T02:00:00Z'",
    ),

  /** Anything else: a parse function that throws ParseError, and what it accepts. */
  custom: <T>(parse: (text: string) => T, accepted: string) => new InputField(parsed(parse), accepted),
};

function rangeText(limits: { min?: number; max?: number }, show: (v: number) => string): string {
  if (limits.min !== undefined && limits.max !== undefined)
    return ` from ${show(limits.min)} to ${show(limits.max)}`;
  if (limits.min !== undefined) return ` of at least ${show(limits.min)}`;
  if (limits.max !== undefined) return ` of at most ${show(limits.max)}`;
  return '';
}

function checkRange(
  text: string,
  value: number,
  limits: { min?: number; max?: number },
  show: (v: number) => string,
): void {
  if ((limits.min !== undefined && value < limits.min) || (limits.max !== undefined && value > limits.max)) {
    throw new ParseError(`'${text}' is out of range; expected a value${rangeText(limits, show)}`);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = InputField<any, 'present' | 'optional'>;
export type InputShape = Record<string, AnyField>;

type ValueOf<F> = F extends InputField<infer T, infer P> ? (P extends 'present' ? T : T | undefined) : never;

/** The parsed inputs: `| undefined` only where the declaration has neither a default nor `required()`. */
export type InputValues<S extends InputShape> = { [K in keyof S]: ValueOf<S[K]> };

/** Problems that involve more than one input (e.g. "give `backup` or `backup-dir`"). */
export type CrossCheck<S extends InputShape> = (values: InputValues<S>) => InputProblem[];

/**
 * Problems found from the inputs that are valid on their own, checked even when others are not, so
 * that every bad input is reported in one run. `invalid` names the inputs that failed their own
 * check (their values are undefined here).
 */
export type PartialCheck<S extends InputShape> = (
  values: Partial<InputValues<S>>,
  invalid: ReadonlySet<string>,
) => InputProblem[];

/**
 * An action's inputs. The checks are declared as methods so that a spec of any shape can stand in a
 * list of specs (`InputSpec<InputShape>`: the action registry, the provider registry) without a cast;
 * each spec is only ever read with its own fields, so its checks only ever see their own values.
 */
export interface InputSpec<S extends InputShape> {
  readonly fields: S;
  /** Runs when every input is valid on its own. */
  crossCheck?(values: InputValues<S>): InputProblem[];
  /** Runs always (see PartialCheck). */
  partialCheck?(values: Partial<InputValues<S>>, invalid: ReadonlySet<string>): InputProblem[];
}

export function defineInputs<S extends InputShape>(
  fields: S,
  crossCheck?: CrossCheck<S>,
  partialCheck?: PartialCheck<S>,
): InputSpec<S> {
  return { fields, crossCheck, partialCheck };
}

/** Raw input text by input name; missing or blank means "not given". */
export type RawInputs = Record<string, string | undefined>;

/** The raw inputs the GitHub runner passes: `INPUT_<NAME>` with the name upper-cased. */
export function rawInputsFromEnv<S extends InputShape>(
  spec: InputSpec<S>,
  env: NodeJS.ProcessEnv,
): RawInputs {
  const raw: RawInputs = {};
  for (const name of Object.keys(spec.fields)) {
    raw[name] = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
  }
  return raw;
}

/**
 * Registers every secret input's value (before anything else may log it), and the credentials of
 * any URL in any input: such a URL is refused, but the error must not be what prints them.
 */
export function registerSecrets<S extends InputShape>(
  spec: InputSpec<S>,
  raw: RawInputs,
  secrets: Secrets,
): void {
  for (const [name, field] of Object.entries(spec.fields)) {
    const text = raw[name]?.trim();
    if (!text) continue;
    for (const credential of urlCredentialsIn(text)) secrets.add(credential);
    if (!field.options.secret) continue;
    const parts = field.secretsIn(text);
    // A list of secrets (headers) is redacted whole, and each part down to its pieces.
    const isList = parts.length !== 1 || parts[0] !== text;
    secrets.add(text, { pieces: !isList });
    for (const value of parts) secrets.add(value);
  }
}

/**
 * Validates all inputs at once. Returns the typed values, or throws a ConfigurationError with one
 * problem per bad input. Secret inputs are never echoed in a problem.
 */
export function readInputs<S extends InputShape>(spec: InputSpec<S>, raw: RawInputs): InputValues<S> {
  const problems: InputProblem[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(spec.fields)) {
    const given = raw[name]?.trim() ? (raw[name] as string).trim() : undefined;
    const text = given ?? field.options.defaultText;
    if (text === undefined) {
      if (field.options.required)
        problems.push({ input: name, message: `is required; expected ${field.accepted}` });
      values[name] = undefined;
      continue;
    }
    const result = field.schema.safeParse(text);
    if (result.success) {
      values[name] = result.data;
    } else {
      const issues = result.error.issues;
      // A secret input's problem is shown only when its message cannot hold the secret.
      const shown = field.options.secret
        ? issues.filter((issue) => issue.code === 'custom' && issue.params?.repeatsInput === false)
        : issues;
      const detail =
        shown.length > 0
          ? shown.map((issue) => issue.message).join('; ')
          : `is not valid; expected ${field.accepted}`;
      problems.push({ input: name, message: detail });
    }
  }
  if (spec.partialCheck) {
    const invalid = new Set(problems.map((problem) => problem.input));
    problems.push(...spec.partialCheck(values as Partial<InputValues<S>>, invalid));
  }
  if (problems.length === 0 && spec.crossCheck) {
    problems.push(...spec.crossCheck(values as InputValues<S>));
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return values as InputValues<S>;
}
