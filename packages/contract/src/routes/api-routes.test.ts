import { describe, expect, it } from 'vitest';
import { isErrorCode } from '../error-codes.js';
import { apiRouteList, apiRoutes } from './api-routes.js';
import { pathParameterNames, routePath } from './route-descriptor.js';
import { routeErrorCodes } from './route-errors.js';

describe('apiRoutes', () => {
  it('names each route once, by operationId, and keys it by that name', () => {
    const ids = apiRouteList.map((route) => route.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const area of Object.values(apiRoutes)) {
      for (const [key, route] of Object.entries(area)) expect(route.operationId).toBe(key);
    }
  });

  it('has one route per method and path', () => {
    const keys = apiRouteList.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('describes every route completely', () => {
    for (const route of apiRouteList) {
      const name = `${route.method} ${route.path}`;
      expect(route.path, name).toMatch(/^\/(v1\/)?[a-z-]+(\/([a-z-]+|\{\w+\}))*$/);
      expect(route.summary, name).not.toBe('');
      expect(route.errors.every(isErrorCode), name).toBe(true);
      if (route.response.status === 204 || route.download)
        expect(route.response.schema, name).toBeUndefined();
      else expect(route.response.schema, `${name}: the body it answers`).toBeDefined();
      if (route.download) expect(route.method, `${name}: a download`).toBe('get');
      if (route.access === 'operator') expect(route.path, name).toMatch(/^\/v1\/operator\//);
      if (route.method === 'get' || route.method === 'delete')
        expect(route.body, name).toBeUndefined();
    }
  });

  it('lists GET /v1/integration-services for every signed-in user', () => {
    expect(apiRoutes.integrations.listIntegrationServices).toMatchObject({
      method: 'get',
      path: '/v1/integration-services',
      access: 'user',
    });
  });
});

describe('routePath', () => {
  it('fills in and encodes path parameters', () => {
    expect(routePath('/v1/users/{id}', { id: 'usr_1' })).toBe('/v1/users/usr_1');
    expect(routePath('/v1/users/{id}/password-reset', { id: 'a/b?c' })).toBe(
      '/v1/users/a%2Fb%3Fc/password-reset',
    );
    expect(routePath('/v1/account', {})).toBe('/v1/account');
  });

  it('refuses a missing parameter', () => {
    expect(() => routePath('/v1/users/{id}', {})).toThrow(/Missing path parameter "id"/);
  });
});

describe('pathParameterNames', () => {
  it('names a path’s parameters in order', () => {
    expect(pathParameterNames('/v1/users/{id}/password-reset')).toEqual(['id']);
    expect(pathParameterNames('/v1/a/{first}/b/{second}')).toEqual(['first', 'second']);
    expect(pathParameterNames('/v1/account')).toEqual([]);
  });
});

describe('routeErrorCodes', () => {
  it('adds the codes of a route’s shape to its own', () => {
    expect(routeErrorCodes(apiRoutes.meta.health).sort()).toEqual(['internal', 'unavailable']);
    expect(routeErrorCodes(apiRoutes.users.getUser).sort()).toEqual([
      'forbidden',
      'internal',
      'not_found',
      'unauthenticated',
      'unavailable',
      'validation_failed',
    ]);
    expect(routeErrorCodes(apiRoutes.auth.login).sort()).toEqual([
      'internal',
      'invalid_credentials',
      'payload_too_large',
      'rate_limited',
      'unavailable',
      'unsupported_media_type',
      'validation_failed',
    ]);
  });
});
