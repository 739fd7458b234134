import { emailKey } from '@switchboard/contract';
import { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure.js';
import { openAcmeAccount, person } from '../../test/support/test-account.js';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import type { Database } from '../db/database.js';
import { dialectName } from '../db/dialect-name.js';
import { isSwitchboardError } from '../errors/switchboard-error.js';
import { defaultRateLimits, RateLimiter } from '../identity/index.js';
import { MailOutbox } from '../mail/mail-outbox.js';
import type { Actor } from '../shared/actor.js';
import { systemClock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { silentLogger } from '../shared/logger.js';
import { operatorActor } from '../shared/operator-actor.js';
import { WritePipeline } from '../shared/write-pipeline.js';
import { UsersService } from './users-service.js';

describe.each(testDatabaseKinds)('users.list on $name (U7)', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;

  beforeEach(async () => {
    t = await createTestSwitchboard(kind);
    admin = await openAcmeAccount(t);
  });
  afterEach(async () => {
    await t.close();
  });

  /** Inserts users straight into the table (fast); names repeat so the id breaks ties. */
  const seedUsers = async (count: number, accountId = admin.accountId) => {
    const at = new Date().toISOString();
    const rows = Array.from({ length: count }, (_, i) => {
      const email = `u${i}.${accountId}@acme.test`;
      return {
        id: newId('usr'),
        account_id: accountId,
        first_name: `F${i % 3}`,
        last_name: `L${String(i % 17).padStart(2, '0')}`,
        email,
        email_key: emailKey(email),
        is_admin: false,
        can_create: false,
        can_share: false,
        two_factor_enabled: false,
        status: 'pending' as const,
        password_hash: null,
        created_at: at,
        updated_at: at,
      };
    });
    await t.sb.db.insertInto('users').values(rows).execute();
  };

  const walk = async (limit: number, q?: string) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await t.sb.users.list(admin, {
        limit,
        ...(cursor ? { cursor } : {}),
        ...(q ? { q } : {}),
      });
      expect(page.data.length).toBeLessThanOrEqual(limit);
      ids.push(...page.data.map((u) => u.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    return { ids, pages };
  };

  it('walks 250 users in pages of 100, 50 and 7 in order, with no gaps or repeats', async () => {
    await seedUsers(249); // plus Ada: 250
    const other = await t.sb.operator.createAccount(operatorActor(), {
      companyName: 'Globex',
      admin: person('Hank', 'Scorpio', 'hank@globex.test'),
    });
    await seedUsers(30, other.account.id);
    const rows = await t.sb.db
      .selectFrom('users')
      .select(['id', 'first_name', 'last_name'])
      .where('account_id', '=', admin.accountId)
      .execute();
    expect(rows).toHaveLength(250);
    const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const expected = rows
      .sort(
        (a, b) =>
          compare(a.last_name, b.last_name) ||
          compare(a.first_name, b.first_name) ||
          compare(a.id, b.id),
      )
      .map((r) => r.id);
    for (const limit of [100, 50, 7]) {
      const { ids, pages } = await walk(limit);
      expect(ids).toEqual(expected);
      expect(pages).toBe(Math.ceil(250 / limit));
    }
  });

  it('returns each user’s admin flag, permissions, two-factor status and state', async () => {
    const { data, nextCursor } = await t.sb.users.list(admin);
    expect(nextCursor).toBeNull();
    expect(data).toEqual([
      expect.objectContaining({
        id: admin.userId,
        isAdmin: true,
        permissions: { canCreate: true, canShare: true },
        twoFactorEnabled: false,
        status: 'pending',
      }),
    ]);
  });

  it('searches by case-insensitive prefix of first name, last name or email', async () => {
    await t.sb.users.add(admin, person('Grace', 'Hopper', 'grace@navy.test'));
    await t.sb.users.add(admin, person('Alan', 'Turing', 'a_turing@acme.test'));
    await t.sb.users.add(admin, person('Annie', 'Easley', 'annie@nasa.test'));
    await t.sb.users.add(admin, person('Émile', 'Baudot', 'baudot@telegraph.test'));
    const names = async (q: string) =>
      (await t.sb.users.list(admin, { q })).data.map((u) => u.firstName).sort();
    expect(await names('gra')).toEqual(['Grace']);
    expect(await names('HOP')).toEqual(['Grace']);
    expect(await names('hOpPeR')).toEqual(['Grace']);
    expect(await names('annie@')).toEqual(['Annie']);
    expect(await names('  ANNIE@N ')).toEqual(['Annie']);
    expect(await names('a')).toEqual(['Ada', 'Alan', 'Annie']);
    expect(await names('Ém')).toEqual(['Émile']);
    expect(await names('ÉMI')).toEqual(['Émile']);
    // Non-ASCII letters fold on SQLite too (its own lower() folds ASCII only).
    expect(await names('émile')).toEqual(['Émile']);
    expect(await names('BAUDOT@TÉL')).toEqual([]);
    expect(await names('race')).toEqual([]);
    expect(await names('navy')).toEqual([]);
  });

  it('treats %, _ and \\ in the search as literal characters', async () => {
    await t.sb.users.add(admin, person('Alan', 'Turing', 'a_turing@acme.test'));
    await t.sb.users.add(admin, person('Annie', 'Easley', 'abacus@acme.test'));
    await t.sb.users.add(admin, person('Per%cent', 'Sign', 'percent@acme.test'));
    await t.sb.users.add(admin, person('Back\\slash', 'Name', 'slash@acme.test'));
    const names = async (q: string) =>
      (await t.sb.users.list(admin, { q })).data.map((u) => u.firstName).sort();
    expect(await names('a_')).toEqual(['Alan']);
    expect(await names('a%')).toEqual([]);
    expect(await names('%')).toEqual([]);
    expect(await names('_')).toEqual([]);
    expect(await names('per%')).toEqual(['Per%cent']);
    expect(await names('back\\')).toEqual(['Back\\slash']);
    expect(await names('back\\s')).toEqual(['Back\\slash']);
  });

  it('pages through search results with the cursor', async () => {
    await seedUsers(40);
    const all = await t.sb.db
      .selectFrom('users')
      .select('id')
      .where('account_id', '=', admin.accountId)
      .where('last_name', 'like', 'L0%')
      .execute();
    const { ids } = await walk(4, 'l0');
    expect(ids).toHaveLength(all.length);
    expect(new Set(ids)).toEqual(new Set(all.map((r) => r.id)));
  });

  it('refuses a cursor it did not give out, or a limit outside 1..100', async () => {
    for (const query of [
      { cursor: 'garbage' },
      { cursor: Buffer.from('["a","b"]').toString('base64url') },
      { limit: 0 },
      { limit: 101 },
    ]) {
      const error = await failure(t.sb.users.list(admin, query));
      expect(isSwitchboardError(error, 'validation_failed')).toBe(true);
    }
    const error = await failure(t.sb.users.list(admin, { cursor: 'garbage' }));
    expect((error as { issues: { path: string }[] }).issues[0]?.path).toBe('cursor');
  });

  it('runs exactly one SQL query per page, whatever the page size or search', async () => {
    await seedUsers(120);
    const statements: string[] = [];
    const db = new Kysely<Database>({
      dialect: t.database.reopen(),
      log: (event) => void statements.push(event.query.sql),
    });
    const dialect = dialectName(db);
    const users = new UsersService(
      {
        db,
        dialect,
        clock: systemClock,
        logger: silentLogger,
        write: new WritePipeline({
          db,
          dialect,
          clock: systemClock,
          outbox: new MailOutbox({
            db,
            dialect,
            clock: systemClock,
            logger: silentLogger,
            mailer: { send: async () => {} },
            from: 'hello@switchboard.test',
          }),
        }).run,
        publicUrl: 'https://admin.example.test',
      },
      { rateLimiter: new RateLimiter({ db, clock: systemClock }, defaultRateLimits) },
    );
    try {
      const counts: number[] = [];
      let cursor: string | null = null;
      for (const query of [{ limit: 50 }, { limit: 100 }, { limit: 50, q: 'l0' }]) {
        statements.length = 0;
        const page = await users.list(admin, { ...query, ...(cursor ? { cursor } : {}) });
        cursor = page.nextCursor;
        counts.push(statements.length);
      }
      expect(counts).toEqual([1, 1, 1]);
      expect(statements[0]).toMatch(/from "users" where "account_id" = .* limit/);
    } finally {
      await db.destroy();
    }
  });
});
