import {
  type User,
  type UserCreate,
  type UserListQuery,
  type UserPage,
  type UserUpdate,
  userPageSchema,
  userSchema,
} from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';

/** The account's users (admins). @example const user = await client.users.get('usr_…'); */
export class UsersResource {
  readonly #api: ApiTransport;

  constructor(api: ApiTransport) {
    this.#api = api;
  }

  /** One page: `{ data, nextCursor }`. @example const { data, nextCursor } = await client.users.page({ limit: 50 }) */
  page(query: UserListQuery = {}): Promise<UserPage> {
    const { limit, cursor, q } = query;
    return this.#api.call('get', '/v1/users', userPageSchema, {
      searchParams: { limit: limit === undefined ? undefined : Number(limit), cursor, q },
    });
  }

  /**
   * Every user matching `q`, fetching pages as you go.
   *
   * @example for await (const user of client.users.list({ q: 'ada' })) console.log(user.email);
   */
  async *list(query: Omit<UserListQuery, 'cursor'> = {}): AsyncGenerator<User, void, undefined> {
    let cursor: string | undefined;
    do {
      const page = await this.page({ ...query, ...(cursor ? { cursor } : {}) });
      yield* page.data;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /** @example const user = await client.users.get('usr_…'); */
  get(id: string): Promise<User> {
    return this.#api.call('get', `/v1/users/${encodeURIComponent(id)}`, userSchema);
  }

  /** Adds a user, who gets an activation email. */
  add(input: UserCreate): Promise<User> {
    return this.#api.call('post', '/v1/users', userSchema, { json: input });
  }

  /** Edits names, email, admin flag or permissions (never two-factor). */
  update(id: string, patch: UserUpdate): Promise<User> {
    return this.#api.call('patch', `/v1/users/${encodeURIComponent(id)}`, userSchema, {
      json: patch,
    });
  }

  /** Deletes a user; their phone numbers pass to `reassignTo` (default: you). */
  delete(id: string, options: { reassignTo?: string } = {}): Promise<undefined> {
    return this.#api.call('delete', `/v1/users/${encodeURIComponent(id)}`, undefined, {
      searchParams: { reassignTo: options.reassignTo },
    });
  }

  /** Emails the user a password-reset link. */
  sendPasswordReset(id: string): Promise<undefined> {
    return this.#api.call('post', `/v1/users/${encodeURIComponent(id)}/password-reset`);
  }

  /** Emails a pending user a new activation link. */
  resendActivation(id: string): Promise<undefined> {
    return this.#api.call('post', `/v1/users/${encodeURIComponent(id)}/activation-email`);
  }
}
