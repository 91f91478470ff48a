/**
 * Policy files: a YAML or JSON mapping from issue type to a partial matrix row that overrides the
 * built-in one, checked by a zod schema. Everything wrong with a file is a configuration error
 * naming `policy`, the file and each bad field (all at once, in the file's order), found before the
 * decision is made.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigurationError } from '../core/errors.js';
import { readInputFile } from '../core/files.js';
import { DURATION_ACCEPTED, ParseError, parseDuration } from '../core/parse.js';
import {
  DEFAULT_MATRIX,
  ISSUE_TYPES,
  PRIORITIES,
  SEVERITIES,
  type IssueType,
  type Matrix,
  type RollbackChoice,
} from './matrix.js';

/** A policy is a few rows; a file far larger is not one. */
const MAX_POLICY_BYTES = 1024 * 1024;

const ROW_FIELDS = ['severity', 'code-rollback', 'data-rollback', 'max-downtime', 'priority'] as const;

/** Reads a policy file and returns the matrix with its rows applied. */
export async function loadPolicy(file: string, input = 'policy'): Promise<Matrix> {
  let text: string;
  try {
    text = readInputFile(file, {
      name: 'the policy file ',
      expected: 'the path of a YAML or JSON file',
      maxBytes: MAX_POLICY_BYTES,
    });
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    throw ConfigurationError.single(input, error.message);
  }
  return parsePolicy(text, file, input);
}

/** "is 'P9'; expected one of P0, P1, P2": what a bad value was, and what is accepted. */
const was = (accepted: string) => (issue: { input?: unknown }) =>
  `is ${show(issue.input)}; expected ${accepted}`;

const rollbackChoiceSchema = z.unknown().transform((value, ctx): RollbackChoice => {
  const choice = rollbackChoice(value);
  if (choice !== undefined) return choice;
  ctx.addIssue({ code: 'custom', message: was('true, false or maybe')({ input: value }) });
  return z.NEVER;
});

const durationSchema = z.unknown().transform((value, ctx): number => {
  try {
    if (typeof value !== 'string' && typeof value !== 'number') throw new ParseError('not text');
    return parseDuration(String(value));
  } catch {
    ctx.addIssue({ code: 'custom', message: was(DURATION_ACCEPTED)({ input: value }) });
    return z.NEVER;
  }
});

/** A row: any of the matrix row's fields, by their policy-file names. */
const rowSchema = z.strictObject(
  {
    severity: z.enum(SEVERITIES, { error: was(`one of ${SEVERITIES.join(', ')}`) }).optional(),
    'code-rollback': rollbackChoiceSchema.optional(),
    'data-rollback': rollbackChoiceSchema.optional(),
    'max-downtime': durationSchema.optional(),
    priority: z.enum(PRIORITIES, { error: was(`one of ${PRIORITIES.join(', ')}`) }).optional(),
  },
  { error: `must be a mapping with any of ${ROW_FIELDS.join(', ')}` },
);

/** The file: issue type → row. */
const policySchema = z.strictObject(
  Object.fromEntries(ISSUE_TYPES.map((type) => [type, rowSchema.optional()])) as Record<
    IssueType,
    z.ZodOptional<typeof rowSchema>
  >,
);

/** Parses policy text (YAML, or JSON, which is YAML too) into a full matrix. */
export function parsePolicy(text: string, file: string, input = 'policy'): Matrix {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw ConfigurationError.single(input, `policy file '${file}' is not valid YAML or JSON: ${detail}`);
  }
  if (!isMapping(document)) {
    throw ConfigurationError.single(
      input,
      `policy file '${file}' must be a mapping from issue type to a row (${ISSUE_TYPES.join(', ')})`,
    );
  }
  const parsed = policySchema.safeParse(document);
  if (!parsed.success) {
    const problems = fieldProblems(parsed.error.issues, document).map(({ field, message }) => ({
      input,
      message: `policy file '${file}': field '${field}' ${message}`,
    }));
    throw new ConfigurationError(problems);
  }
  const matrix: Matrix = { ...DEFAULT_MATRIX };
  for (const issueType of ISSUE_TYPES) {
    const row = parsed.data[issueType];
    if (!row) continue;
    matrix[issueType] = {
      ...matrix[issueType],
      ...defined({
        severity: row.severity,
        codeRollback: row['code-rollback'],
        dataRollback: row['data-rollback'],
        maxDowntimeMs: row['max-downtime'],
        priority: row.priority,
      }),
    };
  }
  return matrix;
}

/** One problem per bad field ('critical-bug.priority'), in the order the file has them. */
function fieldProblems(
  issues: z.core.$ZodIssue[],
  document: Record<string, unknown>,
): { field: string; message: string }[] {
  const problems = issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code !== 'unrecognized_keys') return [{ path, message: issue.message }];
    const accepted =
      path.length === 0
        ? `is not an issue type; expected one of ${ISSUE_TYPES.join(', ')}`
        : `is not a row field; expected any of ${ROW_FIELDS.join(', ')}`;
    return issue.keys.map((key) => ({ path: [...path, key], message: accepted }));
  });
  const position = ([issueType = '', field = '']: string[]): [number, number] => {
    const row = document[issueType];
    const fields = isMapping(row) ? Object.keys(row) : [];
    return [Object.keys(document).indexOf(issueType), fields.indexOf(field)];
  };
  const before = ([rowA, fieldA]: [number, number], [rowB, fieldB]: [number, number]) =>
    rowA - rowB || fieldA - fieldB;
  return problems
    .sort((a, b) => before(position(a.path), position(b.path)))
    .map(({ path, message }) => ({ field: path.join('.'), message }));
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The object without its undefined values (so a row only overrides the fields it names). */
function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function rollbackChoice(value: unknown): RollbackChoice | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const lower = value.trim().toLowerCase();
  if (lower === 'true' || lower === 'yes') return true;
  if (lower === 'false' || lower === 'no') return false;
  if (lower === 'maybe') return 'maybe';
  return undefined;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
}
