import {
  type PhoneNumber,
  type PhoneNumberListQuery,
  type PhoneNumberPage,
  type PhoneNumberRequest,
  type PhoneNumberUpdate,
  phoneNumberRoutes,
} from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';
import { everyItem } from '../http/every-item.js';
import type {
  ConditionalRequestOptions,
  IdempotentRequestOptions,
  RequestOptions,
} from '../http/request-options.js';

/** The account's phone numbers: admins see all, others the ones they own. @example for await (const n of client.phoneNumbers.list()) console.log(n.number); */
export class PhoneNumbersResource {
  readonly #api: ApiTransport;

  constructor(api: ApiTransport) {
    this.#api = api;
  }

  /** One page, by number. @example const { data, nextCursor } = await client.phoneNumbers.page() */
  page(query: PhoneNumberListQuery = {}, options?: RequestOptions): Promise<PhoneNumberPage> {
    return this.#api.call(phoneNumberRoutes.listPhoneNumbers, { query }, options);
  }

  /** Every number you may see, fetching pages as you go (`options` apply to each page). @example for await (const n of client.phoneNumbers.list()) … */
  async *list(
    query: Omit<PhoneNumberListQuery, 'cursor'> = {},
    options?: RequestOptions,
  ): AsyncGenerator<PhoneNumber, void, undefined> {
    yield* everyItem((cursor) => this.page({ ...query, ...(cursor ? { cursor } : {}) }, options));
  }

  /** Admins: request a toll-free number. @example await client.phoneNumbers.request({ type: 'toll_free', pci: true }) */
  request(input: PhoneNumberRequest, options?: IdempotentRequestOptions): Promise<PhoneNumber> {
    return this.#api.call(phoneNumberRoutes.requestPhoneNumber, { body: input }, options);
  }

  /** Change the owner (admins) or the deployed application (admins or the owner). */
  update(
    id: string,
    patch: PhoneNumberUpdate,
    options?: ConditionalRequestOptions,
  ): Promise<PhoneNumber> {
    return this.#api.call(
      phoneNumberRoutes.updatePhoneNumber,
      { params: { id }, body: patch },
      options,
    );
  }

  /** Admins: release the number and remove it from the account. */
  release(id: string, options?: ConditionalRequestOptions): Promise<undefined> {
    return this.#api.call(phoneNumberRoutes.releasePhoneNumber, { params: { id } }, options);
  }
}
