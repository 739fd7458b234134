import {
  type User,
  type UserCreate,
  type UserListQuery,
  type UserPage,
  type UserUpdate,
  userRoutes,
} from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';
import type { RequestOptions } from '../http/request-options.js';

/** Options of `users.delete`: who gets the user's phone numbers, and the call's options. @example await client.users.delete(id, { reassignTo: 'usr_…', timeoutMs: 5_000 }) */
export interface UserDeleteOptions extends RequestOptions {
  /** The user their phone numbers pass to (default: you). */
  reassignTo?: string | undefined;
}

/** The account's users (admins). @example const user = await client.users.get('usr_…'); */
export class UsersResource {
  readonly #api: ApiTransport;

  constructor(api: ApiTransport) {
    this.#api = api;
  }

  /** One page: `{ data, nextCursor }`. @example const { data, nextCursor } = await client.users.page({ limit: 50 }) */
  page(query: UserListQuery = {}, options?: RequestOptions): Promise<UserPage> {
    return this.#api.call(userRoutes.listUsers, { query }, options);
  }

  /**
   * Every user matching `q`, fetching pages as you go (`options` apply to each page).
   *
   * @example for await (const user of client.users.list({ q: 'ada' })) console.log(user.email);
   */
  async *list(
    query: Omit<UserListQuery, 'cursor'> = {},
    options?: RequestOptions,
  ): AsyncGenerator<User, void, undefined> {
    let cursor: string | undefined;
    do {
      const page = await this.page({ ...query, ...(cursor ? { cursor } : {}) }, options);
      yield* page.data;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /** @example const user = await client.users.get('usr_…'); */
  get(id: string, options?: RequestOptions): Promise<User> {
    return this.#api.call(userRoutes.getUser, { params: { id } }, options);
  }

  /** Adds a user, who gets an activation email. */
  add(input: UserCreate, options?: RequestOptions): Promise<User> {
    return this.#api.call(userRoutes.addUser, { body: input }, options);
  }

  /** Edits names, email, admin flag or permissions (never two-factor). */
  update(id: string, patch: UserUpdate, options?: RequestOptions): Promise<User> {
    return this.#api.call(userRoutes.updateUser, { params: { id }, body: patch }, options);
  }

  /** Deletes a user; their phone numbers pass to `reassignTo` (default: you). */
  delete(id: string, options: UserDeleteOptions = {}): Promise<undefined> {
    const { reassignTo, ...call } = options;
    return this.#api.call(userRoutes.deleteUser, { params: { id }, query: { reassignTo } }, call);
  }

  /** Emails the user a password-reset link. */
  async sendPasswordReset(id: string, options?: RequestOptions): Promise<undefined> {
    await this.#api.call(userRoutes.sendPasswordReset, { params: { id } }, options);
    return undefined;
  }

  /** Emails a pending user a new activation link. */
  async resendActivation(id: string, options?: RequestOptions): Promise<undefined> {
    await this.#api.call(userRoutes.resendActivation, { params: { id } }, options);
    return undefined;
  }
}
