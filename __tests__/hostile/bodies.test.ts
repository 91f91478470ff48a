/**
 * Unbounded bodies: a provider API, Qdrant or a health endpoint that streams an endless answer.
 * Each action stops reading at its cap (8 MiB for an API, 1 MiB for a probe), says so, and its
 * peak memory (measured in the bundle's own process) stays under 256 MB.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runBundle, type BundleRun } from '../../__fixtures__/bundle.js';
import {
  BUNDLES,
  PROVIDERS,
  endlessServer,
  guardInputs,
  rollbackInputs,
  runCli,
  tempDir,
  useServers,
  qdrantInputs,
} from './world.js';

const MAX_PEAK_RSS = 256 * 1024 * 1024;
const PRELOAD = path.join(import.meta.dirname, 'peak-rss.mjs');

const serve = useServers();
const endless = () => serve(endlessServer());

/** Runs a bundle with its peak RSS recorded; the run must end well before the test's own timeout. */
async function measured(
  bundle: string,
  inputs: Record<string, string>,
): Promise<BundleRun & { peakRss: number }> {
  const file = path.join(tempDir(), 'peak-rss');
  const run = await runBundle(bundle, inputs, {
    env: { NODE_OPTIONS: `--import=${PRELOAD}`, PEAK_RSS_FILE: file },
    timeoutMs: 25_000,
  });
  let peakRss = Number.POSITIVE_INFINITY;
  try {
    peakRss = Number(readFileSync(file, 'utf8'));
  } catch {
    // Killed before it could exit: the run did not end by itself.
  }
  return { ...run, peakRss };
}

describe.each(PROVIDERS)('rollback-%s: an API answer that never ends', (provider) => {
  it('stops at 8 MiB with a clear failure, in bounded memory', async () => {
    const api = await endless();
    const run = await measured(BUNDLES[`rollback-${provider}`], rollbackInputs(provider, api.url));
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/the answer is larger than 8 MiB; reading stopped there/);
    expect(run.peakRss).toBeLessThan(MAX_PEAK_RSS);
  });
});

describe('the guard: an API answer that never ends', () => {
  it('stops at 8 MiB, in bounded memory', async () => {
    const api = await endless();
    const health = await endless();
    const run = await measured(BUNDLES.guard, guardInputs('render', api.url, `${health.url}/health`));
    expect(run.outputs.outcome).toBe('failed');
    expect(run.stdout).toMatch(/larger than 8 MiB/);
    expect(run.peakRss).toBeLessThan(MAX_PEAK_RSS);
  });
});

describe('restore-db: a Qdrant answer that never ends', () => {
  it('stops at 8 MiB, in bounded memory', async () => {
    const qdrant = await endless();
    const run = await measured(BUNDLES['restore-db'], qdrantInputs(qdrant.url));
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/larger than 8 MiB/);
    expect(run.peakRss).toBeLessThan(MAX_PEAK_RSS);
  });
});

describe('detect and verify: a health body that never ends', () => {
  it('detect: each probe stops at 1 MiB and is an error (it says nothing about health), in bounded memory', async () => {
    const health = await endless();
    const run = await measured(BUNDLES.detect, {
      url: `${health.url}/health`,
      interval: '20ms',
      window: '200ms',
    });
    expect(run.outputs.verdict).toBe('inconclusive');
    expect(run.stdout).toMatch(/error \(the answer is larger than 1 MiB; reading stopped there/);
    expect(run.peakRss).toBeLessThan(MAX_PEAK_RSS);
  });

  it('verify: the service is not called healthy, in bounded memory', async () => {
    const health = await endless();
    const run = await measured(BUNDLES.verify, {
      url: `${health.url}/health`,
      samples: '2',
      interval: '20ms',
      timeout: '500ms',
    });
    expect(run.outputs.healthy).toBe('false');
    expect(run.stdout).toMatch(/larger than 1 MiB/);
    expect(run.peakRss).toBeLessThan(MAX_PEAK_RSS);
  });

  it('the CLI (detect) ends too', async () => {
    const health = await endless();
    const run = await runCli([
      'detect',
      '--url',
      `${health.url}/health`,
      '--interval',
      '20ms',
      '--window',
      '100ms',
    ]);
    expect(run.stderr).toMatch(/larger than 1 MiB/);
  });
});
