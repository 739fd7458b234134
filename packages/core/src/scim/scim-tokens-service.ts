import {
  type ScimTokenCreate,
  type ScimTokenCreated,
  type ScimTokenList,
  scimTokenCreateSchema,
} from '@switchboard/contract';
import { isoTimestamp } from '../db/row-values.js';
import { parseInput } from '../errors/parse-input.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import type { RateLimiter, RequestOrigin } from '../identity/index.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { newId } from '../shared/ids.js';
import { newSecretToken } from '../shared/secret-token.js';
import type { ServiceContext } from '../shared/service-context.js';
import type { ScimActor } from '../shared/write-pipeline.js';
import {
  findLiveScimToken,
  findLiveScimTokens,
  insertScimToken,
  revokeScimToken,
  toScimToken,
  touchScimToken,
} from './scim-token-repository.js';

/** What every SCIM token starts with, so secret scanners and people can tell one. */
export const scimTokenPrefix = 'swb_scim_';

/** A token's `lastUsedAt` is written at most this often. */
const touchEveryMs = 60_000;

/**
 * The account's SCIM tokens (S1): admins create them (the secret shown once, kept as its
 * SHA-256), list them with when each was last used, and revoke them — at once: the next
 * request with a revoked token is refused.
 */
export class ScimTokensService {
  readonly #ctx: ServiceContext;
  readonly #rateLimiter: RateLimiter;

  constructor(ctx: ServiceContext, deps: { rateLimiter: RateLimiter }) {
    this.#ctx = ctx;
    this.#rateLimiter = deps.rateLimiter;
  }

  /** The account's live tokens, newest first (never the secrets). @example const { data } = await sb.scimTokens.list(admin); */
  async list(actor: Actor): Promise<ScimTokenList> {
    requireAdmin(actor);
    const rows = await findLiveScimTokens(this.#ctx.db, actor.accountId);
    return { data: rows.map(toScimToken) };
  }

  /**
   * Creates a token for an identity provider; its `token` is in this answer only.
   *
   * @example const { token } = await sb.scimTokens.create(admin, { description: 'Okta' });
   */
  async create(actor: Actor, input: ScimTokenCreate = {}): Promise<ScimTokenCreated> {
    requireAdmin(actor);
    const { description } = parseInput(scimTokenCreateSchema, input);
    const secret = `${scimTokenPrefix}${newSecretToken()}`;
    return this.#ctx.write(actor, async (tx) => {
      const row = await insertScimToken(tx.trx, {
        id: newId('sct'),
        accountId: actor.accountId,
        description,
        secret,
        now: tx.at,
      });
      const token = toScimToken(row);
      tx.record({
        action: 'scim_token.created',
        target: { type: 'scim_token', id: row.id },
        changedFields: ['description'],
        object: token,
      });
      return { ...token, token: secret };
    });
  }

  /** Revokes a token of the account at once; `not_found` for any other id. */
  async revoke(actor: Actor, id: string): Promise<void> {
    requireAdmin(actor);
    await this.#ctx.write(actor, async (tx) => {
      const row = await revokeScimToken(tx.trx, actor.accountId, id, tx.at);
      if (!row) throw new SwitchboardError('not_found', 'No such SCIM token');
      tx.record({ action: 'scim_token.revoked', target: { type: 'scim_token', id } });
    });
  }

  /**
   * The SCIM actor of a bearer token: its account's identity provider, or null for an
   * unknown or revoked token. Failures are counted per client address like failed sign-ins
   * (D3): past the limit, `rate_limited`. Each use is recorded as `lastUsedAt`, written at
   * most once a minute.
   *
   * @example const actor = await sb.scimTokens.authenticate(bearerToken, { clientAddress });
   */
  async authenticate(token: string, origin: RequestOrigin = {}): Promise<ScimActor | null> {
    const { db, clock } = this.#ctx;
    const row = token.startsWith(scimTokenPrefix) ? await findLiveScimToken(db, token) : undefined;
    if (!row) {
      await this.#rateLimiter.take(
        [
          {
            key: `scim-token:address:${origin.clientAddress ?? 'unknown'}`,
            limit: this.#rateLimiter.options.perAddress,
          },
        ],
        'Too many requests with a wrong SCIM token; try again later',
      );
      return null;
    }
    const now = clock.now();
    const lastUsed = row.last_used_at === null ? 0 : Date.parse(isoTimestamp(row.last_used_at));
    if (now.getTime() - lastUsed >= touchEveryMs) {
      await touchScimToken(db, row.id, now.toISOString());
    }
    return { type: 'scim', accountId: row.account_id, tokenId: row.id };
  }
}
