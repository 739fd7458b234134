import {
  type Login,
  type LoginResult,
  type LoginVerify,
  loginResultSchema,
  type Session,
  sessionSchema,
  type TokenPassword,
} from '@switchboard/contract';
import type { ApiTransport } from '../http/api-transport.js';

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
  login(input: Login): Promise<LoginResult> {
    return this.#api.call('post', '/v1/auth/login', loginResultSchema, { json: input });
  }

  /** Completes a two-factor sign-in with the emailed code. */
  verifyLogin(input: LoginVerify): Promise<Session> {
    return this.#api.call('post', '/v1/auth/login/verify', sessionSchema, { json: input });
  }

  /** Ends the session of this client's token. */
  logout(): Promise<undefined> {
    return this.#api.call('post', '/v1/auth/logout');
  }

  /** Activates a new user with the token of their emailed link; signs them in. */
  activate(input: TokenPassword): Promise<Session> {
    return this.#api.call('post', '/v1/auth/activate', sessionSchema, { json: input });
  }

  /** Sets a new password with the token of a reset link. */
  completePasswordReset(input: TokenPassword): Promise<undefined> {
    return this.#api.call('post', '/v1/auth/password-reset/complete', undefined, { json: input });
  }
}
