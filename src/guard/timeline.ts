/**
 * The guard's timeline: when each phase started and ended, and the four intervals the runbook sets
 * targets for (the README's guard section: the runbook's time targets):
 *   detection → decision     < 5 min
 *   decision → execution     < 2 min
 *   execution → verification < 5 min
 *   total (detection → verification) < 15 min
 * Detection is the moment the service was found unhealthy (in `mode: rollback`, the moment the
 * operator pressed the button, i.e. the start of the run).
 */
import type { Clock } from '../core/clock.js';
import { humanDuration } from '../core/parse.js';
import { mermaid, mermaidLabel, table } from '../core/summary.js';

export const PHASES = ['detect', 'decide', 'lock', 'rollback', 'restore', 'verify', 'record'] as const;
export type PhaseName = (typeof PHASES)[number];

export const MILESTONES = ['detected', 'decided', 'executing', 'verified'] as const;
export type Milestone = (typeof MILESTONES)[number];

export interface PhaseRecord {
  name: PhaseName;
  startedAt: string;
  endedAt?: string;
  durationMs?: number;
  /** How it ended, in a word or two: 'unhealthy', 'rolled-back', 'skipped'. */
  outcome?: string;
}

export interface TargetCheck {
  name: string;
  from: Milestone;
  to: Milestone;
  targetMs: number;
  /** Undefined when one of the two moments did not happen (e.g. no rollback). */
  ms?: number;
  met?: boolean;
}

export interface TimelineJson {
  startedAt: string;
  endedAt?: string;
  totalRunMs?: number;
  phases: PhaseRecord[];
  milestones: Partial<Record<Milestone, string>>;
  targets: TargetCheck[];
}

const MINUTE = 60_000;
export const RUNBOOK_TARGETS: readonly Omit<TargetCheck, 'ms' | 'met'>[] = [
  { name: 'detection → decision', from: 'detected', to: 'decided', targetMs: 5 * MINUTE },
  { name: 'decision → execution', from: 'decided', to: 'executing', targetMs: 2 * MINUTE },
  { name: 'execution → verification', from: 'executing', to: 'verified', targetMs: 5 * MINUTE },
  { name: 'total', from: 'detected', to: 'verified', targetMs: 15 * MINUTE },
];

export class Timeline {
  private readonly started: number;
  private ended?: number;
  private readonly phases: { name: PhaseName; start: number; end?: number; outcome?: string }[] = [];
  private readonly milestones = new Map<Milestone, number>();

  constructor(private readonly clock: Clock) {
    this.started = clock.now();
  }

  /** Runs `work` as a phase, recording its start, end and outcome (also when it throws). */
  async phase<T>(name: PhaseName, work: () => Promise<T>, outcome?: (value: T) => string): Promise<T> {
    const record: (typeof this.phases)[number] = { name, start: this.clock.now() };
    this.phases.push(record);
    try {
      const value = await work();
      record.outcome = outcome?.(value);
      return value;
    } catch (error) {
      record.outcome = 'error';
      throw error;
    } finally {
      record.end = this.clock.now();
    }
  }

  /** Records a phase that did not run, so the timeline says why. */
  skip(name: PhaseName, why: string): void {
    const now = this.clock.now();
    this.phases.push({ name, start: now, end: now, outcome: `skipped: ${why}` });
  }

  mark(milestone: Milestone, at = this.clock.now()): void {
    if (!this.milestones.has(milestone)) this.milestones.set(milestone, at);
  }

  finish(): void {
    this.ended ??= this.clock.now();
  }

  toJSON(): TimelineJson {
    const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
    const targets = RUNBOOK_TARGETS.map((target) => {
      const from = this.milestones.get(target.from);
      const to = this.milestones.get(target.to);
      if (from === undefined || to === undefined) return { ...target };
      const ms = Math.max(0, to - from);
      return { ...target, ms, met: ms < target.targetMs };
    });
    return {
      startedAt: iso(this.started) as string,
      endedAt: iso(this.ended),
      totalRunMs: this.ended === undefined ? undefined : this.ended - this.started,
      phases: this.phases.map((p) => ({
        name: p.name,
        startedAt: iso(p.start) as string,
        endedAt: iso(p.end),
        durationMs: p.end === undefined ? undefined : p.end - p.start,
        outcome: p.outcome,
      })),
      milestones: Object.fromEntries([...this.milestones].map(([name, at]) => [name, iso(at)])),
      targets,
    };
  }
}

/** The targets as a Markdown table: interval, took, target, met/missed. */
export function targetsTable(timeline: TimelineJson): string {
  return table(
    ['Interval', 'Took', 'Target', ''],
    timeline.targets.map((t) => [
      t.name,
      t.ms === undefined ? 'n/a' : humanDuration(t.ms),
      `< ${humanDuration(t.targetMs)}`,
      t.met === undefined ? '–' : t.met ? '✅ met' : '❌ missed',
    ]),
  );
}

/** A Mermaid gantt chart of the phases (times in ms since the epoch, shown as clock time). */
export function ganttChart(timeline: TimelineJson): string {
  const lines = [
    'gantt',
    '  title rollback-guard timeline',
    '  dateFormat x',
    '  axisFormat %H:%M:%S',
    '  section Run',
  ];
  timeline.phases.forEach((phase, index) => {
    const start = Date.parse(phase.startedAt);
    // A zero-length bar does not render: give instant phases one millisecond.
    const end = Math.max(start + 1, Date.parse(phase.endedAt ?? phase.startedAt));
    const state = phase.outcome === 'error' || phase.outcome?.startsWith('failed') ? 'crit' : 'done';
    lines.push(
      `  ${mermaidLabel(`${phase.name}${phase.outcome ? ` (${phase.outcome})` : ''}`)} :${state}, p${index}, ${start}, ${end}`,
    );
  });
  return mermaid(lines.join('\n'));
}
