/**
 * Contract tests: every request the Render client sends, and every answer the simulated Render API
 * returns to it, checked against Render's published OpenAPI document (contracts/
 * render-openapi.json) with the validator in __fixtures__/openapi.ts. Answers are checked strictly
 * (no field the document does not declare), so the simulation cannot drift from Render's shapes.
 */
import { describeWithContracts, renderOpenApi } from '../../../__fixtures__/contracts.js';
import { OpenApi } from '../../../__fixtures__/openapi.js';
import { ManualClock } from '../../../src/core/clock.js';
import { runRollback } from '../../../src/providers/flow.js';
import { RENDER_DEPLOY_STATUSES } from '../../../src/providers/render/client.js';
import type { RenderSandbox, RenderSandboxOptions } from '../../../src/sandbox/render.js';
import { clientFor, harness, providerFor, startSandbox } from './setup.js';

describeWithContracts('the Render client and the simulated Render API follow the OpenAPI document', () => {
  const api = new OpenApi(renderOpenApi());
  const sandboxes: RenderSandbox[] = [];

  /** Runs a scenario on a fresh sandbox and keeps it for the checks below. */
  async function scenario(
    extra: Partial<RenderSandboxOptions>,
    act: (sandbox: RenderSandbox, h: ReturnType<typeof harness>) => Promise<unknown>,
  ): Promise<void> {
    const clock = new ManualClock();
    const sandbox = await startSandbox({ clock, ...extra });
    sandboxes.push(sandbox);
    try {
      await act(sandbox, harness(clock));
    } finally {
      await sandbox.stop();
    }
  }

  beforeAll(async () => {
    const roll = (sandbox: RenderSandbox, h: ReturnType<typeof harness>, options = {}) =>
      runRollback(
        providerFor(sandbox, h, { pageSize: 2 }),
        { wait: true, timeoutMs: 60_000, dryRun: false, ...options },
        h,
      );
    await scenario({}, async (sandbox, h) => {
      await roll(sandbox, h);
      await roll(sandbox, h);
    });
    await scenario({ source: 'image', disk: true }, (sandbox, h) => roll(sandbox, h));
    await scenario({ rollbackBehaviour: 'fail' }, (sandbox, h) => roll(sandbox, h));
    await scenario({ rollbackBehaviour: 'never-live' }, (sandbox, h) => roll(sandbox, h));
    await scenario({}, (sandbox, h) => roll(sandbox, h, { dryRun: true }));
    await scenario({ retainedBuilds: 2 }, (sandbox, h) =>
      roll(sandbox, h, { target: sandbox.list()[2]!.id }),
    );
    await scenario({ deployWritesPerMinute: 1 }, async (sandbox, h) => {
      await roll(sandbox, h);
    });
    await scenario({}, async (sandbox, h) => {
      await clientFor(sandbox, h, 'rnd_not_the_key_000')
        .getService()
        .catch(() => undefined);
      await clientFor(sandbox, h)
        .getDeploy('dep-unknown')
        .catch(() => undefined);
      await clientFor(sandbox, h)
        .rollback('dep-unknown')
        .catch(() => undefined);
    });
  });

  const exchanges = () => sandboxes.flatMap((sandbox) => sandbox.exchanges);
  const toCheck = (request: RenderSandbox['exchanges'][number]['request']) => ({
    method: request.method,
    path: request.path,
    query: request.query,
    headers: request.headers,
    body: request.json,
  });

  it('exercises every operation the client uses, with success and error answers', () => {
    const seen = new Set(
      exchanges().map(({ request, response }) => {
        const op = api.operation(request.method, request.path);
        return `${op?.method} ${op?.template} ${response.status}`;
      }),
    );
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'GET /services/{serviceId} 200',
        'GET /services/{serviceId} 401',
        'PATCH /services/{serviceId} 200',
        'PATCH /services/{serviceId} 429',
        'GET /services/{serviceId}/deploys 200',
        'GET /services/{serviceId}/deploys/{deployId} 200',
        'GET /services/{serviceId}/deploys/{deployId} 404',
        'POST /services/{serviceId}/rollback 201',
        'POST /services/{serviceId}/rollback 400',
        'POST /services/{serviceId}/rollback 404',
      ]),
    );
    expect(exchanges().length).toBeGreaterThan(50);
  });

  it('every request the client sent matches its operation: path, query parameters, body, bearer key', () => {
    const problems = exchanges().flatMap(({ request }) => api.checkRequest(toCheck(request)));
    expect(problems).toEqual([]);
  });

  it('every answer the simulated API gave matches the document, strictly', () => {
    const problems = exchanges().flatMap(({ request, response }) =>
      api.checkResponse(toCheck(request), { status: response.status, body: response.body }),
    );
    expect(problems).toEqual([]);
  });

  it("the client's statuses are the document's deployStatus, and 'rollback' is a documented trigger", () => {
    expect([...RENDER_DEPLOY_STATUSES].sort()).toEqual(
      [...(api.schema('deployStatus').enum as string[])].sort(),
    );
    const trigger = (api.schema('deploy').properties as Record<string, { enum: string[] }>).trigger;
    expect(trigger?.enum).toContain('rollback');
  });
});
