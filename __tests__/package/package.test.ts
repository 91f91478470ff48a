// The CLI as an npm package, proven the way a user gets it: `npm pack`, the tarball installed into an
// empty folder with no network and an empty npm cache, then `npx rollback-guard --help`, `decide`
// and `drill` run there on Node 24, with no clone of the repository anywhere near.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../__fixtures__/bundle.js';
import { ACTIONS } from '../../src/actions/registry.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'rg-package-'));
const app = path.join(work, 'app');
// Node 24 (this test's own Node) first on PATH, as `npx` and the bin's `#!/usr/bin/env node` find it.
const env = {
  PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
  HOME: work,
  npm_config_cache: path.join(work, 'npm-cache'),
  npm_config_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

function run(command: string, args: string[], cwd: string, timeoutMs = 60_000): Promise<Run> {
  const child = spawn(command, args, { cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

let packed: { filename: string; files: { path: string }[] };
let installed: Run;
const npx: Record<'help' | 'decideHelp' | 'decide' | 'drill', Run> = {} as never;

beforeAll(async () => {
  const pack = await run('npm', ['pack', '--json', '--pack-destination', work], ROOT);
  if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  packed = (JSON.parse(pack.stdout) as (typeof packed)[])[0] as typeof packed;
  mkdirSync(app);
  installed = await run('npm', ['install', path.join(work, packed.filename)], app);
  // The four commands at once: each npx start costs seconds on a busy machine.
  [npx.help, npx.decideHelp, npx.decide, npx.drill] = await Promise.all([
    run('npx', ['rollback-guard', '--help'], app),
    run('npx', ['rollback-guard', 'decide', '--help'], app),
    run('npx', ['rollback-guard', 'decide', '--issue-type', 'critical-bug'], app),
    run('npx', ['rollback-guard', 'drill', '--json'], app, 90_000),
  ]);
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the package', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<
    string,
    unknown
  >;

  it('is publishable, with a bin, honest engines and no runtime dependencies (ncc bundles them all)', () => {
    expect(manifest.private).toBeUndefined();
    expect(manifest.bin).toEqual({ 'rollback-guard': 'dist/cli/index.js' });
    // better-sqlite3 13's prebuilds need Node-API 10: Node 22.14+ or 23.6+ (src/cli/node-check.ts).
    expect(manifest.engines).toEqual({ node: '^22.14.0 || >=23.6.0' });
    // Anything listed here would be downloaded next to a bundle that already contains it; add
    // libraries to devDependencies, and ncc puts what the code uses into dist/.
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(readFileSync(path.join(ROOT, 'dist/cli/index.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it('holds the CLI bundle, its SQLite prebuilds, every action.yml its --help reads, README and CHANGELOG', () => {
    const files = packed.files.map((file) => file.path);
    const actionYmls = Object.values(ACTIONS).map(({ folder }) => path.posix.join(folder, 'action.yml'));
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'CHANGELOG.md',
        'dist/cli/index.js',
        'dist/cli/package.json',
        'dist/cli/licenses.txt',
        'dist/cli/prebuilds/linux-x64.node',
        'dist/cli/prebuilds/darwin-arm64.node',
        'dist/cli/prebuilds/win32-x64.node',
        ...actionYmls,
      ]),
    );
    // Nothing else: no sources, tests, fixtures or the actions' own bundles.
    const unexpected = files.filter(
      (file) =>
        !/^(package\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/cli\/.*|([\w-]+\/)?action\.yml)$/.test(file),
    );
    expect(unexpected).toEqual([]);
  });

  it('installs into an empty folder with no network and an empty cache', () => {
    expect(installed.code).toBe(0);
    expect(installed.stderr).not.toMatch(/ERR!|EBADENGINE/);
  });
});

describe('npx rollback-guard, from the installed tarball', () => {
  it('--help lists the commands', () => {
    const help = npx.help;
    expect([help.code, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toMatch(/^rollback-guard <command>/);
    for (const name of [...Object.keys(ACTIONS), 'drill', 'sandbox'])
      expect(help.stdout).toContain(`  ${name}`);
  });

  it("decide --help reads decide's action.yml from the package", () => {
    const help = npx.decideHelp;
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--issue-type {2}\(required\)/);
  });

  it('decide --issue-type critical-bug decides a code rollback at P0', () => {
    const decide = npx.decide;
    expect(decide.code).toBe(0);
    expect(decide.stdout).toMatch(
      /Outputs:\n {2}action: code\n {2}code-rollback: true\n {2}data-rollback: false\n {2}priority: P0/,
    );
  });

  it('drill runs the whole chain on the sandbox, SQLite included, and exits 0', () => {
    const drill = npx.drill;
    expect(drill.code).toBe(0);
    expect(JSON.parse(drill.stdout)).toMatchObject({
      provider: 'railway',
      outcome: 'rolled-back',
      outputs: { action: 'full' },
      timeline: {
        phases: expect.arrayContaining([expect.objectContaining({ name: 'restore', outcome: 'restored' })]),
      },
      exitCode: 0,
    });
  });
});
