import { apiRouteList } from '@switchboard/contract';
import { describe, expect, it } from 'vitest';
import { switchboardRoutes } from '../create-switchboard-app.js';
import { openApiDocument } from './openapi-document.js';

type Operation = {
  operationId: string;
  security: unknown[];
  responses: Record<string, { description: string }>;
};

const document = openApiDocument(apiRouteList, { title: 'Switchboard API', version: '1.0.0' }) as {
  paths: Record<string, Record<string, Operation>>;
};

describe('openApiDocument', () => {
  it('is built from the contract’s descriptors, one handler for each, in the same order', () => {
    expect(switchboardRoutes.map((route) => route.operationId)).toEqual(
      apiRouteList.map((route) => route.operationId),
    );
    for (const route of apiRouteList) {
      expect(document.paths[route.path]?.[route.method]?.operationId).toBe(route.operationId);
    }
  });

  it('lists each error code under the status of its kind', () => {
    const updateUser = document.paths['/v1/users/{id}']?.patch;
    expect(Object.keys(updateUser?.responses ?? {})).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '422',
    ]);
    expect(updateUser?.responses['409']?.description).toBe('`email_taken`, `last_admin`');
    expect(updateUser?.responses['422']?.description).toBe('`two_factor_not_editable`');
    expect(Object.keys(document.paths['/healthz']?.get?.responses ?? {})).toEqual(['200']);
  });

  it('asks for the session token on user routes and the operator token on operator routes', () => {
    expect(document.paths['/v1/integration-services']?.get?.security).toEqual([
      { sessionToken: [] },
    ]);
    expect(document.paths['/v1/operator/accounts']?.post?.security).toEqual([
      { operatorToken: [] },
    ]);
    expect(document.paths['/v1/auth/login']?.post?.security).toEqual([]);
  });
});
