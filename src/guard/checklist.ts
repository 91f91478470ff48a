/**
 * The runbook's rollback checklist (the README's guard section), ticked where the run did the
 * item. Items only people can do (notifying users, scheduling the post-mortem) stay open.
 */
import type { GuardResult } from './result.js';

export interface ChecklistItem {
  label: string;
  done: boolean;
}

export function rollbackChecklist(result: GuardResult): ChecklistItem[] {
  const decision = result.decision;
  const rollback = result.rollback;
  const verify = result.verify;
  const check = (name: string) => verify?.checks.find((c) => c.name === name)?.passed === true;
  const incident = result.records?.incidentUrl !== undefined;
  const executed =
    rollback?.status === 'rolled-back' ||
    rollback?.status === 'already-live' ||
    result.restore?.status === 'restored';
  return [
    { label: 'Issue severity assessed', done: decision !== undefined },
    {
      label: 'Rollback decision made',
      done: decision !== undefined && (decision.codeRollback || decision.dataRollback),
    },
    { label: 'Stakeholders notified (incident issue)', done: incident },
    { label: 'Last known good version identified', done: rollback?.to !== undefined },
    { label: 'Rollback command prepared', done: rollback?.to !== undefined },
    {
      label: 'Monitoring dashboard open (this summary)',
      done: result.detect !== undefined || verify !== undefined,
    },
    { label: 'Rollback executed', done: !result.dryRun && executed },
    { label: 'Health check passed', done: check('service-up') && verify?.healthy === true },
    {
      label: 'Smoke tests passed',
      done: verify !== undefined && verify.smokeTests.length > 0 && verify.smokeTests.every((t) => t.passed),
    },
    { label: 'Error rate normal', done: check('error-rate') },
    { label: 'Users notified (yours to do)', done: false },
    { label: 'Incident documented', done: incident },
    { label: 'Post-mortem scheduled (yours to do)', done: false },
  ];
}
