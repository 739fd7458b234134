import {
  type Actor,
  type AuditEvent,
  newKeyRingEntry,
  operatorActor,
  type Switchboard,
} from '@switchboard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inMemorySwitchboard } from '../../test/support/in-memory-switchboard.js';
import { createSwitchboardApp } from '../create-switchboard-app.js';

describe('audit log routes (E2, E3)', () => {
  let sb: Switchboard;
  let app: ReturnType<typeof createSwitchboardApp>;
  let admin: Actor;
  let member: Actor;

  const get = (path: string, who: 'admin' | 'member' = 'admin') =>
    app.request(path, { headers: { authorization: `Bearer ${who}` } });

  beforeEach(async () => {
    ({ sb } = inMemorySwitchboard({ secretKeys: newKeyRingEntry('k1') }));
    await sb.migrate();
    const created = await sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    admin = await sb.identity.actorFor(created.admin.id);
    for (let i = 0; i < 5; i++)
      await sb.users.add(admin, { firstName: 'Test', lastName: `T${i}`, email: `t${i}@acme.test` });
    const meg = await sb.users.add(admin, {
      firstName: 'Meg',
      lastName: 'Member',
      email: 'meg@acme.test',
    });
    member = await sb.identity.actorFor(meg.id);
    app = createSwitchboardApp(sb, {
      authenticate: (request) =>
        request.headers.get('authorization') === 'Bearer admin' ? admin : member,
    });
  });
  afterEach(async () => {
    await sb.close();
  });

  it('GET /v1/audit-events pages the log newest first, filtered', async () => {
    const first = await get('/v1/audit-events?limit=4&action=user.*');
    expect(first.status).toBe(200);
    const page = (await first.json()) as { data: AuditEvent[]; nextCursor: string };
    expect(page.data.map((e) => e.action)).toEqual(Array(4).fill('user.added'));
    const next = await get(
      `/v1/audit-events?limit=4&action=user.*&cursor=${encodeURIComponent(page.nextCursor)}`,
    );
    const rest = (await next.json()) as { data: AuditEvent[]; nextCursor: string | null };
    expect(rest.data).toHaveLength(3); // 7 users added, the first by the operator
    expect(rest.nextCursor).toBe(null);
    expect((await get('/v1/audit-events?action=user')).status).toBe(400);
    expect((await get('/v1/audit-events', 'member')).status).toBe(403);
  });

  it('GET /v1/audit-events/export streams NDJSON, oldest first, as an attachment', async () => {
    const response = await get('/v1/audit-events/export');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="audit-events-${admin.accountId}.ndjson"`,
    );
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const lines = (await response.text()).trimEnd().split('\n');
    const listed = (await sb.audit.list(admin, { limit: 100 })).data.reverse();
    expect(lines.map((line) => JSON.parse(line))).toEqual(listed);
  });

  it('GET /v1/audit-events/export?format=csv streams CSV with a header', async () => {
    const response = await get('/v1/audit-events/export?format=csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, first] = (await response.text()).split('\r\n');
    expect(header).toBe(
      'id,at,action,actorType,actorId,targetType,targetId,changedFields,requestId,clientAddress',
    );
    expect(first).toMatch(
      /^evt_\w+,[^,]+,account\.created,operator,,account,acc_\w+,companyName;demo,,$/,
    );
    expect((await get('/v1/audit-events/export?format=xml')).status).toBe(400);
    expect((await get('/v1/audit-events/export', 'member')).status).toBe(403);
  });

  it('reads the log a batch at a time as the stream is read, and stops when the reader does', async () => {
    for (let i = 0; i < 1100; i += 100)
      await Promise.all(
        Array.from({ length: 100 }, (_, j) => sb.account.update(admin, { city: `City ${i + j}` })),
      );
    const response = await get('/v1/audit-events/export');
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no body');
    const first = await reader.read();
    // One batch of 500 events, nothing read ahead.
    expect(new TextDecoder().decode(first.value).split('\n')).toHaveLength(501);
    await reader.cancel();
  });

  it('GET /v1/audit-events/verify reports the chain, and the first broken event', async () => {
    expect(await (await get('/v1/audit-events/verify')).json()).toEqual({
      ok: true,
      checked: 8,
      firstBrokenEventId: null,
    });
    const [, edited] = (await sb.audit.list(admin, { limit: 100 })).data.reverse();
    await sb.db
      .updateTable('audit_events')
      .set({ action: 'user.deleted' })
      .where('id', '=', edited?.id ?? '')
      .execute();
    expect(await (await get('/v1/audit-events/verify')).json()).toEqual({
      ok: false,
      checked: 2,
      firstBrokenEventId: edited?.id,
    });
    expect((await get('/v1/audit-events/verify', 'member')).status).toBe(403);
  });
});
