/**
 * The decision: the runbook's flowchart applied to what was detected, as five rules in order
 * (README, decide). Pure: no I/O, so the guard and the action share it as is.
 */
import { formatDuration } from '../core/parse.js';
import {
  DEFAULT_MATRIX,
  type IssueType,
  type Matrix,
  type MatrixRow,
  type Priority,
  type Severity,
} from './matrix.js';

export const DECISION_ACTIONS = ['none', 'monitor', 'config', 'code', 'data', 'full'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

export interface DecideFacts {
  issueType: IssueType;
  /** Overrides the matrix row's severity. */
  severity?: Severity;
  affectingUsers: boolean;
  /** Observed error rate (0..1), when known. */
  errorRate?: number;
  errorRateThreshold: number;
  dataLoss: boolean;
  deploymentCaused: boolean;
  dataCompromised: boolean;
}

export interface RuleOutcome {
  rule: 1 | 2 | 3 | 4 | 5;
  /** What the rule said, in a few words. */
  effect: string;
}

export interface Decision {
  action: DecisionAction;
  codeRollback: boolean;
  dataRollback: boolean;
  priority: Priority;
  severity: Severity;
  maxDowntimeMs: number;
  /** One sentence naming the rules that fired. */
  reason: string;
  /** The rules that fired, in order, with what each did. */
  fired: RuleOutcome[];
  /** The matrix row used (after any policy override). */
  row: MatrixRow;
}

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');
const percent = (rate: number): string => `${Number((rate * 100).toFixed(2))}%`;

export function decide(facts: DecideFacts, matrix: Readonly<Matrix> = DEFAULT_MATRIX): Decision {
  const row = matrix[facts.issueType];
  const severity = facts.severity ?? row.severity;
  const fired: RuleOutcome[] = [];

  // Rule 1: nobody is affected: monitor and fix in the next release; nothing else applies.
  if (!facts.affectingUsers) {
    fired.push({
      rule: 1,
      effect: 'users are not affected, so monitor and fix in the next release without a rollback',
    });
    return finish('monitor', false, false, 'P2');
  }

  // Rule 2: the matrix row, with "maybe" resolved.
  let code = row.codeRollback;
  let data = row.dataRollback;
  const resolved: string[] = [];
  if (code === 'maybe') {
    code = facts.deploymentCaused;
    resolved.push(`code rollback "maybe" → ${yesNo(code)} as deployment-caused is ${facts.deploymentCaused}`);
  }
  if (data === 'maybe') {
    data = facts.dataCompromised;
    resolved.push(`data rollback "maybe" → ${yesNo(data)} as data-compromised is ${facts.dataCompromised}`);
  }
  fired.push({
    rule: 2,
    effect: `matrix row ${facts.issueType} gives code rollback ${yesNo(code)}, data rollback ${yesNo(data)}, ${row.priority}${
      resolved.length ? ` (${resolved.join('; ')})` : ''
    }`,
  });
  let priority = row.priority;

  // Rule 3: lost data must come back from a backup.
  if (facts.dataLoss) {
    data = true;
    fired.push({ rule: 3, effect: 'data loss was reported, so data rollback' });
  }

  // Rule 4: an error rate over the threshold is a code rollback at P0, whatever the row says.
  if (facts.errorRate !== undefined && facts.errorRate > facts.errorRateThreshold) {
    code = true;
    priority = 'P0';
    fired.push({
      rule: 4,
      effect: `error rate ${percent(facts.errorRate)} is above the ${percent(facts.errorRateThreshold)} threshold, so code rollback at P0`,
    });
  }

  // Rule 5: the action follows from the two rollbacks.
  const action: DecisionAction =
    code && data
      ? 'full'
      : code
        ? 'code'
        : data
          ? 'data'
          : facts.issueType === 'config-error'
            ? 'config'
            : 'none';
  return finish(action, code, data, priority);

  function finish(
    action: DecisionAction,
    codeRollback: boolean,
    dataRollback: boolean,
    priority: Priority,
  ): Decision {
    if (action !== 'monitor') fired.push({ rule: 5, effect: `action ${action}` });
    const reason = `Action ${action} at ${priority}, because ${fired
      .filter((f) => f.rule !== 5)
      .map((f) => `${f.effect} (rule ${f.rule})`)
      .join('; ')}.`;
    return {
      action,
      codeRollback,
      dataRollback,
      priority,
      severity,
      maxDowntimeMs: row.maxDowntimeMs,
      reason,
      fired,
      row,
    };
  }
}

/** The decide outputs, as the README's decide section names them. */
export function decisionOutputs(decision: Decision): Record<string, string> {
  return {
    action: decision.action,
    'code-rollback': String(decision.codeRollback),
    'data-rollback': String(decision.dataRollback),
    priority: decision.priority,
    severity: decision.severity,
    'max-downtime': formatDuration(decision.maxDowntimeMs),
    reason: decision.reason,
  };
}
