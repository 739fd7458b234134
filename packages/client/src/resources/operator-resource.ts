import {
  type Account,
  type AccountCreate,
  type AccountCreated,
  type AccountDemoUpdate,
  accountCreatedSchema,
  accountSchema,
} from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';

/** Platform-operator calls (the client's token must be the operator token). @example await client.withToken(operatorToken).operator.setDemo(accountId, { demo: true }); */
export class OperatorResource {
  readonly #api: ApiTransport;

  constructor(api: ApiTransport) {
    this.#api = api;
  }

  /** Opens an account; its admin gets an activation email. @example await client.operator.createAccount({ companyName: 'Acme', admin }) */
  createAccount(input: AccountCreate): Promise<AccountCreated> {
    return this.#api.call('post', '/v1/operator/accounts', accountCreatedSchema, { json: input });
  }

  /** Marks an account as a demo account, or not. @example await client.operator.setDemo(id, { demo: true }) */
  setDemo(accountId: string, input: AccountDemoUpdate): Promise<Account> {
    return this.#api.call(
      'patch',
      `/v1/operator/accounts/${encodeURIComponent(accountId)}`,
      accountSchema,
      { json: input },
    );
  }
}
