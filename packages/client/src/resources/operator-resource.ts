import {
  type Account,
  type AccountCreate,
  type AccountCreated,
  type AccountDemoUpdate,
  operatorRoutes,
} from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';
import type {
  ConditionalRequestOptions,
  IdempotentRequestOptions,
} from '../http/request-options.js';

/** Platform-operator calls (the client's token must be the operator token). @example await client.withToken(operatorToken).operator.setDemo(accountId, { demo: true }); */
export class OperatorResource {
  readonly #api: ApiTransport;

  constructor(api: ApiTransport) {
    this.#api = api;
  }

  /** Opens an account; its admin gets an activation email. @example await client.operator.createAccount({ companyName: 'Acme', admin }) */
  createAccount(input: AccountCreate, options?: IdempotentRequestOptions): Promise<AccountCreated> {
    return this.#api.call(operatorRoutes.createAccount, { body: input }, options);
  }

  /** Marks an account as a demo account, or not. @example await client.operator.setDemo(id, { demo: true }) */
  setDemo(
    accountId: string,
    input: AccountDemoUpdate,
    options?: ConditionalRequestOptions,
  ): Promise<Account> {
    return this.#api.call(
      operatorRoutes.setAccountDemo,
      { params: { id: accountId }, body: input },
      options,
    );
  }
}
