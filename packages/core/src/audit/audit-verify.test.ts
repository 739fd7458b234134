import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure.js';
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
import { sealedContentOf } from './audit-repository.js';
import { sealEvent } from './audit-seal.js';

const k1 = newKeyRingEntry('k1');
const k2 = newKeyRingEntry('k2');

describe.each(testDatabaseKinds)('audit.verify on $name (E3)', (kind) => {
  let t: TestSwitchboard;
  let admin: Actor;

  beforeEach(async () => {
    t = await createTestSwitchboard(kind, { secretKeys: k1 });
    admin = await openAcmeAccount(t);
    for (const name of ['Grace', 'Alan', 'Barbara', 'Edsger'])
      await t.sb.users.add(admin, person(name, 'Tester', `${name.toLowerCase()}@acme.test`));
  });
  afterEach(async () => {
    await t.close();
  });

  /** The account's events in chain order: [id, seq]. */
  const chain = async () =>
    (
      await t.sb.db
        .selectFrom('audit_events')
        .select(['id', 'seq'])
        .where('account_id', '=', admin.accountId)
        .orderBy('seq')
        .execute()
    ).map((row) => ({ id: row.id, seq: Number(row.seq) }));

  const at = async (index: number) => {
    const event = (await chain())[index];
    if (!event) throw new Error(`no event ${index}`);
    return event;
  };

  it('passes on an untouched log, counting every event', async () => {
    expect(await t.sb.audit.verify(admin)).toEqual({
      ok: true,
      checked: 6,
      firstBrokenEventId: null,
    });
  });

  it('finds a row edited in the database, naming it', async () => {
    const edited = await at(2);
    await t.sb.db
      .updateTable('audit_events')
      .set({ changed_fields: '[]' })
      .where('id', '=', edited.id)
      .execute();
    expect(await t.sb.audit.verify(admin)).toEqual({
      ok: false,
      checked: 3,
      firstBrokenEventId: edited.id,
    });
  });

  it('finds a deleted row: the event after it breaks', async () => {
    const [, removed, next] = await chain();
    await t.sb.db
      .deleteFrom('audit_events')
      .where('id', '=', removed?.id ?? '')
      .execute();
    expect(await t.sb.audit.verify(admin)).toMatchObject({
      ok: false,
      firstBrokenEventId: next?.id,
    });
  });

  it('finds the newest row deleted: the head names more events than remain', async () => {
    const newest = await at(5);
    await t.sb.db.deleteFrom('audit_events').where('id', '=', newest.id).execute();
    expect(await t.sb.audit.verify(admin)).toEqual({
      ok: false,
      checked: 5,
      firstBrokenEventId: null,
    });
  });

  it('finds a swapped pair, naming the first of them', async () => {
    const [, , first, second] = await chain();
    if (!first || !second) throw new Error('short chain');
    const setSeq = (id: string, seq: number) =>
      t.sb.db.updateTable('audit_events').set({ seq }).where('id', '=', id).execute();
    await setSeq(first.id, -1);
    await setSeq(second.id, first.seq);
    await setSeq(first.id, second.seq);
    expect(await t.sb.audit.verify(admin)).toMatchObject({
      ok: false,
      firstBrokenEventId: second.id,
    });
  });

  it('finds a row re-sealed by someone without the key (a keyless seal is refused)', async () => {
    const forged = await at(3);
    const row = await t.sb.db
      .selectFrom('audit_events')
      .selectAll()
      .where('id', '=', forged.id)
      .executeTakeFirstOrThrow();
    const fake = createHash('sha256').update(`${row.seal}x`).digest('base64url');
    await t.sb.db
      .updateTable('audit_events')
      .set({ key_id: null, seal: fake })
      .where('id', '=', forged.id)
      .execute();
    expect((await t.sb.audit.verify(admin)).firstBrokenEventId).toBe(forged.id);
  });

  it('does not re-seal a forged keyless tail at start-up: it stays broken', async () => {
    const rows = await t.sb.db
      .selectFrom('audit_events')
      .selectAll()
      .where('account_id', '=', admin.accountId)
      .orderBy('seq')
      .execute();
    // Edit event 4, then recompute keyless seals from it to the head, as a forger can.
    let previous = rows[2]?.seal ?? '';
    for (const row of rows.slice(3)) {
      const changed = row === rows[3] ? '["email"]' : row.changed_fields;
      const content = { ...sealedContentOf({ ...row, changed_fields: changed }), keyId: null };
      previous = sealEvent(null, previous, content);
      await t.sb.db
        .updateTable('audit_events')
        .set({ changed_fields: changed, key_id: null, seal: previous })
        .where('id', '=', row.id)
        .execute();
    }
    await t.sb.db
      .updateTable('audit_chains')
      .set({ last_seal: previous })
      .where('account_id', '=', admin.accountId)
      .execute();
    const restarted = await t.another();
    await restarted.migrate(); // would seal keyless events under the key, had they verified
    expect(await restarted.audit.verify(admin)).toMatchObject({
      ok: false,
      firstBrokenEventId: rows[3]?.id,
    });
  });

  it('stays verifiable after the key ring is rotated and the old key retired', async () => {
    const rotated = await t.another({ secretKeys: `${k2},${k1}` });
    await rotated.migrate(); // re-seals the audit keys under k2
    await rotated.users.add(admin, person('Ada', 'Rotated', 'ada2@acme.test'));
    const retired = await t.another({ secretKeys: k2 });
    expect(await retired.audit.verify(admin)).toEqual({
      ok: true,
      checked: 7,
      firstBrokenEventId: null,
    });
    const keys = await t.sb.db.selectFrom('audit_keys').selectAll().orderBy('id').execute();
    expect(keys.map((k) => [k.id, k.wrapped_key_id])).toEqual([
      ['audit-k1', 'k2'],
      ['audit-k2', 'k2'],
    ]);
    const sealedBy = await t.sb.db
      .selectFrom('audit_events')
      .select('key_id')
      .where('account_id', '=', admin.accountId)
      .orderBy('seq')
      .execute();
    expect(sealedBy.map((r) => r.key_id)).toEqual([...Array(6).fill('audit-k1'), 'audit-k2']);
  });

  it('needs the key ring to check keyed seals', async () => {
    const keyless = await t.another({ secretKeys: undefined });
    expect(isSwitchboardError(await failure(keyless.audit.verify(admin)), 'unavailable')).toBe(
      true,
    );
  });

  it('is for admins only', async () => {
    const member = await t.sb.users.add(admin, person('Meg', 'Member', 'meg@acme.test'));
    const actor = await t.sb.identity.actorFor(member.id);
    expect(isSwitchboardError(await failure(t.sb.audit.verify(actor)), 'forbidden')).toBe(true);
  });

  it('verifies every account for the operator, with progress, and one account on request', async () => {
    const globex = await t.sb.operator.createAccount(operatorActor(), {
      companyName: 'Globex',
      admin: person('Hank', 'Scorpio', 'hank@globex.test'),
    });
    const edited = await at(1);
    await t.sb.db
      .updateTable('audit_events')
      .set({ target_id: 'usr_someoneelse' })
      .where('id', '=', edited.id)
      .execute();
    const progress: [number, number][] = [];
    const results = await t.sb.audit.verifyAccounts(operatorActor(), {
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(results).toEqual(
      expect.arrayContaining([
        { accountId: admin.accountId, ok: false, checked: 2, firstBrokenEventId: edited.id },
        { accountId: globex.account.id, ok: true, checked: 2, firstBrokenEventId: null },
      ]),
    );
    expect(progress[0]).toEqual([0, 8]);
    expect(progress.at(-1)).toEqual([8, 8]);
    const one = await t.sb.audit.verifyAccounts(operatorActor(), { accountId: globex.account.id });
    expect(one.map((r) => r.accountId)).toEqual([globex.account.id]);
    expect(isSwitchboardError(await failure(t.sb.audit.verifyAccounts(admin as never)))).toBe(true);
  });

  it('serialises concurrent appends to one account: numbers 1…n, the chain intact', async () => {
    const other = await t.another();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? other : t.sb).users.add(admin, person('C', `c${i}`, `c${i}@acme.test`)),
      ),
    );
    expect((await chain()).map((e) => e.seq)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(await t.sb.audit.verify(admin)).toMatchObject({ ok: true, checked: 18 });
  });

  it.runIf(kind.name === 'postgres')(
    'appends to another account while one account’s chain head is locked',
    async () => {
      const globex = await t.sb.operator.createAccount(operatorActor(), {
        companyName: 'Globex',
        admin: person('Hank', 'Scorpio', 'hank@globex.test'),
      });
      const hank = await t.sb.identity.actorFor(globex.admin.id);
      const { rows } = await sql<{ url: string }>`select current_database() as url`.execute(
        t.sb.db,
      );
      const url = new URL(
        process.env.SWITCHBOARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      );
      url.pathname = `/${rows[0]?.url}`;
      const holder = new pg.Client({ connectionString: url.toString() });
      await holder.connect();
      try {
        await holder.query('begin');
        await holder.query('select * from audit_chains where account_id = $1 for update', [
          admin.accountId,
        ]);
        await t.sb.users.add(hank, person('Homer', 'Simpson', 'homer@globex.test'));
        const blocked = t.sb.users.add(admin, person('Wait', 'Ing', 'waiting@acme.test'));
        const state = await Promise.race([
          blocked.then(() => 'done'),
          new Promise((r) => setTimeout(() => r('waiting'), 300)),
        ]);
        expect(state).toBe('waiting');
        await holder.query('commit');
        await blocked;
      } finally {
        await holder.end();
      }
      expect(await t.sb.audit.verify(hank)).toMatchObject({ ok: true, checked: 3 });
      expect(await t.sb.audit.verify(admin)).toMatchObject({ ok: true, checked: 7 });
    },
  );
});
