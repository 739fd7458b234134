import {
  type MeUpdate,
  meRoutes,
  type PasswordChange,
  type TwoFactorChange,
  type User,
} from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';
import type { ConditionalRequestOptions, RequestOptions } from '../http/request-options.js';

/** The signed-in user's own profile (U8). @example const me = await client.me.get(); */
export class MeResource {
  readonly #api: ApiTransport;

  constructor(api: ApiTransport) {
    this.#api = api;
  }

  /** @example const me = await client.me.get(); */
  get(options?: RequestOptions): Promise<User> {
    return this.#api.call(meRoutes.getMe, {}, options);
  }

  /** Changes your first or last name. */
  update(patch: MeUpdate, options?: ConditionalRequestOptions): Promise<User> {
    return this.#api.call(meRoutes.updateMe, { body: patch }, options);
  }

  /** Changes your password; your other sessions end. */
  changePassword(input: PasswordChange, options?: RequestOptions): Promise<undefined> {
    return this.#api.call(meRoutes.changeMyPassword, { body: input }, options);
  }

  /** Turns your two-factor sign-in on or off, re-entering your password. */
  setTwoFactor(input: TwoFactorChange, options?: RequestOptions): Promise<User> {
    return this.#api.call(meRoutes.setMyTwoFactor, { body: input }, options);
  }
}
