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

/** What the rules have settled so far. */
interface Settled {
  code: boolean;
  data: boolean;
  priority: Priority;
  fired: RuleOutcome[];
}

/** Rule 2: the matrix row, with "maybe" resolved by the facts. */
function matrixRow(facts: DecideFacts, row: MatrixRow): Settled {
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
  const effect = `matrix row ${facts.issueType} gives code rollback ${yesNo(code)}, data rollback ${yesNo(data)}, ${row.priority}${
    resolved.length ? ` (${resolved.join('; ')})` : ''
  }`;
  return { code, data, priority: row.priority, fired: [{ rule: 2, effect }] };
}

/** Rule 3: lost data must come back from a backup. */
function dataLossRule(facts: DecideFacts, settled: Settled): Settled {
  if (!facts.dataLoss) return settled;
  return {
    ...settled,
    data: true,
    fired: [...settled.fired, { rule: 3, effect: 'data loss was reported, so data rollback' }],
  };
}

/** Rule 4: an error rate over the threshold is a code rollback at P0, whatever the row says. */
function errorRateRule(facts: DecideFacts, settled: Settled): Settled {
  if (facts.errorRate === undefined || facts.errorRate <= facts.errorRateThreshold) return settled;
  const effect = `error rate ${percent(facts.errorRate)} is above the ${percent(facts.errorRateThreshold)} threshold, so code rollback at P0`;
  return { ...settled, code: true, priority: 'P0', fired: [...settled.fired, { rule: 4, effect }] };
}

/** Rule 5: the action follows from the two rollbacks. */
function actionFor(settled: Settled, issueType: IssueType): DecisionAction {
  if (settled.code) return settled.data ? 'full' : 'code';
  if (settled.data) return 'data';
  return issueType === 'config-error' ? 'config' : 'none';
}

export function decide(facts: DecideFacts, matrix: Readonly<Matrix> = DEFAULT_MATRIX): Decision {
  const row = matrix[facts.issueType];
  const severity = facts.severity ?? row.severity;
  const decision = (action: DecisionAction, settled: Settled): Decision => {
    const fired = [...settled.fired];
    if (action !== 'monitor') fired.push({ rule: 5, effect: `action ${action}` });
    const reason = `Action ${action} at ${settled.priority}, because ${fired
      .filter((f) => f.rule !== 5)
      .map((f) => `${f.effect} (rule ${f.rule})`)
      .join('; ')}.`;
    const { code: codeRollback, data: dataRollback, priority } = settled;
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
  };

  // Rule 1: nobody is affected: monitor and fix in the next release; nothing else applies.
  if (!facts.affectingUsers) {
    const effect = 'users are not affected, so monitor and fix in the next release without a rollback';
    return decision('monitor', { code: false, data: false, priority: 'P2', fired: [{ rule: 1, effect }] });
  }
  const settled = errorRateRule(facts, dataLossRule(facts, matrixRow(facts, row)));
  return decision(actionFor(settled, facts.issueType), settled);
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
