// The CLI on a Node that cannot load its SQLite module: a clear message naming the Node it needs and
// how to get it, exit code 1, instead of a bare "Segmentation fault" (exit 139).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../__fixtures__/bundle.js';
import { REQUIRED_NODE_API, unsupportedNode } from '../../src/cli/node-check.js';

describe('unsupportedNode', () => {
  it('accepts a Node with Node-API 10 or later (22.14+, 23.6+, 24)', () => {
    expect(unsupportedNode({ node: '22.14.0', napi: '10' })).toBeUndefined();
    expect(unsupportedNode({ node: '24.21.0', napi: '10' })).toBeUndefined();
    expect(unsupportedNode({ node: '26.0.0', napi: '11' })).toBeUndefined();
    expect(unsupportedNode(process.versions)).toBeUndefined();
  });

  it.each([
    ['20.20.2', '9'],
    ['22.13.1', '9'],
    ['23.5.0', '9'],
  ])('refuses Node %s (Node-API %s), naming the Node it needs and how to get it', (node, napi) => {
    const message = unsupportedNode({ node, napi });
    expect(message).toContain(`this is Node.js ${node}`);
    expect(message).toContain('needs Node.js 22.14 or newer');
    expect(message).toContain(`needs Node-API ${REQUIRED_NODE_API} and this Node has Node-API ${napi}`);
    expect(message).toContain('https://nodejs.org/en/download');
    expect(message).toContain('npx -p node@24 -p rollback-guard rollback-guard');
  });

  it('refuses a runtime that reports no Node-API version', () => {
    expect(unsupportedNode({ node: '1.2.0' })).toMatch(/this Node has no Node-API version/);
  });
});

/** The built CLI on this Node 24, told by a preload that it is the given Node (before anything loads). */
async function cliAs(versions: { node: string; napi: string }, args: string[]) {
  const fake = `Object.defineProperty(process, 'versions', { value: { ...process.versions, node: '${versions.node}', napi: '${versions.napi}' } });`;
  const child = spawn(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(fake)}`,
      path.join(ROOT, 'dist/cli/index.js'),
      ...args,
    ],
    { env: { PATH: process.env.PATH } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise((resolve) => child.on('close', (exit, signal) => resolve(signal ?? exit)));
  return { code, stdout, stderr };
}

describe('the built CLI on an old Node', () => {
  it.each([['drill'], ['restore-db', '--help'], ['--help']])(
    'says which Node it needs before loading anything (rollback-guard %s)',
    async (...args) => {
      const run = await cliAs({ node: '20.20.2', napi: '9' }, args);
      expect(run).toEqual({
        code: 1,
        stdout: '',
        stderr: expect.stringMatching(
          /^rollback-guard needs Node\.js 22\.14 or newer .*this is Node\.js 20\.20\.2\./,
        ),
      });
    },
  );

  // The real thing, where this machine has an older Node (the CI image may not).
  const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find((binary) => {
    const found = spawnSync(binary, ['-p', 'process.versions.napi'], { encoding: 'utf8' });
    return found.status === 0 && Number(found.stdout.trim()) < REQUIRED_NODE_API;
  });
  (oldNode ? it : it.skip)(
    `runs the drill on ${oldNode ?? 'an older Node (none here)'}: the message, no crash`,
    () => {
      const run = spawnSync(oldNode as string, [path.join(ROOT, 'dist/cli/index.js'), 'drill'], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect([run.signal, run.status]).toEqual([null, 1]);
      expect(run.stderr).toMatch(/^rollback-guard needs Node\.js 22\.14 or newer/);
    },
  );
});
