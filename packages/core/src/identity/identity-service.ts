import { bool } from '../db/row-values.js';
import { SwitchboardError } from '../errors/switchboard-error.js';
import type { Actor } from '../shared/actor.js';
import type { ServiceContext } from '../shared/service-context.js';

/** Who is acting. Sign-in and sessions build on this. */
export class IdentityService {
  readonly #ctx: ServiceContext;

  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }

  /**
   * The actor for a user your own app has already authenticated. Throws `not_found` for
   * an unknown id. Call it per request, so a changed admin flag takes effect at once.
   *
   * @example const actor = await sb.identity.actorFor(req.session.switchboardUserId);
   */
  async actorFor(userId: string): Promise<Actor> {
    const row = await this.#ctx.db
      .selectFrom('users')
      .select(['id', 'account_id', 'is_admin'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!row) throw new SwitchboardError('not_found', 'No such user');
    return { userId: row.id, accountId: row.account_id, isAdmin: bool(row.is_admin) };
  }
}
