import {
  type User,
  type UserCreate,
  type UserListQuery,
  type UserPage,
  type UserUpdate,
  userRoutes,
} from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';
import { everyItem } from '../http/every-item.js';
import type {
  ConditionalRequestOptions,
  IdempotentRequestOptions,
  RequestOptions,
} from '../http/request-options.js';

/** Options of `users.delete`: who gets the user's phone numbers, and the call's options. @example await client.users.delete(id, { reassignTo: 'usr_…', timeoutMs: 5_000 }) */
export interface UserDeleteOptions extends ConditionalRequestOptions {
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
   * Every user matching `q` (and `status`, when given), fetching pages as you go (`options`
   * apply to each page).
   *
   * @example for await (const user of client.users.list({ status: 'deactivated' })) console.log(user.email);
   */
  async *list(
    query: Omit<UserListQuery, 'cursor'> = {},
    options?: RequestOptions,
  ): AsyncGenerator<User, void, undefined> {
    yield* everyItem((cursor) => this.page({ ...query, ...(cursor ? { cursor } : {}) }, options));
  }

  /** @example const user = await client.users.get('usr_…'); */
  get(id: string, options?: RequestOptions): Promise<User> {
    return this.#api.call(userRoutes.getUser, { params: { id } }, options);
  }

  /**
   * Adds a user, who gets an activation email. Retried on a lost answer with the same
   * `Idempotency-Key`, so it adds one user at most; pass your own `idempotencyKey` to
   * repeat the call yourself safely.
   *
   * @example const user = await client.users.add({ firstName: 'Ada', lastName: 'Lovelace', email }, { idempotencyKey });
   */
  add(input: UserCreate, options?: IdempotentRequestOptions): Promise<User> {
    return this.#api.call(userRoutes.addUser, { body: input }, options);
  }

  /**
   * Edits names, email, admin flag, permissions or `status` (never two-factor). With `ifMatch` it
   * changes only the version you read, else fails with `PreconditionFailedError` (C1).
   *
   * @example await client.users.update(id, { firstName: 'Ada' }, { ifMatch: user.version });
   */
  update(id: string, patch: UserUpdate, options?: ConditionalRequestOptions): Promise<User> {
    return this.#api.call(userRoutes.updateUser, { params: { id }, body: patch }, options);
  }

  /**
   * Deactivates a user (U9): they cannot sign in, their sessions and emailed links end at
   * once; they keep their numbers and history. Not yourself (`cannot_deactivate_self`), not
   * the last active admin (`last_admin`).
   *
   * @example await client.users.deactivate(id, { ifMatch: user.version });
   */
  deactivate(id: string, options?: ConditionalRequestOptions): Promise<User> {
    return this.update(id, { status: 'deactivated' }, options);
  }

  /**
   * Reactivates a deactivated user: active again, or pending (with a new activation email)
   * when they never set a password.
   *
   * @example await client.users.reactivate(id);
   */
  reactivate(id: string, options?: ConditionalRequestOptions): Promise<User> {
    return this.update(id, { status: 'active' }, options);
  }

  /** Deletes a user; their phone numbers pass to `reassignTo` (default: you). @example await client.users.delete(id, { reassignTo: me.id, ifMatch: user.version }) */
  delete(id: string, options: UserDeleteOptions = {}): Promise<undefined> {
    const { reassignTo, ...call } = options;
    return this.#api.call(userRoutes.deleteUser, { params: { id }, query: { reassignTo } }, call);
  }

  /** Emails the user a password-reset link. */
  async sendPasswordReset(id: string, options?: IdempotentRequestOptions): Promise<undefined> {
    await this.#api.call(userRoutes.sendPasswordReset, { params: { id } }, options);
    return undefined;
  }

  /** Emails a pending user a new activation link. */
  async resendActivation(id: string, options?: IdempotentRequestOptions): Promise<undefined> {
    await this.#api.call(userRoutes.resendActivation, { params: { id } }, options);
    return undefined;
  }
}
