import {
  ConflictError,
  clientVersion,
  createClient,
  ForbiddenError,
  type SwitchboardClient,
  UnauthenticatedError,
  UnprocessableError,
  ValidationError,
} from '@switchboard/client';
import {
  type MailMessage,
  newKeyRingEntry,
  operatorActor,
  type Switchboard,
} from '@switchboard/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSwitchboardApp } from '../../src/create-switchboard-app.js';
import { inMemorySwitchboard } from '../support/in-memory-switchboard.js';

const operatorToken = 'operator-token-for-tests';

const password = 'correct horse battery staple';

describe('the client against the real app, in-process', () => {
  let sb: Switchboard;
  let sent: MailMessage[];
  let client: SwitchboardClient;

  const linkToken = (mail: MailMessage | undefined) =>
    new URL(mail?.text.match(/https?:\/\/\S+/)?.[0] ?? 'http://x').searchParams.get('token') ?? '';

  beforeEach(async () => {
    ({ sb, sent } = inMemorySwitchboard({
      secretKeys: newKeyRingEntry('k1'),
      integrationTimeoutMs: 2_000,
    }));
    await sb.migrate();
    const app = createSwitchboardApp(sb, { operatorToken });
    client = createClient({
      baseUrl: 'http://switchboard.internal',
      fetch: (input, init) => app.fetch(new Request(input, init)),
    });
  });
  afterEach(async () => {
    await sb.close();
  });

  it('operates accounts, and refuses the unauthenticated and invalid', async () => {
    const operator = client.withToken(operatorToken);
    const { account, admin } = await operator.operator.createAccount({
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    expect(admin.status).toBe('pending');
    expect((await operator.operator.setDemo(account.id, { demo: true })).demo).toBe(true);

    expect(await client.account.get().catch((e: unknown) => e)).toBeInstanceOf(
      UnauthenticatedError,
    );
    const invalid = await operator.operator
      .createAccount({ companyName: '', admin: { firstName: 'A', lastName: 'B', email: 'nope' } })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect((invalid as ValidationError).issues.map((i) => i.path).sort()).toEqual([
      'admin.email',
      'companyName',
    ]);
  });

  it('runs the admin’s day: activate, sign in, manage users and the account', async () => {
    await client.withToken(operatorToken).operator.createAccount({
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    await sb.mail.idle();
    const { token } = await client.auth.activate({ token: linkToken(sent.at(-1)), password });
    const admin = client.withToken(token);

    expect((await admin.me.get()).email).toBe('ada@acme.test');
    expect((await admin.account.update({ state: 'ny', zip: '10001' })).state).toBe('NY');

    for (const [first, last] of [
      ['Grace', 'Hopper'],
      ['Alan', 'Turing'],
      ['Annie', 'Easley'],
    ] as const) {
      await admin.users.add({
        firstName: first,
        lastName: last,
        email: `${first.toLowerCase()}@acme.test`,
      });
    }
    const names: string[] = [];
    for await (const user of admin.users.list({ limit: 2 })) names.push(user.lastName);
    expect(names).toEqual(['Easley', 'Hopper', 'Lovelace', 'Turing']);

    const taken = await admin.users
      .add({ firstName: 'X', lastName: 'Y', email: 'GRACE@acme.test' })
      .catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(ConflictError);
    const grace = (await admin.users.page({ q: 'grace' })).data[0];
    const twoFactor = await admin.users
      .update(grace?.id ?? '', { twoFactorEnabled: true } as never)
      .catch((e: unknown) => e);
    expect(twoFactor).toBeInstanceOf(UnprocessableError);
    expect((twoFactor as UnprocessableError).code).toBe('two_factor_not_editable');

    await sb.mail.idle();
    const graceSession = await client.auth.activate({
      token: linkToken(sent.find((m) => m.to === 'grace@acme.test')),
      password,
    });
    const member = client.withToken(graceSession.token);
    expect(await member.users.page().catch((e: unknown) => e)).toBeInstanceOf(ForbiddenError);

    await sb.operator.setDemo(operatorActor(), (await admin.account.get()).id, { demo: true });
    const number = await admin.phoneNumbers.request({
      type: 'toll_free',
      ownerId: grace?.id ?? '',
    });
    const demoLimit = await admin.phoneNumbers
      .request({ type: 'toll_free' })
      .catch((e: unknown) => e);
    expect(demoLimit).toBeInstanceOf(ConflictError);
    expect((demoLimit as ConflictError).code).toBe('demo_number_limit');
    const numbers: string[] = [];
    for await (const n of member.phoneNumbers.list()) numbers.push(n.id);
    expect(numbers).toEqual([number.id]);

    await admin.users.delete(grace?.id ?? '');
    expect((await admin.phoneNumbers.page()).data[0]?.ownerId).toBe((await admin.me.get()).id);
    expect(await member.me.get().catch((e: unknown) => e)).toBeInstanceOf(UnauthenticatedError);
    const integration = await admin.integrations.add(
      {
        service: 's3',
        name: 'Recordings',
        key: 'AKIAIOSFODNN7EXAMPLE',
        secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      },
      { verify: false },
    );
    expect(integration.details).toEqual({ keyHint: 'AKIA…MPLE' });
    const immutable = await admin.integrations
      .update(integration.id, { secret: 'x' } as never)
      .catch((e: unknown) => e);
    expect((immutable as UnprocessableError).code).toBe('integration_config_immutable');
    expect((await admin.integrations.list()).map((i) => i.name)).toEqual(['Recordings']);
    await admin.integrations.delete(integration.id);

    await admin.auth.logout();
    expect(await admin.me.get().catch((e: unknown) => e)).toBeInstanceOf(UnauthenticatedError);
  });

  it('sends its user-agent and honours per-call signals and timeouts', async () => {
    const agents = new Set<string | null>();
    const app = createSwitchboardApp(sb, { operatorToken });
    const watched = createClient({
      baseUrl: 'http://switchboard.internal',
      fetch: (input, init) => {
        const request = new Request(input, init);
        agents.add(request.headers.get('user-agent'));
        return app.fetch(request);
      },
    });
    expect(await watched.health({ timeoutMs: 5_000 })).toEqual({ ok: true });
    const operator = watched.withToken(operatorToken);
    await operator.operator.createAccount(
      {
        companyName: 'Acme',
        admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
      },
      { timeoutMs: 5_000 },
    );
    expect([...agents]).toEqual([`switchboard-client/${clientVersion}`]);

    const aborted = await watched.health({ signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect((aborted as Error).name).toBe('AbortError');
    const controller = new AbortController();
    const pending = watched.health({ signal: controller.signal }).catch((e: unknown) => e);
    controller.abort();
    expect(((await pending) as Error).name).toBe('AbortError');
  });

  it('lists the integration services with their form fields', async () => {
    await client.withToken(operatorToken).operator.createAccount({
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    });
    await sb.mail.idle();
    const { token } = await client.auth.activate({ token: linkToken(sent.at(-1)), password });
    const services = await client.withToken(token).integrations.services();
    expect(services.map((info) => info.service).sort()).toEqual(['dialogflow', 'dynamodb', 's3']);
    expect(services.every((info) => info.fields.length > 0)).toBe(true);
  });
});
