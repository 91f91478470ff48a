/**
 * Pieces of secrets: a provider (or a health body, or Qdrant) that echoes part of a token (its
 * prefix, its end, or the token cut in two fields) gets no run of 8 or more of its characters
 * printed anywhere: log, outputs, summary, report.
 */
import { runBundle, type BundleRun } from '../../__fixtures__/bundle.js';
import { sendJson } from '../../__fixtures__/http-server.js';
import {
  BUNDLES,
  PROVIDERS,
  TOKEN,
  everythingWritten,
  guardInputs,
  providerErrorServer,
  rollbackInputs,
  runCli,
  startServer,
  useServers,
  API_KEY,
  qdrantInputs,
} from './world.js';

/** What a careless provider says back: the token's prefix, its end, and the token in two fields. */
function echoOf(secret: string): string {
  const half = Math.floor(secret.length / 2);
  return `token ${secret.slice(0, 12)}... was refused (it ends in ${secret.slice(-9)}); request ${JSON.stringify({ a: secret.slice(0, half), b: secret.slice(half) })}`;
}

/** No run of 8 characters of the secret anywhere in the text. */
function expectNoPiece(text: string, secret: string): void {
  for (let at = 0; at + 8 <= secret.length; at++) expect(text).not.toContain(secret.slice(at, at + 8));
}

const serve = useServers();

/** The echo did reach what the run wrote (redacted): the path is exercised. */
const expectEchoSeen = (run: BundleRun) => expect(everythingWritten(run)).toMatch(/\*\*\*/);

describe.each(PROVIDERS)('rollback-%s: a provider that echoes pieces of the token', (provider) => {
  it('gets none of them printed', async () => {
    const api = await serve(providerErrorServer(echoOf(TOKEN)));
    const run = await runBundle(BUNDLES[`rollback-${provider}`], rollbackInputs(provider, api.url));
    expect(run.exitCode).toBe(1);
    expectEchoSeen(run);
    expectNoPiece(everythingWritten(run), TOKEN);
  });
});

describe('the guard', () => {
  it('prints no piece of the token a provider echoes', async () => {
    const api = await serve(providerErrorServer(echoOf(TOKEN)));
    const health = await serve(
      startServer((_request, response) => sendJson(response, 200, { status: 'ok' })),
    );
    const run = await runBundle(BUNDLES.guard, guardInputs('railway', api.url, `${health.url}/health`));
    expectEchoSeen(run);
    expectNoPiece(everythingWritten(run), TOKEN);
  });
});

describe('detect and verify: a health body that echoes a piece of a header value', () => {
  const health = () =>
    serve(
      startServer((_request, response) =>
        sendJson(response, 200, {
          status: 'ok',
          checks: [{ name: `auth ${API_KEY.slice(2, 14)}`, status: 'down' }],
        }),
      ),
    );

  it.each(['detect', 'verify'] as const)('%s prints no piece of it', async (action) => {
    const server = await health();
    const inputs = { url: `${server.url}/health`, headers: `X-Api-Key: ${API_KEY}`, interval: '20ms' };
    const run = await runBundle(
      BUNDLES[action],
      action === 'detect' ? { ...inputs, window: '500ms' } : { ...inputs, samples: '2', timeout: '300ms' },
    );
    expect(run.stdout).toContain('auth ***');
    expectNoPiece(everythingWritten(run), API_KEY);
  });
});

describe('restore-db: Qdrant echoing a piece of the api-key', () => {
  it('prints none of it', async () => {
    const qdrant = await serve(
      startServer((_request, response) => sendJson(response, 403, { status: { error: echoOf(API_KEY) } })),
    );
    const run = await runBundle(BUNDLES['restore-db'], qdrantInputs(qdrant.url, API_KEY));
    expect(run.exitCode).toBe(1);
    expectEchoSeen(run);
    expectNoPiece(everythingWritten(run), API_KEY);
  });
});

describe('the CLI', () => {
  it('rollback-render prints no piece of the token', async () => {
    const api = await serve(providerErrorServer(echoOf(TOKEN)));
    const args = Object.entries(rollbackInputs('render', api.url)).flatMap(([name, value]) => [
      `--${name}`,
      value,
    ]);
    const run = await runCli(['rollback-render', ...args]);
    expect(run.exitCode).toBe(1);
    expect(`${run.stdout}${run.stderr}`).toContain('***');
    expectNoPiece(`${run.stdout}${run.stderr}`, TOKEN);
  });
});
