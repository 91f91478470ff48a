/**
 * Smoke tests for `verify`: a list, in a YAML or JSON file or inline YAML, of requests with what
 * their answers must show:
 *
 *   - name: login page            # required, unique, no commas (it is named in failed-checks)
 *     method: GET                 # default GET
 *     path: /login                # resolved against the first URL's origin; or `url:` (absolute)
 *     headers: { X-Probe: smoke } # merged over the action's `headers`; values are secrets
 *     body: { user: probe }       # text as is, anything else as JSON
 *     expect-status: 200          # a code, '200,204,300-399', or a list; default: expect-status
 *     expect-body: Sign in        # a substring the body must contain
 *     expect-json: { data.items.0.id: 7 }   # values at dot paths (array indexes are numbers)
 *     max-latency: 2s             # a duration (a bare number is seconds, as everywhere)
 *
 * Everything wrong with the list is a ParseError naming the test and the field, which the input
 * reader reports as a configuration error naming `smoke-tests`, before any request.
 */
import { existsSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { FetchLike } from '../core/http.js';
import type { Clock } from '../core/clock.js';
import { readInputFile } from '../core/files.js';
import { parseHttpUrl } from '../core/urls.js';
import {
  DURATION_ACCEPTED,
  ParseError,
  STATUS_LIST_ACCEPTED,
  headerProblem,
  parseDuration,
  parseStatusList,
  type StatusList,
} from '../core/parse.js';
import { runProbe } from './probe.js';

export const SMOKE_TESTS_ACCEPTED =
  'the path of a YAML or JSON file, or inline YAML: a list of {name, method, path or url, headers, body, expect-status, expect-body, expect-json, max-latency}';

/** A list of smoke tests is a few kilobytes; a file far larger is not one. */
const MAX_SMOKE_TEST_FILE_BYTES = 1024 * 1024;

/** Check names verify uses itself; a smoke test may not take them. */
export const RESERVED_CHECK_NAMES = ['service-up', 'error-rate', 'latency'] as const;

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const FIELDS = [
  'name',
  'method',
  'path',
  'url',
  'headers',
  'body',
  'expect-status',
  'expect-body',
  'expect-json',
  'max-latency',
] as const;

export interface SmokeTest {
  name: string;
  method: (typeof METHODS)[number];
  /** A path against the first URL's origin, or an absolute URL. */
  path?: string;
  url?: URL;
  headers: Record<string, string>;
  body?: string;
  /** Default: the action's expect-status. */
  expectStatus?: StatusList;
  expectBody?: string;
  /** Dot path to expected value. */
  expectJson?: Record<string, unknown>;
  maxLatencyMs?: number;
}

/** Text → value inside a zod schema, with the parser's message as the issue. */
function via<T>(parse: (text: string) => T) {
  return (value: string | number, ctx: z.RefinementCtx): T => {
    try {
      return parse(String(value));
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  };
}

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const smokeTestSchema = z
  .strictObject({
    name: z
      .string({ error: 'must be text' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .refine((name) => !name.includes(','), {
        error: 'must not contain a comma (failed-checks lists names with commas)',
      })
      .refine((name) => !(RESERVED_CHECK_NAMES as readonly string[]).includes(name), {
        error: `must not be one of ${RESERVED_CHECK_NAMES.join(', ')} (verify's own checks)`,
      }),
    method: z
      .string({ error: `must be one of ${METHODS.join(', ')}` })
      .transform((m) => m.trim().toUpperCase())
      .pipe(z.enum(METHODS, { error: `must be one of ${METHODS.join(', ')}` }))
      .default('GET'),
    path: z.string({ error: "must be text such as '/api/status'" }).min(1).optional(),
    url: z.string({ error: 'must be an http(s) URL' }).transform(via(parseHttpUrl)).optional(),
    headers: z
      .record(z.string(), scalar, {
        error: "must be a mapping of header names to values, such as {X-Probe: 'smoke'}",
      })
      .transform((headers) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])))
      .superRefine((headers, ctx) => {
        for (const [name, value] of Object.entries(headers)) {
          const problem = headerProblem(name, value);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }
      })
      .default({}),
    body: z.unknown().optional(),
    'expect-status': z
      .union([z.number(), z.string(), z.array(z.number())], { error: `must be ${STATUS_LIST_ACCEPTED}` })
      .transform((value) => (Array.isArray(value) ? value.join(',') : String(value)))
      .transform(via(parseStatusList))
      .optional(),
    'expect-body': z.string({ error: 'must be text' }).optional(),
    'expect-json': z
      .record(z.string(), z.unknown(), {
        error: "must be a mapping of dot paths to expected values, such as {'data.items.0.id': 7}",
      })
      .optional(),
    'max-latency': z
      .union([z.string(), z.number()], { error: `must be ${DURATION_ACCEPTED}` })
      .transform(via(parseDuration))
      .optional(),
  })
  .refine((test) => (test.path === undefined) !== (test.url === undefined), {
    error: "needs either 'path' or 'url' (one of the two)",
  });

/** Reads the `smoke-tests` input: a file that exists, or inline YAML. */
export function parseSmokeTests(text: string): SmokeTest[] {
  const trimmed = text.trim();
  const inline = /\n/.test(trimmed) || /^[-[{]/.test(trimmed);
  if (!inline) {
    if (!existsSync(trimmed)) {
      throw new ParseError(
        `'${trimmed}' is not a file that exists, nor an inline YAML list; expected ${SMOKE_TESTS_ACCEPTED}`,
      );
    }
    const text = readInputFile(trimmed, {
      expected: SMOKE_TESTS_ACCEPTED,
      maxBytes: MAX_SMOKE_TEST_FILE_BYTES,
    });
    return parseSmokeTestText(text, `file '${trimmed}'`);
  }
  return parseSmokeTestText(trimmed, 'inline list');
}

export function parseSmokeTestText(text: string, where: string): SmokeTest[] {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    const detail = error instanceof Error ? (error.message.split('\n')[0] as string) : String(error);
    throw new ParseError(`${where} is not valid YAML or JSON: ${detail}`);
  }
  if (!Array.isArray(document) || document.length === 0) {
    throw new ParseError(
      `${where} must be a non-empty list of smoke tests; expected ${SMOKE_TESTS_ACCEPTED}`,
    );
  }
  const problems: string[] = [];
  const tests: SmokeTest[] = [];
  document.forEach((item, index) => {
    const label = `smoke test ${index + 1}${isNamed(item) ? ` ('${item.name}')` : ''}`;
    const parsed = smokeTestSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${label}: ${describeIssue(issue)}`);
      return;
    }
    const test = parsed.data;
    if (tests.some((t) => t.name === test.name))
      problems.push(`${label}: field 'name' repeats an earlier test's name`);
    tests.push({
      name: test.name,
      method: test.method,
      path: test.path,
      url: test.url,
      ...encodeBody(test.body, test.headers),
      expectStatus: test['expect-status'],
      expectBody: test['expect-body'],
      expectJson: test['expect-json'],
      maxLatencyMs: test['max-latency'],
    });
  });
  if (problems.length > 0) throw new ParseError(`${where}: ${problems.join('; ')}`);
  return tests;
}

function isNamed(item: unknown): item is { name: string } {
  return typeof (item as { name?: unknown })?.name === 'string';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}; expected ${FIELDS.join(', ')}`;
  }
  if (issue.code === 'invalid_type' && issue.path.length === 0)
    return `must be a mapping with ${FIELDS.join(', ')}`;
  const field = issue.path.length ? `field '${issue.path.map(String).join('.')}' ` : '';
  return `${field}${issue.message}`;
}

/** A body as text: strings as they are, anything else as JSON (with a JSON content type unless given). */
function encodeBody(
  body: unknown,
  headers: Record<string, string>,
): { body?: string; headers: Record<string, string> } {
  if (body === undefined || body === null) return { headers };
  if (typeof body === 'string') return { body, headers };
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  return {
    body: JSON.stringify(body),
    headers: hasType ? headers : { ...headers, 'content-type': 'application/json' },
  };
}

/** The value at a dot path ('data.items.0.id'); `found: false` when the path does not exist. */
export function valueAtPath(document: unknown, path: string): { found: boolean; value?: unknown } {
  let current: unknown = document;
  for (const key of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(key) && Number(key) < current.length)
      current = current[Number(key)];
    else if (
      current !== null &&
      typeof current === 'object' &&
      !Array.isArray(current) &&
      Object.hasOwn(current, key)
    )
      current = (current as Record<string, unknown>)[key];
    else return { found: false };
  }
  return { found: true, value: current };
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a as object);
  const keysB = Object.keys(b as object);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

export interface SmokeTestResult {
  name: string;
  method: string;
  url: string;
  passed: boolean;
  status?: number;
  latencyMs?: number;
  /** What did not hold; empty when it passed. */
  problems: string[];
}

export interface SmokeTestSettings {
  /** Paths resolve against this origin. */
  origin: string;
  /** The action's headers; a test's own headers win. */
  headers: Record<string, string>;
  expectStatus: StatusList;
  requestTimeoutMs: number;
}

export async function runSmokeTest(
  test: SmokeTest,
  settings: SmokeTestSettings,
  deps: { fetch: FetchLike; clock: Clock },
): Promise<SmokeTestResult> {
  const url =
    test.url ?? new URL(test.path?.startsWith('/') ? test.path : `/${test.path ?? ''}`, settings.origin);
  const result = await runProbe(
    {
      url,
      method: test.method,
      headers: mergeHeaders(settings.headers, test.headers),
      body: test.body,
      expectStatus: test.expectStatus ?? settings.expectStatus,
      expectBody: test.expectBody,
      timeoutMs: settings.requestTimeoutMs,
      healthBody: false,
    },
    deps,
  );
  const problems: string[] = [];
  if (result.outcome !== 'pass') problems.push(result.detail ?? result.outcome);
  if (result.outcome === 'pass' && test.expectJson)
    problems.push(...jsonProblems(result.body ?? '', test.expectJson));
  if (
    test.maxLatencyMs !== undefined &&
    result.latencyMs !== undefined &&
    result.latencyMs > test.maxLatencyMs
  ) {
    problems.push(`took ${Math.round(result.latencyMs)} ms, more than max-latency ${test.maxLatencyMs} ms`);
  }
  return {
    name: test.name,
    method: test.method,
    url: url.toString(),
    passed: problems.length === 0,
    status: result.status,
    latencyMs: result.latencyMs,
    problems,
  };
}

function jsonProblems(body: string, expected: Record<string, unknown>): string[] {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return ['the body is not JSON, so expect-json cannot hold'];
  }
  const problems: string[] = [];
  for (const [path, want] of Object.entries(expected)) {
    const { found, value } = valueAtPath(document, path);
    if (!found) problems.push(`expect-json '${path}': not in the body`);
    else if (!sameJson(value, want))
      problems.push(`expect-json '${path}': is ${short(value)}, expected ${short(want)}`);
  }
  return problems;
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function mergeHeaders(base: Record<string, string>, own: Record<string, string>): Record<string, string> {
  const merged: Record<string, string> = {};
  const ownNames = new Set(Object.keys(own).map((name) => name.toLowerCase()));
  for (const [name, value] of Object.entries(base))
    if (!ownNames.has(name.toLowerCase())) merged[name] = value;
  return { ...merged, ...own };
}
