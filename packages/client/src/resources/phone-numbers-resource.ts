import {
  type PhoneNumber,
  type PhoneNumberListQuery,
  type PhoneNumberPage,
  type PhoneNumberRequest,
  type PhoneNumberUpdate,
  phoneNumberPageSchema,
  phoneNumberSchema,
} from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';

/** The account's phone numbers: admins see all, others the ones they own. @example for await (const n of client.phoneNumbers.list()) console.log(n.number); */
export class PhoneNumbersResource {
  readonly #api: ApiTransport;

  constructor(api: ApiTransport) {
    this.#api = api;
  }

  /** One page, by number. @example const { data, nextCursor } = await client.phoneNumbers.page() */
  page(query: PhoneNumberListQuery = {}): Promise<PhoneNumberPage> {
    const { limit, cursor } = query;
    return this.#api.call('get', '/v1/phone-numbers', phoneNumberPageSchema, {
      searchParams: { limit: limit === undefined ? undefined : Number(limit), cursor },
    });
  }

  /** Every number you may see, fetching pages as you go. @example for await (const n of client.phoneNumbers.list()) … */
  async *list(
    query: Omit<PhoneNumberListQuery, 'cursor'> = {},
  ): AsyncGenerator<PhoneNumber, void, undefined> {
    let cursor: string | undefined;
    do {
      const page = await this.page({ ...query, ...(cursor ? { cursor } : {}) });
      yield* page.data;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /** Admins: request a toll-free number. @example await client.phoneNumbers.request({ type: 'toll_free', pci: true }) */
  request(input: PhoneNumberRequest): Promise<PhoneNumber> {
    return this.#api.call('post', '/v1/phone-numbers', phoneNumberSchema, { json: input });
  }

  /** Change the owner (admins) or the deployed application (admins or the owner). */
  update(id: string, patch: PhoneNumberUpdate): Promise<PhoneNumber> {
    return this.#api.call(
      'patch',
      `/v1/phone-numbers/${encodeURIComponent(id)}`,
      phoneNumberSchema,
      { json: patch },
    );
  }

  /** Admins: release the number and remove it from the account. */
  release(id: string): Promise<undefined> {
    return this.#api.call('delete', `/v1/phone-numbers/${encodeURIComponent(id)}`);
  }
}
