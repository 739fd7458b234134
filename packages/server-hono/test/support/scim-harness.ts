import { type MailMessage, operatorActor, type Switchboard } from '@switchboard/core';
import {
  createSwitchboardApp,
  type SwitchboardAppOptions,
} from '../../src/create-switchboard-app.js';
import { inMemorySwitchboard } from './in-memory-switchboard.js';

const password = 'correct horse battery staple';

/** An app over an in-memory Switchboard with the Acme account, its active admin, and a SCIM token. */
export interface ScimHarness {
  sb: Switchboard;
  app: ReturnType<typeof createSwitchboardApp>;
  sent: MailMessage[];
  /** The session token of Ada, Acme's admin. */
  adminToken: string;
  /** Acme's SCIM token, made through `POST /v1/scim-tokens`. */
  scimToken: string;
  /** A request to `/scim/v2<path>` with the SCIM token (unless `token` says otherwise). */
  scim(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string | null; headers?: Record<string, string> },
  ): Promise<Response>;
  /** A request to the `/v1` API with a session token. */
  api(method: string, path: string, token: string, body?: unknown): Promise<Response>;
  /** Activates a user from their newest emailed link; their session token. */
  activate(email: string): Promise<string>;
  close(): Promise<void>;
}

export async function scimHarness(options: SwitchboardAppOptions = {}): Promise<ScimHarness> {
  const { sb, sent } = inMemorySwitchboard({ rateLimits: { perAddress: 5 } });
  await sb.migrate();
  const app = createSwitchboardApp(sb, { trustProxy: true, ...options });
  const api = async (method: string, path: string, token: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-forwarded-for': '192.0.2.1',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const activate = async (email: string) => {
    await sb.mail.idle();
    const text = sent.filter((mail) => mail.to === email).at(-1)?.text ?? '';
    const token = new URL(text.match(/https?:\/\/\S+/)?.[0] ?? 'http://x').searchParams.get(
      'token',
    );
    const response = await app.request('/v1/auth/activate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password }),
    });
    return ((await response.json()) as { token: string }).token;
  };
  await sb.operator.createAccount(operatorActor(), {
    companyName: 'Acme',
    admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
  });
  const adminToken = await activate('ada@acme.test');
  const created = await api('POST', '/v1/scim-tokens', adminToken, { description: 'Okta' });
  const scimToken = ((await created.json()) as { token: string }).token;
  return {
    sb,
    app,
    sent,
    adminToken,
    scimToken,
    api,
    activate,
    scim: async (method, path, { body, token = scimToken, headers = {} } = {}) =>
      app.request(`/scim/v2${path}`, {
        method,
        headers: {
          'x-forwarded-for': '192.0.2.10',
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
          ...headers,
        },
        ...(body === undefined
          ? {}
          : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      }),
    close: () => sb.close(),
  };
}
