/**
 * An input that can never work must not look like an outage: a header that HTTP cannot carry (a
 * bare CR, a line feed, NUL, a character above U+00FF, a name that is not a token) is a
 * configuration error at input time, before any probe, not a healthy service called unhealthy.
 */
import { runBundle } from '../../__fixtures__/bundle.js';
import { sendJson } from '../../__fixtures__/http-server.js';
import { BUNDLES, TOKEN, runCli, startServer, type TestServer } from './world.js';

let health: TestServer;
beforeEach(async () => {
  health = await startServer((_request, response) => sendJson(response, 200, { status: 'ok' }));
});
afterEach(async () => health.close());

const BAD_HEADERS: [string, string, RegExp][] = [
  ['a bare CR', 'X-Api-Key: abc\rdef', /the value of 'X-Api-Key' holds a carriage return \(CR\)/],
  // (NUL cannot reach a process through its environment; the parser's own test has it.)
  [
    'a control character',
    'X-Api-Key: abc\u0007def',
    /the value of 'X-Api-Key' holds a control character \(U\+0007\)/,
  ],
  ['a character above U+00FF', 'X-Team: café ☕', /the value of 'X-Team' holds a character above U\+00FF/],
  ['a name with a space', 'X Api Key: abc', /a header name has a character a name cannot have/],
];

describe.each(BAD_HEADERS)('a header with %s', (_what, headers, message) => {
  it.each(['detect', 'verify', 'guard'] as const)(
    '%s: a configuration error before any probe',
    async (action) => {
      const inputs: Record<string, string> = { url: `${health.url}/health`, headers };
      if (action === 'guard') Object.assign(inputs, { provider: 'render', token: TOKEN, service: 'srv-a' });
      const run = await runBundle(BUNDLES[action], inputs);
      expect(run.exitCode).toBe(1);
      const errors = run.lines.filter((line) => line.startsWith('::error::')).join('\n');
      expect(errors).toMatch(new RegExp(`input 'headers' .*${message.source}`));
      expect(health.requests).toEqual([]);
    },
  );
});

describe('smoke-test headers', () => {
  it('verify: a smoke test header with a CR is a configuration error naming the test', async () => {
    const run = await runBundle(BUNDLES.verify, {
      url: `${health.url}/health`,
      'smoke-tests': '- name: login\n  path: /login\n  headers: {X-Probe: "a\\rb"}',
    });
    expect(run.exitCode).toBe(1);
    expect(run.lines.join('\n')).toMatch(
      /input 'smoke-tests'.*smoke test 1 \('login'\): field 'headers' the value of 'X-Probe' holds a carriage return/,
    );
    expect(health.requests).toEqual([]);
  });

  it('the CLI (detect) refuses a bad header too', async () => {
    const run = await runCli(['detect', '--url', `${health.url}/health`, '--headers', 'X-Api-Key: abc\rdef']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/input 'headers' the value of 'X-Api-Key' holds a carriage return/);
    expect(health.requests).toEqual([]);
  });
});
