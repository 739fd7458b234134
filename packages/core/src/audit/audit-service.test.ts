import type { AuditEvent } from '@switchboard/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure.js';
import { ManualClock } from '../../test/support/manual-clock.js';
import { openAcmeAccount, person } from '../../test/support/test-account.js';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import { newKeyRingEntry } from '../integrations/index.js';
import type { Actor } from '../shared/actor.js';
import { operatorActor } from '../shared/operator-actor.js';

describe.each(testDatabaseKinds)('audit.list and audit.export on $name', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;
  const clock = new ManualClock();

  beforeEach(async () => {
    t = await createTestSwitchboard(kind, { secretKeys: newKeyRingEntry('k1'), clock });
    admin = await openAcmeAccount(t);
  });
  afterEach(async () => {
    await t.close();
  });

  /** Every event of the account, newest first, read page by page. */
  const everything = async (actor: Actor, query: { limit?: number; action?: string } = {}) => {
    const events: AuditEvent[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.sb.audit.list(actor, { ...query, ...(cursor ? { cursor } : {}) });
      events.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return events;
  };

  /** Adds `count` users, a minute apart. */
  const addUsers = async (count: number, prefix = 'user') => {
    const added = [];
    for (let i = 0; i < count; i++) {
      clock.advance(60_000);
      added.push(
        await t.sb.users.add(admin, person('Test', `${prefix}${i}`, `${prefix}${i}@acme.test`)),
      );
    }
    return added;
  };

  describe('audit.list (E2)', () => {
    it('answers events newest first, in pages that meet every event once', async () => {
      await addUsers(7);
      const all = await everything(admin, { limit: 3 });
      expect(all.map((e) => e.action)).toEqual([
        ...Array(7).fill('user.added'),
        'user.added',
        'account.created',
      ]);
      expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
      const times = all.map((e) => e.at);
      expect(times).toEqual([...times].sort().reverse());
      expect(all[0]).toEqual({
        id: expect.stringMatching(/^evt_/),
        action: 'user.added',
        actor: { type: 'user', id: admin.userId },
        target: { type: 'user', id: expect.stringMatching(/^usr_/) },
        changedFields: ['firstName', 'lastName', 'email', 'isAdmin', 'permissions'],
        requestId: null,
        clientAddress: null,
        at: clock.now().toISOString(),
      });
      expect(all.at(-1)?.actor).toEqual({ type: 'operator', id: null });
    });

    it('filters by exact action, by area, by actor, by target and by time', async () => {
      const [grace] = await addUsers(2);
      if (!grace) throw new Error('no user');
      const middle = clock.now().toISOString();
      clock.advance(60_000);
      await t.sb.users.update(admin, grace.id, { firstName: 'Grace' });
      await t.sb.account.update(admin, { city: 'Boston' });
      const actions = async (query: Record<string, string>) =>
        (await t.sb.audit.list(admin, query)).data.map((e) => e.action);
      expect(await actions({ action: 'user.updated' })).toEqual(['user.updated']);
      expect(await actions({ action: 'user.*' })).toEqual([
        'user.updated',
        'user.added',
        'user.added',
        'user.added',
      ]);
      expect(await actions({ action: 'account.*' })).toEqual([
        'account.updated',
        'account.created',
      ]);
      expect(await actions({ actorId: admin.userId })).toHaveLength(4);
      expect(await actions({ targetId: grace.id })).toEqual(['user.updated', 'user.added']);
      expect(await actions({ since: middle })).toEqual([
        'account.updated',
        'user.updated',
        'user.added',
      ]);
      expect(await actions({ until: middle })).toEqual([
        'user.added',
        'user.added',
        'account.created',
      ]);
      // An offset is the same instant in UTC.
      const shifted = new Date(middle).toISOString().replace('Z', '+00:00');
      expect(await actions({ since: shifted, action: 'user.*' })).toEqual([
        'user.updated',
        'user.added',
      ]);
    });

    it('never shows another account’s events', async () => {
      const globex = await t.sb.operator.createAccount(operatorActor(), {
        companyName: 'Globex',
        admin: person('Hank', 'Scorpio', 'hank@globex.test'),
      });
      const hank = await t.sb.identity.actorFor(globex.admin.id);
      await t.sb.users.add(hank, person('Homer', 'Simpson', 'homer@globex.test'));
      await addUsers(2);
      const acme = await everything(admin);
      const theirs = await everything(hank);
      expect(acme).toHaveLength(4);
      expect(theirs).toHaveLength(3);
      expect(acme.some((e) => theirs.some((o) => o.id === e.id))).toBe(false);
      expect(await t.sb.audit.list(admin, { targetId: globex.admin.id })).toEqual({
        data: [],
        nextCursor: null,
      });
    });

    it('is for admins only, and refuses a bad limit, cursor or filter', async () => {
      const member = await t.sb.users.add(admin, person('Meg', 'Member', 'meg@acme.test'));
      const actor = await t.sb.identity.actorFor(member.id);
      expect(isSwitchboardError(await failure(t.sb.audit.list(actor)), 'forbidden')).toBe(true);
      for (const query of [
        { limit: 101 },
        { cursor: 'not-a-cursor' },
        { action: 'user' },
        { action: 'user.*.*' },
        { since: 'yesterday' },
      ]) {
        const error = await failure(t.sb.audit.list(admin, query));
        expect(isSwitchboardError(error, 'validation_failed'), JSON.stringify(query)).toBe(true);
      }
    });

    it('pages without duplicates or gaps while events are written (E2)', async () => {
      await addUsers(10, 'before');
      const before = await everything(admin);
      // Another instance whose clock is an hour behind (or a change that started earlier).
      const behind = await t.another({
        clock: { now: () => new Date(clock.now().getTime() - 3_600_000) },
      });
      const seen: AuditEvent[] = [];
      let cursor: string | undefined;
      let written = 0;
      do {
        const page = await t.sb.audit.list(admin, { limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.data);
        cursor = page.nextCursor ?? undefined;
        await Promise.all([
          t.sb.users.add(admin, person('New', `n${written}`, `n${written++}@acme.test`)),
          behind.account.update(admin, { city: `City ${written}` }),
        ]);
      } while (cursor);
      const ids = seen.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const event of before) expect(ids).toContain(event.id);
      // The log's times never run backwards: the late clock's events take the time before them.
      const times = (await everything(admin)).map((e) => e.at);
      expect(times).toEqual([...times].sort().reverse());
      expect(times.length).toBe(before.length + 2 * written);
    });
  });

  describe('audit.export (E2)', () => {
    const text = async (chunks: AsyncIterable<string>) => {
      let out = '';
      for await (const chunk of chunks) out += chunk;
      return out;
    };

    it('streams every event oldest first as NDJSON, the list in reverse', async () => {
      await addUsers(3);
      const file = await t.sb.audit.export(admin);
      expect(file).toMatchObject({
        format: 'ndjson',
        contentType: 'application/x-ndjson',
        fileName: `audit-events-${admin.accountId}.ndjson`,
      });
      const lines = (await text(file.chunks)).trimEnd().split('\n');
      expect(lines.map((line) => JSON.parse(line))).toEqual((await everything(admin)).reverse());
    });

    it('streams CSV with a header line, RFC 4180 quoting, and a time range', async () => {
      await addUsers(2);
      clock.advance(1000);
      const since = clock.now().toISOString(); // inclusive: the events after it
      await addUsers(1, 'later');
      const file = await t.sb.audit.export(admin, { format: 'csv', since });
      const csv = await text(file.chunks);
      const [header, ...rows] = csv.split('\r\n');
      expect(header).toBe(
        'id,at,action,actorType,actorId,targetType,targetId,changedFields,requestId,clientAddress',
      );
      expect(rows).toHaveLength(2); // one event, then the empty string after the last CRLF
      expect(rows[0]).toMatch(
        /^evt_\w+,[\d:.TZ-]+,user\.added,user,usr_\w+,user,usr_\w+,firstName;lastName;email;isAdmin;permissions,,$/,
      );
      expect(file.contentType).toBe('text/csv');
    });

    it('keeps what the list keeps: the same filters give the same events, oldest first', async () => {
      const [first] = await addUsers(2);
      if (!first) throw new Error('no user');
      await t.sb.users.update(admin, first.id, { firstName: 'Renamed' });
      for (const filter of [
        { action: 'user.updated' },
        { action: 'user.*' },
        { targetId: first.id },
      ]) {
        const file = await t.sb.audit.export(admin, filter);
        const lines = (await text(file.chunks)).trimEnd().split('\n');
        const listed = (await t.sb.audit.list(admin, { ...filter, limit: 100 })).data;
        expect(listed.length).toBeGreaterThan(0);
        expect(lines.map((line) => JSON.parse(line))).toEqual(listed.reverse());
      }
    });

    it('reads a batch at a time, ending at the newest event when it was asked for', async () => {
      await addUsers(3);
      const file = await t.sb.audit.export(admin);
      const chunks = file.chunks[Symbol.asyncIterator]();
      await addUsers(1, 'meanwhile');
      let lines = 0;
      for (let next = await chunks.next(); !next.done; next = await chunks.next())
        lines += next.value.split('\n').length - 1;
      expect(lines).toBe(5);
    });

    it('is for admins only', async () => {
      const member = await t.sb.users.add(admin, person('Meg', 'Member', 'meg@acme.test'));
      const actor = await t.sb.identity.actorFor(member.id);
      expect(isSwitchboardError(await failure(t.sb.audit.export(actor)), 'forbidden')).toBe(true);
    });
  });
});
