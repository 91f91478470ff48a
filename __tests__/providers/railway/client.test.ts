import { startAnswering, type RecordedRequest, type TestServer } from '../../../__fixtures__/http-server.js';
import { testDeps } from '../../../__fixtures__/context.js';
import { ProviderError } from '../../../src/core/errors.js';
import { HttpClient } from '../../../src/core/http.js';
import { Secrets } from '../../../src/core/secrets.js';
import { RailwayClient, type RailwayTokenType } from '../../../src/providers/railway/client.js';

const TOKEN = 'rw-secret-token-1234';
const SCOPE = { environmentId: 'env-1', serviceId: 'svc-1' };

function deployment(extra: Record<string, unknown> = {}) {
  return {
    id: 'dep-1',
    status: 'SUCCESS',
    createdAt: '2026-01-01T10:00:00Z',
    statusUpdatedAt: '2026-01-01T10:01:00.000+00:00',
    canRollback: false,
    canRedeploy: true,
    deploymentStopped: false,
    meta: { reason: 'deploy' },
    serviceId: 'svc-1',
    environmentId: 'env-1',
    ...extra,
  };
}

function snapshotData(node: unknown = deployment()) {
  return {
    data: {
      serviceInstance: { id: 'si', serviceName: 'web', activeDeployments: [node], latestDeployment: node },
      deployments: { edges: [{ node }], pageInfo: { hasNextPage: false, endCursor: null } },
    },
  };
}

describe('RailwayClient', () => {
  let server: TestServer;
  let answer: (request: RecordedRequest) => { status: number; body: unknown };
  beforeEach(async () => {
    server = await startAnswering((request) => answer(request));
  });
  afterEach(async () => server.close());

  const client = (tokenType: RailwayTokenType = 'account') => {
    const secrets = new Secrets();
    secrets.add(TOKEN);
    return new RailwayClient({
      http: new HttpClient({ ...testDeps(), secrets }),
      apiUrl: `${server.url}/graphql/v2`,
      token: TOKEN,
      tokenType,
      secrets,
    });
  };
  const failure = async (promise: Promise<unknown>): Promise<ProviderError> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  };

  it('posts the document, its variables and operation name, with the token in the header its type needs', async () => {
    answer = () => ({ status: 200, body: snapshotData() });
    const page = await client('account').snapshot(SCOPE, 50);
    expect(page).toMatchObject({ serviceName: 'web', hasNextPage: false, endCursor: undefined });
    expect(page.deployments[0]).toMatchObject({ id: 'dep-1', createdAt: '2026-01-01T10:00:00.000Z' });
    expect(page.deployments[0]?.statusUpdatedAt).toBe('2026-01-01T10:01:00.000Z');
    const [sent] = server.requests;
    expect(sent).toMatchObject({ method: 'POST', path: '/graphql/v2' });
    expect(sent?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent?.headers['project-access-token']).toBeUndefined();
    expect(JSON.parse(sent?.body ?? '')).toMatchObject({
      operationName: 'RollbackGuardSnapshot',
      variables: { input: SCOPE, first: 50, environmentId: 'env-1', serviceId: 'svc-1' },
    });

    await client('project').snapshot(SCOPE, 50);
    expect(server.requests[1]?.headers['project-access-token']).toBe(TOKEN);
    expect(server.requests[1]?.headers.authorization).toBeUndefined();
  });

  it('turns errors in a 200 body into a clear, redacted provider error with what to do next', async () => {
    answer = () => ({
      status: 200,
      body: {
        data: null,
        errors: [{ message: `Not Authorized (token ${TOKEN})`, path: ['serviceInstance'] }],
      },
    });
    const error = await failure(client().snapshot(SCOPE, 50));
    expect(error.message).toMatch(
      /^read the Railway service and its deployments failed: Railway answered: Not Authorized \(token \*\*\*\)\. Railway refused the token: .*token-type matches it/,
    );
    expect(error).toMatchObject({ status: 200, retryable: false });
    expect(error.message).not.toContain(TOKEN);
  });

  it('says which id to check when Railway does not find something', async () => {
    answer = () => ({ status: 200, body: { data: null, errors: [{ message: 'Deployment not found' }] } });
    const error = await failure(client().deployment('nope'));
    expect(error.message).toMatch(
      /read the Railway deployment nope failed: Railway answered: Deployment not found\. Check service-id/,
    );
  });

  it('marks rate limits and Railway internal errors inside a 200 as worth retrying', async () => {
    answer = () => ({ status: 200, body: { errors: [{ message: 'Problem processing request' }] } });
    expect((await failure(client().deployment('d'))).retryable).toBe(true);
    answer = () => ({ status: 200, body: { errors: [{ message: 'Rate limit exceeded' }] } });
    expect((await failure(client().deployment('d'))).retryable).toBe(true);
  });

  it('shows the GraphQL errors of a refused document (HTTP 400)', async () => {
    answer = () => ({
      status: 400,
      body: { errors: [{ message: 'Cannot query field "nope" on type "Deployment".' }] },
    });
    const error = await failure(client().deployment('d'));
    expect(error.message).toMatch(/Railway answered: Cannot query field "nope" on type "Deployment"\./);
    expect(error.status).toBe(400);
  });

  it('reports an HTML page or a bare HTTP error with the status and a hint', async () => {
    answer = () => ({ status: 200, body: '<html>Welcome to nginx</html>' });
    expect((await failure(client().deployment('d'))).message).toMatch(
      /the answer is not JSON \(HTTP 200: <html>Welcome to nginx/,
    );
    answer = () => ({ status: 401, body: '<html>Unauthorized</html>' });
    expect((await failure(client().deployment('d'))).message).toMatch(
      /failed: HTTP 401: .*The token was refused/,
    );
    answer = () => ({ status: 200, body: { hello: 'world' } });
    expect((await failure(client().deployment('d'))).message).toMatch(
      /Railway answered with neither data nor errors/,
    );
  });

  it('names the field when an answer does not have the shape of the schema', async () => {
    answer = () => ({ status: 200, body: snapshotData(deployment({ status: 3 })) });
    expect((await failure(client().snapshot(SCOPE, 50))).message).toMatch(
      /^Railway snapshot response: serviceInstance\.activeDeployments\[0\]\.status: expected string, received number/,
    );
    answer = () => ({ status: 200, body: { data: { deployment: deployment({ createdAt: 'yesterday' }) } } });
    expect((await failure(client().deployment('dep-1'))).message).toMatch(
      /^Railway deployment response: deployment\.createdAt: expected an ISO 8601 time/,
    );
    answer = () => ({ status: 200, body: { data: { deployment: { id: 'x' } } } });
    expect((await failure(client().deployment('x'))).message).toMatch(/; and \d+ more/);
  });

  it('retries a query on 5xx, but sends the rollback mutation once', async () => {
    let calls = 0;
    answer = () => {
      calls += 1;
      return calls < 3
        ? { status: 503, body: 'busy' }
        : { status: 200, body: { data: { deployment: deployment() } } };
    };
    expect((await client().deployment('dep-1')).id).toBe('dep-1');
    expect(server.requests).toHaveLength(3);

    answer = () => ({ status: 503, body: 'busy' });
    const error = await failure(client().rollback('dep-1'));
    expect(error.message).toMatch(/request the Railway rollback to dep-1 failed: HTTP 503/);
    expect(server.requests).toHaveLength(4);
    expect(JSON.parse(server.requests[3]?.body ?? '')).toMatchObject({
      operationName: 'RollbackGuardRollback',
      variables: { id: 'dep-1' },
    });
  });

  it('treats deploymentRollback returning false as a refusal', async () => {
    answer = () => ({ status: 200, body: { data: { deploymentRollback: false } } });
    const error = await failure(client().rollback('dep-1'));
    expect(error.message).toMatch(
      /Railway refused the rollback to dep-1 \(deploymentRollback returned false\)\. .*image may have expired/,
    );
    answer = () => ({ status: 200, body: { data: { deploymentRollback: true } } });
    await expect(client().rollback('dep-1')).resolves.toBeUndefined();
  });
});
