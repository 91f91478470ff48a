import { DemoApp, isBadArtifact } from '../../src/sandbox/demo-app.js';

describe('the demo app', () => {
  let live = 'registry/app:good-2';
  let databaseOk = true;
  const app = new DemoApp({ liveArtifact: () => live, databaseHealthy: () => databaseOk });
  beforeAll(async () => app.start());
  afterAll(async () => app.stop());

  it('is healthy on a good build with a sound database', async () => {
    const response = await fetch(`${app.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'healthy',
      services: { app: 'healthy', database: 'healthy' },
      version: 'registry/app:good-2',
    });
    expect((await fetch(`${app.url}/api/sessions`, { method: 'POST' })).status).toBe(201);
  });

  it('answers 500 on a bad build and fails its smoke endpoint', async () => {
    live = 'registry/app:bad-3';
    expect((await fetch(`${app.url}/api/health`)).status).toBe(500);
    expect((await fetch(`${app.url}/api/sessions`, { method: 'POST' })).status).toBe(500);
    live = 'registry/app:good-2';
  });

  it('reports a broken database as an unhealthy component', async () => {
    databaseOk = false;
    const body = (await (await fetch(`${app.url}/api/health`)).json()) as {
      services: Record<string, string>;
    };
    expect(body.services.database).toBe('corrupted');
    databaseOk = true;
  });

  it('calls builds bad by their artifact name', () => {
    expect(isBadArtifact('app:bad-3')).toBe(true);
    expect(isBadArtifact('app:good-1')).toBe(false);
    expect(isBadArtifact(undefined)).toBe(true);
  });
});
