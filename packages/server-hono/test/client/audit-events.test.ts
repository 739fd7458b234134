import {
  createClient,
  ForbiddenError,
  type SwitchboardClient,
  ValidationError,
} from '@switchboard/client';
import { type AuditEvent, newKeyRingEntry } from '@switchboard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AcmeApp, acmeApp } from '../support/acme-app.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** The audit log through `client.auditEvents` (E2, E3), against the real app in-process. */
describe('client.auditEvents against the real app', () => {
  let t: AcmeApp;
  let admin: SwitchboardClient;
  let member: SwitchboardClient;
  let graceId: string;

  beforeEach(async () => {
    t = await acmeApp({ core: { secretKeys: newKeyRingEntry('k1') } });
    const client = createClient({
      baseUrl: 'http://switchboard.internal',
      fetch: (input, init) => t.app.fetch(new Request(input, init)),
      retry: 0,
    });
    admin = client.withToken(t.adminToken);
    const grace = await admin.users.add({
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@acme.test',
    });
    graceId = grace.id;
    await admin.users.update(grace.id, { lastName: 'Murray' });
    for (let i = 0; i < 6; i++) await admin.account.update({ city: `City ${i}` });
    await t.sb.mail.idle();
    const link = t.sent.find((m) => m.to === 'grace@acme.test')?.text.match(/https?:\S+/)?.[0];
    const session = await client.auth.activate({
      token: new URL(link ?? 'http://x').searchParams.get('token') ?? '',
      password: 'grace hopper 1906!',
    });
    member = client.withToken(session.token);
  });
  afterEach(async () => {
    await t.sb.close();
  });

  it('list() walks every page newest first, filtered by area, person, target and time', async () => {
    const all = await collect(admin.auditEvents.list({ limit: 3 }));
    const { data: firstPage } = await admin.auditEvents.page({ limit: 100 });
    expect(all).toEqual(firstPage);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    expect(all.slice(0, 6).map((e) => e.action)).toEqual([
      'user.activated',
      ...Array(5).fill('account.updated'),
    ]);

    const users = await collect(admin.auditEvents.list({ action: 'user.*', limit: 2 }));
    expect(users.every((e) => e.action.startsWith('user.'))).toBe(true);
    const aboutGrace = await collect(admin.auditEvents.list({ targetId: graceId }));
    expect(aboutGrace.map((e) => e.action)).toEqual([
      'user.activated',
      'user.updated',
      'user.added',
    ]);
    expect(aboutGrace[1]?.changedFields).toEqual(['lastName']);
    const byGrace = await collect(admin.auditEvents.list({ actorId: graceId }));
    expect(byGrace.map((e) => e.action)).toEqual(['user.activated']);
    const until = all.find((e) => e.action === 'user.updated')?.at;
    const before = await collect(admin.auditEvents.list({ until }));
    expect(before.every((e) => until && e.at < until)).toBe(true);

    const badAction = await admin.auditEvents.page({ action: 'user' }).catch((e: unknown) => e);
    expect(badAction).toBeInstanceOf(ValidationError);
  });

  it('exportEvents() equals the list, oldest first; export() streams the CSV file', async () => {
    const listed = (await collect(admin.auditEvents.list())).reverse();
    expect(await collect(admin.auditEvents.exportEvents())).toEqual(listed);

    const since = listed[3]?.at;
    const recent = await collect(admin.auditEvents.exportEvents({ since }));
    expect(recent).toEqual(listed.filter((e: AuditEvent) => since && e.at >= since));

    const file = await admin.auditEvents.export({ format: 'csv' });
    const { id: accountId } = await admin.account.get();
    expect(file.fileName).toBe(`audit-events-${accountId}.csv`);
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    const rows = (await new Response(file.body).text()).trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'id,at,action,actorType,actorId,targetType,targetId,changedFields,requestId,clientAddress',
    );
    expect(rows.slice(1).map((row) => row.split(',')[0])).toEqual(listed.map((e) => e.id));
  });

  it('ends the export early when the reader stops, and the app serves on', async () => {
    for (let i = 0; i < 600; i += 100)
      await Promise.all(
        Array.from({ length: 100 }, (_, j) => admin.account.update({ city: `Town ${i + j}` })),
      );
    let read = 0;
    for await (const _ of admin.auditEvents.exportEvents()) if (++read === 10) break;
    expect(read).toBe(10);
    expect((await admin.auditEvents.verify()).ok).toBe(true);
  });

  it('verify() says the log holds, then names the first event someone edited', async () => {
    const listed = (await collect(admin.auditEvents.list())).reverse();
    expect(await admin.auditEvents.verify()).toEqual({
      ok: true,
      checked: listed.length,
      firstBrokenEventId: null,
    });
    const edited = listed[4];
    await t.sb.db
      .updateTable('audit_events')
      .set({ changed_fields: '[]' })
      .where('id', '=', edited?.id ?? '')
      .execute();
    expect(await admin.auditEvents.verify()).toEqual({
      ok: false,
      checked: 5,
      firstBrokenEventId: edited?.id,
    });
  });

  it('refuses members every read of the log (ForbiddenError)', async () => {
    for (const attempt of [
      () => member.auditEvents.page(),
      () => collect(member.auditEvents.list()),
      () => member.auditEvents.export(),
      () => collect(member.auditEvents.exportEvents()),
      () => member.auditEvents.verify(),
    ])
      expect(await attempt().catch((e: unknown) => e)).toBeInstanceOf(ForbiddenError);
  });
});
