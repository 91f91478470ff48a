import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../__fixtures__/bundle.js';
import { testDeps } from '../../__fixtures__/context.js';
import { ACTIONS } from '../../src/actions/registry.js';
import { parseArgs } from '../../src/cli/args.js';
import { runCli } from '../../src/cli/main.js';
import { terminalText } from '../../src/core/terminal-host.js';
import { defineInputs, input } from '../../src/core/inputs.js';

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(
    argv,
    { RUNNER_TEMP: process.env.TMPDIR ?? '/tmp', ...env },
    { stdout: (t) => stdout.push(t), stderr: (l) => stderr.push(l) },
    { root: ROOT, deps: testDeps() },
  );
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('parseArgs', () => {
  it('reads --name value, --name=value, bare boolean flags and repeated flags', () => {
    expect(
      parseArgs(['verify', '--url', 'https://a', '--url=https://b', '--dry-run', '--samples', '5', '--json']),
    ).toEqual({
      command: 'verify',
      inputs: { url: 'https://a\nhttps://b', 'dry-run': 'true', samples: '5' },
      json: true,
      help: false,
      stray: [],
    });
  });

  it('takes a value that starts with one dash, keeps words apart, and ends flags at a bare --', () => {
    expect(
      parseArgs([
        'guard',
        '--headers',
        'A: 1',
        '--headers=B: 2',
        '--offset',
        '-5',
        '-h',
        'extra',
        '--',
        '--z',
      ]),
    ).toEqual({
      command: 'guard',
      inputs: { headers: 'A: 1\nB: 2', offset: '-5' },
      json: false,
      help: true,
      stray: ['extra', '--z'],
    });
  });
});

describe('rollback-guard <action>', () => {
  it('runs an action with the same schema and code as on GitHub, printing a readable result', async () => {
    const run = await cli(['decide', '--issue-type', 'data-corruption', '--deployment-caused', 'false']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /Outputs:\n {2}action: data\n {2}code-rollback: false\n {2}data-rollback: true\n {2}priority: P0/,
    );
    expect(run.stdout).toContain('## rollback-guard · decide');
  });

  it('prints JSON for machines with --json', async () => {
    const run = await cli(['decide', '--issue-type', 'none', '--json']);
    expect(JSON.parse(run.stdout)).toMatchObject({
      command: 'decide',
      exitCode: 0,
      outputs: { action: 'none' },
    });
  });

  it('reports bad and unknown inputs by name and exits 1', async () => {
    const bad = await cli(['decide', '--issue-type', 'oops', '--error-rate', 'lots']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/decide: input 'issue-type' 'oops'/);
    expect(bad.stderr).toMatch(/decide: input 'error-rate' 'lots'/);

    const unknown = await cli(['decide', '--issue-typo', 'none']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown input '--issue-typo'; its inputs are --issue-type, --severity/);
  });

  it('lists the inputs with descriptions and defaults from action.yml with --help', async () => {
    const run = await cli(['decide', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--issue-type {2}\(required\)/);
    expect(run.stdout).toMatch(/--error-rate-threshold {2}\(default: 10%\)\n\s+An error rate above this/);
    expect(run.stdout).toMatch(/Outputs:\n {2}action/);
  });

  it('lists the commands, and refuses an unknown one', async () => {
    expect((await cli(['help'])).stdout).toMatch(/Commands:\n {2}decide/);
    const unknown = await cli(['rollback-heroku']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown command 'rollback-heroku'; expected one of decide/);
  });

  it('takes a secret from its environment variable and never prints it', async () => {
    // A stand-in for rollback-render that echoes its key: the CLI must fill it from RENDER_API_KEY.
    const original = ACTIONS['rollback-render'];
    ACTIONS['rollback-render'] = {
      folder: 'rollback-render',
      definition: {
        name: 'rollback-render',
        inputs: defineInputs({ 'api-key': input.string().secret().required() }),
        execute: async (values: { 'api-key': string }, context: { log: { info(m: string): void } }) => {
          context.log.info(`key is ${values['api-key']}`);
          return { outputs: { seen: values['api-key'] }, report: {} };
        },
      } as never,
    };
    try {
      const run = await cli(['rollback-render'], { RENDER_API_KEY: 'rnd_secret_value' });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('seen: ***');
      expect(run.stderr).toContain('key is ***');
      expect(run.stdout + run.stderr).not.toContain('rnd_secret_value');
    } finally {
      if (original) ACTIONS['rollback-render'] = original;
      else delete ACTIONS['rollback-render'];
    }
  });
});

describe('terminalText', () => {
  it('drops charts and escapes for the terminal', () => {
    expect(terminalText('a\\_b\n\n```mermaid\nx\n```\n\n\n<details><summary>s</summary>t</details>')).toBe(
      'a_b\n\nst',
    );
  });
});

describe('dist/cli/index.js', () => {
  it('runs as the rollback-guard command', async () => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'dist/cli/index.js'), 'decide', '--issue-type', 'critical-bug', '--json'],
      {
        env: { PATH: process.env.PATH, RUNNER_TEMP: process.env.TMPDIR ?? '/tmp' },
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ outputs: { action: 'code', priority: 'P0' } });
  });
});
