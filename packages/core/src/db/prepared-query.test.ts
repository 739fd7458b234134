import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';
import { operatorActor } from '../shared/operator-actor.js';
import { preparedQuery } from './prepared-query.js';

const accountsNamed = preparedQuery((db, name: string, demo: boolean) =>
  db
    .selectFrom('accounts')
    .select(['id', 'company_name'])
    .where('company_name', '=', name)
    .where('demo', '=', demo),
);

describe.each(testDatabaseKinds)('preparedQuery on $name', (kind) => {
  let t: TestSwitchboard;
  afterEach(async () => {
    await t.close();
  });

  it('runs the compiled query with each call’s arguments, in and out of transactions', async () => {
    t = await createTestSwitchboard(kind);
    for (const [companyName, demo] of [
      ['Acme', false],
      ['Globex', true],
    ] as const) {
      await t.sb.operator.createAccount(operatorActor(), {
        companyName,
        demo,
        admin: { firstName: 'A', lastName: 'B', email: `a@${companyName}.test` },
      });
    }
    expect((await accountsNamed(t.sb.db, 'Acme', false)).map((r) => r.company_name)).toEqual([
      'Acme',
    ]);
    expect(await accountsNamed(t.sb.db, 'Acme', true)).toEqual([]);
    const inside = await t.sb.db.transaction().execute((trx) => accountsNamed(trx, 'Globex', true));
    expect(inside.map((r) => r.company_name)).toEqual(['Globex']);
  });

  it('never runs inside another caller’s open transaction, nor sees its writes', async () => {
    t = await createTestSwitchboard(kind);
    await t.sb.operator.createAccount(operatorActor(), {
      companyName: 'Acme',
      admin: { firstName: 'A', lastName: 'B', email: 'a@acme.test' },
    });
    let outside: Promise<unknown[]> | undefined;
    await expect(
      t.sb.db.transaction().execute(async (trx) => {
        await trx.updateTable('accounts').set({ company_name: 'Renamed' }).execute();
        // On SQLite it must wait for the transaction, not run at once on its connection.
        outside = accountsNamed(t.sb.db, 'Renamed', false);
        await sleep(20);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await outside).toEqual([]);
    expect(await accountsNamed(t.sb.db, 'Acme', false)).toHaveLength(1);
  });
});
