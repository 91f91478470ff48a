import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../__fixtures__/bundle.js';
import { drillCommand } from '../../src/drill/command.js';
import { runDrill } from '../../src/drill/drill.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (l: string) => err.push(l) }, out, err };
}

describe.each(['railway', 'render', 'fly'] as const)('the drill on %s', (provider) => {
  it('ships a bad deployment, and the guard rolls it back, restores the data and verifies', async () => {
    const { io, out } = capture();
    const result = await runDrill({ provider, buildDelayMs: 0 }, io);
    expect(result.exitCode).toBe(0);
    expect(result.outcome).toBe('rolled-back');
    expect(result.outputs.action).toBe('full');
    expect(result.timeline?.phases.map((p) => p.name)).toEqual([
      'detect',
      'decide',
      'rollback',
      'restore',
      'verify',
    ]);
    expect(result.timeline?.targets.every((t) => t.met)).toBe(true);
    const text = out.join('\n');
    expect(text).toContain(`Rollback drill on ${provider}: rolled-back`);
    expect(text).toMatch(/total\s+\S+ m?s\s+\(target < 15 min\)\s+met/);
  });
});

describe('rollback-guard drill', () => {
  it('refuses an unknown provider or option', async () => {
    const { io, err } = capture();
    expect(await drillCommand({ provider: 'heroku' }, io, false)).toBe(1);
    expect(await drillCommand({ speed: 'fast' }, io, false)).toBe(1);
    expect(err.join('\n')).toMatch(/--provider 'heroku' is not one of railway, render, fly, all/);
    expect(err.join('\n')).toMatch(/unknown option --speed/);
  });

  it('runs from the built CLI, as `npm run drill -- --provider render --json` does', async () => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'dist/cli/index.js'), 'drill', '--provider', 'render', '--json'],
      {
        env: { PATH: process.env.PATH },
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ provider: 'render', outcome: 'rolled-back', exitCode: 0 });
  });
});
