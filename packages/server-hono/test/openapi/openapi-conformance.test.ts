import { validate } from '@readme/openapi-parser';
import {
  type Actor,
  type MailMessage,
  newKeyRingEntry,
  operatorActor,
  type Switchboard,
} from '@switchboard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSwitchboardApp } from '../../src/create-switchboard-app.js';
import { inMemorySwitchboard } from '../support/in-memory-switchboard.js';
import { DocumentConformance, type RecordedAnswer } from './document-conformance.js';

const operatorToken = 'operator-secret-token';
const password = 'correct horse battery staple';
const s3 = {
  service: 's3',
  name: 'Recordings',
  key: 'AKIAIOSFODNN7EXAMPLE',
  secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  endpoint: 'http://127.0.0.1:1',
};

type App = ReturnType<typeof createSwitchboardApp>;
interface CallOptions {
  token?: string;
  /** JSON-encoded and sent as `application/json`. */
  body?: unknown;
  /** Sent as it is, with `contentType` if given. */
  raw?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  /** The client address (the apps trust X-Forwarded-For), to keep rate limits apart. */
  from?: string;
}

/**
 * Every operation of the served OpenAPI document, called on a real app over a real SQLite
 * Switchboard, each answer (status, headers, body) held to what the document declares for
 * that operation and status (regression for issue 16 items 11 and 12: undeclared 202 bodies,
 * headers, 500/503, a 404 for a wrong method, text/plain bodies taken as JSON).
 */
describe('the OpenAPI document against real answers', () => {
  const answers: RecordedAnswer[] = [];
  const switchboards: Switchboard[] = [];
  let document: Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };

  /** Calls `app` and records the answer. */
  const recorder =
    (app: App) =>
    async (method: string, path: string, options: CallOptions = {}): Promise<Response> => {
      const headers: Record<string, string> = { 'x-forwarded-for': options.from ?? '192.0.2.1' };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | Uint8Array<ArrayBuffer> | undefined;
      if (options.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(options.body);
      } else if (options.raw !== undefined) {
        body = options.raw;
      }
      if (options.contentType !== undefined) headers['content-type'] = options.contentType;
      const response = await app.request(path, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      answers.push({
        method,
        path: path.split('?')[0] ?? path,
        status: response.status,
        headers: response.headers,
        body: await response.clone().text(),
      });
      return response;
    };

  async function newSwitchboard(options: Parameters<typeof inMemorySwitchboard>[0] = {}) {
    const made = inMemorySwitchboard({
      secretKeys: newKeyRingEntry('k1'),
      integrationTimeoutMs: 2_000,
      rateLimits: { perEmailAndAddress: 3 },
      // No name resolves here: webhooks queued by the calls go nowhere.
      webhooks: { lookup: async () => [] },
      ...options,
    });
    switchboards.push(made.sb);
    await made.sb.migrate();
    return made;
  }

  /** An account with an admin, for the apps that sign in through `authenticate`. */
  async function adminOf(sb: Switchboard): Promise<Actor> {
    const created = await sb.operator.createAccount(operatorActor(), {
      companyName: 'Initech',
      admin: { firstName: 'Bill', lastName: 'Lumbergh', email: 'bill@initech.test' },
    });
    return sb.identity.actorFor(created.admin.id);
  }

  beforeAll(async () => {
    const { sb, sent } = await newSwitchboard();
    const app = createSwitchboardApp(sb, { operatorToken, trustProxy: true });
    const call = recorder(app);
    const mailTo = async (email: string): Promise<MailMessage> => {
      await sb.mail.idle();
      const mail = sent.filter((message) => message.to === email).at(-1);
      if (!mail) throw new Error(`no mail to ${email}`);
      return mail;
    };
    const linkToken = (mail: MailMessage) =>
      new URL(mail.text.match(/https?:\/\/\S+/)?.[0] ?? 'http://x').searchParams.get('token') ?? '';
    const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;

    // The document as the app serves it (not an operation of its own, so not recorded).
    document = await json(await app.request('/openapi.json'));
    await call('GET', '/healthz');

    // Operator: create an account (201), with every way to get it wrong.
    const newAccount = {
      companyName: 'Acme',
      admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
    };
    await call('POST', '/v1/operator/accounts', { body: newAccount });
    await call('POST', '/v1/operator/accounts', {
      token: operatorToken,
      body: { companyName: '' },
    });
    await call('POST', '/v1/operator/accounts', {
      token: operatorToken,
      raw: JSON.stringify(newAccount),
      contentType: 'text/plain',
    });
    await call('POST', '/v1/operator/accounts', {
      token: operatorToken,
      body: { ...newAccount, companyName: 'x'.repeat(1024 * 1024) },
    });
    const created = await json<{ account: { id: string } }>(
      await call('POST', '/v1/operator/accounts', { token: operatorToken, body: newAccount }),
    );
    await call('POST', '/v1/operator/accounts', { token: operatorToken, body: newAccount });
    const accountId = created.account.id;
    await call('PATCH', `/v1/operator/accounts/${accountId}`, {
      token: operatorToken,
      body: { demo: false },
    });
    await call('PATCH', '/v1/operator/accounts/acc_nosuchaccount0', {
      token: operatorToken,
      body: { demo: true },
    });
    await call('PATCH', '/v1/operator/accounts/acc%00', {
      token: operatorToken,
      body: { demo: true },
    });

    // Auth: activate, sign in, two-factor, sign out.
    const activation = linkToken(await mailTo('ada@acme.test'));
    await call('POST', '/v1/auth/token-info', { body: { token: activation } });
    await call('POST', '/v1/auth/token-info', { body: { token: 'nope' } });
    await call('POST', '/v1/auth/activate', { body: { token: activation, password: 'short' } });
    await call('POST', '/v1/auth/activate', { body: { token: 'nope', password } });
    const adminToken = (
      await json<{ token: string }>(
        await call('POST', '/v1/auth/activate', { body: { token: activation, password } }),
      )
    ).token;
    const login = (email: string, pw: string, from?: string) =>
      call('POST', '/v1/auth/login', { body: { email, password: pw }, ...(from ? { from } : {}) });
    await login('ada@acme.test', password);
    for (let i = 0; i < 4; i++) await login('nobody@acme.test', 'wrong password', '192.0.2.99');
    await call('POST', '/v1/auth/login', { body: { email: 'ada@acme.test' } });

    // Me.
    await call('GET', '/v1/me');
    await call('GET', '/v1/me', { token: adminToken });
    await call('PATCH', '/v1/me', { token: adminToken, body: { firstName: 'Augusta Ada' } });
    await call('PATCH', '/v1/me', { token: adminToken, body: { nickname: 'Ada' } });
    // No content type with an empty body is fine where the body is optional; with a body it is not.
    await call('PATCH', '/v1/me', { token: adminToken, raw: new Uint8Array() });
    await call('PATCH', '/v1/me', {
      token: adminToken,
      raw: new TextEncoder().encode('{"lastName":"King"}'),
    });
    await call('PUT', '/v1/me/two-factor', {
      token: adminToken,
      body: { enabled: true, password: 'not the password' },
    });
    await call('PUT', '/v1/me/two-factor', {
      token: adminToken,
      body: { enabled: true, password },
    });
    sent.length = 0;
    const challenge = await json<{ challenge: { id: string } }>(
      await login('ada@acme.test', password),
    );
    const code = (await mailTo('ada@acme.test')).text.match(/\b\d{6}\b/)?.[0] ?? '';
    await call('POST', '/v1/auth/login/verify', {
      body: { challengeId: challenge.challenge.id, code: code === '000000' ? '111111' : '000000' },
    });
    const secondSession = (
      await json<{ token: string }>(
        await call('POST', '/v1/auth/login/verify', {
          body: { challengeId: challenge.challenge.id, code },
        }),
      )
    ).token;
    await call('POST', '/v1/auth/logout', { token: secondSession });
    await call('PUT', '/v1/me/two-factor', {
      token: adminToken,
      body: { enabled: false, password },
    });

    // Account.
    await call('GET', '/v1/account', { token: adminToken });
    await call('PATCH', '/v1/account', {
      token: adminToken,
      body: { city: 'Albany', zip: '12207' },
    });
    await call('PATCH', '/v1/account', { token: adminToken, body: { zip: 'nope' } });
    await call('PATCH', '/v1/account', {
      token: adminToken,
      raw: '{"city":"Albany"}',
      contentType: 'text/plain',
    });

    // Users.
    const grace = await json<{ id: string }>(
      await call('POST', '/v1/users', {
        token: adminToken,
        body: { firstName: 'Grace', lastName: 'Hopper', email: 'grace@acme.test' },
      }),
    );
    await call('POST', '/v1/users', {
      token: adminToken,
      body: { firstName: 'Grace', lastName: 'Hopper', email: 'GRACE@acme.test' },
    });
    await call('GET', '/v1/users?limit=1', { token: adminToken });
    await call('GET', '/v1/users?limit=1000', { token: adminToken });
    await call('GET', `/v1/users/${grace.id}`, { token: adminToken });
    await call('GET', '/v1/users/usr_nosuchuser000', { token: adminToken });
    await call('GET', '/v1/users/usr%00', { token: adminToken });
    await call('PATCH', `/v1/users/${grace.id}`, {
      token: adminToken,
      body: { firstName: 'Amazing Grace' },
    });
    await call('PATCH', `/v1/users/${grace.id}`, {
      token: adminToken,
      body: { twoFactorEnabled: true },
    });
    await call('POST', `/v1/users/${grace.id}/activation-email`, { token: adminToken });
    const graceToken = (
      await json<{ token: string }>(
        await call('POST', '/v1/auth/activate', {
          body: { token: linkToken(await mailTo('grace@acme.test')), password },
        }),
      )
    ).token;
    await call('POST', `/v1/users/${grace.id}/activation-email`, { token: adminToken });
    await call('POST', `/v1/users/${grace.id}/password-reset`, { token: adminToken });
    const reset = linkToken(await mailTo('grace@acme.test'));
    await call('POST', '/v1/auth/password-reset/complete', {
      body: { token: reset, password: 'short' },
    });
    await call('POST', '/v1/auth/password-reset/complete', { body: { token: reset, password } });
    const graceSession = (await json<{ token: string }>(await login('grace@acme.test', password)))
      .token;
    await call('GET', '/v1/users', { token: graceSession });
    await call('PUT', '/v1/me/password', {
      token: graceSession,
      body: { currentPassword: 'not the password', newPassword: 'another long passphrase' },
    });
    await call('PUT', '/v1/me/password', {
      token: graceSession,
      body: { currentPassword: password, newPassword: 'another long passphrase' },
    });
    expect(graceToken).not.toBe('');

    // Phone numbers.
    const number = await json<{ id: string }>(
      await call('POST', '/v1/phone-numbers', { token: adminToken, body: { type: 'toll_free' } }),
    );
    await call('POST', '/v1/phone-numbers', { token: adminToken, body: { type: 'local' } });
    await call('GET', '/v1/phone-numbers', { token: adminToken });
    await call('PATCH', `/v1/phone-numbers/${number.id}`, {
      token: adminToken,
      body: { applicationId: 'ivr-main' },
    });
    await call('PATCH', `/v1/phone-numbers/${number.id}`, {
      token: graceSession,
      body: { applicationId: 'ivr-other' },
    });
    await call('DELETE', `/v1/phone-numbers/${number.id}`, { token: adminToken });
    await call('DELETE', `/v1/phone-numbers/${number.id}`, { token: adminToken });
    await call('PATCH', `/v1/operator/accounts/${accountId}`, {
      token: operatorToken,
      body: { demo: true },
    });
    await call('POST', '/v1/phone-numbers', { token: adminToken, body: { type: 'toll_free' } });
    await call('POST', '/v1/phone-numbers', { token: adminToken, body: { type: 'toll_free' } });

    // Integrations.
    await call('GET', '/v1/integration-services', { token: graceSession });
    await call('GET', '/v1/integrations', { token: graceSession });
    await call('POST', '/v1/integrations', { token: adminToken, body: s3 });
    await call('POST', '/v1/integrations?verify=maybe', { token: adminToken, body: s3 });
    const integration = await json<{ id: string }>(
      await call('POST', '/v1/integrations?verify=false', { token: adminToken, body: s3 }),
    );
    await call('POST', '/v1/integrations?verify=false', { token: adminToken, body: s3 });
    await call('GET', `/v1/integrations/${integration.id}`, { token: graceSession });
    await call('GET', '/v1/integrations/int_nosuchthing00', { token: graceSession });
    await call('PATCH', `/v1/integrations/${integration.id}`, {
      token: adminToken,
      body: { description: 'Call recordings' },
    });
    await call('PATCH', `/v1/integrations/${integration.id}`, {
      token: adminToken,
      body: { secret: 'new' },
    });
    await call('POST', `/v1/integrations/${integration.id}/test`, { token: adminToken });
    await call('DELETE', `/v1/integrations/${integration.id}`, { token: graceSession });
    await call('DELETE', `/v1/integrations/${integration.id}`, { token: adminToken });

    // Audit log: a page, a bad filter, a member; both exports, a bad format; verify.
    await call('GET', '/v1/audit-events?limit=2&action=user.*', { token: adminToken });
    await call('GET', '/v1/audit-events?action=user', { token: adminToken });
    await call('GET', '/v1/audit-events', { token: graceSession });
    await call('GET', '/v1/audit-events/export', { token: adminToken });
    await call('GET', '/v1/audit-events/export?format=csv&since=2020-01-01T00:00:00Z', {
      token: adminToken,
    });
    await call('GET', '/v1/audit-events/export?format=xml', { token: adminToken });
    await call('GET', '/v1/audit-events/export', { token: graceSession });
    await call('GET', '/v1/audit-events/verify', { token: adminToken });
    await call('GET', '/v1/audit-events/verify', { token: graceSession });

    // Webhook endpoints: add (and refuse a private address), read, change, rotate, test,
    // deliveries and a retry, delete.
    const hooks = 'https://hooks.example.com/switchboard';
    const endpoint = await json<{ id: string }>(
      await call('POST', '/v1/webhook-endpoints', { token: adminToken, body: { url: hooks } }),
    );
    await call('POST', '/v1/webhook-endpoints', {
      token: adminToken,
      body: { url: 'https://10.0.0.1/hooks' },
    });
    await call('POST', '/v1/webhook-endpoints', { token: graceSession, body: { url: hooks } });
    await call('GET', '/v1/webhook-endpoints', { token: adminToken });
    await call('GET', `/v1/webhook-endpoints/${endpoint.id}`, { token: adminToken });
    await call('GET', '/v1/webhook-endpoints/whe_nosuchendpoint0', { token: adminToken });
    await call('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, {
      token: adminToken,
      body: { eventTypes: ['user.*'] },
    });
    await call('POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, { token: adminToken });
    await call('POST', `/v1/webhook-endpoints/${endpoint.id}/test`, { token: adminToken });
    await sb.webhooks.idle();
    const deliveries = await json<{ data: { id: string }[] }>(
      await call('GET', `/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=5`, {
        token: adminToken,
      }),
    );
    await call(
      'POST',
      `/v1/webhook-endpoints/${endpoint.id}/deliveries/${deliveries.data[0]?.id}/retry`,
      { token: adminToken },
    );
    await sb.webhooks.idle();
    await call('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, { token: adminToken });

    // SCIM tokens, and SCIM 2.0 with one (S1): discovery, users and their errors, groups.
    const me = await json<{ id: string }>(await call('GET', '/v1/me', { token: adminToken }));
    await call('POST', '/v1/scim-tokens', { token: graceSession, body: {} });
    const scimToken = await json<{ id: string; token: string }>(
      await call('POST', '/v1/scim-tokens', { token: adminToken, body: { description: 'Okta' } }),
    );
    await call('GET', '/v1/scim-tokens', { token: adminToken });
    const scim = (method: string, path: string, options: CallOptions = {}) =>
      call(method, `/scim/v2${path}`, { token: scimToken.token, ...options });
    for (const path of ['/ServiceProviderConfig', '/ResourceTypes', '/Schemas', '/Groups'])
      await scim('GET', path);
    await scim('GET', '/Users?count=1&startIndex=1');
    await scim('GET', `/Users?filter=${encodeURIComponent('userName co "ada"')}`);
    await scim('GET', '/Users', { token: 'swb_scim_wrong' });
    const scimUser = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'linus@acme.test',
      name: { givenName: 'Linus', familyName: 'Torvalds' },
      externalId: '00u1linus',
      active: true,
    };
    const provisioned = await json<{ id: string }>(
      await scim('POST', '/Users', {
        raw: JSON.stringify(scimUser),
        contentType: 'application/scim+json',
      }),
    );
    await scim('POST', '/Users', { body: scimUser });
    await scim('GET', `/Users/${provisioned.id}`);
    await scim('GET', '/Users/usr_nosuchuser000');
    await scim('PUT', `/Users/${provisioned.id}`, {
      body: { ...scimUser, name: { givenName: 'Linus B.', familyName: 'Torvalds' } },
    });
    await scim('PATCH', `/Users/${provisioned.id}`, {
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
      },
    });
    await scim('PATCH', `/Users/${me.id}`, {
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', value: { active: false } }],
      },
    });
    await scim('DELETE', `/Users/${provisioned.id}`);
    await call('DELETE', `/v1/scim-tokens/${scimToken.id}`, { token: adminToken });
    await call('DELETE', `/v1/scim-tokens/${scimToken.id}`, { token: adminToken });

    // Users, deleted last: the admin cannot delete themselves, Grace can be.
    await call('DELETE', `/v1/users/${me.id}`, { token: adminToken });
    await call('DELETE', `/v1/users/${grace.id}`, { token: adminToken });

    // A method no path has: 405 with Allow, on every path of the document.
    for (const [path, item] of Object.entries(document.paths)) {
      const concrete = path.replace(/\{\w+\}/g, 'usr_nosuchuser000');
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        if (!(method.toLowerCase() in item)) await call(method, concrete, { token: adminToken });
      }
    }

    // 500: a fault (here in the app's own authentication) is a problem, not a crash.
    const faulty = createSwitchboardApp(sb, {
      authenticate: () => {
        throw new Error('the session store is down');
      },
      logger: { error: () => {} },
    });
    await recorder(faulty)('GET', '/v1/account', { token: 'any' });

    // 503: a carrier that cannot be reached, and integrations without a key ring.
    const down = await newSwitchboard({
      numberProvisioner: {
        provision: async () => {
          throw new Error('connect ECONNREFUSED');
        },
        release: async () => {},
      },
      secretKeys: undefined,
    });
    const downAdmin = await adminOf(down.sb);
    const downCall = recorder(createSwitchboardApp(down.sb, { authenticate: () => downAdmin }));
    await downCall('POST', '/v1/phone-numbers', { token: 'any', body: { type: 'toll_free' } });
    await downCall('POST', '/v1/integrations?verify=false', { token: 'any', body: s3 });
    await downCall('POST', '/v1/webhook-endpoints', {
      token: 'any',
      body: { url: 'https://hooks.example.com/switchboard' },
    });
  });

  afterAll(async () => {
    for (const sb of switchboards) await sb.close();
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors, JSON.stringify(result)).toEqual([]);
  });

  it('declares every status, header and body the app answered with', () => {
    const conformance = new DocumentConformance(document);
    const problems = answers.flatMap((answer) => conformance.check(answer));
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('was exercised on every operation, each answering its success status at least once', () => {
    const conformance = new DocumentConformance(document);
    const seen = new Map<string, Set<number>>();
    for (const answer of answers) {
      const id = conformance.operationId(answer.method, answer.path);
      if (id) seen.set(id, new Set([...(seen.get(id) ?? []), answer.status]));
    }
    const missing: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const { operationId, responses } = operation as {
          operationId: string;
          responses: Record<string, unknown>;
        };
        const success = Object.keys(responses).find((status) => status.startsWith('2'));
        const statuses = seen.get(operationId);
        if (!statuses) missing.push(`${operationId} (${method} ${path}) was never called`);
        else if (!statuses.has(Number(success)))
          missing.push(
            `${operationId} never answered ${success} (saw ${[...statuses].join(', ')})`,
          );
      }
    }
    expect(missing, missing.join('\n')).toEqual([]);
  });

  it('met every error status the API has', () => {
    const statuses = new Set(answers.map((answer) => answer.status));
    for (const status of [400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500, 503]) {
      expect(statuses.has(status), `no answer had status ${status}`).toBe(true);
    }
  });

  it('answers a wrong method on an existing path 405 with Allow (regression: PUT /v1/account was 404)', () => {
    const answer = answers.find((a) => a.method === 'PUT' && a.path === '/v1/account');
    expect(answer?.status).toBe(405);
    expect(answer?.headers.get('allow')).toBe('GET, HEAD, PATCH');
    expect(JSON.parse(answer?.body ?? '{}')).toMatchObject({ code: 'method_not_allowed' });
  });

  it('answers a JSON body sent as text/plain or without a type 415 (regression: it was taken)', () => {
    const refused = answers.filter((a) => a.status === 415).map((a) => `${a.method} ${a.path}`);
    expect(refused).toEqual(['POST /v1/operator/accounts', 'PATCH /v1/me', 'PATCH /v1/account']);
  });
});
