/**
 * Credentials inside URLs: every URL input refuses `user:password@` as a configuration error that
 * names the input and does not repeat the password; nothing the run writes holds it.
 */
import { runBundle } from '../../__fixtures__/bundle.js';
import { BUNDLES, TOKEN, everythingWritten, rollbackInputs, runCli } from './world.js';

const PASSWORD = 'pw-Zq8Rk2Lm5Xv9';
const WITH_CREDENTIALS = `https://deploy-bot:${PASSWORD}@api.example.com/v1`;

const CASES: [string, string, Record<string, string>][] = [
  ['rollback-railway', 'api-url', rollbackInputs('railway', 'http://127.0.0.1:9')],
  ['rollback-render', 'api-url', rollbackInputs('render', 'http://127.0.0.1:9')],
  ['rollback-fly', 'api-url', rollbackInputs('fly', 'http://127.0.0.1:9')],
  ['rollback-fly', 'graphql-url', rollbackInputs('fly', 'http://127.0.0.1:9')],
  ['detect', 'url', {}],
  ['verify', 'url', {}],
  [
    'restore-db',
    'qdrant-url',
    { 'qdrant-collection': 'memories', 'qdrant-snapshot': 'https://b.example.com/s' },
  ],
  ['guard', 'url', { provider: 'render', token: TOKEN, service: 'srv-a' }],
  [
    'guard',
    'api-url',
    { provider: 'render', token: TOKEN, service: 'srv-a', url: 'https://app.example.com/' },
  ],
  [
    'guard',
    'graphql-url',
    { provider: 'fly', token: TOKEN, service: 'my-app', url: 'https://app.example.com/' },
  ],
];

describe('a URL input with a user name and password in it', () => {
  it.each(CASES)('%s: %s is refused without echoing the password', async (action, input, others) => {
    const run = await runBundle(BUNDLES[action as keyof typeof BUNDLES], {
      ...others,
      [input]: WITH_CREDENTIALS,
    });
    expect(run.exitCode).toBe(1);
    const errors = run.lines.filter((line) => line.startsWith('::error::')).join('\n');
    expect(errors).toMatch(
      new RegExp(
        `input '${input}' 'https://\\*\\*\\*@api\\.example\\.com/v1' has a user name or password in it`,
      ),
    );
    expect(everythingWritten(run)).not.toContain(PASSWORD);
    // The runner masks it in case anything else prints it.
    expect(run.lines).toContain(`::add-mask::${PASSWORD}`);
  });

  it('the smoke tests of verify refuse one too', async () => {
    const run = await runBundle(BUNDLES.verify, {
      url: 'https://app.example.com/health',
      'smoke-tests': `- name: api\n  url: ${WITH_CREDENTIALS}`,
    });
    expect(run.exitCode).toBe(1);
    expect(run.lines.join('\n')).toMatch(/input 'smoke-tests'.*has a user name or password in it/);
    expect(everythingWritten(run)).not.toContain(PASSWORD);
  });

  it('the CLI refuses it the same way', async () => {
    const run = await runCli([
      'rollback-render',
      '--api-key',
      TOKEN,
      '--service-id',
      'srv-a',
      '--api-url',
      WITH_CREDENTIALS,
    ]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(
      /input 'api-url' 'https:\/\/\*\*\*@api\.example\.com\/v1' has a user name or password/,
    );
    expect(`${run.stdout}${run.stderr}`).not.toContain(PASSWORD);
  });
});
