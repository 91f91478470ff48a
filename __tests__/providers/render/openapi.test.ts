import { describeWithContracts, renderOpenApi } from '../../../__fixtures__/contracts.js';
import { OpenApi } from '../../../__fixtures__/openapi.js';

describeWithContracts('the OpenAPI validator (on the Render document)', () => {
  const api = new OpenApi(renderOpenApi());
  const deploy = api.schema('deploy');

  it('accepts a deploy shaped as the document says', () => {
    expect(
      api.validate(deploy, {
        id: 'dep-1',
        commit: { id: 'abc', message: 'm', createdAt: '2026-01-01T00:00:00Z' },
        status: 'live',
        trigger: 'rollback',
        createdAt: '2026-01-01T00:00:00.123Z',
      }),
    ).toEqual([]);
  });

  it('names each wrong field: type, enum, required, date-time, undeclared in strict mode', () => {
    expect(
      api.validate(deploy, { status: 3, trigger: 'push', createdAt: 'yesterday', extra: 1 }, 'body', {
        strict: true,
      }),
    ).toEqual([
      'body.id: is required',
      'body.status: 3 is not one of "created", "queued", "build_in_progress", "update_in_progress", "live", "deactivated", "build_failed", "update_failed", "canceled", "pre_deploy_in_progress", "pre_deploy_failed"',
      'body.status: expected string, got number 3',
      'body.trigger: "push" is not one of "api", "blueprint_sync", "deploy_hook", "deployed_by_render", "manual", "other", "new_commit", "rollback", "service_resumed", "service_updated"',
      "body.createdAt: 'yesterday' is not an RFC 3339 date-time",
      'body.extra: is not a property the schema declares',
    ]);
    // Without strict, extra fields are allowed (as real APIs add fields).
    expect(api.validate(deploy, { id: 'x', extra: 1 })).toEqual([]);
  });

  it('follows $refs through the document, including percent-encoded path pointers, and checks patterns', () => {
    const disk = api.resolve('#/components/schemas/webServiceDetails/properties/disk');
    expect(api.validate(disk, { id: 'dsk-short', name: 'd', sizeGB: 1, mountPath: '/d' })).toEqual([
      "$.id: 'dsk-short' does not match ^dsk-[0-9a-z]{20}$",
    ]);
  });

  it('checks arrays item by item and oneOf alternatives', () => {
    const list = api.schema('deployList');
    const problems = api.validate(list, [
      { cursor: 'c', deploy: { id: 'a' } },
      { cursor: 1, deploy: {} },
    ]);
    expect(problems.sort()).toEqual([
      '$[1].cursor: expected string, got number 1',
      '$[1].deploy.id: is required',
    ]);
    const details = api.resolve('#/components/schemas/service/properties/serviceDetails');
    expect(api.validate(details, { nothing: true })[0]).toMatch(/^\$: matches none of the 5 alternatives/);
  });

  it('checks requests: the operation, path and query parameters, the body and the bearer token', () => {
    const auth = { authorization: 'Bearer k' };
    expect(
      api.checkRequest({
        method: 'GET',
        path: '/v1/services/srv-1/deploys',
        query: new URLSearchParams('limit=100&cursor=x'),
        headers: auth,
      }),
    ).toEqual([]);
    expect(
      api.checkRequest({
        method: 'GET',
        path: '/v1/services/srv-1/deploys',
        query: new URLSearchParams('limit=500&page=2'),
        headers: {},
      }),
    ).toEqual([
      'GET /services/{serviceId}/deploys: query parameter limit: 500 is above 100',
      'GET /services/{serviceId}/deploys: query parameter page is not in the document',
      'GET /services/{serviceId}/deploys: Authorization: Bearer <key> is missing',
    ]);
    expect(
      api.checkRequest({
        method: 'POST',
        path: '/v1/services/srv-1/rollback',
        headers: auth,
        body: { deploy: 'x' },
      }),
    ).toEqual([
      'POST /services/{serviceId}/rollback: body.deployId: is required',
      'POST /services/{serviceId}/rollback: body.deploy: is not a property the schema declares',
    ]);
    expect(
      api.checkRequest({
        method: 'PATCH',
        path: '/v1/services/srv-1',
        headers: auth,
        body: { autoDeploy: false },
      }),
    ).toEqual([
      'PATCH /services/{serviceId}: body.autoDeploy: false is not one of "yes", "no"',
      'PATCH /services/{serviceId}: body.autoDeploy: expected string, got boolean false',
    ]);
    expect(api.checkRequest({ method: 'POST', path: '/services/srv-1/rollback' })).toEqual([
      'POST /services/srv-1/rollback: no such operation in the document',
    ]);
  });

  it('checks responses against the status the document lists for the operation', () => {
    const request = { method: 'GET', path: '/v1/services/srv-1/deploys/dep-1' };
    expect(
      api.checkResponse(request, { status: 404, body: { id: 'not-found', message: 'deploy not found' } }),
    ).toEqual([]);
    expect(api.checkResponse(request, { status: 404, body: { error: 'nope' } })).toEqual([
      'GET /services/{serviceId}/deploys/{deployId} → 404: body.error: is not a property the schema declares',
    ]);
    expect(api.checkResponse(request, { status: 418, body: {} })[0]).toMatch(
      /the document lists no such status/,
    );
  });
});
