import { readFileSync } from 'node:fs';
import { runBundle } from '../../__fixtures__/bundle.js';
import { GOOD_BAD_HISTORY, SANDBOX_TOKEN } from '../../__fixtures__/guard-world.js';
import { systemClock } from '../../src/core/clock.js';
import { DemoApp } from '../../src/sandbox/demo-app.js';
import { createProviderSandbox } from '../../src/sandbox/index.js';

/** dist/guard/index.js as the runner runs it: real time, so the sandbox builds at once. */
describe.each(['railway', 'render', 'fly'] as const)('dist/guard/index.js on %s', (provider) => {
  it('rolls a broken service back and verifies it; run again it passes', async () => {
    const sandbox = createProviderSandbox(provider, {
      clock: systemClock,
      buildDelayMs: 0,
      token: SANDBOX_TOKEN,
      history: GOOD_BAD_HISTORY,
    });
    await sandbox.start();
    const app = new DemoApp({ liveArtifact: () => sandbox.liveArtifact() });
    await app.start();
    try {
      const inputs = {
        ...sandbox.guardInputs(),
        url: `${app.url}/api/health`,
        interval: '50ms',
        window: '1s',
        'verify-samples': '3',
        'verify-interval': '50ms',
        'verify-timeout': '20s',
      };
      const run = await runBundle('dist/guard/index.js', inputs);
      expect(run.outputs).toMatchObject({ outcome: 'rolled-back', verdict: 'unhealthy', action: 'code' });
      expect(run.exitCode).toBe(0);
      expect(sandbox.rollbackRequests()).toBe(1);
      expect(JSON.parse(run.outputs.timeline as string).targets).toHaveLength(4);
      expect(run.summary).toContain('### Timeline against the runbook targets');
      for (const text of [
        run.stdout,
        run.stderr,
        run.summary,
        JSON.stringify(run.outputs),
        readFileSync(run.outputs.report as string, 'utf8'),
      ]) {
        expect(
          text
            .split('\n')
            .filter((line) => !line.startsWith('::add-mask::'))
            .join('\n'),
        ).not.toContain(SANDBOX_TOKEN);
      }

      const again = await runBundle('dist/guard/index.js', inputs);
      expect(again.outputs.outcome).toBe('passed');
      expect(sandbox.rollbackRequests()).toBe(1);
    } finally {
      await app.stop();
      await sandbox.stop();
    }
  });
});
