/** The rollback actions' outputs and step summary, the same for every provider. */
import { humanDuration } from '../core/parse.js';
import { bulletList, code, heading, sections, table, verdictLine, type Cell } from '../core/summary.js';
import type { RollbackResult } from './flow.js';
import type { Deployment } from './types.js';

export function rollbackOutputs(result: RollbackResult): Record<string, string> {
  return {
    status: result.status,
    from: result.from?.id ?? '',
    to: result.to?.id ?? '',
    deployment: result.deploymentId ?? '',
    'duration-ms': String(result.durationMs),
    ...result.outputs,
  };
}

const OK: Record<RollbackResult['status'], boolean | 'neutral'> = {
  'rolled-back': true,
  'already-live': true,
  planned: 'neutral',
  failed: false,
  'timed-out': false,
};

function deploymentCell(deployment: Deployment | undefined): Cell {
  return deployment ? `${deployment.label}` : undefined;
}

export function rollbackSummary(result: RollbackResult, title = `rollback-${result.provider}`): string {
  const marks = (d: Deployment): string =>
    [
      d.id === result.from?.id ? 'was live' : '',
      d.id === result.to?.id ? 'target' : '',
      d.restores ? `rollback to ${d.restores}` : '',
    ]
      .filter(Boolean)
      .join(', ');
  return sections(
    heading(2, `rollback-guard · ${title}`),
    verdictLine(OK[result.status], result.status, result.message),
    result.hint ? `**What to do next:** ${result.hint}` : undefined,
    table(
      ['', ''],
      [
        ['Provider', result.providerTitle],
        ['Was live', deploymentCell(result.from)],
        ['Rolled back to', deploymentCell(result.to)],
        ['New deployment', result.deploymentId],
        [
          'Waited for',
          result.waitedFor ? `${result.waitedFor.deployment.label} (${result.waitedFor.became})` : undefined,
        ],
        ['Rollback requests sent', result.requests],
        ['Took', humanDuration(result.durationMs)],
        ...Object.entries(result.outputs).map(([name, value]): Cell[] => [name, value]),
      ],
    ),
    result.plan && result.plan.length > 0
      ? `**Plan (not carried out):**\n\n${bulletList(result.plan.map((call) => code(call)))}`
      : undefined,
    result.notes.length > 0 ? bulletList(result.notes) : undefined,
    result.deployments.length > 0
      ? table(
          ['Deployment', 'Created', 'State', 'Was live', 'Can roll back', ''],
          result.deployments
            .slice(0, 10)
            .map((d) => [
              d.label,
              d.createdAt,
              d.state,
              d.wasLive ? 'yes' : 'no',
              d.canRollback ? 'yes' : 'no',
              marks(d),
            ]),
        )
      : undefined,
  );
}
