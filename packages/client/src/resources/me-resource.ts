import {
  type MeUpdate,
  type PasswordChange,
  type TwoFactorChange,
  type User,
  userSchema,
} from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';

/** The signed-in user's own profile (U8). @example const me = await client.me.get(); */
export class MeResource {
  readonly #api: ApiTransport;

  constructor(api: ApiTransport) {
    this.#api = api;
  }

  /** @example const me = await client.me.get(); */
  get(): Promise<User> {
    return this.#api.call('get', '/v1/me', userSchema);
  }

  /** Changes your first or last name. */
  update(patch: MeUpdate): Promise<User> {
    return this.#api.call('patch', '/v1/me', userSchema, { json: patch });
  }

  /** Changes your password; your other sessions end. */
  changePassword(input: PasswordChange): Promise<undefined> {
    return this.#api.call('put', '/v1/me/password', undefined, { json: input });
  }

  /** Turns your two-factor sign-in on or off, re-entering your password. */
  setTwoFactor(input: TwoFactorChange): Promise<User> {
    return this.#api.call('put', '/v1/me/two-factor', userSchema, { json: input });
  }
}
