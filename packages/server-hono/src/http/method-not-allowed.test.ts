import type { Switchboard } from '@switchboard/core';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inMemorySwitchboard } from '../../test/support/in-memory-switchboard.js';
import { createSwitchboardApp } from '../create-switchboard-app.js';
import { allowHeader } from './method-not-allowed.js';

describe('405 method_not_allowed', () => {
  let sb: Switchboard;
  let app: ReturnType<typeof createSwitchboardApp>;

  beforeEach(async () => {
    ({ sb } = inMemorySwitchboard());
    await sb.migrate();
    app = createSwitchboardApp(sb, { operatorToken: 'operator-token' });
  });
  afterEach(async () => {
    await sb.close();
  });

  it('answers a wrong method on an existing path 405 with Allow (issue 16 item 12: PUT /v1/account was 404)', async () => {
    const response = await app.request('/v1/account', {
      method: 'PUT',
      headers: { 'x-request-id': 'req-405' },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, PATCH');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('x-request-id')).toBe('req-405');
    expect(await response.json()).toMatchObject({
      type: 'urn:switchboard:problem:method_not_allowed',
      status: 405,
      code: 'method_not_allowed',
      detail: 'PUT is not allowed on /v1/account; allowed: GET, HEAD, PATCH',
      requestId: 'req-405',
    });
  });

  it('answers before authentication, on paths with parameters, and for HEAD where there is no GET', async () => {
    const users = await app.request('/v1/users/usr_anything', { method: 'POST' });
    expect(users.status).toBe(405);
    expect(users.headers.get('allow')).toBe('GET, HEAD, PATCH, DELETE');
    const head = await app.request('/v1/auth/login', { method: 'HEAD' });
    expect(head.status).toBe(405);
    expect(head.headers.get('allow')).toBe('POST');
    expect((await app.request('/openapi.json', { method: 'POST' })).headers.get('allow')).toBe(
      'GET, HEAD',
    );
  });

  it('leaves the right methods, unknown paths and absent operator routes alone', async () => {
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('/v1/account')).status).toBe(401);
    expect((await app.request('/v1/nothing', { method: 'PUT' })).status).toBe(404);
    const closed = createSwitchboardApp(sb);
    expect((await closed.request('/v1/operator/accounts', { method: 'GET' })).status).toBe(404);
  });

  it('answers 405 under the prefix the app is mounted at', async () => {
    const host = new Hono().route('/admin', app);
    const response = await host.request('/admin/v1/account', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, PATCH');
  });
});

describe('allowHeader', () => {
  it('lists the methods in a fixed order, with HEAD wherever GET is', () => {
    expect(allowHeader(['patch', 'get'])).toBe('GET, HEAD, PATCH');
    expect(allowHeader(['delete', 'post'])).toBe('POST, DELETE');
  });
});
