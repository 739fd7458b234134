import { type Account, type AccountUpdate, accountSchema } from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';

/** The company account of the signed-in user (A1). @example const { companyName } = await client.account.get(); */
export class AccountResource {
  readonly #api: ApiTransport;

  constructor(api: ApiTransport) {
    this.#api = api;
  }

  /** @example const account = await client.account.get(); */
  get(): Promise<Account> {
    return this.#api.call('get', '/v1/account', accountSchema);
  }

  /** Admins: update company details. @example await client.account.update({ city: 'Boston' }) */
  update(patch: AccountUpdate): Promise<Account> {
    return this.#api.call('patch', '/v1/account', accountSchema, { json: patch });
  }
}
