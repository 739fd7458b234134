import type { User } from '@switchboard/contract';
import {
  emailKey,
  type Login,
  type LoginResult,
  type LoginVerify,
  loginSchema,
  loginVerifySchema,
  type Session,
  type TokenInfo,
  type TokenInfoRequest,
  type TokenPassword,
  tokenInfoRequestSchema,
  tokenPasswordSchema,
} from '@switchboard/contract';
import { findAccount } from '../account/index.js';
import { bool, isoTimestamp } from '../db/row-values.js';
import { parseInput } from '../errors/parse-input.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import { signInCodeEmail } from '../mail/index.js';
import type { Actor } from '../shared/actor.js';
import { newId } from '../shared/ids.js';
import type { SystemActor } from '../shared/operator-actor.js';
import type { RequestContext } from '../shared/request-context.js';
import type { ServiceContext } from '../shared/service-context.js';
import {
  activateWithPassword,
  findUserByEmailKey,
  findUserRow,
  setPasswordHash,
  toUser,
  userStatusOf,
} from '../users/index.js';
import {
  type IdentityDeps,
  loginChallengeLifetimeMs,
  loginChallengeMaxAttempts,
  type RequestOrigin,
} from './identity-options.js';
import {
  countLoginChallengeAttempt,
  findOpenLoginChallenge,
  insertLoginChallenge,
  useLoginChallenge,
} from './login-challenge-repository.js';
import { hashLoginCode, newLoginCode } from './login-code.js';
import { assertPasswordAcceptable } from './password-hasher.js';
import type { LimitedKey } from './rate-limiter.js';
import { findUsableUserToken, redeemUserToken } from './redeem-user-token.js';
import {
  createSession,
  deleteSessionByToken,
  deleteUserSessions,
  extendSession,
  findSessionActor,
} from './session-repository.js';

/** Extend a sliding session at most this often, so reads do not all write. */
const extendEveryMs = 5 * 60 * 1000;

/**
 * Who is acting, and how people get in: sessions, sign-in with optional emailed codes,
 * activation and password resets (D1–D3).
 */
export class IdentityService {
  readonly #ctx: ServiceContext;
  readonly #deps: IdentityDeps;

  constructor(ctx: ServiceContext, deps: IdentityDeps) {
    this.#ctx = ctx;
    this.#deps = deps;
  }

  /**
   * The actor for a user your own app has already authenticated. Throws `not_found` for
   * an unknown id, `forbidden` for a deactivated user (U9). Call it per request, so a
   * changed admin flag or a deactivation takes effect at once.
   *
   * @example const actor = await sb.identity.actorFor(req.session.switchboardUserId);
   */
  async actorFor(userId: string): Promise<Actor> {
    const row = await findUserRow(this.#ctx.db, userId);
    if (!row) throw new SwitchboardError('not_found', 'No such user');
    if (userStatusOf(row) === 'deactivated')
      throw new SwitchboardError('forbidden', 'This user is deactivated');
    return { userId: row.id, accountId: row.account_id, isAdmin: bool(row.is_admin) };
  }

  /**
   * The actor of a session token, or null when it is unknown or expired. Each use pushes
   * the expiry forward (sliding), written at most every few minutes.
   *
   * @example const actor = await sb.identity.authenticate(bearerToken);
   */
  async authenticate(token: string): Promise<Actor | null> {
    const now = this.#ctx.clock.now();
    const found = await findSessionActor(this.#ctx.db, token, now);
    if (!found) return null;
    const remaining = found.expiresAtMs - now.getTime();
    if (remaining < this.#deps.sessionIdleMs - extendEveryMs && found.actor.sessionId) {
      const expiresAt = new Date(now.getTime() + this.#deps.sessionIdleMs).toISOString();
      await extendSession(this.#ctx.db, found.actor.sessionId, expiresAt);
    }
    return found.actor;
  }

  /**
   * Signs in with email and password. Answers a session, or — with two-factor on — a
   * challenge whose 6-digit code is emailed. Unknown email, wrong password, pending and
   * deactivated user (U9) all fail alike with `invalid_credentials`, in about the same time.
   */
  async login(input: Login, origin: RequestOrigin = {}): Promise<LoginResult> {
    const { email, password } = parseInput(loginSchema, input);
    const { db, clock } = this.#ctx;
    const { passwords, rateLimiter } = this.#deps;
    // Counted before the password is checked: no more guesses are evaluated than allowed (D3).
    const attempt = await rateLimiter.take(this.#signInLimits(emailKey(email), origin));

    const row = await findUserByEmailKey(db, emailKey(email));
    const hash = row && userStatusOf(row) === 'active' ? row.password_hash : null;
    let valid = false;
    if (hash) valid = await passwords.verify(password, hash);
    else await passwords.burn(password); // unknown, pending or deactivated: spend the same time
    if (!row || !hash || !valid) {
      throw new SwitchboardError('invalid_credentials', 'Email or password is wrong');
    }
    await attempt.succeeded();
    if (passwords.needsRehash(hash)) {
      const upgraded = await passwords.hash(password);
      await setPasswordHash(db, row.id, upgraded);
    }

    const signingIn = {
      userId: row.id,
      accountId: row.account_id,
      isAdmin: bool(row.is_admin),
      request: requestOf(origin),
    };
    if (!bool(row.two_factor_enabled)) {
      const token = await this.#ctx.write(signingIn, async (tx) => {
        const session = await createSession(tx.trx, {
          userId: row.id,
          now: tx.now,
          idleMs: this.#deps.sessionIdleMs,
        });
        tx.record({ action: 'user.signed_in', target: { type: 'user', id: row.id } });
        return session;
      });
      return { token, user: toUser(row) };
    }
    const now = clock.now();
    const id = newId('chl');
    const code = newLoginCode();
    const expiresAt = new Date(now.getTime() + loginChallengeLifetimeMs).toISOString();
    await this.#ctx.write(signingIn, async ({ trx, mail, at }) => {
      await insertLoginChallenge(trx, { id, userId: row.id, code, expiresAt, now: at });
      await mail(row.email, signInCodeEmail({ firstName: row.first_name, code }));
    });
    return { challenge: { id, expiresAt } };
  }

  /**
   * Completes a two-factor sign-in with the emailed code. A challenge allows 5 attempts in
   * 10 minutes and one success; after that every code is `invalid_code`. Wrong codes also
   * count, across challenges, per user and per client address like wrong passwords (D3).
   */
  async verifyLogin(input: LoginVerify, origin: RequestOrigin = {}): Promise<Session> {
    const { challengeId, code } = parseInput(loginVerifySchema, input);
    const { db, clock } = this.#ctx;
    const now = clock.now().toISOString();
    const challenge = await findOpenLoginChallenge(db, challengeId, now);
    const attempt = await this.#deps.rateLimiter.take(
      challenge
        ? [
            ...this.#signInLimits(challenge.email_key, origin),
            {
              key: `sign-in-code:user:${challenge.user_id}`,
              limit: this.#deps.rateLimiter.options.perEmailAndAddress,
              clearOnSuccess: true,
            },
          ]
        : this.#signInLimits(null, origin),
    );
    const session = await this.#ctx.write(systemFor(origin), async ({ trx, now: at, record }) => {
      if (!challenge) return null;
      const counted = await countLoginChallengeAttempt(
        trx,
        challengeId,
        loginChallengeMaxAttempts,
        at.toISOString(),
      );
      if (!counted || hashLoginCode(challengeId, code) !== counted.codeHash) return null;
      if (!(await useLoginChallenge(trx, challengeId, at.toISOString()))) return null;
      const user = await findUserRow(trx, counted.userId);
      if (!user || userStatusOf(user) !== 'active') return null;
      const token = await createSession(trx, {
        userId: user.id,
        now: at,
        idleMs: this.#deps.sessionIdleMs,
      });
      record({
        accountId: user.account_id,
        by: { type: 'user', userId: user.id },
        action: 'user.signed_in',
        target: { type: 'user', id: user.id },
      });
      return { token, user: toUser(user) };
    });
    if (!session) throw new SwitchboardError('invalid_code', 'The code is wrong, used or expired');
    await attempt.succeeded();
    return session;
  }

  /** Ends the session of a token; unknown tokens are ignored. */
  async logout(token: string): Promise<void> {
    await deleteSessionByToken(this.#ctx.db, token);
  }

  /**
   * What an emailed link is for and whose it is — email, first name, company — so the page
   * it opens can say so before a password is chosen; the token is not used up. An unknown,
   * expired or used token is `invalid_token`, counted per client address like a failed
   * redemption (D3).
   *
   * @example const { email, companyName } = await sb.identity.describeToken({ token });
   */
  async describeToken(input: TokenInfoRequest, origin: RequestOrigin = {}): Promise<TokenInfo> {
    const { token } = parseInput(tokenInfoRequestSchema, input);
    const attempt = await this.#deps.rateLimiter.take([this.#tokenLimit(origin)]);
    const { db, clock } = this.#ctx;
    const found = await findUsableUserToken(db, token, clock.now());
    const holder = found ? await findUserRow(db, found.user_id) : undefined;
    // A deactivated user's links died with the deactivation (U9).
    const user = holder && userStatusOf(holder) !== 'deactivated' ? holder : undefined;
    const account = user ? await findAccount(db, user.account_id) : null;
    if (!found || !user || !account) {
      throw new SwitchboardError(
        'invalid_token',
        'This link is invalid, used or expired; ask for a new one',
      );
    }
    await attempt.succeeded();
    return {
      purpose: found.purpose,
      email: user.email,
      firstName: user.first_name,
      companyName: account.companyName,
      expiresAt: isoTimestamp(found.expires_at),
    };
  }

  /**
   * Activates a pending user from the emailed link: sets their password and signs them in.
   * A refused password (`weak_password`) leaves the token usable.
   */
  async activate(input: TokenPassword, origin: RequestOrigin = {}): Promise<Session> {
    const { token, user } = await this.#redeem(input, origin, 'activation');
    if (token === null) throw new Error('activation opens a session');
    return { token, user };
  }

  /** Sets a new password from a reset link and ends every session of that user (U6). */
  async completePasswordReset(input: TokenPassword, origin: RequestOrigin = {}): Promise<void> {
    await this.#redeem(input, origin, 'password_reset');
  }

  async #redeem(
    input: TokenPassword,
    origin: RequestOrigin,
    purpose: 'activation' | 'password_reset',
  ): Promise<{ token: string | null; user: User }> {
    const { token, password } = parseInput(tokenPasswordSchema, input);
    assertPasswordAcceptable(password); // a refused password costs no attempt
    const attempt = await this.#deps.rateLimiter.take([this.#tokenLimit(origin)]);
    const hash = await this.#deps.passwords.hash(password);

    const session = await this.#ctx.write(systemFor(origin), async (tx) => {
      const { trx, now, at } = tx;
      const userId = await redeemUserToken(trx, { token, purpose, now });
      if (!userId) return null;
      // Deactivation voids every link (U9); one issued since must not reactivate anyone.
      const holder = await findUserRow(trx, userId);
      if (!holder || userStatusOf(holder) === 'deactivated') return null;
      const user = await activateWithPassword(trx, userId, hash, at);
      if (purpose === 'password_reset') await deleteUserSessions(trx, userId);
      tx.record({
        accountId: user.account_id,
        by: { type: 'user', userId },
        action: purpose === 'activation' ? 'user.activated' : 'user.password_reset_completed',
        target: { type: 'user', id: userId },
        changedFields: purpose === 'activation' ? ['password', 'status'] : ['password'],
      });
      const sessionToken =
        purpose === 'activation'
          ? await createSession(trx, { userId, now, idleMs: this.#deps.sessionIdleMs })
          : null;
      return { token: sessionToken, user: toUser(user) };
    });
    if (!session) {
      throw new SwitchboardError(
        'invalid_token',
        'This link is invalid, used or expired; ask for a new one',
      );
    }
    await attempt.succeeded();
    return session;
  }

  /** Emailed tokens tried from one client address (D3). */
  #tokenLimit(origin: RequestOrigin): LimitedKey {
    return {
      key: `token:ip:${origin.clientAddress ?? 'unknown'}`,
      limit: this.#deps.rateLimiter.options.perAddress,
    };
  }

  #signInLimits(key: string | null, origin: RequestOrigin): LimitedKey[] {
    const address = origin.clientAddress ?? 'unknown';
    const { perEmailAndAddress, perAddress } = this.#deps.rateLimiter.options;
    const byAddress = { key: `sign-in:address:${address}`, limit: perAddress };
    return key === null
      ? [byAddress]
      : [
          {
            key: `sign-in:email:${key}:address:${address}`,
            limit: perEmailAndAddress,
            clearOnSuccess: true,
          },
          byAddress,
        ];
  }
}

/** The request a sign-in or an emailed link came with, for the audit log (E2). */
function requestOf(origin: RequestOrigin): RequestContext {
  return {
    ...(origin.requestId === undefined ? {} : { requestId: origin.requestId }),
    ...(origin.clientAddress === undefined ? {} : { clientAddress: origin.clientAddress }),
  };
}

/**
 * Switchboard acting on an anonymous request (a sign-in code, an emailed link), with that
 * request, so its audit event keeps the request's id and client address.
 */
function systemFor(origin: RequestOrigin): SystemActor & { readonly request: RequestContext } {
  return { type: 'system', request: requestOf(origin) };
}
