import { createSwitchboard, operatorActor, silentLogger, sqlite } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { countingDialect } from '../../test/support/counting-dialect.js';
import { createSwitchboardApp } from '../create-switchboard-app.js';

describe('GET /v1/users?limit=50 (U7)', () => {
  it('costs two SQL statements: the session and the page, whatever the page size', async () => {
    const statements: string[] = [];
    const sb = createSwitchboard({
      database: countingDialect(sqlite(':memory:'), statements),
      logger: silentLogger,
      mailRetryIntervalSeconds: 0,
      passwordHashing: { logN: 10, r: 8, p: 1 },
      mailer: { send: async () => {} },
    });
    try {
      await sb.migrate();
      const created = await sb.operator.createAccount(operatorActor(), {
        companyName: 'Acme',
        admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
      });
      const { token } = await sb.identity.activate({
        token: new URL(created.activationLink).searchParams.get('token') ?? '',
        password: 'correct horse battery staple',
      });
      const admin = await sb.identity.actorFor(created.admin.id);
      for (let i = 0; i < 120; i++) {
        await sb.users.add(admin, {
          firstName: `F${i}`,
          lastName: `L${i}`,
          email: `u${i}@acme.test`,
        });
      }
      await sb.mail.idle();
      const app = createSwitchboardApp(sb);

      for (const path of ['/v1/users?limit=50', '/v1/users?limit=100']) {
        statements.length = 0;
        const response = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
        expect(response.status).toBe(200);
        expect(statements).toHaveLength(2);
        expect(statements[0]).toMatch(/from "sessions" inner join "users"/);
        expect(statements[1]).toMatch(/from "users" where "account_id" = \? .*limit \?/);
      }
    } finally {
      await sb.close();
    }
  });
});
