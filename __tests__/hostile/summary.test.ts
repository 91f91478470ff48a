/**
 * The step summary: outside text (a provider's message, a component name, a backup's file name)
 * never becomes HTML, a link (written or bare: GitHub autolinks `https://`, `www.` and mentions),
 * a heading or a table break in any action's summary.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { runBundle } from '../../__fixtures__/bundle.js';
import { sendJson } from '../../__fixtures__/http-server.js';
import { escapeMarkdown } from '../../src/core/summary.js';
import { runbookLayout } from '../restore/fixtures.js';
import {
  BUNDLES,
  PROVIDERS,
  guardInputs,
  providerErrorServer,
  rollbackInputs,
  startServer,
  tempDir,
  useServers,
  outsideCodeBlocks,
} from './world.js';

const HOSTILE_MARKDOWN =
  '<img src=x onerror=alert(1)> </details> | injected-cell | [click](https://evil.example/a) https://evil.example/b www.evil.example mailto:x@evil.example @evil-team **bold** ~~gone~~';
/** Short enough to be kept whole as a component name (80 characters). */
const HOSTILE_COMPONENT = 'https://evil.example/x www.evil.example <img src=x> | injected-cell @evil-team';
/** The same without '/', for a file name. */
const HOSTILE_FILE_NAME =
  '<img src=x> | injected-cell | [click](javascript:alert(1)) www.evil.example @evil-team';

/** The summary shows the text, and none of it as Markdown or HTML. */
function expectInert(markdown: string): void {
  const summary = outsideCodeBlocks(markdown);
  expect(summary).toContain('injected-cell');
  expect(summary).not.toMatch(/(?<!\\)<img/);
  expect(summary).not.toMatch(/(?<!\\)\| injected-cell/);
  expect(summary).not.toMatch(/(?<!\\)\]\((https|javascript)/);
  expect(summary).not.toMatch(/https:\/\/evil/);
  expect(summary).not.toMatch(/(?<!\\)www\.evil/);
  expect(summary).not.toMatch(/(?<!\\)@evil-team/);
  expect(summary).not.toMatch(/mailto:x/);
  expect(summary).not.toMatch(/(?<!\\)<\/details> \\?\| injected/);
}

const serve = useServers();

describe('escapeMarkdown', () => {
  it('leaves no autolink, tag, link or table break', () => {
    const escaped = escapeMarkdown(`${HOSTILE_MARKDOWN}\n| --- |\n# heading`);
    expect(escaped).not.toContain('\n');
    expect(escaped).toContain('https\\://evil.example/b');
    expect(escaped).toContain('www\\.evil.example');
    expect(escaped).toContain('mailto\\:x\\@evil.example');
    expectInert(escaped);
  });
});

describe.each(PROVIDERS)('rollback-%s: a provider message made of Markdown and HTML', (provider) => {
  it('is text in the summary', async () => {
    const api = await serve(providerErrorServer(HOSTILE_MARKDOWN));
    const run = await runBundle(BUNDLES[`rollback-${provider}`], rollbackInputs(provider, api.url));
    expectInert(run.summary);
  });
});

describe('the guard', () => {
  it('shows a hostile provider message as text', async () => {
    const api = await serve(providerErrorServer(HOSTILE_MARKDOWN));
    const health = await serve(
      startServer((_request, response) => sendJson(response, 200, { status: 'ok' })),
    );
    const run = await runBundle(BUNDLES.guard, guardInputs('fly', api.url, `${health.url}/health`));
    expectInert(run.summary);
  });
});

describe('detect and verify: component names made of Markdown and HTML', () => {
  it.each(['detect', 'verify'] as const)('%s shows them as text', async (action) => {
    const health = await serve(
      startServer((_request, response) =>
        sendJson(response, 200, {
          status: 'ok',
          checks: [{ name: HOSTILE_COMPONENT, status: 'down' }],
        }),
      ),
    );
    const inputs = { url: `${health.url}/health`, interval: '20ms' };
    const run = await runBundle(
      BUNDLES[action],
      action === 'detect' ? { ...inputs, window: '500ms' } : { ...inputs, samples: '2', timeout: '300ms' },
    );
    expectInert(run.summary);
  });
});

describe('restore-db: a backup file name made of Markdown and HTML', () => {
  it('is text in the summary', async () => {
    const { backups, live } = await runbookLayout(tempDir());
    copyFileSync(
      path.join(backups, 'memory_20240116_020000.db'),
      path.join(backups, `${HOSTILE_FILE_NAME}_20240117_020000.db`),
    );
    const run = await runBundle(BUNDLES['restore-db'], {
      database: live,
      'backup-dir': backups,
      'dry-run': 'true',
    });
    expect(run.exitCode).toBe(0);
    const summary = outsideCodeBlocks(run.summary);
    expect(summary).toContain('injected-cell');
    expect(summary).not.toMatch(/(?<!\\)<img/);
    expect(summary).not.toMatch(/(?<!\\)\]\(javascript/);
    expect(summary).not.toMatch(/(?<!\\)www\.evil/);
  });
});
