import { apiRouteList } from '@switchboard/contract';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { inMemorySwitchboard } from '../../test/support/in-memory-switchboard.js';
import { createSwitchboardApp, switchboardRoutes } from '../create-switchboard-app.js';
import { openApiDocument } from './openapi-document.js';

type Operation = {
  operationId: string;
  security: unknown[];
  parameters?: unknown[];
  responses: Record<string, { description: string; headers?: Record<string, unknown> }>;
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
      '412',
      '413',
      '415',
      '422',
      '428',
      '500',
      '503',
    ]);
    expect(updateUser?.responses['409']?.description).toBe('`email_taken`, `last_admin`');
    expect(updateUser?.responses['422']?.description).toBe(
      '`two_factor_not_editable`, `cannot_deactivate_self`',
    );
    expect(updateUser?.responses['412']?.description).toBe('`precondition_failed`');
    expect(updateUser?.responses['428']?.description).toBe('`precondition_required`');
    expect(Object.keys(document.paths['/healthz']?.get?.responses ?? {})).toEqual([
      '200',
      '500',
      '503',
    ]);
  });

  it('declares the headers of writing safely (C1, C2) where a route takes or sends them', () => {
    const names = (operation: { parameters?: unknown[] } | undefined) =>
      (operation?.parameters ?? []).map((p) => (p as { $ref?: string }).$ref?.split('/').at(-1));
    const user = document.paths['/v1/users/{id}'];
    expect(names(user?.patch)).toContain('IfMatch');
    expect(names(user?.delete)).toContain('IfMatch');
    expect(names(user?.get)).toContain('IfNoneMatch');
    expect(Object.keys(user?.get?.responses ?? {})).toContain('304');
    expect(Object.keys(user?.get?.responses['200']?.headers ?? {})).toContain('ETag');
    const addUser = document.paths['/v1/users']?.post;
    expect(names(addUser)).toContain('IdempotencyKey');
    expect(Object.keys(addUser?.responses['201']?.headers ?? {})).toEqual(
      expect.arrayContaining(['ETag', 'Idempotent-Replayed']),
    );
    expect(addUser?.responses['409']?.description).toContain('idempotency_key_in_use');
    expect(Object.keys(addUser?.responses['409']?.headers ?? {})).toContain('Retry-After');
    expect(addUser?.responses['422']?.description).toContain('idempotency_key_reused');
    expect(Object.keys(addUser?.responses['400']?.headers ?? {})).not.toContain(
      'Idempotent-Replayed',
    );
    expect(names(document.paths['/v1/auth/login']?.post)).not.toContain('IdempotencyKey');
    expect(
      Object.keys(document.paths['/v1/users']?.get?.responses['200']?.headers ?? {}),
    ).not.toContain('ETag');
  });

  it('declares the body of the 202 answers (regression: `{ accepted: true }` was undocumented)', () => {
    for (const path of ['/v1/users/{id}/password-reset', '/v1/users/{id}/activation-email']) {
      expect(document.paths[path]?.post?.responses['202']).toMatchObject({
        content: {
          'application/json': {
            schema: { type: 'object', properties: { accepted: { const: true } } },
          },
        },
      });
    }
  });

  it('declares x-request-id on every answer and Retry-After on 429 and 503', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, answer] of Object.entries(operation.responses)) {
          const headers = Object.keys(answer.headers ?? {});
          expect(headers, `${method} ${path} ${status}`).toContain('x-request-id');
          if (status === '429' || status === '503') expect(headers).toContain('Retry-After');
        }
      }
    }
  });

  it('names the license and a server, and describes 405 with Allow', () => {
    const full = document as unknown as {
      info: { license: unknown };
      servers: unknown;
      components: { responses: { MethodNotAllowed: { headers: object } } };
    };
    expect(full.info.license).toEqual({ name: 'MIT', identifier: 'MIT' });
    expect(full.servers).toEqual([{ url: '/', description: 'This server' }]);
    expect(Object.keys(full.components.responses.MethodNotAllowed.headers)).toEqual([
      'x-request-id',
      'Allow',
    ]);
  });

  it('types path parameters as the contract’s path ids and asks for a body only where `{}` is not one', () => {
    const getUser = document.paths['/v1/users/{id}']?.get as unknown as {
      parameters: { name: string; schema: { maxLength: number } }[];
    };
    expect(getUser.parameters[0]).toMatchObject({ name: 'id', schema: { maxLength: 200 } });
    const required = (path: string, method: string) =>
      (document.paths[path]?.[method] as unknown as { requestBody?: { required: boolean } })
        ?.requestBody?.required;
    expect(required('/v1/users', 'post')).toBe(true);
    expect(required('/v1/me', 'patch')).toBe(false);
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

  it('is served with the prefix the app is mounted at as its server', async () => {
    const { sb } = inMemorySwitchboard();
    const app = createSwitchboardApp(sb);
    const servers = async (fetched: Response) =>
      ((await fetched.json()) as { servers: unknown }).servers;
    expect(await servers(await app.request('/openapi.json'))).toEqual([
      { url: '/', description: 'This server' },
    ]);
    const host = new Hono().route('/admin', app);
    const mounted = await host.request('/admin/openapi.json');
    expect(mounted.headers.get('content-type')).toBe('application/json');
    expect(mounted.headers.get('x-request-id')).toEqual(expect.any(String));
    expect(await servers(mounted)).toEqual([{ url: '/admin', description: 'This server' }]);
    await sb.close();
  });
});
