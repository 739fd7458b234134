import { randomBytes } from 'node:crypto';
import {
  createSwitchboard,
  type MailMessage,
  newKeyRingEntry,
  postgres,
  silentLogger,
} from '@switchboard/core';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createSwitchboardApp } from '../../src/create-switchboard-app.js';
import { type AcmeApp, acmeApp } from '../support/acme-app.js';

const grace = { firstName: 'Grace', lastName: 'Hopper', email: 'grace@acme.test' };
const postgresUrl =
  process.env.SWITCHBOARD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('idempotency keys over HTTP (C2)', () => {
  let acme: AcmeApp;
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await acme?.sb.close();
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  const addGrace = (key: string, body: unknown = grace, token?: string) =>
    acme.call('POST', '/v1/users', {
      body,
      headers: { 'idempotency-key': key },
      ...(token ? { token } : {}),
    });
  const emailsTo = async (to: string) => {
    await acme.sb.mail.idle();
    return acme.sent.filter((mail: MailMessage) => mail.to === to).length;
  };

  it('replays the first answer byte for byte with Idempotent-Replayed, and sends one email', async () => {
    acme = await acmeApp();
    const first = await addGrace('3f7c1d2e-user-grace');
    const firstBody = await first.text();
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await addGrace('3f7c1d2e-user-grace');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await again.text()).toBe(firstBody);
    expect(again.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect(await emailsTo('grace@acme.test')).toBe(1);
    const users = (await (await acme.call('GET', '/v1/users')).json()) as { data: unknown[] };
    expect(users.data).toHaveLength(2);
  });

  it('refuses the key for another body (422 idempotency_key_reused) and changes nothing', async () => {
    acme = await acmeApp();
    await addGrace('key-1');
    const reused = await addGrace('key-1', { ...grace, email: 'alan@acme.test' });
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ code: 'idempotency_key_reused' });
    expect(await emailsTo('alan@acme.test')).toBe(0);
  });

  it('replays a kept error (409 email_taken) and keeps none for a 400', async () => {
    acme = await acmeApp();
    await acme.call('POST', '/v1/users', { body: grace });
    const taken = await addGrace('key-1');
    expect(taken.status).toBe(409);
    const takenBody = await taken.text();
    const replayed = await addGrace('key-1');
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(await replayed.text()).toBe(takenBody);

    const invalid = { ...grace, email: 'nope' };
    expect((await addGrace('key-2', invalid)).status).toBe(400);
    const again = await addGrace('key-2', invalid);
    expect(again.status).toBe(400);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });

  it('keeps what each keyed route answers: a 202, a bought number, an account opened by the operator (no activation link kept)', async () => {
    acme = await acmeApp({ app: { operatorToken: 'operator-secret-token-0123456789' } });
    const keyed = (path: string, body: unknown, key: string, token?: string) =>
      acme.call('POST', path, {
        body,
        headers: { 'idempotency-key': key },
        ...(token ? { token } : {}),
      });
    const me = (await (await acme.call('GET', '/v1/me')).json()) as { id: string };
    const reset = await keyed(`/v1/users/${me.id}/password-reset`, {}, 'reset-1');
    expect([reset.status, await reset.json()]).toEqual([202, { accepted: true }]);
    expect(
      (await keyed(`/v1/users/${me.id}/password-reset`, {}, 'reset-1')).headers.get(
        'idempotent-replayed',
      ),
    ).toBe('true');
    expect(await emailsTo('ada@acme.test')).toBe(1);

    const number = await keyed('/v1/phone-numbers', { type: 'toll_free' }, 'number-1');
    const numberBody = await number.text();
    const again = await keyed('/v1/phone-numbers', { type: 'toll_free' }, 'number-1');
    expect(await again.text()).toBe(numberBody);
    const numbers = (await (await acme.call('GET', '/v1/phone-numbers')).json()) as {
      data: unknown[];
    };
    expect(numbers.data).toHaveLength(1);

    const opened = await keyed(
      '/v1/operator/accounts',
      {
        companyName: 'Globex',
        admin: { firstName: 'Hank', lastName: 'Scorpio', email: 'hank@globex.test' },
      },
      'open-globex',
      'operator-secret-token-0123456789',
    );
    expect(opened.status).toBe(201);
    expect(Object.keys((await opened.json()) as object).sort()).toEqual(['account', 'admin']);
    const kept = await acme.sb.db
      .selectFrom('idempotency_keys')
      .select(['caller', 'response_body'])
      .execute();
    expect(kept.find((row) => row.caller === 'operator')?.response_body).not.toMatch(
      /token|activate/i,
    );
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['not printable ASCII', 'clé-1'],
  ])('answers 400 for a key that is %s', async (_, key) => {
    acme = await acmeApp();
    const refused = await addGrace(key);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      code: 'validation_failed',
      issues: [{ path: 'Idempotency-Key' }],
    });
  });

  it('replays an answer that shows a secret once, kept sealed: the same token, never stored in clear', async () => {
    acme = await acmeApp({ core: { secretKeys: newKeyRingEntry('k1') } });
    const create = (path: string, body: unknown) =>
      acme.call('POST', path, { body, headers: { 'idempotency-key': `key-${path}` } });
    for (const [path, body, field] of [
      ['/v1/scim-tokens', { description: 'Okta' }, 'token'],
      ['/v1/webhook-endpoints', { url: 'https://hooks.acme.test/switchboard' }, 'secret'],
    ] as const) {
      const first = await create(path, body);
      expect(first.status).toBe(201);
      const shown = (await first.clone().json())[field] as string;
      const again = await create(path, body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await again.text()).toBe(await first.text());
      const listed = (await (await acme.call('GET', path)).json()) as { data: unknown[] };
      expect(listed.data).toHaveLength(1);
      const kept = await acme.sb.db
        .selectFrom('idempotency_keys')
        .select(['response_body', 'response_key_id'])
        .where('key', '=', `key-${path}`)
        .executeTakeFirstOrThrow();
      expect(kept.response_key_id).toBe('k1');
      expect(kept.response_body).not.toContain(shown);
    }
  });

  it('runs the routes that show a secret without their key when no key ring can seal the answer', async () => {
    acme = await acmeApp();
    const create = () =>
      acme.call('POST', '/v1/scim-tokens', {
        body: { description: 'Okta' },
        headers: { 'idempotency-key': 'key-1' },
      });
    expect((await create()).status).toBe(201);
    const again = await create();
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    const kept = await acme.sb.db.selectFrom('idempotency_keys').selectAll().execute();
    expect(kept).toEqual([]);
  });

  it('keeps keys per caller and ignores them on /v1/auth/*', async () => {
    acme = await acmeApp();
    await addGrace('shared');
    const other = await acme.call('POST', '/v1/users', {
      body: { ...grace, email: 'lin@acme.test', firstName: 'Lin', isAdmin: true },
    });
    const lin = (await other.json()) as { id: string };
    await acme.sb.mail.idle();
    const link = acme.sent.find((mail) => mail.to === 'lin@acme.test')?.text ?? '';
    const token = new URL(link.match(/https?:\/\/\S+/)?.[0] ?? 'http://x').searchParams.get(
      'token',
    );
    const activated = await acme.app.request('/v1/auth/activate', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'shared' },
      body: JSON.stringify({ token, password: 'correct horse battery staple' }),
    });
    expect(activated.status).toBe(200);
    expect(activated.headers.get('idempotent-replayed')).toBeNull();
    const linToken = ((await activated.json()) as { token: string }).token;
    const theirs = await addGrace('shared', { ...grace, email: 'grace2@acme.test' }, linToken);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(lin.id).toBeDefined();
  });

  it('two instances on one PostgreSQL racing one key: exactly one user, the others replayed or told to retry', async () => {
    const name = `sb_idem_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    const sent: MailMessage[] = [];
    const options = {
      logger: silentLogger,
      mailRetryIntervalSeconds: 0,
      passwordHashing: { logN: 10, r: 8, p: 1 },
      mailer: { send: async (message: MailMessage) => void sent.push(message) },
    };
    const other = createSwitchboard({ database: postgres(url.toString()), ...options });
    acme = await acmeApp({
      switchboard: {
        sb: createSwitchboard({ database: postgres(url.toString()), ...options }),
        sent,
      },
    });
    cleanups.push(async () => {
      await other.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const otherApp = createSwitchboardApp(other);
    const post = (app: typeof otherApp) =>
      app.request('/v1/users', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${acme.adminToken}`,
          'idempotency-key': 'raced-key',
        },
        body: JSON.stringify(grace),
      });
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post(i % 2 === 0 ? acme.app : otherApp)),
    );
    const statuses = answers.map((answer) => answer.status);
    const fresh = answers.filter((a) => a.status === 201 && !a.headers.get('idempotent-replayed'));
    expect(fresh).toHaveLength(1);
    for (const answer of answers.filter((a) => a.status === 409)) {
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await answer.json()).toMatchObject({ code: 'idempotency_key_in_use' });
    }
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    const rows = await acme.sb.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', grace.email)
      .execute();
    expect(rows).toHaveLength(1);
    await acme.sb.mail.idle();
    expect(sent.filter((mail) => mail.to === grace.email)).toHaveLength(1);
  });
});
