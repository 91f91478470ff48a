/**
 * Render's part of the rollback step summary: the service, what happened to auto-deploy (the one
 * setting the action changes), the persistent disk whose data a rollback does not bring back, and
 * how much deploy history was read. Rendered from the result's `details` and the provider's record
 * of the auto-deploy step, so the guard can render it too.
 */
import { heading, sections, table, type Cell } from '../../core/summary.js';

/** What the run did about auto-deploy once the rollback was live. */
export type AutoDeployStep =
  | { action: 'turned-off'; before: 'on' | 'unknown' }
  | { action: 'already-off' }
  | { action: 'left-on'; before: 'on' | 'unknown' }
  | { action: 'still-on' }
  | { action: 'failed' };

/** The service facts `RenderProvider.read` puts in `details.renderService`. */
export interface RenderServiceFacts {
  id: string;
  name?: string;
  type?: string;
  autoDeploy: 'on' | 'off' | 'unknown';
  branch?: string;
  disk: boolean;
  suspended?: string;
  dashboardUrl?: string;
}

function autoDeployCell(
  service: RenderServiceFacts,
  step: AutoDeployStep | undefined,
  disableAutoDeploy: boolean,
): string {
  switch (step?.action) {
    case 'turned-off':
      return `was ${step.before}; turned off by this run (turn it back on once a fix is deployed)`;
    case 'already-off':
      return 'off (it already was)';
    case 'left-on':
      return `${step.before}: left as it is (disable-auto-deploy: false), so the next push deploys over the rollback`;
    case 'still-on':
      return 'asked Render to turn it off, but it still reports it on: turn it off in the Settings';
    case 'failed':
      return `${service.autoDeploy}: turning it off failed (see the warning above)`;
    default:
      if (service.autoDeploy === 'off') return 'off';
      return disableAutoDeploy
        ? `${service.autoDeploy}: not changed (it is turned off once a rollback of this run is live)`
        : `${service.autoDeploy}: not changed (disable-auto-deploy: false)`;
  }
}

export function renderSummarySection(
  details: Record<string, unknown> | undefined,
  step: AutoDeployStep | undefined,
  disableAutoDeploy: boolean,
): string | undefined {
  const service = details?.renderService as RenderServiceFacts | undefined;
  if (!service) return undefined;
  const history = details?.renderHistory as { deploysRead: number; truncated: boolean } | undefined;
  const rows: Cell[][] = [
    ['Service', service.name ? `${service.name} (${service.id})` : service.id],
    ['Auto-deploy', autoDeployCell(service, step, disableAutoDeploy)],
    [
      'Persistent disk',
      service.disk ? 'yes: its data is not rolled back, and deploys have a short downtime' : 'no',
    ],
  ];
  if (service.suspended === 'suspended')
    rows.push(['Suspended', 'yes: resume the service for a rollback to serve']);
  if (history) {
    rows.push([
      'Deploys read',
      `${history.deploysRead}${history.truncated ? ' (the newest; older ones were not read)' : ''}`,
    ]);
  }
  return sections(heading(3, 'Render'), table(['', ''], rows));
}
