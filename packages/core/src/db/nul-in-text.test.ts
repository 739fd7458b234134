import { afterEach, describe, expect, it } from 'vitest';
import { failure } from '../../test/support/failure.js';
import { openAcmeAccount, person } from '../../test/support/test-account.js';
import { type TestDatabaseKind, testDatabaseKinds } from '../../test/support/test-databases.js';
import {
  createTestSwitchboard,
  type TestSwitchboard,
} from '../../test/support/test-switchboard.js';

/**
 * PostgreSQL refuses the NUL character in text; SQLite stores it. Either way, a name or an
 * email with a control character is bad input, refused alike on both databases (item 9).
 */
describe.each(testDatabaseKinds)(
  'control characters in input on $name',
  (kind: TestDatabaseKind) => {
    let t: TestSwitchboard;
    afterEach(async () => {
      await t.close();
    });

    it('refuses NUL and other control characters in names and emails with validation_failed', async () => {
      t = await createTestSwitchboard(kind);
      const actor = await openAcmeAccount(t);
      for (const bad of ['\u0000', '\u0007', '\n']) {
        for (const input of [
          person(`Gra${bad}ce`, 'Hopper', 'grace@acme.test'),
          person('Grace', `Hop${bad}per`, 'grace@acme.test'),
          person('Grace', 'Hopper', `grace${bad}@acme.test`),
        ]) {
          expect(await failure(t.sb.users.add(actor, input))).toMatchObject({
            code: 'validation_failed',
          });
        }
        expect(
          await failure(t.sb.account.update(actor, { companyName: `Acme${bad}Corp` })),
        ).toMatchObject({ code: 'validation_failed' });
      }
      expect((await t.sb.users.list(actor)).data).toHaveLength(1); // nothing was added
    });

    it('refuses NUL in sign-in input, searches, cursors, addresses and application ids', async () => {
      t = await createTestSwitchboard(kind);
      const actor = await openAcmeAccount(t);
      const nul = '\u0000';
      const refusals = [
        t.sb.identity.login({ email: `ada${nul}@acme.test`, password: 'x'.repeat(12) }),
        t.sb.identity.verifyLogin({ challengeId: `chl${nul}`, code: '123456' }),
        t.sb.identity.activate({ token: `tok${nul}`, password: 'x'.repeat(12) }),
        t.sb.users.list(actor, { q: `ad${nul}` }),
        t.sb.users.list(actor, { cursor: `c${nul}` }),
        t.sb.phoneNumbers.list(actor, { cursor: `c${nul}` }),
        t.sb.account.update(actor, { address: `1 Main${nul} St`, city: `Bos${nul}ton` }),
      ];
      for (const refusal of refusals)
        expect(await failure(refusal)).toMatchObject({ code: 'validation_failed' });
      const number = await t.sb.phoneNumbers.request(actor, { type: 'toll_free' });
      expect(
        await failure(t.sb.phoneNumbers.update(actor, number.id, { applicationId: `app${nul}` })),
      ).toMatchObject({ code: 'validation_failed' });
    });
  },
);
