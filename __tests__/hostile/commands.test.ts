/**
 * Workflow commands from outside text: what a provider, a health endpoint, a backup folder or an
 * input says reaches the runner's log only as inert text, in every action (the built bundles, run
 * as the runner runs them) and in the CLI (the terminal host, as a workflow step runs it).
 */
import { mkdirSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseGithubOutput, runBundle } from '../../__fixtures__/bundle.js';
import { sendJson } from '../../__fixtures__/http-server.js';
import { githubHost } from '../../src/core/github-host.js';
import { inertLines, inertText } from '../../src/core/inert.js';
import { runbookLayout } from '../restore/fixtures.js';
import {
  BUNDLES,
  HOSTILE_NAME,
  HOSTILE_TEXT,
  PROVIDERS,
  TOKEN,
  expectOnlyOwnCommands,
  guardInputs,
  providerErrorServer,
  rollbackInputs,
  runCli,
  runnerCommands,
  startServer,
  tempDir,
  useServers,
  type TestServer,
} from './world.js';

/** The forms of the token the runner is told to mask. */
const TOKEN_MASKS = [TOKEN, Buffer.from(TOKEN).toString('base64')];

/** A health endpoint whose body names a failing component with commands in its name. */
function hostileHealth(): Promise<TestServer> {
  return startServer((_request, response) =>
    sendJson(response, 200, {
      status: HOSTILE_TEXT,
      checks: [{ name: HOSTILE_NAME, status: 'down' }],
      components: { [HOSTILE_TEXT]: 'down' },
    }),
  );
}

const serve = useServers();

describe('inertText: the one function every log line passes through', () => {
  it('leaves no line the runner would run, and is idempotent', () => {
    const inert = inertText(HOSTILE_TEXT);
    expect(runnerCommands(inert)).toEqual([]);
    // eslint-disable-next-line no-control-regex -- control characters must be gone
    expect(inert).not.toMatch(/[\r\n\u001b\u0007]/);
    expect(inertText(inert)).toBe(inert);
    expect(inertText('::add-mask::x')).toBe('\\::add-mask::x');
    expect(inertText(' \t::warning::x')).toBe('\\ \t::warning::x');
    expect(inertText('a ##[group]b')).toBe('a ##\\[group]b');
    expect(inertText('line\r::save-state name=a::b')).toBe('line\\r::save-state name=a::b');
    expect(inertText('rtl \u202eevil')).toBe('rtl \\u202eevil');
    // Ordinary text is untouched: '%', colons, quotes, Unicode.
    expect(inertText("error rate 12% (at most 10%): 'ok' ✓ 東京 a::b")).toBe(
      "error rate 12% (at most 10%): 'ok' ✓ 東京 a::b",
    );
  });

  it('keeps the lines of a text printed in a terminal, each inert', () => {
    expect(inertLines('Outputs:\n::set-output name=a::b\n  ok')).toBe(
      'Outputs:\n\\::set-output name=a::b\n  ok',
    );
  });
});

describe('outputs: $GITHUB_OUTPUT cannot be steered by a value', () => {
  it('a value holding line breaks, name=value lines and a delimiter-like text stays one output', () => {
    const dir = tempDir();
    const file = path.join(dir, 'github_output');
    writeFileSync(file, '');
    const saved = process.env.GITHUB_OUTPUT;
    process.env.GITHUB_OUTPUT = file;
    try {
      const value = `x\nstatus=rolled-back\nghadelimiter_00000000-0000-0000-0000-000000000000\noutcome<<EOF\npassed\nEOF\n${HOSTILE_TEXT}`;
      githubHost({ GITHUB_OUTPUT: file }).setOutput('explanation', value);
      expect(parseGithubOutput(readFileSync(file, 'utf8'))).toEqual({ explanation: value });
    } finally {
      process.env.GITHUB_OUTPUT = saved;
    }
  });
});

describe.each(PROVIDERS)('rollback-%s: a provider answer with commands in it', (provider) => {
  it('reaches the log as inert text, and sets nothing', async () => {
    const api = await serve(providerErrorServer(HOSTILE_TEXT));
    const run = await runBundle(BUNDLES[`rollback-${provider}`], rollbackInputs(provider, api.url));
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.outputs.outcome).toBeUndefined();
    expect(run.stdout).toContain('set-output name=');
    expectOnlyOwnCommands(run, TOKEN_MASKS);
  });
});

describe('the guard: a provider answer with commands in it', () => {
  it.each(PROVIDERS)('on %s reaches the log as inert text', async (provider) => {
    const api = await serve(providerErrorServer(HOSTILE_TEXT));
    const health = await serve(hostileHealth());
    const run = await runBundle(BUNDLES.guard, guardInputs(provider, api.url, `${health.url}/health`));
    expect(run.outputs.outcome).toBe('failed');
    expect(run.stdout).toContain('set-output name=');
    expectOnlyOwnCommands(run, TOKEN_MASKS);
  });
});

describe('detect and verify: a health body with commands in its component names and status', () => {
  it('detect logs them as inert text', async () => {
    const health = await serve(hostileHealth());
    const run = await runBundle(BUNDLES.detect, {
      url: `${health.url}/health`,
      interval: '20ms',
      window: '2s',
    });
    expect(run.stdout).toContain('set-output name=verdict');
    expect(run.outputs.verdict).toBe('unhealthy');
    expectOnlyOwnCommands(run);
  });

  it('verify logs them as inert text', async () => {
    const health = await serve(hostileHealth());
    const run = await runBundle(BUNDLES.verify, {
      url: `${health.url}/health`,
      samples: '2',
      interval: '20ms',
      timeout: '300ms',
    });
    expect(run.stdout).toContain('set-output name=verdict');
    expect(run.outputs.healthy).toBe('false');
    expectOnlyOwnCommands(run);
  });
});

describe('restore-db: a backup whose file name holds a command', () => {
  it('logs the name as inert text', async () => {
    const root = tempDir();
    const { backups, live } = await runbookLayout(root);
    const hostile = path.join(
      backups,
      '##[set-output name=status;]restored ##[add-mask]x_20240117_020000.db',
    );
    copyFileSync(path.join(backups, 'memory_20240116_020000.db'), hostile);
    const run = await runBundle(BUNDLES['restore-db'], {
      database: live,
      'backup-dir': backups,
      'dry-run': 'true',
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('set-output name=status');
    expectOnlyOwnCommands(run);
  });
});

describe('decide: an input echoed in an error', () => {
  it('the bundle escapes it in the annotation', async () => {
    const run = await runBundle(BUNDLES.decide, { 'issue-type': HOSTILE_TEXT });
    expect(run.exitCode).toBe(1);
    expectOnlyOwnCommands(run);
  });
});

describe('the CLI (the terminal host), as a workflow step runs it', () => {
  it('decide: an input echoed in an error line stays one inert line', async () => {
    const run = await runCli(['decide', '--issue-type', HOSTILE_TEXT]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('set-output name=status');
    expectOnlyOwnCommands(run);
  });

  it.each(PROVIDERS)('rollback-%s: a provider answer with commands in it', async (provider) => {
    const api = await serve(providerErrorServer(HOSTILE_TEXT));
    const inputs = rollbackInputs(provider, api.url);
    const args = Object.entries(inputs).flatMap(([name, value]) => [`--${name}`, value]);
    const run = await runCli([`rollback-${provider}`, ...args]);
    expect(run.exitCode).toBe(1);
    expect(`${run.stdout}${run.stderr}`).toContain('set-output name=');
    expectOnlyOwnCommands(run);
  });

  it('restore-db: a hostile backup name in the printed summary and outputs', async () => {
    const root = tempDir();
    const { backups, live } = await runbookLayout(root);
    mkdirSync(path.join(root, 'x'), { recursive: true });
    const hostile = path.join(backups, 'a\n::set-output name=status::restored\n_20240117_020000.db');
    copyFileSync(path.join(backups, 'memory_20240116_020000.db'), hostile);
    const run = await runCli(['restore-db', '--database', live, '--backup', hostile, '--dry-run']);
    expect(`${run.stdout}${run.stderr}`).toContain('set-output name=status');
    expectOnlyOwnCommands(run);
  });
});
