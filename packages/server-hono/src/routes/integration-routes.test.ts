import { type Actor, newKeyRingEntry, operatorActor, type Switchboard } from '@switchboard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inMemorySwitchboard } from '../../test/support/in-memory-switchboard.js';
import { createSwitchboardApp } from '../create-switchboard-app.js';

const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const s3 = {
  service: 's3',
  name: 'Recordings',
  key: 'AKIAIOSFODNN7EXAMPLE',
  secret,
  endpoint: 'http://127.0.0.1:1',
};

describe('integration routes', () => {
  let sb: Switchboard;
  let app: ReturnType<typeof createSwitchboardApp>;
  let admin: Actor;
  let member: Actor;
  let signedIn: Actor;
  const bodies: string[] = [];

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    bodies.push(await response.clone().text());
    return response;
  };

  beforeEach(async () => {
    ({ sb } = inMemorySwitchboard({
      secretKeys: newKeyRingEntry('k1'),
      integrationTimeoutMs: 2_000,
    }));
    await sb.migrate();
    const created = await sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    admin = await sb.identity.actorFor(created.admin.id);
    member = await sb.identity.actorFor(
      (await sb.users.add(admin, { firstName: 'G', lastName: 'H', email: 'g@acme.test' })).id,
    );
    signedIn = admin;
    app = createSwitchboardApp(sb, { authenticate: () => signedIn });
  });
  afterEach(async () => {
    await sb.close();
  });

  it('answers 422 integration_unreachable when the service cannot be reached, storing nothing', async () => {
    const response = await call('POST', '/v1/integrations', s3);
    expect(response.status).toBe(422);
    expect((await response.json()).code).toBe('integration_unreachable');
    expect((await (await call('GET', '/v1/integrations')).json()).data).toEqual([]);
  });

  it('adds without verifying (201), shows details and status, never the secret; edits only name and description', async () => {
    const created = await call('POST', '/v1/integrations?verify=false', s3);
    expect(created.status).toBe(201);
    const integration = await created.json();
    expect(integration).toMatchObject({
      service: 's3',
      details: { keyHint: 'AKIA…MPLE', endpoint: 'http://127.0.0.1:1' },
      status: { state: 'unchecked', checkedAt: null },
    });

    const immutable = await call('PATCH', `/v1/integrations/${integration.id}`, {
      name: 'New name',
      secret: 'another',
    });
    expect(immutable.status).toBe(422);
    expect((await immutable.json()).code).toBe('integration_config_immutable');
    const renamed = await call('PATCH', `/v1/integrations/${integration.id}`, {
      name: 'Call recordings',
    });
    expect((await renamed.json()).name).toBe('Call recordings');

    const tested = await call('POST', `/v1/integrations/${integration.id}/test`);
    expect(await tested.json()).toEqual({ ok: false, reason: expect.any(String) });
    expect(
      (await (await call('GET', `/v1/integrations/${integration.id}`)).json()).status.state,
    ).toBe('failing');

    const clash = await call('POST', '/v1/integrations?verify=false', {
      ...s3,
      name: 'CALL RECORDINGS',
    });
    expect(clash.status).toBe(409);
    expect((await clash.json()).code).toBe('integration_name_taken');

    signedIn = member;
    expect((await (await call('GET', '/v1/integrations')).json()).data).toHaveLength(1);
    expect((await call('DELETE', `/v1/integrations/${integration.id}`)).status).toBe(403);
    expect(
      (await call('POST', '/v1/integrations?verify=false', { ...s3, name: 'Mine' })).status,
    ).toBe(403);
    signedIn = admin;
    expect((await call('DELETE', `/v1/integrations/${integration.id}`)).status).toBe(204);
    for (const body of bodies) expect(body).not.toContain(secret);
  });

  it('validates bodies per service and the verify flag', async () => {
    const bad = await call('POST', '/v1/integrations', {
      service: 'dynamodb',
      name: 'D',
      key: 'x',
      secret: 'y',
      region: 'us-east-1',
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'key',
      'secret',
    ]);
    const region = await call('POST', '/v1/integrations', {
      service: 'dynamodb',
      name: 'D',
      key: 'x',
      secret: 'y',
      region: 'nowhere',
    });
    expect((await region.json()).issues[0].path).toBe('region');
    expect((await call('POST', '/v1/integrations?verify=maybe', s3)).status).toBe(400);
    expect((await call('POST', '/v1/integrations', { service: 'ftp', name: 'F' })).status).toBe(
      400,
    );
  });
});
