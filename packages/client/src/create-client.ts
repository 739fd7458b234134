import { type Health, metaRoutes } from '@switchboard/contract';
import { ApiTransport, type TransportOptions } from './http/api-transport.js';
import type { RequestOptions } from './http/request-options.js';
import { AccountResource } from './resources/account-resource.js';
import { AuditEventsResource } from './resources/audit-events-resource.js';
import { AuthResource } from './resources/auth-resource.js';
import { IntegrationsResource } from './resources/integrations-resource.js';
import { MeResource } from './resources/me-resource.js';
import { OperatorResource } from './resources/operator-resource.js';
import { PhoneNumbersResource } from './resources/phone-numbers-resource.js';
import { ScimTokensResource } from './resources/scim-tokens-resource.js';
import { UsersResource } from './resources/users-resource.js';
import { WebhookEndpointsResource } from './resources/webhook-endpoints-resource.js';

/** How to reach the API: base URL (with any mount prefix), token, fetch, retry, timeoutMs, headers. @example const options: ClientOptions = { baseUrl: 'http://localhost:3000', retry: 0 }; */
export type ClientOptions = TransportOptions;

/** A typed client of the Switchboard HTTP API, one property per area. @example const account: Account = await client.account.get(); */
export interface SwitchboardClient {
  auth: AuthResource;
  me: MeResource;
  account: AccountResource;
  users: UsersResource;
  /** The account's SCIM tokens, for identity providers (admins). */
  scimTokens: ScimTokensResource;
  phoneNumbers: PhoneNumbersResource;
  integrations: IntegrationsResource;
  /** The account's audit log: list, export, verify (admins). */
  auditEvents: AuditEventsResource;
  /** The account's webhook endpoints and their deliveries (admins). */
  webhookEndpoints: WebhookEndpointsResource;
  operator: OperatorResource;
  /** `GET /healthz`: `{ ok: true }` once the server is ready. @example await client.health({ timeoutMs: 1_000 }) */
  health(options?: RequestOptions): Promise<Health>;
  /** The same client with another bearer token (after sign-in, say). @example const admin = client.withToken(session.token); */
  withToken(token: string | undefined): SwitchboardClient;
}

/**
 * Creates a client. Each call is built from the route's descriptor in `@switchboard/contract`
 * and takes a last optional `{ signal, timeoutMs }`, with `idempotencyKey` on POSTs and
 * `ifMatch` on PATCH and DELETE. Errors are `SwitchboardApiError` subclasses
 * (`NotFoundError`, `PreconditionFailedError`…) or `ConnectionError`; answers are validated
 * against the contract.
 *
 * @example
 * const client = createClient({ baseUrl: 'http://localhost:3000' });
 * const { token } = await client.auth.activate({ token: linkToken, password });
 * const admin = client.withToken(token);
 * for await (const user of admin.users.list()) console.log(user.email);
 */
export function createClient(options: ClientOptions): SwitchboardClient {
  const api = new ApiTransport(options);
  return {
    auth: new AuthResource(api),
    me: new MeResource(api),
    account: new AccountResource(api),
    users: new UsersResource(api),
    scimTokens: new ScimTokensResource(api),
    phoneNumbers: new PhoneNumbersResource(api),
    integrations: new IntegrationsResource(api),
    auditEvents: new AuditEventsResource(api),
    webhookEndpoints: new WebhookEndpointsResource(api),
    operator: new OperatorResource(api),
    health: (requestOptions) => api.call(metaRoutes.health, {}, requestOptions),
    withToken: (token) => createClient({ ...options, token }),
  };
}
