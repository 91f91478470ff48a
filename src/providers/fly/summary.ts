/**
 * The Fly part of the step summary: which machine runs which image (and what this run did to it),
 * a warning when the machines disagree, and what a Fly rollback does not roll back.
 */
import { bulletList, code, heading, sections, table, type Cell } from '../../core/summary.js';
import type { MachineOutcome, RolloutOutcome } from './rollout.js';
import { shortImage, type MachineView } from './state.js';

export const FLY_ROLLBACK_SCOPE_NOTE =
  "Only the image was rolled back: the app's config, secrets, machine sizes and volumes stay as they are now. " +
  'Fly keeps no rollback release: `fly releases` still lists the release rolled back from, and the next `fly deploy` replaces the machines again.';

interface FlyDetails {
  app?: string;
  mixedImages?: boolean;
  machines?: MachineView[];
  releasesRead?: string;
}

const RESULT_TEXT: Record<MachineOutcome['result'], string> = {
  updated: 'updated',
  requested: 'update sent (not waited for)',
  skipped: 'already on the target',
  failed: 'FAILED',
  'not-updated': 'not updated',
  'timed-out': 'timed out',
};

export function flySummarySection(details: Record<string, unknown> | undefined): string | undefined {
  const fly = details?.fly as FlyDetails | undefined;
  const rollout = details?.rollout as RolloutOutcome | undefined;
  const machines = fly?.machines ?? [];
  const outcomeOf = (id: string) => rollout?.machines.find((m) => m.id === id);
  const rows: Cell[][] = machines.map((m) => {
    const outcome = outcomeOf(m.id);
    return [
      code(m.name ? `${m.id} (${m.name})` : m.id),
      m.region,
      m.state,
      code(shortImage(m.image)),
      m.release ?? 'no release',
      m.checks,
      outcome
        ? `${RESULT_TEXT[outcome.result]}${outcome.detail && outcome.result !== 'skipped' ? `: ${outcome.detail}` : ''}`
        : undefined,
    ];
  });
  return sections(
    heading(3, `Machines${fly?.app ? ` of ${fly.app}` : ''}`),
    fly?.mixedImages
      ? '⚠️ **The machines run different images.** Live counts as the newest release any of them runs; a rollback moves every machine not yet on the target.'
      : undefined,
    rows.length > 0
      ? table(['Machine', 'Region', 'State', 'Image', 'Release', 'Checks', 'This run'], rows)
      : 'No machines were found.',
    rollout?.warnings.length ? bulletList(rollout.warnings.map((w) => `Warning: ${w}`)) : undefined,
    FLY_ROLLBACK_SCOPE_NOTE,
    fly?.releasesRead ? `Releases read: ${fly.releasesRead}.` : undefined,
  );
}
