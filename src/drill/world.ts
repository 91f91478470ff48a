/**
 * The drill's world on this machine: a simulated provider (Railway, Render or Fly) with two good
 * deployments, the demo app behind it with a SQLite database and timestamped backups, and, once
 * shipped, a bad deployment that breaks the app and whose migration drops a table. `npm run drill`
 * runs the guard against it; `rollback-guard sandbox` serves it to a workflow's steps.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../core/clock.js';
import { DemoApp } from '../sandbox/demo-app.js';
import {
  createDemoDatabase,
  damageDemoDatabase,
  demoDatabaseHealthy,
  type DemoDatabase,
} from '../sandbox/demo-database.js';
import { createProviderSandbox } from '../sandbox/index.js';
import type { ProviderSandbox, SandboxProviderName } from '../sandbox/types.js';

/** The demo app's smoke tests (verify's format), as the drill passes them inline. */
export const DEMO_SMOKE_TESTS = `
- name: create a session
  method: POST
  path: /api/sessions
  expect-status: 201
  expect-json:
    session.status: active
- name: version
  path: /api/version
`;

export const BAD_DEPLOYMENT = {
  artifact: 'registry/demo:bad-3',
  commit: '3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c',
};

export interface DrillWorld {
  provider: SandboxProviderName;
  sandbox: ProviderSandbox;
  app: DemoApp;
  database: DemoDatabase;
  /** A fresh folder holding the database, its backups and the smoke tests file. */
  folder: string;
  /** The smoke tests, as a file in `folder`. */
  smokeTestsFile: string;
  /** Ships the bad deployment, waits until it is live, then lets its migration drop the table. */
  shipBadDeployment(): Promise<void>;
  /** The guard's inputs that point it at this world: the provider's, the health URL, database, backups. */
  guardInputs(): Record<string, string>;
  /** Stops both servers and removes the folder. */
  stop(): Promise<void>;
}

export interface DrillWorldOptions {
  provider: SandboxProviderName;
  clock: Clock;
  /** How long the simulated provider takes to build and start a deployment. */
  buildDelayMs?: number;
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`drill: ${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startDrillWorld(options: DrillWorldOptions): Promise<DrillWorld> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'rollback-guard-drill-'));
  const sandbox = createProviderSandbox(options.provider, {
    clock: options.clock,
    buildDelayMs: options.buildDelayMs ?? 800,
    token: `drill_${randomBytes(12).toString('hex')}`,
    history: [
      { artifact: 'registry/demo:good-1', commit: '1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a' },
      { artifact: 'registry/demo:good-2', commit: '2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b' },
    ],
  });
  const stop = async () => {
    await app.stop();
    await sandbox.stop();
    await rm(folder, { recursive: true, force: true });
  };
  let database: DemoDatabase;
  const app = new DemoApp({
    liveArtifact: () => sandbox.liveArtifact(),
    databaseHealthy: () => demoDatabaseHealthy(database.database),
  });
  const smokeTestsFile = path.join(folder, 'smoke-tests.yml');
  try {
    database = await createDemoDatabase(folder, options.clock.now() - 60_000);
    await writeFile(smokeTestsFile, DEMO_SMOKE_TESTS.trimStart());
    await sandbox.start();
    await app.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    provider: options.provider,
    sandbox,
    app,
    database,
    folder,
    smokeTestsFile,
    async shipBadDeployment() {
      sandbox.deploy(BAD_DEPLOYMENT);
      await waitFor(
        () => sandbox.liveArtifact() === BAD_DEPLOYMENT.artifact,
        10_000,
        'the bad deployment going live',
      );
      await damageDemoDatabase(database.database);
    },
    guardInputs: () => ({
      ...sandbox.guardInputs(),
      url: `${app.url}/api/health`,
      database: database.database,
      'backup-dir': database.backupDir,
    }),
    stop,
  };
}
