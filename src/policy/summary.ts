/** The decision as a step summary: decide's own, and the decide section of the guard's. */
import { formatDuration } from '../core/parse.js';
import { heading, raw, sections, table, verdictLine } from '../core/summary.js';
import type { Decision, DecideFacts } from './decide.js';

export function decisionSummary(decision: Decision, facts: DecideFacts, policyFile?: string): string {
  const acting = decision.codeRollback || decision.dataRollback;
  return sections(
    heading(2, 'rollback-guard · decide'),
    verdictLine(
      acting ? 'neutral' : true,
      `action: ${decision.action}`,
      `${decision.priority}, severity ${decision.severity}`,
    ),
    decision.reason,
    table(
      ['Decision', 'Value'],
      [
        ['Issue type', facts.issueType],
        ['Code rollback', decision.codeRollback ? 'yes' : 'no'],
        ['Data rollback', decision.dataRollback ? 'yes' : 'no'],
        ['Priority', decision.priority],
        ['Severity', decision.severity],
        ['Max downtime', formatDuration(decision.maxDowntimeMs)],
        ['Policy', policyFile ? policyFile : 'built-in matrix'],
      ],
    ),
    table(
      ['Rule', 'What it did'],
      decision.fired.map((f) => [raw(`${f.rule}`), f.effect]),
    ),
  );
}
