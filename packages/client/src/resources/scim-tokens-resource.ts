import {
  type ScimToken,
  type ScimTokenCreate,
  type ScimTokenCreated,
  scimTokenRoutes,
} from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';
import type { IdempotentRequestOptions, RequestOptions } from '../http/request-options.js';

/**
 * The account's SCIM tokens, for provisioning users from an identity provider (admins). An
 * identity provider is given the token and the SCIM base URL, `<baseUrl>/scim/v2`.
 *
 * @example const { token } = await client.scimTokens.create({ description: 'Okta' });
 */
export class ScimTokensResource {
  readonly #api: ApiTransport;

  constructor(api: ApiTransport) {
    this.#api = api;
  }

  /**
   * The SCIM base URL to give an identity provider with a token: the API's base URL (with
   * its mount prefix) followed by `/scim/v2`. Relative when the client's `baseUrl` is.
   *
   * @example const url = client.scimTokens.scimUrl(); // 'https://admin.example.com/scim/v2'
   */
  scimUrl(): string {
    return `${this.#api.options.baseUrl.replace(/\/+$/, '')}/scim/v2`;
  }

  /** The account's tokens, newest first, with when each was last used (never the secrets). @example const tokens = await client.scimTokens.list(); */
  async list(options?: RequestOptions): Promise<ScimToken[]> {
    return (await this.#api.call(scimTokenRoutes.listScimTokens, {}, options)).data;
  }

  /**
   * Creates a token; its `token` is in this answer only — show it once, then forget it.
   *
   * @example const { id, token } = await client.scimTokens.create({ description: 'Entra ID' });
   */
  create(
    input: ScimTokenCreate = {},
    options?: IdempotentRequestOptions,
  ): Promise<ScimTokenCreated> {
    return this.#api.call(scimTokenRoutes.createScimToken, { body: input }, options);
  }

  /** Revokes a token: the identity provider's next request with it fails. @example await client.scimTokens.revoke(id); */
  async revoke(id: string, options?: RequestOptions): Promise<undefined> {
    await this.#api.call(scimTokenRoutes.revokeScimToken, { params: { id } }, options);
    return undefined;
  }
}
