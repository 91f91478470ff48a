/**
 * Deployment labels, image names and commit messages from each simulated provider (the real API
 * shapes) with commands and Markdown in them: a rollback that succeeds logs and summarises them as
 * inert text.
 */
import { runBundle } from '../../__fixtures__/bundle.js';
import { systemClock } from '../../src/core/clock.js';
import { createProviderSandbox } from '../../src/sandbox/index.js';
import { BUNDLES, PROVIDERS, TOKEN, expectOnlyOwnCommands, outsideCodeBlocks } from './world.js';

/** An image reference and a commit with a command and a bare link in them. */
const hostile = (name: string) => ({
  artifact: `registry/app:${name} ##[set-output name=status;]planned https://evil.example/${name}`,
  commit: `${name.padEnd(7, '0')} ##[add-mask]x\n::set-output name=to::evil`,
});

describe.each(PROVIDERS)('rollback-%s: deployments whose names and commits hold commands', (provider) => {
  it('rolls back, logging and summarising them as inert text', async () => {
    const sandbox = createProviderSandbox(provider, {
      clock: systemClock,
      buildDelayMs: 0,
      token: TOKEN,
      history: [hostile('good'), hostile('bad')],
    });
    await sandbox.start();
    try {
      const run = await runBundle(BUNDLES[`rollback-${provider}`], sandbox.actionInputs());
      expect(run.outputs.status).toBe('rolled-back');
      expectOnlyOwnCommands(run, [TOKEN, Buffer.from(TOKEN).toString('base64')]);
      // Fly labels a release with its image; Railway and Render with ids and commits.
      if (provider === 'fly') expect(run.summary).toContain('https\\://evil.example/good');
      expect(outsideCodeBlocks(run.summary)).not.toMatch(/https:\/\/evil/);
    } finally {
      await sandbox.stop();
    }
  });
});
