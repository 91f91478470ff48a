/**
 * The runbook's decision matrix (README, decide):
 * for each issue type, its severity, whether to roll back code and data ("maybe" is resolved by the
 * rules), the longest acceptable downtime and the priority.
 */

export const ISSUE_TYPES = [
  'critical-bug',
  'data-corruption',
  'performance-degradation',
  'minor-bug',
  'config-error',
  'security-issue',
  'external-api-incompatibility',
  'none',
] as const;
export type IssueType = (typeof ISSUE_TYPES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PRIORITIES = ['P0', 'P1', 'P2'] as const;
export type Priority = (typeof PRIORITIES)[number];

export type RollbackChoice = boolean | 'maybe';

export interface MatrixRow {
  severity: Severity;
  codeRollback: RollbackChoice;
  dataRollback: RollbackChoice;
  /** Longest acceptable downtime, in milliseconds. */
  maxDowntimeMs: number;
  priority: Priority;
}

export type Matrix = Record<IssueType, MatrixRow>;

const MINUTE = 60_000;

// prettier-ignore
export const DEFAULT_MATRIX: Readonly<Matrix> = Object.freeze({
  'critical-bug': { severity: 'high', codeRollback: true, dataRollback: false, maxDowntimeMs: 5 * MINUTE, priority: 'P0' },
  'data-corruption': { severity: 'critical', codeRollback: 'maybe', dataRollback: true, maxDowntimeMs: 15 * MINUTE, priority: 'P0' },
  'performance-degradation': { severity: 'medium', codeRollback: true, dataRollback: false, maxDowntimeMs: 5 * MINUTE, priority: 'P1' },
  'minor-bug': { severity: 'low', codeRollback: false, dataRollback: false, maxDowntimeMs: 0, priority: 'P2' },
  'config-error': { severity: 'medium', codeRollback: false, dataRollback: false, maxDowntimeMs: 2 * MINUTE, priority: 'P1' },
  'security-issue': { severity: 'critical', codeRollback: true, dataRollback: 'maybe', maxDowntimeMs: 5 * MINUTE, priority: 'P0' },
  'external-api-incompatibility': { severity: 'high', codeRollback: true, dataRollback: false, maxDowntimeMs: 5 * MINUTE, priority: 'P0' },
  none: { severity: 'low', codeRollback: false, dataRollback: false, maxDowntimeMs: 0, priority: 'P2' },
} satisfies Matrix);
