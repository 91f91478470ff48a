/**
 * Policy files: a YAML or JSON mapping from issue type to a partial matrix row that overrides the
 * built-in one. Everything wrong with a file is a configuration error naming `policy`, the file and
 * the bad field, found before the decision is made.
 */
import { parse as parseYaml } from 'yaml';
import { ConfigurationError, type InputProblem } from '../core/errors.js';
import { readInputFile } from '../core/files.js';
import { DURATION_ACCEPTED, ParseError, parseDuration } from '../core/parse.js';
import {
  DEFAULT_MATRIX,
  ISSUE_TYPES,
  PRIORITIES,
  SEVERITIES,
  type IssueType,
  type Matrix,
  type MatrixRow,
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

/** Parses policy text (YAML, or JSON, which is YAML too) into a full matrix. */
export function parsePolicy(text: string, file: string, input = 'policy'): Matrix {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw ConfigurationError.single(input, `policy file '${file}' is not valid YAML or JSON: ${detail}`);
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw ConfigurationError.single(
      input,
      `policy file '${file}' must be a mapping from issue type to a row (${ISSUE_TYPES.join(', ')})`,
    );
  }

  const problems: InputProblem[] = [];
  const problem = (field: string, message: string) =>
    problems.push({ input, message: `policy file '${file}': field '${field}' ${message}` });
  const matrix: Matrix = { ...DEFAULT_MATRIX };

  for (const [issueType, rowValue] of Object.entries(document)) {
    if (!(ISSUE_TYPES as readonly string[]).includes(issueType)) {
      problem(issueType, `is not an issue type; expected one of ${ISSUE_TYPES.join(', ')}`);
      continue;
    }
    if (rowValue === null || typeof rowValue !== 'object' || Array.isArray(rowValue)) {
      problem(issueType, `must be a mapping with any of ${ROW_FIELDS.join(', ')}`);
      continue;
    }
    const row: MatrixRow = { ...matrix[issueType as IssueType] };
    for (const [field, value] of Object.entries(rowValue as Record<string, unknown>)) {
      const where = `${issueType}.${field}`;
      switch (field) {
        case 'severity':
          if (isOneOf(value, SEVERITIES)) row.severity = value;
          else problem(where, `is ${show(value)}; expected one of ${SEVERITIES.join(', ')}`);
          break;
        case 'priority':
          if (isOneOf(value, PRIORITIES)) row.priority = value;
          else problem(where, `is ${show(value)}; expected one of ${PRIORITIES.join(', ')}`);
          break;
        case 'code-rollback':
        case 'data-rollback': {
          const choice = rollbackChoice(value);
          if (choice === undefined) problem(where, `is ${show(value)}; expected true, false or maybe`);
          else if (field === 'code-rollback') row.codeRollback = choice;
          else row.dataRollback = choice;
          break;
        }
        case 'max-downtime':
          try {
            if (typeof value !== 'string' && typeof value !== 'number') throw new ParseError('not text');
            row.maxDowntimeMs = parseDuration(String(value));
          } catch {
            problem(where, `is ${show(value)}; expected ${DURATION_ACCEPTED}`);
          }
          break;
        default:
          problem(where, `is not a row field; expected any of ${ROW_FIELDS.join(', ')}`);
      }
    }
    matrix[issueType as IssueType] = row;
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return matrix;
}

function isOneOf<const V extends readonly string[]>(value: unknown, values: V): value is V[number] {
  return typeof value === 'string' && values.includes(value);
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
