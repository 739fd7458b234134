import { type Account, type AccountUpdate, accountRoutes } from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';
import type { ConditionalRequestOptions, RequestOptions } from '../http/request-options.js';

/** The company account of the signed-in user (A1). @example const { companyName } = await client.account.get(); */
export class AccountResource {
  readonly #api: ApiTransport;

  constructor(api: ApiTransport) {
    this.#api = api;
  }

  /** @example const account = await client.account.get(); */
  get(options?: RequestOptions): Promise<Account> {
    return this.#api.call(accountRoutes.getAccount, {}, options);
  }

  /** Admins: update company details; `ifMatch` names the version you read (C1). @example await client.account.update({ city: 'Boston' }, { ifMatch: account.version }) */
  update(patch: AccountUpdate, options?: ConditionalRequestOptions): Promise<Account> {
    return this.#api.call(accountRoutes.updateAccount, { body: patch }, options);
  }
}
