import {
  authRoutes,
  type Login,
  type LoginResult,
  type LoginVerify,
  type Session,
  type TokenInfo,
  type TokenInfoRequest,
  type TokenPassword,
} from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';
import type { RequestOptions } from '../http/request-options.js';

/** Signing in and out, activation and password resets. @example const { token } = await client.auth.activate({ token: linkToken, password }); */
export class AuthResource {
  readonly #api: ApiTransport;

  constructor(api: ApiTransport) {
    this.#api = api;
  }

  /**
   * Signs in: a session, or with two-factor on a challenge (the code is emailed).
   *
   * @example
   * const result = await client.auth.login({ email, password });
   * const session = 'token' in result ? result : await client.auth.verifyLogin({ challengeId: result.challenge.id, code });
   */
  login(input: Login, options?: RequestOptions): Promise<LoginResult> {
    return this.#api.call(authRoutes.login, { body: input }, options);
  }

  /** Completes a two-factor sign-in with the emailed code. */
  verifyLogin(input: LoginVerify, options?: RequestOptions): Promise<Session> {
    return this.#api.call(authRoutes.verifyLogin, { body: input }, options);
  }

  /** Ends the session of this client's token. */
  logout(options?: RequestOptions): Promise<undefined> {
    return this.#api.call(authRoutes.logout, {}, options);
  }

  /** Activates a new user with the token of their emailed link; signs them in. */
  /** What an emailed link is for and whose it is, without using it up. @example const { email, companyName } = await client.auth.tokenInfo({ token }); */
  tokenInfo(input: TokenInfoRequest, options?: RequestOptions): Promise<TokenInfo> {
    return this.#api.call(authRoutes.describeToken, { body: input }, options);
  }

  activate(input: TokenPassword, options?: RequestOptions): Promise<Session> {
    return this.#api.call(authRoutes.activate, { body: input }, options);
  }

  /** Sets a new password with the token of a reset link. */
  completePasswordReset(input: TokenPassword, options?: RequestOptions): Promise<undefined> {
    return this.#api.call(authRoutes.completePasswordReset, { body: input }, options);
  }
}
