import { scimUrns } from '@switchboard/contract';
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
import { isSwitchboardError } from '../errors/switchboard-error.js';
import type { Actor } from '../shared/actor.js';
import { operatorActor } from '../shared/operator-actor.js';
import type { ScimActor } from '../shared/write-pipeline.js';
import { findProvisionedUsers } from '../users/index.js';
import { scimErrorTypeOf } from './scim-error-type.js';

/** A SCIM User body as Okta sends it on create. */
const oktaUser = (email: string, externalId: string, extra: Record<string, unknown> = {}) => ({
  schemas: [scimUrns.user],
  userName: email,
  name: { givenName: 'Test', familyName: 'User' },
  emails: [{ primary: true, value: email, type: 'work' }],
  displayName: 'Test User',
  externalId,
  active: true,
  ...extra,
});

describe.each(testDatabaseKinds)('scim users on $name (S1)', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;
  let scim: ScimActor;
  const password = 'a long enough password';

  const linkToken = async (to: string) => {
    await t.sb.mail.idle();
    const text = t.sent.filter((m) => m.to === to).at(-1)?.text ?? '';
    return new URL(text.match(/https:\S+/)?.[0] ?? 'https://x').searchParams.get('token') ?? '';
  };
  const scimType = async (promise: Promise<unknown>) => {
    const error = await failure(promise);
    return isSwitchboardError(error) ? (scimErrorTypeOf(error) ?? error.code) : error;
  };

  beforeEach(async () => {
    t = await createTestSwitchboard(kind);
    admin = await openAcmeAccount(t);
    const { token } = await t.sb.scimTokens.create(admin, { description: 'Okta' });
    scim = (await t.sb.scimTokens.authenticate(token)) as ScimActor;
  });
  afterEach(async () => {
    await t.close();
  });

  it('creates a pending user who gets the activation email, externalId kept, audited as scim', async () => {
    const created = await t.sb.scim.createUser(scim, oktaUser('Test.User@Okta.local', '00u1'));
    expect(created).toMatchObject({
      externalId: '00u1',
      user: { email: 'Test.User@Okta.local', firstName: 'Test', status: 'pending', isAdmin: false },
    });
    expect(await linkToken('Test.User@Okta.local')).not.toBe('');
    const events = await t.sb.audit.list(admin, { targetId: created.user.id });
    expect(events.data.map((e) => [e.action, e.actor])).toEqual([
      ['user.added', { type: 'scim', id: scim.tokenId }],
    ]);
    expect(events.data[0]?.changedFields).toContain('externalId');
  });

  it('creates a deactivated user without an email when active is false, and the extension’s flags', async () => {
    await t.sb.mail.idle();
    t.sent.length = 0;
    const created = await t.sb.scim.createUser(
      scim,
      oktaUser('off@acme.test', 'x', {
        active: 'False',
        [scimUrns.switchboardUser]: { isAdmin: true, canShare: 'true' },
      }),
    );
    expect(created.user).toMatchObject({
      status: 'deactivated',
      isAdmin: true,
      permissions: { canCreate: false, canShare: true },
    });
    await t.sb.mail.idle();
    expect(t.sent).toEqual([]);
  });

  it('answers uniqueness for an email in use in any account, whatever its case (U1)', async () => {
    await t.sb.scim.createUser(scim, oktaUser('dup@acme.test', 'a'));
    expect(await scimType(t.sb.scim.createUser(scim, oktaUser('DUP@acme.test', 'b')))).toBe(
      'uniqueness',
    );
    expect(await scimType(t.sb.scim.createUser(scim, oktaUser('ada@acme.test', 'c')))).toBe(
      'uniqueness',
    );
  });

  it('refuses a user without names or a valid email with invalidValue in SCIM terms', async () => {
    const error = await failure(
      t.sb.scim.createUser(scim, { userName: 'not-an-email', name: { givenName: 'A' } }),
    );
    expect(isSwitchboardError(error) && scimErrorTypeOf(error)).toBe('invalidValue');
    expect(isSwitchboardError(error) && error.issues?.map((i) => i.path).sort()).toEqual([
      'name.familyName',
      'userName',
    ]);
  });

  it('filters by userName case-insensitively, externalId, emails.value, active, with exact totals', async () => {
    const a = await t.sb.scim.createUser(scim, oktaUser('a@acme.test', 'ext-a'));
    await t.sb.scim.createUser(scim, oktaUser('b@acme.test', 'ext-b', { active: false }));
    const ids = async (filter: string) =>
      (await t.sb.scim.listUsers(scim, { filter })).users.map((u) => u.user.email);
    expect(await ids('userName eq "A@ACME.TEST"')).toEqual(['a@acme.test']);
    expect(await ids('emails.value eq "a@acme.test"')).toEqual(['a@acme.test']);
    expect(await ids('externalId eq "ext-b"')).toEqual(['b@acme.test']);
    expect(await ids('externalId eq "EXT-B"')).toEqual([]);
    expect(await ids('active eq false')).toEqual(['b@acme.test']);
    expect((await ids('active eq true')).sort()).toEqual(['a@acme.test', 'ada@acme.test']);
    expect(await ids(`userName eq "a@acme.test" and externalId eq "ext-a"`)).toEqual([
      'a@acme.test',
    ]);
    expect(await ids(`userName eq "a@acme.test" and active eq false`)).toEqual([]);
    const page = await t.sb.scim.listUsers(scim, { filter: `id eq "${a.user.id}"` });
    expect(page.totalResults).toBe(1);
    expect(await scimType(t.sb.scim.listUsers(scim, { filter: 'userName co "a"' }))).toBe(
      'invalidFilter',
    );
  });

  it('pages from a 1-based startIndex in one stable order, totalResults exact', async () => {
    for (let i = 1; i <= 5; i++)
      await t.sb.scim.createUser(scim, oktaUser(`u${i}@acme.test`, `e${i}`));
    const all = (await t.sb.scim.listUsers(scim)).users.map((u) => u.user.email);
    expect(all).toHaveLength(6);
    expect(all[0]).toBe('ada@acme.test'); // added first
    const page = await t.sb.scim.listUsers(scim, { startIndex: 3, count: 2 });
    expect(page.totalResults).toBe(6);
    expect(page.startIndex).toBe(3);
    expect(page.users.map((u) => u.user.email)).toEqual(all.slice(2, 4));
    expect(
      (await t.sb.scim.listUsers(scim, { startIndex: 0, count: 1 })).users[0]?.user.email,
    ).toBe('ada@acme.test');
    const empty = await t.sb.scim.listUsers(scim, { count: 0 });
    expect([empty.totalResults, empty.users.length]).toEqual([6, 0]);
    const past = await t.sb.scim.listUsers(scim, { startIndex: 50 });
    expect([past.totalResults, past.users.length]).toEqual([6, 0]);
    const one = await t.sb.scim.listUsers(scim, {
      filter: 'userName eq "u1@acme.test"',
      startIndex: 2,
    });
    expect([one.totalResults, one.users.length]).toEqual([1, 0]);
  });

  it('looks a user up by userName in one query; an externalId matching nobody is one count', async () => {
    const statements: string[] = [];
    const db = new Kysely<Database>({
      dialect: t.database.reopen(),
      log: (event) => void statements.push(event.query.sql),
    });
    try {
      const page = { offset: 0, limit: 200 };
      const byEmail = await findProvisionedUsers(
        db,
        admin.accountId,
        { emailKey: 'ada@acme.test' },
        page,
      );
      expect([byEmail.total, statements.length]).toEqual([1, 1]);
      expect(statements[0]).toMatch(/"email_key" = /);
      statements.length = 0;
      await findProvisionedUsers(db, admin.accountId, { externalId: 'x' }, page);
      expect(statements).toHaveLength(1); // no match: the count alone
    } finally {
      await db.destroy();
    }
  });

  it('never shows or changes another account’s users', async () => {
    const other = await t.sb.operator.createAccount(operatorActor(), {
      companyName: 'Globex',
      admin: person('Hank', 'Scorpio', 'hank@globex.test'),
    });
    const hank = other.admin.id;
    const filter = 'userName eq "hank@globex.test"';
    expect((await t.sb.scim.listUsers(scim, { filter })).totalResults).toBe(0);
    expect((await t.sb.scim.listUsers(scim)).users.map((u) => u.user.id)).not.toContain(hank);
    for (const call of [
      () => t.sb.scim.getUser(scim, hank),
      () =>
        t.sb.scim.patchUser(scim, hank, {
          schemas: [scimUrns.patchOp],
          Operations: [{ op: 'replace', path: 'active', value: false }],
        }),
      () => t.sb.scim.replaceUser(scim, hank, oktaUser('hank@globex.test', 'h')),
      () => t.sb.scim.deleteUser(scim, hank),
    ]) {
      expect(await scimType(call())).toBe('not_found');
    }
  });

  it('deactivates with Entra’s PATCH Replace active "False": the session fails at once', async () => {
    const created = await t.sb.scim.createUser(scim, oktaUser('grace@acme.test', 'g'));
    const { token } = await t.sb.identity.activate({
      token: await linkToken('grace@acme.test'),
      password,
    });
    const patched = await t.sb.scim.patchUser(scim, created.user.id, {
      schemas: [scimUrns.patchOp],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(patched.user.status).toBe('deactivated');
    expect(await t.sb.identity.authenticate(token)).toBeNull();
    const events = await t.sb.audit.list(admin, { action: 'user.deactivated' });
    expect(events.data[0]?.actor).toEqual({ type: 'scim', id: scim.tokenId });
    const back = await t.sb.scim.patchUser(scim, created.user.id, {
      schemas: [scimUrns.patchOp],
      Operations: [{ op: 'replace', value: { active: true } }],
    });
    expect(back.user.status).toBe('active');
  });

  it('replaces a user (PUT), keeping active, externalId and flags the body leaves out', async () => {
    const created = await t.sb.scim.createUser(
      scim,
      oktaUser('pat@acme.test', 'p', { [scimUrns.switchboardUser]: { canCreate: true } }),
    );
    const replaced = await t.sb.scim.replaceUser(scim, created.user.id, {
      schemas: [scimUrns.user],
      userName: 'pat@acme.test',
      name: { givenName: 'Patricia', familyName: 'User' },
    });
    expect(replaced).toMatchObject({
      externalId: 'p',
      user: { firstName: 'Patricia', permissions: { canCreate: true }, status: 'pending' },
    });
    expect(
      await scimType(t.sb.scim.replaceUser(scim, created.user.id, { userName: 'pat@acme.test' })),
    ).toBe('invalidValue');
    const stale = { ifVersion: created.user.version };
    expect(
      await scimType(
        t.sb.scim.replaceUser(scim, created.user.id, oktaUser('pat@acme.test', 'p'), stale),
      ),
    ).toBe('precondition_failed');
  });

  it('keeps the account’s last active admin (U4): deactivating or demoting Ada is a 409', async () => {
    const patch = (value: unknown, path: string) =>
      t.sb.scim.patchUser(scim, admin.userId, {
        schemas: [scimUrns.patchOp],
        Operations: [{ op: 'replace', path, value }],
      });
    expect(await scimType(patch(false, 'active'))).toBe('last_admin');
    expect(await scimType(patch(false, `${scimUrns.switchboardUser}:isAdmin`))).toBe('last_admin');
    expect(await scimType(t.sb.scim.deleteUser(scim, admin.userId))).toBe('last_admin');
  });

  it('deletes a user, their numbers passing to the account’s earliest active admin (U5)', async () => {
    await t.sb.users.add(admin, { ...person('Bob', 'Admin', 'bob@acme.test'), isAdmin: true });
    const gone = await t.sb.scim.createUser(scim, oktaUser('gone@acme.test', 'x'));
    const number = await t.sb.phoneNumbers.request(admin, {
      type: 'toll_free',
      ownerId: gone.user.id,
    });
    await t.sb.scim.deleteUser(scim, gone.user.id);
    const numbers = await t.sb.phoneNumbers.list(admin);
    expect(numbers.data.find((n) => n.id === number.id)?.ownerId).toBe(admin.userId);
    expect(await scimType(t.sb.scim.getUser(scim, gone.user.id))).toBe('not_found');
    const events = await t.sb.audit.list(admin, { action: 'user.deleted' });
    expect(events.data[0]?.actor).toEqual({ type: 'scim', id: scim.tokenId });
  });

  it('passes the numbers over the deactivated earliest admin to the next active one (U5)', async () => {
    const bob = await t.sb.users.add(admin, {
      ...person('Bob', 'Admin', 'bob@acme.test'),
      isAdmin: true,
    });
    const gone = await t.sb.scim.createUser(scim, oktaUser('gone@acme.test', 'x'));
    const number = await t.sb.phoneNumbers.request(admin, {
      type: 'toll_free',
      ownerId: gone.user.id,
    });
    await t.sb.users.update(await t.sb.identity.actorFor(bob.id), admin.userId, {
      status: 'deactivated',
    });
    await t.sb.scim.deleteUser(scim, gone.user.id);
    const bobActor = await t.sb.identity.actorFor(bob.id);
    const numbers = await t.sb.phoneNumbers.list(bobActor);
    expect(numbers.data.find((n) => n.id === number.id)?.ownerId).toBe(bob.id);
  });
});
