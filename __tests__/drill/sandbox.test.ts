// `rollback-guard sandbox`: the drill's world served until stopped, with a ready file that points any
// action at it. Its use from a workflow is in __tests__/workflows/repository-jobs.test.ts.
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sandboxCommand } from '../../src/drill/sandbox-command.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  let printed: () => void = () => {};
  const ready = new Promise<void>((resolve) => (printed = resolve));
  return {
    out,
    err,
    ready,
    io: {
      stdout: (text: string) => {
        out.push(text);
        printed();
      },
      stderr: (line: string) => err.push(line),
    },
  };
}

/** Runs the command until `stop` is called; resolves `ready` once it has said where it is. */
function serve(args: Record<string, string>, json = false) {
  const capture = io();
  let stop: (reason: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  const exit = sandboxCommand(args, capture.io, json, { stopped });
  return { ...capture, exit, stop };
}

const readyFile = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'rg-sandbox-')), 'ready.json');

it('refuses every bad option at once, before starting anything', async () => {
  const { io: out, err } = io();
  const code = await sandboxCommand(
    { provider: 'heroku', 'stop-after': 'soon', healthy: 'maybe', colour: 'red', 'ready-file': '' },
    out,
    false,
  );
  expect(code).toBe(1);
  expect(err).toEqual([
    'sandbox: unknown option --colour; options: --provider, --healthy, --ready-file, --stop-after, --json',
    "sandbox: --provider 'heroku' is not one of railway, render, fly",
    expect.stringMatching(/^sandbox: --stop-after 'soon' is not a duration/),
    "sandbox: --healthy 'maybe' is not 'true' or 'false'",
    'sandbox: --ready-file needs a path',
  ]);
});

describe.each(['railway', 'render', 'fly'] as const)('on %s', (provider) => {
  it('serves the world after a bad deploy, writes the ready file, and cleans up when stopped', async () => {
    const file = readyFile();
    const run = serve({ provider, 'ready-file': file });
    await run.ready;
    const ready = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(statSync(file).mode & 0o077).toBe(0); // the token is in it: the owner's only
    expect(ready).toMatchObject({
      provider,
      token: expect.stringMatching(/^drill_/),
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api\/health$/),
      'api-url': expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//),
      pid: String(process.pid),
    });
    expect(run.out.join('\n')).not.toContain(ready.token);
    expect(run.out.join('\n')).toContain(`the token and every input are in ${file}`);

    const health = await fetch(ready.url as string);
    expect(health.status).toBe(500);
    expect(await health.json()).toMatchObject({ services: { app: 'crashing', database: 'corrupted' } });
    for (const name of ['database', 'backup-dir', 'smoke-tests'])
      expect(existsSync(ready[name] as string)).toBe(true);

    run.stop('the test is done');
    expect(await run.exit).toBe(0);
    expect(run.err).toEqual(['sandbox: stopping (the test is done)']);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(ready.database as string)).toBe(false);
    await expect(fetch(ready.url as string)).rejects.toThrow();
  });
});

it('--healthy serves a good deployment; --json prints the inputs instead of the description', async () => {
  const run = serve({ provider: 'render', healthy: 'true' }, true);
  await run.ready;
  const ready = JSON.parse(run.out[0] as string) as Record<string, string>;
  expect((await fetch(ready.url as string)).status).toBe(200);
  run.stop('done');
  expect(await run.exit).toBe(0);
});

it('stops by itself after --stop-after', async () => {
  const capture = io();
  const never = new Promise<string>(() => {});
  const code = await sandboxCommand({ provider: 'fly', 'stop-after': '1ms' }, capture.io, false, {
    stopped: never,
  });
  expect(code).toBe(0);
  expect(capture.out.join('\n')).toContain('serving until Ctrl-C or SIGTERM, or for 1ms');
  expect(capture.err).toEqual(['sandbox: stopping (--stop-after 1ms)']);
});
