/**
 * `npm run bench detect`: how detect's calibrated sequential test compares with two naive rules,
 * on simulated windows (seeded, so every run prints the same table):
 * - the runbook's "error rate > 10% over the window";
 * - "3 consecutive failures", the common alerting habit.
 * For each case: the false-alarm rate of a healthy service (failing at p0), and for a service
 * failing at p1 and at 100%, how often it is caught within the window and the median number of
 * probes it took. detect's row uses the very design the action runs (planDetect), and shows the
 * exact false-alarm probability from its calibration next to the simulated one.
 *
 * Options: --windows N (default 10000 per case and rate); --readme writes the table into README.md
 * between `<!-- bench:detect -->` and `<!-- /bench:detect -->`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseStatusList } from '../src/core/parse.js';
import { planDetect, type DetectConfig } from '../src/probe/detect.js';
import {
  consecutiveFailuresRule,
  detectRule,
  median,
  seededRandom,
  simulate,
  windowErrorRateRule,
  type AlarmRule,
} from '../src/probe/simulate.js';

const windowsArg = process.argv.indexOf('--windows');
const WINDOWS = windowsArg > 0 ? Number(process.argv[windowsArg + 1]) : 10_000;
if (!(WINDOWS >= 1000)) throw new Error('--windows must be at least 1000');

interface Case {
  name: string;
  intervalMs: number;
  windowMs: number;
  baselineErrorRate: number;
  maxErrorRate: number;
}

const CASES: Case[] = [
  {
    name: 'defaults: 5m window, 5s interval',
    intervalMs: 5000,
    windowMs: 300_000,
    baselineErrorRate: 0.01,
    maxErrorRate: 0.1,
  },
  {
    name: 'dense: 5m window, 1s interval',
    intervalMs: 1000,
    windowMs: 300_000,
    baselineErrorRate: 0.01,
    maxErrorRate: 0.1,
  },
  {
    name: 'noisy service: p0 3%, p1 15%, 10m at 5s',
    intervalMs: 5000,
    windowMs: 600_000,
    baselineErrorRate: 0.03,
    maxErrorRate: 0.15,
  },
];

const pct = (value: number) => `${(value * 100).toFixed(2)}%`;

function configFor(c: Case): DetectConfig {
  return {
    urls: [new URL('http://bench.invalid/')],
    headers: {},
    expectStatus: parseStatusList('200-399'),
    requestTimeoutMs: 10_000,
    intervalMs: c.intervalMs,
    windowMs: c.windowMs,
    graceMs: 0,
    baselineErrorRate: c.baselineErrorRate,
    maxErrorRate: c.maxErrorRate,
    falseAlarmRate: 0.01,
    missRate: 0.05,
    maxLatencyMs: 5000,
    maxDegradation: 0.5,
  };
}

const rows: string[][] = [];
const timings: string[] = [];
const notes: string[] = [];
let seed = 1;
for (const c of CASES) {
  const started = performance.now();
  const plan = planDetect(configFor(c));
  const calibrationMs = performance.now() - started;
  const N = plan.plannedProbes;
  timings.push(`${c.name}: calibrated in ${calibrationMs.toFixed(0)} ms`);
  const design = plan.errorTest;
  notes.push(
    `${c.name}: ${N} probes; exact false-alarm probability ${pct(design.falseAlarmProbability)} ` +
      `(error-rate share of alpha: ${pct(design.falseAlarmRate)}); p1 caught within the window with exact probability ${pct(design.powerInWindow)}; ` +
      `${design.probesNeeded ?? `> ${design.searchedUpTo}`} probes needed for 95%` +
      (design.consecutiveFailureRule ? '; CUSUM + 3-in-a-row rule' : '; CUSUM alone'),
  );
  const rules: AlarmRule[] = [detectRule(design), windowErrorRateRule(0.1), consecutiveFailuresRule(3)];
  rules.forEach((rule, index) => {
    const atP0 = simulate(rule, c.baselineErrorRate, N, WINDOWS, seededRandom(seed++));
    const atP1 = simulate(rule, c.maxErrorRate, N, WINDOWS, seededRandom(seed++));
    const down = simulate(rule, 1, N, WINDOWS, seededRandom(seed++));
    const isDetect = rule.name.startsWith('detect');
    rows.push([
      index === 0 ? `${c.name} (N = ${N}, p0 ${pct(c.baselineErrorRate)}, p1 ${pct(c.maxErrorRate)})` : '',
      rule.name,
      `${pct(atP0.alarms / WINDOWS)}${isDetect ? ` (exact ${pct(design.falseAlarmProbability)})` : ''}`,
      pct(atP1.alarms / WINDOWS),
      String(median(atP1.probesToAlarm) ?? '–'),
      pct(down.alarms / WINDOWS),
      String(median(down.probesToAlarm) ?? '–'),
    ]);
  });
}

const header = [
  'Case',
  'Rule',
  'False alarms at p0',
  'Caught at p1',
  'Median probes to catch p1',
  'Caught at 100%',
  'Probes to catch 100%',
];
const table = [
  `| ${header.join(' | ')} |`,
  `| ${header.map(() => '---').join(' | ')} |`,
  ...rows.map((row) => `| ${row.join(' | ')} |`),
  '',
  ...notes.map((note) => `- ${note}`),
].join('\n');
console.log(`detect benchmark: ${WINDOWS} simulated windows per case and rate (seeded PRNG)\n`);
console.log(table);
console.log(`\n${timings.join('\n')}`);

if (process.argv.includes('--readme')) {
  const file = new URL('../README.md', import.meta.url);
  const readme = readFileSync(file, 'utf8');
  const marked = /<!-- bench:detect -->\n[\s\S]*?<!-- \/bench:detect -->/;
  if (!marked.test(readme)) throw new Error('README.md has no <!-- bench:detect --> block');
  writeFileSync(file, readme.replace(marked, `<!-- bench:detect -->\n${table}\n<!-- /bench:detect -->`));
  console.log('\nREADME.md: benchmark table updated');
}
