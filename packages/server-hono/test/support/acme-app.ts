import {
  type MailMessage,
  operatorActor,
  type Switchboard,
  type SwitchboardOptions,
} from '@switchboard/core';
import {
  createSwitchboardApp,
  type SwitchboardAppOptions,
} from '../../src/create-switchboard-app.js';
import { inMemorySwitchboard } from './in-memory-switchboard.js';

/** The app over a Switchboard with the "Acme" account, and its active admin's bearer token. */
export interface AcmeApp {
  sb: Switchboard;
  app: ReturnType<typeof createSwitchboardApp>;
  sent: MailMessage[];
  adminToken: string;
  /** A JSON request as the admin (or `token`'s user), with extra headers. */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; token?: string },
  ): Response | Promise<Response>;
}

/**
 * Opens "Acme" with Ada as its admin, activated, on `sb` (default: in-memory SQLite), and
 * serves it with `createSwitchboardApp`.
 *
 * @example const { call } = await acmeApp(); await call('GET', '/v1/account');
 */
export async function acmeApp(
  options: {
    switchboard?: { sb: Switchboard; sent: MailMessage[] };
    app?: SwitchboardAppOptions;
    core?: Partial<SwitchboardOptions>;
  } = {},
): Promise<AcmeApp> {
  const { sb, sent } = options.switchboard ?? inMemorySwitchboard(options.core);
  await sb.migrate();
  const created = await sb.operator.createAccount(operatorActor(), {
    companyName: 'Acme',
    admin: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
  });
  const token = new URL(created.activationLink).searchParams.get('token') ?? '';
  const { token: adminToken } = await sb.identity.activate({
    token,
    password: 'correct horse battery staple',
  });
  await sb.mail.idle();
  sent.length = 0;
  const app = createSwitchboardApp(sb, options.app);
  return {
    sb,
    app,
    sent,
    adminToken,
    call: (method, path, { body, headers = {}, token = adminToken } = {}) =>
      app.request(path, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          authorization: `Bearer ${token}`,
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
  };
}
