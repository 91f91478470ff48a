/**
 * The demo app behind a simulated provider, for `npm run drill` and the guard's tests: it serves
 * whatever the provider says is live. A good build answers `/api/health` with every component
 * healthy; a bad build (an artifact whose name contains "bad") answers 500 and breaks its smoke
 * endpoints; and a database that fails its check is reported as an unhealthy component.
 */
import { SimulatedApi, type SandboxRequest, type SandboxResponse } from './server.js';

export interface DemoAppOptions {
  /** The artifact the provider says is live now. */
  liveArtifact: () => string | undefined;
  /** Whether the app's database is sound (the drill checks the SQLite file); healthy when absent. */
  databaseHealthy?: () => boolean | Promise<boolean>;
}

/** A build is bad when its artifact says so: 'registry/app:bad-3'. */
export function isBadArtifact(artifact: string | undefined): boolean {
  return artifact === undefined || /bad/i.test(artifact);
}

export class DemoApp extends SimulatedApi {
  private sessions = 0;

  constructor(private readonly options: DemoAppOptions) {
    super();
  }

  get url(): string {
    return this.server.url;
  }

  protected async handle({ method, path }: SandboxRequest): Promise<SandboxResponse> {
    const artifact = this.options.liveArtifact();
    const appOk = !isBadArtifact(artifact);
    const databaseOk = (await this.options.databaseHealthy?.()) ?? true;
    if (method === 'GET' && path === '/api/health') {
      const services = {
        app: appOk ? 'healthy' : 'crashing',
        database: databaseOk ? 'healthy' : 'corrupted',
      };
      if (!appOk) return { status: 500, body: { status: 'unhealthy', services, version: artifact ?? null } };
      return {
        status: 200,
        body: { status: databaseOk ? 'healthy' : 'degraded', services, version: artifact },
      };
    }
    if (method === 'GET' && path === '/api/version') {
      return { status: 200, body: { version: artifact ?? null } };
    }
    if (method === 'POST' && path === '/api/sessions') {
      if (!appOk || !databaseOk) return { status: 500, body: { error: 'could not create a session' } };
      this.sessions += 1;
      return { status: 201, body: { session: { id: `s-${this.sessions}`, status: 'active' } } };
    }
    if (method === 'GET' && path === '/') {
      return appOk
        ? { status: 200, body: '<html><body>demo app</body></html>' }
        : { status: 502, body: '<html>Bad Gateway</html>' };
    }
    return { status: 404, body: { error: 'not found' } };
  }
}
